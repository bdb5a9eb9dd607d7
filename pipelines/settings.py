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
}


def setting_path(name: str) -> Path:
    """The path configured by environment variable `name`, or its default."""
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().resolve() if value else DEFAULTS[name]
