"""Jobs of the code location."""

import dagster as dg

build_warehouse = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all(),
    description="Ingest the release files, parse, extract, build the star schema, export Parquet and publish: "
    "`make run`, the drop-folder sensor.",
    executor_def=dg.in_process_executor,  # one process: DuckDB allows one writer, and the steps are short
)
