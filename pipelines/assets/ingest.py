"""Ingest: every file under RELEASES_SOURCE_DIR into `raw_release` (and its bytes into `raw_blob`)."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pyarrow as pa

from pipelines.checks import evaluate_table_checks, table_check_specs
from pipelines.extraction.intake import decode_input
from pipelines.jobs import build_warehouse
from pipelines.parallel import map_batches
from pipelines.resources import ReleaseSourceResource, WarehouseResource
from pipelines.source_files import SourceFile, content_digest, count_files, listing_digest, scan_source_folder
from pipelines.warehouse import append_rows, ensure_schema, table_metadata

SOURCE_NAME = "files"
BATCH_SIZE = 1000


def release_id_for(content_sha256: str) -> str:
    """A release's id: derived from its content, so the same bytes always get the same id."""
    return content_sha256[:16]


@dataclass(frozen=True)
class Classified:
    status: str
    reason: str | None = None
    encoding: str | None = None


@dataclass(frozen=True)
class NewInput:
    """An input not seen before, from any source (a file, a web page): what raw_release records about it."""

    source: str
    source_uri: str
    content_sha256: str | None
    size_bytes: int
    data: bytes | None
    input_format: str | None


def classify_input(name: str, data: bytes) -> Classified:
    """What bytes are before duplicate detection (`name`'s suffix says the format): rejected, or their encoding."""
    intake = decode_input(name, data)  # also rejects pages with no article text
    if intake.document is None:
        return Classified("rejected", intake.reason)
    return Classified("parsed", encoding=intake.document.encoding)


def _classify(file: SourceFile) -> Classified:
    if file.problem:
        return Classified("rejected", file.problem)
    return classify_input(file.source_uri, file.data or b"")


def current_releases(connection) -> dict[str, tuple[str, str]]:
    """content hash -> (source, source_uri) of the current release with those bytes, across every source, so the
    same bytes from a file and a web page become one release (release_id is derived from the bytes)."""
    originals: dict[str, tuple[str, str]] = {}
    for sha, source, uri in connection.execute(
        "SELECT content_sha256, source, source_uri FROM raw_release WHERE status = 'parsed' AND is_current "
        "ORDER BY source, source_uri"
    ).fetchall():
        originals.setdefault(sha, (source, uri))
    return originals


def release_row(
    item: NewInput, classified: Classified, originals: dict[str, tuple[str, str]], blobs: list[dict]
) -> dict:
    """The raw_release row of a new input: a duplicate when a current release from elsewhere has the same bytes.
    A new release's bytes are added to `blobs` and it becomes the original of later copies (`originals`)."""
    status, reason, release_id = classified.status, classified.reason, None
    if status == "parsed" and item.content_sha256 is not None:
        original = originals.get(item.content_sha256)
        if original is not None and original != (item.source, item.source_uri):
            status, reason = "duplicate", f"duplicate of {original[1]} (same content)"
        else:
            originals[item.content_sha256] = (item.source, item.source_uri)
            blobs.append({"content_sha256": item.content_sha256, "data": item.data})
        release_id = release_id_for(item.content_sha256)
    return {
        "source": item.source,
        "source_uri": item.source_uri,
        "content_sha256": item.content_sha256,
        "size_bytes": item.size_bytes,
        "status": status,
        "reason": reason,
        "release_id": release_id,
        "encoding": classified.encoding,
        "is_current": True,
        "input_format": item.input_format,
    }


def _classify_batch(files: list[SourceFile]) -> list[tuple[SourceFile, Classified]]:
    """Each file with its classification; runs in a worker process for big batches (`map_batches`)."""
    return [(file, _classify(file)) for file in files]


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "raw_release",
            description="One row per input ever seen (file path and content version): parsed, rejected with its "
            "reason, or duplicate of an earlier release. Append-only.",
            deps=["raw_web_page"],  # web articles are written first, so files with the same bytes are duplicates
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
    check_specs=table_check_specs("raw_release"),
    pool="duckdb_writer",
)
def ingest_release_files(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, release_source: ReleaseSourceResource
):
    """Read every release file (recursively), keep its bytes, and account for it in raw_release."""
    root = release_source.root()
    total = count_files(root)  # for the progress lines
    context.log.info(f"scanning {total} files under {root}")
    with warehouse.get_connection() as connection:
        ensure_schema(connection)
        known = {
            (uri, sha): status
            for uri, sha, status in connection.execute(
                "SELECT source_uri, content_sha256, status FROM raw_release WHERE source = ?", [SOURCE_NAME]
            ).fetchall()
        }
        originals = current_releases(connection)
        connection.execute("BEGIN TRANSACTION")
        new_rows: list[dict] = []
        blobs: list[dict] = []
        seen: list[dict] = []
        rejected_now: list[tuple[str, str]] = []
        new_inputs = 0

        def new_files() -> Iterator[list[SourceFile]]:
            """The files not ingested before, in batches; every file scanned is recorded in `seen`."""
            batch: list[SourceFile] = []
            for file in scan_source_folder(root):
                seen.append({"source_uri": file.source_uri, "content_sha256": file.content_sha256})
                if len(seen) % BATCH_SIZE == 0:
                    context.log.info(f"scanned {len(seen)}/{total} files")
                if (file.source_uri, file.content_sha256) not in known:
                    batch.append(file)
                if len(batch) >= BATCH_SIZE:
                    yield batch
                    batch = []
            if batch:
                yield batch

        for file, classified in (pair for pairs in map_batches(_classify_batch, new_files()) for pair in pairs):
            item = NewInput(
                SOURCE_NAME,
                file.source_uri,
                file.content_sha256,
                file.size_bytes,
                file.data,
                Path(file.source_uri).suffix.lower().lstrip(".") or None,
            )
            row = release_row(item, classified, originals, blobs)
            if row["status"] == "rejected":
                context.log.warning(f"rejected {file.source_uri}: {row['reason']}")
                rejected_now.append((file.source_uri, row["reason"]))
            new_rows.append(row)
            if len(new_rows) >= BATCH_SIZE:
                new_inputs += write_inputs(connection, new_rows, blobs)
                context.log.info(f"ingested {new_inputs} new inputs ({len(seen)}/{total} files scanned)")
        new_inputs += write_inputs(connection, new_rows, blobs)
        set_current_versions(connection, SOURCE_NAME, seen)
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
                "rejected_this_run": dg.MetadataValue.md(
                    "\n".join(f"- `{uri}`: {reason}" for uri, reason in rejected_now[:50]) or "_none_"
                ),
            },
        )
        yield dg.MaterializeResult(asset_key="raw_blob", metadata=table_metadata(connection, "raw_blob"))
        yield from evaluate_table_checks(connection, "raw_release")


def set_current_versions(connection, source: str, seen: list[dict]) -> None:
    """The version just seen of each source_uri (`seen`: source_uri, content_sha256) becomes its current one;
    older versions stay, marked not current."""
    connection.register("seen_inputs", pa.Table.from_pylist(seen, schema=_SEEN_SCHEMA))
    connection.execute(
        """
        UPDATE raw_release r SET is_current = (r.content_sha256 IS NOT DISTINCT FROM s.content_sha256)
        FROM seen_inputs s
        WHERE r.source = ? AND r.source_uri = s.source_uri
          AND r.is_current <> (r.content_sha256 IS NOT DISTINCT FROM s.content_sha256)
        """,
        [source],
    )
    connection.unregister("seen_inputs")


def write_inputs(connection, rows: list[dict], blobs: list[dict]) -> int:
    """Write a batch of new inputs (and their bytes) inside the caller's transaction; empties the lists."""
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
