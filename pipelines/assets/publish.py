"""Publish: make this run's warehouse and Parquet export the ones users see, in one swap each."""

import dagster as dg

from pipelines.resources import ParquetExportResource, WarehouseResource

PUBLISH_AFTER = ["parquet_export", "data_dictionary", "reports", "analytical_views"]


@dg.asset(
    deps=PUBLISH_AFTER,
    group_name="export",
    kinds={"duckdb", "parquet"},
    owners=["team:releases-data"],
    pool="duckdb_writer",
)
def published_warehouse(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, parquet: ParquetExportResource
) -> dg.MaterializeResult:
    """The published DuckDB file (`RELEASES_WAREHOUSE`) and export folder (`RELEASES_EXPORT_DIR`).

    Runs last, after every blocking check upstream passed: the run's build file is renamed over the published one
    and the export path's symlink is swapped to the run's folder. Until then users keep the previous complete state.
    """
    database = warehouse.publish()
    export = parquet.publish()
    context.log.info(f"published {database} and {export}")
    return dg.MaterializeResult(
        metadata={
            "warehouse": dg.MetadataValue.path(str(database)),
            "export_dir": dg.MetadataValue.path(str(export)),
            "warehouse_bytes": database.stat().st_size,
        }
    )
