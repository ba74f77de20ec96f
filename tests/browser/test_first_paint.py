"""A freshly started server's first page: the app's own frame and a loading state come at
once, and the screen is never blank from then until the map is drawn (ui/first_paint.py).

Times are the page's own clock (``performance.now()``, from the request), recorded by a
watcher installed before the page loads. Streamlit's own shell (its empty app, before any
script ran) is timed too: on the shared 2-core test machine it alone takes 0.85 to 2.2 s,
so the budget of a second is for what the app adds after it.
"""

from __future__ import annotations

from playwright.sync_api import Page

from goodwill.i18n import translator
from tests.helpers.browser import MAP_FRAME
from tests.helpers.server import running_streamlit_server

#: From Streamlit's shell to the app's frame and loading state, at most (ms).
FIRST_PAINT_BUDGET_MS = 1_000
WATCH = """
window.gwPaint = {blankAfterFrame: 0, seen: {}};
const mark = (name) => {
    if (!(name in window.gwPaint.seen)) window.gwPaint.seen[name] = performance.now();
};
new MutationObserver(() => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (document.querySelector('[data-testid="stApp"]')) mark("shell");
    if (document.querySelector('[data-testid="stSidebarNav"] a')) mark("navigation");
    if (main && main.querySelector("h1")) mark("title");
    if (main && main.querySelector('[data-testid="stExpander"], [data-testid="stStatusWidget"]')
        && main.innerText.includes(window.gwLoadingText)) mark("loading");
    if (document.querySelector('iframe[title="streamlit_folium.st_folium"]')) mark("map");
}).observe(document, {subtree: true, childList: true, characterData: true});
// From the first frame on, every frame the browser paints shows something in the main area.
const sample = () => {
    const main = document.querySelector('[data-testid="stMain"]');
    if ("title" in window.gwPaint.seen && main && main.innerText.trim() === "") {
        window.gwPaint.blankAfterFrame += 1;
    }
    if (!("map" in window.gwPaint.seen)) requestAnimationFrame(sample);
};
requestAnimationFrame(sample);
"""


def test_a_fresh_server_shows_the_apps_frame_and_a_loading_state_within_a_second(
    page: Page, wait_for_app
) -> None:
    t = translator("en")
    page.add_init_script(f"window.gwLoadingText = {t('loading.tour')!r};")
    page.add_init_script(WATCH)
    with running_streamlit_server(env={"GOODWILL_TILES": "off"}) as server:
        page.goto(server.url + "/")
        page.frame_locator(MAP_FRAME).locator(".gw-marker").first.wait_for(timeout=60_000)
        wait_for_app(page)
        paint = page.evaluate("window.gwPaint")
        # Taken while the server runs: once it stops, the page's reconnecting fails.
        errors, external = list(page.console_errors), list(page.external_requests)
    seen = paint["seen"]
    report = ", ".join(
        f"{name} {time:.0f} ms" for name, time in sorted(seen.items(), key=lambda x: x[1])
    )
    assert {"shell", "navigation", "title", "loading", "map"} <= seen.keys(), report
    # The frame (the app's navigation and title) and the loading state, together, before
    # the tour is loaded.
    first_paint = max(seen["navigation"], seen["title"], seen["loading"])
    assert first_paint - seen["shell"] <= FIRST_PAINT_BUDGET_MS, report
    assert first_paint < seen["map"], report
    assert paint["blankAfterFrame"] == 0, report
    assert errors == []
    assert external == []
