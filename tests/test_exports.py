"""Specification of the take-away files: safe CSV, valid GeoJSON and the map as one
self-contained HTML file."""

import base64
import csv
import io
import json
from dataclasses import replace

import pandas as pd
import pytest

from goodwill.dataset import TABLE_NAMES
from goodwill.enums import ENUMERATIONS
from goodwill.exports import (
    CSV_ENCODING,
    csv_files,
    filtered_tables,
    neutralise_cell,
    neutralised,
    pairs_geojson,
    places_geojson,
    standalone_map_html,
    to_csv,
)
from goodwill.i18n import translator
from goodwill.map.data import map_data
from goodwill.map.template import inert_json
from goodwill.offline import remote_urls_in
from goodwill.paths import static_dir
from goodwill.view import default_view, filter_events


def read_csv_text(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("cell", ["=1+1", "+x", "-x", "@x", "\tx", "\rx"])
def test_a_text_cell_a_spreadsheet_would_run_gets_a_leading_apostrophe(cell):
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["McAllen", "", "'already quoted", "x=1", None, -110.9, 250])
def test_other_cells_are_left_alone(cell):
    assert neutralise_cell(cell) == cell


def test_numbers_stay_numbers_and_only_text_columns_are_neutralised():
    frame = pd.DataFrame(
        {"name": ['=HYPERLINK("x")', "-x", "Nogales"], "longitude": [-110.9, -98.23, 1.5]}
    )
    out = neutralised(frame)
    assert list(out["name"]) == ['\'=HYPERLINK("x")', "'-x", "Nogales"]
    assert out["longitude"].dtype == float
    rows = read_csv_text(to_csv(frame))
    assert [row["longitude"] for row in rows] == ["-110.9", "-98.23", "1.5"]
    assert rows[1]["name"] == "'-x"


def test_the_shipped_places_csv_keeps_negative_longitudes_as_numbers(tour):
    text = csv_files(tour, tour.events)["places"].decode(CSV_ENCODING)
    longitudes = {row["place_id"]: row["longitude"] for row in read_csv_text(text)}
    assert longitudes["nogales-sonora"] == "-110.9422"


def test_csv_writes_dates_and_booleans_the_way_the_package_does(tour):
    text = csv_files(tour, tour.events)["events"].decode(CSV_ENCODING)
    rows = {row["event_id"]: row for row in read_csv_text(text)}
    assert rows["tucson-2016-08-05"]["date_start"] == "2016-08-05"
    assert rows["tucson-2016-08-05"]["date_inferred"] == "true"
    assert rows["washington-meetings"]["date_start"] == ""


def test_the_filtered_export_keeps_only_rows_related_to_kept_events(tour):
    kept = tour.events[tour.events["place_id"].isin(["tijuana", "san-diego"])]
    tables = filtered_tables(tour, kept)
    assert set(tables) == set(TABLE_NAMES)
    assert set(tables["events"]["event_id"]) == set(kept["event_id"])
    assert set(tables["places"]["place_id"]) == {"tijuana", "san-diego"}
    assert set(tables["city_pairs"]["pair_id"]) == {"san-diego-tijuana"}
    assert set(tables["appearances"]["event_id"]) <= set(kept["event_id"])
    assert set(tables["quotes"]["event_id"]) <= set(kept["event_id"])
    # Nothing dangles: every reference of a kept row resolves inside the export.
    people = set(tables["people"]["person_id"])
    assert set(tables["appearances"]["person_id"]) <= people
    sources = set(tables["sources"]["source_id"])
    for table in tables.values():
        assert set(table["source_id"].dropna()) <= sources


def test_the_tucson_export_keeps_its_speakers_and_quotes(tour):
    kept = tour.events[tour.events["event_id"] == "tucson-2016-08-05"]
    tables = filtered_tables(tour, kept)
    assert {"kerlikowske", "canales", "galindo-ceballos"} <= set(tables["people"]["person_id"])
    assert not tables["quotes"].empty
    assert set(tables["city_pairs"]["pair_id"]) == set()  # Nogales is filtered out


def test_a_filter_by_country_exports_that_country_only(tour):
    view = replace(default_view(tour), countries=frozenset({"MX"}))
    tables = filtered_tables(tour, filter_events(tour, view))
    assert set(tables["places"]["country"]) == {"MX"}


def assert_position(coordinates):
    longitude, latitude = coordinates
    assert -180 <= longitude <= 180
    assert -90 <= latitude <= 90


def test_places_geojson_is_an_rfc7946_feature_collection_in_lon_lat_order(tour):
    collection = json.loads(json.dumps(places_geojson(tour, tour.events)))
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    places = tour.places.set_index("place_id")
    ids = set()
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        assert_position(feature["geometry"]["coordinates"])
        place = places.loc[feature["id"]]
        assert feature["geometry"]["coordinates"] == [place["longitude"], place["latitude"]]
        assert feature["properties"]["name"] == place["name"]
        assert feature["properties"]["event_ids"]
        ids.add(feature["id"])
    assert ids == set(tour.events["place_id"])


def test_pairs_geojson_holds_line_strings_between_kept_places(tour):
    collection = pairs_geojson(tour, tour.events)
    assert collection["type"] == "FeatureCollection"
    assert {feature["id"] for feature in collection["features"]} == set(tour.city_pairs["pair_id"])
    for feature in collection["features"]:
        assert feature["geometry"]["type"] == "LineString"
        assert len(feature["geometry"]["coordinates"]) == 2
        for position in feature["geometry"]["coordinates"]:
            assert_position(position)
        assert feature["properties"]["kind"] in ENUMERATIONS["pair_kind"]
    # Longitude first: McAllen–Reynosa lies near 98° W, 26° N.
    mcallen = next(f for f in collection["features"] if f["id"] == "mcallen-reynosa")
    assert mcallen["geometry"]["coordinates"][0] == [-98.23, 26.2034]


@pytest.fixture(scope="module")
def standalone(tour):
    return standalone_map_html(tour, tour.events, translator("en"))


def test_the_standalone_map_has_no_remote_url(standalone):
    assert remote_urls_in(standalone) == []


def test_the_standalone_map_needs_no_server(standalone):
    assert "/app/static/" not in standalone
    assert "<script src" not in standalone
    assert 'rel="stylesheet"' not in standalone


def test_the_standalone_map_holds_every_marker_of_the_map(tour, standalone):
    # Drawn in Chromium from disk: tests/browser/test_standalone_map.py.
    markers = map_data(tour, tour.events, translator("en")).markers
    assert {marker.place_id for marker in markers} == set(tour.events["place_id"])
    for marker in markers:
        assert marker.row in standalone


def test_the_standalone_map_inlines_the_maps_own_script_and_styles(standalone):
    for name in ("map.js", "map.css"):
        text = (static_dir() / "goodwill" / name).read_text(encoding="utf-8")
        # Addresses named in a script (the link to Leaflet) are written with escaped
        # slashes, which read the same in a JavaScript string.
        assert text.replace("https://", "https:\\/\\/") in standalone


def test_the_standalone_map_inlines_leaflet_its_styles_and_the_outline(standalone):
    assert "Leaflet 1.9.3" in standalone  # the banner of the vendored leaflet.js
    assert ".leaflet-pane" in standalone  # leaflet.css
    assert 'url("data:image/png;base64,' in standalone  # leaflet.css images
    # The border outline, handed to the map as a data: URI and written as data.
    outline = base64.b64encode((static_dir() / "geo" / "outline.geojson").read_bytes()).decode()
    assert inert_json(f"data:application/geo+json;base64,{outline}") in standalone


def test_the_standalone_map_is_in_the_readers_language(tour):
    html = standalone_map_html(tour, tour.events, translator("es"))
    assert '<html lang="es">' in html
    assert "Mapa de la Gira de Buena Voluntad" in html
