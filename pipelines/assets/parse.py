"""Parse: each current accepted release's stored bytes into clean article text (`stg_release`), incrementally."""

import hashlib
from collections.abc import Iterator

import dagster as dg
import pyarrow as pa

from pipelines.extraction.intake import decode_input
from pipelines.extraction.parse import parse_document
from pipelines.fingerprint import PARSER_VERSION
from pipelines.parallel import map_batches
from pipelines.partitions import register_release_months
from pipelines.resources import WarehouseResource
from pipelines.warehouse import append_rows, ensure_table, table_metadata

BATCH_SIZE = 1000

STG_RELEASE_SCHEMA = pa.schema(
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
        ("body_sha256", pa.string()),
        ("content_sha256", pa.string()),
        ("parser_version", pa.string()),
    ]
)


def _parse(
    release_id: str, source: str, source_uri: str, input_format: str | None, sha: str, data: bytes
) -> dict | None:
    intake = decode_input(f"release.{input_format}" if input_format else source_uri, data)
    if intake.document is None:
        return None
    release = parse_document(intake.document)
    return {
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
        "body_sha256": hashlib.sha256(release.body_text.encode("utf-8")).hexdigest(),
        "content_sha256": sha,
        "parser_version": PARSER_VERSION,
    }


def _parse_batch(inputs: list[tuple]) -> tuple[list[dict], list[str]]:
    """The stg_release rows of a batch of (release_id, source, source_uri, input_format, sha, bytes), and the
    source_uris that no longer decode. Runs in a worker process for big batches (`map_batches`)."""
    rows, undecodable = [], []
    for release_id, source, source_uri, input_format, sha, data in inputs:
        row = _parse(release_id, source, source_uri, input_format, sha, bytes(data))
        if row is None:
            undecodable.append(source_uri)
        else:
            rows.append(row)
    return rows, undecodable


@dg.asset(
    deps=["raw_release", "raw_blob"],
    group_name="parse",
    kinds={"python", "duckdb"},
    owners=["team:releases-data"],
    code_version=PARSER_VERSION,
    pool="duckdb_writer",
)
def stg_release(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Clean text of every current release (title, dateline, paragraphs) with its published date and language.

    Incremental: only releases not parsed yet (or parsed by another parser version) are parsed, from the stored raw
    bytes, so an improved parser never needs the sources again; releases that stopped being current are removed.
    """
    with warehouse.get_connection() as connection:
        ensure_table(connection, "stg_release", STG_RELEASE_SCHEMA)
        connection.execute("BEGIN TRANSACTION")
        removed = connection.execute(
            """
            DELETE FROM stg_release
            WHERE parser_version <> ?
               OR release_id NOT IN (SELECT release_id FROM raw_release WHERE status = 'parsed' AND is_current)
            """,
            [PARSER_VERSION],
        ).fetchone()[0]
        todo = [
            row[0]
            for row in connection.execute(
                """
                SELECT DISTINCT release_id FROM raw_release
                WHERE status = 'parsed' AND is_current
                  AND release_id NOT IN (SELECT release_id FROM stg_release)
                ORDER BY release_id
                """
            ).fetchall()
        ]
        parsed = done = 0

        def batches() -> Iterator[list[tuple]]:
            for start in range(0, len(todo), BATCH_SIZE):
                yield connection.execute(
                    """
                    SELECT r.release_id, r.source, r.source_uri, r.input_format, r.content_sha256, b.data
                    FROM raw_release r JOIN raw_blob b USING (content_sha256)
                    WHERE r.status = 'parsed' AND r.is_current AND r.release_id IN (SELECT unnest(?))
                    ORDER BY r.release_id
                    """,
                    [todo[start : start + BATCH_SIZE]],
                ).fetchall()

        for rows, undecodable in map_batches(_parse_batch, batches()):
            for source_uri in undecodable:  # ingest accepted these bytes, so only a parser change can get here
                context.log.warning(f"{source_uri} no longer decodes with parser {PARSER_VERSION}")
            append_rows(connection, "stg_release", rows, STG_RELEASE_SCHEMA)
            parsed += len(rows)
            # Commit batch by batch: memory stays flat, and a failed run's build file is never published anyway.
            connection.execute("COMMIT")
            connection.execute("BEGIN TRANSACTION")
            done = min(done + BATCH_SIZE, len(todo))
            context.log.info(f"parsed {done}/{len(todo)} new releases")
        connection.execute("COMMIT")
        undated = connection.execute("SELECT count(*) FROM stg_release WHERE published_date IS NULL").fetchone()[0]
        new_months = register_release_months(context.instance, connection)  # partitions for month backfills
        context.log.info(f"parsed {parsed} releases, removed {removed}; {undated} releases without a published date")
        return dg.MaterializeResult(
            metadata={
                **table_metadata(connection, "stg_release"),
                "parsed_this_run": parsed,
                "removed_this_run": int(removed),
                "undated": int(undated),
                "new_release_months": len(new_months),
                "parser_version": PARSER_VERSION,
            }
        )
