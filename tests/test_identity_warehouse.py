"""Identities and offices through the whole pipeline: releases in a tmp folder -> the warehouse tables."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import materialize_all

RELEASES = {
    "2021-04-15_norov_aitmatov.txt": (
        "SCO Secretary-General meets Foreign Minister of Kyrgyzstan\n\n"
        "On 15 April 2021, SCO Secretary-General Vladimir Norov met with Minister of Foreign Affairs of the Kyrgyz "
        "Republic Askar Aitmatov in Bishkek.\n\n"
        "Askar Aitmatov noted the growing role of the Shanghai Cooperation Organisation.\n"
    ),
    "2021-06-02_aytmatov_forum.txt": (
        "SCO Secretary-General addresses a forum in Bishkek\n\n"
        "On 2 June 2021, Minister of Foreign Affairs of the Kyrgyz Republic Askar Aytmatov opened a forum of the "
        "Shanghai Cooperation Organisation member states in Bishkek.\n\n"
        "SCO Secretary-General Vladimor Norov praised the initiative.\n"
    ),
    "2022-03-10_secretary_general_unnamed.txt": (
        "SCO Secretary-General takes part in a conference on regional security\n\n"
        "On 10 March 2022, the SCO Secretary-General took part in a conference on regional security held by the "
        "Shanghai Cooperation Organisation in Beijing.\n\n"
        "The Secretary-General noted the threats posed by terrorism and drug trafficking.\n\n"
        "He stressed the need for closer cooperation of the Shanghai Cooperation Organisation member states.\n"
    ),
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory):
    source = tmp_path_factory.mktemp("identity_source")
    for name, text in RELEASES.items():
        (source / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("identity_build")
    result = materialize_all(source, out)
    assert result.success
    failed = [f"{e.asset_key.to_user_string()}:{e.check_name}" for e in result.get_asset_check_evaluations()
              if not e.passed]
    assert failed == []
    with duckdb.connect(str(Path(out) / "releases.duckdb"), read_only=True) as connection:
        yield connection


def _release(connection, prefix: str) -> str:
    return connection.execute("SELECT release_id FROM dim_release WHERE source_uri LIKE ?", [prefix + "%"]).fetchone()[0]


def _participants(connection, release_id: str) -> set[str]:
    return {row[0] for row in connection.execute(
        "SELECT p.canonical_name FROM fact_participation f JOIN dim_person p USING (person_id) WHERE f.release_id = ?",
        [release_id]).fetchall()}


def test_variant_spellings_across_releases_are_one_person(warehouse) -> None:
    rows = warehouse.execute(
        "SELECT person_id, canonical_name, aliases, release_count FROM dim_person "
        "WHERE list_contains(aliases, 'Askar Aytmatov') OR list_contains(aliases, 'Vladimor Norov')"
    ).fetchall()
    by_name = {row[1]: row for row in rows}
    assert set(by_name) == {"Askar Aitmatov", "Vladimir Norov"}  # the reference spelling wins
    assert by_name["Askar Aitmatov"][2] == ["Askar Aitmatov", "Askar Aytmatov"]
    assert by_name["Askar Aitmatov"][3] == 2
    assert set(by_name["Vladimir Norov"][2]) == {"Vladimir Norov", "Vladimor Norov"}
    first, second = _release(warehouse, "2021-04-15"), _release(warehouse, "2021-06-02")
    ids = warehouse.execute(
        "SELECT DISTINCT person_id FROM fact_participation WHERE release_id IN (?, ?) AND person_id = ?",
        [first, second, by_name["Askar Aitmatov"][0]]).fetchall()
    assert len(ids) == 1
    mentioned = warehouse.execute(
        "SELECT count(DISTINCT release_id) FROM fact_mention WHERE entity_type = 'person' AND entity_id = ?",
        [by_name["Askar Aitmatov"][0]]).fetchone()[0]
    assert mentioned == 2


def test_identity_tables_explain_the_merge(warehouse) -> None:
    identity = dict(warehouse.execute("SELECT canonical_name, person_key FROM stg_person_identity").fetchall())
    assert identity["Askar Aytmatov"] == "Askar Aitmatov"
    assert identity["Vladimor Norov"] == "Vladimir Norov"
    pairs = warehouse.execute(
        "SELECT name_a, name_b, decision, evidence, len(release_ids) FROM review_identity "
        "WHERE name_a = 'Vladimir Norov' AND name_b = 'Vladimor Norov'").fetchall()
    assert len(pairs) == 1 and pairs[0][2] == "same" and "shared office" in pairs[0][3] and pairs[0][4] == 2


def test_unnamed_secretary_general_is_the_holder_on_that_date(warehouse) -> None:
    release_id = _release(warehouse, "2022-03-10")
    assert _participants(warehouse, release_id) == {"Zhang Ming"}
    speakers = warehouse.execute(
        "SELECT s.cue, p.canonical_name FROM fact_statement s JOIN dim_person p USING (person_id) "
        "WHERE s.release_id = ? ORDER BY s.char_start", [release_id]).fetchall()
    assert speakers == [("noted", "Zhang Ming"), ("stressed", "Zhang Ming")]  # "He stressed" is the speaker


def test_offices_over_time(warehouse) -> None:
    terms = warehouse.execute(
        "SELECT p.canonical_name, h.valid_from::VARCHAR, h.valid_to::VARCHAR, h.source, len(h.evidence_release_ids) "
        "FROM fact_office_holding h JOIN dim_office o USING (office_id) JOIN dim_person p USING (person_id) "
        "WHERE o.canonical_name = 'SCO Secretary-General' ORDER BY h.valid_from").fetchall()
    by_person = {row[0]: row[1:] for row in terms}
    assert by_person["Vladimir Norov"] == ("2019-01-01", "2021-12-31", "reference", 2)
    assert by_person["Zhang Ming"] == ("2022-01-01", "2024-12-31", "reference", 1)
    assert by_person["Rashid Alimov"][3] == 0
    minister = warehouse.execute(
        "SELECT o.canonical_name, o.country_iso3, h.source, h.valid_from::VARCHAR, h.valid_to::VARCHAR "
        "FROM fact_office_holding h JOIN dim_office o USING (office_id) JOIN dim_person p USING (person_id) "
        "WHERE p.canonical_name = 'Askar Aitmatov'").fetchall()
    assert minister == [("Minister of Foreign Affairs", "KGZ", "releases", "2021-04-15", "2021-06-02")]
