"""A polite, defensive HTTP GET for crawling other people's sites.

Politeness: robots.txt is read once per host (cached for a day) and obeyed before every request, including each
redirect hop; requests carry our own User-Agent; requests to one host are spaced by `min_interval_s` (or the
site's Crawl-delay when longer); 429 waits as long as Retry-After asks; unchanged pages cost a 304 when the caller
passes the previous ETag / Last-Modified. Defence: timeouts, retries with exponential backoff on timeouts, 5xx and
truncated bodies, a size cap that stops reading, and redirects followed by hand: same host only, http(s) only,
at most five hops. Failures are values (`FetchedPage.error`), never exceptions, so one bad page never stops a
crawl.
"""
from __future__ import annotations

import http.client
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import SplitResult, quote, urljoin, urlsplit, urlunsplit

from pipelines.web.robots import ALLOW_ALL, DISALLOW_ALL, RobotsRules, parse_robots

DISALLOWED = "disallowed by robots.txt"
MAX_REDIRECTS = 5
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class FetchedPage:
    """One GET as it happened: the response (or why there is none) and its metadata, bytes kept raw."""

    url: str  # what was asked for
    final_url: str  # where the answer came from, after same-host redirects
    status: int  # HTTP status of the last response; 0 when none arrived
    headers: dict[str, str]  # of the last response, names lower-cased
    fetched_at: str  # UTC, ISO 8601
    body: bytes | None  # None on 304 and whenever `error` is set
    not_modified: bool  # 304: the caller's copy is current
    error: str | None  # None on 200-299 and 304
    attempts: int  # HTTP requests spent on this page: retries and redirect hops included

    @property
    def ok(self) -> bool:
        """A fresh body to keep (2xx)."""
        return self.error is None and not self.not_modified and self.body is not None

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


@dataclass(frozen=True)
class FetchStats:
    """Running totals of one fetcher, so a crawl can report what it cost."""

    requests: int  # HTTP requests sent, robots.txt, retries and redirect hops included
    retries: int  # requests repeated after a transient failure


@dataclass(frozen=True)
class _Attempt:
    """One request/response exchange."""

    status: int
    headers: dict[str, str]
    body: bytes | None
    error: str | None
    transient: bool  # worth retrying
    retry_after_s: float | None = None


class PoliteFetcher:
    """GET pages like a well-behaved crawler; one instance per crawl keeps robots.txt and rate-limit state."""

    def __init__(
        self,
        user_agent: str,
        min_interval_s: float = 1.0,
        timeout_s: float = 10,
        max_retries: int = 3,
        backoff_base_s: float = 0.5,
        max_bytes: int = 5_000_000,
        max_retry_after_s: float = 120.0,
        max_crawl_delay_s: float = 30.0,
        robots_ttl_s: float = 86_400.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if not user_agent.strip():
            raise ValueError("a crawler must name itself: user_agent is empty")
        self.user_agent = user_agent
        self.min_interval_s = min_interval_s
        self.timeout_s = timeout_s
        self.max_retries = max_retries
        self.backoff_base_s = backoff_base_s
        self.max_bytes = max_bytes
        self.max_retry_after_s = max_retry_after_s
        self.max_crawl_delay_s = max_crawl_delay_s
        self.robots_ttl_s = robots_ttl_s
        self._clock = clock
        self._sleep = sleep
        self._now = now
        self._robots: dict[str, tuple[float, RobotsRules]] = {}
        self._last_request_at: dict[str, float] = {}  # clock() when the host's latest request went out
        self._not_before: dict[str, float] = {}  # no request to the host before this clock() value
        self._requests = 0
        self._retries = 0
        self._unreachable: dict[str, str] = {}  # origin -> why its robots.txt got no answer at all

    @property
    def stats(self) -> FetchStats:
        return FetchStats(requests=self._requests, retries=self._retries)

    def unreachable_reason(self, url: str) -> str | None:
        """Why the URL's host never answered its robots.txt (DNS, no route, refused, timeouts), else None.

        Such a host's pages come back as refused by robots.txt (RFC 9309: no answer means stay out); this tells a
        caller that the network, not the site's rules, is the reason.
        """
        return self._unreachable.get(_origin(urlsplit(url)))

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets us fetch it (reads robots.txt on first use)."""
        parts = urlsplit(url)
        return self._rules(parts).allows(_request_target(parts))

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchedPage:
        """GET `url`; with the validators of an earlier fetch the answer may be a bodiless 304."""
        url = _without_fragment(url)
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        current, attempts = url, 0
        for _hop in range(MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
                return self._failure(url, current, f"unsupported URL: {current}", attempts)
            if not self._rules(parts).allows(_request_target(parts)):
                return self._failure(url, current, DISALLOWED, attempts)
            attempt, spent = self._with_retries(parts, conditional)
            attempts += spent
            location = attempt.headers.get("location")
            if attempt.status in _REDIRECT_STATUSES and location:
                target = _without_fragment(urljoin(current, location.strip()))
                refusal = _redirect_refusal(parts, urlsplit(target))
                if refusal:
                    return self._page(url, current, attempt, attempts, f"{refusal}: {target}")
                current = target
                continue
            return self._page(url, current, attempt, attempts, attempt.error)
        return self._failure(url, current, f"too many redirects (more than {MAX_REDIRECTS})", attempts)

    # --- robots.txt -------------------------------------------------------------------------------------------

    def _rules(self, parts: SplitResult) -> RobotsRules:
        origin = _origin(parts)
        cached = self._robots.get(origin)
        if cached and self._clock() - cached[0] < self.robots_ttl_s:
            return cached[1]
        rules = self._read_robots(parts)
        self._robots[origin] = (self._clock(), rules)
        return rules

    def _read_robots(self, parts: SplitResult) -> RobotsRules:
        """RFC 9309: 4xx means no rules, 5xx or no answer means stay out entirely.

        Redirects are followed up to five hops, to other hosts too (RFC 9309 §2.3.1.2: robots.txt often moves to
        the canonical host); beyond that, or off http(s), robots.txt counts as unavailable, i.e. absent.
        """
        current = parts._replace(path="/robots.txt", query="", fragment="")
        for _hop in range(MAX_REDIRECTS + 1):
            attempt, _spent = self._with_retries(current, {})
            location = attempt.headers.get("location")
            if attempt.status in _REDIRECT_STATUSES and location:
                current = urlsplit(urljoin(urlunsplit(current), location.strip()))
                if current.scheme not in _DEFAULT_PORTS or not current.hostname:
                    return ALLOW_ALL
                continue
            if attempt.error is None and 200 <= attempt.status < 300 and attempt.body is not None:
                return parse_robots(attempt.body.decode("utf-8", errors="replace"), self.user_agent)
            if 400 <= attempt.status < 500 and attempt.status != 429:
                return ALLOW_ALL
            if attempt.status == 0 and attempt.error:
                self._unreachable[_origin(parts)] = attempt.error
            return DISALLOW_ALL
        return ALLOW_ALL

    # --- requests ---------------------------------------------------------------------------------------------

    def _with_retries(self, parts: SplitResult, extra_headers: dict[str, str]) -> tuple[_Attempt, int]:
        """Exponential backoff on transient failures; a 429 waits for Retry-After instead (if not absurdly long)."""
        attempt = self._attempt(parts, extra_headers)
        spent = 1
        while attempt.transient and spent <= self.max_retries:
            wait = self.backoff_base_s * 2 ** (spent - 1)
            if attempt.retry_after_s is not None:
                if attempt.retry_after_s > self.max_retry_after_s:
                    break
                wait = max(wait, attempt.retry_after_s)
            self._defer(parts, wait)
            self._retries += 1
            attempt = self._attempt(parts, extra_headers)
            spent += 1
        return attempt, spent

    def _attempt(self, parts: SplitResult, extra_headers: dict[str, str]) -> _Attempt:
        self._wait_turn(parts)
        self._requests += 1
        connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(parts.hostname, parts.port, timeout=self.timeout_s)
        try:
            connection.request(
                "GET",
                _request_target(parts),
                headers={
                    "User-Agent": self.user_agent,
                    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                    "Accept-Encoding": "identity",
                    **extra_headers,
                },
            )
            response = connection.getresponse()
            headers = _header_dict(response.getheaders())
            status = response.status
            if status == 304 or status == 204:
                return _Attempt(status, headers, None, None, transient=False)
            body, size_error = self._read_body(response, headers)
            if size_error:
                return _Attempt(status, headers, None, size_error, transient=size_error.startswith("truncated"))
            if status == 429:
                retry_after = _retry_after_s(headers.get("retry-after"), self._now())
                return _Attempt(status, headers, body, "HTTP 429 Too Many Requests", True, retry_after)
            if status >= 500:
                return _Attempt(status, headers, body, f"HTTP {status}", transient=True)
            if status >= 400 or (status >= 300 and not (status in _REDIRECT_STATUSES and headers.get("location"))):
                return _Attempt(status, headers, body, f"HTTP {status}", transient=False)
            return _Attempt(status, headers, body, None, transient=False)
        except TimeoutError:
            return _Attempt(0, {}, None, f"timeout after {self.timeout_s} s", transient=True)
        except http.client.IncompleteRead:
            return _Attempt(0, {}, None, "truncated body", transient=True)
        except (OSError, http.client.HTTPException) as error:
            return _Attempt(0, {}, None, f"connection failed: {type(error).__name__}: {error}", transient=True)
        finally:
            connection.close()

    def _read_body(self, response: http.client.HTTPResponse, headers: dict[str, str]) -> tuple[bytes | None, str | None]:
        """The body, or why not: over the cap (stop reading at once) or shorter than Content-Length."""
        declared = _int_or_none(headers.get("content-length"))
        if declared is not None and declared > self.max_bytes:
            return None, f"too large: Content-Length {declared} > {self.max_bytes} bytes"
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                return None, f"too large: more than {self.max_bytes} bytes"
            chunks.append(chunk)
        if declared is not None and size != declared and not response.chunked:
            return None, f"truncated body: {size} of {declared} bytes"
        return b"".join(chunks), None

    # --- rate limit -------------------------------------------------------------------------------------------

    def _wait_turn(self, parts: SplitResult) -> None:
        """Space requests to one host by the interval (the longer of ours and the site's Crawl-delay)."""
        origin = _origin(parts)
        interval = self.min_interval_s
        cached = self._robots.get(origin)
        if cached and cached[1].crawl_delay is not None:
            interval = max(interval, min(cached[1].crawl_delay, self.max_crawl_delay_s))
        last = self._last_request_at.get(origin)
        due = max(last + interval if last is not None else 0.0, self._not_before.get(origin, 0.0))
        now = self._clock()
        if due > now:
            self._sleep(due - now)
        self._last_request_at[origin] = self._clock()

    def _defer(self, parts: SplitResult, delay_s: float) -> None:
        """Nothing goes to the host before `delay_s` has passed (backoff, Retry-After); `_wait_turn` sleeps."""
        origin = _origin(parts)
        self._not_before[origin] = max(self._not_before.get(origin, 0.0), self._clock() + delay_s)

    # --- results ----------------------------------------------------------------------------------------------

    def _stamp(self) -> str:
        return self._now().astimezone(UTC).isoformat(timespec="seconds")

    def _page(self, url: str, final_url: str, attempt: _Attempt, attempts: int, error: str | None) -> FetchedPage:
        return FetchedPage(
            url=url,
            final_url=final_url,
            status=attempt.status,
            headers=attempt.headers,
            fetched_at=self._stamp(),
            body=attempt.body if error is None else None,
            not_modified=attempt.status == 304,
            error=error,
            attempts=attempts,
        )

    def _failure(self, url: str, final_url: str, error: str, attempts: int) -> FetchedPage:
        return FetchedPage(url, final_url, 0, {}, self._stamp(), None, False, error, attempts)


def _origin(parts: SplitResult) -> str:
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{parts.port or _DEFAULT_PORTS.get(parts.scheme, 0)}"


def _request_target(parts: SplitResult) -> str:
    """Path and query as sent on the request line, percent-encoded where the URL was not."""
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return f"{path}?{query}" if query else path


def _without_fragment(url: str) -> str:
    return urlunsplit(urlsplit(url.strip())._replace(fragment=""))


def _redirect_refusal(source: SplitResult, target: SplitResult) -> str | None:
    """Why a redirect is not followed: another scheme than http(s), or another host. An upgrade to https is fine."""
    if target.scheme not in _DEFAULT_PORTS:
        return "redirect to a non-HTTP scheme refused"
    if (target.hostname or "").lower() != (source.hostname or "").lower():
        return "redirect to another host refused"
    source_port = source.port or _DEFAULT_PORTS[source.scheme]
    target_port = target.port or _DEFAULT_PORTS[target.scheme]
    if source_port != target_port and not (target.scheme == "https" and target_port == 443 and source_port == 80):
        return "redirect to another port refused"
    return None


def _header_dict(pairs: list[tuple[str, str]]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _retry_after_s(value: str | None, now: datetime) -> float | None:
    """Retry-After in seconds: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
