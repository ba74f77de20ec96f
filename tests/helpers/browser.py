"""The Chromium that Playwright drives, and waits on what a page shows.

Playwright cannot download browsers on the machines this project is tested on, so the
tests (and ``bench/``) use the Chromium that Debian's ``chromium`` package installs,
launched by the pip ``playwright`` package. Where to find it:

* ``GOODWILL_CHROMIUM`` if set (an explicit choice: if it does not exist nothing else is
  tried, so a typo cannot silently test another browser);
* otherwise ``/usr/bin/chromium``, then ``chromium`` / ``chromium-browser`` on ``PATH``.

Waits are on a condition, never a fixed time: the app has finished its run
(:func:`wait_for_streamlit_app`), or the page has come to rest (:func:`wait_until_settled`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Error, Page, expect

from tests.helpers.server import REPO_ROOT

ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
CHROMIUM_ENV_VAR = "GOODWILL_CHROMIUM"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_NAMES_ON_PATH = ("chromium", "chromium-browser")

# Flags measured to work headless, as root, in a container without internet. The
# background-networking family stops Chromium from phoning Google, which here would only
# flood the log with refused connections (and would count as traffic leaving the machine).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: The screens the reader's tests run on: a laptop and a phone (issue 12).
WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 375, "height": 812}
SCREENS = [WIDE, PHONE]
SCREEN_IDS = ["1440x900", "375x812"]
#: Narrower than this, a test's screen is a phone's: touch, and mobile viewport rules.
PHONE_WIDTH_BELOW = 500

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
APP_READY_TIMEOUT_MS = 30_000
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

# A document at rest: loaded, every image loaded or failed, no finite animation or
# transition still running (Streamlit fades elements in after a rerun).
_AT_REST = """() => document.readyState === "complete"
    && [...document.images].every((image) => image.complete)
    && document.getAnimations().every((animation) => animation.playState !== "running"
        || animation.effect.getComputedTiming().iterations === Infinity)"""
# Two animation frames: whatever was queued meanwhile (an onerror, an ontoggle) has run.
_TWO_FRAMES = (
    "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
)


def is_running_in_ci() -> bool:
    """True when the ``CI`` variable says so (GitHub, GitLab and most runners set ``true``)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def locate_chromium() -> tuple[str | None, list[str]]:
    """Return (executable or None, every place that was tried, in order)."""
    explicit = os.environ.get(CHROMIUM_ENV_VAR, "").strip()
    if explicit:
        # An explicit choice is final: falling back would test a browser nobody asked for.
        path = Path(explicit)
        found = path.is_file() and os.access(path, os.X_OK)
        return (str(path) if found else None), [f"${CHROMIUM_ENV_VAR}={explicit}"]

    tried = [str(DEBIAN_CHROMIUM)]
    if DEBIAN_CHROMIUM.is_file() and os.access(DEBIAN_CHROMIUM, os.X_OK):
        return str(DEBIAN_CHROMIUM), tried
    for name in CHROMIUM_NAMES_ON_PATH:
        tried.append(f"{name} on PATH")
        found_on_path = shutil.which(name)
        if found_on_path:
            return found_on_path, tried
    return None, tried


def is_loopback_url(url: str) -> bool:
    """True for URLs that stay on this machine (and for data:, blob:, about: and the like)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return True
    return (parts.hostname or "") in LOOPBACK_HOSTS


def wait_for_streamlit_app(page: Page, timeout_ms: int = APP_READY_TIMEOUT_MS) -> None:
    """Wait until the app is connected and its script has finished running.

    Streamlit's root element carries the script's run state and the connection state as
    ``data-test-*`` attributes; "notRunning" after "CONNECTED" means the first run is done.
    The status widget ("Running...") must also be gone, since it lags the attribute.
    """
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
        '[data-test-script-state="notRunning"]',
        state="attached",
        timeout=timeout_ms,
    )
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="hidden", timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stMain"]', state="visible", timeout=timeout_ms)


def wait_until_settled(page: Page, timeout_ms: int = APP_READY_TIMEOUT_MS) -> None:
    """Wait until every frame of ``page`` is at rest (loaded, images done, no animation
    running), then two animation frames: any onload, onerror or ontoggle that was going to
    fire has fired, and what is on screen is what stays there."""
    for frame in page.frames:
        try:
            frame.wait_for_function(_AT_REST, timeout=timeout_ms)
        except Error:
            if not frame.is_detached():
                raise  # a frame that went away while we looked is not at fault
    page.evaluate(_TWO_FRAMES)


def open_map_page(page: Page, url: str) -> None:
    """Go to ``url`` (a map page) and wait until the app has run and the map shows markers."""
    page.goto(url)
    wait_for_streamlit_app(page)
    expect(page.frame_locator(MAP_FRAME).locator(".gw-marker").first).to_be_visible(timeout=30_000)
