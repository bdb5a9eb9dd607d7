"""Atomic publish, through the real command line: a run killed at any moment leaves the previous complete warehouse
and export, and an analyst's open read-only connection neither fails a run nor sees it half-done."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from tests.dagster_cli import Place, fill_source, make_run, published_state, run, start, tail

# Kill moments: while Python starts, while Dagster starts, in the middle of the build, and as the publish begins.
KILL_AFTER_SECONDS = [0.5, 3.0]
KILL_AT_STEPS = ["extracted_entities", "published_warehouse"]


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory, sample_warehouse) -> Place:
    """A published warehouse of the 16 samples (the session's, copied with its export), and a source folder that has
    since grown to 32 releases."""
    place = Place(tmp_path_factory.mktemp("publish"))
    shutil.copytree(sample_warehouse[0], place.warehouse.parent, symlinks=True)  # the export is a relative symlink
    fill_source(place.source, variants=2)
    return place


def _kill_when(process: subprocess.Popen, log: Path, *, seconds: float | None = None, step: str | None = None) -> str:
    """SIGKILL the run's whole process group after `seconds`, or as soon as the log shows `step` starting."""
    marker = f'Started execution of step "{step}"'
    deadline = time.monotonic() + (seconds if seconds is not None else 120)
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if step and marker in log.read_text(encoding="utf-8", errors="replace"):
                break
            time.sleep(0.02)
        else:
            if step:
                raise AssertionError(f"step {step} never started; log tail:\n{tail(log)}")
        if process.poll() is not None:
            raise AssertionError(f"the run ended (exit {process.returncode}) before the kill; log tail:\n{tail(log)}")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return f"after {seconds} s" if seconds is not None else f"at the start of {step}"


def test_a_run_killed_at_any_moment_leaves_the_previous_complete_state(place: Place, tmp_path: Path) -> None:
    before = published_state(place.warehouse, place.export)
    grown = len(list(place.source.iterdir()))
    moments = [{"seconds": s} for s in KILL_AFTER_SECONDS] + [{"step": step} for step in KILL_AT_STEPS]
    for number, moment in enumerate(moments):
        log = tmp_path / f"killed_{number}.log"
        when = _kill_when(start(make_run(), place, log), log, **moment)
        after = published_state(place.warehouse, place.export)
        if moment.get("step") == "published_warehouse":  # the swap may have happened: then the grown folder is in
            assert after == before or after["dim_release"] == grown, when
        else:
            assert after == before, f"killed {when}: published state changed"


def test_the_next_run_succeeds_while_an_analyst_reads_the_old_snapshot(place: Place, tmp_path: Path) -> None:
    """After killed runs, a normal run succeeds and publishes, though a read-only connection is open all along;
    that connection keeps its snapshot until it reconnects."""
    (place.source / "late_addition.txt").write_text(
        "On 2 June 2024, SCO Secretary-General Zhang Ming met the Ambassador of Nepal to China.", encoding="utf-8"
    )
    analyst = duckdb.connect(str(place.warehouse), read_only=True)
    try:
        seen = analyst.execute("SELECT count(*) FROM dim_release").fetchone()[0]
        log = tmp_path / "run.log"
        assert run(make_run(), place, log) == 0, tail(log)
        assert analyst.execute("SELECT count(*) FROM dim_release").fetchone()[0] == seen  # the old snapshot
    finally:
        analyst.close()
    after = published_state(place.warehouse, place.export)
    assert after["dim_release"] == len(list(place.source.iterdir())) > seen
