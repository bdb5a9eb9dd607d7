"""Intake: one input file (name + bytes) becomes a decoded SourceDocument or a specific rejection.

Reasons are stable, human-readable and start with a short code-like phrase ("empty file", "too large: ...",
"not text: ...", "undecodable: ...", "malformed JSON: ...", "no text: ...") so that `raw_release.reason` can be
grouped. Decoding never guesses silently into mojibake: UTF-8 (with or without BOM), UTF-16/32 with BOM, an HTML
page's declared charset, then a cp1251 / cp1252 choice by where the letters sit (KOI8-R when cp1251 puts capitals
inside words); bytes that fit none are rejected. UTF-8 text that was once decoded as cp1252 or cp1251 ("Ã©",
"Ð¡") is repaired when the whole text round-trips.
"""

from __future__ import annotations

import codecs
import json
import re
from datetime import date

from pipelines.extraction.dates import parse_date_string
from pipelines.extraction.html_article import extract_article
from pipelines.extraction.language import normalise_language_tag
from pipelines.extraction.normalise import normalise_line
from pipelines.extraction.records import IntakeResult, SourceDocument, SourceFormat

SUPPORTED_SUFFIXES: dict[str, str] = {".txt": "text", ".html": "html", ".htm": "html", ".json": "json"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1251": "cp1251",
    "windows-1252": "cp1252",
}
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{2,}")
_LOWER_THEN_UPPER = re.compile(r"[\u0430-\u045f][\u0400-\u042f]")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_LETTER_BYTE = re.compile(rb"[\xa8\xb8\xc0-\xd6\xd8-\xf6\xf8-\xff]")  # letters in both cp1251 and cp1252
_LETTER_BESIDE_ASCII = re.compile(
    rb"(?<=[A-Za-z])[\xa8\xb8\xc0-\xd6\xd8-\xf6\xf8-\xff]|[\xa8\xb8\xc0-\xd6\xd8-\xf6\xf8-\xff](?=[A-Za-z])"
)
# A UTF-8 lead byte read as cp1252/cp1251 ("\u00c3", "\u0420") followed by a continuation byte read the same way.
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122"
_CONTINUATION_1251 = "\u0402-\u040f\u0452-\u045f\u00a0-\u00bf\u2013-\u203a\u20ac\u2122\u2116"
_MOJIBAKE = re.compile(rf"[\u00c2-\u00f4][{_CONTINUATION}]|[\u0420\u0421][{_CONTINUATION_1251}]")


def _reject(reason: str) -> IntakeResult:
    return IntakeResult(status="rejected", reason=reason, document=None)


def _suffix(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base.strip(".") else ""


def _encode_single_byte(text: str, encoding: str) -> bytes | None:
    """`text` as the single-byte string it was decoded from; the codec's undefined bytes come back as C1 controls
    (as browsers and latin-1 fallbacks pass them through)."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for char in text:
        try:
            out += char.encode(encoding)
        except UnicodeEncodeError:
            if not 0x80 <= ord(char) <= 0x9F:
                return None
            out.append(ord(char))
    return bytes(out)


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """UTF-8 text that was decoded as cp1252/cp1251 and saved again, restored; also the codec undone, or None.

    The repair applies only when the whole text re-encodes and decodes as UTF-8, which genuine accented or
    Cyrillic text practically never does.
    """
    if not _MOJIBAKE.search(text):
        return text, None
    for wrong in ("cp1252", "cp1251"):
        raw = _encode_single_byte(text, wrong)
        if raw is None:
            continue
        try:
            repaired = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(_MOJIBAKE.findall(repaired)) < len(_MOJIBAKE.findall(text)):
            return repaired, wrong
    return text, None


def _guess_single_byte(data: bytes) -> str | None:
    """cp1252 or cp1251 for bytes that are not UTF-8, or None when neither is plausible.

    Both codecs put letters at 0xC0-0xFF. In Latin-script text those letters sit inside words of ASCII letters
    ("caf\xe9"); in Russian text they form whole words of their own. Anything else (CJK double-byte encodings,
    binary) has many high bytes that are letters in neither.
    """
    high = len(_HIGH_BYTE.findall(data))
    letters = len(_LETTER_BYTE.findall(data))
    if not high or not letters:
        return "cp1252"  # ASCII, or punctuation only: smart quotes, dashes, no-break spaces
    if len(_LETTER_BESIDE_ASCII.findall(data)) * 2 >= letters:
        return "cp1252"
    return "cp1251" if letters >= 0.6 * high else None


def _decode(data: bytes, declared: str | None) -> tuple[str, str] | str:
    """(text, encoding) or a rejection reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                return f"undecodable: invalid {encoding} after byte order mark ({error.reason})"
    if b"\x00" in data:
        return "not text: binary content (NUL bytes)"
    if len(_CONTROL_BYTES.findall(data[:100_000])) > max(3, len(data[:100_000]) // 100):
        return "not text: binary content (control characters)"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = f"invalid UTF-8 at byte {error.start}"
    guesses = [declared] if declared and declared != "utf-8" else []
    guessed = _guess_single_byte(data)
    guesses += {"cp1251": ["cp1251", "koi8_r"], "cp1252": ["cp1252"], None: []}[guessed]
    for encoding in guesses:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        if _plausible_case(text):
            return text, codecs.lookup(encoding).name
    return f"undecodable: {utf8_error}, and not plausible as cp1251, KOI8-R or cp1252 text either"


def _plausible_case(text: str) -> bool:
    """False for Cyrillic read with the wrong Cyrillic codec: KOI8-R or ISO-8859-5 read as cp1251 put capitals
    inside words ("рТЙЧЕФ", "їаШТХв"), which Russian text almost never does."""
    words = _CYRILLIC_WORD.findall(text[:100_000])
    mixed = sum(1 for word in words if _LOWER_THEN_UPPER.search(word))
    return mixed * 10 <= len(words)


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    return _CHARSET_ALIASES.get(name, name)


def _has_text(fmt: SourceFormat, content: str) -> bool:
    if fmt == "html":
        article = extract_article(content)
        return bool(article.title or article.paragraphs)
    return any(normalise_line(line) for line in content.splitlines())


def _optional_str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _published(value: object) -> date | None:
    """An ISO date (or datetime) string as a date; anything else is ignored, not fatal."""
    if not isinstance(value, str) or not re.match(r"\s*\d{4}-\d{1,2}-\d{1,2}", value):
        return None
    return parse_date_string(value)


def _from_json(text: str, encoding: str) -> SourceDocument | str:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as error:
        return f"malformed JSON: {error.msg} at line {error.lineno} column {error.colno}"
    except RecursionError:
        return "malformed JSON: nested too deeply"
    if not isinstance(payload, dict):
        return "JSON is not an object"
    for key in ("html", "text"):
        if key in payload and payload[key] is not None and not isinstance(payload[key], str):
            return f"bad field: JSON '{key}' is not a string"
    html_value, text_value = payload.get("html"), payload.get("text")
    if html_value is None and text_value is None:
        return "missing fields: JSON needs 'text' or 'html'"
    # The page when it holds an article, else the plain text (a feed may carry both, or an empty page).
    fmt: SourceFormat = "html" if html_value and (not text_value or _has_text("html", html_value)) else "text"
    return SourceDocument(
        format=fmt,
        content=(html_value if fmt == "html" else text_value) or "",
        encoding=encoding,
        title=normalise_line(_optional_str(payload.get("title")) or "") or None,
        url=_optional_str(payload.get("url")),
        published=_published(payload.get("published")),
        language=normalise_language_tag(_optional_str(payload.get("language"))),
    )


def decode_input(name: str, data: bytes, *, max_bytes: int = 5_000_000) -> IntakeResult:
    """Classify one input file by its name's suffix and its bytes: a SourceDocument, or why it is rejected."""
    suffix = _suffix(name)
    kind = SUPPORTED_SUFFIXES.get(suffix)
    if kind is None:
        return _reject(f"unsupported file type: {suffix or '(no suffix)'}")
    if not data:
        return _reject("empty file")
    if len(data) > max_bytes:
        return _reject(f"too large: {len(data)} bytes > {max_bytes}")
    decoded = _decode(data, _declared_charset(data) if kind == "html" else None)
    if isinstance(decoded, str):
        return _reject(decoded)
    text, encoding = decoded
    text, undone = repair_mojibake(text)
    if undone:
        encoding = f"{encoding}+repaired-{undone}-mojibake"
    if kind == "json":
        document = _from_json(text, encoding)
        if isinstance(document, str):
            return _reject(document)
    else:
        document = SourceDocument(format="html" if kind == "html" else "text", content=text, encoding=encoding)
    if not _has_text(document.format, document.content):
        return _reject("no text: nothing left after removing markup/whitespace")
    return IntakeResult(status="parsed", reason=None, document=document)
