"""End to end: the sample releases through every asset into DuckDB and Parquet, checks green, reruns stable."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pyarrow.parquet as pq

from pipelines.assets.export import EXPORTED_TABLES
from pipelines.checks import ROW_CHECKS
from tests.conftest import SAMPLES_DIR, materialize_all

CONTRACT_COLUMNS = {
    "raw_release": ["source_uri", "content_sha256", "size_bytes", "status", "reason", "release_id"],
    "dim_release": ["release_id", "source", "source_uri", "title", "published_date", "language", "body_text",
                    "content_sha256"],
    "dim_person": ["person_id", "canonical_name"],
    "dim_organisation": ["org_id", "canonical_name", "acronym", "org_type", "country_iso3"],
    "dim_country": ["iso3", "name"],
    "dim_event": ["event_id", "release_id", "name", "kind", "event_date", "is_virtual", "place"],
    "dim_document": ["document_id", "canonical_name", "kind"],
    "fact_mention": ["release_id", "entity_type", "entity_id", "surface_text", "char_start", "char_end"],
    "fact_participation": ["release_id", "event_id", "person_id", "title_as_written", "org_id", "country_iso3"],
    "fact_statement": ["release_id", "person_id", "org_id", "act_type", "text", "char_start", "char_end"],
}


def test_every_asset_and_check_succeeds(sample_warehouse):
    _, result = sample_warehouse
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    assert len(evaluations) == len(ROW_CHECKS)  # every check ran, inside the step that writes its table
    failed = [f"{e.asset_key.to_user_string()}:{e.check_name} {e.metadata}" for e in evaluations if not e.passed]
    assert failed == []


def test_contract_tables_and_columns(sample_warehouse):
    out_dir, _ = sample_warehouse
    with duckdb.connect(str(out_dir / "releases.duckdb"), read_only=True) as connection:
        for table, columns in CONTRACT_COLUMNS.items():
            present = {row[0] for row in connection.execute(f"DESCRIBE {table}").fetchall()}
            assert set(columns) <= present, f"{table} lacks {set(columns) - present}"
        statuses = connection.execute("SELECT status, count(*) FROM raw_release GROUP BY 1").fetchall()
        assert dict(statuses) == {"parsed": 16}
        assert connection.execute("SELECT count(*) FROM dim_release WHERE published_date IS NULL").fetchone()[0] == 0
        for table in ("dim_person", "dim_organisation", "dim_event", "fact_mention", "fact_participation",
                      "fact_statement"):
            assert connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table


def test_parquet_export_reads_back(sample_warehouse):
    out_dir, _ = sample_warehouse
    with duckdb.connect(str(out_dir / "releases.duckdb"), read_only=True) as connection:
        for table in EXPORTED_TABLES:
            parquet = pq.read_table(out_dir / "parquet" / f"{table}.parquet")
            assert parquet.num_rows == connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0], table
    assert not list((out_dir / "parquet").glob(".*.tmp"))


def _table_digest(database: Path) -> dict[str, str]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return {
            table: hashlib.sha256(repr(connection.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()).encode())
            .hexdigest()
            for table in EXPORTED_TABLES
        }


def test_rerun_changes_nothing(sample_warehouse, tmp_path):
    out_dir, _ = sample_warehouse
    copy = tmp_path / "rerun"
    shutil.copytree(out_dir, copy)
    before = _table_digest(copy / "releases.duckdb")
    assert materialize_all(SAMPLES_DIR, copy).success
    assert _table_digest(copy / "releases.duckdb") == before


def test_two_builds_write_identical_parquet(sample_warehouse, tmp_path):
    out_dir, _ = sample_warehouse
    assert materialize_all(SAMPLES_DIR, tmp_path).success
    for table in EXPORTED_TABLES:
        first = (out_dir / "parquet" / f"{table}.parquet").read_bytes()
        second = (tmp_path / "parquet" / f"{table}.parquet").read_bytes()
        assert first == second, table


def test_a_failed_blocking_check_stops_the_models_after_it_and_publishes_nothing(sample_warehouse, tmp_path: Path):
    """All models are one step (`warehouse_models`); a blocking check that fails there ends the step with the reason,
    and the models after it in the build order are not built."""
    from pipelines.assets.models import BUILD_ORDER, MODEL_NAMES

    out_dir = tmp_path / "out"
    shutil.copytree(sample_warehouse[0], out_dir, symlinks=True)
    database = out_dir / "releases.duckdb"
    with duckdb.connect(str(database)) as connection:  # a mention whose text is not its span
        connection.execute("UPDATE stg_mention SET surface_text = 'not the span' WHERE rowid = 0")
        published_before = connection.execute("SELECT count(*) FROM fact_mention").fetchone()
    result = materialize_all(SAMPLES_DIR, out_dir, selection=dg.AssetSelection.assets(*MODEL_NAMES))
    assert not result.success
    failures = [e for e in result.all_events if e.is_step_failure]
    assert "fact_mention failed the blocking check surface_text_matches_span (1 offending rows)" in str(
        failures[0].step_failure_data.error
    )
    built = {event.asset_key.to_user_string() for event in result.get_asset_materialization_events()}
    names = [model.name for model in BUILD_ORDER]
    after = set(names[names.index("fact_mention") + 1:])
    assert after and "fact_mention" in built and not built & after
    with duckdb.connect(str(database), read_only=True) as connection:  # the published file is untouched
        assert connection.execute("SELECT count(*) FROM fact_mention").fetchone() == published_before
