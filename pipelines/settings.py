"""The project's configuration: environment variables with their documented defaults.

Relative paths given in the environment resolve against the current directory; the defaults resolve against the
project root, so `make run` and `dagster dev` find the bundled samples wherever they are started from.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
MODELS_DIR = PROJECT_ROOT / "warehouse" / "models"

DEFAULTS = {
    "RELEASES_SOURCE_DIR": PROJECT_ROOT / "sources" / "samples",
    "RELEASES_WAREHOUSE": PROJECT_ROOT / "warehouse" / "releases.duckdb",
    "RELEASES_EXPORT_DIR": PROJECT_ROOT / "warehouse" / "parquet",
    "RELEASES_FEEDS_FILE": PROJECT_ROOT / "sources" / "feeds.csv",
}
# The SCO Secretariat's English newsroom: what the daily web schedule crawls unless RELEASES_SCO_BASE_URL says
# otherwise. `make run` never falls back to it: without RELEASES_SCO_BASE_URL it stays offline.
SCO_SITE_URL = "https://eng.sectsco.org"
# Our crawler's name in robots.txt terms (product token "releases-bot"); RELEASES_USER_AGENT overrides it.
DEFAULT_USER_AGENT = "releases-bot/1.0 (press-release research crawler; polite: robots.txt, 1 request/s)"


def setting_path(name: str) -> Path:
    """The path configured by environment variable `name`, or its default."""
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().resolve() if value else DEFAULTS[name]


def setting_text(name: str, default: str = "") -> str:
    """The text configured by environment variable `name`, or `default` when unset or blank."""
    return os.environ.get(name, "").strip() or default
