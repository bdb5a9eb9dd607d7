"""Parse: each current accepted release's stored bytes into clean article text (`stg_release`)."""

import dagster as dg
import pyarrow as pa

from pipelines.extraction.intake import decode_input
from pipelines.extraction.parse import parse_document
from pipelines.resources import WarehouseResource
from pipelines.warehouse import replace_table, table_metadata

_SCHEMA = pa.schema(
    [
        ("release_id", pa.string()),
        ("source", pa.string()),
        ("source_uri", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("published_date", pa.date32()),
        ("date_source", pa.string()),
        ("language", pa.string()),
        ("encoding", pa.string()),
        ("body_text", pa.string()),
        ("content_sha256", pa.string()),
    ]
)


@dg.asset(
    deps=["raw_release", "raw_blob"],
    group_name="parse",
    kinds={"python", "duckdb"},
    owners=["team:releases-data"],
    pool="duckdb_writer",
)
def stg_release(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Clean text of every current release (title, dateline, paragraphs) with its published date and language.

    Re-parses from the stored raw bytes, so an improved parser never needs the sources again.
    """
    with warehouse.get_connection() as connection:
        inputs = connection.execute(
            """
            SELECT r.release_id, r.source, r.source_uri, r.content_sha256, b.data
            FROM raw_release r JOIN raw_blob b USING (content_sha256)
            WHERE r.status = 'parsed' AND r.is_current
            ORDER BY r.release_id
            """
        ).fetchall()
        rows = []
        for index, (release_id, source, source_uri, sha, data) in enumerate(inputs, start=1):
            intake = decode_input(source_uri, bytes(data))
            if intake.document is None:  # the ingest step accepted it, so this is a parser change: say so
                context.log.warning(f"{source_uri} no longer decodes: {intake.reason}")
                continue
            release = parse_document(intake.document)
            rows.append(
                {
                    "release_id": release_id,
                    "source": source,
                    "source_uri": source_uri,
                    "url": intake.document.url,
                    "title": release.title,
                    "published_date": release.published_date,
                    "date_source": release.date_source,
                    "language": release.language,
                    "encoding": intake.document.encoding,
                    "body_text": release.body_text,
                    "content_sha256": sha,
                }
            )
            if index % 1000 == 0:
                context.log.info(f"parsed {index}/{len(inputs)} releases")
        replace_table(connection, "stg_release", pa.Table.from_pylist(rows, schema=_SCHEMA))
        undated = sum(1 for row in rows if row["published_date"] is None)
        context.log.info(f"parsed {len(rows)} releases ({undated} without a published date)")
        return dg.MaterializeResult(metadata={**table_metadata(connection, "stg_release"), "undated": undated})
