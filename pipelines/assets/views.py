"""Analytical views: one SELECT per file in `warehouse/views/`, created as DuckDB views over the star schema.

Views, not tables: they cost nothing to build, always show the current tables, and live in the published DuckDB
file. The Parquet export holds tables only; a reader of the Parquet files runs the same SELECT over them.
"""

import dagster as dg

from pipelines.assets.models import MODEL_NAMES, UPSTREAM_TABLES
from pipelines.resources import WarehouseResource
from pipelines.settings import PROJECT_ROOT
from pipelines.warehouse import SqlModel, load_models

VIEWS_LAYER = "views"
VIEWS: list[SqlModel] = [model for model in load_models(PROJECT_ROOT / "warehouse") if model.layer == VIEWS_LAYER]
VIEW_NAMES = [view.name for view in VIEWS]
_KNOWN_TABLES = UPSTREAM_TABLES | set(MODEL_NAMES)


@dg.asset(
    deps=sorted({table for view in VIEWS for table in view.upstream(_KNOWN_TABLES)}),
    group_name="warehouse",
    kinds={"sql", "duckdb"},
    owners=["team:releases-data"],
    pool="duckdb_writer",
)
def analytical_views(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The views of `warehouse/views/` (who met whom, person timelines, office holders, organisation co-occurrence,
    topics by month, country activity), created in one transaction after every table they read."""
    with warehouse.get_connection() as connection:
        connection.execute("BEGIN TRANSACTION")
        try:
            for view in VIEWS:
                connection.execute(f"CREATE OR REPLACE VIEW {view.name} AS {view.sql}")
            connection.execute("COMMIT")
        except Exception:
            connection.execute("ROLLBACK")
            raise
        # Columns, not row counts: counting v_meetings (every pair at every event) takes seconds and gigabytes at
        # 100k releases, and a view's rows are computed again by every query anyway.
        columns = {
            view.name: [column[0] for column in connection.execute(f"SELECT * FROM {view.name} LIMIT 0").description]
            for view in VIEWS
        }
    return dg.MaterializeResult(
        metadata={
            "views": dg.MetadataValue.md(
                "\n".join(f"- `{name}`: {', '.join(names)}" for name, names in columns.items())
            ),
            "view_count": len(columns),
        }
    )
