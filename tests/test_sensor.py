"""The drop-folder sensor: a run when files appear or change, keyed by content, with its cursor kept."""
from __future__ import annotations

import os
import shutil

import dagster as dg

from pipelines.assets.ingest import release_folder_sensor
from pipelines.resources import ReleaseSourceResource
from tests.conftest import SAMPLES_DIR


def _tick(source, cursor=None):
    context = dg.build_sensor_context(
        cursor=cursor, resources={"release_source": ReleaseSourceResource(source_dir=str(source))}
    )
    result = release_folder_sensor(context)
    return result, context.cursor


def test_sensor_requests_a_run_per_distinct_folder_content(tmp_path):
    shutil.copy(SAMPLES_DIR / "seed.txt", tmp_path / "seed.txt")
    first, cursor = _tick(tmp_path)
    assert isinstance(first, dg.RunRequest) and cursor

    unchanged, same_cursor = _tick(tmp_path, cursor)
    assert isinstance(unchanged, dg.SkipReason) and same_cursor == cursor

    stat = (tmp_path / "seed.txt").stat()
    os.utime(tmp_path / "seed.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    touched, touched_cursor = _tick(tmp_path, cursor)
    assert isinstance(touched, dg.RunRequest) and touched.run_key == first.run_key  # Dagster skips a known run key
    assert touched_cursor != cursor

    shutil.copy(SAMPLES_DIR / "2023-03-16_zhang_lavrov_moscow.txt", tmp_path / "new.txt")
    added, _ = _tick(tmp_path, touched_cursor)
    assert isinstance(added, dg.RunRequest) and added.run_key != first.run_key
