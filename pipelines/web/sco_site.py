"""Crawl the SCO Secretariat's English news site: listings, sitemap, then the articles not yet held.

The newsroom lists releases newest first, so an incremental crawl can stop at the first listing page whose
articles are all known; a backfill sets `max_pages` and walks that many listing pages regardless. Articles are
recognised by the site's URL forms (`/YYYYMMDD/NNNN.html`, `/news/YYYYMMDD/NNNN.html`) on the base URL's host;
links elsewhere are never followed. Articles come back as raw pages: parsing them is the extraction library's job.
"""
from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit
from xml.etree import ElementTree

from pipelines.web.http import DISALLOWED, FetchedPage, PoliteFetcher

ARTICLE_PATH = re.compile(r"^/(?:news/)?\d{8}/\d+\.html$")
NEXT_TEXTS = frozenset({"next", "next »", "next ›", "next >", "›", "next page"})
_SAFETY_MAX_LISTING_PAGES = 10_000  # a loop guard for sites whose pagination never ends
_MAX_SITEMAPS = 50  # child sitemaps read from one sitemap index

Validators = dict[str, tuple[str | None, str | None]]


@dataclass(frozen=True)
class CrawlResult:
    """Everything one crawl fetched, what it found, and what it cost."""

    listings: tuple[FetchedPage, ...]  # listing pages, in pagination order
    sitemaps: tuple[FetchedPage, ...]  # sitemap.xml (and children of a sitemap index), when the site has one
    articles: tuple[FetchedPage, ...]  # every article request: 200 (new or changed), 304 (unchanged), errors
    article_urls: tuple[str, ...]  # every article URL found on the host (listings and sitemap), sorted
    disallowed_urls: tuple[str, ...]  # found but left alone because robots.txt says so
    requests: int  # HTTP requests sent, robots.txt and retries included
    retries: int
    not_modified: int  # 304 answers
    skipped_disallowed: int
    errors: int  # pages that failed after retries (robots.txt refusals and a missing sitemap not counted)

    @property
    def pages(self) -> tuple[FetchedPage, ...]:
        """Every page fetched, for the raw archive."""
        return self.listings + self.sitemaps + self.articles

    @property
    def fresh_articles(self) -> tuple[FetchedPage, ...]:
        """Articles with a body to ingest: new ones, and known ones that changed."""
        return tuple(page for page in self.articles if page.ok)

    @property
    def validators(self) -> Validators:
        """(ETag, Last-Modified) of each fresh article, to store and pass to the next crawl."""
        return {page.url: (page.etag, page.last_modified) for page in self.fresh_articles}


def crawl_sco_site(
    fetcher: PoliteFetcher,
    base_url: str,
    known_urls: AbstractSet[str] = frozenset(),
    validators: Validators | None = None,
    max_pages: int | None = None,
    revalidate_known: bool = False,
    use_sitemap: bool = True,
) -> CrawlResult:
    """Crawl `<base>/news/` (and `<base>/sitemap.xml`); fetch new articles, and known ones conditionally if asked.

    `known_urls` are article URLs already held; `validators` maps a URL to the (ETag, Last-Modified) of its last
    fetch. `max_pages=None` stops at the first listing page with nothing new; a number walks up to that many
    listing pages (a backfill).
    """
    validators = validators or {}
    base = base_url.rstrip("/")
    host = (urlsplit(base).hostname or "").lower()
    start = fetcher.stats
    found: dict[str, None] = {}  # article URLs in discovery order
    listings = _walk_listings(fetcher, f"{base}/news/", host, set(known_urls), max_pages, found)
    sitemaps = _read_sitemaps(fetcher, f"{base}/sitemap.xml", host, found) if use_sitemap else []
    articles: list[FetchedPage] = []
    disallowed: list[str] = []
    for url in found:
        if url in known_urls and not revalidate_known:
            continue
        if not fetcher.allowed(url):
            disallowed.append(url)
            continue
        etag, last_modified = validators.get(url, (None, None))
        articles.append(fetcher.fetch(url, etag=etag, last_modified=last_modified))
    pages = [*listings, *sitemaps, *articles]
    end = fetcher.stats
    return CrawlResult(
        listings=tuple(listings),
        sitemaps=tuple(sitemaps),
        articles=tuple(articles),
        article_urls=tuple(sorted(found)),
        disallowed_urls=tuple(disallowed),
        requests=end.requests - start.requests,
        retries=end.retries - start.retries,
        not_modified=sum(page.not_modified for page in pages),
        skipped_disallowed=len(disallowed) + sum(page.error == DISALLOWED for page in pages),
        errors=sum(_is_error(page) for page in pages),
    )


def _is_error(page: FetchedPage) -> bool:
    if page.error is None or page.error == DISALLOWED:
        return False
    return not (page.status == 404 and page.url.endswith("/sitemap.xml"))


def _walk_listings(
    fetcher: PoliteFetcher, start_url: str, host: str, known: set[str], max_pages: int | None, found: dict[str, None]
) -> list[FetchedPage]:
    """Follow the pagination from `start_url`, adding article URLs to `found`; the listing pages fetched."""
    limit = max_pages if max_pages is not None else _SAFETY_MAX_LISTING_PAGES
    listings: list[FetchedPage] = []
    visited: set[str] = set()
    url: str | None = start_url
    while url and url not in visited and len(listings) < limit:
        visited.add(url)
        page = fetcher.fetch(url)
        listings.append(page)
        if not page.ok or page.body is None:
            break
        links = parse_listing(_decode(page), page.final_url)
        articles = [link for link in links.article_urls if _same_host(link, host)]
        found.update(dict.fromkeys(articles))
        if max_pages is None and all(article in known for article in articles):
            break
        url = next((link for link in links.next_urls if _same_host(link, host) and link not in visited), None)
    return listings


@dataclass(frozen=True)
class ListingLinks:
    """What a listing page points to: its articles (in page order) and candidates for the next page (best first)."""

    article_urls: tuple[str, ...]
    next_urls: tuple[str, ...]


def parse_listing(html: str, page_url: str) -> ListingLinks:
    """Article links and next-page links of a listing: `rel="next"`, a "Next"/"›" anchor, else `?page=N+1`."""
    collector = _LinkCollector()
    collector.feed(html)
    collector.close()
    articles: dict[str, None] = {}
    by_rel: list[str] = []
    by_text: list[str] = []
    by_page_number: list[str] = []
    wanted_page = _page_number(page_url) + 1
    for href, rel, text in collector.links:
        url = _clean(urljoin(page_url, href))
        if url is None:
            continue
        parts = urlsplit(url)
        if ARTICLE_PATH.match(parts.path):
            articles[urlunsplit(parts._replace(query=""))] = None
        elif "next" in rel:
            by_rel.append(url)
        elif " ".join(text.split()).lower() in NEXT_TEXTS:
            by_text.append(url)
        elif parts.query and _page_number(url) == wanted_page:
            by_page_number.append(url)
    return ListingLinks(tuple(articles), tuple(dict.fromkeys(by_rel + by_text + by_page_number)))


class _LinkCollector(HTMLParser):
    """(href, rel words, anchor text) of every `<a href>` and `<link rel=... href>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, set[str], str]] = []
        self._open: tuple[str, set[str], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rel = set(values.get("rel", "").lower().split())
        if tag == "link" and values.get("href"):
            self.links.append((values["href"], rel, ""))
        elif tag == "a":
            self._finish()
            if values.get("href"):
                self._open = (values["href"], rel, [])

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._finish()

    def close(self) -> None:
        super().close()
        self._finish()

    def _finish(self) -> None:
        if self._open is not None:
            href, rel, text = self._open
            self.links.append((href, rel, "".join(text)))
            self._open = None


def _read_sitemaps(fetcher: PoliteFetcher, url: str, host: str, found: dict[str, None]) -> list[FetchedPage]:
    """sitemap.xml's article URLs into `found`; a sitemap index is followed one level (same host only)."""
    page = fetcher.fetch(url)
    pages = [page]
    if not page.ok or page.body is None:
        return pages
    kind, locations = parse_sitemap(page.body)
    if kind == "sitemapindex":
        children = [loc for loc in locations if _same_host(loc, host)][:_MAX_SITEMAPS]
        for child in children:
            child_page = fetcher.fetch(child)
            pages.append(child_page)
            if child_page.ok and child_page.body is not None:
                locations.extend(parse_sitemap(child_page.body)[1])
    for location in locations:
        cleaned = _clean(location)
        if cleaned and _same_host(cleaned, host) and ARTICLE_PATH.match(urlsplit(cleaned).path):
            found.setdefault(urlunsplit(urlsplit(cleaned)._replace(query="")), None)
    return pages


def parse_sitemap(data: bytes) -> tuple[str, list[str]]:
    """("urlset" | "sitemapindex" | "", the <loc> values); unreadable or entity-laden XML gives nothing."""
    if b"<!ENTITY" in data[:10_000].upper():
        return "", []
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return "", []
    kind = root.tag.rsplit("}", 1)[-1]
    locations = [
        element.text.strip()
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1] == "loc" and element.text and element.text.strip()
    ]
    return kind, locations


def _clean(url: str) -> str | None:
    """An http(s) URL without its fragment; None for mailto:, javascript: and the like."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit(parts._replace(fragment=""))


def _same_host(url: str, host: str) -> bool:
    return (urlsplit(url).hostname or "").lower() == host


def _page_number(url: str) -> int:
    values = parse_qs(urlsplit(url).query).get("page", [])
    return int(values[0]) if values and values[0].isdigit() else 1


def _decode(page: FetchedPage) -> str:
    """Listing HTML as text: the charset the server declares, else UTF-8 (bad bytes replaced)."""
    content_type = page.headers.get("content-type", "")
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    body = page.body or b""
    if match:
        try:
            return body.decode(match.group(1), errors="replace")
        except LookupError:
            pass
    return body.decode("utf-8", errors="replace")
