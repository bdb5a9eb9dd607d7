"""Fetching releases from the web: a polite HTTP client, the SCO news-site crawler and an RSS/Atom reader.

Standard library only, and no Dagster or DuckDB: the assets call these functions and store what they return
(every fetched page's raw bytes and response metadata), so parsing can be re-run without fetching again.
"""
from pipelines.web.feeds import FeedConfig, FeedError, FeedItem, load_feed_configs, parse_feed, read_feed
from pipelines.web.http import DISALLOWED, FetchedPage, FetchStats, PoliteFetcher
from pipelines.web.sco_site import CrawlResult, crawl_sco_site

__all__ = [
    "DISALLOWED",
    "CrawlResult",
    "FeedConfig",
    "FeedError",
    "FeedItem",
    "FetchStats",
    "FetchedPage",
    "PoliteFetcher",
    "crawl_sco_site",
    "load_feed_configs",
    "parse_feed",
    "read_feed",
]
