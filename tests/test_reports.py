"""Reports: charts render from small frames, deterministically, and the `reports` asset draws the sample warehouse."""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from pipelines import charts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHART_NAMES = ["releases_per_month", "active_people", "active_organisations", "who_met_whom", "topics_over_time"]


def _assert_chart(paths: list[Path]) -> None:
    png, svg = paths
    assert png.suffix == ".png" and png.read_bytes().startswith(PNG_SIGNATURE)
    assert svg.suffix == ".svg" and b"<svg" in svg.read_bytes()[:1000]


def _draw_all(out_dir: Path, empty: bool = False) -> list[list[Path]]:
    months = pd.DataFrame({"month": [date(2021, 3, 1), date(2021, 5, 1)], "releases": [2, 1]})
    people = pd.DataFrame({"name": ["Zhang Ming", "Vladimir Norov", "A Very Long Name " * 4], "count": [3, 2, 1]})
    nodes = pd.DataFrame({"name": ["Zhang Ming", "Sergey Lavrov", "Wang Yi"], "releases": [3, 1, 1]})
    edges = pd.DataFrame({"source": ["Sergey Lavrov", "Wang Yi"], "target": ["Zhang Ming", "Zhang Ming"],
                          "weight": [1, 2]})
    periods = pd.DataFrame({"period": ["2021", "2021", "2022"], "category": ["terrorism", "economy", "terrorism"],
                            "count": [2, 1, 4]})
    if empty:
        months, people, nodes, edges, periods = (frame.head(0) for frame in (months, people, nodes, edges, periods))
    return [
        charts.releases_per_month(months, out_dir),
        charts.top_entities(people, "Most active people", "releases", out_dir, "people"),
        charts.network(nodes, edges, "Who met whom", out_dir, "network"),
        charts.stacked_over_time(periods, "Topics per year", out_dir, "topics"),
    ]


def test_charts_render_png_and_svg(tmp_path: Path):
    for paths in _draw_all(tmp_path):
        _assert_chart(paths)


def test_charts_of_empty_frames_say_no_data(tmp_path: Path):
    for paths in _draw_all(tmp_path, empty=True):
        _assert_chart(paths)
        assert b"no data yet" in paths[1].read_bytes()


def test_charts_are_deterministic(tmp_path: Path):
    first = [path.read_bytes() for paths in _draw_all(tmp_path / "a") for path in paths]
    second = [path.read_bytes() for paths in _draw_all(tmp_path / "b") for path in paths]
    assert first == second


def test_many_categories_fold_into_other(tmp_path: Path):
    frame = pd.DataFrame({"period": ["2021"] * 12, "category": [f"topic {i:02d}" for i in range(12)], "count": 1})
    svg = charts.stacked_over_time(frame, "Topics", tmp_path, "topics", max_categories=3)[1]
    assert b"other" in svg.read_bytes() and b"topic 11" not in svg.read_bytes()


def test_reports_asset_on_sample_warehouse(sample_warehouse):
    out_dir, result = sample_warehouse
    [materialization] = [
        event.materialization for event in result.get_asset_materialization_events()
        if event.materialization.asset_key.to_user_string() == "reports"
    ]
    report_dir = out_dir / "parquet" / "reports"
    for name in CHART_NAMES:
        _assert_chart([report_dir / f"{name}.png", report_dir / f"{name}.svg"])
        image = materialization.metadata[name].value
        assert image.startswith("![") and "(data:image/png;base64,iVBOR" in image
    assert len(str(materialization.metadata)) < 400_000, "keep the images in the run's metadata small"
    with duckdb.connect(str(out_dir / "releases.duckdb"), read_only=True) as connection:
        has_topics = connection.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'fact_topic'").fetchone()[0]
        has_meetings = connection.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'v_meetings'").fetchone()[0]
    assert ("stand-in" in materialization.metadata["topics_over_time"].value) == (not has_topics)
    assert ("shared events" in (report_dir / "who_met_whom.svg").read_text()) == bool(has_meetings)


_SMALL_WAREHOUSE = """
CREATE TABLE dim_release AS SELECT * FROM (VALUES ('r1', DATE '2021-03-02'), ('r2', DATE '2021-05-09'))
    AS t(release_id, published_date);
CREATE TABLE dim_person AS SELECT * FROM (VALUES ('p1', 'Zhang Ming'), ('p2', 'Wang Yi'), ('p3', 'Sergey Lavrov'))
    AS t(person_id, canonical_name);
CREATE TABLE dim_organisation AS SELECT * FROM (VALUES ('o1', 'United Nations')) AS t(org_id, canonical_name);
CREATE TABLE fact_participation AS SELECT * FROM (VALUES ('r1', 'e1', 'p1'), ('r1', 'e1', 'p2'), ('r2', NULL, 'p1'),
    ('r2', NULL, 'p3')) AS t(release_id, event_id, person_id);
CREATE TABLE fact_mention AS SELECT * FROM (VALUES ('r1', 'organisation', 'o1'), ('r2', 'country', 'CHN'))
    AS t(release_id, entity_type, entity_id);
"""


class _Notes(logging.Logger):
    """A logger that keeps what the reports asset logs."""

    def __init__(self) -> None:
        super().__init__("reports")
        self.notes: list[str] = []

    def info(self, message, *args, **kwargs) -> None:
        self.notes.append(message)


def _draw_small(tmp_path: Path, extra_sql: str = "") -> tuple[dict, list[str]]:
    from pipelines.assets.reports import draw

    log = _Notes()
    with duckdb.connect() as connection:
        connection.execute(_SMALL_WAREHOUSE + extra_sql)
        drawn = draw(connection, tmp_path, log)
    return drawn, log.notes


def test_reports_fall_back_with_a_logged_note(tmp_path: Path):
    drawn, notes = _draw_small(tmp_path)
    assert sorted(drawn) == sorted(CHART_NAMES)
    assert "stand-in" in drawn["topics_over_time"][0]
    assert any("no fact_topic" in note for note in notes) and any("no v_meetings" in note for note in notes)
    svg = (tmp_path / "who_met_whom.svg").read_text()
    assert "shared releases" in svg and "Sergey Lavrov" in svg  # met Zhang Ming in a release without an event


def test_reports_read_topics_and_meetings_when_they_exist(tmp_path: Path):
    richer = """
    CREATE TABLE dim_topic AS SELECT * FROM (VALUES ('terrorism', 'Terrorism')) AS t(topic_id, name);
    CREATE TABLE fact_topic AS SELECT * FROM (VALUES ('r1', 'terrorism'), ('r2', 'terrorism')) AS t(release_id, topic_id);
    CREATE VIEW v_meetings AS SELECT 'e1' AS event_id, 'Wang Yi' AS person_a, 'Zhang Ming' AS person_b;
    """
    drawn, notes = _draw_small(tmp_path, richer)
    assert drawn["topics_over_time"][0].startswith("Releases per topic") and not notes
    assert "Terrorism" in (tmp_path / "topics_over_time.svg").read_text()
    svg = (tmp_path / "who_met_whom.svg").read_text()
    assert "shared events" in svg and "Sergey Lavrov" not in svg
