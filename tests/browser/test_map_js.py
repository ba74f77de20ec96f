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

from goodwill.i18n import translator
from goodwill.map.data import map_data
from goodwill.map.elements import DataLayer, GoodwillElement, MarkerLayer, SpreadOverlapping
from goodwill.offline import default_vendor_dir
from goodwill.paths import static_dir

LEAFLET = default_vendor_dir() / "leaflet@1.9.3" / "dist"
PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="{(LEAFLET / "leaflet.css").as_uri()}">
<link rel="stylesheet" href="{(static_dir() / "goodwill" / "map.css").as_uri()}">
<script src="{(LEAFLET / "leaflet.js").as_uri()}"></script>
<script src="{(static_dir() / "goodwill" / "map.js").as_uri()}"></script>
</head><body style="margin: 0">
<div id="map" style="width: 900px; height: 600px"></div>
<script>
window.map = L.map("map", {{zoomSnap: 0}}).setView([26.14, -98.26], 7);
window.places = L.featureGroup().addTo(map);
window.clicked = [];
places.on("click", function (event) {{ clicked.push(event.layer.feature.properties.place_id); }});
</script>
</body></html>
"""
# McAllen and Reynosa, about 15 km apart: at zoom 7 their markers overlap, at 11 they do not.
TWINS = ("mcallen", "reynosa")


@pytest.fixture
def plain_page(page: Page, tmp_path: Path) -> Page:
    file = tmp_path / "map.html"
    file.write_text(PAGE, encoding="utf-8")
    page.goto(file.as_uri())
    page.wait_for_function("window.GoodwillMap !== undefined && window.map !== undefined")
    return page


def draw_markers(page: Page, tour, selected: str | None = None, rows=None) -> None:
    """The spreading switched on, then the shipped tour's markers (or ``rows``) drawn."""
    data = map_data(tour, tour.events, translator("en"))
    rows = rows if rows is not None else [marker.row for marker in data.markers]
    layer = MarkerLayer(rows, data.icons, data.status, selected)
    page.evaluate(
        """([spread, options, rows]) => {
            GoodwillMap.spreadOverlapping(map, spread);
            GoodwillMap.markerLayer(places, options, rows);
        }""",
        [SpreadOverlapping().options, layer.options, [json.loads(row) for row in rows]],
    )


def centres(page: Page) -> dict[str, dict]:
    """Each marker's drawn centre and half width, in page pixels."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(".gw-marker")].map((node) => {
            const box = node.getBoundingClientRect();
            return [node.dataset.placeId,
                {x: box.left + box.width / 2, y: box.top + box.height / 2, r: box.width / 2}];
        }))"""
    )


def test_every_function_the_elements_call_is_in_map_js(plain_page: Page) -> None:
    defined = set(plain_page.evaluate("Object.keys(GoodwillMap)"))
    elements = [*GoodwillElement.__subclasses__(), *DataLayer.__subclasses__()]
    assert {element.function for element in elements} <= defined
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
    rows = [json.dumps([26.14, -98.26, f"place-{n}", f"Place {n}", 0, 1, 0]) for n in range(crowd)]
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
    rows = [json.dumps([26.14, -98.26, "pima-west-campus", hostile, 0, 1, 1])]  # in view
    draw_markers(plain_page, tour, rows=rows)
    marker = plain_page.locator('[data-place-id="pima-west-campus"]')
    expect(marker).to_have_attribute("aria-label", f"{hostile} · Planned")
    marker.hover()
    tooltip = plain_page.locator(".leaflet-tooltip")
    expect(tooltip).to_have_text(hostile)
    assert tooltip.locator("img").count() == 0
    assert plain_page.evaluate("window.pwned") is None
