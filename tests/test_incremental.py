"""Incremental runs: only new or changed inputs are parsed and extracted; a rerun with nothing new changes nothing."""
from __future__ import annotations

import shutil

import dagster as dg
import duckdb

from tests.conftest import SAMPLES_DIR, materialize_all

CHANGED = "2017-04-18_alimov_gumilev_lecture.txt"
ADDED = "2023-03-16_zhang_lavrov_moscow.txt"


def _run_counts(result: dg.ExecuteInProcessResult) -> tuple[int, int]:
    metadata = {
        event.asset_key.to_user_string(): event.materialization.metadata
        for event in result.get_asset_materialization_events()
    }
    return metadata["stg_release"]["parsed_this_run"].value, metadata["stg_person"]["releases_extracted_this_run"].value


def _snapshot(database) -> dict[str, list]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in ("raw_release", "dim_release", "dim_person", "fact_mention", "fact_participation")
        }


def test_only_new_and_changed_releases_are_processed(tmp_path, sample_warehouse):
    """Starting from the session's published sample warehouse (16 releases): one file added and one changed are the
    only two parsed and extracted; the rerun parses and extracts nothing and changes no row."""
    source, out = tmp_path / "source", tmp_path / "out"
    shutil.copytree(SAMPLES_DIR, source)
    shutil.copytree(sample_warehouse[0], out, symlinks=True)
    added = source / ADDED.replace(".txt", ".copy.txt")
    added.write_text((SAMPLES_DIR / ADDED).read_text(encoding="utf-8") + "\nA later paragraph.\n", encoding="utf-8")
    changed = source / CHANGED
    changed.write_text(changed.read_text(encoding="utf-8").replace("18 April 2017", "19 April 2017"), encoding="utf-8")
    assert _run_counts(materialize_all(source, out)) == (2, 2)

    with duckdb.connect(str(out / "releases.duckdb"), read_only=True) as connection:
        versions = connection.execute(
            "SELECT is_current, count(*) FROM raw_release WHERE source_uri = ? GROUP BY 1 ORDER BY 1", [CHANGED]
        ).fetchall()
        assert versions == [(False, 1), (True, 1)]
        assert connection.execute("SELECT count(*) FROM dim_release").fetchone()[0] == 17
        dates = connection.execute(
            "SELECT published_date::VARCHAR FROM dim_release WHERE source_uri = ?", [CHANGED]
        ).fetchall()
        assert dates == [("2017-04-19",)]
        persons = connection.execute(
            "SELECT count(*) FROM fact_participation WHERE release_id IN "
            "(SELECT release_id FROM dim_release WHERE source_uri = ?)",
            [CHANGED],
        ).fetchone()[0]
        assert persons == 1

    before = _snapshot(out / "releases.duckdb")
    assert _run_counts(materialize_all(source, out)) == (0, 0)
    assert _snapshot(out / "releases.duckdb") == before
