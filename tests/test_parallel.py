"""Parsing and extraction in worker processes give exactly the rows the in-process path gives, in the same order."""
from __future__ import annotations

from pipelines.assets.extract import _extract_batch
from pipelines.assets.parse import _parse_batch
from pipelines.parallel import map_batches, worker_count
from tests.conftest import SAMPLES_DIR


def _inputs() -> list[tuple]:
    return [
        (f"id{number:02d}", "files", path.name, path.suffix.lstrip("."), f"sha{number}", path.read_bytes())
        for number, path in enumerate(sorted(SAMPLES_DIR.iterdir()))
    ]


def test_workers_return_what_the_process_itself_computes():
    assert worker_count() >= 1
    batches = [_inputs()[start : start + 5] for start in range(0, 16, 5)]
    inline = list(map_batches(_parse_batch, batches, min_batches=len(batches) + 1))
    in_workers = list(map_batches(_parse_batch, batches, min_batches=1))
    assert in_workers == inline
    assert sum(len(rows) for rows, _ in inline) == 16

    releases = [
        [(row["release_id"], row["body_text"], row["body_sha256"], row["published_date"], row["language"])
         for row in rows]
        for rows, _ in inline
    ]
    extracted_inline = list(map_batches(_extract_batch, releases, min_batches=len(releases) + 1))
    extracted_in_workers = list(map_batches(_extract_batch, releases, min_batches=1))
    assert extracted_in_workers == extracted_inline
    assert sum(len(tables["stg_person"]) for tables, _, _ in extracted_inline) > 16
