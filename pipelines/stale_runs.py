"""Recover the Dagster instance from runs that were killed (SIGKILL, out of memory, a lost machine).

A run killed while a step holds a slot of the `duckdb_writer` pool never records its end, so its slot stays claimed
and every later run waits for it forever ("Step blocked"). The published warehouse is safe (atomic publish); only the
instance needs repair: runs that say they are going on, but whose process is gone, are marked failed and their pool
slots freed. `make run` and `make ui` call this first (`python -m pipelines.stale_runs`); the Dagster daemon does not
do it for runs started by `dagster job execute`, which no run launcher watches.
"""
from __future__ import annotations

import os

import dagster as dg
from dagster._core.storage.dagster_run import FINISHED_STATUSES

_IN_PROGRESS = [dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _run_pid(instance: dg.DagsterInstance, run_id: str) -> int | None:
    """The process that executes the run: the one that recorded its start."""
    starts = instance.all_logs(run_id, of_type=dg.DagsterEventType.RUN_START)
    return starts[-1].dagster_event.pid if starts and starts[-1].dagster_event else None


def recover(instance: dg.DagsterInstance) -> list[str]:
    """Mark in-progress runs whose process is gone as failed and free every slot of finished runs; the runs fixed."""
    fixed = []
    for record in instance.get_run_records(filters=dg.RunsFilter(statuses=_IN_PROGRESS)):
        run = record.dagster_run
        pid = _run_pid(instance, run.run_id)
        if pid is not None and not _process_alive(pid):
            instance.report_run_failed(run, f"the run's process (pid {pid}) is gone: it was killed; marked failed")
            fixed.append(run.run_id)
    storage = instance.event_log_storage
    if storage.supports_global_concurrency_limits:
        for run_id in storage.get_concurrency_run_ids():
            run = instance.get_run_by_id(run_id)
            if run is None or run.status in FINISHED_STATUSES:
                storage.free_concurrency_slots_for_run(run_id)
    return fixed


def main() -> None:
    with dg.DagsterInstance.get() as instance:
        for run_id in recover(instance):
            print(f"run {run_id}: its process is gone (killed); marked failed and its pool slots freed")


if __name__ == "__main__":
    main()
