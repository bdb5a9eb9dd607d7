"""Intake: every input is decoded into a SourceDocument or rejected with a specific, stable reason."""

from __future__ import annotations

import codecs
import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extraction.intake import decode_input, repair_mojibake

LEAD = "On 15 April 2021 the SCO Secretary-General made a video address."


def _reason(name: str, data: bytes, **kwargs: int) -> str | None:
    result = decode_input(name, data, **kwargs)
    assert result.status == "rejected" and result.document is None
    return result.reason


def test_plain_utf8_text_is_parsed() -> None:
    result = decode_input("release.txt", LEAD.encode("utf-8"))
    assert result.status == "parsed" and result.reason is None
    assert result.document is not None
    assert (result.document.format, result.document.content, result.document.encoding) == ("text", LEAD, "utf-8")


def test_suffixes_are_case_insensitive_and_give_the_format() -> None:
    assert decode_input("A.TXT", LEAD.encode()).document.format == "text"
    assert decode_input("a.HTM", f"<p>{LEAD}</p>".encode()).document.format == "html"
    assert decode_input("dir/a.Html", f"<p>{LEAD}</p>".encode()).document.format == "html"


def test_rejections_have_specific_reasons() -> None:
    assert _reason("scan.pdf", b"%PDF-1.4") == "unsupported file type: .pdf"
    assert _reason("README", b"text") == "unsupported file type: (no suffix)"
    assert _reason("empty.txt", b"") == "empty file"
    assert _reason("big.txt", b"a" * 31, max_bytes=30) == "too large: 31 bytes > 30"
    assert _reason("bin.txt", bytes(range(256))) == "not text: binary content (NUL bytes)"
    assert _reason("ctl.txt", bytes(range(1, 32)) * 10) == "not text: binary content (control characters)"
    assert _reason("blank.txt", b" \n\t\n\xc2\xa0\n") == "no text: nothing left after removing markup/whitespace"
    assert _reason("markup.html", b"<html><body><script>var a;</script></body></html>").startswith("no text:")


def test_json_rejections() -> None:
    assert _reason("a.json", b'{"text": "On 1 May').startswith("malformed JSON: ")
    assert _reason("a.json", b"[1, 2]") == "JSON is not an object"
    assert _reason("a.json", b'{"title": "A title alone"}') == "missing fields: JSON needs 'text' or 'html'"
    assert _reason("a.json", b'{"text": 5}') == "bad field: JSON 'text' is not a string"
    assert _reason("a.json", b'{"text": "  "}').startswith("no text:")
    assert _reason("a.json", b"[" * 100_000).startswith("malformed JSON")


def test_json_metadata_is_read_and_a_bad_date_is_ignored() -> None:
    payload = {
        "text": LEAD,
        "title": " Title ",
        "url": "https://example.org/1",
        "published": "2021-04-16",
        "language": "en-GB",
    }
    document = decode_input("a.json", json.dumps(payload).encode()).document
    assert document is not None
    assert (document.format, document.content, document.title, document.url) == (
        "text",
        LEAD,
        "Title",
        "https://example.org/1",
    )
    assert (document.published, document.language) == (date(2021, 4, 16), "en")
    payload.update(published="16th of never", language=42)
    document = decode_input("a.json", json.dumps(payload).encode()).document
    assert document is not None and document.published is None and document.language is None
    assert (
        decode_input("a.json", json.dumps({**payload, "published": "2021-02-30"}).encode()).document.published is None
    )


def test_json_with_html_is_html_unless_the_page_is_empty() -> None:
    document = decode_input("a.json", json.dumps({"html": f"<p>{LEAD}</p>", "text": "x"}).encode()).document
    assert document is not None and document.format == "html"
    document = decode_input("a.json", json.dumps({"html": "<nav>Home</nav>", "text": LEAD}).encode()).document
    assert document is not None and (document.format, document.content) == ("text", LEAD)


def test_boms_are_honoured() -> None:
    for data, encoding in (
        (codecs.BOM_UTF8 + LEAD.encode("utf-8"), "utf-8-sig"),
        (LEAD.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + LEAD.encode("utf-16-be"), "utf-16"),
    ):
        document = decode_input("a.txt", data).document
        assert document is not None and document.content == LEAD and document.encoding == encoding


def test_cp1251_and_cp1252_are_told_apart() -> None:
    russian = "Генеральный секретарь ШОС Чжан Мин встретился с послом Казахстана."
    french = "Le Secrétaire général a rencontré le ministre à Genève pour un débat élargi."
    german = "Der Generalsekretär traf den Außenminister in München für Gespräche über Zusammenarbeit."
    for text, encoding in ((russian, "cp1251"), (french, "cp1252"), (german, "cp1252")):
        document = decode_input("a.txt", text.encode(encoding)).document
        assert document is not None and (document.content, document.encoding) == (text, encoding)


def test_koi8_r_is_recognised_and_iso_8859_5_is_rejected_not_garbled() -> None:
    text = "Сергей Лавров встретился с Генеральным секретарём ШОС в Москве."
    document = decode_input("a.txt", text.encode("koi8_r")).document
    assert document is not None and (document.content, document.encoding) == (text, "koi8-r")
    assert _reason("a.txt", text.encode("iso-8859-5")).startswith("undecodable: invalid UTF-8 at byte 0")


def test_cp1252_smart_quotes_alone_decode_as_cp1252() -> None:
    document = decode_input("a.txt", "The \u201cShanghai spirit\u201d \u2013 it\u2019s here.".encode("cp1252")).document
    assert document is not None and document.content == "The \u201cShanghai spirit\u201d \u2013 it\u2019s here."


def test_declared_html_charset_is_used_for_non_utf8_bytes() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Привет, мир и ШОС</p></body></html>'
    document = decode_input("a.html", html.encode("cp1251")).document
    assert document is not None and document.encoding == "cp1251" and "Привет" in document.content


def test_undecodable_double_byte_text_is_rejected_not_turned_into_mojibake() -> None:
    chinese = "上海合作组织秘书长会见哈萨克斯坦大使。双方讨论了合作问题。" * 3
    assert _reason("a.txt", chinese.encode("gbk")).startswith("undecodable: ")


def _as_cp1252_page(data: bytes) -> str:
    """Bytes read the way browsers read windows-1252: its five undefined bytes pass through as C1 controls."""
    return "".join(
        bytes([byte]).decode("cp1252") if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(byte) for byte in data
    )


def test_utf8_read_as_cp1252_is_repaired() -> None:
    original = "Pierre Krähenbühl met Miroslav Jenča – “a good meeting”."
    broken = _as_cp1252_page(original.encode("utf-8"))
    assert "Ã" in broken
    document = decode_input("a.txt", broken.encode("utf-8")).document
    assert document is not None and document.content == original
    assert document.encoding == "utf-8+repaired-cp1252-mojibake"


def test_utf8_read_as_cp1251_is_repaired() -> None:
    original = "Сергей Лавров встретился с Чжан Мином."
    broken = original.encode("utf-8").decode("cp1251")
    assert repair_mojibake(broken) == (original, "cp1251")


def test_genuine_accents_and_cyrillic_are_left_alone() -> None:
    for text in ("Türkiye, Zinaida Greceanîi, António Guterres, Jürgen Stock", "Сергей Лавров", "Ã la carte"):
        assert repair_mojibake(text) == (text, None)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(["a.txt", "a.html", "a.htm", "a.json", "a.pdf", "a"]), data=st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(name: str, data: bytes) -> None:
    result = decode_input(name, data)
    assert (result.status == "parsed") == (result.document is not None) == (result.reason is None)
    if result.status == "rejected":
        assert result.reason


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=500))
def test_arbitrary_text_never_crashes_and_utf8_round_trips(text: str) -> None:
    for name in ("a.txt", "a.html", "a.json"):
        result = decode_input(name, text.encode("utf-8"))
        if name == "a.txt" and result.document is not None and result.document.encoding == "utf-8":
            assert result.document.content == text
