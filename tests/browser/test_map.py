"""The map in a real browser: drawn offline, clicked, filtered, shared, in two languages."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from goodwill.dataset import load_tour
from goodwill.i18n import translator
from tests.helpers.browser import MAP_FRAME
from tests.helpers.script_runs import ScriptRuns

PLACES_WITH_EVENTS = load_tour().events["place_id"].nunique()
# Counts, in the page, the values the map component posts to Streamlit and the frames the
# page sends on its websocket, so a test can wait for them rather than for a fixed time.
COUNT_SENDS = """
if (window === window.top) {
    window.gwSends = {values: 0, frames: 0, framesAtValue: 0};
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (...args) {
        window.gwSends.frames += 1;
        return send.apply(this, args);
    };
    window.addEventListener("message", (event) => {
        if (event.data && event.data.type === "streamlit:setComponentValue") {
            window.gwSends.values += 1;
            window.gwSends.framesAtValue = window.gwSends.frames;
        }
    });
}
"""
SENT_SINCE = """(before) => window.gwSends.values > before.values
    || window.gwSends.frames > before.frames"""
# The date lines of the event cards; the overview lists the same dates without them.
DATE_LINE_TUCSON = "Friday, 5 August 2016 (inferred) — the story says “Friday”"
DATE_LINE_NOGALES = "Thursday, 4 August 2016 (inferred) — the story says “Thursday”"


def open_map(page: Page, url: str, wait_for_app) -> None:
    page.goto(url)
    wait_for_app(page)
    expect(page.frame_locator(MAP_FRAME).locator(".gw-marker").first).to_be_visible(timeout=30_000)


def markers(page: Page):
    return page.frame_locator(MAP_FRAME).locator(".gw-marker")


def panel(page: Page):
    return page.locator('[data-testid="stMain"]')


def test_every_marker_is_drawn_with_no_request_leaving_loopback(page, app_url, wait_for_app):
    open_map(page, app_url, wait_for_app)
    expect(markers(page)).to_have_count(PLACES_WITH_EVENTS)
    # The offline outline of borders is drawn too: the basemap without tiles.
    outline = page.frame_locator(MAP_FRAME).locator(".leaflet-outline-pane path")
    expect(outline.first).to_be_attached()
    assert page.external_requests == []
    assert page.console_errors == []


def test_clicking_tucson_shows_its_officials_and_the_pima_quote(page, app_url, wait_for_app):
    open_map(page, app_url, wait_for_app)
    page.frame_locator(MAP_FRAME).locator('[data-place-id="pima-west-campus"]').click()
    main = panel(page)
    expect(main.get_by_text(DATE_LINE_TUCSON)).to_be_visible(timeout=15_000)
    expect(main.get_by_text("R. Gil Kerlikowske").first).to_be_visible()
    expect(main.get_by_text("Damián Canales").first).to_be_visible()
    expect(main.get_by_text("on behalf of Enrique Galindo Ceballos").first).to_be_visible()
    expect(main.get_by_text("It’s an opportunity to show partnership").first).to_be_visible()
    assert parse_qs(urlsplit(page.url).query)["place"] == ["pima-west-campus"]
    # Clicking another marker and back again works: re-clicks are not lost.
    page.frame_locator(MAP_FRAME).locator('[data-place-id="nogales-sonora"]').click()
    expect(main.get_by_text(DATE_LINE_NOGALES)).to_be_visible(timeout=15_000)
    page.frame_locator(MAP_FRAME).locator('[data-place-id="pima-west-campus"]').click()
    expect(main.get_by_text(DATE_LINE_TUCSON)).to_be_visible(timeout=15_000)
    assert page.console_errors == []


def test_a_country_filter_changes_what_is_drawn(page, app_url, wait_for_app):
    open_map(page, f"{app_url}/?country=MX", wait_for_app)
    mexican = load_tour().places.query("country == 'MX'")["place_id"]
    expect(markers(page)).to_have_count(len(mexican))
    for place_id in mexican:
        expect(
            page.frame_locator(MAP_FRAME).locator(f'[data-place-id="{place_id}"]')
        ).to_have_count(1)
    assert page.console_errors == []


def test_lang_es_shows_the_dashboard_in_spanish(page, app_url, wait_for_app):
    open_map(page, f"{app_url}/?lang=es&place=nogales-sonora", wait_for_app)
    expect(page.get_by_role("heading", name="Mapa de la Gira de Buena Voluntad")).to_be_visible()
    expect(panel(page).get_by_text("jueves, 4 de agosto de 2016").first).to_be_visible()
    assert page.console_errors == []


def test_a_copied_link_reopens_the_same_place_and_filters(page, app_url, wait_for_app):
    open_map(page, f"{app_url}/?status=held&undated=hide", wait_for_app)
    # Nogales, not Reynosa: at the fitted zoom Reynosa's marker lies under McAllen's.
    page.frame_locator(MAP_FRAME).locator('[data-place-id="nogales-sonora"]').click()
    expect(panel(page).get_by_text("Nogales · Sonora · Mexico")).to_be_visible(timeout=15_000)
    copied = page.url
    assert {"place", "status", "undated"} <= set(parse_qs(urlsplit(copied).query))

    other = page.context.new_page()
    other.goto(copied)
    wait_for_app(other)
    expect(other.get_by_text("Nogales · Sonora · Mexico")).to_be_visible(timeout=15_000)
    # Held stops only, no undated events: McAllen, Reynosa, Nogales, Tucson.
    expect(other.frame_locator(MAP_FRAME).locator(".gw-marker")).to_have_count(4)
    other.close()


def location(page: Page) -> dict[str, list[str]]:
    # page.url lags behind history.pushState; the document's own location does not.
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def test_a_filter_change_reaches_the_address_bar(page, app_url, wait_for_app):
    open_map(page, app_url, wait_for_app)
    page.get_by_text("Show events of unknown date").click()
    wait_for_app(page)
    expect(markers(page)).to_have_count(PLACES_WITH_EVENTS - 5)
    page.wait_for_function("location.search.includes('undated=hide')")
    assert location(page)["undated"] == ["hide"]


def test_language_and_filters_survive_a_page_switch(page, app_url, wait_for_app):
    open_map(page, f"{app_url}/?lang=es&status=held&country=MX", wait_for_app)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Personas").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Personas")).to_be_visible()
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("México")).to_be_visible()
    expect(sidebar.get_by_text("Realizado")).to_be_visible()
    expect(sidebar.get_by_text("Estados Unidos")).to_have_count(0)
    query = location(page)
    assert (query["lang"], query["country"], query["status"]) == (["es"], ["MX"], ["held"])
    assert page.console_errors == []


def test_pan_and_zoom_cause_no_rerun_and_a_click_keeps_the_view(page, app_url, wait_for_app):
    page.add_init_script(COUNT_SENDS)
    open_map(page, app_url, wait_for_app)
    frame = page.frame_locator(MAP_FRAME)
    before = page.evaluate("() => ({...window.gwSends})")
    frame.locator(".leaflet-container").evaluate(
        "() => { window.mountedOnce = true; window.map.setView([31.3, -111.0], 7); }"
    )
    # Nothing may happen, so there is no end to wait for: watch for a while instead. The
    # component reports a move 250 ms after it ends (its debounce); 1.5 s is six times that.
    with pytest.raises(PlaywrightTimeoutError):
        page.wait_for_function(SENT_SINCE, arg=before, timeout=1_500)

    frame.locator('[data-place-id="pima-west-campus"]').click()
    expect(panel(page).get_by_text(DATE_LINE_TUCSON)).to_be_visible(timeout=15_000)
    # The click went out the way a move would have: the watch above could have seen one.
    assert page.evaluate(SENT_SINCE, before), "the click did not reach the server"
    state = frame.locator(".leaflet-container").evaluate(
        "() => [window.mountedOnce === true, window.map.getZoom()]"
    )
    assert state == [True, 7], "the click reloaded the map or lost the reader's view"


def test_a_page_load_runs_the_page_once_and_each_click_once_more(page, app_url, wait_for_app):
    # streamlit-folium's component sent a value as soon as it mounted (its click count
    # starts at 0, its default said None), and every page load ran twice.
    page.add_init_script(COUNT_SENDS)
    runs = ScriptRuns(page)
    open_map(page, app_url, wait_for_app)
    runs.wait_until_quiet()
    assert (runs.runs, page.evaluate("window.gwSends.values")) == (1, 0)

    tucson = page.frame_locator(MAP_FRAME).locator('[data-place-id="pima-west-campus"]')
    tucson.click()
    expect(panel(page).get_by_text(DATE_LINE_TUCSON)).to_be_visible(timeout=15_000)
    runs.wait_until_quiet()
    assert runs.runs == 2
    # Another place chosen without the map, then the same marker again: still a click.
    page.locator(".st-key-itinerary_nogales-2016-08-04 button").click()
    expect(panel(page).get_by_text(DATE_LINE_NOGALES)).to_be_visible(timeout=15_000)
    tucson.click()
    expect(panel(page).get_by_text(DATE_LINE_TUCSON)).to_be_visible(timeout=15_000)
    assert page.console_errors == []


def test_twin_cities_are_drawn_apart_at_the_default_view_and_each_takes_its_own_click(
    page, app_url, wait_for_app
):
    # McAllen and Reynosa are about 15 km apart: at the tour's view their markers would overlap.
    open_map(page, app_url, wait_for_app)
    frame = page.frame_locator(MAP_FRAME)
    for place_id in ("mcallen", "reynosa"):
        expect(frame.locator(f'.gw-spread[data-place-id="{place_id}"]')).to_be_visible()
    # From each marker drawn apart, a line to a dot at its true position.
    spread = frame.locator(".gw-spread").count()
    expect(frame.locator("path.gw-leader")).to_have_count(spread)
    expect(frame.locator("path.gw-true-spot")).to_have_count(spread)
    main = panel(page)
    for place_id, heading in [
        ("mcallen", "McAllen · Texas · United States"),
        ("reynosa", "Reynosa · Tamaulipas · Mexico"),
    ]:
        # A real mouse click at the marker's centre: Playwright fails it if another
        # element is drawn over that point.
        frame.locator(f'[data-place-id="{place_id}"]').click(timeout=5_000)
        expect(main.get_by_text(heading)).to_be_visible(timeout=15_000)
        expect(frame.locator(f'.gw-selected[data-place-id="{place_id}"]')).to_be_visible()
    # Close enough, every marker is back on its own place and no line is needed.
    frame.locator(".leaflet-container").evaluate("() => window.map.setView([26.14, -98.26], 11)")
    expect(frame.locator(".gw-spread")).to_have_count(0)
    expect(frame.locator("path.gw-leader, path.gw-true-spot")).to_have_count(0)
    assert page.console_errors == []


POINTS = "**/app/static/cache/points-*.json"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_while_its_places_load_the_map_says_so_in_the_readers_language(
    page, app_url, wait_for_app, lang
):
    held = []
    page.route(POINTS, lambda route: held.append(route))
    page.goto(f"{app_url}/?lang={lang}")
    wait_for_app(page)
    notice = page.frame_locator(MAP_FRAME).locator(".gw-loading")
    expect(notice).to_have_text(translator(lang)("map.loading"), timeout=30_000)
    expect(notice).to_have_attribute("role", "status")
    expect(markers(page)).to_have_count(0)
    held[0].continue_()
    expect(markers(page)).to_have_count(PLACES_WITH_EVENTS, timeout=30_000)
    expect(notice).to_have_count(0)


def test_places_that_cannot_be_fetched_are_said_to_be_missing_not_silently_absent(
    page, app_url, wait_for_app
):
    page.route(POINTS, lambda route: route.fulfill(status=404, body="gone"))
    page.goto(app_url)
    wait_for_app(page)
    notice = page.frame_locator(MAP_FRAME).locator(".gw-loading")
    expect(notice).to_have_text(translator("en")("map.load_failed"), timeout=30_000)
    expect(notice).to_have_attribute("role", "alert")
    expect(markers(page)).to_have_count(0)
    # The rest of the page still works: the place box selects Tucson's panel.
    box = page.locator('[data-testid="stSelectbox"]').filter(
        has_text=translator("en")("panel.choose_label")
    )
    box.click()
    page.keyboard.type("Tucson")
    page.keyboard.press("Enter")
    expect(panel(page).get_by_text(DATE_LINE_TUCSON)).to_be_visible(timeout=30_000)
