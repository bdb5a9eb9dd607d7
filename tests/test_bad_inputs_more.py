"""Every kind of bad input in ONE run: each is accounted for with a specific reason, and the good releases stay whole.

The folder mixes two good sample releases with empty, binary, truncated, mis-encoded, oversized, malformed, dateless,
foreign-language, script-laden, invisible-character, symlinked, oddly named and hostile inputs.
"""
from __future__ import annotations

import json
import os
import shutil
import tracemalloc
from pathlib import Path

import dagster as dg
import duckdb
import pyarrow.parquet as pq
import pytest

from pipelines.source_files import MAX_RELEASE_BYTES, scan_source_folder
from tests.conftest import SAMPLES_DIR, materialize_all

GOOD = "2021-03-10_norov_cnc_tashkent.html"  # a complete HTML page, compared row by row with the sample build
TWICE = "2019-05-15_norov_mscs_bishkek.txt"  # the same bytes under two names
TRUNCATED_FROM = "2020-06-24_norov_osce_conference.html"
HOSTILE = "'); DROP TABLE dim_person; --"
HUGE_BYTES = 30 * 1024 * 1024

RUSSIAN = (
    "Генеральный секретарь ШОС встретился с послом\n\n"
    "Генеральный секретарь ШОС Чжан Мин встретился с Чрезвычайным и Полномочным Послом Индии в Пекине. "
    "Стороны обсудили вопросы сотрудничества в рамках Организации."
)
LATIN1 = (
    "SCO Secretary-General meets UN Secretary-General\n\n"
    "On 5 May 2021 SCO Secretary-General Vladimir Norov met UN Secretary-General António Guterres in Genève. "
    "The sides discussed cooperation with Türkiye and the Interpol work of Jürgen Stock."
)
CHINESE = "上海合作组织秘书长张明会见印度驻华大使\n\n上海合作组织秘书长张明会见了印度驻华大使。双方讨论了合作问题。"
UNDATED = (
    "SCO Secretary-General meets Ambassador of India\n\n"
    "SCO Secretary-General Zhang Ming met the Ambassador of the Republic of India to China Pradeep Kumar Rawat. "
    "The sides discussed cooperation within the Organisation."
)
INVISIBLE = (
    "SCO\u00a0Secretary-General\u200b meets Foreign\u00a0Minister of Kazakhstan\n\n"
    "On\u00a012\u00a0May\u00a02021, SCO Secretary-General\u00a0Vladimir\u00a0Norov met\u200b the Minister of "
    "Foreign Affairs of the Republic of Kazakhstan\u200d Mukhtar\u00a0Tileuberdi.\ufeff The\u2060 sides discussed "
    "the\u200c agenda of the\u00a0SCO summit in Dushanbe.\u202f Mr\u00a0Norov thanked Kazakhstan."
)
SCRIPT_NAMES = ["Narendra Modi", "Xi Jinping", "Shavkat Mirziyoyev", "Recep Erdogan"]
SCRIPT_COUNTRIES = {"IND": "India", "TKM": "Turkmenistan", "MNG": "Mongolia", "TUR": "Turkey"}
SCRIPTED_HTML = f"""<html><head><title>SCO Secretary-General meets Ambassador of Pakistan</title>
<style>/* {SCRIPT_NAMES[0]} of {SCRIPT_COUNTRIES['IND']} */ .date {{ color: red }}</style>
<script>var leaders = ["{SCRIPT_NAMES[1]}", "{SCRIPT_NAMES[2]}"]; var where = "{SCRIPT_COUNTRIES['TKM']}";</script>
</head><body>
<div class="article"><h1>SCO Secretary-General meets Ambassador of Pakistan</h1>
<div class="date">13.05.2021</div>
<p>On 12 May 2021, SCO Secretary-General Vladimir Norov met the Ambassador of the Islamic Republic of Pakistan to
China Moin ul Haque at the SCO Secretariat.</p>
<script type="text/javascript">document.write("{SCRIPT_NAMES[3]} {SCRIPT_COUNTRIES['MNG']} {SCRIPT_COUNTRIES['TUR']}");
</script><style>p::after {{ content: "{SCRIPT_COUNTRIES['MNG']}" }}</style>
<p>The sides discussed the preparations for the SCO summit in Dushanbe.</p>
</div></body></html>
"""


def _truncated_html() -> bytes:
    """The OSCE page cut in the middle of a `<p>` tag inside the article, after two whole paragraphs."""
    page = (SAMPLES_DIR / TRUNCATED_FROM).read_bytes()
    cut = page.index(b"<p>The Secretary-General pointed out") + 2
    return page[:cut]


def _build_folder(root: Path) -> None:
    root.mkdir()
    shutil.copy(SAMPLES_DIR / GOOD, root / GOOD)
    shutil.copy(SAMPLES_DIR / TWICE, root / TWICE)
    (root / "copies").mkdir()
    shutil.copy(SAMPLES_DIR / TWICE, root / "copies" / "same release again.txt")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.html").write_bytes(bytes(range(256)) * 8)
    (root / "truncated.html").write_bytes(_truncated_html())
    (root / "truncated_in_head.html").write_bytes((SAMPLES_DIR / TRUNCATED_FROM).read_bytes()[:16])  # "<html><head><t"
    (root / "russian_cp1251.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (root / "english_latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    (root / "chinese.txt").write_text(CHINESE, encoding="utf-8")
    line = b"On 1 May 2020 the SCO Secretary-General met the Ambassador of India.\n"
    (root / "huge.txt").write_bytes((line * (HUGE_BYTES // len(line) + 1))[:HUGE_BYTES])  # 30 MB of plausible text
    (root / "malformed.json").write_text('{"title": "Cut", "text": "On 1 May 2020 the SCO', encoding="utf-8")
    (root / "no_text.json").write_text(json.dumps({"title": "A title alone", "published": "2021-01-01"}))
    (root / "empty_text.json").write_text(json.dumps({"title": "A title", "text": "  \n "}))
    (root / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (root / "scripted.html").write_text(SCRIPTED_HTML, encoding="utf-8")
    (root / "invisible.txt").write_text(INVISIBLE, encoding="utf-8")
    (root / "Communiqué du sommet – été 2025.txt").write_text(
        (SAMPLES_DIR / "2025-01-04_yermekbayev_tokayev.txt").read_text(encoding="utf-8") + "\nThe meeting ended.\n",
        encoding="utf-8",
    )
    (root / f"{HOSTILE}.txt").write_text(
        f"{HOSTILE}\n\nOn 2 May 2020 SCO Secretary-General Vladimir Norov said {HOSTILE} was not a threat.",
        encoding="utf-8",
    )
    (root / "hostile.json").write_text(
        json.dumps({"title": HOSTILE, "text": f"On 3 May 2020 {HOSTILE} SCO Secretary-General Zhang Ming spoke."})
    )
    outside = root.parent / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("On 3 May 2020 a secret release outside the source folder.", encoding="utf-8")
    os.symlink(outside / "secret.txt", root / "link_out.txt")
    os.symlink(outside, root / "linked_folder", target_is_directory=True)


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dg.ExecuteInProcessResult]:
    """One materialisation over the whole folder; the output folder's name has a quote in it, too."""
    base = tmp_path_factory.mktemp("bad_inputs")
    _build_folder(base / "source")
    out = base / "out ' quoted"
    return out / "releases.duckdb", materialize_all(base / "source", out)


def _query(database: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql, params or []).fetchall()


def _raw(database: Path) -> dict[str, tuple[str, str | None, str | None]]:
    rows = _query(database, "SELECT source_uri, status, reason, encoding FROM raw_release")
    return {uri: (status, reason, encoding) for uri, status, reason, encoding in rows}


def _release(database: Path, uri: str) -> dict:
    with duckdb.connect(str(database), read_only=True) as connection:
        cursor = connection.execute("SELECT * FROM dim_release WHERE source_uri = ?", [uri])
        rows = cursor.fetchall()
        columns = [column[0] for column in cursor.description]
    assert len(rows) == 1, uri
    return dict(zip(columns, rows[0], strict=True))


def _mentions(database: Path, uri: str) -> list[tuple[str, str, str]]:
    return _query(
        database,
        "SELECT entity_type, entity_id, surface_text FROM fact_mention "
        "JOIN dim_release USING (release_id) WHERE source_uri = ? ORDER BY ALL",
        [uri],
    )


def test_the_run_succeeds_with_every_check_green(bad_build):
    _, result = bad_build
    assert result.success
    failed = [e.check_name for e in result.get_asset_check_evaluations() if not e.passed]
    assert failed == []


def test_every_input_is_accounted_for_with_a_specific_reason(bad_build):
    database, _ = bad_build
    rows = _raw(database)
    expected_reasons = {
        "empty.txt": "empty file",
        "binary.html": "not text: binary content",
        "truncated_in_head.html": "no text:",
        "huge.txt": f"too large: {HUGE_BYTES} bytes > {MAX_RELEASE_BYTES}",
        "malformed.json": "malformed JSON:",
        "no_text.json": "missing fields: JSON needs 'text' or 'html'",
        "empty_text.json": "no text:",
        "link_out.txt": "symlink pointing outside the source folder: not read",
    }
    for uri, prefix in expected_reasons.items():
        status, reason, _ = rows[uri]
        assert status == "rejected" and reason.startswith(prefix), (uri, reason)
    parsed = {uri for uri, (status, _, _) in rows.items() if status == "parsed"}
    assert parsed == {
        GOOD, TWICE, "truncated.html", "russian_cp1251.txt", "english_latin1.txt", "chinese.txt", "undated.txt",
        "scripted.html", "invisible.txt", "Communiqué du sommet – été 2025.txt", f"{HOSTILE}.txt", "hostile.json",
    }
    assert rows["copies/same release again.txt"][:2] == ("duplicate", f"duplicate of {TWICE} (same content)")
    assert len(rows) == len(parsed) + len(expected_reasons) + 1  # nothing that came in is missing, nothing extra
    assert not any(uri.startswith("linked_folder") for uri in rows)  # folders reached by symlink are not entered


def test_nothing_outside_the_source_folder_is_read(bad_build):
    database, _ = bad_build
    assert _query(database, "SELECT count(*) FROM dim_release WHERE body_text LIKE '%secret release%'") == [(0,)]
    assert _query(database, "SELECT size_bytes, content_sha256 FROM raw_release WHERE source_uri = 'link_out.txt'") == [
        (0, None)
    ]


@pytest.mark.parametrize("table", ["dim_release", "dim_event", "fact_mention", "fact_participation", "fact_statement"])
def test_good_releases_are_as_complete_as_in_a_clean_build(bad_build, sample_warehouse, table):
    database, _ = bad_build
    clean = sample_warehouse[0] / "releases.duckdb"
    for uri in (GOOD, TWICE):
        release_id = _query(clean, "SELECT release_id FROM dim_release WHERE source_uri = ?", [uri])[0][0]
        sql = f"SELECT * FROM {table} WHERE release_id = ? ORDER BY ALL"
        expected = _query(clean, sql, [release_id])
        assert expected, (table, uri)
        assert _query(database, sql, [release_id]) == expected, (table, uri)


def test_truncated_html_keeps_the_article_text_before_the_cut(bad_build):
    """Decision: a page cut mid-tag is parsed when it still has article text (the whole paragraphs before the cut)
    and rejected ("no text") when the cut comes before any; the dated page keeps its date."""
    database, _ = bad_build
    release = _release(database, "truncated.html")
    assert "strengthen security in Central Asia." in release["body_text"]
    assert "coronavirus" not in release["body_text"]
    assert str(release["published_date"]) == "2020-06-24"
    assert ("person", "Vladimir Norov") in {
        (kind, name) for kind, _, name in _mentions(database, "truncated.html")
    }


@pytest.mark.xfail(strict=True, reason="html_article feeds the cut tag's text ('<p') to the body: a parser gap")
def test_truncated_html_leaves_no_fragment_of_the_cut_tag(bad_build):
    database, _ = bad_build
    assert "<" not in _release(database, "truncated.html")["body_text"]


def test_cp1251_and_latin1_are_decoded_not_mojibake(bad_build):
    database, _ = bad_build
    rows = _raw(database)
    russian = _release(database, "russian_cp1251.txt")
    assert rows["russian_cp1251.txt"][2] == "cp1251" and russian["encoding"] == "cp1251"
    assert "Генеральный секретарь ШОС Чжан Мин" in russian["body_text"]
    assert russian["language"] == "ru"
    english = _release(database, "english_latin1.txt")
    assert english["encoding"] == rows["english_latin1.txt"][2] == "cp1252"  # latin-1 is read as its superset
    assert "António Guterres in Genève" in english["body_text"] and "Ã" not in english["body_text"]
    assert english["language"] == "en"
    persons = {name for kind, _, name in _mentions(database, "english_latin1.txt") if kind == "person"}
    assert "António Guterres" in persons


def test_non_english_releases_are_kept_with_their_language_and_no_entities(bad_build):
    database, _ = bad_build
    for uri, language in [("chinese.txt", "zh"), ("russian_cp1251.txt", "ru")]:
        assert _release(database, uri)["language"] == language
        assert _mentions(database, uri) == []
        assert _query(
            database,
            "SELECT count(*) FROM fact_participation JOIN dim_release USING (release_id) WHERE source_uri = ?",
            [uri],
        ) == [(0,)]


def test_a_release_with_no_date_anywhere_has_a_null_date(bad_build):
    database, _ = bad_build
    release = _release(database, "undated.txt")
    assert release["published_date"] is None
    assert release["date_source"] == "none"
    assert any(kind == "person" for kind, _, _ in _mentions(database, "undated.txt"))


def test_scripts_and_styles_are_never_extracted(bad_build):
    database, _ = bad_build
    body = _release(database, "scripted.html")["body_text"]
    assert "Moin ul Haque" in body and "Dushanbe" in body
    for word in [*SCRIPT_NAMES, *SCRIPT_COUNTRIES.values(), "document.write", "color: red"]:
        assert word not in body, word
    mentions = _mentions(database, "scripted.html")
    assert mentions, "the article itself still yields mentions"
    assert not {iso3 for kind, iso3, _ in mentions if kind == "country"} & set(SCRIPT_COUNTRIES)
    surfaces = " ".join(surface for _, _, surface in mentions)
    assert not any(name.split()[-1] in surfaces for name in SCRIPT_NAMES)


def test_zero_width_and_no_break_characters_keep_offsets_valid(bad_build):
    database, _ = bad_build
    release = _release(database, "invisible.txt")
    assert "Norov" in release["body_text"]
    spans = _query(
        database,
        "SELECT m.surface_text, m.char_start, m.char_end, r.body_text FROM fact_mention m "
        "JOIN dim_release r USING (release_id) WHERE r.source_uri = 'invisible.txt'",
    )
    assert {"country", "person"} <= {kind for kind, _, _ in _mentions(database, "invisible.txt")}
    for surface, start, end, body in spans:
        assert 0 <= start < end <= len(body) and body[start:end] == surface


def test_names_with_spaces_accents_and_sql_are_kept_verbatim(bad_build):
    database, _ = bad_build
    assert _release(database, "Communiqué du sommet – été 2025.txt")["title"].startswith("President of Kazakhstan")
    assert _release(database, f"{HOSTILE}.txt")["title"] == HOSTILE
    assert _release(database, "hostile.json")["title"] == HOSTILE
    assert HOSTILE in _release(database, "hostile.json")["body_text"]
    tables = {row[0] for row in _query(database, "SELECT table_name FROM information_schema.tables")}
    assert {"dim_person", "dim_release", "fact_mention", "raw_release"} <= tables
    assert _query(database, "SELECT count(*) > 5 FROM dim_person") == [(True,)]


def test_parquet_export_into_a_quoted_folder_reads_back(bad_build):
    database, _ = bad_build
    export = database.parent / "parquet"
    assert export.is_dir()
    rows = pq.read_table(export / "dim_release.parquet").num_rows
    assert [(rows,)] == _query(database, "SELECT count(*) FROM dim_release")


def test_an_oversized_file_is_never_held_in_memory(tmp_path):
    """Scanning a 30 MB file hashes it as a stream: Python's allocations stay far below its size."""
    (tmp_path / "huge.txt").write_bytes(b"x" * HUGE_BYTES)
    tracemalloc.start()
    try:
        files = list(scan_source_folder(tmp_path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert files[0].data is None and files[0].problem.startswith("too large")
    assert peak < 4 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB while scanning a {HUGE_BYTES / 1e6:.0f} MB file"


def test_a_folder_that_cannot_be_listed_is_a_rejected_input_not_a_silent_gap(tmp_path, monkeypatch):
    """os.walk skips a folder it cannot list unless told; the scan turns it into one rejected input with the reason.
    The tests run as root, for whom no permission bit denies a listing, so the listing itself fails here."""
    for folder in ("a_before", "locked", "z_after"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "release.txt").write_text("A release.", encoding="utf-8")
    locked = tmp_path / "locked"
    real_scandir = os.scandir

    def scandir(path=".", *args):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    files = list(scan_source_folder(tmp_path))
    assert [(file.source_uri, file.problem) for file in files] == [
        ("a_before/release.txt", None),
        ("locked/", "unreadable folder: Permission denied; the files in it were not read"),
        ("z_after/release.txt", None),
    ]
