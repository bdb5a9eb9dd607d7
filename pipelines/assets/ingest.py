"""Ingest: every file under RELEASES_SOURCE_DIR into `raw_release` (and its bytes into `raw_blob`)."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pyarrow as pa

from pipelines.extraction.intake import decode_input
from pipelines.jobs import build_warehouse
from pipelines.parallel import map_batches
from pipelines.resources import ReleaseSourceResource, WarehouseResource
from pipelines.source_files import SourceFile, content_digest, listing_digest, scan_source_folder
from pipelines.warehouse import append_rows, ensure_schema, table_metadata

SOURCE_NAME = "files"
BATCH_SIZE = 1000


def release_id_for(content_sha256: str) -> str:
    """A release's id: derived from its content, so the same bytes always get the same id."""
    return content_sha256[:16]


@dataclass(frozen=True)
class _Classified:
    status: str
    reason: str | None = None
    encoding: str | None = None


def _classify(file: SourceFile) -> _Classified:
    """What a file is before duplicate detection: rejected with a reason, or accepted with its encoding."""
    if file.problem:
        return _Classified("rejected", file.problem)
    intake = decode_input(file.source_uri, file.data or b"")  # also rejects pages with no article text
    if intake.document is None:
        return _Classified("rejected", intake.reason)
    return _Classified("parsed", encoding=intake.document.encoding)


def _classify_batch(files: list[SourceFile]) -> list[tuple[SourceFile, _Classified]]:
    """Each file with its classification; runs in a worker process for big batches (`map_batches`)."""
    return [(file, _classify(file)) for file in files]


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "raw_release",
            description="One row per input ever seen (file path and content version): parsed, rejected with its "
            "reason, or duplicate of an earlier release. Append-only.",
            group_name="ingest",
            kinds={"duckdb"},
            owners=["team:releases-data"],
        ),
        dg.AssetSpec(
            "raw_blob",
            description="Raw bytes of every accepted input, keyed by content hash.",
            group_name="ingest",
            kinds={"duckdb"},
            owners=["team:releases-data"],
        ),
    ],
    pool="duckdb_writer",
)
def ingest_release_files(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, release_source: ReleaseSourceResource
):
    """Read every release file (recursively), keep its bytes, and account for it in raw_release."""
    root = release_source.root()
    with warehouse.get_connection() as connection:
        ensure_schema(connection)
        known = {
            (uri, sha): status
            for uri, sha, status in connection.execute(
                "SELECT source_uri, content_sha256, status FROM raw_release WHERE source = ?", [SOURCE_NAME]
            ).fetchall()
        }
        release_of_sha = dict(
            connection.execute(
                "SELECT content_sha256, min(source_uri) FROM raw_release "
                "WHERE status = 'parsed' AND is_current AND source = ? GROUP BY 1",
                [SOURCE_NAME],
            ).fetchall()
        )
        connection.execute("BEGIN TRANSACTION")
        new_rows: list[dict] = []
        blobs: list[dict] = []
        seen: list[dict] = []
        new_inputs = 0

        def new_files() -> Iterator[list[SourceFile]]:
            """The files not ingested before, in batches; every file scanned is recorded in `seen`."""
            batch: list[SourceFile] = []
            for file in scan_source_folder(root):
                seen.append({"source_uri": file.source_uri, "content_sha256": file.content_sha256})
                if (file.source_uri, file.content_sha256) not in known:
                    batch.append(file)
                if len(batch) >= BATCH_SIZE:
                    yield batch
                    batch = []
            if batch:
                yield batch

        for file, classified in (pair for pairs in map_batches(_classify_batch, new_files()) for pair in pairs):
            status, reason = classified.status, classified.reason
            release_id = None
            if status == "parsed":
                original = release_of_sha.get(file.content_sha256)
                if original is not None and original != file.source_uri:
                    status, reason = "duplicate", f"duplicate of {original} (same content)"
                else:
                    release_of_sha[file.content_sha256] = file.source_uri
                    blobs.append({"content_sha256": file.content_sha256, "data": file.data})
                release_id = release_id_for(file.content_sha256)
            if status == "rejected":
                context.log.warning(f"rejected {file.source_uri}: {reason}")
            new_rows.append(
                {
                    "source": SOURCE_NAME,
                    "source_uri": file.source_uri,
                    "content_sha256": file.content_sha256,
                    "size_bytes": file.size_bytes,
                    "status": status,
                    "reason": reason,
                    "release_id": release_id,
                    "encoding": classified.encoding,
                    "is_current": True,
                    "input_format": Path(file.source_uri).suffix.lower().lstrip(".") or None,
                }
            )
            if len(new_rows) >= BATCH_SIZE:
                new_inputs += _flush(connection, new_rows, blobs)
                context.log.info(f"ingested {new_inputs} new inputs ({len(seen)} files scanned)")
        new_inputs += _flush(connection, new_rows, blobs)
        # The version seen in this scan is the current one of its path; older versions stay, marked not current.
        connection.register("seen_files", pa.Table.from_pylist(seen, schema=_SEEN_SCHEMA))
        connection.execute(
            """
            UPDATE raw_release r SET is_current = (r.content_sha256 IS NOT DISTINCT FROM s.content_sha256)
            FROM seen_files s
            WHERE r.source = ? AND r.source_uri = s.source_uri
              AND r.is_current <> (r.content_sha256 IS NOT DISTINCT FROM s.content_sha256)
            """,
            [SOURCE_NAME],
        )
        connection.unregister("seen_files")
        connection.execute("COMMIT")
        counts = dict(connection.execute("SELECT status, count(*) FROM raw_release GROUP BY 1").fetchall())
        rejected = connection.execute(
            "SELECT source_uri, reason FROM raw_release WHERE status = 'rejected' AND is_current ORDER BY 1 LIMIT 50"
        ).fetchall()
        context.log.info(f"scanned {len(seen)} files under {root}: {new_inputs} new inputs; totals {counts}")
        yield dg.MaterializeResult(
            asset_key="raw_release",
            metadata={
                **table_metadata(connection, "raw_release"),
                "files_scanned": len(seen),
                "new_inputs": new_inputs,
                "parsed": counts.get("parsed", 0),
                "rejected": counts.get("rejected", 0),
                "duplicate": counts.get("duplicate", 0),
                "rejected_inputs": dg.MetadataValue.md(
                    "\n".join(f"- `{uri}`: {reason}" for uri, reason in rejected) or "_none_"
                ),
            },
        )
        blob_count = connection.execute("SELECT count(*) FROM raw_blob").fetchone()[0]
        yield dg.MaterializeResult(asset_key="raw_blob", metadata={"dagster/row_count": int(blob_count)})


def _flush(connection, rows: list[dict], blobs: list[dict]) -> int:
    """Write a batch of new inputs (and their bytes) inside the ingest transaction; empties the lists."""
    count = len(rows)
    append_rows(connection, "raw_release", rows, _RAW_SCHEMA)
    if blobs:
        connection.register("new_blobs", pa.Table.from_pylist(blobs, schema=_BLOB_SCHEMA))
        connection.execute(
            "INSERT INTO raw_blob BY NAME SELECT * FROM new_blobs "
            "WHERE content_sha256 NOT IN (SELECT content_sha256 FROM raw_blob)"
        )
        connection.unregister("new_blobs")
    rows.clear()
    blobs.clear()
    return count


_RAW_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("source_uri", pa.string()),
        ("content_sha256", pa.string()),
        ("size_bytes", pa.int64()),
        ("status", pa.string()),
        ("reason", pa.string()),
        ("release_id", pa.string()),
        ("encoding", pa.string()),
        ("is_current", pa.bool_()),
        ("input_format", pa.string()),
    ]
)
_BLOB_SCHEMA = pa.schema([("content_sha256", pa.string()), ("data", pa.binary())])
_SEEN_SCHEMA = pa.schema([("source_uri", pa.string()), ("content_sha256", pa.string())])


@dg.sensor(
    job=build_warehouse,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Launches build_warehouse when files appear or change under RELEASES_SOURCE_DIR. On by default: the "
    "drop folder is local and cheap to watch, and a run only processes what is new.",
)
def release_folder_sensor(context: dg.SensorEvaluationContext, release_source: ReleaseSourceResource):
    """One run per distinct folder content: the run key is the hash of every path and content hash."""
    root = release_source.root()
    listing = listing_digest(root)
    if listing == context.cursor:
        return dg.SkipReason(f"no file appeared or changed under {root}")
    context.update_cursor(listing)
    return dg.RunRequest(run_key=content_digest(root))
