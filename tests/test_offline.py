"""The map's JavaScript, CSS, fonts and images come from static/vendor/, never from a CDN."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import branca.colormap
import folium
import folium.plugins
import pytest

from goodwill.offline import (
    RemoteAssetError,
    default_vendor_dir,
    localize_assets,
    remote_urls_in,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = default_vendor_dir()
MANIFEST = json.loads((VENDOR_DIR / "manifest.json").read_text(encoding="utf-8"))
VENDORED_FILES = [f for package in MANIFEST["packages"] for f in package["files"]]
GEOMETRY_FILES = [f for entry in MANIFEST["geometry"] for f in entry["files"]]


def build_map_with_every_element_the_dashboard_uses() -> folium.Map:
    """No tiles: the test is about assets, and a tile template is remote on purpose."""
    fmap = folium.Map(location=[25, -100], zoom_start=5, tiles=None, max_zoom=18)
    stops = folium.FeatureGroup(name="Stops").add_to(fmap)
    cluster = folium.plugins.MarkerCluster().add_to(stops)
    folium.Marker(
        [31.3086, -110.9422],
        popup=folium.Popup("Nogales"),
        tooltip=folium.Tooltip("Nogales"),
        icon=folium.Icon(icon="star", angle=30),
    ).add_to(cluster)
    folium.Marker([19.4326, -99.1332], icon=folium.DivIcon(html="<b>CDMX</b>")).add_to(fmap)
    route = [[31.3086, -110.9422], [19.4326, -99.1332]]
    folium.PolyLine(route).add_to(fmap)
    folium.plugins.AntPath(route).add_to(fmap)
    folium.GeoJson({"type": "FeatureCollection", "features": []}, name="Outline").add_to(fmap)
    folium.plugins.Fullscreen().add_to(fmap)
    folium.LayerControl().add_to(fmap)
    return fmap


@pytest.mark.parametrize("vendored", VENDORED_FILES + GEOMETRY_FILES, ids=lambda f: f["path"])
def test_manifest_checksum_and_size_match_the_file_on_disk(vendored: dict) -> None:
    base = VENDOR_DIR if vendored in VENDORED_FILES else REPO_ROOT
    content = (base / vendored["path"]).read_bytes()
    assert len(content) == vendored["size"]
    assert hashlib.sha256(content).hexdigest() == vendored["sha256"]


def test_every_vendored_file_is_in_the_manifest() -> None:
    on_disk = {
        path.relative_to(VENDOR_DIR).as_posix()
        for path in VENDOR_DIR.rglob("*")
        if path.is_file() and path.name != "manifest.json"
    }
    assert on_disk == {f["path"] for f in VENDORED_FILES}


def test_every_package_names_its_version_and_licence() -> None:
    for package in MANIFEST["packages"]:
        assert package["version"], package["name"]
        assert package["licence"] not in ("", "UNKNOWN"), package["name"]


@pytest.mark.parametrize("stylesheet", sorted(VENDOR_DIR.rglob("*.css")), ids=lambda p: p.name)
def test_every_file_a_vendored_stylesheet_references_exists(stylesheet: Path) -> None:
    references = re.findall(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)""", stylesheet.read_text())
    local = [
        ref.split("?")[0].split("#")[0] for ref in references if not ref.startswith(("data:", "#"))
    ]
    assert not [ref for ref in local if ref.startswith(("http:", "https:", "//"))]
    missing = [ref for ref in local if not (stylesheet.parent / ref).is_file()]
    assert missing == []


def test_localized_map_renders_without_any_remote_url() -> None:
    fmap = build_map_with_every_element_the_dashboard_uses()
    localize_assets(fmap)
    html = fmap.get_root().render()
    assert remote_urls_in(html) == []
    assert '<script src="/app/static/vendor/leaflet@1.9.3/dist/leaflet.js">' in html


def test_tile_template_is_the_only_remote_url_and_only_when_allowed() -> None:
    fmap = build_map_with_every_element_the_dashboard_uses()
    folium.TileLayer("OpenStreetMap").add_to(fmap)
    localize_assets(fmap)
    html = fmap.get_root().render()
    tile_template = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    attribution = "https://www.openstreetmap.org/copyright"
    assert tile_template in remote_urls_in(html)
    assert remote_urls_in(html, allowed=[tile_template, attribution]) == []


def test_localize_assets_does_not_touch_the_class_level_lists_folium_shares() -> None:
    before = list(folium.Map.default_js)
    localize_assets(build_map_with_every_element_the_dashboard_uses())
    assert folium.Map.default_js == before
    assert folium.Map().default_js[0][1].startswith("https://")


def test_links_already_in_a_rendered_page_header_are_rewritten() -> None:
    fmap = build_map_with_every_element_the_dashboard_uses()
    fmap.get_root().render()  # places the CDN links in the figure header first
    localize_assets(fmap)
    assert remote_urls_in(fmap.get_root().header.render()) == []


def test_base_url_is_a_parameter() -> None:
    fmap = folium.Map(tiles=None)
    localize_assets(fmap, base_url="static/vendor/")
    assert fmap.default_js[0][1] == "static/vendor/leaflet@1.9.3/dist/leaflet.js"


def test_an_element_with_an_unvendored_cdn_url_raises_remote_asset_error() -> None:
    fmap = folium.Map(tiles=None)
    mystery_url = "https://cdn.example.org/mystery@1.0.0/mystery.js"
    plugin = folium.plugins.MiniMap().add_to(fmap)
    plugin.default_js = [("mystery", mystery_url)]
    with pytest.raises(RemoteAssetError) as raised:
        localize_assets(fmap)
    assert "MiniMap" in str(raised.value)
    assert mystery_url in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_a_colormap_is_refused_because_st_folium_adds_d3_from_a_cdn() -> None:
    fmap = folium.Map(tiles=None)
    branca.colormap.LinearColormap(["white", "red"], vmin=0, vmax=1).add_to(fmap)
    with pytest.raises(RemoteAssetError, match="ColorMap"):
        localize_assets(fmap)


def test_remote_urls_in_finds_protocol_relative_sources_but_not_comments() -> None:
    text = '<script src="//cdn.example.org/x.js"></script><script>// just a comment</script>'
    assert remote_urls_in(text) == ["//cdn.example.org/x.js"]


APP_SCRIPT = """
import folium
import folium.plugins
from streamlit_folium import st_folium
from goodwill.offline import localize_assets

fmap = folium.Map(location=[25, -100], zoom_start=5, tiles=None, max_zoom=18)
cluster = folium.plugins.MarkerCluster().add_to(fmap)
folium.Marker([25, -100], popup="p", tooltip="t").add_to(cluster)
folium.plugins.AntPath([[25, -100], [26, -101]]).add_to(fmap)
folium.plugins.Fullscreen().add_to(fmap)
localize_assets(fmap)
st_folium(fmap, height=300, returned_objects=[])
"""


def test_st_folium_hands_the_browser_only_local_links() -> None:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_string(APP_SCRIPT, default_timeout=30).run()
    assert not app.exception
    components = [
        element for element in app.main if getattr(element, "type", "") == "component_instance"
    ]
    assert components, "st_folium rendered no component"
    payload = json.loads(components[0].proto.json_args)
    links = payload["js_links"] + payload["css_links"]
    assert "/app/static/vendor/leaflet@1.9.3/dist/leaflet.js" in payload["js_links"]
    assert [link for link in links if not link.startswith("/app/static/vendor/")] == []
    assert remote_urls_in(payload["script"] + payload["header"] + payload["html"]) == []
