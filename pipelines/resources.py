"""Resources: the one DuckDB warehouse, the release source folder and the Parquet export folder."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource


class WarehouseResource(DuckDBResource):
    """DuckDB through one resource; creates the file's folder so a fresh checkout just works."""

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self.database != ":memory:":
            Path(self.database).parent.mkdir(parents=True, exist_ok=True)
        with super().get_connection() as connection:
            yield connection


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
    """The folder that receives one Parquet file per contract table (`RELEASES_EXPORT_DIR`)."""

    export_dir: str

    def root(self) -> Path:
        root = Path(self.export_dir)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise dg.Failure(
                f"RELEASES_EXPORT_DIR={self.export_dir!r} cannot be created ({error.strerror}): "
                "point it at a writable folder."
            ) from error
        return root
