"""AppTest smoke tests: the frame and every page run without an exception, in both
languages, and a broken data package is explained rather than raised."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import set_cell

PAGES = [
    "pages/map.py",
    "pages/people.py",
    "pages/timeline.py",
    "pages/quotes.py",
    "pages/sources.py",
]
TIMEOUT = 60
APP = str(Path(__file__).resolve().parents[1] / "app.py")


def run_app(page: str | None = None, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_an_exception(page):
    at = run_app(page)
    assert not at.exception
    assert at.title


def test_the_home_page_shows_the_title_in_english_by_default():
    at = run_app()
    assert at.title[0].value == "Goodwill Tour Map"


def test_lang_es_in_the_link_shows_spanish():
    at = run_app(query={"lang": "es"})
    assert at.title[0].value == "Mapa de la Gira de Buena Voluntad"
    assert at.sidebar.selectbox[0].value == "es"


def test_an_unknown_language_in_the_link_falls_back_to_english_with_a_notice():
    at = run_app(query={"lang": "xx"})
    assert not at.exception
    assert at.title[0].value == "Goodwill Tour Map"
    assert any("lang=xx" in toast.value for toast in at.toast)


def test_a_broken_data_package_shows_its_problems_not_a_traceback(package_copy, monkeypatch):
    set_cell(package_copy, "events", "nogales-2016-08-04", "date_end", "2016-08-03")
    monkeypatch.setenv("GOODWILL_DATA", str(package_copy))
    at = run_app()
    assert not at.exception
    assert "could not be loaded" in at.error[0].value
    assert "events.csv:4:date_end: ends (2016-08-03) before it starts" in at.code[0].value
