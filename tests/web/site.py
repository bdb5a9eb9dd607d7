"""A stand-in for the SCO news site on 127.0.0.1, built from the sample releases, with the faults of the real web.

Three listing pages (pagination by `<link rel="next">`, then by `?page=N` numbers only), one article per sample
(text samples wrapped in the site's HTML template), a sitemap that also lists one article no listing shows,
robots.txt with a group for our bot that disallows a path a listing links to (every other bot is shut out),
an off-host link, an RSS feed at `/rss/` (the newest releases, a disallowed item, off-host items), and faults on
the first request of chosen paths: 503 and 500, 429 with Retry-After: 1, a stall past the client's timeout, and
a body cut short of its Content-Length. Articles (and the feed) carry ETag, articles Last-Modified too, and
conditional requests get 304. Every request is recorded.

Run `python -m tests.web.site --port 8765` to serve it by hand (e.g. for `RELEASES_SCO_BASE_URL`).
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import html
import json
import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = PROJECT_ROOT / "sources" / "samples"
GOLD_DIR = PROJECT_ROOT / "tests" / "gold"

BOT_NAME = "releases-test-bot"
PER_PAGE = 5
DISALLOWED_ARTICLE = "/news/20200202/0666.html"
STALL_S = 1.0
FEED_PATH = "/rss/"
FEED_ITEMS = 4

ROBOTS_TXT = f"""# stand-in robots.txt
User-agent: {BOT_NAME}
Disallow: /news/20200202/
Disallow: /private/
Allow: /

User-agent: *
Disallow: /
"""


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


@dataclass
class Article:
    """One release page of the site; `body` changes when the test edits the article."""

    path: str
    title: str
    published: date
    body: bytes

    @property
    def etag(self) -> str:
        return _etag(self.body)

    @property
    def last_modified(self) -> str:
        return format_datetime(datetime(self.published.year, self.published.month, self.published.day, tzinfo=UTC),
                               usegmt=True)


@dataclass(frozen=True)
class Request:
    """What the site saw: the Host header, path with query, the status it answered, the validators sent."""

    host: str
    path: str
    status: int  # 0 for a stalled request that got no answer in time
    user_agent: str
    if_none_match: str | None
    if_modified_since: str | None
    fault: str | None = None  # the planned fault this request met, if any


@dataclass(frozen=True)
class Route:
    """A fixed answer a test adds to the site (robots.txt variants, redirects, feeds, oversized bodies)."""

    status: int
    headers: dict[str, str]
    body: bytes = b""
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes


@dataclass
class StandInSite:
    """The site's content, its one-shot faults, and the log of requests."""

    articles: list[Article]  # newest first, as the listings show them
    sitemap_only: str  # path of the article that only sitemap.xml lists
    faults: dict[str, str]  # path (with query) -> "503" | "500" | "429" | "stall" | "truncate", on first request
    routes: dict[str, Route] = field(default_factory=dict)  # path (with query) -> fixed answer, checked first
    port: int = 0
    requests: list[Request] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def article_urls(self) -> list[str]:
        return sorted(self.base_url + article.path for article in self.articles)

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [request for request in self.requests if request.path == path]

    def add_article(self, path: str, title: str, published: date, paragraphs: list[str]) -> None:
        """A new release on top of the first listing page."""
        self.articles.insert(0, Article(path, title, published, render_article(title, published, paragraphs)))

    def change_article(self, path: str, extra_paragraph: str) -> None:
        """An edited release: same URL, new bytes, so a new ETag."""
        article = self._article(path)
        assert article is not None
        article.body = article.body.replace(b"</div>\n<div class=\"footer\">",
                                            f"<p>{html.escape(extra_paragraph)}</p>\n</div>\n<div class=\"footer\">"
                                            .encode())

    def _article(self, path: str) -> Article | None:
        return next((article for article in self.articles if article.path == path), None)

    # --- pages ------------------------------------------------------------------------------------------------

    def listing(self, page: int) -> bytes | None:
        shown = [article for article in self.articles if article.path != self.sitemap_only]
        pages = max(1, -(-len(shown) // PER_PAGE))
        if not 1 <= page <= pages:
            return None
        items = "\n".join(
            f'<li><a href="{a.path}">{html.escape(a.title)}</a> <span>{a.published:%d.%m.%Y}</span></li>'
            for a in shown[(page - 1) * PER_PAGE : page * PER_PAGE]
        )
        head_next = f'<link rel="next" href="/news/?page={page + 1}">' if page == 1 and pages > 1 else ""
        numbers = " ".join(f'<a href="/news/?page={n}">{n}</a>' for n in range(1, pages + 1) if n != page)
        previous = f'<a href="/news/?page={page - 1}">‹ Prev</a>' if page > 1 else ""
        extras = {
            1: f'<p>Partner: <a href="http://localhost:{self.port}/news/20990101/9001.html">Partner news</a>'
            ' <a href="https://elsewhere.invalid/20990101/9002.html">Elsewhere</a></p>',
            2: f'<p><a href="{DISALLOWED_ARTICLE}">Draft release</a> <a href="/private/">Staff</a>'
            ' <a href="mailto:info@example.org">Mail</a> <a href="javascript:void(0)">Print</a></p>',
        }.get(page, "")
        return (
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>News - page {page}</title>'
            f"{head_next}</head>\n<body>\n<div class=\"topmenu\"><a href=\"/\">Home</a> | <a href=\"/news/\">News</a>"
            f"</div>\n<ul class=\"news-list\">\n{items}\n</ul>\n{extras}\n"
            f'<div class="pager">{previous} {numbers}</div>\n</body></html>\n'
        ).encode()

    def feed(self) -> bytes:
        """RSS 2.0 of the newest releases, plus an item robots.txt forbids and two on other hosts."""
        shown = [article for article in self.articles if article.path != self.sitemap_only][:FEED_ITEMS]
        links = [(a.title, self.base_url + a.path, a.published) for a in shown] + [
            ("Draft release", self.base_url + DISALLOWED_ARTICLE, date(2020, 2, 2)),
            ("Partner news", f"http://localhost:{self.port}/news/20990101/9001.html", date(2020, 1, 1)),
            ("Elsewhere", "https://elsewhere.invalid/20990101/9002.html", date(2020, 1, 1)),
        ]
        items = "\n".join(
            f"  <item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
            f"<pubDate>{format_datetime(datetime(day.year, day.month, day.day, 9, tzinfo=UTC))}</pubDate></item>"
            for title, link, day in links
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n'
            f"  <title>SCO news</title><link>{self.base_url}/news/</link><description>Releases</description>\n"
            f"{items}\n</channel></rss>\n"
        ).encode()

    def sitemap(self) -> bytes:
        locations = [*(self.base_url + a.path for a in self.articles), self.base_url + DISALLOWED_ARTICLE,
                     self.base_url + "/news/"]
        urls = "\n".join(f"  <url><loc>{location}</loc></url>" for location in locations)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n'
        ).encode()


def render_article(title: str, published: date, paragraphs: list[str]) -> bytes:
    """The site's article template: page chrome around `<div class="article">` with h1, date line and paragraphs."""
    body = "\n".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
        "</head>\n<body>\n"
        '<div class="topmenu"><a href="/">Home</a> | <a href="/news/">News</a> | <a href="#">Русский</a></div>\n'
        f'<div class="article">\n<h1>{html.escape(title)}</h1>\n<div class="date">{published:%d.%m.%Y}</div>\n'
        f"{body}\n</div>\n"
        '<div class="footer">© Shanghai Cooperation Organisation | <a href="/sitemap/">Site map</a></div>\n'
        "</body>\n</html>\n"
    ).encode()


def _text_article(text: str, published: date) -> tuple[str, list[str]]:
    """(title, paragraphs) of a text sample: a short first line is its headline, else a neutral dated title."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and len(lines[0]) < 160 and not lines[0].endswith("."):
        return lines[0], lines[1:]
    return f"News release of {published:%d.%m.%Y}", lines  # no names: the title is part of the parsed text


def build_site(samples_dir: Path = SAMPLES_DIR, gold_dir: Path = GOLD_DIR) -> StandInSite:
    """The site from the samples: HTML samples served as they are, text samples wrapped in the template."""
    loaded: list[tuple[date, str, str, bytes]] = []
    for path in sorted(samples_dir.iterdir()):
        if path.suffix not in (".html", ".txt"):
            continue
        gold = json.loads((gold_dir / f"{path.stem}.gold.json").read_text(encoding="utf-8"))
        published = date.fromisoformat(gold["published"])
        if path.suffix == ".html":
            body = path.read_bytes()
            found = re.search(rb"<title>(.*?)</title>", body, re.DOTALL)
            title = html.unescape(found.group(1).decode("utf-8").strip()) if found else path.stem
        else:
            title, paragraphs = _text_article(path.read_text(encoding="utf-8"), published)
            body = render_article(title, published, paragraphs)
        loaded.append((published, path.stem, title, body))
    loaded.sort()
    articles = []
    for number, (published, _stem, title, body) in enumerate(loaded, start=1001):
        prefix = "/news" if number % 2 else ""  # both URL forms of the real site
        articles.append(Article(f"{prefix}/{published:%Y%m%d}/{number}.html", title, published, body))
    articles.reverse()  # newest first
    shown = articles[:7] + articles[8:]
    faults = {
        "/news/?page=2": "503",
        shown[1].path: "500",
        shown[3].path: "429",
        shown[6].path: "stall",
        shown[11].path: "truncate",
    }
    return StandInSite(articles=articles, sitemap_only=articles[7].path, faults=faults)


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.0, one request per connection: a cut-short body is then simply a closed connection."""

    site: StandInSite

    def do_GET(self) -> None:
        site = self.site
        parts = urlsplit(self.path)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        with site._lock:
            fault = site.faults.pop(target, None)
        route = site.routes.get(target)
        if route is not None and fault is None:
            status, payload, headers = route.status, route.body, dict(route.headers)
        else:
            status, payload, headers = self._answer(parts.path, parts.query, fault)
        if status == 200 and self._not_modified(headers):
            status, payload = 304, b""
        with site._lock:
            site.requests.append(
                Request(
                    host=self.headers.get("Host", ""),
                    path=target,
                    status=0 if fault == "stall" else status,
                    user_agent=self.headers.get("User-Agent", ""),
                    if_none_match=self.headers.get("If-None-Match"),
                    if_modified_since=self.headers.get("If-Modified-Since"),
                    fault=fault,
                )
            )
        if fault == "stall":
            time.sleep(STALL_S)
        try:
            self.send_response(status)
            declared = len(payload) + (500 if fault == "truncate" else 0)
            if status != 304 and (route is None or route.send_length):
                headers["Content-Length"] = str(declared)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload[: len(payload) // 2] if fault == "truncate" else payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting, as it should

    def _answer(self, path: str, query: str, fault: str | None) -> tuple[int, bytes, dict[str, str]]:
        site = self.site
        html_type = {"Content-Type": "text/html; charset=utf-8"}
        if fault in ("500", "503"):
            return int(fault), b"<h1>Server error</h1>", html_type
        if fault == "429":
            return 429, b"<h1>Too many requests</h1>", {**html_type, "Retry-After": "1"}
        if path == "/robots.txt":
            return 200, ROBOTS_TXT.encode(), {"Content-Type": "text/plain"}
        if path == "/sitemap.xml":
            return 200, site.sitemap(), {"Content-Type": "application/xml"}
        if path == FEED_PATH:
            feed = site.feed()
            return 200, feed, {"Content-Type": "application/rss+xml", "ETag": _etag(feed)}
        if path == "/news/":
            page_value = parse_qs(query).get("page", ["1"])[0]
            listing = site.listing(int(page_value)) if page_value.isdigit() else None
            if listing is not None:
                return 200, listing, html_type
        article = site._article(path)
        if article is not None:
            return 200, article.body, {**html_type, "ETag": article.etag, "Last-Modified": article.last_modified}
        return 404, b"<h1>Not found</h1>", html_type

    def _not_modified(self, headers: dict[str, str]) -> bool:
        """RFC 9110: If-None-Match decides when sent; If-Modified-Since only without it."""
        etag, last_modified = headers.get("ETag"), headers.get("Last-Modified")
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
            return etag is not None and ("*" in tags or etag in tags)
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since and last_modified:
            try:
                return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError):
                return False
        return False

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the site keeps its own request log."""


class VirtualTime:
    """A clock that the fetcher's sleeps move forward at once: waits are recorded, never really waited."""

    def __init__(self) -> None:
        self.offset = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return time.monotonic() + self.offset

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.offset += seconds


@contextmanager
def serve(site: StandInSite, port: int = 0) -> Iterator[StandInSite]:
    """Serve `site` on 127.0.0.1 (a free port by default) until the block ends."""
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    server.handle_error = lambda request, client_address: None  # a client hanging up is part of the test
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--log", type=Path, help="write the request log here (JSON lines) when stopped")
    arguments = parser.parse_args()
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` stops it like Ctrl-C: the log is written
    with serve(build_site(), arguments.port) as site:
        print(f"serving the stand-in SCO site at {site.base_url}/news/ (Ctrl-C stops)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    if arguments.log:
        lines = (json.dumps(dataclasses.asdict(request)) for request in site.requests)
        arguments.log.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


if __name__ == "__main__":
    main()
