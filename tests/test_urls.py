"""The route table (goodwill/urls.py): the app serves every page at its route, whatever the
page's file is called, and nothing else writes a page's address."""

import ast
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from goodwill import urls
from goodwill.quotes import permalink
from goodwill.view import default_view, map_url

ROOT = Path(__file__).resolve().parents[1]
APP_CODE = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
APP_CODE += sorted((ROOT / "goodwill").rglob("*.py")) + sorted((ROOT / "ui").rglob("*.py"))


def registered_url_paths(app: Path, monkeypatch) -> list[str]:
    """The url_path of every page the app's navigation registers, in order."""
    registered = []
    navigation = streamlit.navigation

    def recording(pages, *args, **kwargs):
        registered[:] = [page.url_path for page in pages]
        return navigation(pages, *args, **kwargs)

    monkeypatch.setattr(streamlit, "navigation", recording)
    at = AppTest.from_file(str(app), default_timeout=60).run()
    assert not at.exception
    return registered


def test_the_app_serves_every_page_at_its_route(monkeypatch):
    assert registered_url_paths(ROOT / "app.py", monkeypatch) == [
        route.url_path for route in urls.ROUTES
    ]


def test_renaming_a_page_file_keeps_its_address(tmp_path, monkeypatch):
    # A copy of the app whose page scripts all have other names.
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    (tmp_path / "pages").mkdir()
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    for script in sorted((ROOT / "pages").glob("*.py")):
        renamed = f"renamed_{script.name}"
        shutil.copy(script, tmp_path / "pages" / renamed)
        app = app.replace(f'"pages/{script.name}"', f'"pages/{renamed}"')
    (tmp_path / "app.py").write_text(app, encoding="utf-8")
    assert registered_url_paths(tmp_path / "app.py", monkeypatch) == [
        route.url_path for route in urls.ROUTES
    ]


def _string_constants(file: Path) -> list[str]:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


@pytest.mark.parametrize("file", APP_CODE, ids=lambda file: str(file.relative_to(ROOT)))
def test_no_module_but_the_route_table_writes_a_page_address(file):
    if file == ROOT / "goodwill" / "urls.py":
        return
    addresses = [route.url() for route in urls.ROUTES if not route.is_home]
    written = [
        text
        for text in _string_constants(file)
        # The home page's address is "/", which also joins paths: only "/?" is its link.
        if text.startswith("/?") or any(text.split("?")[0] == address for address in addresses)
    ]
    assert written == [], "build the link with goodwill.urls"


def test_a_map_link_is_the_map_route_with_the_view_in_its_query(tour):
    link = urlsplit(map_url(tour, default_view(tour), "es", place="reynosa"))
    assert link.path == urls.MAP.url()
    assert parse_qs(link.query) == {"place": ["reynosa"], "lang": ["es"]}


def test_a_permalink_is_the_quotes_route_with_the_quote_in_its_query():
    link = urlsplit(permalink("canales-each-side", "es"))
    assert link.path == urls.QUOTES.url()
    assert parse_qs(link.query) == {"quote": ["canales-each-side"], "lang": ["es"]}


def test_a_route_url_encodes_its_query_and_the_home_page_is_the_root():
    assert urls.Route("somewhere").url({"q": "a&b c"}) == "/somewhere?q=a%26b+c"
    assert urls.Route("").url() == "/"
