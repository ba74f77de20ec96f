"""The tour as Folium map layers.

The map is split the way ``st_folium`` needs it: :func:`base_map` holds what never changes
while a reader filters or clicks (tiles, the offline outline of borders, the legend, the
initial view), so the map is mounted once and keeps the reader's pan and zoom;
:func:`data_layers` holds what follows the filters and the selection, handed to
``st_folium(feature_group_to_add=...)``.

Data text never reaches Leaflet as HTML: tooltips are built in the browser with
``textContent`` from GeoJSON properties, which Folium embeds as escaped JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement, Template
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster
from jinja2.utils import htmlsafe_json_dumps

from goodwill.dataset import Tour
from goodwill.dates import describe_date_short
from goodwill.i18n import N_, Translator
from goodwill.offline import localize_assets
from goodwill.text import escape_html
from goodwill.view import countries_of

# branca renders each element's script a second time as a Jinja template of its own
# (MacroElement.render: Element(script(self, kwargs))), so data text embedded with |tojson
# was evaluated on the server: a place named "{{ 7*7 }}" showed 49, "{{" alone crashed the
# map, and "{{ this.__init__.__globals__… }}" ran Python. In JSON a "{" followed by "{",
# "%" or "#" can only be inside a string, where "\u007b" reads the same; so every JSON
# these templates write is made inert to Jinja, with the same meaning.
_JINJA_OPENER = re.compile(r"\{(?=[{%#])")


def _inert_json_dumps(value, **kwargs) -> str:
    return _JINJA_OPENER.sub(r"\\u007b", json.dumps(value, **kwargs))


for _environment in {folium.GeoJson._template.environment, Template("").environment}:
    _environment.policies["json.dumps_function"] = _inert_json_dumps


def inert_json(value) -> str:
    """``value`` as Jinja's ``|tojson`` writes it (safe inside a ``<script>``), and inert
    to Jinja: for data written once and put into templates as it is."""
    return htmlsafe_json_dumps(value, dumps=_inert_json_dumps)


OUTLINE_URL = "/app/static/geo/outline.geojson"
TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILES_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)

# Okabe–Ito: distinguishable with every common colour-vision deficiency. Colour is never
# alone: each country also gets its own marker shape.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
SHAPES = ("circle", "square", "triangle", "diamond", "hexagon", "star")
PLANNED_DASH = "4 3"
# Radius (metres) of the halo around a place known only to the country: wide enough that
# nobody reads the marker as a precise location.
COUNTRY_HALO_METRES = 120_000
# Six decimals of a degree are about 10 cm: more than a marker can show, less to send.
COORDINATE_DECIMALS = 6


@dataclass(frozen=True)
class CountryStyle:
    colour: str
    shape: str


def country_styles(tour: Tour) -> dict[str, CountryStyle]:
    """A colour and a shape per country, stable for a given tour (US and Mexico first)."""
    return {
        code: CountryStyle(PALETTE[i % len(PALETTE)], SHAPES[i % len(SHAPES)])
        for i, code in enumerate(countries_of(tour))
    }


def marker_svg(style: CountryStyle, *, planned: bool, tour_stop: bool) -> str:
    """An SVG marker: the country's shape and colour, filled when held, hollow and dashed
    when planned; smaller for places that are not stops of the tour itself."""
    size = 26 if tour_stop else 18
    fill = "#ffffff" if planned else style.colour
    dash = f' stroke-dasharray="{PLANNED_DASH}"' if planned else ""
    shape = _SHAPE_PATHS[style.shape]
    return (
        f'<svg width="{size}" height="{size}" '
        f'viewBox="0 0 24 24" aria-hidden="true">'
        f'<{shape} fill="{fill}" stroke="{style.colour}" stroke-width="3"{dash}/></svg>'
    )


_SHAPE_PATHS = {
    "circle": 'circle cx="12" cy="12" r="9"',
    "square": 'rect x="3.5" y="3.5" width="17" height="17"',
    "triangle": 'polygon points="12,2.5 22,20.5 2,20.5"',
    "diamond": 'polygon points="12,1.5 22.5,12 12,22.5 1.5,12"',
    "hexagon": 'polygon points="12,2 21,7 21,17 12,22 3,17 3,7"',
    "star": 'polygon points="12,1.5 14.8,9 22.5,9 16.3,13.8 18.6,21.5 12,16.8 5.4,21.5 '
    '7.7,13.8 1.5,9 9.2,9"',
}


SUMMARY_COLUMNS = [
    "place_id",
    "name",
    "latitude",
    "longitude",
    "country",
    "precision",
    "dates",
    "tour_stop",
    "planned",
    "first_date",
]


def place_summaries(tour: Tour, events: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """One row per place that has a kept event: its dates in words, whether any of its
    events is a tour stop, and whether all of them are still planned.

    Vectorised: each distinct (interval, precision, status) is put into words once, and
    the per-place columns come from one groupby, so 50,000 events take well under a second.
    """
    if events.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    ordered = events.sort_values(["date_start", "place_id"], kind="stable")
    grouped = ordered.assign(
        _words=_short_dates(ordered, t.lang),
        _stop=ordered["kind"].eq("tour-stop"),
        _planned=ordered["status"].eq("planned"),
    ).groupby("place_id", sort=False)
    summary = pd.DataFrame(
        {
            "dates": grouped["_words"].agg("; ".join),
            "tour_stop": grouped["_stop"].any(),
            "planned": grouped["_planned"].all(),
            "first_date": grouped["date_start"].min(),
        }
    )
    places = tour.places.set_index("place_id")[
        ["name", "latitude", "longitude", "country", "location_precision"]
    ].rename(columns={"location_precision": "precision"})
    summary = summary.join(places, how="left").rename_axis("place_id").reset_index()
    return summary[SUMMARY_COLUMNS]


_EPOCH = dt.date(1970, 1, 1)
_NO_DAY = np.iinfo(np.int64).min  # what a missing date (NaT) becomes as a day number


def _days(column: pd.Series) -> np.ndarray:
    return column.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64)


@lru_cache(maxsize=65_536)
def _short_date(start: int, end: int, precision: str, status: str, lang: str) -> str:
    def day(number: int) -> dt.date | None:
        return None if number == _NO_DAY else _EPOCH + dt.timedelta(days=number)

    return describe_date_short(day(start), day(end), precision, status, lang)


def _short_dates(events: pd.DataFrame, lang: str) -> list[str]:
    """Each event's date in short words; Babel runs once per distinct date, not per event."""
    return [
        _short_date(start, end, precision, status, lang)
        for start, end, precision, status in zip(
            _days(events["date_start"]).tolist(),
            _days(events["date_end"]).tolist(),
            events["date_precision"],
            events["status"],
            strict=True,
        )
    ]


def place_features(
    tour: Tour, events: pd.DataFrame, t: Translator, summaries: pd.DataFrame | None = None
) -> dict:
    """GeoJSON points, one per place with a kept event. Properties carry the place id (what
    a click returns), the tooltip as plain text, and the marker's own SVG (``summaries``:
    :func:`place_summaries` of the same events, when the caller has it already)."""
    styles = country_styles(tour)
    if summaries is None:
        summaries = place_summaries(tour, events, t)
    names = {code: t.country_name(code) for code in styles}
    features = []
    for place_id, name, lat, lon, country, precision, dates, stop, is_planned in zip(
        summaries["place_id"],
        summaries["name"],
        summaries["latitude"].tolist(),
        summaries["longitude"].tolist(),
        summaries["country"],
        summaries["precision"],
        summaries["dates"],
        summaries["tour_stop"].tolist(),
        summaries["planned"].tolist(),
        strict=True,
    ):
        tooltip = f"{name} ({names[country]}) · {dates}"
        features.append(
            {
                "type": "Feature",
                "id": place_id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "place_id": place_id,
                    "tooltip": tooltip,
                    "icon": _marker_svg(styles[country], bool(is_planned), bool(stop)),
                    "tour_stop": bool(stop),
                    "planned": bool(is_planned),
                    "precision": precision,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=256)
def _marker_svg(style: CountryStyle, planned: bool, tour_stop: bool) -> str:
    return marker_svg(style, planned=planned, tour_stop=tour_stop)


def pair_features(tour: Tour, events: pd.DataFrame, t: Translator) -> dict:
    """GeoJSON lines for the city pairs whose two places both have a kept event."""
    shown = set(events["place_id"])
    places = tour.places.set_index("place_id")
    features = []
    for _, pair in tour.city_pairs.iterrows():
        a, b = pair["place_a_id"], pair["place_b_id"]
        if a not in shown or b not in shown:
            continue
        kind = t.label("pair_kind", pair["kind"])
        features.append(
            _line(
                [places.loc[a], places.loc[b]],
                {
                    "pair_id": pair["pair_id"],
                    "kind": pair["kind"],
                    "tooltip": f"{places.loc[a, 'name']} ⇄ {places.loc[b, 'name']}: {kind}",
                },
            )
        )
    return {"type": "FeatureCollection", "features": features}


def route_features(tour: Tour, events: pd.DataFrame, t: Translator) -> dict:
    """The tour route: kept tour stops in date order, one segment per step.

    Stops with the same date interval (McAllen and Reynosa, both "last month") have no
    known order between them: their segment is marked ``ordered: false`` and drawn without
    an arrow, rather than inventing a direction.
    """
    stops = events[(events["kind"] == "tour-stop") & events["date_start"].notna()]
    stops = stops.sort_values(["date_start", "date_end", "event_id"])
    places = tour.places.set_index("place_id")
    features = []
    previous = None
    for _, stop in stops.iterrows():
        if previous is not None and previous["place_id"] != stop["place_id"]:
            ordered = (previous["date_start"], previous["date_end"]) != (
                stop["date_start"],
                stop["date_end"],
            )
            here, there = places.loc[previous["place_id"]], places.loc[stop["place_id"]]
            # Translators: The tooltip of a line of the tour's route between two stops.
            key = N_("map.route_step") if ordered else N_("map.route_same_period")
            features.append(
                _line(
                    [here, there],
                    {
                        "ordered": ordered,
                        "planned": stop["status"] == "planned",
                        "bearing": _bearing(here, there),
                        "tooltip": t(key, start=here["name"], end=there["name"]),
                    },
                )
            )
        previous = stop
    return {"type": "FeatureCollection", "features": features}


def _line(places: list[pd.Series], properties: dict) -> dict:
    return {
        "type": "Feature",
        "geometry": {
            "type": "LineString",
            "coordinates": [[p["longitude"], p["latitude"]] for p in places],
        },
        "properties": properties,
    }


def _bearing(start: pd.Series, end: pd.Series) -> float:
    """Screen angle (degrees clockwise from north) of the segment, for its arrow."""
    north = math.log(math.tan(math.pi / 4 + math.radians(end["latitude"]) / 2)) - math.log(
        math.tan(math.pi / 4 + math.radians(start["latitude"]) / 2)
    )
    east = math.radians(end["longitude"] - start["longitude"])
    return (math.degrees(math.atan2(east, north)) + 360) % 360


# Builds each tooltip from text, never from HTML, whatever the data holds.
_TEXT_TOOLTIP = folium.JsCode(
    """
    function (feature, layer) {
        const tip = document.createElement("span");
        tip.textContent = feature.properties.tooltip;
        layer.bindTooltip(tip, {sticky: feature.geometry.type !== "Point"});
    }
    """
)
#: Above this many places with events, the places that are neither a tour stop nor the
#: selected place are clustered; the stops and the selection always stay markers of their
#: own, so clustering never hides them.
CLUSTER_ABOVE = 300
_CLUSTER_OPTIONS = {
    "showCoverageOnHover": False,
    "chunkedLoading": True,
    "maxClusterRadius": 45,
    "disableClusteringAtZoom": 10,
}


def clustered(tour: Tour) -> bool:
    """Whether the tour has so many places that its minor places are clustered. A property
    of the tour, not of the filters, so the map loads the clustering script once."""
    return tour.events["place_id"].nunique() > CLUSTER_ABOVE


def _styled(collection: dict, style) -> dict:
    """The features with their Leaflet style in ``properties.style``: folium's GeoJson then
    applies it with one function, not a per-feature switch generated from a Python one."""
    return {
        "type": "FeatureCollection",
        "features": [
            {**feature, "properties": {**feature["properties"], "style": style(feature)}}
            for feature in collection["features"]
        ],
    }


def _pair_style(feature: dict) -> dict:
    return {
        "color": "#444444",
        "weight": 3,
        "dashArray": "2 6" if feature["properties"]["kind"] == "tour-leg" else None,
        "opacity": 0.8,
    }


def _route_style(feature: dict) -> dict:
    return {
        "color": "#333333",
        "weight": 2,
        "dashArray": "6 6" if feature["properties"]["planned"] else None,
        "opacity": 0.9 if feature["properties"]["ordered"] else 0.5,
    }


class MarkerPoint(NamedTuple):
    """One place's marker: what the layers are split and ringed by, and its row."""

    place_id: str
    tour_stop: bool
    location: tuple[float, float]  # latitude, longitude
    row: str  # what MarkerLayer draws it from, already written (inert_json)


@dataclass(frozen=True)
class MapData:
    """What the data layers are drawn from: plain data, so the app can cache it (folium
    objects cannot be: st_folium changes them as it renders them). Everything that does
    not depend on the selected place is made here, once per tour, filter and language,
    down to the JSON text of each point: at 10,000 events, writing it is most of a run."""

    summaries: pd.DataFrame
    icons: list[str]  # the distinct marker SVGs: each marker names its own by index
    status: list[str]  # "held" and "planned" in the reader's language, for the labels
    markers: list[MarkerPoint]  # one per place
    halos: list[str]  # features of the places known only to the country
    pairs: dict
    route: dict


def map_data(tour: Tour, events: pd.DataFrame, t: Translator) -> MapData:
    """The place summaries and the GeoJSON of places, pairs and route for ``events``."""
    summaries = place_summaries(tour, events, t)
    places = place_features(tour, events, t, summaries)["features"]
    icons = sorted({feature["properties"]["icon"] for feature in places})
    index = {icon: number for number, icon in enumerate(icons)}
    markers = []
    for feature in places:
        properties = feature["properties"]
        longitude, latitude = feature["geometry"]["coordinates"]
        row = [
            round(latitude, COORDINATE_DECIMALS),
            round(longitude, COORDINATE_DECIMALS),
            feature["id"],
            properties["tooltip"],
            index[properties["icon"]],
            int(properties["tour_stop"]),
            int(properties["planned"]),
        ]
        markers.append(
            MarkerPoint(
                feature["id"], properties["tour_stop"], (latitude, longitude), inert_json(row)
            )
        )
    return MapData(
        summaries=summaries,
        icons=icons,
        status=[t.label("event_status", "held"), t.label("event_status", "planned")],
        markers=markers,
        halos=[
            inert_json(_point(feature, {}))
            for feature in places
            if feature["properties"]["precision"] == "country"
        ],
        pairs=_styled(pair_features(tour, events, t), _pair_style),
        route=_styled(route_features(tour, events, t), _route_style),
    )


def data_layers(
    tour: Tour,
    events: pd.DataFrame,
    selected: str | None,
    t: Translator,
    data: MapData | None = None,
):
    """Feature groups for the kept events: pairs and route (drawn first, so a line never
    swallows a marker's click), uncertainty halos, then the markers, the selected one
    ringed.

    Each kind of point (markers, halos, arrows) is one GeoJSON layer drawn by one
    JavaScript function, whatever the number of points: the map's script and the
    server's work grow with the data, not with a folium object per point.
    """
    data = data or map_data(tour, events, t)
    lines = folium.FeatureGroup(name=t("map.layer.lines"))
    folium.GeoJson(data.pairs, on_each_feature=_TEXT_TOOLTIP).add_to(lines)
    folium.GeoJson(data.route, on_each_feature=_TEXT_TOOLTIP).add_to(lines)
    arrows = [_midpoint(f) for f in data.route["features"] if f["properties"]["ordered"]]
    if arrows:
        PointLayer([inert_json(arrow) for arrow in arrows], _ARROW).add_to(lines)

    markers = folium.FeatureGroup(name=t("map.layer.places"))
    if data.halos:
        PointLayer(data.halos, _HALO).add_to(markers)

    def own_marker(marker: MarkerPoint) -> bool:
        # Never in a cluster: a stop of the tour, or the place the reader selected.
        return marker.tour_stop or marker.place_id == selected

    if not clustered(tour):
        MarkerLayer(data.markers, data.icons, data.status, selected).add_to(markers)
    else:
        # The markers of their own first: they are drawn before the clusters are made.
        single = [marker for marker in data.markers if own_marker(marker)]
        grouped = [marker for marker in data.markers if not own_marker(marker)]
        if single:
            MarkerLayer(single, data.icons, data.status, selected).add_to(markers)
        if grouped:
            cluster = MarkerCluster(name=t("map.layer.places"), options=_CLUSTER_OPTIONS)
            MarkerLayer(grouped, data.icons, data.status, selected).add_to(cluster)
            cluster.add_to(markers)
    # Not in the map's tree when base_map localises it: st_folium adds them later.
    localize_assets(markers)
    return [lines, markers]


def _point(feature: dict, properties: dict) -> dict:
    return {"type": "Feature", "geometry": feature["geometry"], "properties": properties}


def _midpoint(feature: dict) -> dict:
    (lon_a, lat_a), (lon_b, lat_b) = feature["geometry"]["coordinates"]
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [(lon_a + lon_b) / 2, (lat_a + lat_b) / 2]},
        "properties": {"bearing": round(feature["properties"]["bearing"])},
    }


# How a halo and a route arrow become Leaflet layers (PointLayer).
_HALO = f"""
function (feature, latlng) {{
    return L.circle(latlng, {{
        radius: {COUNTRY_HALO_METRES}, color: "#666666", weight: 1, dashArray: "3 5",
        fill: true, fillOpacity: 0.08, interactive: false,
    }});
}}
"""
_ARROW = """
function (feature, latlng) {
    return L.marker(latlng, {
        icon: L.divIcon({
            html: '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
                + 'style="transform: rotate(' + feature.properties.bearing + 'deg)">'
                + '<polygon points="8,1 14,15 8,11 2,15" fill="#333333"/></svg>',
            iconSize: [16, 16],
            iconAnchor: [8, 8],
            className: "gw-arrow",
        }),
        interactive: false,
    });
}
"""


class _DataLayer(MacroElement):
    """A layer whose script holds data: added to the page as rendered text."""

    def render(self, **kwargs) -> None:
        # branca would add the script as an Element, which compiles it as a Jinja template
        # of its own: a second pass over what can be megabytes of points, for nothing.
        script = self._template.module.__dict__["script"](self, kwargs)
        self.get_root().script.add_child(_RenderedText(script), name=self.get_name())


class PointLayer(_DataLayer):
    """GeoJSON points (halos, route arrows) turned into Leaflet layers by one JavaScript
    function, ``point_to_layer(feature, latlng)``. The points come already written as
    JSON (:func:`inert_json`: escaped, so data text never becomes markup)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.addLayer(L.geoJSON(
            {"type": "FeatureCollection", "features": [{{ this.features|join(",") }}]},
            {pointToLayer: {{ this.point_to_layer }}}
        ));
        {% endmacro %}
        """
    )

    def __init__(self, features: list[str], point_to_layer: str):
        super().__init__()
        self._name = "PointLayer"
        self.features = features
        self.point_to_layer = point_to_layer.strip()


class MarkerLayer(_DataLayer):
    """The places' markers, from compact rows (``[lat, lon, place_id, tooltip, icon,
    tour_stop, planned]``): less than half the bytes of GeoJSON features, each marker SVG
    sent once and named by index, and no element made for a tooltip until it is shown.

    Each marker carries its place id (``feature.properties.place_id``, which a click
    returns, and ``data-place-id``), an ``aria-label`` with its status, and selects its
    place with Enter or Space as a click does. The selected place's marker is ringed
    (``gw-selected``, ``aria-current``) and drawn above the others: the ring is part of
    the marker, so it follows the marker wherever :class:`SpreadOverlapping` moves it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            const icons = {{ this.icons|tojson }};
            const status = {{ this.status|tojson }};
            const selected = {{ this.selected|tojson }};
            const rows = [{{ this.rows|join(",") }}];
            const markers = rows.map(function ([lat, lon, id, tooltip, icon, stop, planned]) {
                const marker = L.marker([lat, lon], {
                    icon: L.divIcon({
                        html: icons[icon],
                        className: id === selected ? "gw-marker gw-selected" : "gw-marker",
                        iconSize: stop ? [26, 26] : [18, 18],
                        iconAnchor: stop ? [13, 13] : [9, 9],
                    }),
                    zIndexOffset: id === selected ? 2000 : stop ? 1000 : 0,
                });
                // What st_folium returns for a click (layer.toGeoJSON()).
                marker.feature = {type: "Feature", properties: {place_id: id}};
                marker.bindTooltip(function () {
                    const tip = document.createElement("span");
                    tip.textContent = tooltip;
                    return tip;
                }, {direction: "top", offset: [0, -12]});
                marker.on("add", function () {
                    const element = marker.getElement();
                    if (!element || element.dataset.placeId) return;
                    element.setAttribute("aria-label", tooltip + " · " + status[planned]);
                    element.setAttribute("data-place-id", id);
                    if (id === selected) element.setAttribute("aria-current", "true");
                    // Leaflet makes markers focusable but Enter only opens a popup: make
                    // Enter and Space select the place, as a click does.
                    element.addEventListener("keydown", function (event) {
                        if (event.key === "Enter" || event.key === " ") {
                            event.preventDefault();
                            element.click();
                        }
                    });
                    // A mouse press would focus the marker, and the browser would scroll
                    // the whole map into view between press and release, so the click
                    // landed elsewhere. Focus stays for the keyboard; the mouse only clicks.
                    element.addEventListener("mousedown", function (event) {
                        event.preventDefault();
                    });
                });
                return marker;
            });
            {{ this._parent.get_name() }}.addLayer(L.featureGroup(markers));
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        markers: list[MarkerPoint],
        icons: list[str],
        status: list[str],
        selected: str | None,
    ):
        super().__init__()
        self._name = "MarkerLayer"
        self.rows = [marker.row for marker in markers]
        self.icons = icons
        self.status = status
        self.selected = selected


class _RenderedText(Element):
    """Text that is already rendered: put into the page as it is."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class ClusterAssets(JSCSSMixin, MacroElement):
    """The clustering script and styles, in the base map: st_folium loads scripts only
    when the map mounts, not when the data layers change."""

    default_js = MarkerCluster.default_js
    default_css = MarkerCluster.default_css

    def __init__(self):
        super().__init__()
        self._name = "ClusterAssets"


MIN_ZOOM, MAX_ZOOM = 2, 14


def tour_bounds(tour: Tour) -> list[list[float]]:
    """South-west and north-east corners of the tour stops: the initial view."""
    stops = tour.events.loc[tour.events["kind"] == "tour-stop", "place_id"]
    places = tour.places[tour.places["place_id"].isin(stops)]
    if places.empty:
        places = tour.places
    return [
        [places["latitude"].min(), places["longitude"].min()],
        [places["latitude"].max(), places["longitude"].max()],
    ]


def base_map(tour: Tour, t: Translator, *, tiles: bool) -> folium.Map:
    """The part of the map that does not change with filters or selection."""
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
    # Only Leaflet's own files: folium's default jQuery, Bootstrap and Font Awesome serve
    # popups and icons this map does not use, and every reader would wait for them.
    fmap.default_js = [(name, url) for name, url in fmap.default_js if name == "leaflet"]
    fmap.default_css = [(name, url) for name, url in fmap.default_css if name == "leaflet_css"]
    # folium gives min_zoom and max_zoom to the tile layer it would make, not to the map;
    # without tiles the map had no zoom limits, and clustering needs the map's maxZoom.
    fmap.options.update(min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM)
    if tiles:
        folium.TileLayer(TILES_URL, attr=TILES_ATTRIBUTION, name="OpenStreetMap").add_to(fmap)
    fmap.add_child(OutlineLayer(OUTLINE_URL))
    fmap.add_child(Legend(tour, t))
    fmap.add_child(FitOnceSized(tour_bounds(tour)))
    fmap.add_child(FocusWithoutScrolling())
    fmap.add_child(SpreadOverlapping())
    if clustered(tour):
        fmap.add_child(ClusterAssets())
    localize_assets(fmap)
    return fmap


def _centre(bounds: list[list[float]]) -> list[float]:
    (south, west), (north, east) = bounds
    return [(south + north) / 2, (west + east) / 2]


class FitOnceSized(MacroElement):
    """Fit the view to the tour once the map has its real size.

    The component's iframe is sized after the map is created, so a fit done at creation
    uses the wrong size. This runs once per mount: later reruns keep the reader's view.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            const map = {{ this._parent.get_name() }};
            // The component's frame grows in steps after the map is made. Leaflet must
            // learn every new size (else it pans a focused marker "into view" mid-click
            // and misplaces clicks); the view is fitted once, on the first real size, so
            // later resizes and reruns keep the reader's own view.
            let fitted = false;
            const observer = new ResizeObserver(function () {
                const size = map.getContainer().getBoundingClientRect();
                if (size.width === 0 || size.height === 0) { return; }
                map.invalidateSize({pan: false});
                if (!fitted) {
                    fitted = true;
                    map.fitBounds({{ this.bounds|tojson }}, {padding: [24, 24]});
                }
            });
            observer.observe(map.getContainer());
        })();
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]]):
        super().__init__()
        self._name = "FitOnceSized"
        self.bounds = bounds


class FocusWithoutScrolling(MacroElement):
    """Leaflet focuses its map on every mouse press, and the browser then scrolls the page
    to show the whole map, between the press and the release: a click on a marker near
    the bottom of the screen landed somewhere else. Focusing first, without scrolling,
    makes Leaflet skip its own focus call."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            const container = {{ this._parent.get_name() }}.getContainer();
            container.addEventListener("mousedown", function () {
                if (document.activeElement !== container) {
                    container.focus({preventScroll: true});
                }
            }, true);
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "FocusWithoutScrolling"


#: How far the selected place's ring reaches beyond its marker, in pixels.
SELECTED_RING_PX = 9


class SpreadOverlapping(MacroElement):
    """Markers that would overlap on screen are drawn side by side, each with a thin line
    to a dot at its true position; zoomed in far enough, they sit on their places again.

    Twin cities are a few kilometres apart: at the tour's default view McAllen's marker was
    85 % under Reynosa's, and San Diego's 70 % under Tijuana's, so a reader could hardly
    click them. Each group of overlapping markers is set on a circle around its centre,
    in the order of their true bearings from it (McAllen stays north of Reynosa). The
    shift is a CSS ``translate`` of the marker's element (its tooltip moves along), so
    Leaflet's own positioning and the coordinates a click returns are untouched; it is
    redone after every zoom and whenever markers are added. Groups of more than
    ``MAX_GROUP`` (dense synthetic tours) are left as they are: a circle that wide would
    put markers far from their places.
    """

    MAX_GROUP = 8

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            const map = {{ this._parent.get_name() }};
            const GAP = 2, MAX_GROUP = {{ this.MAX_GROUP }}, RING = {{ this.ring }};
            const leaders = L.layerGroup().addTo(map);
            let scheduled = false;

            function shownMarkers() {
                const items = [];
                map.eachLayer(function (layer) {
                    // Place markers only: route arrows are Leaflet markers too.
                    const element = layer instanceof L.Marker && layer.getElement();
                    if (!element || !element.classList.contains("gw-marker")) { return; }
                    items.push({
                        layer: layer,
                        at: map.latLngToLayerPoint(layer.getLatLng()),
                        // The selected marker's ring counts: it would cover its neighbour.
                        radius: layer.options.icon.options.iconSize[0] / 2
                            + (element.classList.contains("gw-selected") ? RING : 0),
                    });
                });
                return items;
            }

            // Markers that overlap, directly or through a neighbour, form one group; a grid
            // of cells as wide as two markers finds the candidates without comparing all.
            function overlappingGroups(items) {
                const parent = items.map(function (item, index) { return index; });
                const root = function (i) {
                    while (parent[i] !== i) { i = parent[i] = parent[parent[i]]; }
                    return i;
                };
                const cell = 2 * items.reduce(function (largest, item) {
                    return Math.max(largest, item.radius);
                }, 0) + GAP;
                const grid = new Map();
                items.forEach(function (item, i) {
                    const cx = Math.floor(item.at.x / cell), cy = Math.floor(item.at.y / cell);
                    for (let dx = -1; dx <= 1; dx++) {
                        for (let dy = -1; dy <= 1; dy++) {
                            for (const j of grid.get((cx + dx) + "," + (cy + dy)) || []) {
                                const apart = item.radius + items[j].radius + GAP;
                                if (item.at.distanceTo(items[j].at) < apart) {
                                    parent[root(i)] = root(j);
                                }
                            }
                        }
                    }
                    const key = cx + "," + cy;
                    if (!grid.has(key)) { grid.set(key, []); }
                    grid.get(key).push(i);
                });
                const groups = new Map();
                items.forEach(function (item, i) {
                    const r = root(i);
                    if (!groups.has(r)) { groups.set(r, []); }
                    groups.get(r).push(item);
                });
                return groups.values();
            }

            function shift(item, offset) {
                const moved = offset.x !== 0 || offset.y !== 0;
                const element = item.layer.getElement();
                element.style.translate = moved ? offset.x + "px " + offset.y + "px" : "";
                element.classList.toggle("gw-spread", moved);
                const tooltip = item.layer.getTooltip();
                if (tooltip) {
                    tooltip.gwOffset = tooltip.gwOffset || L.point(tooltip.options.offset);
                    tooltip.options.offset = tooltip.gwOffset.add(offset);
                }
                if (moved) {
                    const shown = map.layerPointToLatLng(item.at.add(offset));
                    L.polyline([item.layer.getLatLng(), shown], {
                        color: "#333333", weight: 1.5, interactive: false, className: "gw-leader",
                    }).addTo(leaders);
                    L.circleMarker(item.layer.getLatLng(), {
                        radius: 3, stroke: false, fillColor: "#333333", fillOpacity: 1,
                        interactive: false, className: "gw-true-spot",
                    }).addTo(leaders);
                }
            }

            function spread() {
                scheduled = false;
                leaders.clearLayers();
                for (const group of overlappingGroups(shownMarkers())) {
                    if (group.length === 1 || group.length > MAX_GROUP) {
                        group.forEach(function (item) { shift(item, L.point(0, 0)); });
                        continue;
                    }
                    const centre = group.reduce(function (sum, item) {
                        return sum.add(item.at);
                    }, L.point(0, 0)).divideBy(group.length);
                    const bearing = function (item) {
                        return Math.atan2(item.at.y - centre.y, item.at.x - centre.x);
                    };
                    group.sort(function (a, b) { return bearing(a) - bearing(b); });
                    const largest = Math.max(...group.map(function (item) { return item.radius; }));
                    const ring = (largest + GAP / 2) / Math.sin(Math.PI / group.length);
                    const start = bearing(group[0]);
                    group.forEach(function (item, k) {
                        const angle = start + 2 * Math.PI * k / group.length;
                        const spot = centre.add(L.point(Math.cos(angle), Math.sin(angle))
                            .multiplyBy(ring));
                        shift(item, spot.subtract(item.at));
                    });
                }
            }

            function schedule(event) {
                // Only place markers count: the leaders added by spread() would loop.
                if (event.layer && !event.layer.feature) { return; }
                if (!scheduled) {
                    scheduled = true;
                    requestAnimationFrame(spread);
                }
            }
            map.on("zoomend", schedule);
            map.on("layeradd", schedule);
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "SpreadOverlapping"
        self.ring = SELECTED_RING_PX


class OutlineLayer(MacroElement):
    """Country and state borders fetched from the app's own static files: the basemap that
    is always there, tiles or no tiles. Drawn in a pane below every overlay."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            const map = {{ this._parent.get_name() }};
            map.createPane("outline");
            map.getPane("outline").style.zIndex = 250;
            fetch({{ this.url|tojson }})
                .then(function (response) { return response.json(); })
                .then(function (data) {
                    L.geoJSON(data, {
                        pane: "outline",
                        interactive: false,
                        style: function (feature) {
                            const country = feature.properties.kind === "country";
                            return {
                                color: country ? "#555555" : "#9a9a9a",
                                weight: country ? 1.4 : 0.6,
                                fill: country,
                                fillColor: "#f4f1ea",
                                fillOpacity: 1,
                            };
                        },
                    }).addTo(map);
                });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, url: str):
        super().__init__()
        self._name = "OutlineLayer"
        self.url = url


class Legend(MacroElement):
    """What the shapes, fills and lines mean, as a Leaflet control in the map's corner."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            const legend = L.control({position: "topright"});
            legend.onAdd = function () {
                const box = L.DomUtil.create("details", "gw-legend");
                box.innerHTML = {{ this.html|tojson }};
                // Open where there is room for it; folded on narrow maps (phones).
                box.open = map.getSize().x >= 640;
                L.DomEvent.disableClickPropagation(box);
                return box;
            };
            const map = {{ this._parent.get_name() }};
            legend.addTo(map);
        })();
        {% endmacro %}
        {% macro header(this, kwargs) %}
        <style>
        .gw-legend { background: rgba(255,255,255,0.94); color: #1a1a1a; padding: 6px 8px;
            font: 12px/1.35 sans-serif; border-radius: 4px; box-shadow: 0 1px 4px #0004;
            max-width: 240px; }
        .gw-legend summary { font-weight: bold; cursor: pointer; }
        .gw-legend ul { list-style: none; margin: 0 0 4px; padding: 0; }
        .gw-legend li { display: flex; align-items: center; gap: 6px; }
        .gw-legend svg { flex: none; }
        .gw-marker { background: none; border: none; }
        /* The ring of the selected place, part of its marker; clicks pass through it. */
        .gw-selected::after { content: ""; position: absolute; inset: -{{ this.ring }}px;
            border: 3px solid #000000; border-radius: 50%; pointer-events: none;
            box-shadow: 0 0 0 2px #ffffff, inset 0 0 0 2px #ffffff; }
        .gw-marker:focus-visible, .leaflet-container a:focus-visible,
        .gw-legend summary:focus-visible { outline: 3px solid #0b57a4; outline-offset: 2px; }
        .leaflet-tooltip { white-space: normal; width: max-content; max-width: 260px; }
        .gw-arrow { background: none; border: none; }
        </style>
        {% endmacro %}
        """
    )

    def __init__(self, tour: Tour, t: Translator):
        super().__init__()
        self._name = "Legend"
        self.html = legend_html(tour, t)
        self.ring = SELECTED_RING_PX


def legend_html(tour: Tour, t: Translator) -> str:
    """The legend's HTML; every text in it escaped (country names come via the data)."""
    styles = country_styles(tour)
    first = next(iter(styles.values()), CountryStyle(PALETTE[0], SHAPES[0]))

    def item(svg: str, text: str) -> str:
        return f"<li>{svg}<span>{escape_html(text)}</span></li>"

    countries = "".join(
        item(marker_svg(style, planned=False, tour_stop=True), t.country_name(code))
        for code, style in styles.items()
    )
    kinds = "".join(
        [
            item(marker_svg(first, planned=False, tour_stop=True), t("map.legend.held_stop")),
            item(marker_svg(first, planned=True, tour_stop=True), t("map.legend.planned_stop")),
            item(marker_svg(first, planned=False, tour_stop=False), t("map.legend.other_event")),
            item(_legend_line("2 6", 3), t.label("pair_kind", "tour-leg")),
            item(_legend_line(None, 3), t.label("pair_kind", "border-twins")),
            item(_legend_arrow(), t("map.legend.route")),
            item(_legend_halo(), t("map.legend.country_only")),
            item(_legend_spread(), t("map.legend.spread")),
        ]
    )
    return (
        f"<summary>{escape_html(t('map.legend.title'))}</summary>"
        f"<ul>{countries}</ul><ul>{kinds}</ul>"
    )


def _legend_line(dash: str | None, weight: int) -> str:
    dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        '<svg width="26" height="10" aria-hidden="true"><line x1="1" y1="5" x2="25" y2="5" '
        f'stroke="#444444" stroke-width="{weight}"{dash_attribute}/></svg>'
    )


def _legend_arrow() -> str:
    return (
        '<svg width="26" height="12" aria-hidden="true"><line x1="1" y1="6" x2="25" y2="6" '
        'stroke="#333333" stroke-width="2"/><polygon points="20,1 26,6 20,11" fill="#333333"/>'
        "</svg>"
    )


def _legend_spread() -> str:
    return (
        '<svg width="26" height="26" aria-hidden="true"><circle cx="4" cy="22" r="3" '
        'fill="#333333"/><line x1="4" y1="22" x2="17" y2="9" stroke="#333333" '
        'stroke-width="1.5"/><circle cx="17" cy="9" r="7" fill="#ffffff" stroke="#333333"/>'
        "</svg>"
    )


def _legend_halo() -> str:
    return (
        '<svg width="26" height="26" aria-hidden="true"><circle cx="13" cy="13" r="11" '
        'fill="#66666614" stroke="#666666" stroke-dasharray="3 3"/></svg>'
    )
