"""Month partitions for backfills: `release_month` holds only the publication months that have releases.

The default job stays unpartitioned and incremental (everything new, by content hash and code fingerprint). A month
partition exists for re-doing work on purpose: a backfill of `month_reextraction` over a month range (one run, by
its single-run backfill policy) hands exactly those months' releases back to extraction, and the unpartitioned
`extracted_entities` downstream, in the same run or backfill, extracts them again and the models are rebuilt.
Bookkeeping stays proportional to the months that have releases (one planned and one materialisation event per
month of the range), never to every calendar month since the first release.
"""

import dagster as dg
import duckdb
import sqlalchemy.exc

from pipelines.assets.extract import EXTRACTION_LOG_SCHEMA
from pipelines.resources import WarehouseResource
from pipelines.warehouse import ensure_table

RELEASE_MONTH = dg.DynamicPartitionsDefinition(name="release_month")
UNDATED = "undated"  # releases without a published date get a partition of their own, ordered last
MONTH_OF_RELEASE = f"coalesce(strftime(published_date, '%Y-%m'), '{UNDATED}')"


def _ordered(months: set[str]) -> list[str]:
    return sorted(months - {UNDATED}) + ([UNDATED] if UNDATED in months else [])


def register_release_months(instance: dg.DagsterInstance, connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Add the months of stg_release that are not partitions yet, keeping the partitions in calendar order.

    Dynamic partitions are ordered by when they were added, and a UI range means that order; a month older than
    the newest partition (an archive crawled backwards) therefore re-adds the later months after it. Returns the
    months added (re-added ones included).
    """
    existing = list(instance.get_dynamic_partitions(RELEASE_MONTH.name))
    present = {row[0] for row in connection.execute(f"SELECT DISTINCT {MONTH_OF_RELEASE} FROM stg_release").fetchall()}
    wanted = _ordered(present | set(existing))
    if wanted == existing:
        return []
    keep = 0
    while keep < len(existing) and existing[keep] == wanted[keep]:
        keep += 1
    try:
        for month in existing[keep:]:  # out of calendar order: take them out and add them back in order
            instance.delete_dynamic_partition(RELEASE_MONTH.name, month)
        instance.add_dynamic_partitions(RELEASE_MONTH.name, wanted[keep:])
    except sqlalchemy.exc.IntegrityError:  # another run added the same month at the same instant: read again
        return register_release_months(instance, connection)
    return wanted[keep:]


@dg.asset(
    deps=["stg_release"],
    partitions_def=RELEASE_MONTH,
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="extract",
    kinds={"duckdb"},
    owners=["team:releases-data"],
    pool="duckdb_writer",
)
def month_reextraction(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The releases of the selected publication months, handed back to extraction (backfills from the UI).

    Removes the months' entries from `stg_extraction_log`; `extracted_entities`, downstream in the same run (job
    `reextract_months`) or backfill, then drops their staging rows and extracts them again, and nothing else. Use it
    after a fix that the extractor's fingerprint does not see, or to redo a period; it changes what analysts see only
    once `published_warehouse` of the same run or backfill has run.
    """
    months = list(context.partition_keys)
    with warehouse.get_connection() as connection:
        ensure_table(connection, "stg_extraction_log", EXTRACTION_LOG_SCHEMA)
        released = connection.execute(
            f"""
            DELETE FROM stg_extraction_log
            WHERE release_id IN (SELECT release_id FROM stg_release WHERE {MONTH_OF_RELEASE} IN (SELECT unnest(?)))
            """,
            [months],
        ).fetchone()[0]
    context.log.info(f"{released} releases of {len(months)} months ({months[0]}..{months[-1]}) handed to extraction")
    return dg.MaterializeResult(metadata={"releases_to_reextract": int(released), "months_in_run": len(months)})
