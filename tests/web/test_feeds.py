"""RSS and Atom feeds served on 127.0.0.1, and the feed configuration file."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from pipelines.web.feeds import DEFAULT_FEEDS_PATH, FeedConfig, FeedError, load_feed_configs, parse_feed, read_feed
from pipelines.web.http import PoliteFetcher
from tests.web.site import BOT_NAME, Route, StandInSite, build_site, serve

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>SCO news</title><link>/news/</link><description>Releases</description>
  <item>
    <title>SCO Secretary-General meets Ambassador of Kazakhstan</title>
    <link>/news/20250105/1015.html</link>
    <guid isPermaLink="false">sco-1015</guid>
    <pubDate>Sun, 05 Jan 2025 23:30:00 +0600</pubDate>
    <description><![CDATA[<p>On 4 January 2025, President <b>Tokayev</b> met ...</p>]]></description>
    <content:encoded><![CDATA[<div class="article"><p>Full text.</p></div>]]></content:encoded>
  </item>
  <item>
    <title>Undated item</title>
    <link>https://eng.sectsco.org/20240116/1014.html</link>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Secretariat releases</title>
  <id>urn:example:feed</id>
  <updated>2024-01-16T10:00:00Z</updated>
  <entry>
    <title type="html">Secretariat marks &lt;i&gt;20 years&lt;/i&gt;</title>
    <link rel="enclosure" href="/media/photo.jpg"/>
    <link href="/20240116/1014.html"/>
    <id>urn:example:1014</id>
    <published>2024-01-15T22:00:00-05:00</published>
    <updated>2024-01-17T08:00:00Z</updated>
    <summary>Ceremony &amp; reception</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The <b>SCO</b> Secretariat</p> marked.</div></content>
  </entry>
  <entry>
    <title>Only updated</title>
    <link rel="alternate" type="text/html" href="https://eng.sectsco.org/20230316/1013.html"/>
    <id>urn:example:1013</id>
    <updated>2023-03-16T09:00:00Z</updated>
    <content type="html">&lt;p&gt;Lunch in Moscow&lt;/p&gt;</content>
  </entry>
</feed>
"""


@pytest.fixture
def site() -> Iterator[StandInSite]:
    running_site = build_site()
    running_site.routes["/feeds/rss.xml"] = Route(200, {"Content-Type": "application/rss+xml", "ETag": '"rss-1"'}, RSS)
    running_site.routes["/feeds/atom.xml"] = Route(200, {"Content-Type": "application/atom+xml"}, ATOM)
    with serve(running_site) as running:
        yield running


def fetcher() -> PoliteFetcher:
    return PoliteFetcher(f"{BOT_NAME}/1.0", min_interval_s=0.0, timeout_s=0.5, sleep=lambda _s: None)


def config(url: str, **hints: str) -> FeedConfig:
    return FeedConfig(name="sco_en", url=url, organisation="Shanghai Cooperation Organisation", **hints)


def test_rss_items_through_the_fetcher(site: StandInSite) -> None:
    items = read_feed(fetcher(), config(site.base_url + "/feeds/rss.xml"))
    assert [item.title for item in items] == ["SCO Secretary-General meets Ambassador of Kazakhstan", "Undated item"]
    first, second = items
    assert first.link == site.base_url + "/news/20250105/1015.html"  # relative link resolved against the feed
    assert first.guid == "sco-1015" and first.feed == "sco_en"
    assert first.published == date(2025, 1, 5)  # the date as the feed's own time zone has it
    assert first.published_raw == "Sun, 05 Jan 2025 23:30:00 +0600"
    assert first.summary_html == "<p>On 4 January 2025, President <b>Tokayev</b> met ...</p>"
    assert first.content_html == '<div class="article"><p>Full text.</p></div>'
    assert second.guid == second.link == "https://eng.sectsco.org/20240116/1014.html"
    assert second.published is None and second.summary_html is None
    assert [request.path for request in site.requests] == ["/robots.txt", "/feeds/rss.xml"]


def test_an_unchanged_feed_costs_a_304_and_yields_nothing(site: StandInSite) -> None:
    feed = config(site.base_url + "/feeds/rss.xml")
    assert read_feed(fetcher(), feed, etag='"rss-1"') == []
    assert [request.status for request in site.requests_to("/feeds/rss.xml")] == [304]


def test_atom_entries(site: StandInSite) -> None:
    first, second = read_feed(fetcher(), config(site.base_url + "/feeds/atom.xml"))
    assert first.title == "Secretariat marks 20 years"  # type="html" title as plain text
    assert first.link == site.base_url + "/20240116/1014.html"  # the alternate link, not the enclosure
    assert first.guid == "urn:example:1014"
    assert first.published == date(2024, 1, 15)  # <published> wins over <updated>, in its own offset
    assert first.summary_html == "Ceremony &amp; reception"  # type="text" escaped to be HTML
    assert first.content_html == "<p>The <b>SCO</b> Secretariat</p> marked."
    assert second.published == date(2023, 3, 16) and second.content_html == "<p>Lunch in Moscow</p>"


def test_rss_1_0() -> None:
    rdf = b"""<?xml version="1.0"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
             xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://example.org/"><title>x</title></channel>
      <item rdf:about="https://example.org/a"><title>A</title><link>https://example.org/a</link>
        <dc:date>2022-07-14</dc:date><description>Text</description></item>
    </rdf:RDF>"""
    (item,) = parse_feed(rdf, config("https://example.org/rss"))
    assert (item.title, item.link, item.guid, item.published) == (
        "A", "https://example.org/a", "https://example.org/a", date(2022, 7, 14)
    )


def test_a_configured_date_format_reads_local_dates() -> None:
    rss = b"<rss version='2.0'><channel><item><title>T</title><link>https://example.org/t</link>" \
          b"<pubDate>14.03.2016</pubDate></item></channel></rss>"
    (item,) = parse_feed(rss, config("https://example.org/rss", date_format="%d.%m.%Y"))
    assert item.published == date(2016, 3, 14)
    (unhinted,) = parse_feed(rss, config("https://example.org/rss"))
    assert unhinted.published is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body>Not a feed</body></html>", "neither RSS nor Atom"),
        (b"<rss><channel><item>", "not well-formed XML"),
        (b'<!DOCTYPE rss [<!ENTITY a "aaaaaaaa">]><rss><channel/></rss>', "entity declarations refused"),
    ],
)
def test_documents_that_are_not_feeds_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        parse_feed(data, config("https://example.org/rss"))


def test_a_failed_fetch_raises_with_the_page(site: StandInSite) -> None:
    with pytest.raises(FeedError, match="HTTP 404") as caught:
        read_feed(fetcher(), config(site.base_url + "/feeds/missing.xml"))
    assert caught.value.page is not None and caught.value.page.status == 404


def test_the_shipped_configuration_holds_only_a_disabled_example() -> None:
    assert load_feed_configs() == []
    (example,) = load_feed_configs(DEFAULT_FEEDS_PATH, include_disabled=True)
    assert example.enabled is False and example.organisation == "Shanghai Cooperation Organisation"
    assert example.url.startswith("https://") and example.article_class == "article"


def test_configuration_rows(tmp_path: Path) -> None:
    path = tmp_path / "feeds.csv"
    path.write_text(
        "name,url,organisation,enabled,language,article_class,date_format,notes\n"
        "un_news,https://news.example.org/rss.xml,United Nations,true,en,story-body,,\n"
        "osce,https://osce.example.org/atom,OSCE,TRUE,,,%d.%m.%Y,\n"
        "old,https://old.example.org/rss,Old,false,,,,retired\n"
        ",,,,,,,\n",
        encoding="utf-8",
    )
    configs = load_feed_configs(path)
    assert [c.name for c in configs] == ["un_news", "osce"]
    assert configs[0] == FeedConfig("un_news", "https://news.example.org/rss.xml", "United Nations", True, "en",
                                    "story-body", None)
    assert configs[1].date_format == "%d.%m.%Y" and configs[1].language is None
    assert len(load_feed_configs(path, include_disabled=True)) == 3
