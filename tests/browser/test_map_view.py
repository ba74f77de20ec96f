"""The map's view and its labels in a real browser, on a wide screen and on a phone: every
kept place in view on load and after a filter, a "whole tour" button, a place chosen in
the box brought into view, and permanent labels that name the stops without covering
anything."""

from __future__ import annotations

import pytest
from playwright.sync_api import Frame, Page, expect

from goodwill.dataset import load_tour
from goodwill.enums import EventKind
from goodwill.i18n import translator
from tests.helpers.browser import MAP_FRAME, wait_until_settled

TOUR = load_tour()
EN = translator("en")
PLACES = TOUR.places.set_index("place_id")
WITH_EVENTS = set(TOUR.events["place_id"])
STOPS = set(TOUR.events.loc[TOUR.events["kind"] == EventKind.TOUR_STOP, "place_id"])
SIZES = {"wide": (1440, 900), "phone": (375, 812)}

# Every marker and label as a box in the map's frame, once the map has drawn what it was
# last told (two animation frames: the spreading and the labels run on the next one).
BOXES = """(container) => new Promise((done) => requestAnimationFrame(() =>
    requestAnimationFrame(() => {
        const box = (node) => {
            const r = node.getBoundingClientRect();
            return {id: node.dataset.placeId || node.dataset.labelFor,
                text: node.textContent.trim(),
                x1: r.left, y1: r.top, x2: r.right, y2: r.bottom};
        };
        done({
            map: box(container),
            zoom: window.map.getZoom(),
            markers: [...document.querySelectorAll(".gw-marker")].map(box),
            labels: [...document.querySelectorAll(".gw-label")].map(box),
        });
    })))"""


@pytest.fixture(params=list(SIZES))
def sized_page(request, page: Page) -> Page:
    width, height = SIZES[request.param]
    page.set_viewport_size({"width": width, "height": height})
    return page


def map_container(page: Page):
    return page.frame_locator(MAP_FRAME).locator(".leaflet-container")


def content_frame(page: Page) -> Frame:
    """The map's frame, to wait on a condition inside it."""
    return page.locator(MAP_FRAME).element_handle().content_frame()


def drawn(page: Page, places: set[str]) -> dict:
    """The map's boxes once it shows exactly the markers of ``places``."""
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".gw-marker")).to_have_count(len(places), timeout=30_000)
    for place_id in places:
        expect(frame.locator(f'.gw-marker[data-place-id="{place_id}"]')).to_have_count(1)
    # The stops' labels come once the map's stylesheet applies and its size is known.
    for place_id in places & STOPS:
        expect(frame.locator(f'.gw-label[data-label-for="{place_id}"]')).to_be_visible()
    wait_until_settled(page)
    return map_container(page).evaluate(BOXES)


def outside(box: dict, frame: dict) -> bool:
    return (
        box["x1"] < frame["x1"]
        or box["y1"] < frame["y1"]
        or box["x2"] > frame["x2"]
        or box["y2"] > frame["y2"]
    )


def overlap(a: dict, b: dict) -> bool:
    return a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]


def assert_all_in_view(boxes: dict) -> None:
    cut = [marker["id"] for marker in boxes["markers"] if outside(marker, boxes["map"])]
    assert cut == [], f"markers outside the map's box: {cut}"


def view_of(boxes: dict) -> tuple[float, dict[str, tuple[int, int]]]:
    """The zoom, and where each marker is drawn, to the pixel (a fit done again may place
    the view a fraction of a pixel from where the first one did)."""
    return boxes["zoom"], {
        marker["id"]: (round(marker["x1"]), round(marker["y1"])) for marker in boxes["markers"]
    }


def open_map(page: Page, url: str, wait_for_app) -> dict:
    page.goto(url)
    wait_for_app(page)
    return drawn(page, WITH_EVENTS)


def test_every_place_is_in_view_on_load_and_each_stop_is_named_clear_of_the_rest(
    sized_page, app_url, wait_for_app
):
    # Every tour stop is named, without hovering (drawn() waits for their labels).
    boxes = open_map(sized_page, app_url, wait_for_app)
    assert_all_in_view(boxes)
    labels = {label["id"]: label for label in boxes["labels"]}
    for place_id in STOPS:
        assert labels[place_id]["text"] == PLACES.loc[place_id, "name"]
    for label in labels.values():
        assert not outside(label, boxes["map"]), f"{label['text']} is cut off"
        covered = [marker["id"] for marker in boxes["markers"] if overlap(label, marker)]
        assert covered == [], f"{label['text']} covers {covered}"
        crossed = [
            other["text"]
            for other in labels.values()
            if other is not label and overlap(label, other)
        ]
        assert crossed == [], f"{label['text']} overlaps {crossed}"
    assert sized_page.console_errors == []


def test_a_country_filter_fits_the_places_it_keeps_even_after_a_zoom(
    sized_page, app_url, wait_for_app
):
    open_map(sized_page, app_url, wait_for_app)
    # The reader's own view, far from Mexico City.
    map_container(sized_page).evaluate("() => window.map.setView([32.2, -111.0], 8)")
    if sized_page.viewport_size["width"] < 500:
        sized_page.get_by_test_id("stExpandSidebarButton").click()
    sidebar = sized_page.locator('[data-testid="stSidebar"]')
    for code in ("US", "GT", "HN", "SV"):
        sidebar.get_by_role("button", name=f"Remove {EN.country_name(code)}").click()
        wait_for_app(sized_page)
    mexican = {place for place in WITH_EVENTS if PLACES.loc[place, "country"] == "MX"}
    assert "mexico-city" in mexican
    assert_all_in_view(drawn(sized_page, mexican))


def test_the_whole_tour_button_returns_to_the_fitted_view_after_a_zoom_in(
    sized_page, app_url, wait_for_app
):
    fitted = view_of(open_map(sized_page, app_url, wait_for_app))
    frame = sized_page.frame_locator(MAP_FRAME)
    # Pressed twice in quick succession, as a reader does; the button is pressed next.
    frame.get_by_role("button", name="Zoom in").click()
    frame.get_by_role("button", name="Zoom in").click()
    whole = frame.get_by_role("button", name=EN("map.whole_tour"))
    whole.focus()
    sized_page.keyboard.press("Enter")
    # The zoom ends, then the fit: wait until the view has come back.
    content_frame(sized_page).wait_for_function(
        "(zoom) => window.map.getZoom() === zoom && !window.map._animatingZoom", arg=fitted[0]
    )
    boxes = drawn(sized_page, WITH_EVENTS)
    assert view_of(boxes) == fitted
    assert_all_in_view(boxes)


def choose_in_the_box(page: Page, name: str, wait_for_app) -> None:
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=EN("panel.choose_label"))
    box.click()
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    wait_for_app(page)


def test_a_place_chosen_in_the_box_comes_into_view_at_the_readers_zoom(
    sized_page, app_url, wait_for_app
):
    open_map(sized_page, app_url, wait_for_app)
    # Zoomed in on McAllen: Tijuana is 1,800 km away, out of view.
    map_container(sized_page).evaluate("() => window.map.setView([26.2, -98.2], 9)")
    choose_in_the_box(sized_page, "Tijuana", wait_for_app)
    frame = sized_page.frame_locator(MAP_FRAME)
    expect(frame.locator('.gw-selected[data-place-id="tijuana"]')).to_have_count(1)
    # The map pans there, animated: wait until the marker is inside the map.
    content_frame(sized_page).wait_for_function(
        """() => {
            const map = document.querySelector(".leaflet-container").getBoundingClientRect();
            const marker = document.querySelector('.gw-marker[data-place-id="tijuana"]')
                .getBoundingClientRect();
            return marker.left >= map.left && marker.right <= map.right
                && marker.top >= map.top && marker.bottom <= map.bottom;
        }"""
    )
    boxes = map_container(sized_page).evaluate(BOXES)
    tijuana = next(marker for marker in boxes["markers"] if marker["id"] == "tijuana")
    assert not outside(tijuana, boxes["map"])
    assert boxes["zoom"] == 9, "the reader's zoom was not kept"


def test_a_place_chosen_in_the_box_already_in_view_leaves_the_readers_view_alone(
    sized_page, app_url, wait_for_app
):
    open_map(sized_page, app_url, wait_for_app)
    # Zoomed in between Tucson and Nogales: both in view.
    map_container(sized_page).evaluate("() => window.map.setView([31.8, -111.0], 7)")
    before = view_of(map_container(sized_page).evaluate(BOXES))
    choose_in_the_box(sized_page, "Nogales", wait_for_app)
    frame = sized_page.frame_locator(MAP_FRAME)
    expect(frame.locator('.gw-selected[data-place-id="nogales-sonora"]')).to_have_count(1)
    assert view_of(map_container(sized_page).evaluate(BOXES)) == before
