"""Web ingest: the SCO news site and the configured feeds into the raw web archive (`raw_web_page`) and raw_release.

Every request that went out is archived with its response metadata; bodies go to `raw_blob` by content hash, so
parsing can be re-run without fetching again. Articles become raw_release inputs (source `sco_web` or the feed's
name, the article URL as source_uri), so the parse step turns them into releases like any file.

Incremental: articles already held are asked for again only with the validators of their last 200 response
(a 304 when unchanged, which changes no row); the crawl stops at the first listing page whose articles are all
known. Offline by default: with RELEASES_SCO_BASE_URL unset and no enabled feed the asset touches no network.

A network failure (DNS, no route, refused) does not fail the run: the files part must go on. It is logged as one
line saying what to do, archived (status 0 and the error), and reported by the `web_sources_reachable` check.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import dagster as dg
import pyarrow as pa

from pipelines.assets.ingest import (
    NewInput,
    classify_input,
    current_releases,
    release_row,
    set_current_versions,
    write_inputs,
)
from pipelines.jobs import build_warehouse
from pipelines.resources import WarehouseResource, WebSourceResource
from pipelines.settings import DEFAULT_USER_AGENT, SCO_SITE_URL, setting_path, setting_text
from pipelines.warehouse import append_rows, ensure_schema, table_metadata
from pipelines.web import (
    DISALLOWED,
    FeedConfig,
    FeedError,
    FetchedPage,
    PoliteFetcher,
    crawl_sco_site,
    parse_feed,
)

SCO_SOURCE = "sco_web"
REACHABLE_CHECK = "web_sources_reachable"

WEB_PAGE_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("kind", pa.string()),
        ("url", pa.string()),
        ("final_url", pa.string()),
        ("status", pa.int32()),
        ("error", pa.string()),
        ("headers_json", pa.string()),
        ("etag", pa.string()),
        ("last_modified", pa.string()),
        ("content_sha256", pa.string()),
        ("size_bytes", pa.int64()),
        ("attempts", pa.int32()),
        ("fetched_at", pa.timestamp("us")),
        ("run_id", pa.string()),
    ]
)

Validators = dict[str, tuple[str | None, str | None]]


def web_source_settings(default_base_url: str = "") -> dict[str, str | int]:
    """The web source's configuration from the environment; `default_base_url` when RELEASES_SCO_BASE_URL is unset.

    One place for the code location's resource and the schedule's run config (which replaces the whole config).
    """
    max_pages = setting_text("RELEASES_SCO_MAX_PAGES", "0")
    if not max_pages.isdigit():
        raise ValueError(f"RELEASES_SCO_MAX_PAGES must be a whole number of listing pages, not {max_pages!r}")
    return {
        "sco_base_url": setting_text("RELEASES_SCO_BASE_URL", default_base_url),
        "sco_max_pages": int(max_pages),
        "feeds_file": str(setting_path("RELEASES_FEEDS_FILE")),
        "user_agent": setting_text("RELEASES_USER_AGENT", DEFAULT_USER_AGENT),
    }


@dataclass
class _SourceFetch:
    """What fetching one source produced: every page in request order (with its kind) and what was left alone."""

    source: str
    origin_url: str  # the base URL or feed URL, for messages
    advice: str  # how to switch this source off
    pages: list[tuple[str, FetchedPage]] = field(default_factory=list)
    disallowed: int = 0
    off_host: int = 0
    requests: int = 0  # HTTP requests, robots.txt and retries included
    retries: int = 0
    unreachable: str | None = None  # why the source's host never answered, if it did not


def _known(connection, source: str) -> tuple[set[str], set[tuple[str, str]], Validators]:
    """URLs held for `source`, its (URL, content hash) pairs, and the validators of each URL's last 200."""
    pairs = {
        (uri, sha)
        for uri, sha in connection.execute(
            "SELECT source_uri, content_sha256 FROM raw_release WHERE source = ?", [source]
        ).fetchall()
    }
    validators = {
        url: (etag, last_modified)
        for url, etag, last_modified in connection.execute(
            """
            SELECT url, etag, last_modified FROM raw_web_page
            WHERE source = ? AND status = 200 AND kind IN ('article', 'feed')
            QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) = 1
            """,
            [source],
        ).fetchall()
    }
    return {uri for uri, _ in pairs}, pairs, validators


def _crawl_site(web: WebSourceResource, fetcher: PoliteFetcher, known: set[str], validators: Validators) -> _SourceFetch:
    result = crawl_sco_site(
        fetcher,
        web.sco_base_url,
        known_urls=known,
        validators=validators,
        max_pages=web.sco_max_pages or None,
        revalidate_known=web.revalidate_known,
    )
    fetched = _SourceFetch(SCO_SOURCE, web.sco_base_url, "unset RELEASES_SCO_BASE_URL to skip the site")
    fetched.pages = [
        *(("listing", page) for page in result.listings),
        *(("sitemap", page) for page in result.sitemaps),
        *(("article", page) for page in result.articles),
    ]
    fetched.disallowed = result.skipped_disallowed
    return fetched


def _read_feed(
    web: WebSourceResource, fetcher: PoliteFetcher, config: FeedConfig, known: set[str], validators: Validators,
    log: dg.DagsterLogManager,
) -> _SourceFetch:
    """The feed (conditionally), then the page of each item on the feed's host: new ones, known ones revalidated."""
    fetched = _SourceFetch(config.name, config.url, f"set enabled=false for {config.name} in the feeds file")
    feed_page = fetcher.fetch(config.url, *validators.get(config.url, (None, None)))
    fetched.pages.append(("feed", feed_page))
    if not feed_page.ok or feed_page.body is None:
        return fetched
    try:
        items = parse_feed(feed_page.body, config, base_url=feed_page.final_url)
    except FeedError as error:
        log.warning(str(error))
        return fetched
    host = (urlsplit(feed_page.final_url).hostname or "").lower()
    links = dict.fromkeys(item.link for item in items if item.link)
    for link in links:
        if (urlsplit(link).hostname or "").lower() != host:
            fetched.off_host += 1
            continue
        if link in known and not web.revalidate_known:
            continue
        page = fetcher.fetch(link, *validators.get(link, (None, None)))
        if page.error == DISALLOWED and page.attempts == 0:
            fetched.disallowed += 1
        else:
            fetched.pages.append(("article", page))
    return fetched


def _archive_row(source: str, kind: str, page: FetchedPage, sha: str | None, run_id: str | None) -> dict:
    return {
        "source": source,
        "kind": kind,
        "url": page.url,
        "final_url": page.final_url,
        "status": page.status,
        "error": page.error,
        "headers_json": json.dumps(page.headers, sort_keys=True),
        "etag": page.etag,
        "last_modified": page.last_modified,
        "content_sha256": sha,
        "size_bytes": len(page.body) if page.body is not None else None,
        "attempts": page.attempts,
        "fetched_at": datetime.fromisoformat(page.fetched_at).replace(tzinfo=None),
        "run_id": run_id,
    }


def _record(
    connection, fetched: _SourceFetch, pairs: set[tuple[str, str]], run_id: str | None, log: dg.DagsterLogManager
) -> dict[str, int]:
    """Archive the source's requests and add its new or changed articles to raw_release (caller's transaction)."""
    held = {uri for uri, _ in pairs}
    archive: list[dict] = []
    blobs: dict[str, bytes] = {}
    rows: list[dict] = []
    seen: list[dict] = []
    originals = current_releases(connection)
    pages = list(fetched.pages)
    if fetched.unreachable:  # robots.txt never answered: the one request worth keeping shows why
        robots = urlsplit(fetched.origin_url)._replace(path="/robots.txt", query="", fragment="").geturl()
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        pages.insert(0, ("robots", FetchedPage(robots, robots, 0, {}, stamp, None, False, fetched.unreachable, 1)))
    for kind, page in pages:
        if page.attempts == 0:
            continue  # refused before any request (robots.txt): nothing went out
        sha = hashlib.sha256(page.body).hexdigest() if page.ok and page.body is not None else None
        archive.append(_archive_row(fetched.source, kind, page, sha, run_id))
        if sha is None or page.body is None:
            continue
        blobs[sha] = page.body
        if kind != "article":
            continue
        seen.append({"source_uri": page.url, "content_sha256": sha})
        if (page.url, sha) in pairs:
            continue  # fetched again, same bytes: nothing new
        item = NewInput(fetched.source, page.url, sha, len(page.body), page.body, "html")
        row = release_row(item, classify_input("article.html", page.body), originals, [])
        if row["status"] == "rejected":
            log.warning(f"rejected {page.url}: {row['reason']}")
        rows.append(row)
        pairs.add((page.url, sha))
    append_rows(connection, "raw_web_page", archive, WEB_PAGE_SCHEMA)
    changed = sum(row["source_uri"] in held for row in rows)
    counts = {"pages_archived": len(archive), "new_articles": len(rows) - changed, "changed_articles": changed}
    write_inputs(connection, rows, [{"content_sha256": sha, "data": data} for sha, data in sorted(blobs.items())])
    set_current_versions(connection, fetched.source, seen)
    return counts


def _fetch_all(
    web: WebSourceResource, feeds: list[FeedConfig], state: dict[str, tuple], log: dg.DagsterLogManager
) -> list[_SourceFetch]:
    """Fetch every configured source with one polite fetcher (one robots.txt cache and rate limit per host)."""
    fetcher = web.fetcher()
    results: list[_SourceFetch] = []
    jobs = ([(SCO_SOURCE, None)] if web.sco_base_url else []) + [(feed.name, feed) for feed in feeds]
    for source, feed in jobs:
        before = fetcher.stats
        known, _pairs, validators = state[source]
        if feed is None:
            fetched = _crawl_site(web, fetcher, known, validators)
        else:
            fetched = _read_feed(web, fetcher, feed, known, validators, log)
        after = fetcher.stats
        fetched.requests, fetched.retries = after.requests - before.requests, after.retries - before.retries
        fetched.unreachable = fetcher.unreachable_reason(fetched.origin_url)
        results.append(fetched)
    return results


@dg.asset(
    group_name="ingest",
    kinds={"python", "duckdb"},
    owners=["team:releases-data"],
    pool="duckdb_writer",
    check_specs=[
        dg.AssetCheckSpec(
            REACHABLE_CHECK,
            asset="raw_web_page",
            description="Every configured web source answered (warns on DNS, no route, refused, timeouts).",
        )
    ],
)
def raw_web_page(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, web_source: WebSourceResource
) -> dg.MaterializeResult:
    """Every request to the web sources (SCO site, feeds) with its response metadata; articles into raw_release.

    Append-only archive: one row per request that went out, bodies in raw_blob by content hash. Does nothing
    (and touches no network) when RELEASES_SCO_BASE_URL is unset and the feeds file enables no feed.
    """
    feeds = web_source.feeds()
    sources = ([SCO_SOURCE] if web_source.sco_base_url else []) + [feed.name for feed in feeds]
    run_id = context.run.run_id if context.run else None
    with warehouse.get_connection() as connection:
        ensure_schema(connection)
        state = {source: _known(connection, source) for source in sources}
    if not sources:
        context.log.info("web sources off: RELEASES_SCO_BASE_URL is unset and the feeds file enables no feed")
        return _result(warehouse, [], {})
    # No DuckDB connection is held while fetching: a polite crawl of a real site takes minutes.
    fetched = _fetch_all(web_source, feeds, state, context.log)
    totals: dict[str, dict[str, int]] = {}
    with warehouse.get_connection() as connection:
        connection.execute("BEGIN TRANSACTION")
        for source_fetch in fetched:
            totals[source_fetch.source] = _record(
                connection, source_fetch, state[source_fetch.source][1], run_id, context.log
            )
        connection.execute("COMMIT")
    for source_fetch in fetched:
        counts = totals[source_fetch.source]
        context.log.info(
            f"{source_fetch.source}: {counts['new_articles']} new and {counts['changed_articles']} changed articles, "
            f"{source_fetch.requests} requests ({source_fetch.retries} retries), "
            f"{sum(page.not_modified for _, page in source_fetch.pages)} unchanged (304), "
            f"{source_fetch.disallowed} left alone by robots.txt"
        )
    for source_fetch in fetched:
        if source_fetch.unreachable:
            context.log.error(
                f"web source {source_fetch.source} unreachable: {source_fetch.origin_url} did not answer "
                f"({source_fetch.unreachable}). Check the network connection (proxy, DNS) and the address, or "
                f"{source_fetch.advice}; the files part of the run goes on."
            )
    return _result(warehouse, fetched, totals)


def _is_error(kind: str, page: FetchedPage) -> bool:
    """A request that failed after its retries; a site without sitemap.xml (404) is no error."""
    return page.error is not None and page.attempts > 0 and not (kind == "sitemap" and page.status == 404)


def _result(
    warehouse: WarehouseResource, fetched: list[_SourceFetch], totals: dict[str, dict[str, int]]
) -> dg.MaterializeResult:
    unreachable = [f"{item.source} ({item.origin_url}): {item.unreachable}" for item in fetched if item.unreachable]
    with warehouse.get_connection() as connection:
        metadata = table_metadata(connection, "raw_web_page")
    summary = {
        "sources": len(fetched),
        "requests": sum(item.requests for item in fetched),
        "retries": sum(item.retries for item in fetched),
        "not_modified": sum(page.not_modified for item in fetched for _, page in item.pages),
        "disallowed": sum(item.disallowed for item in fetched),
        "off_host_links": sum(item.off_host for item in fetched),
        "errors": sum(_is_error(kind, page) for item in fetched for kind, page in item.pages),
        "new_articles": sum(counts["new_articles"] for counts in totals.values()),
        "changed_articles": sum(counts["changed_articles"] for counts in totals.values()),
    }
    return dg.MaterializeResult(
        metadata={**metadata, **summary},
        check_results=[
            dg.AssetCheckResult(
                check_name=REACHABLE_CHECK,
                passed=not unreachable,
                severity=dg.AssetCheckSeverity.WARN,
                metadata={"unreachable": dg.MetadataValue.md("\n".join(f"- {line}" for line in unreachable) or "_none_")},
            )
        ],
    )


@dg.schedule(
    job=build_warehouse,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Daily: crawl the SCO news site and the enabled feeds, then build and publish the warehouse. "
    "Stopped by default because it reaches the internet (someone else's server): start it in the UI on purpose.",
)
def web_daily_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """One run a day; the site is RELEASES_SCO_BASE_URL when set, else the real newsroom (SCO_SITE_URL)."""
    day = context.scheduled_execution_time.strftime("%Y-%m-%d") if context.scheduled_execution_time else "now"
    return dg.RunRequest(
        run_key=f"web-{day}",
        run_config={"resources": {"web_source": {"config": web_source_settings(SCO_SITE_URL)}}},
        tags={"releases/trigger": "web_daily_schedule"},
    )
