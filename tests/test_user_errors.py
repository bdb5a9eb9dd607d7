"""Every failure a user can cause ends with one line that says what to do: bad RELEASES_SOURCE_DIR, a warehouse held
by a read-write client, unwritable warehouse or export folders; and `make run` repeats that line last."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.errors import FIX_KEY, UserFacingError
from pipelines.resources import ParquetExportResource, ReleaseSourceResource, WarehouseResource
from pipelines.source_files import open_source_folder
from tests.conftest import PROJECT_ROOT


def _fails_with(action, *phrases: str) -> UserFacingError:
    with pytest.raises(UserFacingError) as raised:
        action()
    message = raised.value.description
    assert "\n" not in message and "What to do: " in message
    for phrase in phrases:
        assert phrase in message, message
    return raised.value


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "a_file.txt"
    path.write_text("not a folder")
    return path


def test_missing_source_folder(tmp_path: Path):
    _fails_with(lambda: open_source_folder(tmp_path / "nowhere"), "does not exist", "set RELEASES_SOURCE_DIR to")


def test_source_folder_that_is_a_file(a_file: Path):
    _fails_with(lambda: open_source_folder(a_file), "is a file, not a folder", "set RELEASES_SOURCE_DIR to")


def test_unreadable_source_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def denied(path):  # chmod does not stop root, who runs the tests in containers
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", denied)
    _fails_with(lambda: open_source_folder(tmp_path), "cannot be read (Permission denied)", "chmod -R u+rX")


def test_ingest_step_fails_with_the_fix(tmp_path: Path):
    from pipelines.assets.ingest import ingest_release_files

    result = dg.materialize(
        [ingest_release_files],
        resources={
            "warehouse": WarehouseResource(database=str(tmp_path / "w.duckdb")),
            "release_source": ReleaseSourceResource(source_dir=str(tmp_path / "nowhere")),
        },
        raise_on_error=False,
    )
    assert not result.success
    [failure] = [event.step_failure_data for event in result.all_events if event.is_step_failure]
    assert failure.user_failure_data.description.startswith(f"RELEASES_SOURCE_DIR={tmp_path / 'nowhere'} does not")
    assert "set RELEASES_SOURCE_DIR" in failure.user_failure_data.metadata[FIX_KEY].value


@pytest.fixture
def held_warehouse(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """A warehouse file held open read-write by another process, as an analyst's notebook would."""
    path = tmp_path / "w.duckdb"
    script = f"import duckdb, sys; c = duckdb.connect({str(path)!r}); print('ok', flush=True); sys.stdin.read()"
    holder = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        yield path, holder.pid
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_warehouse_held_by_a_read_write_client(held_warehouse: tuple[Path, int]):
    path, pid = held_warehouse

    def connect() -> None:
        with WarehouseResource(database=str(path)).get_connection():
            pass

    _fails_with(connect, "locked by a read-write DuckDB connection", f"close the other read-write connection (PID {pid})",
                "read_only=True")


def test_warehouse_held_read_write_in_this_process(tmp_path: Path):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)):
        _fails_with(lambda: WarehouseResource(database=str(path)).publish(), "this same Python process",
                    "read_only=True")


def test_readers_do_not_stop_a_run(tmp_path: Path):
    path = tmp_path / "w.duckdb"
    duckdb.connect(str(path)).close()
    with duckdb.connect(str(path), read_only=True), WarehouseResource(database=str(path)).get_connection() as connection:
        assert connection.execute("SELECT 1").fetchone() == (1,)


def test_warehouse_that_is_no_duckdb_file(a_file: Path):
    def connect() -> None:
        with WarehouseResource(database=str(a_file)).get_connection():
            pass

    _fails_with(connect, f"RELEASES_WAREHOUSE={a_file} is not a DuckDB warehouse", "point RELEASES_WAREHOUSE at a new")


def test_unwritable_warehouse_folder(a_file: Path):
    def connect() -> None:
        with WarehouseResource(database=str(a_file / "w.duckdb")).get_connection():
            pass

    _fails_with(connect, "RELEASES_WAREHOUSE: cannot write", "(Not a directory)", "point RELEASES_WAREHOUSE at")


def test_unwritable_export_folder(a_file: Path):
    _fails_with(lambda: ParquetExportResource(export_dir=str(a_file / "parquet")).build_dir(),
                "RELEASES_EXPORT_DIR: cannot write", "point RELEASES_EXPORT_DIR at")


def test_export_folder_that_is_a_file(a_file: Path):
    _fails_with(lambda: ParquetExportResource(export_dir=str(a_file)).build_dir(), "is a file",
                "point RELEASES_EXPORT_DIR at a folder")


# What `dagster job execute` does, on the ingest step only: a run in the instance of DAGSTER_HOME, exit status 1.
_FAILING_RUN = """
import sys, dagster as dg
from pipelines.assets.ingest import ingest_release_files
from pipelines.resources import ReleaseSourceResource, WarehouseResource
from pipelines.settings import setting_path
with dg.DagsterInstance.get() as instance:
    result = dg.materialize([ingest_release_files], instance=instance, raise_on_error=False, resources={
        "warehouse": WarehouseResource(database=str(setting_path("RELEASES_WAREHOUSE"))),
        "release_source": ReleaseSourceResource(source_dir=str(setting_path("RELEASES_SOURCE_DIR")))})
sys.exit(0 if result.success else 1)
"""


def test_make_run_ends_with_what_to_do(tmp_path: Path):
    """`make run` runs the job through `python -m pipelines.errors`: its last line is the failed step's fix."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_bytes((PROJECT_ROOT / "pipelines" / "dagster_instance.yaml").read_bytes())
    environment = {**os.environ, "DAGSTER_HOME": str(home), "RELEASES_SOURCE_DIR": str(tmp_path / "nowhere"),
                   "RELEASES_WAREHOUSE": str(tmp_path / "w.duckdb")}
    command = [sys.executable, "-m", "pipelines.errors", sys.executable, "-c", _FAILING_RUN]
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("FAILED ingest_release_files: RELEASES_SOURCE_DIR="), done.stderr[-2000:]
    assert last.endswith("does not exist. What to do: set RELEASES_SOURCE_DIR to the folder that holds your "
                         ".txt/.html/.json releases (default: sources/samples), or create it and put the releases in it.")


def test_a_command_that_fails_before_any_run(tmp_path: Path):
    environment = {**os.environ, "DAGSTER_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "pipelines.errors", sys.executable, "-c", "raise SystemExit(2)"]
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == "FAILED before any step ran: see the error above"
