"""Jobs of the code location."""

import dagster as dg

MONTH_BACKFILL_ASSETS = dg.AssetSelection.assets("month_reextraction")  # the only partitioned asset

build_warehouse = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all() - MONTH_BACKFILL_ASSETS,  # unpartitioned: everything new, incrementally
    description="Ingest the release files, parse, extract, build the star schema, export Parquet and publish: "
    "`make run`, the drop-folder sensor.",
    executor_def=dg.in_process_executor,  # one process: DuckDB allows one writer, and the steps are short
)

reextract_months = dg.define_asset_job(
    "reextract_months",
    selection=MONTH_BACKFILL_ASSETS.downstream(),
    description="Re-extract the releases of a range of publication months (partitions of `release_month`), rebuild "
    "the star schema and the export and publish them: backfills from the UI, or one run from the command line "
    "with the tags dagster/asset_partition_range_start and _end.",
    # The default multiprocess executor: a process per step, forked from a server that has imported the code location
    # once (named explicitly: Dagster preloads only `dagster` for a job loaded with `-m`, and each step would import
    # the project again, seconds per step). One step at a time: every step uses the run's one DuckDB build file, and
    # steps waiting on the duckdb_writer pool would back off for up to 15 s each.
    executor_def=dg.multiprocess_executor.configured(
        {"max_concurrent": 1, "start_method": {"forkserver": {"preload_modules": ["pipelines.definitions"]}}}
    ),
)
