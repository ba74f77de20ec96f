"""Which country a coordinate lies in, from Natural Earth 1:10m polygons.

The polygons (goodwill/geodata/countries.geojson, rebuilt by scripts/refresh_geometry.py)
cover North America, Central America and the Caribbean, south of latitude 60. Borders are
simplified by at most 250 m, so a point closer than that to a border can land on either
side; everything else, such as Nogales, Sonora against Nogales, Arizona, is reliable.
A point outside every polygon (at sea, or outside the covered region) has no country.

The file is read once, on first use.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import shapely

COUNTRIES_PATH = Path(__file__).resolve().parent / "geodata" / "countries.geojson"


class _CountryIndex:
    """The country polygons in a spatial index, with the ISO code of each."""

    def __init__(self, path: Path) -> None:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        self.codes = np.array([f["properties"]["iso_a2"] for f in features], dtype=object)
        self.geometries = np.array(
            [shapely.geometry.shape(f["geometry"]) for f in features], dtype=object
        )
        shapely.prepare(self.geometries)  # speeds up every later point-in-polygon test
        self.bounds = shapely.bounds(self.geometries)
        self.geometry_by_code: dict[str, shapely.Geometry] = {}
        for code in sorted(set(self.codes)):
            geometry = shapely.union_all(self.geometries[self.codes == code])
            shapely.prepare(geometry)
            self.geometry_by_code[code] = geometry


@cache
def _index() -> _CountryIndex:
    return _CountryIndex(COUNTRIES_PATH)


def countries_at(lats: Sequence[float], lons: Sequence[float]) -> list[str | None]:
    """ISO 3166-1 alpha-2 code of the country containing each (lat, lon), or None.

    Vectorized: 50,000 points take well under a second. A point exactly on a border gets
    the country that comes first in the file.
    """
    lat_array = np.asarray(lats, dtype=float)
    lon_array = np.asarray(lons, dtype=float)
    if lat_array.shape != lon_array.shape:
        raise ValueError(f"{lat_array.size} latitudes but {lon_array.size} longitudes")
    index = _index()
    flat_lats, flat_lons = lat_array.ravel(), lon_array.ravel()
    found = np.full(flat_lats.size, None, dtype=object)
    # One vectorized prepared-geometry test per polygon, on only the points in its bounding
    # box; much faster than building 50,000 Point objects for an STRtree query.
    for code, geometry, (min_lon, min_lat, max_lon, max_lat) in zip(
        index.codes, index.geometries, index.bounds, strict=True
    ):
        candidates = np.flatnonzero(
            (found == None)  # noqa: E711  (elementwise test on an object array)
            & (flat_lons >= min_lon)
            & (flat_lons <= max_lon)
            & (flat_lats >= min_lat)
            & (flat_lats <= max_lat)
        )
        if candidates.size:
            inside = shapely.intersects_xy(geometry, flat_lons[candidates], flat_lats[candidates])
            found[candidates[inside]] = code
    return found.tolist()


def country_at(lat: float, lon: float) -> str | None:
    """ISO 3166-1 alpha-2 code of the country containing (lat, lon), or None at sea."""
    return countries_at([lat], [lon])[0]


def known_countries() -> set[str]:
    """The ISO alpha-2 codes that have polygons."""
    return set(_index().geometry_by_code)


def distance_to_country(lat: float, lon: float, iso_a2: str) -> float:
    """Distance in degrees from (lat, lon) to the country's outline (0 inside it).

    Degrees, not kilometres: it only serves to forgive points a few kilometres off a
    simplified coastline, where the distortion of degrees does not matter.
    """
    geometry = _index().geometry_by_code.get(iso_a2.upper())
    if geometry is None:
        raise ValueError(f"no polygons for country {iso_a2!r}; known: {sorted(known_countries())}")
    return float(shapely.distance(geometry, shapely.Point(lon, lat)))
