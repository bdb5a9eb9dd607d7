"""The daily web schedule: one run a day of the warehouse job, aimed at the configured (or the real) SCO site."""
from __future__ import annotations

from datetime import UTC, datetime

import dagster as dg
import pytest

from pipelines.assets.web_ingest import web_daily_schedule
from pipelines.settings import SCO_SITE_URL


def _tick(day: int) -> dg.RunRequest:
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2026, 3, day, 6, tzinfo=UTC))
    request = web_daily_schedule(context)
    assert isinstance(request, dg.RunRequest)
    return request


def _base_url(request: dg.RunRequest) -> str:
    return request.run_config["resources"]["web_source"]["config"]["sco_base_url"]


def test_schedule_runs_the_warehouse_job_daily_and_is_stopped_by_default() -> None:
    from pipelines.definitions import defs

    schedule = defs.resolve_schedule_def("web_daily_schedule")
    assert schedule.job_name == "build_warehouse"
    assert schedule.cron_schedule == "0 6 * * *" and schedule.execution_timezone == "UTC"
    assert schedule.default_status == dg.DefaultScheduleStatus.STOPPED  # it reaches the internet: opt in
    job = defs.resolve_job_def("build_warehouse")
    assert dg.AssetKey("raw_web_page") in job.asset_layer.executable_asset_keys  # the crawl runs in that job
    assert dg.validate_run_config(job, _tick(1).run_config)


def test_schedule_crawls_the_real_site_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RELEASES_SCO_BASE_URL", raising=False)
    first = _tick(1)
    assert _base_url(first) == SCO_SITE_URL == "https://eng.sectsco.org"
    monkeypatch.setenv("RELEASES_SCO_BASE_URL", "http://127.0.0.1:8765")
    assert _base_url(_tick(1)) == "http://127.0.0.1:8765"


def test_one_run_key_per_day() -> None:
    assert _tick(1).run_key == _tick(1).run_key == "web-2026-03-01"
    assert _tick(2).run_key != _tick(1).run_key
