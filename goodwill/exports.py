"""The tour as files to take away: filtered CSV tables, GeoJSON, and the map made into one
HTML file that opens from disk with no server and no internet (the archive,
:mod:`goodwill.archive`).

CSV cells are neutralised for spreadsheets (OWASP, "CSV Injection"): a text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
apostrophe, so a spreadsheet shows it instead of running it as a formula. Only text
columns are touched: a longitude of -110.9 stays the number it is.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import re
from pathlib import Path

import folium
import pandas as pd

from goodwill.dataset import TABLE_NAMES, Tour
from goodwill.evidence import evidence_kind
from goodwill.i18n import Translator
from goodwill.map.assembly import base_map, data_layers
from goodwill.offline import remote_urls_in
from goodwill.paths import STATIC_URL, static_dir

#: What a spreadsheet may read as the start of a formula (OWASP CSV injection guidance).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV without a byte-order mark as the local code page, which would turn
# "Damián" into exactly the mojibake the data had repaired.
CSV_ENCODING = "utf-8-sig"


# --------------------------------------------------------------------------- CSV


def neutralise_cell(value: object) -> object:
    """``value`` with a leading apostrophe if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell neutralised; other columns untouched."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_cell)
    return out


def _as_package_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates and booleans written the package's way (2016-08-05, true/false)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[column] = series.dt.strftime("%Y-%m-%d").astype(object).where(series.notna(), None)
        elif pd.api.types.is_bool_dtype(series):
            out[column] = series.map({True: "true", False: "false"})
    return out


def to_csv(frame: pd.DataFrame) -> str:
    """The table as CSV text, formulas neutralised, numbers left as numbers."""
    return neutralised(_as_package_text(frame)).to_csv(index=False, lineterminator="\r\n")


def filtered_tables(tour: Tour, events: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every table cut down to the kept ``events`` and what relates to them: their places,
    the city pairs between kept places, their appearances and quotes, the people in those,
    and every source any kept row cites (with the sources that describe those)."""
    event_ids = set(events["event_id"])
    place_ids = set(events["place_id"])
    places = tour.places[tour.places["place_id"].isin(place_ids)]
    pairs = tour.city_pairs[
        tour.city_pairs["place_a_id"].isin(place_ids)
        & tour.city_pairs["place_b_id"].isin(place_ids)
    ]
    appearances = tour.appearances[tour.appearances["event_id"].isin(event_ids)]
    quotes = tour.quotes[tour.quotes["event_id"].isin(event_ids)]
    person_ids = (
        set(appearances["person_id"])
        | set(appearances["on_behalf_of"].dropna())
        | set(quotes["person_id"])
    )
    people = tour.people[tour.people["person_id"].isin(person_ids)]
    tables = {
        "places": places,
        "events": events,
        "city_pairs": pairs,
        "people": people,
        "appearances": appearances,
        "quotes": quotes,
    }
    cited = set()
    for name, table in tables.items():
        cited |= set(table["source_id"].dropna())
        if name == "events":
            cited |= set(table["date_source_id"].dropna())
    by_id = tour.sources.set_index("source_id")["cited_by"]
    # A source is described by another (its cited_by): keep the chain, so no reference dangles.
    frontier = set(cited)
    while frontier:
        frontier = {by_id[source] for source in frontier if source in by_id} - cited
        cited |= frontier
    tables["sources"] = tour.sources[tour.sources["source_id"].isin(cited)]
    return {name: tables[name] for name in TABLE_NAMES}


def csv_files(tour: Tour, events: pd.DataFrame) -> dict[str, bytes]:
    """``{table name: CSV bytes}`` of :func:`filtered_tables`, ready to download."""
    return {
        name: to_csv(table).encode(CSV_ENCODING)
        for name, table in filtered_tables(tour, events).items()
    }


# --------------------------------------------------------------------------- GeoJSON


def _plain(value: object) -> object:
    """A JSON-ready value: missing as null, dates as YYYY-MM-DD, numpy scalars as Python."""
    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value.item() if hasattr(value, "item") else value


def places_geojson(tour: Tour, events: pd.DataFrame) -> dict:
    """RFC 7946 points of the places with a kept event: [longitude, latitude], every column
    of the place as a property, plus the ids of its kept events and the kind of its
    evidence (:func:`evidence_kind`)."""
    features = []
    for _, place in filtered_tables(tour, events)["places"].iterrows():
        properties = {
            column: _plain(value)
            for column, value in place.items()
            if column not in ("latitude", "longitude")
        }
        here = events[events["place_id"] == place["place_id"]]
        properties["event_ids"] = sorted(here["event_id"])
        properties["evidence_kind"] = evidence_kind(tour, place["source_id"])
        features.append(
            {
                "type": "Feature",
                "id": place["place_id"],
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(place["longitude"]), float(place["latitude"])],
                },
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def pairs_geojson(tour: Tour, events: pd.DataFrame) -> dict:
    """RFC 7946 line strings of the city pairs whose two places both have a kept event,
    with the kind of each one's evidence."""
    places = tour.places.set_index("place_id")
    features = []
    for _, pair in filtered_tables(tour, events)["city_pairs"].iterrows():
        ends = [places.loc[pair["place_a_id"]], places.loc[pair["place_b_id"]]]
        properties = {column: _plain(value) for column, value in pair.items()}
        properties["place_a_name"], properties["place_b_name"] = (end["name"] for end in ends)
        properties["evidence_kind"] = evidence_kind(tour, pair["source_id"])
        features.append(
            {
                "type": "Feature",
                "id": pair["pair_id"],
                "geometry": {
                    "type": "LineString",
                    "coordinates": [
                        [float(end["longitude"]), float(end["latitude"])] for end in ends
                    ],
                },
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def geojson_text(collection: dict) -> str:
    """GeoJSON text (UTF-8, names as written)."""
    return json.dumps(collection, ensure_ascii=False, indent=1)


# --------------------------------------------------------------------------- standalone map

_SCRIPT_LINK = re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*>\s*</script>""")
_STYLE_LINK = re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*/?>""")
_CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
# The namespace and licence URLs in the vendored files are names, not fetches. Written
# with escaped slashes they mean the same in JavaScript, JSON and CSS strings (and are
# plain text in comments), and the file then holds no address a browser could fetch.
_NAME_URL = re.compile(r"(https?):/(/)")
# Where an address would be fetched, not named: those must all have been inlined. (A link
# a reader may click, like Leaflet's own in the attribution, is not a fetch.)
_FETCHED_REMOTE = re.compile(
    r"""(?:\bsrc\s*=\s*["']?|<link\b[^>]*?\bhref\s*=\s*["']?|url\(\s*["']?"""
    r"""|@import\s+["']?|fetch\(\s*["'])"""
    r"""((?:https?:)?//[^\s"'<>()]+)""",
    re.IGNORECASE,
)


class StandaloneMapError(ValueError):
    """The standalone map would still need a server or the internet."""


def _static_file(url: str, base_url: str, folder: Path) -> Path:
    prefix = base_url.rstrip("/") + "/"
    if not url.startswith(prefix):
        raise StandaloneMapError(f"not one of the app's static files: {url}")
    file = (folder / url.removeprefix(prefix)).resolve()
    if folder.resolve() not in file.parents or not file.is_file():
        raise StandaloneMapError(f"no static file for {url}")
    return file


def _data_uri(file: Path) -> str:
    kind = mimetypes.guess_type(file.name)[0] or {
        ".woff2": "font/woff2",
        ".woff": "font/woff",
        ".ttf": "font/ttf",
    }.get(file.suffix, "application/octet-stream")
    return f"data:{kind};base64,{base64.b64encode(file.read_bytes()).decode('ascii')}"


def _inline_css(file: Path) -> str:
    """The stylesheet with every relative ``url(...)`` replaced by a data: URI."""

    def replace(match: re.Match) -> str:
        target = match.group(2).strip()
        if target.startswith(("data:", "#")):
            return match.group(0)  # already inline, or an SVG/VML fragment reference
        path = target.split("?", 1)[0].split("#", 1)[0]
        asset = (file.parent / path).resolve()
        if not asset.is_file():
            raise StandaloneMapError(f"{file.name} refers to {target}, which is not vendored")
        return f'url("{_data_uri(asset)}")'

    return _CSS_URL.sub(replace, file.read_text(encoding="utf-8"))


def _script(text: str) -> str:
    # Only "</script" could end the element early; "<\/" reads the same inside JS strings.
    return "<script>" + text.replace("</script", "<\\/script") + "</script>"


def inline_assets(html: str, base_url: str = STATIC_URL, folder: Path | None = None) -> str:
    """Replace every ``<script src>`` and stylesheet ``<link>`` of the app's static files
    (vendored or its own; ``folder``: the app's static/ by default) by its content."""
    folder = Path(folder or static_dir())

    def script(match: re.Match) -> str:
        file = _static_file(match.group(1), base_url, folder)
        return _script(_NAME_URL.sub(r"\1:\\/\\/", file.read_text(encoding="utf-8")))

    def style(match: re.Match) -> str:
        if "stylesheet" not in match.group(0):
            return match.group(0)
        file = _static_file(match.group(1), base_url, folder)
        css = _NAME_URL.sub(r"\1:\\/\\/", _inline_css(file))
        return "<style>" + css.replace("</style", "<\\/style") + "</style>"

    return _STYLE_LINK.sub(style, _SCRIPT_LINK.sub(script, html))


def standalone_map(tour: Tour, events: pd.DataFrame, t: Translator) -> folium.Map:
    """The map of the kept events as the archive holds it (:mod:`goodwill.archive`): the
    border outline inside it as a data: URI, and no background tiles (they would come from
    a tile server)."""
    outline_file = static_dir() / "geo" / "outline.geojson"
    outline = base64.b64encode(outline_file.read_bytes()).decode("ascii")
    fmap = base_map(tour, t, tiles=False, outline_url=f"data:application/geo+json;base64,{outline}")
    for group in data_layers(tour, events, t):
        group.add_to(fmap)
    return fmap


def self_contained(page: str) -> str:
    """``page`` (rendered HTML that links the app's static files) with every script,
    stylesheet, font and image inside it, so that it opens from disk with no server and no
    internet.

    Raises :class:`StandaloneMapError` if anything in it could still be fetched, or if it
    names any address of another host at all.
    """
    html = inline_assets(page)
    # Data text (a tooltip may quote "url(http://…)") cannot look like a fetch: the map
    # writes it as JSON with every "/" escaped (goodwill.map.template.inert_json_dumps).
    fetched = _FETCHED_REMOTE.findall(html)
    if fetched:
        raise StandaloneMapError(f"the page would fetch from elsewhere: {fetched[:5]}")
    remote = remote_urls_in(html)
    if remote:
        raise StandaloneMapError(f"the page would fetch from elsewhere: {remote[:5]}")
    leftover = re.findall(r"""(?:src|href)\s*=\s*["'](/[^"']*)""", html)
    if leftover:
        raise StandaloneMapError(f"the page would need the app's server for: {leftover[:5]}")
    return html
