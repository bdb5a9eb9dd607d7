"""Extract: run the pure extraction library over every parsed release into staging tables."""

import gc
from collections.abc import Iterator
from functools import cache

import dagster as dg
import pyarrow as pa

from pipelines.extraction.records import ReleaseExtraction
from pipelines.extraction.release import Extractor
from pipelines.fingerprint import EXTRACTOR_VERSION
from pipelines.parallel import map_batches
from pipelines.resources import WarehouseResource
from pipelines.warehouse import append_rows, ensure_table, table_metadata

STAGING_SCHEMAS: dict[str, pa.Schema] = {
    "stg_person": pa.schema(
        [
            ("release_id", pa.string()),
            ("canonical_name", pa.string()),
            ("title", pa.string()),
            ("title_start", pa.int64()),
            ("title_end", pa.int64()),
            ("org_name", pa.string()),
            ("country_iso3", pa.string()),
            ("rule", pa.string()),
            ("confidence", pa.float64()),
            ("char_start", pa.int64()),
            ("char_end", pa.int64()),
        ]
    ),
    "stg_mention": pa.schema(
        [
            ("release_id", pa.string()),
            ("entity_type", pa.string()),
            ("entity_key", pa.string()),
            ("surface_text", pa.string()),
            ("char_start", pa.int64()),
            ("char_end", pa.int64()),
            ("rule", pa.string()),
            ("confidence", pa.float64()),
            ("acronym", pa.string()),
            ("org_type", pa.string()),
            ("country_iso3", pa.string()),
            ("kind", pa.string()),
        ]
    ),
    "stg_event": pa.schema(
        [
            ("release_id", pa.string()),
            ("event_seq", pa.int64()),
            ("kind", pa.string()),
            ("name", pa.string()),
            ("event_date", pa.date32()),
            ("is_virtual", pa.bool_()),
            ("place", pa.string()),
            ("char_start", pa.int64()),
            ("char_end", pa.int64()),
            ("rule", pa.string()),
            ("confidence", pa.float64()),
        ]
    ),
    "stg_event_participant": pa.schema(
        [("release_id", pa.string()), ("event_seq", pa.int64()), ("canonical_name", pa.string())]
    ),
    "stg_statement": pa.schema(
        [
            ("release_id", pa.string()),
            ("statement_seq", pa.int64()),
            ("speaker", pa.string()),
            ("org_name", pa.string()),
            ("act_type", pa.string()),
            ("cue", pa.string()),
            ("text", pa.string()),
            ("char_start", pa.int64()),
            ("char_end", pa.int64()),
            ("rule", pa.string()),
            ("confidence", pa.float64()),
            ("cameo_code", pa.string()),
        ]
    ),
    "stg_topic": pa.schema(
        [
            ("release_id", pa.string()),
            ("topic_id", pa.string()),
            ("char_start", pa.int64()),
            ("char_end", pa.int64()),
            ("matched_term", pa.string()),
            ("term_start", pa.int64()),
            ("term_end", pa.int64()),
            ("rule", pa.string()),
            ("confidence", pa.float64()),
        ]
    ),
}


def _mention(release_id: str, entity_type: str, key: str, mention, rule: str, confidence: float, **attributes) -> dict:
    return {
        "release_id": release_id,
        "entity_type": entity_type,
        "entity_key": key,
        "surface_text": mention.text,
        "char_start": mention.start,
        "char_end": mention.end,
        "rule": rule,
        "confidence": confidence,
        **{name: attributes.get(name) for name in ("acronym", "org_type", "country_iso3", "kind")},
    }


def staging_rows(release_id: str, extraction: ReleaseExtraction) -> dict[str, list[dict]]:
    """Flatten one release's extraction into rows of the staging tables."""
    rows: dict[str, list[dict]] = {name: [] for name in STAGING_SCHEMAS}
    for person in extraction.persons:
        first = min(person.mentions, key=lambda mention: mention.start, default=None)  # the row's provenance span
        rows["stg_person"].append(
            {
                "release_id": release_id,
                "canonical_name": person.canonical_name,
                "title": person.title,
                "title_start": person.title_mention.start if person.title_mention else None,
                "title_end": person.title_mention.end if person.title_mention else None,
                "org_name": person.org_name,
                "country_iso3": person.country_iso3,
                "rule": person.rule,
                "confidence": person.confidence,
                "char_start": first.start if first else None,
                "char_end": first.end if first else None,
            }
        )
        for mention in person.mentions:
            rows["stg_mention"].append(
                _mention(release_id, "person", person.canonical_name, mention, person.rule, person.confidence)
            )
    for org in extraction.organisations:
        rows["stg_mention"].append(
            _mention(
                release_id, "organisation", org.canonical_name, org.mention, org.rule, org.confidence,
                acronym=org.acronym, org_type=org.org_type, country_iso3=org.country_iso3,
            )
        )
    for country in extraction.countries:
        rows["stg_mention"].append(_mention(release_id, "country", country.iso3, country.mention, country.rule, 1.0))
    for place in extraction.places:
        rows["stg_mention"].append(
            _mention(release_id, "place", place.name, place.mention, place.rule, 1.0, country_iso3=place.country_iso3)
        )
    for document in extraction.documents:
        rows["stg_mention"].append(
            _mention(
                release_id, "document", document.canonical_name, document.mention, document.rule,
                document.confidence, kind=document.kind,
            )
        )
    for seq, event in enumerate(extraction.events, start=1):
        rows["stg_event"].append(
            {
                "release_id": release_id,
                "event_seq": seq,
                "kind": event.kind,
                "name": event.name,
                "event_date": event.event_date,
                "is_virtual": event.is_virtual,
                "place": event.place,
                "char_start": event.mention.start,
                "char_end": event.mention.end,
                "rule": event.rule,
                "confidence": event.confidence,
            }
        )
        rows["stg_event_participant"].extend(
            {"release_id": release_id, "event_seq": seq, "canonical_name": name} for name in event.participants
        )
    for seq, statement in enumerate(extraction.statements, start=1):
        rows["stg_statement"].append(
            {
                "release_id": release_id,
                "statement_seq": seq,
                "speaker": statement.speaker,
                "org_name": statement.org_name,
                "act_type": statement.act_type,
                "cue": statement.cue,
                "text": statement.mention.text,
                "char_start": statement.mention.start,
                "char_end": statement.mention.end,
                "rule": statement.rule,
                "confidence": statement.confidence,
                "cameo_code": statement.cameo_code,
            }
        )
    rows["stg_topic"].extend(
        {
            "release_id": release_id,
            "topic_id": topic.topic_id,
            "char_start": topic.mention.start,
            "char_end": topic.mention.end,
            "matched_term": topic.matched_term.text,
            "term_start": topic.matched_term.start,
            "term_end": topic.matched_term.end,
            "rule": topic.rule,
            "confidence": topic.confidence,
        }
        for topic in extraction.topics
    )
    return rows


EXTRACTION_LOG_SCHEMA = pa.schema(
    [("release_id", pa.string()), ("body_sha256", pa.string()), ("extractor_version", pa.string())]
)
BATCH_SIZE = 500
GC_YOUNG_THRESHOLD = 50_000  # allocations between young-generation collections (CPython's default: 700)


def load_extractor() -> Extractor:
    """The extractor, with the collector set up for extraction (the benchmarks measure it the same way).

    The reference data is hundreds of thousands of long-lived objects that every cyclic collection would walk again,
    while extraction allocates many short-lived tuples: freezing the loaded objects out of the collector and
    collecting the young generation less often takes about 3% off extraction.
    """
    extractor = Extractor.load()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    return extractor


_extractor = cache(load_extractor)  # loaded once per process: the asset's own, or each worker's


def _extract_batch(releases: list[tuple]) -> tuple[dict[str, list[dict]], list[dict], int]:
    """Staging rows and extraction-log rows of a batch of (release_id, body_text, body_sha256, published_date,
    language), and how many were not English. Runs in a worker process for big batches (`map_batches`)."""
    tables: dict[str, list[dict]] = {name: [] for name in STAGING_SCHEMAS}
    log, not_english = [], 0
    for release_id, body_text, body_sha256, published, language in releases:
        log.append({"release_id": release_id, "body_sha256": body_sha256, "extractor_version": EXTRACTOR_VERSION})
        if language not in ("en", "und"):  # kept with its language; the rules read English only
            not_english += 1
            continue
        for name, rows in staging_rows(release_id, _extractor().extract(body_text, published)).items():
            tables[name].extend(rows)
    return tables, log, not_english


def _remove_stale(connection) -> int:
    """Drop staging rows of releases that left stg_release, whose text changed, or that an older extractor made."""
    connection.execute(
        """
        DELETE FROM stg_extraction_log
        WHERE extractor_version <> ?
           OR (release_id, body_sha256) NOT IN (SELECT release_id, body_sha256 FROM stg_release)
        """,
        [EXTRACTOR_VERSION],
    )
    removed = 0
    for name in STAGING_SCHEMAS:
        removed += connection.execute(
            f"DELETE FROM {name} WHERE release_id NOT IN (SELECT release_id FROM stg_extraction_log)"
        ).fetchone()[0]
    return removed


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            name,
            deps=["stg_release", "month_reextraction"],  # a month backfill hands releases back first
            description=f"Staging rows from the extraction library ({name.removeprefix('stg_').replace('_', ' ')}), "
            "each with its release, char span, rule and confidence.",
            group_name="extract",
            kinds={"python", "duckdb"},
            owners=["team:releases-data"],
            code_version=EXTRACTOR_VERSION,
        )
        for name in [*STAGING_SCHEMAS, "stg_extraction_log"]
    ],
    pool="duckdb_writer",
)
def extracted_entities(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Persons with titles, organisations, countries, places, documents, events and statements per release.

    Incremental: only releases whose text is new (or that an older extractor version processed) are extracted, in
    batches, so memory stays flat however large the archive grows.
    """
    with warehouse.get_connection() as connection:
        for name, schema in [*STAGING_SCHEMAS.items(), ("stg_extraction_log", EXTRACTION_LOG_SCHEMA)]:
            ensure_table(connection, name, schema)
        connection.execute("BEGIN TRANSACTION")
        removed = _remove_stale(connection)
        todo = [
            row[0]
            for row in connection.execute(
                "SELECT release_id FROM stg_release WHERE release_id NOT IN (SELECT release_id FROM stg_extraction_log) "
                "ORDER BY release_id"
            ).fetchall()
        ]
        skipped = done = 0

        def batches() -> Iterator[list[tuple]]:
            for start in range(0, len(todo), BATCH_SIZE):
                yield connection.execute(
                    "SELECT release_id, body_text, body_sha256, published_date, language FROM stg_release "
                    "WHERE release_id IN (SELECT unnest(?)) ORDER BY release_id",
                    [todo[start : start + BATCH_SIZE]],
                ).fetchall()

        for tables, log, not_english in map_batches(_extract_batch, batches()):
            for name, schema in STAGING_SCHEMAS.items():
                append_rows(connection, name, tables[name], schema)
            append_rows(connection, "stg_extraction_log", log, EXTRACTION_LOG_SCHEMA)
            skipped += not_english
            # Commit batch by batch: memory stays flat, and a failed run's build file is never published anyway.
            connection.execute("COMMIT")
            connection.execute("BEGIN TRANSACTION")
            done = min(done + BATCH_SIZE, len(todo))
            context.log.info(f"extracted {done}/{len(todo)} new releases")
        connection.execute("COMMIT")
        context.log.info(
            f"extracted {len(todo) - skipped} releases ({skipped} non-English kept without entities); "
            f"removed {removed} stale staging rows"
        )
        for name in [*STAGING_SCHEMAS, "stg_extraction_log"]:
            yield dg.MaterializeResult(
                asset_key=name,
                metadata={**table_metadata(connection, name), "releases_extracted_this_run": len(todo)},
            )
