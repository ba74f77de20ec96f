"""Hostile text in Chromium: with a payload in every text field of the data (and another
in every translation), no script runs on any page, in English or Spanish, after a marker
click, inside the map's iframe or in the standalone map.

A payload that ran would open a dialog (``alert``) or set ``window.pwned`` (or
``parent.pwned`` / ``top.pwned`` from inside the map's iframe); one that became an image,
a stylesheet or a link target would fetch from the trap host; LaTeX would be typeset.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect

from goodwill.dataset import load_tour
from goodwill.i18n import translator
from goodwill.translations import translated_tour
from goodwill.view import default_view, filter_events
from tests.helpers.browser import MAP_FRAME, wait_until_settled
from tests.helpers.guards import TRAP
from tests.helpers.hostile_text import TRAP_HOST, write_hostile_package

# Every frame's own flag, and the page's as its frames would set it.
_FLAGS = """() => {
    const seen = [];
    for (const scope of [window, window.parent, window.top]) {
        try { if (scope.pwned !== undefined) { seen.push(String(scope.pwned)); } }
        catch (error) { /* another origin: not ours to read, nor the payload's */ }
    }
    return seen;
}"""


@pytest.fixture(scope="module")
def hostile_package(tmp_path_factory) -> Path:
    return write_hostile_package(tmp_path_factory.mktemp("hostile") / "tour")


@pytest.fixture(scope="module")
def hostile_url(streamlit_server_factory, hostile_package) -> str:
    return streamlit_server_factory(
        env={"GOODWILL_DATA": str(hostile_package), "GOODWILL_TILES": "off"}
    )


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Every dialog any frame of the page opens (each is dismissed). Also starts keeping
    every web request of the page's context in ``page.web_requests``, for
    :func:`assert_nothing_ran` to check against the app's own origin."""
    opened: list[str] = []

    def record(dialog) -> None:
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    page.web_requests = []
    page.context.on(
        "request",
        lambda request: (
            page.web_requests.append(request.url)
            if urlsplit(request.url).scheme in {"http", "https", "ws", "wss"}
            else None
        ),
    )
    return opened


def assert_nothing_ran(page: Page, dialogs: list[str], where: str) -> None:
    # An onerror, onload or ontoggle that was going to fire has fired by then.
    wait_until_settled(page)
    assert dialogs == [], f"{where}: a payload opened a dialog"
    for frame in page.frames:
        try:
            flags = frame.evaluate(_FLAGS)
        except Exception:  # a frame that went away while we looked
            continue
        assert flags == [], f"{where}: a payload set a flag in {frame.url}"
    main = page.locator('[data-testid="stMain"]')
    # No data text was typeset as LaTeX, nor became an image or a stylesheet.
    assert main.locator(".katex").count() == 0, f"{where}: data text typeset as LaTeX"
    assert page.locator(f'img[src*="{TRAP_HOST}"]').count() == 0, where
    assert page.external_requests == [], f"{where}: {page.external_requests}"
    # Not even this machine on another port, where the trap server listens.
    own = urlsplit(page.url).netloc
    elsewhere = [url for url in page.web_requests if urlsplit(url).netloc != own]
    assert elsewhere == [], f"{where}: {elsewhere}"
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_payload_runs_on_any_page_nor_after_a_marker_click(
    page: Page, hostile_url: str, wait_for_app, dialogs: list[str], lang: str
) -> None:
    page.goto(f"{hostile_url}/?lang={lang}")
    wait_for_app(page)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".gw-marker").first).to_be_visible(timeout=30_000)
    assert_nothing_ran(page, dialogs, "map page")

    # Each tooltip shows its place's name as text: hovering a marker builds it.
    marker = frame.locator('[data-place-id="pima-west-campus"]')
    marker.hover()
    tooltip = frame.locator(".leaflet-tooltip").first
    expect(tooltip).to_be_visible()
    assert tooltip.locator("*:not(span)").count() == 0, "a tooltip holds markup"

    marker.click()
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"] h3').first).to_be_visible()
    assert_nothing_ran(page, dialogs, "after a marker click")

    links = page.locator('[data-testid="stSidebarNav"] a')
    for index in range(links.count()):
        heading = page.locator('[data-testid="stMain"] h1').first
        last_title = heading.text_content()
        links.nth(index).click()
        # The script's state still reads "not running" just after the click: wait for
        # another page's title, so the folds opened below are that page's, not the last one's.
        if index:
            expect(heading).not_to_have_text(last_title, timeout=30_000)
        wait_for_app(page)
        # Every fold open: the evidence and its translations are shown too.
        for fold in page.locator('[data-testid="stExpander"] summary').all():
            fold.click()
        page.mouse.wheel(0, 20_000)  # bring every lazy element into view
        assert_nothing_ran(page, dialogs, f"page {index}")
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_tooltips_and_panels_show_the_payloads_as_text(
    page: Page,
    hostile_url: str,
    hostile_package: Path,
    wait_for_app,
    dialogs: list[str],
    lang: str,
) -> None:
    # In Spanish the places' names are their translations, themselves payloads.
    hostile = translated_tour(load_tour(hostile_package), lang)
    names = hostile.places.set_index("place_id")["name"]
    page.goto(f"{hostile_url}/?place=pima-west-campus&lang={lang}")
    wait_for_app(page)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".gw-marker").first).to_be_visible(timeout=30_000)
    for place_id in ("pima-west-campus", "nogales-sonora", "mexico-city"):
        frame.locator(f'[data-place-id="{place_id}"]').hover()
        tip = frame.locator(".leaflet-tooltip", has_text=names[place_id][:40]).first
        expect(tip).to_be_visible()
        assert tip.text_content().startswith(names[place_id])
    heading = page.locator('[data-testid="stMain"] h3').first
    expect(heading).to_contain_text(" ".join(names["pima-west-campus"].split())[:60])
    assert_nothing_ran(page, dialogs, "tooltips")
    # The place box's options are the places' names: shown as text, not Markdown.
    place_box = translator(lang)("panel.choose_label")
    page.locator(f'[data-testid="stMain"] input[aria-label="{place_box}"]').focus()
    page.keyboard.press("ArrowDown")
    options = page.get_by_role("option")
    expect(options.first).to_be_attached()
    shown = " ".join(options.all_text_contents())
    assert any(" ".join(name.split())[:20] in shown for name in names), shown[:300]
    assert_nothing_ran(page, dialogs, "the place box's options")


def test_the_timeline_draws_whatever_the_place_names_hold(
    page: Page, hostile_url: str, wait_for_app, dialogs: list[str]
) -> None:
    # A place named with a line separator (U+2028) once left the chart empty: the lanes'
    # order became a Vega expression that did not parse, with no error on the console.
    page.goto(hostile_url)
    wait_for_app(page)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Timeline").click()
    wait_for_app(page)
    expect(page.locator(".vega-embed .marks").first).to_be_visible(timeout=30_000)
    assert_nothing_ran(page, dialogs, "timeline")


def test_the_standalone_map_runs_no_payload_from_disk(
    open_standalone_map, hostile_package: Path
) -> None:
    hostile = load_tour(hostile_package)
    opened = open_standalone_map(hostile, filter_events(hostile, default_view(hostile)), "en")
    page = opened.page
    names = hostile.places.set_index("place_id")["name"]
    # Tour stops: the view is fitted to them, so they are on screen.
    for place_id in ("pima-west-campus", "nogales-sonora", "san-diego", "tijuana"):
        marker = page.locator(f'[data-place-id="{place_id}"]')
        # Forced: at the fitted zoom McAllen's marker lies over Reynosa's.
        marker.hover(force=True)
        marker.click(force=True)
    tips = page.locator(".leaflet-tooltip")
    if tips.count():
        assert any(tip.startswith(tuple(names)) for tip in tips.all_text_contents())
    wait_until_settled(page)
    assert page.evaluate(_FLAGS) == []
    assert opened.dialogs == []
    assert opened.requests == []
    assert opened.errors == []


# --------------------------------------------------------------------------- links

#: Every parameter a link may carry, and the page that reads it.
LINK_PARAMETERS = {
    **dict.fromkeys(("place", "country", "from", "to", "status", "undated", "lang", "person"), "/"),
    "quote": "/quotes",
}


@pytest.fixture
def requests_elsewhere(page: Page, app_url: str) -> list[str]:
    """Every request the page makes to anything but the app's own host and port: the
    trap server listens on the same loopback address, on another port."""
    own = urlsplit(app_url).netloc
    seen: list[str] = []

    def record(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != own:
            seen.append(request.url)

    page.context.on("request", record)
    return seen


@pytest.mark.parametrize("parameter", LINK_PARAMETERS)
def test_a_markdown_image_in_a_link_shows_as_text_and_fetches_nothing(
    page: Page, app_url: str, wait_for_app, requests_elsewhere: list[str], parameter: str
) -> None:
    image = f"![x]({TRAP.url}/{parameter}.png)"
    trapped = TRAP.requests
    page.goto(f"{app_url}{LINK_PARAMETERS[parameter]}?{urlencode({parameter: image})}")
    wait_for_app(page)
    page.wait_for_timeout(500)
    assert page.locator(f'img[src*="{TRAP.port}"]').count() == 0
    assert requests_elsewhere == []
    assert TRAP.requests == trapped
    # The notice says which value was ignored, in the link's own characters.
    expect(page.get_by_text(f"{parameter}={image}").first).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
