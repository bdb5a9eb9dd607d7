"""Shared fixtures: real Dagster materialisations into a real DuckDB file under tmp_path."""
from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = PROJECT_ROOT / "sources" / "samples"
GOLD_DIR = Path(__file__).resolve().parent / "gold"


def materialize_all(
    source_dir: Path, out_dir: Path, selection: dg.AssetSelection | None = None
) -> dg.ExecuteInProcessResult:
    """Every asset and check of the project (or the `selection` of them), source folder and outputs under the given
    paths."""
    from pipelines.definitions import ALL_ASSETS  # imported here so library tests run without the code location
    from pipelines.resources import ParquetExportResource, ReleaseSourceResource, WarehouseResource

    return dg.materialize(
        ALL_ASSETS,
        resources={
            "warehouse": WarehouseResource(database=str(out_dir / "releases.duckdb")),
            "release_source": ReleaseSourceResource(source_dir=str(source_dir)),
            "parquet": ParquetExportResource(export_dir=str(out_dir / "parquet")),
        },
        selection=selection,
        raise_on_error=False,
    )


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dg.ExecuteInProcessResult]:
    """The warehouse built from the bundled samples, once per test session."""
    out_dir = tmp_path_factory.mktemp("sample_build")
    result = materialize_all(SAMPLES_DIR, out_dir)
    return out_dir, result
