"""The tour as a folium map, split the way ``st_folium`` needs it.

:func:`base_map` holds what never changes while a reader filters or clicks (the outline of
borders, tiles, the legend, the initial view, the scripts), so the map is mounted once
and keeps the reader's pan and zoom; :func:`data_layers` holds what follows the filters
and the selection, handed to ``st_folium(feature_group_to_add=...)``.
"""

from __future__ import annotations

import folium
import pandas as pd

from goodwill.dataset import Tour
from goodwill.enums import EventKind
from goodwill.i18n import Translator
from goodwill.map.data import MapData, clustered, map_data
from goodwill.map.elements import (
    ClusterAssets,
    ControlTitles,
    FocusWithoutScrolling,
    Legend,
    OutlineLayer,
    PlaceLabels,
    PlacesInView,
    SpreadOverlapping,
    TourLayers,
    TourView,
)
from goodwill.map.style import legend_html
from goodwill.offline import leaflet_only, localize_assets
from goodwill.paths import STATIC_URL

OUTLINE_URL = f"{STATIC_URL}/geo/outline.geojson"
TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILES_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
MIN_ZOOM, MAX_ZOOM = 2, 14
#: leaflet.markercluster's options, above ``goodwill.map.data.CLUSTER_ABOVE`` places.
CLUSTER_OPTIONS = {
    "showCoverageOnHover": False,
    "chunkedLoading": True,
    "maxClusterRadius": 45,
    "disableClusteringAtZoom": 10,
}


def tour_bounds(tour: Tour) -> list[list[float]]:
    """South-west and north-east corners of the tour stops: where the map starts, before
    it knows its size and fits the kept places (:class:`TourView`)."""
    stops = tour.events.loc[tour.events["kind"] == EventKind.TOUR_STOP, "place_id"]
    places = tour.places[tour.places["place_id"].isin(stops)]
    if places.empty:
        places = tour.places
    return [
        [places["latitude"].min(), places["longitude"].min()],
        [places["latitude"].max(), places["longitude"].max()],
    ]


def base_map(
    tour: Tour, t: Translator, *, tiles: bool, outline_url: str = OUTLINE_URL
) -> folium.Map:
    """The part of the map that does not change with filters or selection; the outline of
    borders comes from ``outline_url``."""
    fmap = folium.Map(
        tiles=None,
        control_scale=True,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        zoom_snap=0.25,
        location=_centre(tour_bounds(tour)),
        zoom_start=5,
        prefer_canvas=False,
        attribution_control=True,
        # The wheel scrolls the page, not the map, so that scrolling past the map never
        # zooms it by surprise; zoom with the buttons, a double click or a pinch.
        scroll_wheel_zoom=False,
    )
    leaflet_only(fmap)
    # folium gives min_zoom and max_zoom to the tile layer it would make, not to the map;
    # without tiles the map had no zoom limits, and clustering needs the map's maxZoom.
    fmap.options.update(min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM)
    if tiles:
        folium.TileLayer(TILES_URL, attr=TILES_ATTRIBUTION, name="OpenStreetMap").add_to(fmap)
    fmap.add_child(OutlineLayer(outline_url))
    fmap.add_child(Legend(legend_html(tour, t)))
    fmap.add_child(
        ControlTitles(
            zoom_in=t("map.zoom_in"),
            zoom_out=t("map.zoom_out"),
            # Translators: The title of the attribution's link to Leaflet, the map library.
            leaflet=t("map.leaflet_title"),
        )
    )
    # Translators: The button on the map that shows every kept place again after a zoom.
    fmap.add_child(TourView(t("map.whole_tour")))
    fmap.add_child(FocusWithoutScrolling())
    fmap.add_child(SpreadOverlapping())
    fmap.add_child(PlaceLabels())
    if clustered(tour):
        fmap.add_child(ClusterAssets())
    localize_assets(fmap)
    return fmap


def _centre(bounds: list[list[float]]) -> list[float]:
    (south, west), (north, east) = bounds
    return [(south + north) / 2, (west + east) / 2]


def data_layers(
    tour: Tour,
    events: pd.DataFrame,
    t: Translator,
    data: MapData | None = None,
    points_url: str | None = None,
) -> list[folium.FeatureGroup]:
    """The feature group of the kept events: what the view fits (the kept places), and the
    tour's layers (pairs and route first, so a line never swallows a marker's click,
    uncertainty halos, then the markers), fetched from ``points_url`` if given, else
    inline.

    Nothing in it depends on the selected place (map.js follows the page's address for
    that, :class:`TourLayers`): it changes with the filters and the language only, so a
    new selection sends the map nothing. The layers are one document whatever the number
    of points (``MapData.document``), drawn by one JavaScript function.
    """
    data = data or map_data(tour, events, t)
    group = folium.FeatureGroup(name=t("map.layer.places"))
    PlacesInView(data.bounds, data.places_key).add_to(group)
    TourLayers(
        None if points_url else data.document,
        url=points_url,
        cluster=CLUSTER_OPTIONS if clustered(tour) else None,
        # Translators: Stands in the map while its places are loading.
        loading=t("map.loading"),
        # Translators: Replaces the map's places when the browser could not fetch them.
        failed=t("map.load_failed"),
    ).add_to(group)
    return [group]
