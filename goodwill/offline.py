"""Point a folium map at the vendored copies of its JavaScript and CSS instead of CDNs.

Why: `st_folium` loads every `default_js` / `default_css` URL of the element tree as a
`<script>` / `<link>` and stops at the first failure; with no route to the CDN the map stays
blank and Streamlit shows no error. `scripts/refresh_vendor.py` copies those files into
`static/vendor/` (served by Streamlit at `/app/static/vendor/...` with
`server.enableStaticServing`) and records in `static/vendor/manifest.json` which CDN URL
each file replaces. `localize_assets` rewrites a map's URLs from that manifest.

Rules for code that draws maps:
- Call `localize_assets(fmap)` after the map and all its children are built and before
  `st_folium` (it only rewrites what is in the tree at that moment). Elements passed to
  `st_folium(feature_group_to_add=...)` are not in the map's tree: localize them too.
- Do not use a branca `ColorMap` (folium's `LinearColormap`, `StepColormap`, choropleth
  legends): `st_folium` adds two hard-coded d3 CDN links for it, which no per-element
  setting can redirect. `localize_assets` raises `RemoteAssetError` when it finds one.
- Only Leaflet's own files and MarkerCluster's are vendored: call `leaflet_only(fmap)`
  first (folium's Map also links jQuery, Bootstrap and Font Awesome, for popups and icons
  our maps do not use). Any other asset raises `RemoteAssetError` until its files are
  added to the refresh script.
- The app's own scripts and styles (`static/goodwill/`, listed in the manifest's `app`
  section) are linked by their local URLs, under `STATIC_URL`.
- Tile layers load images from their servers by design; they are not assets. Offline, the
  map shows `static/geo/outline.geojson` drawn as a layer instead.

This module does not import streamlit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from functools import cache
from pathlib import Path

from branca.colormap import ColorMap
from branca.element import CssLink, Element, JavascriptLink

from goodwill.paths import STATIC_URL, static_dir

DEFAULT_BASE_URL = f"{STATIC_URL}/vendor"
#: The assets of folium's Map that our maps load: Leaflet's own script and stylesheet.
LEAFLET_ASSETS = ("leaflet", "leaflet_css")

_REMOTE_URL = re.compile(r"""(?:https?:)?//[^\s"'<>()\\]+""", re.IGNORECASE)
# Protocol-relative URLs ("//host/x.js") count only where a browser would fetch them, so
# that "// a comment" in inline JavaScript is not mistaken for one.
_FETCHED_URL = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?|@import\s+["'])(//[^\s"'<>()\\]+)""",
    re.IGNORECASE,
)
_ABSOLUTE_URL = re.compile(r"""https?://[^\s"'<>()\\`]+""", re.IGNORECASE)


class RemoteAssetError(ValueError):
    """A map still links a JavaScript or CSS file on another host."""


def _is_remote(url: str) -> bool:
    return bool(_REMOTE_URL.match(url.strip()))


@cache
def _local_paths_by_cdn_url(vendor_dir: Path) -> dict[str, str]:
    """CDN URL -> vendored path (relative to the vendor folder), from the manifest."""
    manifest = json.loads((vendor_dir / "manifest.json").read_text(encoding="utf-8"))
    return {
        cdn_url: vendored["path"]
        for package in manifest["packages"]
        for vendored in package["files"]
        for cdn_url in vendored.get("replaces", [])
    }


def default_vendor_dir() -> Path:
    """``static/vendor/`` of the app (:func:`goodwill.paths.static_dir`)."""
    return static_dir() / "vendor"


def local_url_for(
    cdn_url: str, base_url: str = DEFAULT_BASE_URL, vendor_dir: Path | None = None
) -> str | None:
    """The vendored URL that replaces a folium CDN URL, or None if it is not vendored."""
    path = _local_paths_by_cdn_url(Path(vendor_dir or default_vendor_dir()))
    relative = path.get(cdn_url)
    return None if relative is None else f"{base_url.rstrip('/')}/{relative}"


def leaflet_only(fmap: Element) -> Element:
    """Keep only Leaflet's own script and stylesheet of a folium Map (set on the instance):
    folium's default jQuery, Bootstrap and Font Awesome serve popups and icons our maps do
    not use, and every reader would wait for them."""
    fmap.default_js = [(name, url) for name, url in fmap.default_js if name in LEAFLET_ASSETS]
    fmap.default_css = [(name, url) for name, url in fmap.default_css if name in LEAFLET_ASSETS]
    return fmap


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in list(getattr(element, "_children", {}).values()):
        yield from _walk(child)


def localize_assets(
    fmap: Element, base_url: str = DEFAULT_BASE_URL, vendor_dir: Path | None = None
) -> None:
    """Make every asset of a folium map (or feature group) load from the vendored copies.

    Walks the element and all its descendants (plugins, feature groups, markers...). For
    each element that links assets, assigns new `default_js` / `default_css` lists on the
    instance with each CDN URL replaced by `base_url` + its path in the manifest; the
    class-level lists that folium shares between maps are left alone. If the map has been
    rendered before, the links already placed in its figure header are rewritten too.

    Raises RemoteAssetError naming the element classes and URLs that are still remote
    afterwards (an asset with no vendored copy), or if the tree holds a branca ColorMap.
    """
    remote: list[str] = []
    for element in _walk(fmap):
        label = type(element).__name__
        if isinstance(element, ColorMap):
            remote.append(f"{label}: st_folium adds d3 from CDNs for any ColorMap")
        for attribute in ("default_js", "default_css"):
            links = getattr(element, attribute, None)
            if not links:
                continue
            rewritten = []
            for name, url in links:
                local = local_url_for(url, base_url, vendor_dir) if _is_remote(url) else url
                rewritten.append((name, local or url))
                if local is None:
                    remote.append(f"{label}: {url}")
            setattr(element, attribute, rewritten)

    root = fmap.get_root()
    header = getattr(root, "header", None)
    if header is not None and root is not fmap:
        for link in _walk(header):
            if isinstance(link, (JavascriptLink, CssLink)) and _is_remote(link.url):
                local = local_url_for(link.url, base_url, vendor_dir)
                if local is None:
                    remote.append(f"{type(link).__name__} in the page header: {link.url}")
                else:
                    link.url = local

    if remote:
        listed = "\n  ".join(dict.fromkeys(remote))
        raise RemoteAssetError(
            f"assets that would load from another host (vendor them with "
            f"scripts/refresh_vendor.py):\n  {listed}"
        )


def remote_urls_in(text: str, allowed: Collection[str] = ()) -> list[str]:
    """The http(s) and protocol-relative URLs in rendered HTML/JS, minus the `allowed` ones.

    Meant for tests: "nothing remote reaches the browser". `allowed` holds exact URLs that
    are remote on purpose, such as a tile layer's URL template and its attribution link;
    nothing is allowed unless passed. Duplicates are reported once, in order of appearance.
    """
    found = [match.group(0) for match in _ABSOLUTE_URL.finditer(text)]
    found += [match.group(1) for match in _FETCHED_URL.finditer(text)]
    allowed_set = set(allowed)
    return [url for url in dict.fromkeys(found) if url not in allowed_set]
