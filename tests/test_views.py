"""The analytical views on the sample warehouse: each exists, returns rows, and agrees with the tables it reads."""
from __future__ import annotations

import duckdb
import pytest

from pipelines.assets.publish import PUBLISH_AFTER
from pipelines.assets.views import VIEW_NAMES

EXTRACTED = ("fact_mention", "fact_participation", "fact_statement", "fact_topic", "dim_event")


@pytest.fixture(scope="module")
def warehouse(sample_warehouse):
    out_dir, _ = sample_warehouse
    with duckdb.connect(str(out_dir / "releases.duckdb"), read_only=True) as connection:
        yield connection


def _count(connection: duckdb.DuckDBPyConnection, sql: str) -> int:
    return connection.execute(sql).fetchone()[0]


def test_the_six_views_are_defined() -> None:
    assert set(VIEW_NAMES) == {"v_meetings", "v_person_timeline", "v_office_holders", "v_org_cooccurrence",
                               "v_topics_by_month", "v_country_activity"}


@pytest.mark.parametrize("view", VIEW_NAMES)
def test_view_exists_with_rows_and_comments(warehouse, view: str) -> None:
    assert _count(warehouse, f"SELECT count(*) FROM duckdb_views() WHERE view_name = '{view}' AND comment IS NOT NULL")
    assert _count(warehouse, f"SELECT count(*) FROM {view}") > 0
    undocumented = warehouse.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND comment IS NULL", [view]
    ).fetchall()
    assert undocumented == [], f"add COMMENT ON COLUMN lines to warehouse/dictionary.sql: {undocumented}"


def test_meetings_pair_distinct_persons_once(warehouse) -> None:
    assert _count(warehouse, "SELECT count(*) FROM v_meetings WHERE person_a_id = person_b_id") == 0
    distinct = "SELECT count(*) - count(DISTINCT (event_id, person_a_id, person_b_id)) FROM v_meetings"
    assert _count(warehouse, distinct) == 0
    reversed_pairs = """
        SELECT count(*) FROM v_meetings a JOIN v_meetings b
        ON a.event_id = b.event_id AND a.person_a_id = b.person_b_id AND a.person_b_id = b.person_a_id
    """
    assert _count(warehouse, reversed_pairs) == 0
    # n participants of an event give n(n-1)/2 pairs
    expected = """
        SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM (
            SELECT event_id, count(DISTINCT person_id) AS n FROM fact_participation
            WHERE event_id IS NOT NULL GROUP BY event_id)
    """
    assert _count(warehouse, "SELECT count(*) FROM v_meetings") == _count(warehouse, expected)


def test_person_timeline_has_participations_and_statements(warehouse) -> None:
    kinds = dict(warehouse.execute("SELECT entry_type, count(*) FROM v_person_timeline GROUP BY 1").fetchall())
    assert kinds["participation"] == _count(warehouse, "SELECT count(*) FROM fact_participation")
    assert kinds["statement"] == _count(warehouse, "SELECT count(*) FROM fact_statement WHERE person_id IS NOT NULL")
    undated = "SELECT count(*) FROM v_person_timeline WHERE date IS NULL AND published_date IS NOT NULL"
    assert _count(warehouse, undated) == 0


def test_org_cooccurrence_counts_releases(warehouse) -> None:
    assert _count(warehouse, "SELECT count(*) FROM v_org_cooccurrence WHERE org_a_id >= org_b_id OR releases < 1") == 0
    org_a, org_b, releases = warehouse.execute(
        "SELECT org_a_id, org_b_id, releases FROM v_org_cooccurrence ORDER BY releases DESC, org_a_id LIMIT 1"
    ).fetchone()
    both = """
        SELECT count(*) FROM (
            SELECT release_id FROM fact_mention WHERE entity_type = 'organisation' AND entity_id IN (?, ?)
            GROUP BY release_id HAVING count(DISTINCT entity_id) = 2)
    """
    assert warehouse.execute(both, [org_a, org_b]).fetchone()[0] == releases


def test_topics_by_month_adds_up_to_fact_topic(warehouse) -> None:
    in_view = _count(warehouse, "SELECT sum(sentences) FROM v_topics_by_month")
    dated = "SELECT count(*) FROM fact_topic JOIN dim_release USING (release_id) WHERE published_date IS NOT NULL"
    assert in_view == _count(warehouse, dated) > 0
    assert _count(warehouse, "SELECT count(*) FROM v_topics_by_month WHERE confident_releases > releases") == 0


def test_country_activity_adds_up_to_mentions(warehouse) -> None:
    dated = """
        SELECT count(*) FROM fact_mention JOIN dim_release USING (release_id)
        WHERE entity_type = 'country' AND published_date IS NOT NULL
    """
    assert _count(warehouse, "SELECT sum(mentions) FROM v_country_activity") == _count(warehouse, dated) > 0
    assert _count(warehouse, "SELECT sum(participations) FROM v_country_activity") > 0


@pytest.mark.parametrize("table", EXTRACTED)
def test_every_extracted_row_carries_provenance(warehouse, table: str) -> None:
    span = "char_start" if table != "fact_participation" else "coalesce(char_start, title_start)"
    missing = f"""
        SELECT count(*) FROM {table}
        WHERE release_id IS NULL OR {span} IS NULL OR rule IS NULL OR confidence IS NULL
           OR is_low_confidence IS DISTINCT FROM (confidence < low_confidence_threshold())
    """
    assert _count(warehouse, missing) == 0


def test_weak_topic_matches_are_flagged_not_hidden(warehouse) -> None:
    flagged = _count(warehouse, "SELECT count(*) FROM fact_topic WHERE rule = 'weak_keyword' AND is_low_confidence")
    assert flagged == _count(warehouse, "SELECT count(*) FROM fact_topic WHERE rule = 'weak_keyword'") > 0


def test_topics_and_statements_reach_the_warehouse(warehouse) -> None:
    assert _count(warehouse, "SELECT count(*) FROM dim_topic WHERE parent_topic_id IS NOT NULL") > 0
    assert _count(warehouse, "SELECT count(DISTINCT topic_id) FROM fact_topic") >= 5
    assert _count(warehouse, "SELECT count(*) FROM fact_statement WHERE cameo_code IS NULL") == 0


def test_views_are_built_before_publish_and_their_comments() -> None:
    from pipelines.definitions import defs

    assert "analytical_views" in PUBLISH_AFTER
    dictionary_deps = {key.to_user_string() for key in defs.resolve_assets_def("data_dictionary").dependency_keys}
    assert "analytical_views" in dictionary_deps
