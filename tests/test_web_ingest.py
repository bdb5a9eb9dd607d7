"""The web source through the real pipeline: the stand-in SCO site (and its feed) on 127.0.0.1 into a tmp warehouse.

Every article ingested once with its URL, robots.txt obeyed, the host kept, faults overcome by counted retries; a
second run asks for unchanged articles only with validators (304) and changes no row; an edited article replaces
its release; an unreachable site is reported without failing the files part.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.resources import ParquetExportResource, ReleaseSourceResource, WarehouseResource, WebSourceResource
from tests.conftest import SAMPLES_DIR
from tests.web.site import BOT_NAME, DISALLOWED_ARTICLE, FEED_ITEMS, FEED_PATH, StandInSite, build_site, serve

USER_AGENT = f"{BOT_NAME}/1.0 (+https://example.org/releases-bot)"
# Tables whose rows must not change when nothing changed on the site (raw_web_page is the fetch log: it grows).
RELEASE_TABLES = ["raw_release", "raw_blob", "stg_release", "dim_release", "fact_mention", "fact_participation"]
# Ingest and parse only (then the run's build file is published by hand): where the star schema adds nothing to
# what a test checks, and much faster.
INGEST_AND_PARSE = ["raw_web_page", "raw_release", "raw_blob", "stg_release"]


@pytest.fixture
def site() -> Iterator[StandInSite]:
    with serve(build_site()) as running:
        yield running


def web_resource(tmp_path: Path, base_url: str = "", feeds: str = "") -> WebSourceResource:
    """Test politeness: no spacing, a timeout under the site's stall, short backoffs (Retry-After still waited)."""
    feeds_file = tmp_path / "feeds.csv"
    feeds_file.write_text("name,url,organisation,enabled\n" + feeds, encoding="utf-8")
    return WebSourceResource(
        sco_base_url=base_url, feeds_file=str(feeds_file), user_agent=USER_AGENT, min_interval_s=0.0,
        timeout_s=0.5, backoff_base_s=0.01,
    )


def materialize_with_web(
    source_dir: Path,
    out_dir: Path,
    web: WebSourceResource,
    instance: dg.DagsterInstance | None = None,
    selection: list[str] | None = None,
) -> dg.ExecuteInProcessResult:
    """Every asset and check of the project (as tests/conftest.py `materialize_all`) plus the web archive, or the
    selected assets only."""
    from pipelines.definitions import ALL_ASSETS, WEB_ASSETS

    result = dg.materialize(
        [*ALL_ASSETS, *WEB_ASSETS],
        resources={
            "warehouse": WarehouseResource(database=str(out_dir / "releases.duckdb")),
            "release_source": ReleaseSourceResource(source_dir=str(source_dir)),
            "parquet": ParquetExportResource(export_dir=str(out_dir / "parquet")),
            "web_source": web,
        },
        instance=instance,
        selection=selection,
        raise_on_error=False,
    )
    if selection and result.success:  # what published_warehouse does after the whole pipeline
        os.replace(out_dir / ".build" / f"{result.run_id}.releases.duckdb", out_dir / "releases.duckdb")
    return result


def query(out_dir: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(out_dir / "releases.duckdb"), read_only=True) as connection:
        return connection.execute(sql, params or []).fetchall()


def snapshot(out_dir: Path, tables: list[str] = RELEASE_TABLES) -> dict[str, list[tuple]]:
    with duckdb.connect(str(out_dir / "releases.duckdb"), read_only=True) as connection:
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() for table in tables}


def web_metadata(result: dg.ExecuteInProcessResult) -> dict:
    [materialization] = [m for m in result.asset_materializations_for_node("raw_web_page")]
    return {key: value.value for key, value in materialization.metadata.items()}


def test_site_crawled_once_then_revalidated_with_no_change(site: StandInSite, tmp_path: Path) -> None:
    source_dir, out_dir = tmp_path / "empty", tmp_path / "out"
    source_dir.mkdir()
    web = web_resource(tmp_path, base_url=site.base_url)

    first = materialize_with_web(source_dir, out_dir, web)
    assert first.success
    assert all(evaluation.passed for evaluation in first.get_asset_check_evaluations())
    # Every article (the sitemap-only one too) once, its URL as source_uri, parsed into dim_release with its date.
    raw = query(out_dir, "SELECT source_uri, status, input_format FROM raw_release WHERE source = 'sco_web'")
    assert sorted(uri for uri, _, _ in raw) == site.article_urls
    assert {(status, fmt) for _, status, fmt in raw} == {("parsed", "html")}
    released = query(out_dir, "SELECT source_uri, published_date FROM dim_release WHERE source = 'sco_web'")
    assert sorted(released) == sorted((site.base_url + a.path, a.published) for a in site.articles)
    # robots.txt obeyed, the host kept, our User-Agent sent; every fault met once and retried.
    requested = [request.path for request in site.requests]
    assert DISALLOWED_ARTICLE not in requested and not any(path.startswith("/private/") for path in requested)
    assert {request.host for request in site.requests} == {f"127.0.0.1:{site.port}"}
    assert {request.user_agent for request in site.requests} == {USER_AGENT}
    metadata = web_metadata(first)
    faults = sum(request.fault is not None for request in site.requests)
    assert faults == 5 and metadata["retries"] == faults and metadata["errors"] == 0
    assert metadata["requests"] == len(site.requests) == 1 + 3 + 1 + 16 + faults  # robots, listings, sitemap, articles
    assert metadata["new_articles"] == 16 and metadata["disallowed"] == 1
    # The archive: one row per page requested, bodies in raw_blob, attempts counting the retries.
    archived = query(out_dir, "SELECT kind, count(*), sum(attempts) FROM raw_web_page GROUP BY 1 ORDER BY 1")
    assert archived == [("article", 16, 16 + 4), ("listing", 3, 3 + 1), ("sitemap", 1, 1)]
    assert query(out_dir, "SELECT count(*) FROM raw_web_page LEFT JOIN raw_blob USING (content_sha256) "
                          "WHERE status = 200 AND data IS NULL") == [(0,)]
    print(f"first crawl: {metadata['new_articles']} articles, {metadata['requests']} requests, "
          f"{metadata['retries']} retries")

    before, seen = snapshot(out_dir), len(site.requests)
    second = materialize_with_web(source_dir, out_dir, web)
    assert second.success
    later = site.requests[seen:]
    article_paths = {article.path for article in site.articles}
    article_requests = [request for request in later if request.path in article_paths]
    assert len(article_requests) == 16
    assert all(r.status == 304 and r.if_none_match and r.if_modified_since for r in article_requests)
    assert [r.path for r in later if r.path.startswith("/news/") and r.path not in article_paths] == ["/news/"]
    assert snapshot(out_dir) == before
    metadata = web_metadata(second)
    assert metadata["not_modified"] == 16 and metadata["new_articles"] == metadata["changed_articles"] == 0
    print(f"second crawl: {metadata['requests']} requests, {metadata['not_modified']} answered 304, "
          f"{metadata['retries']} retries, 0 rows changed")

    # An edited article: one new version, the old one no longer current, its release replaced (never duplicated).
    edited = next(article for article in site.articles if b'</div>\n<div class="footer">' in article.body)
    site.change_article(edited.path, "Corrected on the following day.")
    third = materialize_with_web(source_dir, out_dir, web, selection=INGEST_AND_PARSE)
    assert third.success and web_metadata(third)["changed_articles"] == 1
    versions = query(out_dir, "SELECT is_current FROM raw_release WHERE source_uri = ? ORDER BY is_current",
                     [site.base_url + edited.path])
    assert versions == [(False,), (True,)]
    [(body,)] = query(out_dir, "SELECT body_text FROM stg_release WHERE source_uri = ?", [site.base_url + edited.path])
    assert "Corrected on the following day." in body
    assert query(out_dir, "SELECT count(*) FROM stg_release WHERE source = 'sco_web'") == [(16,)]


def test_feed_items_ingested_once_and_an_unchanged_feed_costs_one_304(site: StandInSite, tmp_path: Path) -> None:
    source_dir, out_dir = tmp_path / "empty", tmp_path / "out"
    source_dir.mkdir()
    web = web_resource(tmp_path, feeds=f"sco_rss,{site.base_url}{FEED_PATH},SCO,true\n")

    first = materialize_with_web(source_dir, out_dir, web, selection=INGEST_AND_PARSE)
    assert first.success
    shown = [a for a in site.articles if a.path != site.sitemap_only][:FEED_ITEMS]
    raw = query(out_dir, "SELECT source_uri FROM raw_release WHERE source = 'sco_rss' AND status = 'parsed'")
    assert sorted(uri for (uri,) in raw) == sorted(site.base_url + a.path for a in shown)
    assert query(out_dir, "SELECT count(*) FROM stg_release WHERE source = 'sco_rss'") == [(FEED_ITEMS,)]
    requested = [request.path for request in site.requests]
    assert DISALLOWED_ARTICLE not in requested and "/news/" not in requested  # the feed alone, no crawl
    assert {request.host for request in site.requests} == {f"127.0.0.1:{site.port}"}  # off-host items left alone
    assert web_metadata(first)["off_host_links"] == 2 and web_metadata(first)["disallowed"] == 1

    tables = ["raw_release", "raw_blob", "stg_release"]
    before, seen = snapshot(out_dir, tables), len(site.requests)
    assert materialize_with_web(source_dir, out_dir, web, selection=INGEST_AND_PARSE).success
    later = site.requests[seen:]
    assert [(r.path, r.status, bool(r.if_none_match)) for r in later] == [
        ("/robots.txt", 200, False), (FEED_PATH, 304, True)
    ]
    assert snapshot(out_dir, tables) == before


def test_an_unreachable_site_is_reported_and_the_files_still_ingested(tmp_path: Path) -> None:
    with serve(build_site()) as closed:
        dead_url = closed.base_url  # the port is closed once the block ends: connection refused
    source_dir, out_dir = tmp_path / "files", tmp_path / "out"
    source_dir.mkdir()
    shutil.copy(SAMPLES_DIR / "seed.txt", source_dir / "seed.txt")
    instance = dg.DagsterInstance.ephemeral()

    result = materialize_with_web(source_dir, out_dir, web_resource(tmp_path, base_url=dead_url), instance)
    assert result.success
    assert query(out_dir, "SELECT source, status FROM raw_release") == [("files", "parsed")]
    assert query(out_dir, "SELECT count(*) FROM dim_release") == [(1,)]
    [evaluation] = [e for e in result.get_asset_check_evaluations() if e.check_name == "web_sources_reachable"]
    assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.WARN
    rows = query(out_dir, "SELECT kind, url, status, error IS NOT NULL FROM raw_web_page")
    assert rows == [("robots", f"{dead_url}/robots.txt", 0, True)]
    messages = [entry.user_message for entry in instance.all_logs(result.run_id)]
    advice = [message for message in messages if "web source sco_web unreachable" in message]
    assert len(advice) == 1 and "RELEASES_SCO_BASE_URL" in advice[0]


def test_with_no_web_source_configured_nothing_is_fetched(tmp_path: Path) -> None:
    from pipelines.assets.web_ingest import raw_web_page

    out_dir = tmp_path / "out"
    result = dg.materialize(
        [raw_web_page],
        resources={
            "warehouse": WarehouseResource(database=str(out_dir / "releases.duckdb")),
            "web_source": web_resource(tmp_path),
        },
    )
    assert result.success and web_metadata(result)["requests"] == 0
