"""Many readers at once: concurrent Chromium sessions against a server (or a proxy).

Every session is a context of its own in one Chromium, driven concurrently with
Playwright's async API (its sync API cannot be shared between threads). Each session opens
the dashboard, clicks three markers in an order of its own, then switches off "Show events
of unknown date". It must see no error of any kind, and after every click the panel must
show the place it clicked (its heading and its date line) and no other place. The time from
a click to that panel is measured; p50 and p95 are printed and written to
``test-artifacts/load-<name>.json`` (docs/load.md records a run).

Used by ``tests/browser/test_load.py`` (one server) and ``test_scale_out.py`` (two servers
behind nginx). Loopback only, bounded in time: the whole run is cancelled after
``LOAD_DEADLINE_S``.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import platform
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from goodwill.dataset import load_tour
from tests.helpers.browser import ARTIFACTS_DIR, CHROMIUM_ARGS, MAP_FRAME, is_loopback_url
from tests.helpers.event_loop import run_coroutine

PLACES_WITH_EVENTS = load_tour().events["place_id"].nunique()
UNDATED_PLACES = 5  # places whose only events have no date (hidden by the filter)
# The three held stops a reader clicks, with the panel's heading and the story's words for
# the date on its card (the same text in the page and in its Markdown, which marks them English).
# McAllen is left out: at the fitted zoom its marker covers Reynosa's, and Reynosa is the
# one whose date ("last month") it shares.
PLACES = {
    "pima-west-campus": ("Tucson · Arizona · United States", "“Friday”"),
    "nogales-sonora": ("Nogales · Sonora · Mexico", "“Thursday”"),
    "reynosa": ("Reynosa", "“last month”"),
}
ORDERS = [
    ("pima-west-campus", "nogales-sonora", "reynosa"),
    ("nogales-sonora", "reynosa", "pima-west-campus"),
    ("reynosa", "pima-west-campus", "nogales-sonora"),
    ("pima-west-campus", "reynosa", "nogales-sonora"),
    ("nogales-sonora", "pima-west-campus", "reynosa"),
    ("reynosa", "nogales-sonora", "pima-west-campus"),
]
LOAD_DEADLINE_S = 420.0
STEP_TIMEOUT_MS = 120_000  # one step (open, click → panel, filter) under full load
USER_AGENT_TAG = "goodwill-load/"

# True when the panel shows exactly this place: the run is over, its heading is the only
# place heading, and its card's date line is there.
PANEL_SHOWS = """
([heading, dateLine, allHeadings]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return false;
  const shown = [...main.querySelectorAll('h3')].map((h) => h.innerText.trim())
    .filter((text) => allHeadings.some((name) => text.startsWith(name)));
  return shown.length === 1 && shown[0].startsWith(heading) && main.innerText.includes(dateLine);
}
"""
APP_IDLE = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]');
}
"""


@dataclass
class SessionResult:
    index: int
    order: tuple[str, ...]
    open_ms: float | None = None
    click_ms: list[float] = field(default_factory=list)
    filter_ms: float | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class LoadReport:
    sessions: list[SessionResult]
    wall_s: float

    @property
    def errors(self) -> list[str]:
        return [f"session {s.index}: {error}" for s in self.sessions for error in s.errors]

    @property
    def click_ms(self) -> list[float]:
        return [ms for s in self.sessions for ms in s.click_ms]

    def summary(self) -> dict[str, Any]:
        clicks = self.click_ms
        opens = [s.open_ms for s in self.sessions if s.open_ms is not None]
        filters = [s.filter_ms for s in self.sessions if s.filter_ms is not None]
        return {
            "sessions": len(self.sessions),
            "clicks": len(clicks),
            "errors": len(self.errors),
            "wall_s": round(self.wall_s, 1),
            "click_to_panel_ms": {"p50": percentile(clicks, 50), "p95": percentile(clicks, 95)},
            "open_to_markers_ms": {"p50": percentile(opens, 50), "p95": percentile(opens, 95)},
            "filter_to_map_ms": {"p50": percentile(filters, 50), "p95": percentile(filters, 95)},
            "machine": machine(),
        }


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (no interpolation: every value reported was measured)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return round(ordered[rank - 1], 1)


def machine() -> str:
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        cpuinfo = []
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), "")
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
        f"{' (' + model + ')' if model else ''}, {memory_gb:.0f} GB"
    )


async def _session(browser, url: str, index: int, user_agent: str) -> SessionResult:
    order = ORDERS[index % len(ORDERS)]
    result = SessionResult(index=index, order=order)
    context = await browser.new_context(
        viewport={"width": 1400, "height": 900},
        locale="en-US",
        user_agent=f"{user_agent} {USER_AGENT_TAG}{index}",
    )
    errors = result.errors
    closing = False
    context.on(
        "request",
        lambda req: None if is_loopback_url(req.url) else errors.append(f"external: {req.url}"),
    )
    page = await context.new_page()

    def on_console(message) -> None:
        if message.type == "error":
            errors.append(f"console.error: {message.text}")

    def on_websocket(socket) -> None:
        socket.on("socketerror", lambda error: errors.append(f"websocket error: {error}"))
        socket.on(
            "close",
            lambda _socket: None if closing else errors.append(f"websocket closed: {socket.url}"),
        )

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda req: errors.append(f"failed: {req.url}: {req.failure}"))
    page.on(
        "response",
        lambda response: (
            errors.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.on("websocket", on_websocket)
    frame = page.frame_locator(MAP_FRAME)
    headings = [heading for heading, _ in PLACES.values()]
    try:
        started = time.perf_counter()
        await page.goto(url, timeout=STEP_TIMEOUT_MS)
        await page.wait_for_function(APP_IDLE, timeout=STEP_TIMEOUT_MS, polling=100)
        await frame.locator(".gw-marker").first.wait_for(timeout=STEP_TIMEOUT_MS)
        result.open_ms = (time.perf_counter() - started) * 1000

        for place_id in order:
            heading, date_line = PLACES[place_id]
            marker = frame.locator(f'[data-place-id="{place_id}"]')
            await marker.wait_for(timeout=STEP_TIMEOUT_MS)
            clicked = time.perf_counter()
            await marker.click(timeout=STEP_TIMEOUT_MS)
            await page.wait_for_function(
                PANEL_SHOWS, arg=[heading, date_line, headings], timeout=STEP_TIMEOUT_MS, polling=50
            )
            result.click_ms.append((time.perf_counter() - clicked) * 1000)

        # A filter: hide the events of unknown date; the map keeps only the dated places.
        switched = time.perf_counter()
        await page.get_by_text("Show events of unknown date").click(timeout=STEP_TIMEOUT_MS)
        await page.wait_for_function(
            "(count) => [...document.querySelectorAll('iframe')].some((f) => {"
            "  try { return f.contentDocument.querySelectorAll('.gw-marker').length === count; }"
            "  catch (e) { return false; } })",
            arg=PLACES_WITH_EVENTS - UNDATED_PLACES,
            timeout=STEP_TIMEOUT_MS,
            polling=50,
        )
        result.filter_ms = (time.perf_counter() - switched) * 1000
        await page.wait_for_function(APP_IDLE, timeout=STEP_TIMEOUT_MS, polling=100)
        await page.wait_for_function(
            "() => location.search.includes('undated=hide')", timeout=STEP_TIMEOUT_MS
        )
        # The last place clicked is still this session's selection after the rerun.
        heading, date_line = PLACES[order[-1]]
        await page.wait_for_function(
            PANEL_SHOWS, arg=[heading, date_line, headings], timeout=STEP_TIMEOUT_MS, polling=100
        )
        shown_exceptions = await page.locator('[data-testid="stException"]').count()
        if shown_exceptions:
            errors.append(f"{shown_exceptions} exception box(es) on the page")
    except Exception as error:
        errors.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        closing = True
        await context.close()
    return result


async def _run(executable: str, url: str, sessions: int) -> LoadReport:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            probe = await browser.new_page()
            user_agent = await probe.evaluate("navigator.userAgent")
            await probe.close()
            started = time.perf_counter()
            results = await asyncio.wait_for(
                asyncio.gather(*(_session(browser, url, i, user_agent) for i in range(sessions))),
                timeout=LOAD_DEADLINE_S,
            )
            return LoadReport(sessions=list(results), wall_s=time.perf_counter() - started)
        finally:
            await browser.close()


def run_load(executable: str, url: str, sessions: int) -> LoadReport:
    """Run ``sessions`` concurrent readers against ``url``; return what each one saw."""
    return run_coroutine(_run(executable, url, sessions), timeout_s=LOAD_DEADLINE_S + 60)


def record(name: str, report: LoadReport, extra: dict[str, Any] | None = None) -> dict:
    """Print the summary and keep it (with every session's timings) in test-artifacts/."""
    summary = {**report.summary(), **(extra or {})}
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    (ARTIFACTS_DIR / f"load-{name}.json").write_text(
        json.dumps(
            {"summary": summary, "sessions": [asdict(s) for s in report.sessions]}, indent=2
        ),
        encoding="utf-8",
    )
    print(f"\nload[{name}]: {json.dumps(summary)}")
    return summary


def assert_every_session_clean(report: LoadReport, sessions: int) -> None:
    assert len(report.sessions) == sessions
    assert report.errors == [], "\n".join(report.errors)
    for session in report.sessions:
        assert len(session.click_ms) == len(session.order), f"session {session.index}"
        assert session.filter_ms is not None, f"session {session.index}"
