"""The map's JavaScript, CSS, fonts and images come from static/, never from a CDN; what is
vendored is exactly what the map loads."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
from pathlib import Path

import branca.colormap
import folium
import folium.plugins
import pytest

from goodwill.i18n import translator
from goodwill.map.assembly import base_map, data_layers
from goodwill.map.elements import MAP_CSS_URL, MAP_JS_URL
from goodwill.offline import (
    LEAFLET_ASSETS,
    RemoteAssetError,
    default_vendor_dir,
    leaflet_only,
    local_url_for,
    localize_assets,
    remote_urls_in,
)
from goodwill.paths import STATIC_URL, static_dir

REPO_ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = default_vendor_dir()
MANIFEST = json.loads((VENDOR_DIR / "manifest.json").read_text(encoding="utf-8"))
VENDORED_FILES = [f for package in MANIFEST["packages"] for f in package["files"]]
GEOMETRY_FILES = [f for entry in MANIFEST["geometry"] for f in entry["files"]]
APP_FILES = MANIFEST["app"]


def build_dashboard_map(tour) -> folium.Map:
    """The dashboard's map with its data layers; no tiles: the test is about assets, and a
    tile template is remote on purpose."""
    t = translator("en")
    fmap = base_map(tour, t, tiles=False)
    for group in data_layers(tour, tour.events, t):
        group.add_to(fmap)
    return fmap


def assets_loaded_by(fmap: folium.Map) -> set[str]:
    """Every script and stylesheet URL the map's elements link (what st_folium loads)."""
    links = set()
    stack = [fmap]
    while stack:
        element = stack.pop()
        for attribute in ("default_js", "default_css"):
            links |= {url for _, url in getattr(element, attribute, None) or []}
        stack += element._children.values()
    return links


def load_refresh_vendor():
    spec = importlib.util.spec_from_file_location(
        "refresh_vendor", REPO_ROOT / "scripts" / "refresh_vendor.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


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


def test_the_app_section_lists_every_file_of_the_apps_own_and_nothing_else() -> None:
    own = {
        path.relative_to(REPO_ROOT).as_posix()
        for path in (static_dir() / "goodwill").rglob("*")
        if path.is_file()
    }
    assert own == {entry["path"] for entry in APP_FILES}
    assert all(entry["why"] for entry in APP_FILES)


def local_url(repo_path: str) -> str:
    return f"{STATIC_URL}/{Path(repo_path).relative_to('static').as_posix()}"


def test_the_dashboards_map_loads_exactly_the_vendored_assets_and_its_own(large_tour) -> None:
    # A tour large enough to be clustered loads every asset the dashboard can load.
    loaded = assets_loaded_by(build_dashboard_map(large_tour))
    vendored = {
        local_url_for(cdn_url) for vendored in VENDORED_FILES for cdn_url in vendored["replaces"]
    }
    listed = {local_url(entry["path"]) for entry in APP_FILES}
    assert {MAP_JS_URL, MAP_CSS_URL} <= listed
    assert loaded == vendored | {MAP_JS_URL, MAP_CSS_URL}


def test_every_vendored_file_the_map_does_not_link_is_named_by_one_it_links() -> None:
    # Images a stylesheet's url() names, or that leaflet.js derives from its icon's folder.
    linked = [vendored for vendored in VENDORED_FILES if vendored["replaces"]]
    texts = "".join((VENDOR_DIR / vendored["path"]).read_text() for vendored in linked)
    for vendored in VENDORED_FILES:
        if not vendored["replaces"]:
            assert Path(vendored["path"]).name in texts, vendored["path"]
            assert vendored["why"], vendored["path"]


def test_the_refresh_script_vendors_what_the_manifest_lists() -> None:
    refresh = load_refresh_vendor()
    refresh.check_table_against_folium()  # exits unless the table is what the map loads
    table = {
        f"{package.folder_name}/{vendored.path}": sorted(vendored.replaces)
        for package in refresh.PACKAGES
        for vendored in package.files
    }
    assert table == {vendored["path"]: sorted(vendored["replaces"]) for vendored in VENDORED_FILES}
    assert refresh.REQUIRED_FOLIUM_ASSETS["folium.Map"] == LEAFLET_ASSETS


def test_localized_map_renders_without_any_remote_url(tour) -> None:
    fmap = build_dashboard_map(tour)
    localize_assets(fmap)
    html = fmap.get_root().render()
    assert remote_urls_in(html) == []
    assert '<script src="/app/static/vendor/leaflet@1.9.3/dist/leaflet.js">' in html


def test_tile_template_is_the_only_remote_url_and_only_when_allowed(tour) -> None:
    fmap = build_dashboard_map(tour)
    folium.TileLayer("OpenStreetMap").add_to(fmap)
    localize_assets(fmap)
    html = fmap.get_root().render()
    tile_template = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    attribution = "https://www.openstreetmap.org/copyright"
    assert tile_template in remote_urls_in(html)
    assert remote_urls_in(html, allowed=[tile_template, attribution]) == []


def test_localize_assets_does_not_touch_the_class_level_lists_folium_shares(tour) -> None:
    before = list(folium.Map.default_js)
    localize_assets(build_dashboard_map(tour))
    assert folium.Map.default_js == before
    assert folium.Map().default_js[0][1].startswith("https://")


def test_a_map_with_more_than_leaflets_own_files_is_refused() -> None:
    with pytest.raises(RemoteAssetError, match="jquery"):
        localize_assets(folium.Map(tiles=None))


def test_links_already_in_a_rendered_page_header_are_rewritten() -> None:
    fmap = leaflet_only(folium.Map(tiles=None))
    folium.plugins.MarkerCluster().add_to(fmap)
    fmap.get_root().render()  # places the CDN links in the figure header first
    localize_assets(fmap)
    assert remote_urls_in(fmap.get_root().header.render()) == []


def test_base_url_is_a_parameter() -> None:
    fmap = leaflet_only(folium.Map(tiles=None))
    localize_assets(fmap, base_url="static/vendor/")
    assert fmap.default_js[0][1] == "static/vendor/leaflet@1.9.3/dist/leaflet.js"


def test_an_element_with_an_unvendored_cdn_url_raises_remote_asset_error() -> None:
    fmap = leaflet_only(folium.Map(tiles=None))
    mystery_url = "https://cdn.example.org/mystery@1.0.0/mystery.js"
    plugin = folium.plugins.MiniMap().add_to(fmap)
    plugin.default_js = [("mystery", mystery_url)]
    with pytest.raises(RemoteAssetError) as raised:
        localize_assets(fmap)
    assert "MiniMap" in str(raised.value)
    assert mystery_url in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_a_colormap_is_refused_because_st_folium_adds_d3_from_a_cdn() -> None:
    fmap = leaflet_only(folium.Map(tiles=None))
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
from goodwill.offline import leaflet_only, localize_assets

fmap = leaflet_only(folium.Map(location=[25, -100], zoom_start=5, tiles=None, max_zoom=18))
cluster = folium.plugins.MarkerCluster().add_to(fmap)
folium.Marker([25, -100], tooltip="t").add_to(cluster)
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
