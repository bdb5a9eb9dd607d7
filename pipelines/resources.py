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

from pipelines.errors import UserFacingError, ensure_no_writer, lock_error, unwritable
from pipelines.source_files import open_source_folder
from pipelines.web import FeedConfig, PoliteFetcher, load_feed_configs

STALE_BUILD_SECONDS = 24 * 3600


def _run_build_name(run_id: str | None) -> str:
    return run_id or "adhoc"


def _build_owner(context: dg.InitResourceContext) -> str | None:
    """Whose build file and export folder this run uses: its backfill's, when it is part of one (a month backfill
    runs the partitioned step and the unpartitioned rest as separate runs, and the last one publishes what the first
    wrote), else its own."""
    if context.run is None:
        return None
    return context.run.tags.get("dagster/backfill") or context.run.run_id


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
                raise (lock_error(path, error) or error) from error
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


class WarehouseResource(DuckDBResource):
    """The DuckDB warehouse: `database` is the published file; a run reads and writes its own build copy."""

    # DuckDB takes up to 80% of RAM by default; capped, big joins (v_meetings at 100k releases: 2.7 GB) spill to disk
    # next to the build file instead, so the run stays within the benchmark's 2 GB for the whole process tree. The
    # tree peaks in the SQL models at about 0.8 GB above the cap (1.9 GB with 1 GB, 1.77 GB with 768 MB at 100k).
    memory_limit: str = "768MB"
    _run_id: str | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._run_id = _build_owner(context)

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
        published = self.published_path
        ensure_no_writer(published)
        try:
            build.parent.mkdir(parents=True, exist_ok=True)
            if published.exists():
                copying = build.with_name(build.name + ".copying")
                shutil.copyfile(published, copying)
                os.replace(copying, build)
        except OSError as error:
            raise unwritable("RELEASES_WAREHOUSE", published, error) from error
        return build

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self.database == ":memory:":
            with super().get_connection() as connection:
                yield connection
            return
        build = self._prepare_build()
        connection = _connect_waiting_for_lock(build, {"memory_limit": self.memory_limit, **self.connection_config})
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
        ensure_no_writer(published)  # replacing the file under a writer would lose its writes
        stale_wal = published.with_name(published.name + ".wal")
        stale_wal.unlink(missing_ok=True)  # a crashed read-write client's WAL belongs to the old file
        os.replace(build, published)
        _remove_stale(build.parent, keep=_run_build_name(self._run_id))
        return published


class ReleaseSourceResource(dg.ConfigurableResource):
    """The folder of raw release files (`RELEASES_SOURCE_DIR`), read recursively."""

    source_dir: str

    def root(self) -> Path:
        return open_source_folder(Path(self.source_dir))


class ParquetExportResource(dg.ConfigurableResource):
    """The Parquet export (`RELEASES_EXPORT_DIR`): a symlink to the folder of the last published run."""

    export_dir: str
    _run_id: str | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._run_id = _build_owner(context)

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
        if self.published_path.is_file() and not self.published_path.is_symlink():
            raise UserFacingError(
                f"RELEASES_EXPORT_DIR={self.export_dir} is a file",
                "point RELEASES_EXPORT_DIR at a folder path (it becomes a link to the latest export) or move the file",
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise unwritable("RELEASES_EXPORT_DIR", self.published_path, error) from error
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


class WebSourceResource(dg.ConfigurableResource):
    """The web sources: the SCO news site (crawled only when `sco_base_url` is set) and the enabled feeds of
    `feeds_file`, fetched politely (robots.txt, own User-Agent, rate limit, retries, conditional requests)."""

    sco_base_url: str = ""  # RELEASES_SCO_BASE_URL; empty: the site is not crawled
    sco_max_pages: int = 0  # RELEASES_SCO_MAX_PAGES; 0: stop at the first listing page with nothing new
    feeds_file: str  # RELEASES_FEEDS_FILE
    user_agent: str  # RELEASES_USER_AGENT
    min_interval_s: float = 1.0  # between two requests to one host (longer when robots.txt asks)
    timeout_s: float = 10.0
    max_retries: int = 3
    backoff_base_s: float = 0.5
    revalidate_known: bool = True  # ask again for known articles, with their validators (a 304 when unchanged)

    def fetcher(self) -> PoliteFetcher:
        return PoliteFetcher(
            self.user_agent,
            min_interval_s=self.min_interval_s,
            timeout_s=self.timeout_s,
            max_retries=self.max_retries,
            backoff_base_s=self.backoff_base_s,
        )

    def feeds(self) -> list[FeedConfig]:
        """The enabled feeds; a missing file means none."""
        path = Path(self.feeds_file)
        return load_feed_configs(path) if path.is_file() else []
