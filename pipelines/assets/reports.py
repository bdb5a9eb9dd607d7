"""Reports: charts of the warehouse (activity over time, the most active people and organisations, who met whom)."""

import base64
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd

from pipelines import charts
from pipelines.assets.models import MODEL_NAMES
from pipelines.resources import ParquetExportResource, WarehouseResource

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
# Two people met when they take part in the same event, or in the same release where no event separates them.
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
HAS_TOPICS = {"fact_topic", "dim_topic"} <= set(MODEL_NAMES)
READS = ["dim_release", "dim_person", "dim_organisation", "fact_participation", "fact_mention"]


def _period_name(connection: duckdb.DuckDBPyConnection) -> str:
    span = connection.execute(
        "SELECT date_diff('month', min(published_date), max(published_date)) FROM dim_release"
    ).fetchone()[0]
    return "year" if span is not None and span > 24 else "month"


def _draw(connection: duckdb.DuckDBPyConnection, out_dir: Path) -> dict[str, tuple[str, list[Path]]]:
    """Every chart: name -> (caption, [png, svg])."""
    def frame(sql: str) -> pd.DataFrame:
        return connection.execute(sql).fetchdf()

    period = _period_name(connection)
    if HAS_TOPICS:
        topics_title = f"Releases per topic and {period}"
        topics = frame(TOPICS)
    else:
        topics_title = f"Mentions per entity type and {period} (stand-in: no fact_topic table yet)"
        topics = frame(ENTITY_TYPES)
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
            charts.network(frame(PEOPLE), frame(MEETINGS), "Who met whom (same event or release)", out_dir,
                           "who_met_whom"),
        ),
        "topics_over_time": (topics_title, charts.stacked_over_time(topics, topics_title, out_dir, "topics_over_time")),
    }


def _markdown_image(caption: str, png: Path) -> str:
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    return f"![{caption}](data:image/png;base64,{data})"


@dg.asset(
    deps=[*READS, *(["fact_topic", "dim_topic"] if HAS_TOPICS else [])],
    group_name="reports",
    kinds={"duckdb", "matplotlib"},
    owners=["team:releases-data"],
    pool="duckdb_writer",  # it only reads, but through the run's build file, whose connections take DuckDB's lock
)
def reports(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, parquet: ParquetExportResource
) -> dg.MaterializeResult:
    """Charts people would rather look at than read, as PNG and SVG under `<RELEASES_EXPORT_DIR>/reports/`.

    Releases per month, the most active people and organisations, a who-met-whom network and topics over time
    (mentions per entity type until a `fact_topic` table exists). Only SELECTs, on the warehouse this run builds;
    the files go to the run's export folder, so they are published together with the tables they show.
    """
    out_dir = parquet.build_dir() / "reports"
    with warehouse.get_connection() as connection:
        drawn = _draw(connection, out_dir)
    files = [path for _, paths in drawn.values() for path in paths]
    context.log.info(f"wrote {len(files)} chart files to {out_dir}")
    return dg.MaterializeResult(
        metadata={
            "report_dir": dg.MetadataValue.path(str(out_dir)),
            "files": dg.MetadataValue.md("\n".join(f"- `{path}`" for path in files)),
            **{name: dg.MetadataValue.md(_markdown_image(caption, paths[0])) for name, (caption, paths) in drawn.items()},
        }
    )
