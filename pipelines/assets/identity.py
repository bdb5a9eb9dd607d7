"""Cross-release knowledge: one identity per person whatever the spelling, and the office each title names.

Thin: reads the distinct names of the staging tables with their evidence, calls `pipelines.extraction.identity`
and `pipelines.extraction.offices`, and writes small tables the SQL models join.
"""

from collections import defaultdict

import dagster as dg
import pyarrow as pa

from pipelines.checks import evaluate_table_checks, table_check_specs
from pipelines.extraction.identity import FoldRules, NameEvidence, load_judgements, resolve
from pipelines.extraction.offices import OfficeMatch, default_resolver
from pipelines.extraction.reference import load_rows
from pipelines.resources import WarehouseResource
from pipelines.warehouse import replace_table, table_metadata

IDENTITY_SCHEMAS: dict[str, pa.Schema] = {
    "stg_person_identity": pa.schema(
        [
            ("canonical_name", pa.string()),
            ("person_key", pa.string()),
            ("match_rule", pa.string()),
            ("match_score", pa.float64()),
        ]
    ),
    "stg_org_identity": pa.schema(
        [
            ("canonical_name", pa.string()),
            ("org_key", pa.string()),
            ("match_rule", pa.string()),
            ("match_score", pa.float64()),
        ]
    ),
    "review_identity": pa.schema(
        [
            ("entity_type", pa.string()),
            ("name_a", pa.string()),
            ("name_b", pa.string()),
            ("score", pa.float64()),
            ("rule", pa.string()),
            ("evidence", pa.string()),
            ("decision", pa.string()),
            ("decided_by", pa.string()),
            ("release_ids", pa.list_(pa.string())),
        ]
    ),
    "stg_person_office": pa.schema(
        [
            ("release_id", pa.string()),
            ("canonical_name", pa.string()),
            ("title", pa.string()),
            ("office_key", pa.string()),
            ("office_name", pa.string()),
            ("org_name", pa.string()),
            ("country_iso3", pa.string()),
            ("office_rule", pa.string()),
        ]
    ),
}

_DESCRIPTIONS = {
    "stg_person_identity": "Every person name seen (releases and reference terms of office) -> the key of the person "
    "it is, with the rule and score that linked it.",
    "stg_org_identity": "Every organisation name seen -> the representative name of the organisation it is (same "
    "words in any order, the state as a code, spelling variants); for review and for keying organisations.",
    "review_identity": "Compared name pairs at or above the review threshold, and judged pairs: score, evidence and "
    "decision (same / review / not_same / unsure).",
    "stg_person_office": "Each titled person of each release with each canonical office the title names.",
}


def _office_rows(connection) -> list[dict]:
    resolver = default_resolver()
    cache: dict[tuple, tuple[OfficeMatch, ...]] = {}
    rows = []
    for release_id, name, title, org_name, country in connection.execute(
        "SELECT release_id, canonical_name, title, org_name, country_iso3 FROM stg_person "
        "WHERE title IS NOT NULL ORDER BY release_id, canonical_name, title"
    ).fetchall():
        key = (title, org_name, country)
        if key not in cache:
            cache[key] = resolver.resolve_all(title, org_name, country)
        for office in cache[key]:
            rows.append({"release_id": release_id, "canonical_name": name, "title": title,
                         "office_key": office.office_key, "office_name": office.office, "org_name": office.org_name,
                         "country_iso3": office.country_iso3, "office_rule": office.rule})
    return rows


def _name_evidence(connection, office_rows: list[dict]) -> list[NameEvidence]:
    """Each distinct name with its releases, offices, countries and organisations; reference holders preferred."""
    releases: dict[str, set[str]] = defaultdict(set)
    countries: dict[str, set[str]] = defaultdict(set)
    orgs: dict[str, set[str]] = defaultdict(set)
    offices: dict[str, set[str]] = defaultdict(set)
    for release_id, name, country, org in connection.execute(
        "SELECT release_id, canonical_name, country_iso3, org_name FROM stg_person "
        "UNION ALL SELECT release_id, speaker, NULL, NULL FROM stg_statement WHERE speaker IS NOT NULL "
        "UNION ALL SELECT release_id, canonical_name, NULL, NULL FROM stg_event_participant"
    ).fetchall():
        releases[name].add(release_id)
        if country:
            countries[name].add(country)
        if org:
            orgs[name].add(org)
    for row in office_rows:
        offices[row["canonical_name"]].add(row["office_key"])
    preferred = {row["canonical_name"] for row in load_rows("persons.csv")}
    for holding in default_resolver().reference_holdings():
        preferred.add(holding.person)
        offices[holding.person].add(holding.office.office_key)
        releases.setdefault(holding.person, set())
    return [
        NameEvidence(name, frozenset(releases[name]), frozenset(offices[name]), frozenset(countries[name]),
                     frozenset(orgs[name]), name in preferred)
        for name in sorted(releases)
    ]


def _organisation_evidence(connection) -> list[NameEvidence]:
    releases: dict[str, set[str]] = defaultdict(set)
    for release_id, name in connection.execute(
        "SELECT release_id, entity_key FROM stg_mention WHERE entity_type = 'organisation' "
        "UNION ALL SELECT release_id, org_name FROM stg_person WHERE org_name IS NOT NULL "
        "UNION ALL SELECT release_id, org_name FROM stg_statement WHERE org_name IS NOT NULL"
    ).fetchall():
        releases[name].add(release_id)
    preferred = {row["canonical_name"] for row in load_rows("organisations.csv")}
    return [NameEvidence(name, frozenset(ids), preferred=name in preferred) for name, ids in sorted(releases.items())]


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            name,
            deps=["stg_person", "stg_statement", "stg_event_participant", "stg_mention"],
            description=_DESCRIPTIONS[name],
            group_name="knowledge",
            kinds={"python", "duckdb"},
            owners=["team:releases-data"],
        )
        for name in IDENTITY_SCHEMAS
    ],
    check_specs=[spec for name in IDENTITY_SCHEMAS for spec in table_check_specs(name)],
    pool="duckdb_writer",
)
def person_identity(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Resolve person names across releases (blocking, pairwise scores, `identity_judgements.csv`) and map titles
    to offices, so one person has one person_id and a title one office_id in every release; organisation names
    are resolved the same way into stg_org_identity (not yet keying dim_organisation).

    Rebuilt in full each run from the distinct names: tens of thousands of names take seconds, since only names
    that share a folded name word are compared.
    """
    with warehouse.get_connection() as connection:
        office_rows = _office_rows(connection)
        evidence = _name_evidence(connection, office_rows)
        rules, judgements = FoldRules.load(), load_judgements()
        resolution = resolve(evidence, rules=rules, judgements=judgements)
        organisations = resolve(_organisation_evidence(connection), entity_type="organisation", rules=rules,
                                judgements=judgements, split_state=default_resolver().split_state)
        tables = {
            "stg_person_identity": [
                {"canonical_name": a.name, "person_key": a.key, "match_rule": a.rule, "match_score": a.score}
                for a in resolution.assignments
            ],
            "stg_org_identity": [
                {"canonical_name": a.name, "org_key": a.key, "match_rule": a.rule, "match_score": a.score}
                for a in organisations.assignments
            ],
            "review_identity": [
                {"entity_type": p.entity_type, "name_a": p.name_a, "name_b": p.name_b, "score": p.score,
                 "rule": p.rule, "evidence": p.evidence, "decision": p.decision, "decided_by": p.decided_by,
                 "release_ids": list(p.release_ids)}
                for p in (*resolution.pairs, *organisations.pairs)
            ],
            "stg_person_office": office_rows,
        }
        for name, schema in IDENTITY_SCHEMAS.items():
            replace_table(connection, name, pa.Table.from_pylist(tables[name], schema=schema))
        merged = sum(1 for a in resolution.assignments if a.rule not in ("singleton", "representative"))
        in_review = sum(1 for p in (*resolution.pairs, *organisations.pairs) if p.decision in ("review", "unsure"))
        context.log.info(f"{len(evidence)} names, {merged} merged into another spelling, {in_review} pairs to review")
        for name in IDENTITY_SCHEMAS:
            yield dg.MaterializeResult(
                asset_key=name,
                metadata={**table_metadata(connection, name), "names": len(evidence), "names_merged": merged,
                          "pairs_to_review": in_review},
            )
            yield from evaluate_table_checks(connection, name)
