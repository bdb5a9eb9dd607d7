"""The data dictionary: `warehouse/dictionary.sql` applied to the built tables, so the warehouse explains itself."""

import dagster as dg

from pipelines.assets.extract import extracted_entities
from pipelines.assets.identity import person_identity
from pipelines.assets.ingest import ingest_release_files
from pipelines.assets.models import MODEL_NAMES
from pipelines.assets.parse import stg_release
from pipelines.assets.reference import ref_country, ref_office, ref_topic
from pipelines.assets.views import analytical_views
from pipelines.assets.web_ingest import raw_web_page
from pipelines.docs import apply_comments, coverage, load_comments, uncommented
from pipelines.resources import WarehouseResource

COMMENTS = load_comments()
# Every asset that builds a table: the comments go on after them, since rebuilding a table drops its comments.
TABLE_ASSETS = sorted(
    {key.to_user_string() for asset in (
        ingest_release_files, stg_release, extracted_entities, ref_country, ref_office, person_identity, ref_topic,
        analytical_views, raw_web_page)
     for key in asset.keys} | set(MODEL_NAMES)
)


@dg.asset(
    deps=TABLE_ASSETS,
    group_name="warehouse",
    kinds={"sql", "duckdb"},
    owners=["team:releases-data"],
    pool="duckdb_writer",
)
def data_dictionary(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """A comment on every table and column (`COMMENT ON`), read by `DESCRIBE`, `duckdb_columns()` and `make docs`.

    Runs after every table it describes, because rebuilding a table (`CREATE OR REPLACE`) drops its comments.
    """
    with warehouse.get_connection() as connection:
        applied, skipped = apply_comments(connection, COMMENTS)
        gaps = uncommented(connection)
        documented, total = coverage(connection)
    if skipped:
        context.log.info(f"skipped {len(skipped)} comments on tables or columns not built: {', '.join(skipped)}")
    if gaps:
        context.log.warning(f"{len(gaps)} tables or columns have no comment in warehouse/dictionary.sql: {', '.join(gaps)}")
    return dg.MaterializeResult(
        metadata={
            "comments_applied": applied,
            "comments_skipped": len(skipped),
            "columns_documented": f"{documented} of {total}",
            "undocumented": dg.MetadataValue.md("\n".join(f"- `{gap}`" for gap in gaps) or "_none_"),
            "skipped": dg.MetadataValue.md("\n".join(f"- `{target}`" for target in skipped) or "_none_"),
        }
    )
