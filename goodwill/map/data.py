"""What the map draws, as data: one summary per place, GeoJSON of places, pairs and route,
and :class:`MapData`, everything the data layers need, already written as JSON.

No folium here: this is the part of the map the app caches (``ui.tour_map``), and the
part the tests drive table-style.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from goodwill.dataset import Tour
from goodwill.dates import describe_date_short, in_date_order
from goodwill.enums import EventKind, EventStatus, LocationPrecision
from goodwill.i18n import N_, Translator
from goodwill.map.style import cached_marker_svg, country_styles, pair_style, route_style
from goodwill.map.template import inert_json
from goodwill.story_steps import story_stops

# Six decimals of a degree are about 10 cm: more than a marker can show, less to send.
COORDINATE_DECIMALS = 6
#: Above this many places with events, the places that are neither a tour stop nor the
#: selected place are clustered; the stops and the selection always stay markers of their
#: own, so clustering never hides them.
CLUSTER_ABOVE = 300

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


def clustered(tour: Tour) -> bool:
    """Whether the tour has so many places that its minor places are clustered. A property
    of the tour, not of the filters, so the map loads the clustering script once."""
    return tour.events["place_id"].nunique() > CLUSTER_ABOVE


def place_summaries(tour: Tour, events: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """One row per place that has a kept event, in the order of their first events: its
    dates in words, whether any of its events is a tour stop, and whether all of them are
    still planned.

    Vectorised: each distinct (interval, precision, status) is put into words once, and
    the per-place columns come from one groupby, so 50,000 events take well under a second.
    """
    if events.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    # Places in the order of their first event (undated ones by their bound): the order
    # the place box lists them in.
    ordered = in_date_order(events)
    grouped = ordered.assign(
        _words=_short_dates(ordered, t.lang),
        _stop=ordered["kind"].eq(EventKind.TOUR_STOP),
        _planned=ordered["status"].eq(EventStatus.PLANNED),
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


def clear_caches() -> None:
    """Forget the dates put into words and the marker SVGs (for a cold benchmark run)."""
    _short_date.cache_clear()
    cached_marker_svg.cache_clear()


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
                    "name": name,
                    "tooltip": tooltip,
                    "icon": cached_marker_svg(styles[country], bool(is_planned), bool(stop)),
                    "tour_stop": bool(stop),
                    "planned": bool(is_planned),
                    "precision": precision,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def pair_features(tour: Tour, events: pd.DataFrame, t: Translator) -> dict:
    """GeoJSON lines for the city pairs whose two places both have a kept event, each with
    its Leaflet style in ``properties.style``."""
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
                    "style": pair_style(pair["kind"]),
                },
            )
        )
    return {"type": "FeatureCollection", "features": features}


def route_features(tour: Tour, events: pd.DataFrame, t: Translator) -> dict:
    """The tour route: kept tour stops in date order, one segment per step, each with its
    Leaflet style in ``properties.style``.

    Stops with the same date interval (McAllen and Reynosa, both "last month") have no
    known order between them: their segment is marked ``ordered: false`` and drawn without
    an arrow, rather than inventing a direction.
    """
    stops = events[(events["kind"] == EventKind.TOUR_STOP) & events["date_start"].notna()]
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
            planned = stop["status"] == EventStatus.PLANNED
            here, there = places.loc[previous["place_id"]], places.loc[stop["place_id"]]
            # Translators: The tooltip of a line of the tour's route between two stops.
            key = N_("map.route_step") if ordered else N_("map.route_same_period")
            features.append(
                _line(
                    [here, there],
                    {
                        "ordered": ordered,
                        "planned": planned,
                        "bearing": _bearing(here, there),
                        "tooltip": t(key, start=here["name"], end=there["name"]),
                        "style": route_style(planned=planned, ordered=ordered),
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


class MarkerPoint(NamedTuple):
    """One place's marker: its place, where it is, and its row of the layers' document."""

    place_id: str
    location: tuple[float, float]  # latitude, longitude
    row: str  # what map.js draws it from, already written (inert_json)


@dataclass(frozen=True)
class MapData:
    """What the data layers are drawn from: plain data, so the app can cache it (folium
    objects cannot be: st_folium changes them as it renders them). Everything the map
    draws is made here, once per tour, filter and language, down to the JSON text of the
    whole document: at 10,000 events, writing it is most of a run. Nothing here depends on
    the selected place."""

    summaries: pd.DataFrame
    markers: list[MarkerPoint]  # one per place
    bounds: list[list[float]] | None  # south-west and north-east corners of the places
    places_key: str  # names the set of places: another set, another key

    #: Everything the tour's layers draw (``GoodwillMap.tourLayers``) as one JSON text,
    #: the same for every selection (so the browser fetches it once); and a file name for it
    #: made from its content, so that a browser may cache that file for good.
    document: str
    document_name: str


def _document(
    icons: list[str], status: list[str], markers: list[MarkerPoint], **features: list[str]
) -> str:
    """The layers' document: the distinct marker SVGs (each marker names its own by index),
    the words for held and planned, a row per marker, the GeoJSON features of the halos
    (places known only to the country), the city pairs, the route's steps and its arrows,
    and the place of each step of the story (``?step=`` names a place through it)."""
    parts = {
        "icons": inert_json(icons),
        "status": inert_json(status),
        "markers": _json_list(marker.row for marker in markers),
        **{name: _json_list(written) for name, written in features.items()},
    }
    return "{" + ",".join(f'"{name}":{text}' for name, text in parts.items()) + "}"


def _json_list(written: Iterable[str]) -> str:
    return "[" + ",".join(written) + "]"


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
            properties["name"],
        ]
        markers.append(MarkerPoint(feature["id"], (latitude, longitude), inert_json(row)))
    route = route_features(tour, events, t)["features"]
    status = [
        t.label("event_status", EventStatus.HELD),
        t.label("event_status", EventStatus.PLANNED),
    ]
    document = _document(
        icons,
        status,
        markers,
        halos=[
            inert_json(_point(feature["geometry"], {}))
            for feature in places
            if feature["properties"]["precision"] == LocationPrecision.COUNTRY
        ],
        pairs=[inert_json(feature) for feature in pair_features(tour, events, t)["features"]],
        route=[inert_json(feature) for feature in route],
        arrows=[inert_json(_midpoint(step)) for step in route if step["properties"]["ordered"]],
        steps=[inert_json(place_id) for place_id in story_stops(events)["place_id"]],
    )
    return MapData(
        bounds=_bounds([marker.location for marker in markers]),
        places_key=hashlib.sha256(
            "\n".join(sorted(marker.place_id for marker in markers)).encode()
        ).hexdigest()[:16],
        summaries=summaries,
        markers=markers,
        document=document,
        document_name=f"points-{hashlib.sha256(document.encode()).hexdigest()[:24]}.json",
    )


def _bounds(locations: list[tuple[float, float]]) -> list[list[float]] | None:
    if not locations:
        return None
    latitudes, longitudes = zip(*locations, strict=True)
    return [[min(latitudes), min(longitudes)], [max(latitudes), max(longitudes)]]


def _point(geometry: dict, properties: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _midpoint(step: dict) -> dict:
    (lon_a, lat_a), (lon_b, lat_b) = step["geometry"]["coordinates"]
    middle = {"type": "Point", "coordinates": [(lon_a + lon_b) / 2, (lat_a + lat_b) / 2]}
    return _point(middle, {"bearing": round(step["properties"]["bearing"])})
