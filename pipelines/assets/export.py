"""Export: every contract table to Parquet under RELEASES_EXPORT_DIR, sorted, each file swapped in by rename."""

import dagster as dg

from pipelines.assets.models import MODEL_NAMES
from pipelines.resources import ParquetExportResource, WarehouseResource

EXPORTED_TABLES = ["raw_release", *MODEL_NAMES]


@dg.asset(
    deps=EXPORTED_TABLES,
    group_name="export",
    kinds={"parquet"},
    owners=["team:releases-data"],
    pool="duckdb_writer",
)
def parquet_export(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, parquet: ParquetExportResource
) -> dg.MaterializeResult:
    """One Parquet file per table, rows sorted on every column so the same input always writes the same bytes.

    Written into this run's export folder; `published_warehouse` makes it the visible export in one swap.
    """
    root = parquet.build_dir()
    sizes = {}
    with warehouse.get_connection() as connection:
        for done, table in enumerate(EXPORTED_TABLES, start=1):
            target = root / f"{table}.parquet"
            quoted = target.as_posix().replace("'", "''")
            connection.execute(
                f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{quoted}' (FORMAT parquet, COMPRESSION zstd)"
            )
            sizes[table] = target.stat().st_size
            context.log.info(f"exported {done}/{len(EXPORTED_TABLES)} tables: {table}.parquet, {sizes[table]:,} bytes")
    context.log.info(f"exported {len(sizes)} tables to {root}")
    return dg.MaterializeResult(
        metadata={
            "build_dir": dg.MetadataValue.path(str(root)),
            "files": dg.MetadataValue.md("\n".join(f"- `{t}.parquet`: {n:,} bytes" for t, n in sizes.items())),
        }
    )
