"""Browser-side measurements: Chromium (pip ``playwright``) against a real Streamlit server.

For one app on one data package, on a server of its own (tiles off, loopback only):

- **markers**: a new session navigates to the page; time until the first marker (or
  cluster) is drawn in the map's iframe;
- **click**: a marker is clicked; time until the panel shows what the click selected
  (the place's heading for the dashboard, the text line for the references). Two
  markers are clicked alternately, so every click changes what is shown;
- **filter**: the sidebar's "events of unknown date" switch is flipped; time until the
  map in the iframe holds new markers and none of the old ones;
- **bytes**: everything the browser received on the websocket during one navigation;
- **selection bytes**: what the websocket brought from a click on a marker (a place not
  shown before in that session, so nothing comes from Streamlit's message cache) until the
  panel shows the place, and until the script's run has ended;
- **first paint** (the pydeck peer): navigation until deck.gl's canvas holds the points,
  read from its pixels (see ``_WATCH_DECK_PIXELS``);
- **memory**: the server's peak resident memory (VmHWM) after one session, then with ten
  sessions open at once.

The server is warmed up with one throwaway visit first, so the timings do not include
loading and validating the package (timed on its own, server-side).

:func:`measure_side_by_side` measures the floor, the dashboard and the peer interleaved,
one sample of each in turn (their order rotated), each in a new browser context: whatever
the shared machine is doing meanwhile falls on all three alike, and the ratios hold.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.helpers.browser import (
    CHROMIUM_ARGS,
    MAP_FRAME,
    locate_chromium,
    wait_for_streamlit_app,
    wait_until_settled,
)
from tests.helpers.server import running_streamlit_server

ROOT = Path(__file__).resolve().parent.parent
MARKER = ".leaflet-marker-icon"
TIMEOUT_S = 300
# A click that shows nothing in this time was lost (see _click_until_shown); the naive
# build's slowest measured click answers in a few seconds.
LOST_CLICK_S = 30
CLICK_ATTEMPTS = 3
# Sessions tried for one sample when every click of one is lost.
SESSION_ATTEMPTS = 3


@contextmanager
def streamlit_server(script: Path, package: Path) -> Iterator[tuple[str, int]]:
    """A Streamlit server for ``script`` on ``package`` (tiles off); yields (url, pid).

    A reference app is copied to a temporary folder beside a link to ``static/``, since
    Streamlit serves the static files of the main script's own folder.
    """
    with tempfile.TemporaryDirectory(prefix="goodwill-bench-") as folder:
        if script.resolve().parent != ROOT:
            (Path(folder) / "static").symlink_to(ROOT / "static")
            script = Path(folder) / script.name
            script.write_text((ROOT / "bench" / "apps" / script.name).read_text())
        env = {"GOODWILL_DATA": str(package), "GOODWILL_TILES": "off", "PYTHONPATH": str(ROOT)}
        with running_streamlit_server(script, env) as server:
            yield server.url, server.pid


def chromium_executable() -> str:
    """The Chromium the tests drive too (``tests/helpers/browser.py`` says where from)."""
    executable, tried = locate_chromium()
    if not executable:
        raise RuntimeError(f"no Chromium for the benchmark; tried {', '.join(tried)}")
    return executable


def peak_memory_bytes(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc")


def _map_frame(page: Page):
    return page.frame_locator(MAP_FRAME).first


def _in_map(page: Page, script: str):
    """Evaluate ``script`` (a function of no argument) in the map's iframe; None while
    there is no iframe yet."""
    try:
        return _map_frame(page).locator("body").evaluate(script, timeout=2_000)
    except Exception:
        return None


def _wait(condition, timeout: float = TIMEOUT_S, interval: float = 0.02):
    """Poll ``condition`` until it returns something true, and return that."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(interval)
    return value


def _idle(page: Page) -> None:
    """Wait until the app has finished its run."""
    wait_for_streamlit_app(page, timeout_ms=TIMEOUT_S * 1000)


# Watches, from navigation on, for the first marker (or cluster) in the map's iframe, at
# every animation frame; notes when it is first there, in milliseconds since navigation
# started. Read in the page, so how often Python polls does not count.
_WATCH_FIRST_MARKER = f"""
if (window === window.top) {{
    window.__benchMarkers = null;
    const look = () => {{
        const frame = document.querySelector({MAP_FRAME!r});
        const documentInFrame = frame && frame.contentDocument;
        if (documentInFrame && documentInFrame.querySelector({MARKER!r})) {{
            window.__benchMarkers = performance.now();
        }} else {{
            requestAnimationFrame(look);
        }}
    }};
    requestAnimationFrame(look);
}}
"""


# Notes every websocket message the page receives: (epoch milliseconds, bytes), so that
# what arrived between two clocks read in the page can be added up afterwards.
_LOG_SOCKET = """
if (window === window.top) {
    window.__benchSocket = [];
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener("message", ({data}) => {
                const size = typeof data === "string" ? new Blob([data]).size
                    : (data.byteLength ?? data.size);
                window.__benchSocket.push([performance.timeOrigin + performance.now(), size]);
            });
        }
    };
}
"""

# deck.gl's first paint: after each draw call to a canvas on screen (no framebuffer of its
# own bound, so not deck's picking pass), until one has drawn, the canvas's pixels are
# read back; the first time any is not transparent (deck clears to transparent, and
# without a base map nothing else draws there), the points are on the canvas. Reading the
# pixels waits for the rasterising of that draw (software, SwiftShader, here), so the
# clock stops when the points are really drawn; the draw call's own time is kept too.
_WATCH_DECK_PIXELS = """
if (window === window.top) {
    window.__benchDeck = null;
    const watch = (prototype) => {
        for (const name of ["drawArrays", "drawElements", "drawArraysInstanced",
                            "drawElementsInstanced"]) {
            const draw = prototype[name];
            if (!draw) continue;
            prototype[name] = function (...args) {
                const result = draw.apply(this, args);
                if (window.__benchDeck === null
                    && this.getParameter(this.FRAMEBUFFER_BINDING) === null) {
                    const called = performance.now();
                    const pixels = new Uint8Array(
                        this.drawingBufferWidth * this.drawingBufferHeight * 4);
                    this.readPixels(0, 0, this.drawingBufferWidth, this.drawingBufferHeight,
                        this.RGBA, this.UNSIGNED_BYTE, pixels);
                    let drawn = 0;
                    for (let alpha = 3; alpha < pixels.length; alpha += 4) {
                        if (pixels[alpha]) drawn += 1;
                    }
                    if (drawn) {
                        window.__benchDeck = {called, drawn: performance.now(), pixels: drawn};
                    }
                }
                return result;
            };
        }
    };
    watch(WebGL2RenderingContext.prototype);
    watch(WebGLRenderingContext.prototype);
}
"""


def _new_page(browser: Browser, *init_scripts: str) -> Page:
    """A page in a browser context of its own (a new session: nothing cached)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    for script in init_scripts:
        context.add_init_script(script)
    return context.new_page()


def _received(page: Page, since: float | None = None, until: float | None = None) -> int:
    """Websocket bytes the page received between two epoch clocks (ms; None: no bound)."""
    return page.evaluate(
        """([since, until]) => window.__benchSocket
            .filter(([time]) => (since === null || time >= since)
                && (until === null || time <= until))
            .reduce((sum, [, size]) => sum + size, 0)""",
        [since, until],
    )


def _open(browser: Browser, url: str) -> tuple[Page, float, int]:
    """A new session on the page: (page, seconds from navigation until a marker is drawn,
    websocket bytes received meanwhile)."""
    page = _new_page(browser, _WATCH_FIRST_MARKER, _LOG_SOCKET)
    page.goto(url)
    page.wait_for_function("() => window.__benchMarkers !== null", timeout=TIMEOUT_S * 1000)
    markers = page.evaluate("window.__benchMarkers")
    until = page.evaluate("(markers) => performance.timeOrigin + markers", markers)
    return page, markers / 1000, _received(page, until=until)


def _open_peer(browser: Browser, url: str) -> tuple[Page, dict]:
    """A new session on the pydeck peer: (page, seconds from navigation until deck.gl's
    draw call and until its pixels are on the canvas)."""
    page = _new_page(browser, _WATCH_DECK_PIXELS)
    page.goto(url)
    page.wait_for_function("() => window.__benchDeck !== null", timeout=TIMEOUT_S * 1000)
    deck = page.evaluate("window.__benchDeck")
    return page, {"first_paint_s": deck["drawn"] / 1000, "draw_call_s": deck["called"] / 1000}


# Two markers on screen, uncovered and far apart: their place ids, or else (markers
# without one) their index among all markers.
_PICK_TWO = """
(body) => {
    const wanted = document.querySelectorAll(arguments_selector);
    const seen = [];
    wanted.forEach((node, index) => {
        const box = node.getBoundingClientRect();
        const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (box.width > 0 && box.left > 10 && box.top > 10 && top && node.contains(top)
            && box.right < window.innerWidth - 10 && box.bottom < window.innerHeight - 10) {
            seen.push([node.dataset.placeId || index, box.left, box.top]);
        }
    });
    if (seen.length < 2) return null;
    let best = [seen[0][0], seen[1][0]], far = -1;
    for (const a of seen.slice(0, 60)) for (const b of seen.slice(0, 60)) {
        const d = (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
        if (d > far) { far = d; best = [a[0], b[0]]; }
    }
    return best;
}
"""


def _click_targets(page: Page, selector: str) -> list:
    """Two markers to click in turn. The dashboard's are named by place id: a click moves
    the selected place out of a cluster, so an index would point at another marker."""
    if (
        selector == MARKER
        and _in_map(page, f"() => document.querySelectorAll({MARKER!r}).length") == 1
    ):
        only = _map_frame(page).locator(MARKER).first
        return [only, only]
    # Many markers take a moment to be drawn and the view to settle: look again for 30 s.
    pick = _PICK_TWO.replace("arguments_selector", repr(selector))
    try:
        picked = _wait(lambda: _in_map(page, pick), timeout=30, interval=0.5)
    except TimeoutError:
        raise RuntimeError(f"fewer than two clickable {selector} on the map") from None
    markers = _map_frame(page).locator(selector)
    return [
        markers.nth(key)
        if isinstance(key, int)
        else _map_frame(page).locator(f'[data-place-id="{key}"]')
        for key in picked
    ]


def _main_text(page: Page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text(timeout=5_000)


# Armed before each timed click. The clock starts at the click event inside the map's
# iframe and stops at the first animation frame after the page shows the click's result,
# both read in the page (epoch milliseconds), so how often Python polls does not count.
_ARM_CLICK_CLOCK = f"""
([kind, expected, before]) => {{
    const main = document.querySelector('[data-testid="stMain"]');
    const shown = kind === "app"
        ? () => [...main.querySelectorAll("h3")].some(
            (h) => h.innerText === expected || h.innerText.startsWith(expected + " ·"))
        : () => main.innerText.includes(expected) && main.innerText !== before;
    const clock = {{clicked: null, shown: null}};
    window.__benchClick = clock;
    const map = document.querySelector({MAP_FRAME!r}).contentWindow;
    map.document.addEventListener("click", (event) => {{
        clock.clicked = map.performance.timeOrigin + event.timeStamp;
    }}, {{capture: true, once: true}});
    const observer = new MutationObserver(() => {{
        if (!shown()) return;
        observer.disconnect();
        requestAnimationFrame(() => {{
            clock.shown = performance.timeOrigin + performance.now();
        }});
    }});
    observer.observe(main, {{subtree: true, childList: true, characterData: true}});
}}
"""


def _timed_click(page: Page, marker, kind: str, expected: str, timeout: float = TIMEOUT_S) -> float:
    """Seconds from the click on ``marker`` until the page shows ``expected``."""
    page.evaluate(_ARM_CLICK_CLOCK, [kind, expected, _main_text(page)])
    marker.click()
    page.wait_for_function(
        "() => window.__benchClick.shown !== null && window.__benchClick.clicked !== null",
        timeout=timeout * 1000,
    )
    clock = page.evaluate("window.__benchClick")
    return (clock["shown"] - clock["clicked"]) / 1000


class LostClicksError(RuntimeError):
    """Every click on a marker was lost (see :func:`_click_until_shown`)."""


def _click_until_shown(page: Page, marker, kind: str, expected: str) -> None:
    """Click ``marker``, untimed, until the page shows ``expected`` and the run has ended.

    On this Chromium a first click on a Leaflet 1.9.3 marker can be lost (mousedown focuses
    the marker, the map pane shifts under the pointer, and the click lands on the pane):
    one that shows nothing within ``LOST_CLICK_S`` is made again.
    """
    for _ in range(CLICK_ATTEMPTS):
        try:
            _timed_click(page, marker, kind, expected, timeout=LOST_CLICK_S)
        except PlaywrightTimeoutError:
            continue
        _idle(page)
        return
    raise LostClicksError(f"{CLICK_ATTEMPTS} clicks on a marker showed nothing")


def measure_clicks(page: Page, kind: str, reps: int, names: dict[str, str]) -> list[float]:
    """Click two markers alternately; seconds until the page shows each click's result."""
    selector = "[data-place-id]" if kind == "app" else MARKER
    targets = _click_targets(page, selector)

    def expected(marker) -> str:
        if kind == "app":
            return names[marker.get_attribute("data-place-id")]
        return "Clicked " if kind == "floor" else "Selected: "

    # One untimed click first, so that no timed click is a lost first one.
    _click_until_shown(page, targets[1], kind, expected(targets[1]))
    times = []
    for round_ in range(reps):
        marker, other = targets[round_ % 2], targets[(round_ + 1) % 2]
        if kind == "app":
            headings = page.locator('[data-testid="stMain"] h3')
            if headings.count() and headings.first.inner_text().startswith(expected(marker)):
                # Already shown: select the other place first, untimed.
                _click_until_shown(page, other, kind, expected(other))
        times.append(_timed_click(page, marker, kind, expected(marker)))
        _idle(page)
    return times


_MARK_OLD = f"""
() => {{
    const nodes = document.querySelectorAll({MARKER!r});
    nodes.forEach((node) => node.setAttribute("data-bench-old", "1"));
    return nodes.length;
}}
"""
_UPDATED = f"""
() => document.querySelectorAll("[data-bench-old]").length === 0
    && document.querySelectorAll({MARKER!r}).length > 0
"""


def measure_filters(page: Page, label: str, reps: int) -> list[float]:
    """Flip the sidebar switch; seconds until the map shows new markers and no old ones."""
    switch = page.locator('[data-testid="stSidebar"]').get_by_text(label, exact=True)
    times = []
    for _ in range(reps):
        _in_map(page, _MARK_OLD)
        start = time.perf_counter()
        switch.click()
        _wait(lambda: _in_map(page, _UPDATED) is True)
        times.append(time.perf_counter() - start)
        _idle(page)  # the rerun has finished before the next flip
    return times


@contextmanager
def _chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def _filters_and_memory(
    browser: Browser,
    url: str,
    pid: int,
    page: Page,
    filter_label: str | None,
    reps: int,
    sessions: int,
) -> dict:
    """On ``page``, a session that has run: the server's memory so far, the filter switch's
    times, then the memory with ``sessions`` sessions open at once. Closes every page."""
    memory_one = peak_memory_bytes(pid)
    filters = measure_filters(page, filter_label, reps) if filter_label else []
    pages = [page]
    for _ in range(sessions - 1):
        pages.append(_open(browser, url)[0])
    memory_many = peak_memory_bytes(pid)
    for open_page in pages:
        open_page.context.close()
    return {
        "filter_browser_s": statistics.median(filters) if filters else None,
        "memory_1_bytes": memory_one,
        "memory_many_bytes": memory_many,
        "sessions": sessions,
    }


def measure_browser(
    script: Path,
    package: Path,
    kind: str,
    reps: int,
    *,
    names: dict[str, str],
    filter_label: str | None,
    sessions: int = 10,
) -> dict:
    """Every browser-side number for one app on one package (medians of ``reps``), on its
    own: the naive build's (it is too slow to take turns with the others)."""
    with streamlit_server(script, package) as (url, pid), _chromium() as browser:
        warmup, _, _ = _open(browser, url)  # loads the tour on the server: not timed
        warmup.context.close()
        navigation, received = [], []
        for rep in range(reps):
            page, seconds, bytes_ = _open(browser, url)
            navigation.append(seconds)
            received.append(bytes_)
            if rep < reps - 1:
                page.context.close()
        _idle(page)
        clicks = measure_clicks(page, kind, reps, names)
        return {
            "markers_s": statistics.median(navigation),
            "click_s": statistics.median(clicks),
            "received_bytes": int(statistics.median(received)),
            **_filters_and_memory(browser, url, pid, page, filter_label, reps, sessions),
        }


@contextmanager
def _closed_after(page: Page) -> Iterator[Page]:
    """``page``, whose browser context is closed afterwards, whatever happens."""
    try:
        yield page
    finally:
        page.context.close()


def _select_one_and_pick_another(page: Page, names: dict[str, str]):
    """Select a place on the dashboard's map (untimed) and return the marker of another,
    far from it. Where every click on the first is lost (seen at 50,000 events), two
    others are picked where the markers are by then, once."""

    def pick_and_select():
        first, second = _click_targets(page, "[data-place-id]")
        _click_until_shown(page, first, "app", names[first.get_attribute("data-place-id")])
        return second

    try:
        return pick_and_select()
    except LostClicksError:
        return pick_and_select()


def _floor_sample(browser: Browser, url: str, names: dict[str, str]) -> dict:
    """One new session on the floor: navigation → marker, then its second click → text."""
    page, markers, _ = _open(browser, url)
    with _closed_after(page):
        _idle(page)
        only = _map_frame(page).locator(MARKER).first
        _click_until_shown(page, only, "floor", "Clicked ")  # a first click can be lost
        return {"markers_s": markers, "click_s": _timed_click(page, only, "floor", "Clicked ")}


def _app_sample(browser: Browser, url: str, names: dict[str, str]) -> dict:
    """One new session on the dashboard: navigation → markers and its bytes; once settled,
    a place selected (untimed), then another: click → panel, and the bytes that selection
    change brought until the panel showed it and until its run had ended."""
    page, markers, received = _open(browser, url)
    with _closed_after(page):
        _idle(page)
        wait_until_settled(page)
        second = _select_one_and_pick_another(page, names)
        click = _timed_click(page, second, "app", names[second.get_attribute("data-place-id")])
        _idle(page)
        clock = page.evaluate("window.__benchClick")
        return {
            "markers_s": markers,
            "received_bytes": received,
            "click_s": click,
            "selection_bytes_to_panel": _received(page, clock["clicked"], clock["shown"]),
            "selection_bytes": _received(page, clock["clicked"]),
        }


def _peer_sample(browser: Browser, url: str, names: dict[str, str]) -> dict:
    """One new session on the pydeck peer: navigation → points on the canvas."""
    page, paint = _open_peer(browser, url)
    page.context.close()
    return paint


SAMPLERS = {"floor": _floor_sample, "app": _app_sample, "peer": _peer_sample}


def measure_side_by_side(
    servers: dict[str, tuple[Path, Path]],
    reps: int,
    *,
    names: dict[str, str],
    filter_label: str | None,
    sessions: int = 10,
) -> dict[str, dict]:
    """The floor, the dashboard and the peer (``servers``: kind → (script, package)),
    ``reps`` samples each, taken in turn in one Chromium, each in a new context, the order
    rotated every round. Returns each kind's medians and its samples (``samples``), and for
    the dashboard its filter and memory numbers too."""
    with ExitStack() as stack:
        running = {
            kind: stack.enter_context(streamlit_server(script, package))
            for kind, (script, package) in servers.items()
        }
        browser = stack.enter_context(_chromium())
        samples: dict[str, list[dict]] = {kind: [] for kind in running}
        lost = dict.fromkeys(running, 0)

        def sample(kind: str) -> dict:
            # A session whose clicks were all lost is given up for a new one, and counted.
            for _ in range(SESSION_ATTEMPTS - 1):
                try:
                    return SAMPLERS[kind](browser, running[kind][0], names)
                except LostClicksError:
                    lost[kind] += 1
                    print(f"  {kind}: every click lost, a new session", flush=True)
            return SAMPLERS[kind](browser, running[kind][0], names)

        for kind in running:  # loads the tour on each server: not timed
            sample(kind)
        kinds = list(running)
        for round_ in range(reps):
            for kind in kinds[round_ % len(kinds) :] + kinds[: round_ % len(kinds)]:
                samples[kind].append(sample(kind))
        out = {
            kind: {**_medians(taken), "lost_sessions": lost[kind]}
            for kind, taken in samples.items()
        }
        if "app" in running:
            url, pid = running["app"]
            page, _, _ = _open(browser, url)
            _idle(page)
            out["app"] |= _filters_and_memory(browser, url, pid, page, filter_label, reps, sessions)
    return out


def _medians(samples: list[dict]) -> dict:
    """The median of each measure over ``samples``, and the samples themselves."""
    return {
        **{key: statistics.median(sample[key] for sample in samples) for key in samples[0]},
        "samples": {key: [sample[key] for sample in samples] for key in samples[0]},
    }
