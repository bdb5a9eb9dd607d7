"""Data tests as asset checks: keys unique and present, no orphans, spans that match the text, valid codes.

Each check is a query that counts offending rows; zero passes. Blocking checks stop downstream assets.
Every check runs inside the step that writes its table (the asset declares `table_check_specs`, then yields
`evaluate_table_checks` on its connection): forty check steps of their own cost more in Dagster's per-step
bookkeeping than the queries themselves.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

import dagster as dg
import duckdb

from pipelines.extraction.reference import load_rows
from pipelines.warehouse import load_models


@dataclass(frozen=True)
class RowCheck:
    asset: str
    name: str
    description: str
    bad_rows_sql: str
    blocking: bool = False


def _unique_key(table: str, key: str) -> RowCheck:
    return RowCheck(
        table,
        f"{key}_unique_not_null",
        f"{table}.{key} is never null and never repeated.",
        f"SELECT count(*) - count(DISTINCT {key}) + count(*) FILTER ({key} IS NULL) FROM {table}",
        blocking=True,
    )


def _references(table: str, column: str, dimension: str, key: str) -> RowCheck:
    return RowCheck(
        table,
        f"{column}_in_{dimension}",
        f"Every non-null {table}.{column} is a {dimension}.{key} (no orphans).",
        f"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL AND {column} NOT IN (SELECT {key} FROM {dimension})",
        blocking=True,
    )


_MENTION_TYPES = {
    "person": ("dim_person", "person_id"),
    "organisation": ("dim_organisation", "org_id"),
    "country": ("dim_country", "iso3"),
    "document": ("dim_document", "document_id"),
    "place": ("dim_place", "place_id"),
}

ROW_CHECKS: list[RowCheck] = [
    _unique_key("dim_release", "release_id"),
    _unique_key("dim_person", "person_id"),
    _unique_key("dim_organisation", "org_id"),
    _unique_key("dim_country", "iso3"),
    _unique_key("dim_document", "document_id"),
    _unique_key("dim_event", "event_id"),
    _unique_key("dim_place", "place_id"),
    _references("dim_event", "release_id", "dim_release", "release_id"),
    _references("dim_organisation", "country_iso3", "dim_country", "iso3"),
    _references("fact_mention", "release_id", "dim_release", "release_id"),
    _references("fact_participation", "release_id", "dim_release", "release_id"),
    _references("fact_participation", "person_id", "dim_person", "person_id"),
    _references("fact_participation", "event_id", "dim_event", "event_id"),
    _references("fact_participation", "org_id", "dim_organisation", "org_id"),
    _references("fact_participation", "country_iso3", "dim_country", "iso3"),
    _references("fact_statement", "release_id", "dim_release", "release_id"),
    _references("fact_statement", "person_id", "dim_person", "person_id"),
    _references("fact_statement", "org_id", "dim_organisation", "org_id"),
    # identities and offices
    _unique_key("stg_person_identity", "canonical_name"),
    _unique_key("stg_org_identity", "canonical_name"),
    _unique_key("dim_office", "office_id"),
    _unique_key("fact_office_holding", "holding_id"),
    _references("dim_office", "org_id", "dim_organisation", "org_id"),
    _references("dim_office", "country_iso3", "dim_country", "iso3"),
    _references("fact_office_holding", "person_id", "dim_person", "person_id"),
    _references("fact_office_holding", "office_id", "dim_office", "office_id"),
    RowCheck(
        "review_identity",
        "decision_accepted_values",
        "review_identity.decision is same, review, not_same or unsure; decided_by is score, judgement or same_release.",
        "SELECT count(*) FROM review_identity WHERE decision NOT IN ('same', 'review', 'not_same', 'unsure') "
        "OR decided_by NOT IN ('score', 'judgement', 'same_release')",
    ),
    RowCheck(
        "fact_office_holding",
        "valid_from_not_after_valid_to",
        "A term of office never ends before it begins.",
        "SELECT count(*) FROM fact_office_holding WHERE valid_from IS NULL OR valid_to < valid_from",
        blocking=True,
    ),
    RowCheck(
        "fact_mention",
        "entity_id_in_dimension",
        "Every mention's entity_id is a key of its entity type's dimension (ISO alpha-3 for countries).",
        "SELECT "
        + " + ".join(
            f"(SELECT count(*) FROM fact_mention WHERE entity_type = '{kind}' "
            f"AND entity_id NOT IN (SELECT {key} FROM {dimension}))"
            for kind, (dimension, key) in _MENTION_TYPES.items()
        )
        + f" + (SELECT count(*) FROM fact_mention WHERE entity_type NOT IN ({', '.join(repr(k) for k in _MENTION_TYPES)}))",
        blocking=True,
    ),
    RowCheck(
        "fact_mention",
        "surface_text_matches_span",
        "surface_text equals body_text[char_start:char_end] of its release.",
        "SELECT count(*) FROM fact_mention m JOIN dim_release r USING (release_id) "
        "WHERE m.char_start < 0 OR m.char_end > length(r.body_text) OR m.char_start >= m.char_end "
        "OR substr(r.body_text, m.char_start + 1, m.char_end - m.char_start) <> m.surface_text",
        blocking=True,
    ),
    RowCheck(
        "fact_statement",
        "text_matches_span",
        "A statement's text equals body_text[char_start:char_end] of its release.",
        "SELECT count(*) FROM fact_statement s JOIN dim_release r USING (release_id) "
        "WHERE substr(r.body_text, s.char_start + 1, s.char_end - s.char_start) <> s.text",
        blocking=True,
    ),
    # topics, CAMEO codes, provenance spans
    _unique_key("dim_topic", "topic_id"),
    _references("dim_topic", "parent_topic_id", "dim_topic", "topic_id"),
    _references("fact_topic", "release_id", "dim_release", "release_id"),
    _references("fact_topic", "topic_id", "dim_topic", "topic_id"),
    RowCheck(
        "fact_topic",
        "spans_match_text",
        "A topic's sentence lies in body_text, its matched term lies in the sentence and equals "
        "body_text[term_start:term_end].",
        "SELECT count(*) FROM fact_topic t JOIN dim_release r USING (release_id) "
        "WHERE t.char_start < 0 OR t.char_end > length(r.body_text) OR t.char_start >= t.char_end "
        "OR t.term_start < t.char_start OR t.term_end > t.char_end "
        "OR substr(r.body_text, t.term_start + 1, t.term_end - t.term_start) <> t.matched_term",
        blocking=True,
    ),
    RowCheck(
        "fact_participation",
        "first_mention_span_in_text",
        "Every participation carries the span of the person's first mention in the release, inside body_text.",
        "SELECT count(*) FROM fact_participation p JOIN dim_release r USING (release_id) "
        "WHERE p.char_start IS NULL OR p.char_start < 0 OR p.char_end > length(r.body_text) "
        "OR p.char_start >= p.char_end",
        blocking=True,
    ),
    RowCheck(
        "fact_statement",
        "act_type_and_cameo_code_in_vocabulary",
        "Every statement's act_type and cameo_code are a pair of the closed vocabulary of speech_verbs.csv.",
        "SELECT count(*) FROM fact_statement WHERE (act_type, cameo_code) NOT IN ("
        + ", ".join(sorted({f"('{row['act_type']}', '{row['cameo']}')" for row in load_rows("speech_verbs.csv")}))
        + ")",
    ),
    RowCheck(
        "dim_country",
        "iso3_format",
        "Country codes are three upper-case letters.",
        "SELECT count(*) FROM dim_country WHERE NOT regexp_full_match(iso3, '[A-Z]{3}')",
    ),
    RowCheck(
        "raw_release",
        "status_and_reason",
        "status is parsed/rejected/duplicate; rejections and duplicates say why; only rejections lack a release_id.",
        "SELECT count(*) FROM raw_release WHERE status NOT IN ('parsed', 'rejected', 'duplicate') "
        "OR (status <> 'parsed' AND reason IS NULL) OR ((status = 'rejected') <> (release_id IS NULL))",
    ),
]


def _tables_read(check: RowCheck) -> list[str]:
    """Every other table the check's SQL reads: the check must run after them too, not only after its asset."""
    words = set(re.findall(r"\b[a-z_][a-z0-9_]*\b", check.bad_rows_sql.lower()))
    return sorted((words & CHECKED_TABLES) - {check.asset})


def _spec(check: RowCheck) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        check.name,
        asset=check.asset,
        description=check.description,
        blocking=check.blocking,
        additional_deps=_tables_read(check),
    )


def check_result(connection: duckdb.DuckDBPyConnection, check: RowCheck) -> dg.AssetCheckResult:
    bad_rows = int(connection.execute(check.bad_rows_sql).fetchone()[0])
    return dg.AssetCheckResult(
        asset_key=check.asset, check_name=check.name, passed=bad_rows == 0, metadata={"offending_rows": bad_rows}
    )


def checks_of(table: str) -> list[RowCheck]:
    return [check for check in ROW_CHECKS if check.asset == table]


def table_check_specs(table: str) -> list[dg.AssetCheckSpec]:
    """The specs of `table`'s checks, for the asset that builds it."""
    return [_spec(check) for check in checks_of(table)]


def tables_read_by_checks(table: str) -> list[str]:
    """The other tables that `table`'s checks read: its asset must run after them."""
    return sorted({name for check in checks_of(table) for name in _tables_read(check)})


def evaluate_table_checks(connection: duckdb.DuckDBPyConnection, table: str) -> Iterator[dg.AssetCheckResult]:
    """The results of `table`'s checks, right after it was written."""
    for check in checks_of(table):
        yield check_result(connection, check)


CHECKED_TABLES = {"raw_release", *(model.name for model in load_models())}
