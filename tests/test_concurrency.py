"""Concurrency through the real command line: runs launched together share the `duckdb_writer` pool and both succeed,
and the multiprocess executor (a process per step, which `materialize()` never exercises) builds and publishes.

The multiprocess run is slow (a process per step, 40-odd steps, each loading the code location; one at a time) but
mostly idle, so it starts in the background when this module starts and the two-runs test runs meanwhile.
"""
from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dagster_cli import MATERIALIZE_COMMAND, Place, fill_source, make_run, published_state, run, start, tail

# The default multiprocess executor, configured as `reextract_months` is: worker processes forked from a server that
# has imported the code location once (named explicitly, or each step imports it again), one step at a time (every
# step is in the duckdb_writer pool, and steps blocked on it back off for up to 15 s).
FORKSERVER_CONFIG = (
    "execution:\n  config:\n    multiprocess:\n      max_concurrent: 1\n"
    "      start_method:\n        forkserver:\n          preload_modules: [pipelines.definitions]\n"
)
TIMEOUT_SECONDS = 480  # minutes only when the machine is busy: the multiprocess run's steps each start a process


def _wait(process: subprocess.Popen, log: Path, deadline: float) -> int:
    try:
        return process.wait(timeout=max(deadline - time.monotonic(), 1))
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(f"the run did not finish in time; log tail:\n{tail(log)}") from None


@pytest.fixture(scope="module")
def multiprocess_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Place, subprocess.Popen, Path]]:
    place = Place(tmp_path_factory.mktemp("multiprocess"))
    fill_source(place.source)
    config = place.root / "forkserver.yaml"
    config.write_text(FORKSERVER_CONFIG, encoding="utf-8")
    log = place.root / "materialize.log"
    process = start(make_run([*MATERIALIZE_COMMAND, "-c", str(config)]), place, log)
    yield place, process, log
    if process.poll() is None:
        process.kill()
        process.wait()


def test_two_runs_launched_together_both_succeed(multiprocess_run, tmp_path: Path) -> None:
    place = Place(tmp_path)
    files = fill_source(place.source, variants=2)
    # The instance's storage exists before runs are launched together (as under `make ui`); two processes creating
    # a fresh DAGSTER_HOME's SQLite tables at the same instant is Dagster's own race, not the one tested here.
    assert run([sys.executable, "-m", "pipelines.stale_runs"], place, tmp_path / "init.log") == 0
    deadline = time.monotonic() + TIMEOUT_SECONDS
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    processes = [start(make_run(), place, log) for log in logs]
    codes = [_wait(process, log, deadline) for process, log in zip(processes, logs, strict=True)]
    assert codes == [0, 0], "\n\n".join(tail(log) for log in logs)
    state = published_state(place.warehouse, place.export)
    assert state["dim_release"] == files
    assert state["raw_release"] == files
    assert not list((place.warehouse.parent / ".build").glob("*.duckdb"))  # both build files were published


def test_the_multiprocess_executor_builds_and_publishes(multiprocess_run) -> None:
    place, process, log = multiprocess_run
    assert _wait(process, log, time.monotonic() + TIMEOUT_SECONDS) == 0, tail(log)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Multiprocess executor" in text and 'Finished execution of step "published_warehouse"' in text
    assert published_state(place.warehouse, place.export)["dim_release"] == 16
