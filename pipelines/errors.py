"""Failures a user can cause and fix, each carrying one line that says what to do, and `make run`'s last lines.

A `UserFacingError` is a `dg.Failure` whose description is the problem and the fix on one line, so the UI's run page
shows it as is. `dagster job execute` buries it under stack traces and ends with "Error: Run … resulted in failure",
so `make run` runs the job through this module, which repeats each failed step's line at the very end:

    python -m pipelines.errors dagster job execute -m pipelines.definitions -j build_warehouse
"""
from __future__ import annotations

import errno
import re
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import duckdb

FIX_KEY = "what_to_do"
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


class UserFacingError(dg.Failure):
    """A failure the user can fix: `what_to_do` is the one line that says how (never retried: it would fail again)."""

    def __init__(self, problem: str, what_to_do: str) -> None:
        super().__init__(
            description=f"{problem}. What to do: {what_to_do}.", metadata={FIX_KEY: what_to_do}, allow_retries=False
        )


def unwritable(setting: str, path: Path, error: OSError) -> UserFacingError:
    """The error for a file or folder of a path setting that cannot be written."""
    reason = error.strerror or str(error)
    if error.errno == errno.ENOSPC:
        fix = f"free disk space on the disk of {path}, or point {setting} at another disk"
    elif error.errno == errno.EISDIR:
        fix = f"point {setting} at a file name, not at the folder {error.filename or path}"
    elif error.errno in (errno.ENOTDIR, errno.EEXIST):
        fix = f"point {setting} at a path inside a folder (something on the way to {path} is a file)"
    else:
        fix = f"point {setting} at a folder this user can write (or make {path.parent} writable)"
    return UserFacingError(f"{setting}: cannot write {error.filename or path} ({reason})", fix + ", then run again")


def lock_error(path: Path, error: duckdb.Error) -> UserFacingError | None:
    """The error for a DuckDB file that another read-write connection holds, or None for other DuckDB errors."""
    holder = _LOCK_HOLDER.search(str(error))
    if holder:
        pid = holder["pid"]
        return UserFacingError(
            f"the warehouse {path} is locked by a read-write DuckDB connection of {holder['program']} (PID {pid})",
            f"close the other read-write connection (PID {pid}) or open it read_only=True "
            "(`duckdb.connect(path, read_only=True)`, `duckdb -readonly`), then run again",
        )
    if isinstance(error, duckdb.ConnectionException) and "different configuration" in str(error):
        return UserFacingError(
            f"the warehouse {path} is open read-write in this same Python process",
            "close that connection or open it read_only=True (`duckdb.connect(path, read_only=True)`), then run again",
        )
    return None


def ensure_no_writer(path: Path) -> None:
    """Fail when another client holds the DuckDB file open read-write (a run would copy half-written data from it and
    then replace the file under it, losing its writes) or when it is no DuckDB file. Read-only readers are fine."""
    if not path.exists():
        return
    try:
        duckdb.connect(str(path), read_only=True).close()
    except duckdb.Error as error:
        reason = str(error).strip().splitlines()[0]
        raise lock_error(path, error) or UserFacingError(
            f"RELEASES_WAREHOUSE={path} is not a DuckDB warehouse this DuckDB version can open ({reason})",
            "point RELEASES_WAREHOUSE at a new file name or at a warehouse this project built, or move that file away",
        ) from error


def failure_lines(instance: dg.DagsterInstance, run_id: str) -> list[str]:
    """One line per distinct failure of a run's steps: a `UserFacingError`'s problem and fix, else the error's first
    line; steps that failed the same way share the line."""
    steps_by_message: dict[str, list[str]] = {}
    for record in instance.all_logs(run_id, of_type=dg.DagsterEventType.STEP_FAILURE):
        event = record.get_dagster_event()
        data = event.step_failure_data
        user = data.user_failure_data
        if user is not None and FIX_KEY in user.metadata:
            message = user.description
        else:
            first = data.error.message.strip().splitlines()[0] if data.error else "unknown error"
            message = f"{first} (see the log above for details)"
        steps_by_message.setdefault(message, []).append(event.step_key)
    return [f"FAILED {', '.join(steps)}: {message}" for message, steps in steps_by_message.items()]


def run_and_explain(command: Sequence[str]) -> int:
    """Run a Dagster CLI command; when it fails, end the output with each failed step's line (the fix last)."""
    started = datetime.now(UTC)
    code = subprocess.call(list(command))
    if code == 0:
        return 0
    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs(filters=dg.RunsFilter(created_after=started))
        lines = [line for run in reversed(runs) for line in failure_lines(instance, run.run_id)]
    sys.stdout.flush()
    print("\n".join(lines or ["FAILED before any step ran: see the error above"]), file=sys.stderr, flush=True)
    return code


if __name__ == "__main__":
    sys.exit(run_and_explain(sys.argv[1:]))
