"""Coordinates land in the country that really contains them (Natural Earth 1:10m)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest

from goodwill.geo import (
    COUNTRIES_PATH,
    countries_at,
    country_at,
    distance_to_country,
    known_countries,
)

OUTLINE_PATH = Path(__file__).resolve().parent.parent / "static" / "geo" / "outline.geojson"


def test_nogales_sonora_is_in_mexico_not_the_us() -> None:
    assert country_at(31.3086, -110.9422) == "MX"
    assert distance_to_country(31.3086, -110.9422, "MX") == 0
    assert distance_to_country(31.3086, -110.9422, "US") > 0


def test_reynosa_is_in_mexico_and_mcallen_across_the_river_is_in_the_us() -> None:
    assert country_at(26.0800, -98.2883) == "MX"
    assert country_at(26.2034, -98.2300) == "US"


def test_tijuana_is_in_mexico_and_san_diego_is_in_the_us() -> None:
    assert country_at(32.5149, -117.0382) == "MX"
    assert country_at(32.7157, -117.1611) == "US"


@pytest.mark.parametrize(
    ("place", "lat", "lon", "expected"),
    [
        ("Tucson venue", 32.227, -111.012, "US"),
        ("Washington", 38.9072, -77.0369, "US"),
        ("Mexico City", 19.4326, -99.1332, "MX"),
        ("Guatemala", 15.5, -90.25, "GT"),
        ("El Salvador", 13.75, -88.9, "SV"),
        ("Honduras", 14.8, -86.6, "HN"),
    ],
)
def test_tour_places_are_in_their_country(
    place: str, lat: float, lon: float, expected: str
) -> None:
    assert country_at(lat, lon) == expected, place


@pytest.mark.parametrize(
    ("sea", "lat", "lon"),
    [("Gulf of Mexico", 25.0, -90.0), ("Pacific off Baja", 20.0, -120.0)],
)
def test_a_point_in_the_sea_is_in_no_country(sea: str, lat: float, lon: float) -> None:
    assert country_at(lat, lon) is None, sea


def test_the_region_has_every_north_and_central_american_and_caribbean_country() -> None:
    required = {"US", "MX", "CA", "GT", "BZ", "SV", "HN", "NI", "CR", "PA"}
    required |= {"CU", "DO", "HT", "JM", "BS", "PR"}
    assert required <= known_countries()


def test_an_unknown_country_code_is_an_error_not_a_silent_false() -> None:
    with pytest.raises(ValueError, match="FR"):
        distance_to_country(48.85, 2.35, "FR")


def test_countries_at_agrees_with_country_at_point_by_point() -> None:
    lats = [31.3086, 26.2034, 25.0, 15.5]
    lons = [-110.9422, -98.2300, -90.0, -90.25]
    assert countries_at(lats, lons) == ["MX", "US", None, "GT"]
    assert countries_at(lats, lons) == [country_at(a, o) for a, o in zip(lats, lons, strict=True)]


def test_fifty_thousand_points_take_well_under_a_second() -> None:
    country_at(0, 0)  # loads the polygons once, outside the timing
    generator = np.random.default_rng(2016)
    lats, lons = generator.uniform(7, 50, 50_000), generator.uniform(-125, -75, 50_000)
    started = time.perf_counter()
    found = countries_at(lats, lons)
    assert time.perf_counter() - started < 1.0
    assert len(found) == 50_000
    assert {"US", "MX", None} <= set(found)


def test_country_polygons_carry_iso_code_and_name() -> None:
    features = json.loads(COUNTRIES_PATH.read_text(encoding="utf-8"))["features"]
    assert all(len(f["properties"]["iso_a2"]) == 2 and f["properties"]["name"] for f in features)
    assert COUNTRIES_PATH.stat().st_size < 1_600_000


def test_outline_layer_is_small_and_has_countries_and_both_nations_states() -> None:
    assert OUTLINE_PATH.stat().st_size < 300_000
    features = json.loads(OUTLINE_PATH.read_text(encoding="utf-8"))["features"]
    kinds = {(f["properties"]["kind"], f["properties"]["iso_a2"]) for f in features}
    assert {("country", "US"), ("country", "MX"), ("state", "US"), ("state", "MX")} <= kinds
    names = {f["properties"]["name"] for f in features if f["properties"]["kind"] == "state"}
    assert {"Arizona", "Texas", "Sonora", "Tamaulipas"} <= names
