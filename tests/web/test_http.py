"""The polite fetcher against the stand-in site on 127.0.0.1: robots.txt, retries, 429, validators, redirects, caps."""
from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from pipelines.web.http import DISALLOWED, FetchStats, PoliteFetcher
from pipelines.web.robots import parse_robots, product_token
from tests.web.site import BOT_NAME, DISALLOWED_ARTICLE, Route, StandInSite, VirtualTime, build_site, serve

USER_AGENT = f"{BOT_NAME}/1.0 (+https://example.org/releases-bot)"


@pytest.fixture
def site() -> Iterator[StandInSite]:
    with serve(build_site()) as running:
        yield running


@pytest.fixture
def virtual_time() -> VirtualTime:
    return VirtualTime()


def make_fetcher(virtual_time: VirtualTime, **overrides: object) -> PoliteFetcher:
    settings: dict = {"min_interval_s": 0.0, "timeout_s": 0.5, "clock": virtual_time.clock, "sleep": virtual_time.sleep}
    return PoliteFetcher(USER_AGENT, **{**settings, **overrides})


def plain_articles(site: StandInSite) -> list[str]:
    """Article paths with no fault planned."""
    return [article.path for article in site.articles if article.path not in site.faults]


def plain_article(site: StandInSite) -> str:
    return plain_articles(site)[0]


def test_fetch_keeps_raw_bytes_and_metadata(site: StandInSite, virtual_time: VirtualTime) -> None:
    path = plain_article(site)
    page = make_fetcher(virtual_time).fetch(site.base_url + path + "#top")
    article = next(a for a in site.articles if a.path == path)
    assert page.ok and page.status == 200 and page.attempts == 1
    assert page.body == article.body
    assert page.url == page.final_url == site.base_url + path
    assert page.etag == article.etag and page.last_modified == article.last_modified
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert datetime.fromisoformat(page.fetched_at).utcoffset() == timedelta(0)
    assert {request.user_agent for request in site.requests} == {USER_AGENT}
    assert [request.path for request in site.requests] == ["/robots.txt", path]


def test_validators_turn_an_unchanged_page_into_a_304(site: StandInSite, virtual_time: VirtualTime) -> None:
    fetcher = make_fetcher(virtual_time)
    url = site.base_url + plain_article(site)
    first = fetcher.fetch(url)
    by_etag = fetcher.fetch(url, etag=first.etag)
    by_date = fetcher.fetch(url, last_modified=first.last_modified)
    stale = fetcher.fetch(url, etag='"something-else"')
    assert by_etag.not_modified and by_etag.status == 304 and by_etag.body is None and by_etag.error is None
    assert by_date.not_modified and not by_date.ok
    assert stale.status == 200 and stale.body == first.body
    sent = site.requests_to(plain_article(site))
    assert [(r.if_none_match, r.if_modified_since) for r in sent] == [
        (None, None), (first.etag, None), (None, first.last_modified), ('"something-else"', None)
    ]


@pytest.mark.parametrize("fault", ["500", "503", "truncate"])
def test_transient_failures_are_retried_after_a_backoff(site: StandInSite, virtual_time: VirtualTime, fault: str) -> None:
    path = next(path for path, kind in site.faults.items() if kind == fault)
    fetcher = make_fetcher(virtual_time)
    page = fetcher.fetch(site.base_url + path)
    assert page.ok and page.attempts == 2
    assert fetcher.stats.retries == 1 and fetcher.stats.requests == 3  # robots.txt, the failure, the retry
    assert virtual_time.sleeps == [pytest.approx(0.5, abs=0.01)]
    assert [r.status for r in site.requests_to(path)] == [int(fault) if fault != "truncate" else 200, 200]


def test_a_stall_past_the_timeout_is_retried(site: StandInSite, virtual_time: VirtualTime) -> None:
    path = next(path for path, kind in site.faults.items() if kind == "stall")
    started = time.monotonic()
    page = make_fetcher(virtual_time).fetch(site.base_url + path)
    assert page.ok and page.attempts == 2
    assert time.monotonic() - started < 0.9  # gave up on the stalled answer after the 0.5 s timeout
    assert [r.status for r in site.requests_to(path)] == [0, 200]


def test_429_waits_as_long_as_retry_after_says(site: StandInSite, virtual_time: VirtualTime) -> None:
    path = next(path for path, kind in site.faults.items() if kind == "429")
    page = make_fetcher(virtual_time).fetch(site.base_url + path)
    assert page.ok and page.attempts == 2
    assert virtual_time.sleeps == [pytest.approx(1.0, abs=0.01)]  # Retry-After: 1, longer than the 0.5 s backoff


def test_retry_after_as_an_http_date(site: StandInSite, virtual_time: VirtualTime) -> None:
    now = datetime(2025, 1, 4, 12, 0, tzinfo=UTC)
    site.routes["/busy"] = Route(429, {"Retry-After": format_datetime(now + timedelta(seconds=30), usegmt=True)})
    page = make_fetcher(virtual_time, max_retries=1, now=lambda: now).fetch(site.base_url + "/busy")
    assert page.status == 429 and page.error == "HTTP 429 Too Many Requests" and page.attempts == 2
    assert virtual_time.sleeps == [pytest.approx(30.0, abs=0.01)]
    assert page.fetched_at == "2025-01-04T12:00:00+00:00"


def test_an_unreasonable_retry_after_ends_the_attempts(site: StandInSite, virtual_time: VirtualTime) -> None:
    site.routes["/busy"] = Route(429, {"Retry-After": "3600"})
    page = make_fetcher(virtual_time).fetch(site.base_url + "/busy")
    assert page.status == 429 and page.attempts == 1 and virtual_time.sleeps == []


def test_persistent_server_errors_back_off_exponentially_then_give_up(
    site: StandInSite, virtual_time: VirtualTime
) -> None:
    site.routes["/down"] = Route(502, {}, b"bad gateway")
    page = make_fetcher(virtual_time, max_retries=3).fetch(site.base_url + "/down")
    assert page.status == 502 and page.error == "HTTP 502" and page.attempts == 4
    assert virtual_time.sleeps == pytest.approx([0.5, 1.0, 2.0], abs=0.01)


def test_client_errors_are_not_retried(site: StandInSite, virtual_time: VirtualTime) -> None:
    page = make_fetcher(virtual_time).fetch(site.base_url + "/no/such/page.html")
    assert page.status == 404 and page.error == "HTTP 404" and page.attempts == 1


def test_robots_txt_is_read_once_and_obeyed(site: StandInSite, virtual_time: VirtualTime) -> None:
    fetcher = make_fetcher(virtual_time)
    refused = fetcher.fetch(site.base_url + DISALLOWED_ARTICLE)
    private = fetcher.fetch(site.base_url + "/private/staff.html")
    fetcher.fetch(site.base_url + plain_article(site))
    assert refused.error == DISALLOWED and refused.attempts == 0 and refused.body is None
    assert private.error == DISALLOWED
    assert [r.path for r in site.requests] == ["/robots.txt", plain_article(site)]


def test_robots_groups_are_chosen_by_our_product_token(site: StandInSite, virtual_time: VirtualTime) -> None:
    other = PoliteFetcher("SomeOtherBot/2.0", min_interval_s=0, timeout_s=0.5, sleep=virtual_time.sleep)
    assert other.fetch(site.base_url + plain_article(site)).error == DISALLOWED
    assert [r.path for r in site.requests] == ["/robots.txt"]


@pytest.mark.parametrize(("robots", "allowed"), [(Route(404, {}), True), (Route(500, {}), False)])
def test_missing_robots_allows_all_and_unreachable_robots_allows_nothing(
    site: StandInSite, virtual_time: VirtualTime, robots: Route, allowed: bool
) -> None:
    site.routes["/robots.txt"] = robots
    page = make_fetcher(virtual_time, max_retries=1).fetch(site.base_url + plain_article(site))
    assert page.ok is allowed
    assert (page.error == DISALLOWED) is not allowed


def test_a_redirected_robots_txt_is_followed(site: StandInSite, virtual_time: VirtualTime) -> None:
    site.routes["/robots.txt"] = Route(301, {"Location": "/static/robots.txt"})
    site.routes["/static/robots.txt"] = Route(200, {}, f"User-agent: {BOT_NAME}\nDisallow: /news/\n".encode())
    fetcher = make_fetcher(virtual_time)
    assert fetcher.fetch(site.base_url + "/news/").error == DISALLOWED
    assert fetcher.fetch(site.base_url + plain_article(site)).ok
    assert [r.path for r in site.requests] == ["/robots.txt", "/static/robots.txt", plain_article(site)]


def test_crawl_delay_lengthens_the_interval(site: StandInSite, virtual_time: VirtualTime) -> None:
    site.routes["/robots.txt"] = Route(200, {}, f"User-agent: {BOT_NAME}\nCrawl-delay: 2\n".encode())
    fetcher = make_fetcher(virtual_time, min_interval_s=1.0)
    for path in plain_articles(site)[:3]:
        fetcher.fetch(site.base_url + path)
    assert virtual_time.sleeps == pytest.approx([2.0, 2.0, 2.0], abs=0.01)  # robots.txt, then 3 pages 2 s apart


def test_requests_to_one_host_are_spaced_by_the_interval(site: StandInSite, virtual_time: VirtualTime) -> None:
    fetcher = make_fetcher(virtual_time, min_interval_s=1.0)
    started = virtual_time.clock()
    for path in plain_articles(site)[:3]:
        fetcher.fetch(site.base_url + path)
    assert len(site.requests) == 4
    assert virtual_time.clock() - started >= 3.0
    assert all(wait == pytest.approx(1.0, abs=0.05) for wait in virtual_time.sleeps)


def test_same_host_redirects_are_followed(site: StandInSite, virtual_time: VirtualTime) -> None:
    target = plain_article(site)
    site.routes["/old"] = Route(301, {"Location": "/older"})
    site.routes["/older"] = Route(302, {"Location": site.base_url + target})
    page = make_fetcher(virtual_time).fetch(site.base_url + "/old")
    assert page.ok and page.url == site.base_url + "/old" and page.final_url == site.base_url + target
    assert page.attempts == 3


@pytest.mark.parametrize(
    ("location", "error"),
    [
        ("http://localhost:{port}/news/", "redirect to another host refused"),
        ("https://elsewhere.invalid/news/", "redirect to another host refused"),
        ("file:///etc/passwd", "redirect to a non-HTTP scheme refused"),
        ("ftp://127.0.0.1/file", "redirect to a non-HTTP scheme refused"),
        (DISALLOWED_ARTICLE, DISALLOWED),
    ],
)
def test_redirects_off_the_host_or_the_rules_are_refused(
    site: StandInSite, virtual_time: VirtualTime, location: str, error: str
) -> None:
    site.routes["/jump"] = Route(302, {"Location": location.format(port=site.port)})
    page = make_fetcher(virtual_time).fetch(site.base_url + "/jump")
    assert page.error is not None and page.error.startswith(error) and page.body is None
    assert [r.path for r in site.requests] == ["/robots.txt", "/jump"]
    assert {r.host for r in site.requests} == {f"127.0.0.1:{site.port}"}


def test_a_redirect_without_location_is_an_error(site: StandInSite, virtual_time: VirtualTime) -> None:
    site.routes["/moved"] = Route(301, {}, b"moved somewhere")
    page = make_fetcher(virtual_time).fetch(site.base_url + "/moved")
    assert page.status == 301 and page.error == "HTTP 301" and page.body is None


def test_redirect_loops_end_after_five_hops(site: StandInSite, virtual_time: VirtualTime) -> None:
    for hop in range(10):
        site.routes[f"/hop{hop}"] = Route(302, {"Location": f"/hop{hop + 1}"})
    page = make_fetcher(virtual_time).fetch(site.base_url + "/hop0")
    assert page.error == "too many redirects (more than 5)" and page.attempts == 6


@pytest.mark.parametrize("send_length", [True, False])
def test_bodies_over_the_cap_are_not_read(site: StandInSite, virtual_time: VirtualTime, send_length: bool) -> None:
    site.routes["/huge"] = Route(200, {}, b"x" * 300_000, send_length=send_length)
    page = make_fetcher(virtual_time, max_bytes=100_000).fetch(site.base_url + "/huge")
    assert page.error is not None and page.error.startswith("too large") and page.body is None
    assert page.attempts == 1


def test_unsupported_urls_are_errors_not_exceptions(virtual_time: VirtualTime) -> None:
    fetcher = make_fetcher(virtual_time)
    assert fetcher.fetch("ftp://127.0.0.1/x").error == "unsupported URL: ftp://127.0.0.1/x"
    assert fetcher.fetch("http:///nohost").error is not None
    assert fetcher.stats.requests == 0


def test_an_unreachable_host_is_retried_then_left_alone(virtual_time: VirtualTime) -> None:
    with serve(build_site()) as closed:
        port = closed.port
    fetcher = make_fetcher(virtual_time, max_retries=1)
    page = fetcher.fetch(f"http://127.0.0.1:{port}/news/")
    assert page.error == DISALLOWED  # robots.txt unreachable: RFC 9309 says stay out
    assert page.attempts == 0 and fetcher.stats == FetchStats(requests=2, retries=1)  # robots.txt tried twice


def test_a_user_agent_is_required() -> None:
    with pytest.raises(ValueError, match="user_agent"):
        PoliteFetcher(" ")


# --- robots.txt rules on strings ------------------------------------------------------------------------------


def test_the_longest_matching_rule_wins_and_ties_go_to_allow() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /news/\nAllow: /news/2024\nDisallow: /a\nAllow: /a\n", "bot/1")
    assert not rules.allows("/news/")
    assert rules.allows("/news/20240101/1.html")
    assert rules.allows("/a/b")
    assert rules.allows("/other")


def test_wildcards_and_end_anchors() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /*?print=\nDisallow: /*.pdf$\n", "bot/1")
    assert not rules.allows("/news/20240101/1.html?print=1")
    assert not rules.allows("/files/report.pdf")
    assert rules.allows("/files/report.pdf.html")
    assert rules.allows("/news/20240101/1.html")


def test_groups_for_our_token_replace_the_star_group_and_merge() -> None:
    text = (
        "User-agent: *\nDisallow: /\n\n"
        "User-agent: other\nUser-agent: Releases-Bot\nDisallow: /private/\nCrawl-delay: 3\n\n"
        "User-agent: releases-bot\nDisallow: /drafts/\n"
    )
    rules = parse_robots(text, "releases-bot/1.0 (+https://example.org)")
    assert rules.allows("/news/") and not rules.allows("/private/x") and not rules.allows("/drafts/x")
    assert rules.crawl_delay == 3.0
    assert not parse_robots(text, "unknown/1").allows("/news/")
    assert rules.allows("/robots.txt")


def test_percent_encoding_is_compared_decoded() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /caf%C3%A9/\n", "bot")
    assert not rules.allows("/café/menu") and not rules.allows("/caf%c3%a9/menu")


def test_product_token() -> None:
    assert product_token("Releases-Bot/1.0 (+https://example.org)") == "releases-bot"
    assert product_token("") == "*"


def test_an_unreachable_host_says_so(virtual_time: VirtualTime) -> None:
    with serve(build_site()) as closed:
        port = closed.port
    fetcher = make_fetcher(virtual_time, max_retries=0)
    assert fetcher.unreachable_reason(f"http://127.0.0.1:{port}/news/") is None  # not asked yet
    fetcher.fetch(f"http://127.0.0.1:{port}/news/")
    reason = fetcher.unreachable_reason(f"http://127.0.0.1:{port}/20240116/1014.html")
    assert reason is not None and reason.startswith("connection failed")
    assert fetcher.unreachable_reason("http://127.0.0.2/") is None
