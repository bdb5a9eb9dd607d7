"""A headless Chromium for the browser test: Debian's `chromium` and `chromium-driver`, installed when missing.

Installing needs root and apt-get (as in CI containers); elsewhere the test is skipped with the reason from here.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

BROWSER_NAMES = ("chromium", "chromium-browser")
DRIVER_NAMES = ("chromedriver",)
APT_PACKAGES = ("chromium", "chromium-driver")
# No sandbox (containers run as root), no GPU, and nothing that talks to the network on its own.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


class BrowserUnavailable(RuntimeError):
    """No browser here and none can be installed; the message says why."""


def _which(names: tuple[str, ...]) -> str | None:
    return next((path for path in map(shutil.which, names) if path), None)


def find_browser() -> tuple[str, str] | None:
    """(chromium, chromedriver) paths when both are installed."""
    browser, driver = _which(BROWSER_NAMES), _which(DRIVER_NAMES)
    return (browser, driver) if browser and driver else None


def _apt_get(*arguments: str) -> None:
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        done = subprocess.run(
            ["apt-get", *arguments], env=environment, capture_output=True, text=True, timeout=900, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise BrowserUnavailable(f"apt-get {arguments[0]} timed out") from error
    if done.returncode != 0:
        raise BrowserUnavailable(f"apt-get {' '.join(arguments)} failed: {done.stderr.strip()[-400:]}")


def ensure_browser() -> tuple[str, str]:
    """Chromium and its driver, installed with apt-get when missing and possible; else BrowserUnavailable."""
    found = find_browser()
    if found:
        return found
    if not shutil.which("apt-get"):
        raise BrowserUnavailable("no chromium/chromedriver on PATH and no apt-get to install them")
    if os.geteuid() != 0:
        raise BrowserUnavailable(f"no chromium/chromedriver; install them as root: apt-get install {' '.join(APT_PACKAGES)}")
    _apt_get("update")
    _apt_get("install", "-y", *APT_PACKAGES)
    found = find_browser()
    if not found:
        raise BrowserUnavailable(f"apt-get installed {' '.join(APT_PACKAGES)} but chromium/chromedriver are not on PATH")
    return found


def chromium_arguments(profile_dir: Path, window: tuple[int, int]) -> list[str]:
    """Command-line flags for a fresh, offline, headless Chromium profile."""
    return [*CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}", f"--window-size={window[0]},{window[1]}"]
