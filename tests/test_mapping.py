"""Map layers: what is drawn for a view, and that data text can never become markup."""

from dataclasses import replace

import folium
import pytest

from goodwill.i18n import translator
from goodwill.mapping import (
    base_map,
    country_styles,
    data_layers,
    legend_html,
    pair_features,
    place_features,
    route_features,
)
from goodwill.offline import remote_urls_in
from goodwill.view import default_view, filter_events

EN = translator("en")
HOSTILE = '<img src=x onerror="window.pwned=1">`${alert(1)}`</script><script>alert(1)</script>'


def rendered(tour, events, selected=None, tiles=False) -> str:
    fmap = base_map(tour, EN, tiles=tiles)
    for group in data_layers(tour, events, selected, EN):
        group.add_to(fmap)
    return fmap.get_root().render()


def test_one_marker_per_place_with_a_kept_event(tour):
    features = place_features(tour, tour.events, EN)["features"]
    assert len(features) == tour.events["place_id"].nunique() == 11


def test_a_country_filter_draws_only_that_countrys_markers(tour):
    view = replace(default_view(tour), countries=frozenset({"MX"}))
    features = place_features(tour, filter_events(tour, view), EN)["features"]
    assert {f["id"] for f in features} == {"reynosa", "nogales-sonora", "tijuana", "mexico-city"}


def test_pairs_are_drawn_only_when_both_places_are_shown(tour):
    assert len(pair_features(tour, tour.events, EN)["features"]) == 3
    only_us = filter_events(tour, replace(default_view(tour), countries=frozenset({"US"})))
    assert pair_features(tour, only_us, EN)["features"] == []


def test_the_route_follows_the_tour_stops_in_date_order(tour):
    steps = route_features(tour, tour.events, EN)["features"]
    tooltips = [step["properties"]["tooltip"] for step in steps]
    assert tooltips[0] == "McAllen – Reynosa: same period, order unknown"
    assert tooltips[1] == "Reynosa → Nogales"
    assert tooltips[2].startswith("Nogales → Center for the Arts")
    assert [step["properties"]["ordered"] for step in steps] == [False, True, True, True, False]
    assert steps[-2]["properties"]["planned"]


def test_held_and_planned_markers_differ_in_fill_and_dash(tour):
    features = {f["id"]: f for f in place_features(tour, tour.events, EN)["features"]}
    assert "stroke-dasharray" in features["tijuana"]["properties"]["icon"]
    assert "stroke-dasharray" not in features["reynosa"]["properties"]["icon"]


def test_countries_differ_in_shape_as_well_as_colour(tour):
    styles = country_styles(tour)
    assert len({s.shape for s in styles.values()}) == len(styles)
    assert len({s.colour for s in styles.values()}) == len(styles)


def test_tooltips_carry_the_place_and_the_date_in_words(tour):
    features = {f["id"]: f for f in place_features(tour, tour.events, EN)["features"]}
    assert features["nogales-sonora"]["properties"]["tooltip"] == "Nogales (Mexico) · 4 Aug 2016"


def test_the_rendered_map_loads_nothing_remote_without_tiles(tour):
    assert remote_urls_in(rendered(tour, tour.events)) == []


def test_with_tiles_the_only_remote_urls_are_the_tiles_and_their_attribution(tour):
    urls = set(remote_urls_in(rendered(tour, tour.events, tiles=True)))
    assert urls == {
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "https://www.openstreetmap.org/copyright",
    }


@pytest.mark.parametrize("column", ["name", "admin_area"])
def test_hostile_place_text_never_reaches_the_map_as_markup(tour, column):
    places = tour.places.copy()
    places.loc[places["place_id"] == "reynosa", column] = HOSTILE
    hostile = replace(tour, places=places)
    html = rendered(hostile, hostile.events, selected="reynosa")
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert HOSTILE not in html
    # The tooltip is built from text in the browser, never parsed as HTML.
    assert "textContent = feature.properties.tooltip" in html


def test_hostile_country_names_in_the_legend_are_escaped(tour):
    class Hostile:
        lang = "en"

        def __call__(self, key, **values):
            return HOSTILE

        label = staticmethod(lambda enum, value: HOSTILE)
        country_name = staticmethod(lambda code: HOSTILE)

    html = legend_html(tour, Hostile())
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_the_selected_place_gets_a_ring(tour):
    groups = data_layers(tour, tour.events, "reynosa", EN)
    rings = [
        child
        for group in groups
        for child in group._children.values()
        if isinstance(child, folium.CircleMarker)
    ]
    assert len(rings) == 1
    assert rings[0].location == [26.08, -98.2883]
