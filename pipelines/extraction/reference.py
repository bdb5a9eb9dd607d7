"""Where reference data lives and how it is read: CSV files under `sources/reference/`.

Reference data is data: a new alias, office or organisation is a line in a file, never a code change.
List-valued cells hold several values separated by `|`.
"""
from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DEFAULT_REFERENCE_DIR = Path(__file__).resolve().parents[2] / "sources" / "reference"


def split_list(cell: str | None) -> list[str]:
    """A `|`-separated cell as a list of stripped, non-empty values."""
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


@cache
def load_rows(name: str, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> tuple[dict[str, str], ...]:
    """All rows of `reference_dir/name` (a UTF-8 CSV with a header line), cached per process."""
    with (reference_dir / name).open(encoding="utf-8", newline="") as handle:
        return tuple(
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(handle)
            if any((value or "").strip() for value in row.values())
        )
