"""Month partitions: a backfill of a month range re-extracts exactly those months' releases and publishes them.

A backfill runs as the UI runs it: the partitioned step over the whole range in one run (single-run backfill
policy), then the unpartitioned rest (models, checks, export, publish) in the next; both carry the backfill's id and
so share one DuckDB build file, published once at the end. The first run goes through the real command line on the
multiprocess executor (a process per step on the shared build file); the rerun changes nothing.
"""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.partitions import MONTH_OF_RELEASE, RELEASE_MONTH, UNDATED, register_release_months
from tests.dagster_cli import DAGSTER, Place, fill_source, published_state, run, tail

MONTHS = ["2019-05", "2019-08", "2020-06"]  # the samples' months from May 2019 to June 2020: one release each
RANGE_TAGS = {"dagster/asset_partition_range_start": MONTHS[0], "dagster/asset_partition_range_end": MONTHS[-1]}
STAGING = ["stg_person", "stg_mention", "stg_event", "stg_event_participant", "stg_statement", "stg_extraction_log"]
TAMPERED = "tampered"


def _resources(place: Place) -> dict:
    from pipelines.resources import ParquetExportResource, ReleaseSourceResource, WarehouseResource

    return {
        "warehouse": WarehouseResource(database=str(place.warehouse)),
        "release_source": ReleaseSourceResource(source_dir=str(place.source)),
        "parquet": ParquetExportResource(export_dir=str(place.export)),
    }


def _state(place: Place) -> dict[str, list]:
    with duckdb.connect(str(place.warehouse), read_only=True) as connection:
        tables = [*STAGING, "dim_person", "fact_mention", "fact_participation", "fact_statement"]
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() for table in tables}


def _tampered_by_month(place: Place) -> dict[str, tuple[int, int, int]]:
    """Per month: rows of stg_mention, how many still carry the tampered rule, and how many of fact_mention do."""
    counts: dict[str, list[int]] = {}
    with duckdb.connect(str(place.warehouse), read_only=True) as connection:
        for table in ("stg_mention", "fact_mention"):
            for month, total, tampered in connection.execute(
                f"SELECT {MONTH_OF_RELEASE}, count(*), count(*) FILTER (rule = '{TAMPERED}') "
                f"FROM stg_release JOIN {table} USING (release_id) GROUP BY ALL"
            ).fetchall():
                counts.setdefault(month, [0, 0, 0])
                if table == "stg_mention":
                    counts[month][:2] = [total, tampered]
                else:
                    counts[month][2] = tampered
    return {month: tuple(values) for month, values in sorted(counts.items())}


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory, sample_warehouse) -> Place:
    """The session's published sample warehouse, copied, with a DAGSTER_HOME that knows its months (as the parse
    step of a normal run registers them)."""
    place = Place(tmp_path_factory.mktemp("partitions"))
    fill_source(place.source)
    place.env()  # DAGSTER_HOME with the project's instance configuration
    place.warehouse.parent.mkdir(parents=True)
    shutil.copy(sample_warehouse[0] / "releases.duckdb", place.warehouse)
    with dg.DagsterInstance.from_config(str(place.dagster_home)) as instance, duckdb.connect(
        str(place.warehouse), read_only=True
    ) as connection:
        assert set(MONTHS) <= set(register_release_months(instance, connection))
    return place


def _publish_backfill(place: Place, instance: dg.DagsterInstance, backfill: str) -> None:
    """The backfill's second run: everything downstream of the staging tables, continuing its build file."""
    from pipelines.definitions import ALL_ASSETS

    result = dg.materialize(
        ALL_ASSETS,
        selection=dg.AssetSelection.assets("month_reextraction").downstream(include_self=False),
        resources=_resources(place),
        instance=instance,
        tags={"dagster/backfill": backfill},
    )
    assert result.success


def _reextracted(instance: dg.DagsterInstance) -> int:
    event = instance.get_latest_materialization_event(dg.AssetKey("stg_person"))
    return event.asset_materialization.metadata["releases_extracted_this_run"].value


def test_a_month_range_backfill_reextracts_only_those_months(place: Place, tmp_path: Path) -> None:
    with duckdb.connect(str(place.warehouse)) as connection:  # mark every staging row, to see which get re-made
        connection.execute(f"UPDATE stg_mention SET rule = '{TAMPERED}'")
    before = _tampered_by_month(place)
    assert all(total == tampered > 0 for total, tampered, _ in before.values())

    log = tmp_path / "backfill.log"
    tags = {**RANGE_TAGS, "dagster/backfill": "cli-backfill"}
    command = [str(DAGSTER), "job", "execute", "-m", "pipelines.definitions", "-j", "reextract_months",
               "--op-selection", "month_reextraction,extracted_entities", "--tags", json.dumps(tags)]
    started = time.monotonic()
    assert run(command, place, log, timeout=90) == 0, tail(log)
    print(f"multiprocess month backfill run: {time.monotonic() - started:.1f} s")
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Executing steps using multiprocess executor" in text
    assert text.count("STEP_WORKER_STARTED") == 2  # each step in its own process
    assert _tampered_by_month(place) == before  # nothing published yet
    with dg.DagsterInstance.from_config(str(place.dagster_home)) as instance:
        assert instance.get_materialized_partitions(dg.AssetKey("month_reextraction")) == set(MONTHS)
        assert _reextracted(instance) == len(MONTHS)
        _publish_backfill(place, instance, "cli-backfill")

    after = _tampered_by_month(place)
    assert after.keys() == before.keys()
    for month, (total, tampered, fact_tampered) in after.items():
        if month in MONTHS:  # re-extracted: the same number of rows, real rules again, in staging and facts
            assert (total, tampered, fact_tampered) == (before[month][0], 0, 0), month
        else:  # untouched: still tampered in staging, and so in the facts rebuilt from it
            assert (total, tampered) == before[month][:2] and fact_tampered > 0, month
    published_state(place.warehouse, place.export)
    assert not list((place.warehouse.parent / ".build").glob("*.duckdb"))  # the backfill's build was published


def test_a_rerun_of_the_backfill_changes_nothing(place: Place) -> None:
    from pipelines.partitions import month_reextraction

    before = _state(place)
    with dg.DagsterInstance.from_config(str(place.dagster_home)) as instance:
        first = dg.materialize(
            [month_reextraction], resources=_resources(place), instance=instance,
            tags={**RANGE_TAGS, "dagster/backfill": "rerun"},
        )
        assert first.success
        assert _state(place) == before  # nothing published yet: the build file waits for the rest of the backfill
        _publish_backfill(place, instance, "rerun")
        assert _reextracted(instance) == len(MONTHS)
    assert _state(place) == before


def test_months_are_partitions_in_calendar_order_whatever_order_they_arrive_in() -> None:
    with dg.DagsterInstance.ephemeral() as instance, duckdb.connect() as connection:
        connection.execute("CREATE TABLE stg_release (release_id VARCHAR, published_date DATE)")
        connection.execute("INSERT INTO stg_release VALUES ('a', '2021-05-02'), ('b', '2021-05-30'), ('c', NULL)")
        assert register_release_months(instance, connection) == ["2021-05", UNDATED]
        assert register_release_months(instance, connection) == []
        connection.execute("INSERT INTO stg_release VALUES ('d', '2019-01-01'), ('e', '2022-01-01')")
        register_release_months(instance, connection)
        assert instance.get_dynamic_partitions(RELEASE_MONTH.name) == ["2019-01", "2021-05", "2022-01", UNDATED]
