"""Resources: the DuckDB warehouse (built per run, then published), the release source folder, the Parquet export.

Atomic publish: a run never writes the published files. Its first connection copies the published DuckDB file to
a build file of its own (`.build/<run_id>.duckdb` beside it) and every asset of the run writes there; the Parquet
export goes to a build folder of its own. The `published_warehouse` asset, after every blocking check passed,
renames the build file over the published one and swaps the export folder's symlink to the new folder. A run
killed at any moment leaves the previous complete warehouse and export in place; an analyst's open read-only
connection keeps reading the old snapshot until it reconnects.
"""

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

STALE_BUILD_SECONDS = 24 * 3600


def _run_build_name(run_id: str | None) -> str:
    return run_id or "adhoc"


def _remove_stale(folder: Path, keep: str) -> None:
    """Drop build leftovers of killed or unpublished runs older than a day (never the current run's)."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if not path.name.startswith(keep) and time.time() - path.stat().st_mtime > STALE_BUILD_SECONDS:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()


def _connect_waiting_for_lock(path: Path, config: dict, wait_seconds: float = 60.0) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, waiting while another step of the same run holds its single-writer lock."""
    deadline = time.monotonic() + wait_seconds
    delay = 0.1
    while True:
        try:
            return duckdb.connect(str(path), config=config)
        except duckdb.IOException as error:
            if time.monotonic() > deadline:
                raise dg.Failure(
                    f"the warehouse build file {path} stayed locked for {wait_seconds:.0f} s ({error}); "
                    "another process holds it: wait for it to finish or stop it."
                ) from error
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


class WarehouseResource(DuckDBResource):
    """The DuckDB warehouse: `database` is the published file; a run reads and writes its own build copy."""

    _run_id: str | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._run_id = context.run.run_id if context.run else None

    @property
    def published_path(self) -> Path:
        return Path(self.database)

    @property
    def build_path(self) -> Path:
        published = self.published_path
        return published.parent / ".build" / f"{_run_build_name(self._run_id)}.{published.name}"

    def _prepare_build(self) -> Path:
        """The run's build file, created on first use as a copy of the published warehouse (if there is one)."""
        build = self.build_path
        if build.exists():
            return build
        build.parent.mkdir(parents=True, exist_ok=True)
        published = self.published_path
        if published.exists():
            copying = build.with_name(build.name + ".copying")
            shutil.copyfile(published, copying)
            os.replace(copying, build)
        return build

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self.database == ":memory:":
            with super().get_connection() as connection:
                yield connection
            return
        build = self._prepare_build()
        connection = _connect_waiting_for_lock(build, self.connection_config)
        try:
            yield connection
        finally:
            connection.close()

    def publish(self) -> Path:
        """Swap this run's build file in as the published warehouse, atomically (a rename)."""
        build = self._prepare_build()
        with duckdb.connect(str(build)) as connection:
            connection.execute("CHECKPOINT")
        published = self.published_path
        stale_wal = published.with_name(published.name + ".wal")
        stale_wal.unlink(missing_ok=True)  # a crashed read-write client's WAL belongs to the old file
        os.replace(build, published)
        _remove_stale(build.parent, keep=_run_build_name(self._run_id))
        return published


class ReleaseSourceResource(dg.ConfigurableResource):
    """The folder of raw release files (`RELEASES_SOURCE_DIR`), read recursively."""

    source_dir: str

    def root(self) -> Path:
        root = Path(self.source_dir)
        if not root.is_dir():
            raise dg.Failure(
                f"RELEASES_SOURCE_DIR={self.source_dir!r} is not a folder: set it to the folder that holds your "
                ".txt/.html/.json releases (default: sources/samples)."
            )
        return root.resolve()


class ParquetExportResource(dg.ConfigurableResource):
    """The Parquet export (`RELEASES_EXPORT_DIR`): a symlink to the folder of the last published run."""

    export_dir: str
    _run_id: str | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._run_id = context.run.run_id if context.run else None

    @property
    def published_path(self) -> Path:
        return Path(self.export_dir)

    @property
    def _snapshots(self) -> Path:
        published = self.published_path
        return published.parent / f".{published.name}-snapshots"

    def build_dir(self) -> Path:
        """The folder this run exports into; published by `publish()`."""
        folder = self._snapshots / _run_build_name(self._run_id)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise dg.Failure(
                f"RELEASES_EXPORT_DIR={self.export_dir!r}: cannot create {folder} ({error.strerror}); "
                "point it at a writable folder."
            ) from error
        return folder

    def publish(self) -> Path:
        """Point the export path at this run's folder with one atomic symlink swap, then drop the previous folder."""
        build, published = self.build_dir(), self.published_path
        previous = published.resolve() if published.is_symlink() else None
        if published.exists() and not published.is_symlink():  # a plain folder from before: set it aside
            os.replace(published, self._snapshots / "previous-plain-folder")
            previous = self._snapshots / "previous-plain-folder"
        link = published.with_name(f".{published.name}.{_run_build_name(self._run_id)}.link")  # one per run: no race
        link.unlink(missing_ok=True)
        link.symlink_to(build.relative_to(published.parent), target_is_directory=True)
        os.replace(link, published)
        if previous is not None and previous != build.resolve():
            shutil.rmtree(previous, ignore_errors=True)
        _remove_stale(self._snapshots, keep=_run_build_name(self._run_id))
        return published
