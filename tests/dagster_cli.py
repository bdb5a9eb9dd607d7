"""Runs of the real command line (`dagster job execute`, `dagster asset materialize`) in subprocesses under tmp_path,
and the checks that a published warehouse and export are complete. Shared by the publish and concurrency tests.

Subprocesses matter here: `dg.materialize()` runs in the test's own process, where a SIGKILL, a second run or the
multiprocess executor's step processes cannot happen.
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from pipelines.assets.export import EXPORTED_TABLES
from tests.conftest import PROJECT_ROOT, SAMPLES_DIR

DAGSTER = Path(sys.executable).with_name("dagster")
JOB_COMMAND = [str(DAGSTER), "job", "execute", "-m", "pipelines.definitions", "-j", "build_warehouse"]
# Every asset but the month-partitioned one, which only a month backfill runs (tests/test_partitions.py).
MATERIALIZE_COMMAND = [str(DAGSTER), "asset", "materialize", "-m", "pipelines.definitions",
                       "--select", "not key:month_reextraction"]
CONTRACT_TABLES = ["raw_release", "dim_release", "dim_person", "dim_organisation", "dim_country", "dim_event",
                   "dim_document", "fact_mention", "fact_participation", "fact_statement"]
# Zero when the star schema hangs together: facts point at current releases, every current parsed input is a release.
CONSISTENCY_SQL = """
SELECT (SELECT count(*) FROM fact_mention WHERE release_id NOT IN (SELECT release_id FROM dim_release))
     + (SELECT count(*) FROM fact_participation WHERE person_id NOT IN (SELECT person_id FROM dim_person))
     + (SELECT count(*) FROM fact_statement WHERE release_id NOT IN (SELECT release_id FROM dim_release))
     + (SELECT count(*) FROM dim_event WHERE release_id NOT IN (SELECT release_id FROM dim_release))
     + abs((SELECT count(DISTINCT release_id) FROM raw_release WHERE status = 'parsed' AND is_current)
           - (SELECT count(*) FROM dim_release))
"""


@dataclass(frozen=True)
class Place:
    """A source folder, a warehouse, an export and a DAGSTER_HOME under one test folder."""

    root: Path

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def warehouse(self) -> Path:
        return self.root / "out" / "releases.duckdb"

    @property
    def export(self) -> Path:
        return self.root / "out" / "parquet"

    @property
    def dagster_home(self) -> Path:
        return self.root / "dagster_home"

    def env(self) -> dict[str, str]:
        """The environment `make run` would see, pointing every path into this place."""
        self.dagster_home.mkdir(parents=True, exist_ok=True)
        instance = self.dagster_home / "dagster.yaml"
        if not instance.exists():
            shutil.copy(PROJECT_ROOT / "pipelines" / "dagster_instance.yaml", instance)
        return {
            **os.environ,
            "DAGSTER_HOME": str(self.dagster_home),
            "RELEASES_SOURCE_DIR": str(self.source),
            "RELEASES_WAREHOUSE": str(self.warehouse),
            "RELEASES_EXPORT_DIR": str(self.export),
            "PYTHONUNBUFFERED": "1",
        }


def make_run(command: list[str] = JOB_COMMAND) -> list[str]:
    """`make run`'s recipe: recover the instance from killed runs, then run `command` (by default the job)."""
    recover = shlex.join([sys.executable, "-m", "pipelines.stale_runs"])
    return ["sh", "-c", f"{recover} && exec {shlex.join(command)}"]


def start(command: list[str], place: Place, log: Path) -> subprocess.Popen:
    """Start a command in its own process group (so a kill reaches every process it spawned), logging to `log`."""
    handle = log.open("wb")
    try:
        return subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=place.env(), stdout=handle, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        handle.close()


def run(command: list[str], place: Place, log: Path, timeout: float = 120) -> int:
    process = start(command, place, log)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait()
        raise AssertionError(f"{command[:3]} did not finish in {timeout} s; log tail:\n{tail(log)}") from None


def tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def fill_source(folder: Path, variants: int = 1) -> int:
    """The 16 samples, plus `variants - 1` more copies of each with a small change (so each is a new release)."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for sample in sorted(SAMPLES_DIR.iterdir()):
        for variant in range(variants):
            target = folder / (sample.name if variant == 0 else f"{sample.stem}.v{variant}{sample.suffix}")
            data = sample.read_bytes()
            if variant:
                marker = b"</p>" if sample.suffix == ".html" else b"\n"
                data = data.replace(marker, f" (Version {variant}.){marker.decode()}".encode(), 1)
            target.write_bytes(data)
            count += 1
    return count


def published_state(warehouse: Path, export: Path) -> dict[str, int]:
    """Row counts of a published warehouse after checking that it and its export are complete and consistent."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        present = {row[0] for row in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        missing = set(CONTRACT_TABLES) - present
        assert not missing, f"published warehouse lacks {missing}"
        assert connection.execute(CONSISTENCY_SQL).fetchone()[0] == 0, "published warehouse is inconsistent"
        counts = {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in CONTRACT_TABLES}
    assert counts["dim_release"] > 0 and counts["fact_mention"] > 0
    exported = {table: pq.read_table(export / f"{table}.parquet").num_rows for table in EXPORTED_TABLES}
    assert exported["dim_release"] > 0
    return counts
