"""Fixtures that drive the real Streamlit server in a real Chromium.

Helpers (finding Chromium, starting a server, waits) live in ``tests/helpers/``.

Without a Chromium the browser tests are skipped loudly on a developer machine and fail
under ``CI=true``, where a skipped browser suite would look like a passing one.

Every test gets a fresh browser context and page. The page records what a test usually
wants to assert on afterwards:

* ``page.console_errors``: console messages of type "error" and uncaught page exceptions;
* ``page.failed_requests``: requests that got no response (refused, aborted, blocked);
* ``page.external_requests``: every request or websocket to a host other than the loopback
  host the server runs on, because the dashboard must work with no internet at all.

A failing test leaves a full-page screenshot in ``test-artifacts/``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from goodwill.archive import archive_html
from goodwill.dataset import Tour
from tests.helpers.archive import ARCHIVE_APP, ARCHIVE_DAY
from tests.helpers.browser import (
    ARTIFACTS_DIR,
    CHROMIUM_ARGS,
    CHROMIUM_ENV_VAR,
    PHONE_WIDTH_BELOW,
    is_loopback_url,
    is_running_in_ci,
    locate_chromium,
    wait_for_streamlit_app,
)
from tests.helpers.server import start_streamlit_server

BROWSER_TESTS_DIR = Path(__file__).resolve().parent

# Filled in when the browser tests are skipped for lack of Chromium, so that the terminal
# summary can repeat it where nobody scrolls past it.
_missing_chromium_warnings: list[str] = []


# --------------------------------------------------------------------------- marking


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser as ``browser`` so ``-m "not browser"`` skips them.

    A conftest cannot set ``pytestmark`` for its directory, and this hook sees the items of
    the whole session, so it only marks the ones that live below this directory.
    """
    for item in items:
        if BROWSER_TESTS_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


# --------------------------------------------------------------------------- Chromium


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Path of the Chromium to drive; skips loudly, or fails under CI=true, if there is none."""
    executable, tried = locate_chromium()
    if executable:
        return executable
    message = (
        "No Chromium found for the browser tests; tried: "
        + ", ".join(tried)
        + ". Install Debian's `chromium` package (apt-get install chromium) or set "
        + f"{CHROMIUM_ENV_VAR} to a Chromium executable. "
        + "(`playwright install` cannot download browsers on this project's machines.)"
    )
    if is_running_in_ci():
        pytest.fail(f"CI=true, so a missing browser is an error, not a skip. {message}")
    _missing_chromium_warnings.append(message)
    pytest.skip(f"BROWSER TESTS SKIPPED: {message}")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Repeat a missing-Chromium skip at the very end of the run, in red, once."""
    if not _missing_chromium_warnings:
        return
    terminalreporter.write_sep("!", "BROWSER TESTS DID NOT RUN", red=True, bold=True)
    terminalreporter.write_line(_missing_chromium_warnings[0], red=True)


# --------------------------------------------------------------------------- Streamlit


@pytest.fixture(scope="session")
def streamlit_server_factory() -> Iterator[Callable[..., str]]:
    """Start Streamlit servers on demand: ``url = streamlit_server_factory(env={...})``.

    ``env`` is added to this process's environment (e.g. to point the app at other data).
    Every call starts a new server on its own port; all of them stop when the session ends.
    """
    servers = []

    def start(env: Mapping[str, str] | None = None) -> str:
        servers.append(start_streamlit_server(env=env))
        return servers[-1].url

    yield start
    for server in reversed(servers):
        server.stop()


@pytest.fixture(scope="session")
def app_url(streamlit_server_factory: Callable[..., str]) -> str:
    """Base URL of one Streamlit server, shared by the session, serving the shipped data.

    Online tiles are off: these tests assert that nothing leaves 127.0.0.1, and the map
    must be complete without tiles (the outline layer is the basemap then).
    """
    return streamlit_server_factory(env={"GOODWILL_TILES": "off"})


# --------------------------------------------------------------------------- Playwright


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    """The Playwright driver, started once per session."""
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright, chromium_executable: str) -> Iterator[Browser]:
    """One headless Chromium for the whole session; each test gets its own context."""
    browser = playwright_instance.chromium.launch(
        executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the test item, so fixtures can tell whether it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _screenshot_path(item: pytest.Item) -> Path:
    safe_name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid).strip("_")
    return ARTIFACTS_DIR / f"{safe_name}.png"


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page in a fresh context, recording errors and traffic leaving 127.0.0.1.

    1400×900 unless a test asks for a screen (``tests.helpers.browser.SCREENS``) with
    ``@pytest.mark.parametrize("page", [PHONE], indirect=True)``; a phone-sized one is a
    touch screen."""
    viewport = getattr(request, "param", None) or {"width": 1400, "height": 900}
    phone = viewport["width"] < PHONE_WIDTH_BELOW
    context = browser.new_context(
        viewport=viewport, locale="en-US", is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    page.console_errors = []
    page.failed_requests = []
    page.external_requests = []

    def record_console_error(message) -> None:
        if message.type == "error":
            where = message.location
            page.console_errors.append(
                f"console.error: {message.text} (at {where['url']}:{where['lineNumber']})"
            )

    def record_uncaught_exception(error) -> None:
        page.console_errors.append(f"uncaught: {error}")

    def record_failed_request(req) -> None:
        page.failed_requests.append(f"{req.method} {req.url}: {req.failure}")

    def record_external_request(req) -> None:
        if not is_loopback_url(req.url):
            page.external_requests.append(f"{req.method} {req.url}")

    def record_external_websocket(websocket) -> None:
        if not is_loopback_url(websocket.url):
            page.external_requests.append(f"WEBSOCKET {websocket.url}")

    page.on("console", record_console_error)
    page.on("pageerror", record_uncaught_exception)
    page.on("requestfailed", record_failed_request)
    # Requests are watched on the context, not the page: it also sees requests from iframes
    # (the map component lives in one) and from workers.
    context.on("request", record_external_request)
    page.on("websocket", record_external_websocket)

    yield page

    # The call phase's report exists only if the test body ran; setup failures have none.
    call_report = getattr(request.node, "report_call", None)
    if call_report is not None and call_report.failed:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        try:
            page.screenshot(path=_screenshot_path(request.node), full_page=True)
        except Exception as error:  # a screenshot must not hide the real failure
            print(f"could not save a screenshot: {error}", file=sys.stderr)
    context.close()


@pytest.fixture
def wait_for_app() -> Callable[..., None]:
    """``wait_for_streamlit_app`` as a fixture, so test modules need not import a conftest."""
    return wait_for_streamlit_app


@pytest.fixture
def opened_app(page: Page, app_url: str) -> Page:
    """The recording ``page`` with the dashboard loaded from ``app_url`` and finished running."""
    page.goto(app_url)
    wait_for_streamlit_app(page)
    return page


# --------------------------------------------------------------------------- the archive

# What a file opened from disk may load without anything leaving the machine.
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


@dataclass
class OpenedArchive:
    """The downloadable archive opened from disk, and what it did there."""

    page: Page
    requests: list[str] = field(default_factory=list)  # anything beyond the file itself
    errors: list[str] = field(default_factory=list)  # uncaught exceptions
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)  # alert() and the like, dismissed


@pytest.fixture
def open_archive(browser: Browser, tmp_path: Path) -> Iterator[Callable[..., OpenedArchive]]:
    """Write the archive of some events to disk and open it in Chromium, once every
    marker is drawn: ``opened = open_archive(package, events, lang)`` (a viewport of
    1200×800 unless ``viewport=`` says otherwise)."""
    contexts = []

    def open_map(
        tour: Tour, events: pd.DataFrame, lang: str, viewport: dict | None = None
    ) -> OpenedArchive:
        file = tmp_path / f"goodwill-tour-{lang}.html"
        file.write_text(
            archive_html(tour, events, lang, app=ARCHIVE_APP, made=ARCHIVE_DAY), encoding="utf-8"
        )
        context = browser.new_context(viewport=viewport or {"width": 1200, "height": 800})
        contexts.append(context)
        opened = OpenedArchive(context.new_page())
        context.on(
            "request",
            lambda request: (
                None
                if request.url.startswith(LOCAL_SCHEMES)
                else opened.requests.append(request.url)
            ),
        )
        opened.page.on(
            "console",
            lambda message: message.type == "error" and opened.console_errors.append(message.text),
        )
        opened.page.on("pageerror", lambda error: opened.errors.append(str(error)))
        opened.page.on(
            "dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss())
        )
        opened.page.goto(file.as_uri())
        opened.page.wait_for_function(
            f"document.querySelectorAll('.gw-marker').length >= {events['place_id'].nunique()}",
            timeout=15_000,
        )
        return opened

    yield open_map
    for context in contexts:
        context.close()
