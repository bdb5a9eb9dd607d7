"""News feeds (RSS 2.0, RSS 1.0 and Atom) of any organisation, configured as rows of `sources/feeds.csv`.

A new organisation is a line of configuration: its feed URL plus parsing hints for its pages (the CSS class of the
article container, a date format when the feed's dates are not RFC 822 / ISO 8601). Items are returned as the
feed states them (HTML kept as HTML); fetching goes through the same polite fetcher as the crawler.
"""
from __future__ import annotations

import csv
import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html import escape, unescape
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

from pipelines.web.http import FetchedPage, PoliteFetcher

DEFAULT_FEEDS_PATH = Path(__file__).resolve().parents[2] / "sources" / "feeds.csv"

_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_TAG = re.compile(r"<[^>]*>")
_TRUE = frozenset({"true", "yes", "1", "y"})


@dataclass(frozen=True)
class FeedConfig:
    """One configured feed: where it is, whose it is, and how its dates and pages are to be read."""

    name: str  # short stable key, also the `source` of its releases
    url: str
    organisation: str
    enabled: bool = True
    language: str | None = None  # ISO 639-1 code of the feed's texts, when known
    article_class: str | None = None  # CSS class of the article container on the linked pages
    date_format: str | None = None  # strptime format for dates that are neither RFC 822 nor ISO 8601


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, as the feed states it."""

    feed: str  # FeedConfig.name
    guid: str  # the item's id (guid / atom:id), else its link
    title: str | None
    link: str | None  # absolute URL of the release page
    published: date | None  # the date as written in the feed's own time zone
    published_raw: str | None
    summary_html: str | None  # description / atom:summary, as HTML
    content_html: str | None  # content:encoded / atom:content, as HTML


class FeedError(Exception):
    """A feed could not be read; `page` holds the failed fetch."""

    def __init__(self, message: str, page: FetchedPage | None = None) -> None:
        super().__init__(message)
        self.page = page


def load_feed_configs(path: Path = DEFAULT_FEEDS_PATH, include_disabled: bool = False) -> list[FeedConfig]:
    """The feeds of the configuration file (enabled ones unless asked), in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [{key: (value or "").strip() for key, value in row.items() if key} for row in csv.DictReader(handle)]
    configs = [
        FeedConfig(
            name=row["name"],
            url=row["url"],
            organisation=row.get("organisation", ""),
            enabled=row.get("enabled", "true").lower() in _TRUE,
            language=row.get("language") or None,
            article_class=row.get("article_class") or None,
            date_format=row.get("date_format") or None,
        )
        for row in rows
        if row.get("name") and row.get("url")
    ]
    return [config for config in configs if config.enabled or include_disabled]


def read_feed(
    fetcher: PoliteFetcher, config: FeedConfig, etag: str | None = None, last_modified: str | None = None
) -> list[FeedItem]:
    """Fetch and parse one feed; an unchanged feed (304) has no new items. Raises FeedError when it fails."""
    page = fetcher.fetch(config.url, etag=etag, last_modified=last_modified)
    if page.not_modified:
        return []
    if not page.ok or page.body is None:
        raise FeedError(f"feed {config.name}: {page.error or 'no body'}", page)
    return parse_feed(page.body, config, base_url=page.final_url)


def parse_feed(data: bytes, config: FeedConfig, base_url: str | None = None) -> list[FeedItem]:
    """The items of an RSS or Atom document, in document order. Raises FeedError for anything else."""
    if b"<!ENTITY" in data[:10_000].upper():
        raise FeedError(f"feed {config.name}: XML entity declarations refused")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise FeedError(f"feed {config.name}: not well-formed XML ({error})") from error
    base = base_url or config.url
    if root.tag == f"{_ATOM}feed":
        return [_atom_item(entry, config, base) for entry in root.iter(f"{_ATOM}entry")]
    items = [element for element in root.iter() if element.tag in ("item", f"{_RSS1}item")]
    if root.tag == "rss" or root.tag.endswith("RDF"):
        return [_rss_item(item, config, base) for item in items]
    raise FeedError(f"feed {config.name}: neither RSS nor Atom (root element {root.tag})")


def _rss_item(item: ElementTree.Element, config: FeedConfig, base: str) -> FeedItem:
    namespace = _RSS1 if item.tag.startswith(_RSS1) else ""
    link = _text(item.find(f"{namespace}link"))
    guid = _text(item.find("guid"))
    raw_date = _text(item.find("pubDate")) or _text(item.find(f"{_DC}date"))
    absolute = urljoin(base, link) if link else None
    return FeedItem(
        feed=config.name,
        guid=guid or absolute or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about") or "",
        title=_text(item.find(f"{namespace}title")),
        link=absolute,
        published=_parse_date(raw_date, config.date_format),
        published_raw=raw_date,
        summary_html=_text(item.find(f"{namespace}description")),
        content_html=_text(item.find(f"{_CONTENT}encoded")),
    )


def _atom_item(entry: ElementTree.Element, config: FeedConfig, base: str) -> FeedItem:
    links = entry.findall(f"{_ATOM}link")
    alternate = next((link for link in links if link.get("rel", "alternate") == "alternate"), None)
    href = alternate.get("href") if alternate is not None else None
    absolute = urljoin(base, href) if href else None
    raw_date = _text(entry.find(f"{_ATOM}published")) or _text(entry.find(f"{_ATOM}updated"))
    title = entry.find(f"{_ATOM}title")
    return FeedItem(
        feed=config.name,
        guid=_text(entry.find(f"{_ATOM}id")) or absolute or "",
        title=_atom_text_as_plain(title),
        link=absolute,
        published=_parse_date(raw_date, config.date_format),
        published_raw=raw_date,
        summary_html=_atom_text_as_html(entry.find(f"{_ATOM}summary")),
        content_html=_atom_text_as_html(entry.find(f"{_ATOM}content")),
    )


def _text(element: ElementTree.Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _atom_text_as_html(element: ElementTree.Element | None) -> str | None:
    """Atom text constructs as HTML: type="html" is HTML already, "xhtml" is serialised, "text" is escaped."""
    if element is None:
        return None
    kind = element.get("type", "text")
    if kind == "xhtml":
        return _xhtml_inner(element)
    text = _text(element)
    if text is None:
        return None
    return text if kind == "html" else escape(text)


def _xhtml_inner(element: ElementTree.Element) -> str | None:
    """The markup inside the wrapping XHTML <div> (RFC 4287 §3.1.1.3), without namespace prefixes."""
    wrapper = next(iter(element), None)
    if wrapper is None:
        return _text(element)
    inner = deepcopy(wrapper)
    for node in inner.iter():
        node.tag = node.tag.rsplit("}", 1)[-1]
    markup = (inner.text or "") + "".join(ElementTree.tostring(child, encoding="unicode") for child in inner)
    return markup.strip() or None


def _atom_text_as_plain(element: ElementTree.Element | None) -> str | None:
    """A title as plain text: markup of type="html" removed, character references resolved."""
    if element is None:
        return None
    text = "".join(element.itertext())
    if element.get("type") == "html":
        text = unescape(_TAG.sub("", text))
    return " ".join(text.split()) or None


def _parse_date(value: str | None, date_format: str | None) -> date | None:
    """RFC 822 (RSS), ISO 8601 (Atom, dc:date), or the feed's own configured format."""
    if not value:
        return None
    if date_format:
        try:
            return datetime.strptime(value, date_format).date()
        except ValueError:
            pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
