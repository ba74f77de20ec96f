"""Map layers: what is drawn for a view, and that data text can never become markup."""

import json
from dataclasses import replace

import pytest
from streamlit_folium import _get_feature_group_string

from goodwill.i18n import translator
from goodwill.map.assembly import (
    CLUSTER_OPTIONS,
    MAX_ZOOM,
    base_map,
    data_layers,
)
from goodwill.map.data import (
    clustered,
    map_data,
    pair_features,
    place_features,
    route_features,
)
from goodwill.map.elements import (
    ClusterAssets,
    DataLayer,
    PlaceLabels,
    PlacesInView,
    SpreadOverlapping,
    TourView,
)
from goodwill.map.style import country_styles, legend_html
from goodwill.offline import remote_urls_in
from goodwill.story_steps import story_stops
from goodwill.view import default_view, filter_events
from tests.helpers.map_layers import drawn_document, tour_layers

EN = translator("en")
HOSTILE = '<img src=x onerror="window.pwned=1">`${alert(1)}`</script><script>alert(1)</script>'


def rendered(tour, events, tiles=False) -> str:
    fmap = base_map(tour, EN, tiles=tiles)
    for group in data_layers(tour, events, EN):
        group.add_to(fmap)
    return fmap.get_root().render()


def layers_in(element, kind=DataLayer) -> list:
    """Every element of type ``kind`` in the tree below ``element`` (or a list of them)."""
    children = element if isinstance(element, list) else list(element._children.values())
    found = []
    for child in children:
        if isinstance(child, kind):
            found.append(child)
        found += layers_in(child, kind)
    return found


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
    assert tooltips[2] == "Nogales → Tucson"
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
    groups = data_layers(hostile, hostile.events, EN)
    fmap = base_map(hostile, EN, tiles=False)
    for group in groups:
        group.add_to(fmap)
    html = fmap.get_root().render()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert HOSTILE not in html
    # The text travels as data, unchanged, and reaches the page as it was written.
    rows = drawn_document(groups)["markers"]
    shown = any(HOSTILE in tooltip for _, _, _, tooltip, *_ in rows)
    assert shown == (column == "name")  # the region is not in the tooltips
    assert tour_layers(groups).data in html


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


def test_nothing_the_map_is_sent_depends_on_the_selection_and_map_js_follows_the_address(tour):
    # Follows ?place=, ringing that place and bringing it into view:
    # tests/browser/test_map_js.py.
    layers = tour_layers(data_layers(tour, tour.events, EN, points_url="/app/static/cache/p.json"))
    assert layers.options["placeParameter"] == "place"
    assert "selected" not in layers.options
    inline = data_layers(tour, tour.events, EN)
    assert json.loads(tour_layers(inline).data) == json.loads(
        map_data(tour, tour.events, EN).document
    )


def test_the_document_lists_the_place_of_each_step_of_the_story_the_map_is_drawn_for(tour):
    # ?step= names a place through this list (a filtered story is shorter).
    stops = tour.events[tour.events["kind"] == "tour-stop"]
    mexican = filter_events(tour, replace(default_view(tour), countries=frozenset({"MX"})))
    for events in (tour.events, mexican):
        steps = json.loads(map_data(tour, events, EN).document)["steps"]
        assert steps == list(story_stops(events)["place_id"])
    assert len(json.loads(map_data(tour, mexican, EN).document)["steps"]) < len(stops)


def test_with_the_points_in_a_file_a_rerun_sends_the_map_the_same_few_bytes_at_any_size(
    tour, large_tour
):
    def sent(tour) -> int:
        # What st_folium sends the browser for the feature groups on every rerun.
        fmap = base_map(tour, EN, tiles=False)
        (group,) = data_layers(tour, tour.events, EN, points_url="/app/static/cache/p.json")
        return len(_get_feature_group_string(group, fmap))

    shipped, large = sent(tour), sent(large_tour)
    assert large < 2_000
    assert abs(large - shipped) < 300
    # Inline, the large tour's 400 places would be many times that.
    assert len(map_data(large_tour, large_tour.events, EN).document) > 20 * large


def test_each_marker_carries_its_short_name_for_its_label(tour):
    rows = [json.loads(marker.row) for marker in map_data(tour, tour.events, EN).markers]
    names = tour.places.set_index("place_id")["name"]
    assert {row[2]: row[-1] for row in rows} == {row[2]: names[row[2]] for row in rows}
    assert len(layers_in(base_map(tour, EN, tiles=False), PlaceLabels)) == 1


@pytest.mark.parametrize(("lang", "label"), [("en", "Whole tour"), ("es", "Toda la gira")])
def test_the_map_has_a_whole_tour_button_in_the_readers_language(tour, lang, label):
    (view,) = layers_in(base_map(tour, translator(lang), tiles=False), TourView)
    assert view.options["label"] == label


def test_the_view_is_told_the_bounds_of_the_kept_places_and_a_key_of_their_set(tour):
    every = map_data(tour, tour.events, EN)
    places = tour.places[tour.places["place_id"].isin(tour.events["place_id"])]
    assert every.bounds == [
        [places["latitude"].min(), places["longitude"].min()],
        [places["latitude"].max(), places["longitude"].max()],
    ]
    mexican = filter_events(tour, replace(default_view(tour), countries=frozenset({"MX"})))
    assert map_data(tour, mexican, EN).places_key != every.places_key
    # The same places, whatever else differs (the language here), have the same key.
    assert map_data(tour, tour.events, translator("es")).places_key == every.places_key
    (view,) = layers_in(data_layers(tour, tour.events, EN), PlacesInView)
    assert (view.options["bounds"], view.options["places"]) == (every.bounds, every.places_key)


def test_overlapping_markers_are_spread_apart_and_the_legend_says_so(tour):
    assert len(layers_in(base_map(tour, EN, tiles=False), SpreadOverlapping)) == 1
    for lang, words in [("en", "drawn side by side"), ("es", "dibujados lado a lado")]:
        assert words in legend_html(tour, translator(lang))


def test_the_shipped_tour_is_never_clustered(tour):
    groups = data_layers(tour, tour.events, EN)
    assert not clustered(tour)
    assert tour_layers(groups).options["cluster"] is None
    assert len(drawn_document(groups)["markers"]) == 11


def test_above_the_threshold_every_place_is_drawn_once_and_the_minor_ones_clustered(large_tour):
    # Which markers go into clusters (never a tour stop or the selected place) map.js
    # decides: tests/browser/test_clustering.py.
    groups = data_layers(large_tour, large_tour.events, EN)
    assert clustered(large_tour)
    drawn = [row[2] for row in drawn_document(groups)["markers"]]
    assert sorted(drawn) == sorted(large_tour.events["place_id"].unique())
    assert tour_layers(groups).options["cluster"] == CLUSTER_OPTIONS


def test_a_clustered_map_loads_the_clustering_script_and_knows_its_zoom_limits(large_tour, tour):
    fmap = base_map(large_tour, EN, tiles=False)
    assert len(layers_in(fmap, ClusterAssets)) == 1
    assert "leaflet.markercluster.js" in fmap.get_root().render()
    assert fmap.options["max_zoom"] == MAX_ZOOM
    assert tour_layers(data_layers(large_tour, large_tour.events, EN)).options["cluster"]
    assert layers_in(base_map(tour, EN, tiles=False), ClusterAssets) == []
