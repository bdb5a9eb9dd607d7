"""Reports: charts of the warehouse (activity over time, the most active people and organisations, who met whom,
topics over time).

Each chart reads the richest source the warehouse has: who met whom from the `v_meetings` view (people at the same
reported event) and topics from `fact_topic`; a warehouse built before those existed gets the older stand-ins, and
the run's log says so.
"""

import base64
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import dagster as dg
import duckdb

from pipelines.assets.models import MODEL_NAMES
from pipelines.assets.views import VIEW_NAMES
from pipelines.resources import ParquetExportResource, WarehouseResource

if TYPE_CHECKING:
    import pandas as pd

TOP = 15

RELEASES_PER_MONTH = """
SELECT date_trunc('month', published_date)::DATE AS month, count(*) AS releases
FROM dim_release WHERE published_date IS NOT NULL GROUP BY 1 ORDER BY 1
"""
ACTIVE_PEOPLE = f"""
SELECT p.canonical_name AS name, count(DISTINCT f.release_id) AS count
FROM fact_participation f JOIN dim_person p USING (person_id)
GROUP BY 1 ORDER BY count DESC, name LIMIT {TOP}
"""
ACTIVE_ORGANISATIONS = f"""
SELECT o.canonical_name AS name, count(DISTINCT m.release_id) AS count
FROM fact_mention m JOIN dim_organisation o ON o.org_id = m.entity_id
WHERE m.entity_type = 'organisation'
GROUP BY 1 ORDER BY count DESC, name LIMIT {TOP}
"""
PEOPLE = """
SELECT p.canonical_name AS name, count(DISTINCT f.release_id) AS releases
FROM fact_participation f JOIN dim_person p USING (person_id) GROUP BY 1 ORDER BY 1
"""
# Who met whom from the analytical view: two people at the same reported event; the weight counts their events.
MEETINGS_FROM_VIEW = """
SELECT person_a AS source, person_b AS target, count(DISTINCT event_id) AS weight
FROM v_meetings GROUP BY 1, 2 ORDER BY weight DESC, source, target
"""
# The stand-in: two people met when they take part in the same event, or in the same release where no event
# separates them; the weight counts their releases.
MEETINGS = """
WITH p AS (SELECT DISTINCT release_id, event_id, person_id FROM fact_participation)
SELECT least(pa.canonical_name, pb.canonical_name) AS source, greatest(pa.canonical_name, pb.canonical_name) AS target,
       count(DISTINCT a.release_id) AS weight
FROM p a
JOIN p b ON a.release_id = b.release_id AND a.person_id < b.person_id
        AND (a.event_id IS NULL OR b.event_id IS NULL OR a.event_id = b.event_id)
JOIN dim_person pa ON pa.person_id = a.person_id
JOIN dim_person pb ON pb.person_id = b.person_id
GROUP BY 1, 2 ORDER BY weight DESC, source, target
"""
# Years when the releases span more than two years, months otherwise: enough bars to read a trend.
PERIOD = """
CASE WHEN (SELECT date_diff('month', min(published_date), max(published_date)) FROM dim_release) > 24
     THEN strftime(r.published_date, '%Y') ELSE strftime(r.published_date, '%Y-%m') END
"""
TOPICS = f"""
SELECT {PERIOD} AS period, t.name AS category, count(DISTINCT f.release_id) AS count
FROM fact_topic f JOIN dim_topic t USING (topic_id) JOIN dim_release r USING (release_id)
WHERE r.published_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
"""
ENTITY_TYPES = f"""
SELECT {PERIOD} AS period, m.entity_type AS category, count(*) AS count
FROM fact_mention m JOIN dim_release r USING (release_id)
WHERE r.published_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
"""
READS = ["dim_release", "dim_person", "dim_organisation", "fact_participation", "fact_mention"]
# Read when they exist: declared as upstream so the charts are drawn after them.
RICHER = [
    *(name for name in ("fact_topic", "dim_topic") if name in MODEL_NAMES),
    *(["analytical_views"] if "v_meetings" in VIEW_NAMES else []),
]


def _relations(connection: duckdb.DuckDBPyConnection) -> set[str]:
    """The tables and views of the warehouse, to pick each chart's source."""
    return {
        row[0]
        for row in connection.execute(
            "SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal"
        ).fetchall()
    }


def _period_name(connection: duckdb.DuckDBPyConnection) -> str:
    span = connection.execute(
        "SELECT date_diff('month', min(published_date), max(published_date)) FROM dim_release"
    ).fetchone()[0]
    return "year" if span is not None and span > 24 else "month"


def draw(
    connection: duckdb.DuckDBPyConnection, out_dir: Path, log: logging.Logger
) -> dict[str, tuple[str, list[Path]]]:
    """Every chart: name -> (caption, [png, svg])."""
    # matplotlib and pandas take about a second to import: only a run that draws the charts pays it, not every process
    # that loads the code location (each run, the UI, the sensor's ticks)
    from pipelines import charts

    def frame(sql: str) -> "pd.DataFrame":
        return connection.execute(sql).fetchdf()

    period = _period_name(connection)
    relations = _relations(connection)
    if {"fact_topic", "dim_topic"} <= relations:
        topics_title = f"Releases per topic and {period}"
        topics = frame(TOPICS)
    else:
        log.info("no fact_topic/dim_topic tables in this warehouse yet: 'topics over time' shows mentions per entity "
                 "type instead")
        topics_title = f"Mentions per entity type and {period} (stand-in: no fact_topic table yet)"
        topics = frame(ENTITY_TYPES)
    if "v_meetings" in relations:
        meetings, weight_label = frame(MEETINGS_FROM_VIEW), "shared events"
        meetings_title = "Who met whom (people at the same reported event)"
    else:
        log.info("no v_meetings view in this warehouse yet: 'who met whom' pairs people of the same event or release")
        meetings, weight_label = frame(MEETINGS), "shared releases"
        meetings_title = "Who met whom (same event or release)"
    return {
        "releases_per_month": ("Releases per month", charts.releases_per_month(frame(RELEASES_PER_MONTH), out_dir)),
        "active_people": (
            "The most active people",
            charts.top_entities(frame(ACTIVE_PEOPLE), f"The {TOP} most active people", "releases taking part",
                                out_dir, "active_people"),
        ),
        "active_organisations": (
            "The most mentioned organisations",
            charts.top_entities(frame(ACTIVE_ORGANISATIONS), f"The {TOP} most mentioned organisations",
                                "releases naming it", out_dir, "active_organisations"),
        ),
        "who_met_whom": (
            "Who met whom",
            charts.network(frame(PEOPLE), meetings, meetings_title, out_dir, "who_met_whom", weight_label=weight_label),
        ),
        "topics_over_time": (topics_title, charts.stacked_over_time(topics, topics_title, out_dir, "topics_over_time")),
    }


def _markdown_image(caption: str, png: Path) -> str:
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    return f"![{caption}](data:image/png;base64,{data})"


@dg.asset(
    deps=[*READS, *RICHER],
    group_name="reports",
    kinds={"duckdb", "matplotlib"},
    owners=["team:releases-data"],
    pool="duckdb_writer",  # it only reads, but through the run's build file, whose connections take DuckDB's lock
)
def reports(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, parquet: ParquetExportResource
) -> dg.MaterializeResult:
    """Charts people would rather look at than read, as PNG and SVG under `<RELEASES_EXPORT_DIR>/reports/`.

    Releases per month, the most active people and organisations, a who-met-whom network (`v_meetings`) and topics
    over time (`fact_topic`). Only SELECTs, on the warehouse this run builds; the files go to the run's export
    folder, so they are published together with the tables they show. The images are in this metadata too.
    """
    out_dir = parquet.build_dir() / "reports"
    with warehouse.get_connection() as connection:
        drawn = draw(connection, out_dir, context.log)
    files = [path for _, paths in drawn.values() for path in paths]
    context.log.info(f"wrote {len(files)} chart files to {out_dir}")
    return dg.MaterializeResult(
        metadata={
            "report_dir": dg.MetadataValue.path(str(out_dir)),
            "files": dg.MetadataValue.md("\n".join(f"- `{path}`" for path in files)),
            **{name: dg.MetadataValue.md(_markdown_image(caption, paths[0])) for name, (caption, paths) in drawn.items()},
        }
    )
