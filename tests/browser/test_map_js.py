"""static/goodwill/map.js on a plain page: Leaflet and the file, no Streamlit, no folium.

Where the map's logic lives in JavaScript (spreading overlapping markers, selecting a
marker with the keyboard, tooltips as text), it is driven here directly, with the options
our Python elements give it and the rows the shipped tour makes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from goodwill.enums import EventKind
from goodwill.i18n import translator
from goodwill.map.data import map_data
from goodwill.map.elements import (
    DataLayer,
    GoodwillCall,
    Legend,
    PlaceLabels,
    PlacesInView,
    SpreadOverlapping,
    TourLayers,
    TourView,
)
from goodwill.map.style import legend_html
from goodwill.offline import default_vendor_dir
from goodwill.paths import static_dir

EN = translator("en")
LEAFLET = default_vendor_dir() / "leaflet@1.9.3" / "dist"


def plain_map_html(width: int = 900, height: int = 600, zoom_snap: float = 0) -> str:
    """Leaflet, map.js and map.css, and an empty map of ``width`` × ``height`` pixels."""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="{(LEAFLET / "leaflet.css").as_uri()}">
<link rel="stylesheet" href="{(static_dir() / "goodwill" / "map.css").as_uri()}">
<script src="{(LEAFLET / "leaflet.js").as_uri()}"></script>
<script src="{(static_dir() / "goodwill" / "map.js").as_uri()}"></script>
</head><body style="margin: 0">
<div id="map" style="width: {width}px; height: {height}px"></div>
<script>
window.map = L.map("map", {{zoomSnap: {zoom_snap}}}).setView([26.14, -98.26], 7);
window.places = L.featureGroup().addTo(map);
window.clicked = [];
places.on("click", function (event) {{ clicked.push(event.layer.feature.properties.place_id); }});
</script>
</body></html>
"""


# McAllen and Reynosa, about 15 km apart: at zoom 7 their markers overlap, at 11 they do not.
TWINS = ("mcallen", "reynosa")


def open_plain_page(page: Page, folder: Path, html: str) -> Page:
    file = folder / "map.html"
    file.write_text(html, encoding="utf-8")
    page.goto(file.as_uri())
    page.wait_for_function("window.GoodwillMap !== undefined && window.map !== undefined")
    return page


@pytest.fixture
def plain_page(page: Page, tmp_path: Path) -> Page:
    return open_plain_page(page, tmp_path, plain_map_html())


def draw_markers(page: Page, tour, selected: str | None = None, rows=None) -> None:
    """The spreading and the labels switched on, then the shipped tour's markers (or
    ``rows``) drawn."""
    data = map_data(tour, tour.events, EN)
    document = json.loads(data.document)
    if rows is not None:
        document["markers"] = [json.loads(row) for row in rows]
    page.evaluate(
        """([spread, labels, options, document]) => {
            GoodwillMap.spreadOverlapping(map, spread);
            GoodwillMap.placeLabels(map, labels);
            GoodwillMap.tourLayers(places, options, document);
        }""",
        [SpreadOverlapping().options, PlaceLabels().options, LAYERS.options, document],
    )
    if selected:
        select_in_address(page, selected)


#: The tour's layers with the document inline, as the standalone map has them.
LAYERS = TourLayers("{}", url=None, cluster=None, loading="Loading", failed="Failed")


def select_in_address(page: Page, place_id: str | None) -> None:
    """What the app does when a place is selected: the address names it (``?place=``)."""
    page.evaluate(
        """(id) => history.replaceState(null, "", id ? "?place=" + id : location.pathname)""",
        place_id,
    )
    # map.js looks at the address every animation frame.
    page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def centres(page: Page) -> dict[str, dict]:
    """Each marker's drawn centre and half width, in page pixels."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(".gw-marker")].map((node) => {
            const box = node.getBoundingClientRect();
            return [node.dataset.placeId,
                {x: box.left + box.width / 2, y: box.top + box.height / 2, r: box.width / 2}];
        }))"""
    )


def subclasses(cls: type) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in [direct, *subclasses(direct)]]


def test_every_function_the_elements_call_is_in_map_js(plain_page: Page) -> None:
    defined = set(plain_page.evaluate("Object.keys(GoodwillMap)"))
    elements = [*subclasses(GoodwillCall), *subclasses(DataLayer)]
    assert {element.function for element in elements if element.function} <= defined
    assert plain_page.console_errors == []


def test_overlapping_twins_are_set_apart_in_the_order_of_their_places(plain_page, tour):
    draw_markers(plain_page, tour)
    for place_id in TWINS:
        expect(plain_page.locator(f'.gw-spread[data-place-id="{place_id}"]')).to_be_visible()
    drawn = centres(plain_page)
    mcallen, reynosa = drawn["mcallen"], drawn["reynosa"]
    apart = ((mcallen["x"] - reynosa["x"]) ** 2 + (mcallen["y"] - reynosa["y"]) ** 2) ** 0.5
    assert apart >= mcallen["r"] + reynosa["r"], "the twins still overlap"
    assert mcallen["y"] < reynosa["y"], "McAllen is north of Reynosa"
    # From each marker set apart, a line to a dot at its true position.
    spread = plain_page.locator(".gw-spread").count()
    expect(plain_page.locator("path.gw-leader")).to_have_count(spread)
    expect(plain_page.locator("path.gw-true-spot")).to_have_count(spread)

    plain_page.evaluate("map.setZoom(11)")
    expect(plain_page.locator(".gw-spread")).to_have_count(0)
    expect(plain_page.locator("path.gw-leader, path.gw-true-spot")).to_have_count(0)
    assert plain_page.console_errors == []


def test_the_selected_markers_ring_keeps_its_neighbour_clear(plain_page, tour):
    draw_markers(plain_page, tour, selected="reynosa")
    expect(plain_page.locator(".gw-selected")).to_have_count(1)
    selected = plain_page.locator('.gw-selected[data-place-id="reynosa"]')
    expect(selected).to_have_attribute("aria-current", "true")
    for place_id in TWINS:
        expect(plain_page.locator(f'.gw-spread[data-place-id="{place_id}"]')).to_be_visible()
    ring = SpreadOverlapping().options["ring"]
    drawn = centres(plain_page)
    mcallen, reynosa = drawn["mcallen"], drawn["reynosa"]
    apart = ((mcallen["x"] - reynosa["x"]) ** 2 + (mcallen["y"] - reynosa["y"]) ** 2) ** 0.5
    assert apart >= mcallen["r"] + reynosa["r"] + ring
    # The ring (map.css) reaches as far beyond the marker as the spreading counted.
    reach = selected.evaluate("(node) => getComputedStyle(node, '::after').top")
    assert reach == f"-{ring}px"
    assert plain_page.console_errors == []


def test_a_group_too_large_to_ring_is_left_where_it_is(plain_page, tour):
    crowd = SpreadOverlapping.MAX_GROUP + 1
    rows = [
        json.dumps([26.14, -98.26, f"place-{n}", f"Place {n}", 0, 1, 0, f"Place {n}"])
        for n in range(crowd)
    ]
    draw_markers(plain_page, tour, rows=rows)
    expect(plain_page.locator(".gw-marker")).to_have_count(crowd)
    # The spreading runs on the next animation frame: two frames later it has run.
    plain_page.evaluate(
        "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    assert plain_page.locator(".gw-spread").count() == 0
    assert plain_page.locator("path.gw-leader").count() == 0


@pytest.mark.parametrize("key", ["Enter", " "])
def test_enter_or_space_on_a_marker_selects_its_place_as_a_click_does(plain_page, tour, key):
    draw_markers(plain_page, tour)
    marker = plain_page.locator('[data-place-id="pima-west-campus"]')
    marker.focus()
    marker.press(key)
    assert plain_page.evaluate("clicked") == ["pima-west-campus"]


def test_a_marker_says_its_place_and_status_and_its_tooltip_is_text(plain_page, tour):
    hostile = '<img src=x onerror="window.pwned=1">'
    rows = [json.dumps([26.14, -98.26, "pima-west-campus", hostile, 0, 1, 1, hostile])]  # in view
    draw_markers(plain_page, tour, rows=rows)
    marker = plain_page.locator('[data-place-id="pima-west-campus"]')
    expect(marker).to_have_attribute("aria-label", f"{hostile} · Planned")
    marker.hover()
    tooltip = plain_page.locator(".leaflet-tooltip")
    expect(tooltip).to_have_text(hostile)
    assert tooltip.locator("img").count() == 0
    # Its label too is the text, never markup.
    label = plain_page.locator(".gw-label")
    expect(label).to_have_text(hostile)
    assert label.locator("img").count() == 0
    assert plain_page.evaluate("window.pwned") is None


# The view and the labels, on maps the size of the app's on a wide screen and on a phone,
# with the app's zoom steps.
# The map beside the panels at 1920, 1440 and 375 pixels wide (the legend open on the first).
MAP_SIZES = {"full-hd": (860, 560), "wide": (572, 560), "phone": (343, 560)}
STOPS_AND_PLACES = """() => {
    const box = (node) => {
        const r = node.getBoundingClientRect();
        return {id: node.dataset.placeId || node.dataset.labelFor, text: node.textContent,
            x1: r.left, y1: r.top, x2: r.right, y2: r.bottom};
    };
    return {
        map: box(map.getContainer()),
        zoom: map.getZoom(),
        markers: [...document.querySelectorAll(".gw-marker")].map(box),
        labels: [...document.querySelectorAll(".gw-label")].map(box),
        controls: [...document.querySelectorAll(".leaflet-control")].map(box),
    };
}"""


@pytest.fixture(params=list(MAP_SIZES))
def app_sized_page(request, page: Page, tmp_path: Path) -> Page:
    width, height = MAP_SIZES[request.param]
    return open_plain_page(page, tmp_path, plain_map_html(width, height, zoom_snap=0.25))


def draw_tour(page: Page, tour, events=None) -> None:
    """The base map's behaviour switched on once (view, spreading, labels), then the
    data layers of ``events`` drawn, as st_folium draws them after each rerun."""
    data = map_data(tour, tour.events if events is None else events, EN)
    page.evaluate(
        """([legend, view, spread, labels, options, document, kept]) => {
            if (!window.viewMade) {
                GoodwillMap.legend(map, legend);
                GoodwillMap.tourView(map, view);
                GoodwillMap.spreadOverlapping(map, spread);
                GoodwillMap.placeLabels(map, labels);
                window.viewMade = true;
            }
            places.clearLayers();
            GoodwillMap.placesInView(places, kept);
            GoodwillMap.tourLayers(places, options, document);
        }""",
        [
            Legend(legend_html(tour, EN)).options,
            TourView("Whole tour").options,
            SpreadOverlapping().options,
            PlaceLabels().options,
            LAYERS.options,
            json.loads(data.document),
            PlacesInView(data.bounds, data.places_key).options,
        ],
    )


def settled(page: Page) -> dict:
    """The boxes once the spreading and the labels have run (the next animation frame)."""
    page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return page.evaluate(STOPS_AND_PLACES)


def overlapping(a: dict, b: dict) -> bool:
    return a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]


def inside(box: dict, frame: dict) -> bool:
    return (
        box["x1"] >= frame["x1"]
        and box["y1"] >= frame["y1"]
        and box["x2"] <= frame["x2"]
        and box["y2"] <= frame["y2"]
    )


def stops_of(tour, events=None) -> set[str]:
    events = tour.events if events is None else events
    return set(events.loc[events["kind"] == EventKind.TOUR_STOP, "place_id"])


def test_the_view_fits_every_place_clear_of_the_controls_and_names_every_stop(app_sized_page, tour):
    draw_tour(app_sized_page, tour)
    boxes = settled(app_sized_page)
    assert len(boxes["markers"]) == tour.events["place_id"].nunique()
    assert all(inside(marker, boxes["map"]) for marker in boxes["markers"])
    # No control (the zoom, the legend, the scale) hides a place.
    for control in boxes["controls"]:
        assert not any(overlapping(control, marker) for marker in boxes["markers"])
    names = tour.places.set_index("place_id")["name"]
    labels = {label["id"]: label for label in boxes["labels"]}
    assert {place: labels[place]["text"] for place in stops_of(tour)} == {
        place: names[place] for place in stops_of(tour)
    }
    for label in labels.values():
        assert inside(label, boxes["map"])
        assert not any(overlapping(label, marker) for marker in boxes["markers"])
        assert not any(overlapping(label, other) for other in labels.values() if other is not label)
    assert app_sized_page.console_errors == []


def test_a_new_set_of_places_is_fitted_and_the_same_set_keeps_the_readers_view(plain_page, tour):
    draw_tour(plain_page, tour)
    plain_page.evaluate("map.setView([32.2, -111.0], 8, {animate: false})")
    # Drawn again with the same places (another place selected): the reader's view stays.
    draw_tour(plain_page, tour)
    assert settled(plain_page)["zoom"] == 8
    # Only Mexico's places (a filter): fitted, Mexico City included.
    mexican = tour.events[
        tour.events["place_id"].map(tour.places.set_index("place_id")["country"]) == "MX"
    ]
    draw_tour(plain_page, tour, mexican)
    boxes = settled(plain_page)
    assert {marker["id"] for marker in boxes["markers"]} == set(mexican["place_id"])
    assert "mexico-city" in set(mexican["place_id"])
    assert all(inside(marker, boxes["map"]) for marker in boxes["markers"])


def test_a_place_chosen_elsewhere_comes_into_view_once_at_the_readers_zoom(plain_page, tour):
    draw_tour(plain_page, tour)
    # Zoomed in on McAllen, far from Tijuana.
    plain_page.evaluate("map.setView([26.2, -98.2], 9, {animate: false})")
    select_in_address(plain_page, "tijuana")
    plain_page.wait_for_function(
        """() => map.getBounds().contains([32.5149, -117.0382]) && !map._panAnim?._inProgress"""
    )
    assert settled(plain_page)["zoom"] == 9
    expect(plain_page.locator('.gw-selected[data-place-id="tijuana"]')).to_have_count(1)
    # Drawn again, the same place selected: the reader who moved on is left alone.
    plain_page.evaluate("map.setView([26.2, -98.2], 9, {animate: false})")
    draw_tour(plain_page, tour)
    select_in_address(plain_page, "tijuana")
    assert not plain_page.evaluate("map.getBounds().contains([32.5149, -117.0382])")


def test_a_place_clicked_on_the_map_is_ringed_where_it_is_and_not_panned_to(plain_page, tour):
    draw_tour(plain_page, tour)
    # Nogales 20 px from the map's left edge: clickable, but in the margin that a place
    # chosen elsewhere is brought out of.
    plain_page.evaluate(
        """() => {
            map.setView([31.3082, -110.9436], 9, {animate: false});
            map.panBy([map.getSize().x / 2 - 20, 0], {animate: false});
        }"""
    )
    plain_page.locator('[data-place-id="nogales-sonora"]').click()
    centre = plain_page.evaluate("[map.getCenter().lat, map.getCenter().lng]")
    select_in_address(plain_page, "nogales-sonora")  # the app's answer to the click
    expect(plain_page.locator('.gw-selected[data-place-id="nogales-sonora"]')).to_have_count(1)
    assert plain_page.evaluate("[map.getCenter().lat, map.getCenter().lng]") == centre
    # Another place chosen elsewhere moves the ring.
    select_in_address(plain_page, "pima-west-campus")
    expect(plain_page.locator('.gw-selected[data-place-id="pima-west-campus"]')).to_have_count(1)
    expect(plain_page.locator(".gw-selected")).to_have_count(1)
    expect(plain_page.locator('[data-place-id="nogales-sonora"]')).not_to_have_attribute(
        "aria-current", "true"
    )


def test_a_step_of_the_story_in_the_address_rings_its_place(plain_page, tour):
    draw_tour(plain_page, tour)
    steps = json.loads(map_data(tour, tour.events, EN).document)["steps"]
    plain_page.evaluate("""() => history.replaceState(null, "", "?step=3")""")
    expect(plain_page.locator(f'.gw-selected[data-place-id="{steps[2]}"]')).to_have_count(1)
    plain_page.evaluate("""() => history.replaceState(null, "", "?step=99")""")
    expect(plain_page.locator(".gw-selected")).to_have_count(0)


def test_the_other_places_are_not_labelled_when_too_many_are_in_view(plain_page, tour):
    crowd = PlaceLabels.MAX_OTHERS + 1
    # Minor places on a grid, far enough apart for a label each; and one tour stop.
    rows = [
        json.dumps([22 + 2 * (n // 7), -110 + 4 * (n % 7), f"place-{n}", f"P{n}", 0, 0, 0, f"P{n}"])
        for n in range(crowd)
    ]
    stop = json.dumps([35.0, -96.0, "stop", "Stop", 0, 1, 0, "Stop"])
    draw_markers(plain_page, tour, rows=[stop, *rows])
    plain_page.evaluate("map.setView([28, -98], 5, {animate: false})")
    boxes = settled(plain_page)
    assert len(boxes["markers"]) == crowd + 1
    assert [label["id"] for label in boxes["labels"]] == ["stop"]
    # With one fewer in view, each has its label.
    plain_page.evaluate(
        "map.eachLayer((layer) => layer.gwPlace?.id === 'place-0' && layer.remove())"
    )
    assert len(settled(plain_page)["labels"]) == crowd
