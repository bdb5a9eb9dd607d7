"""The SCO site crawler against the stand-in site: every article once, robots obeyed, host kept, 304s on re-crawl."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest

from pipelines.web.http import PoliteFetcher
from pipelines.web.sco_site import CrawlResult, crawl_sco_site, parse_listing, parse_sitemap
from tests.web.site import BOT_NAME, DISALLOWED_ARTICLE, StandInSite, VirtualTime, build_site, serve

USER_AGENT = f"{BOT_NAME}/1.0 (+https://example.org/releases-bot)"


@pytest.fixture
def site() -> Iterator[StandInSite]:
    with serve(build_site()) as running:
        yield running


def new_fetcher() -> PoliteFetcher:
    """Test settings: no spacing, a 0.5 s timeout, waits recorded instead of waited."""
    virtual_time = VirtualTime()
    return PoliteFetcher(USER_AGENT, min_interval_s=0.0, timeout_s=0.5, clock=virtual_time.clock,
                         sleep=virtual_time.sleep)


def article_statuses(site: StandInSite, since: int = 0) -> dict[str, list[str]]:
    """Per article path, what each request got: the status, or the fault ("stall", "truncate", ...) it met."""
    paths = {article.path for article in site.articles}
    statuses: dict[str, list[str]] = {}
    for request in site.requests[since:]:
        if request.path in paths:
            statuses.setdefault(request.path, []).append(request.fault or str(request.status))
    return statuses


def report(label: str, result: CrawlResult) -> None:
    print(
        f"{label}: articles fetched {len(result.fresh_articles)}, listing pages {len(result.listings)}, "
        f"requests {result.requests}, retries {result.retries}, 304s {result.not_modified}, "
        f"skipped (robots.txt) {result.skipped_disallowed}, errors {result.errors}"
    )


def test_first_crawl_then_a_conditional_recrawl(site: StandInSite) -> None:
    first = crawl_sco_site(new_fetcher(), site.base_url, known_urls=set(), validators={})
    report("first crawl", first)

    # Every article (the sitemap-only one too) fetched, each answered 200 exactly once, bytes kept as served.
    statuses = article_statuses(site)
    assert set(statuses) == {article.path for article in site.articles}
    assert all(Counter(codes)["200"] == 1 for codes in statuses.values()), statuses
    assert {page.url: page.body for page in first.fresh_articles} == {
        site.base_url + article.path: article.body for article in site.articles
    }
    assert site.base_url + site.sitemap_only in first.article_urls
    # The faults were met and overcome: one retry each, nothing left failing.
    assert first.retries == sum(request.fault is not None for request in site.requests) == 5
    assert Counter(codes[0] for codes in statuses.values()) == Counter(
        {"200": 12, "500": 1, "429": 1, "stall": 1, "truncate": 1}
    )
    assert first.errors == 0 and first.not_modified == 0
    assert [page.url for page in first.listings] == [
        f"{site.base_url}/news/", f"{site.base_url}/news/?page=2", f"{site.base_url}/news/?page=3"
    ]
    # robots.txt obeyed, the host kept, our own User-Agent sent, and every request accounted for.
    requested = {request.path for request in site.requests}
    assert DISALLOWED_ARTICLE not in requested and not any(path.startswith("/private/") for path in requested)
    assert first.disallowed_urls == (site.base_url + DISALLOWED_ARTICLE,) and first.skipped_disallowed == 1
    assert {request.host for request in site.requests} == {f"127.0.0.1:{site.port}"}
    assert not any("9001" in url or "9002" in url for url in first.article_urls)
    assert {request.user_agent for request in site.requests} == {USER_AGENT}
    assert first.requests == len(site.requests) == 1 + 3 + 1 + 16 + 5  # robots, listings, sitemap, articles, retries

    # Second crawl with what the first learnt: one listing page, unchanged articles only conditionally (304).
    seen = len(site.requests)
    second = crawl_sco_site(
        new_fetcher(), site.base_url, known_urls=set(first.article_urls), validators=first.validators,
        revalidate_known=True,
    )
    report("second crawl", second)
    later = site.requests[seen:]
    article_paths = {article.path for article in site.articles}
    assert [r.path for r in later if r.path.startswith("/news/?") or r.path == "/news/"] == ["/news/"]
    article_requests = [r for r in later if r.path in article_paths]
    assert len(article_requests) == len(site.articles) == second.not_modified == 16
    assert all(r.status == 304 and r.if_none_match and r.if_modified_since for r in article_requests)
    assert second.fresh_articles == () and second.errors == 0 and second.retries == 0
    assert second.requests == 1 + 1 + 1 + 16


def test_a_recrawl_without_revalidation_fetches_no_known_article(site: StandInSite) -> None:
    first = crawl_sco_site(new_fetcher(), site.base_url, set(), {})
    seen = len(site.requests)
    second = crawl_sco_site(new_fetcher(), site.base_url, set(first.article_urls), first.validators)
    assert [r.path for r in site.requests[seen:]] == ["/robots.txt", "/news/", "/sitemap.xml"]
    assert second.articles == () and second.requests == 3


def test_a_new_article_is_the_only_one_fetched(site: StandInSite) -> None:
    site.faults.clear()
    first = crawl_sco_site(new_fetcher(), site.base_url, set(), {})
    site.add_article("/news/20260115/1017.html", "SCO Secretary-General meets Ambassador", date(2026, 1, 15),
                     ["On 15 January 2026, the SCO Secretary-General met the Ambassador."])
    seen = len(site.requests)
    second = crawl_sco_site(new_fetcher(), site.base_url, set(first.article_urls), first.validators)
    assert [page.url for page in second.fresh_articles] == [site.base_url + "/news/20260115/1017.html"]
    # Page 1 holds the new release; page 2, now starting with a shifted known one, is all known: the walk stops.
    assert [page.url for page in second.listings] == [f"{site.base_url}/news/", f"{site.base_url}/news/?page=2"]
    assert article_statuses(site, seen) == {"/news/20260115/1017.html": ["200"]}


def test_a_changed_article_comes_back_with_its_new_bytes(site: StandInSite) -> None:
    site.faults.clear()
    first = crawl_sco_site(new_fetcher(), site.base_url, set(), {})
    edited = site.articles[4].path
    site.change_article(edited, "Corrected on the following day.")
    second = crawl_sco_site(new_fetcher(), site.base_url, set(first.article_urls), first.validators,
                            revalidate_known=True)
    assert [page.url for page in second.fresh_articles] == [site.base_url + edited]
    assert b"Corrected on the following day." in second.fresh_articles[0].body
    assert second.not_modified == len(site.articles) - 1


def test_max_pages_backfills_past_known_pages(site: StandInSite) -> None:
    site.faults.clear()
    first = crawl_sco_site(new_fetcher(), site.base_url, set(), {}, use_sitemap=False)
    again = crawl_sco_site(new_fetcher(), site.base_url, set(first.article_urls), {}, max_pages=3, use_sitemap=False)
    assert len(again.listings) == 3 and again.articles == ()
    bounded = crawl_sco_site(new_fetcher(), site.base_url, set(), {}, max_pages=2, use_sitemap=False)
    assert len(bounded.listings) == 2 and len(bounded.fresh_articles) == 10


def test_a_failing_listing_is_counted_as_an_error(site: StandInSite) -> None:
    site.faults.clear()
    site.faults.update({"/news/": "500"})
    fetcher = PoliteFetcher(USER_AGENT, min_interval_s=0.0, timeout_s=0.5, max_retries=0, sleep=lambda _s: None)
    result = crawl_sco_site(fetcher, site.base_url, set(), {}, use_sitemap=False)
    assert result.errors == 1 and result.listings[0].error == "HTTP 500" and result.articles == ()


# --- listing and sitemap parsing on strings -------------------------------------------------------------------

PAGE = "https://eng.sectsco.org/news/"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<link rel="next" href="/news/?page=2">', "https://eng.sectsco.org/news/?page=2"),
        ('<a class="x" rel="nofollow next" href="/news/p2/">older</a>', "https://eng.sectsco.org/news/p2/"),
        ('<a href="/news/?p=2">Next »</a>', "https://eng.sectsco.org/news/?p=2"),
        ('<a href="/news/more">  Next\n</a>', "https://eng.sectsco.org/news/more"),
        ('<a href="/news/?page=2">&rsaquo;</a>', "https://eng.sectsco.org/news/?page=2"),
        ('<a href="/news/?page=3">3</a><a href="/news/?page=2">2</a>', "https://eng.sectsco.org/news/?page=2"),
    ],
)
def test_next_page_forms(markup: str, expected: str) -> None:
    assert parse_listing(f"<html><body>{markup}</body></html>", PAGE).next_urls[0] == expected


def test_article_links_of_both_forms_without_query_or_fragment() -> None:
    markup = """
        <a href="/20240704/1429441.html">A</a> <a href="/news/20240703/1429000.html?print=1#top">B</a>
        <a href="https://eng.sectsco.org/20240704/1429441.html">A again</a>
        <a href="/news/20240703/">day index</a> <a href="/photo/20240703/1.jpg">photo</a> <a href="mailto:x@y.z">mail</a>
        <a href="https://other.org/20240704/5.html">off host, filtered by the crawler</a>
    """
    links = parse_listing(markup, PAGE)
    assert links.article_urls == (
        "https://eng.sectsco.org/20240704/1429441.html",
        "https://eng.sectsco.org/news/20240703/1429000.html",
        "https://other.org/20240704/5.html",
    )
    assert links.next_urls == ()


def test_sitemap_and_sitemap_index() -> None:
    urlset = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc> https://eng.sectsco.org/20240704/1.html </loc><lastmod>2024-07-04</lastmod></url></urlset>"""
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://eng.sectsco.org/sitemap-2024.xml</loc></sitemap></sitemapindex>"""
    assert parse_sitemap(urlset) == ("urlset", ["https://eng.sectsco.org/20240704/1.html"])
    assert parse_sitemap(index) == ("sitemapindex", ["https://eng.sectsco.org/sitemap-2024.xml"])
    assert parse_sitemap(b"<html>not xml") == ("", [])
    assert parse_sitemap(b'<!DOCTYPE x [<!ENTITY a "aaaa">]><urlset><url><loc>&a;</loc></url></urlset>') == ("", [])
