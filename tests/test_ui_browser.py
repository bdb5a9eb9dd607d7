"""The Dagster UI in a real browser: `dagster dev` on a free port, headless Chromium shows the asset graph, the
whole `build_warehouse` job launched from its page in the UI ("Materialize all") succeeds, and a screenshot of the
graph is saved.

The job page, not the global graph: the global graph also holds the month-partitioned `month_reextraction`, whose
"Materialize all…" opens the backfill dialog instead of launching a run.

Set RELEASES_SAVE_SCREENSHOT=1 to also write the screenshot to docs/ui_asset_graph.png.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser_setup import BrowserUnavailable, chromium_arguments, ensure_browser
from tests.conftest import PROJECT_ROOT, SAMPLES_DIR

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is missing: pip install -e '.[test]'")
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

JOB = "build_warehouse"
RUN_SECONDS = 240  # the whole job in a run process of its own: ~40 s on an idle laptop, more on a busy CI machine
SCREENSHOT_NAME = "ui_asset_graph.png"
WINDOW = (3000, 1500)  # wide enough for the expanded graph of ~40 assets to fit with every name readable
TERMINAL = {"SUCCESS", "FAILURE", "CANCELED"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(condition: Callable[[], object], timeout: float, what: str, log: Path | None = None) -> object:
    """Poll `condition` until it returns something truthy; fail with `what` (and the server log's tail) on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}\n{tail}")


class DagsterUI:
    """A `dagster dev` process and its GraphQL endpoint."""

    def __init__(self, url: str, log: Path) -> None:
        self.url = url
        self.log = log

    def graphql(self, query: str) -> dict:
        request = urllib.request.Request(
            f"{self.url}/graphql", json.dumps({"query": query}).encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)["data"]

    def asset_count(self) -> int:
        try:
            return len(self.graphql("{ assetNodes { id } }")["assetNodes"])
        except (urllib.error.URLError, ConnectionError, KeyError, TypeError):
            return 0

    def latest_metadata(self, asset: str) -> dict:
        """The integer metadata of an asset's latest materialisation, and its runId."""
        data = self.graphql(
            f'{{ assetOrError(assetKey: {{path: ["{asset}"]}}) {{ ... on Asset {{ assetMaterializations(limit: 1) '
            "{ runId metadataEntries { label ... on IntMetadataEntry { intValue } } } } } }"
        )
        [materialization] = data["assetOrError"]["assetMaterializations"]
        entries = {entry["label"]: entry.get("intValue") for entry in materialization["metadataEntries"]}
        return {"runId": materialization["runId"], **entries}

    def runs(self) -> list[dict]:
        data = self.graphql("{ runsOrError { ... on Runs { results { runId status jobName } } } }")
        return data["runsOrError"]["results"]

    def quiet(self) -> None:
        """Stop the drop-folder sensor (on by default: it would launch a run of its own that holds the writer pool)
        and cancel any run it launched already, so the only run is the one launched from the browser."""
        data = self.graphql(
            '{ sensorsOrError(repositorySelector: {repositoryName: "__repository__", repositoryLocationName: '
            '"releases"}) { ... on Sensors { results { id } } } }'
        )
        for sensor in data["sensorsOrError"]["results"]:
            stopped = self.graphql(f'mutation {{ stopSensor(id: "{sensor["id"]}") {{ __typename }} }}')
            assert stopped["stopSensor"]["__typename"] == "StopSensorMutationResult", stopped
        _wait_for(lambda: all(map(self._cancel, self.runs())), 90, "the sensor's runs to stop", self.log)

    def _cancel(self, run: dict) -> bool:
        """Ask a run to stop; True once it has ended (a run not started yet cannot be terminated: ask again later)."""
        if run["status"] in TERMINAL:
            return True
        self.graphql(f'mutation {{ terminateRun(runId: "{run["runId"]}") {{ __typename }} }}')
        return False


@pytest.fixture
def dagster_ui(tmp_path: Path) -> Iterator[DagsterUI]:
    """`dagster dev` on 127.0.0.1 with its DAGSTER_HOME, warehouse and export folder under tmp_path."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT_ROOT / "pipelines" / "dagster_instance.yaml", home / "dagster.yaml")
    port = _free_port()
    environment = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "RELEASES_SOURCE_DIR": str(SAMPLES_DIR),
        "RELEASES_WAREHOUSE": str(tmp_path / "releases.duckdb"),
        "RELEASES_EXPORT_DIR": str(tmp_path / "parquet"),
    }
    log = tmp_path / "dagster_dev.log"
    dagster = Path(sys.executable).parent / "dagster"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(dagster), "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
            cwd=PROJECT_ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )
    ui = DagsterUI(f"http://127.0.0.1:{port}", log)
    try:
        _wait_for(lambda: process.poll() is not None or ui.asset_count() > 0, 60, "the code location to load", log)
        assert process.poll() is None, f"dagster dev exited: {log.read_text(errors='replace')[-3000:]}"
        ui.quiet()
        yield ui
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """Ask dagster dev to shut down its webserver, daemon and code server; kill its process group if it lingers."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the group is this test's own: started with start_new_session
    except ProcessLookupError:
        pass
    process.wait(timeout=10)


@pytest.fixture
def browser(tmp_path: Path):
    try:
        chromium, driver_path = ensure_browser()
    except BrowserUnavailable as reason:
        pytest.skip(f"no headless Chromium for the UI test: {reason}")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in chromium_arguments(tmp_path / "chromium_profile", WINDOW):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _text(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def _button(driver, label: str, prefix: bool = False):
    test = f"starts-with(normalize-space(), '{label}')" if prefix else f"normalize-space()='{label}'"
    buttons = driver.find_elements(By.XPATH, f"//button[{test}]")
    return next((button for button in buttons if button.is_displayed() and button.is_enabled()), None)


def _open(driver, url: str) -> None:
    """Open a page of the UI and wait until it is ready to use."""
    driver.get(url)
    _wait_for(lambda: _button(driver, "Materialize", prefix=True), 30, f"the 'Materialize' button on {url}")


def _new_run(ui: DagsterUI, earlier: set[str]) -> dict | None:
    return next((run for run in ui.runs() if run["runId"] not in earlier), None)


def _finished(ui: DagsterUI, run_id: str) -> str | None:
    status = next(run["status"] for run in ui.runs() if run["runId"] == run_id)
    return status if status in TERMINAL else None


def _fit_graph(driver) -> None:
    """Hide the side panels and zoom the asset graph to fit (a double click on the empty canvas does that)."""
    hide_navigation = _button(driver, "Hide navigation")
    if hide_navigation:
        hide_navigation.click()
    tree_toggle = driver.find_elements(By.XPATH, "//input[@placeholder='Jump to…']/following::button[1]")
    if tree_toggle:
        tree_toggle[0].click()
    corner = driver.find_elements(By.CSS_SELECTOR, "button[class*='SVGViewport_iconButton']")
    if corner:
        ActionChains(driver).move_to_element_with_offset(corner[-1], -120, 0).double_click().perform()
    time.sleep(1.5)  # the zoom is animated


def test_ui_shows_graph_and_runs_a_materialisation(dagster_ui: DagsterUI, browser, tmp_path: Path):
    started = time.monotonic()
    assert dagster_ui.graphql("mutation { setNuxSeen }")["setNuxSeen"]  # no first-visit newsletter dialog
    # A fresh profile: lay the graph out top to bottom, which fits a wide window.
    browser.get(f"{dagster_ui.url}/server_info")
    browser.execute_script("localStorage.setItem('asset-graph-direction', JSON.stringify('vertical'))")

    _open(browser, f"{dagster_ui.url}/asset-groups")
    assert "Global asset lineage" in _text(browser)
    ActionChains(browser).key_down(Keys.ALT).send_keys("e").key_up(Keys.ALT).perform()  # expand all groups (⌥E)
    _wait_for(lambda: {"raw_release", "dim_person", "fact_mention"} <= set(_text(browser).split()), 15,
              "the asset graph to show raw_release, dim_person and fact_mention")

    _open(browser, f"{dagster_ui.url}/locations/releases/jobs/{JOB}")
    earlier = {run["runId"] for run in dagster_ui.runs()}
    launch = _button(browser, "Materialize all")  # "Materialize all…" would open the partitions dialog instead
    assert launch, f"the {JOB} job should launch at once: {_button(browser, 'Materialize', prefix=True).text}"
    launch.click()
    # The job's extract step also reads month_reextraction, a partitioned asset only backfills build: the UI asks
    # whether to go on without it.
    _wait_for(lambda: _button(browser, "Confirm") or _new_run(dagster_ui, earlier), 15, "the launch to go on")
    confirm = _button(browser, "Confirm")
    if confirm:
        confirm.click()
    run = _wait_for(lambda: _new_run(dagster_ui, earlier), 15, "the run launched from the UI", dagster_ui.log)
    assert run["jobName"] == JOB
    status = _wait_for(lambda: _finished(dagster_ui, run["runId"]), RUN_SECONDS, "the run to finish", dagster_ui.log)
    assert status == "SUCCESS", dagster_ui.log.read_text(errors="replace")[-3000:]
    browser.get(f"{dagster_ui.url}/runs/{run['runId']}")
    _wait_for(lambda: "Success" in _text(browser), 20, "the run page to show Success")
    metadata = dagster_ui.latest_metadata("raw_release")
    assert metadata["runId"] == run["runId"]
    assert metadata["dagster/row_count"] == len([path for path in SAMPLES_DIR.rglob("*") if path.is_file()])
    assert dagster_ui.latest_metadata("published_warehouse")["runId"] == run["runId"]
    assert (tmp_path / "releases.duckdb").is_file() and (tmp_path / "parquet" / "reports" / "who_met_whom.png").is_file()

    _open(browser, f"{dagster_ui.url}/asset-groups")
    _wait_for(lambda: "dim_person" in _text(browser).split(), 15, "the expanded asset graph")
    _fit_graph(browser)
    time.sleep(5)  # the nodes' colours come from a second, batched status query: let it paint them green
    screenshot = tmp_path / SCREENSHOT_NAME
    assert browser.save_screenshot(str(screenshot))
    assert screenshot.read_bytes().startswith(b"\x89PNG") and screenshot.stat().st_size > 20_000
    if os.environ.get("RELEASES_SAVE_SCREENSHOT") == "1":
        shutil.copy(screenshot, PROJECT_ROOT / "docs" / SCREENSHOT_NAME)
    assert time.monotonic() - started < RUN_SECONDS + 90
