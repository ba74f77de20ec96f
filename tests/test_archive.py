"""Specification of the offline archive: one HTML file holding the map, every place's
panel, the itinerary and the corrections log in every language, and nothing it would need
a server or the internet for. (Opened from disk in Chromium: tests/browser/test_archive.py;
hostile text in it: tests/test_hostile_text.py.)"""

from __future__ import annotations

import base64
import re

import pytest

from goodwill.archive import archive_html, markdown_html
from goodwill.changes import changes_markdown
from goodwill.citation import dashboard_citation, data_version, package_citation
from goodwill.i18n import LANGUAGES, translator
from goodwill.map.data import map_data
from goodwill.map.template import inert_json
from goodwill.offline import remote_urls_in
from goodwill.panels import place_heading
from goodwill.paths import static_dir
from goodwill.publish import citation_markdown, license_markdown
from goodwill.text import web_address
from goodwill.translations import translated_tour
from goodwill.view import default_view, filter_events
from tests.helpers.archive import ARCHIVE_APP, ARCHIVE_DAY

#: The archive of the shipped tour must stay small: Leaflet, the outline and our own files.
MOST_BYTES = 1_000_000
SENTINEL_SUMMARY = "The Friday before 2016-08-08 is 2016-08-05."


def kept(tour):
    return filter_events(tour, default_view(tour))


@pytest.fixture(scope="module")
def archives(tour):
    return {
        lang: archive_html(tour, kept(tour), lang, app=ARCHIVE_APP, made=ARCHIVE_DAY)
        for lang in LANGUAGES
    }


def panels(html: str) -> list[tuple[str, bool]]:
    """(place id, hidden) of every place panel, in the page's order."""
    found = re.findall(
        r'<section class="gw-archive-place" data-gw-panel="([^"]*)"( hidden)?>', html
    )
    return [(place_id, bool(hidden)) for place_id, hidden in found]


def language_part(html: str, lang: str, what: str) -> str:
    """The HTML of one language's part of the archive (``what``: the element's start)."""
    start = html.index(what.format(lang=lang))
    following = [
        index
        for other in LANGUAGES
        if other != lang and (index := html.find(what.format(lang=other), start)) != -1
    ]
    return html[start : min(following, default=len(html))]


def test_the_archive_of_the_shipped_tour_stays_small(archives):
    for html in archives.values():
        assert len(html.encode("utf-8")) < MOST_BYTES


def test_the_archive_needs_no_server(archives):
    for html in archives.values():
        assert "/app/static/" not in html
        assert "<script src" not in html
        assert 'rel="stylesheet"' not in html


def test_the_only_addresses_of_other_hosts_in_the_archive_are_the_sources_licence_and_app(
    tour, archives
):
    # Addresses a reader may follow or cite: the archive fetches none of them (tested in
    # Chromium from disk: tests/browser/test_archive.py).
    sources = {web_address(url) for url in tour.sources["url"].dropna()} - {None}
    licences = {license_.path for license_ in tour.licenses}
    for html in archives.values():
        remote = set(remote_urls_in(html))
        assert sources <= remote  # the credit links to the story, the panels to each source
        others = remote - sources - licences
        assert all(url.startswith(f"{ARCHIVE_APP}/") for url in others), others


def test_the_archive_inlines_leaflet_the_outline_and_its_own_files(archives):
    html = archives["en"]
    assert "Leaflet 1.9.3" in html  # the banner of the vendored leaflet.js
    assert 'url("data:image/png;base64,' in html  # leaflet.css images
    outline = base64.b64encode((static_dir() / "geo" / "outline.geojson").read_bytes()).decode()
    assert inert_json(f"data:application/geo+json;base64,{outline}") in html
    for name in ("map.js", "map.css", "archive.js", "archive.css"):
        text = (static_dir() / "goodwill" / name).read_text(encoding="utf-8")
        # Addresses named in a script (the link to Leaflet) are written with escaped
        # slashes, which read the same in a JavaScript string.
        assert text.replace("https://", "https:\\/\\/") in html


def test_the_archive_holds_every_marker_of_the_map(tour, archives):
    events = kept(tour)
    markers = map_data(translated_tour(tour, "en"), events, translator("en")).markers
    assert {marker.place_id for marker in markers} == set(events["place_id"])
    for marker in markers:
        assert marker.row in archives["en"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_archive_opens_in_its_language_with_the_others_hidden(tour, archives, lang):
    html = archives[lang]
    t = translator(lang)
    reader = translated_tour(tour, lang)
    assert f'<html lang="{lang}">' in html
    assert f"<title>{t('archive.title', title=reader.title)}</title>" in html
    for code in LANGUAGES:
        hidden = "" if code == lang else " hidden"
        assert html.count(f'data-gw-lang="{code}" lang="{code}"{hidden}>') == 3
        pressed = "true" if code == lang else "false"
        assert f'data-gw-language="{code}" lang="{code}" aria-pressed="{pressed}"' in html


def test_the_archive_credits_the_story_and_links_to_it(tour, archives):
    story = tour.sources.set_index("source_id").loc["star"]
    for lang, html in archives.items():
        header = language_part(html, lang, '<div class="gw-archive-title" data-gw-lang="{lang}"')
        for text in (story["headline"], story["author"], "Arizona Daily Star"):
            assert text in header
        read = translator(lang)("archive.read_story")
        assert f'<a href="{web_address(story["url"])}">{read}</a>' in header


def test_every_kept_place_has_a_panel_in_every_language_the_overview_shown_first(tour, archives):
    places = list(dict.fromkeys(kept(tour)["place_id"]))
    expected = [("", False)] + [(place, True) for place in places]
    html = archives["en"]
    assert panels(html) == expected * len(LANGUAGES)
    for lang in LANGUAGES:
        reader, t = translated_tour(tour, lang), translator(lang)
        part = language_part(html, lang, '<div class="gw-archive-panels" data-gw-lang="{lang}"')
        for place in places:
            assert markdown_html(place_heading(reader, place, t)) in part


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_archive_holds_the_itinerary_and_the_corrections_log(tour, archives, lang):
    html, t = archives["en"], translator(lang)
    reader = translated_tour(tour, lang)
    after = language_part(html, lang, '<div class="gw-archive-after" data-gw-lang="{lang}"')
    assert f"<h2>{t('itinerary.heading')}</h2>" in after
    assert after.count('<li><button type="button" data-gw-select=') == len(kept(tour))
    assert f"<h2>{t('sources.heading.changes')}</h2>" in after
    assert markdown_html("\n".join(changes_markdown(reader, t))) in after
    assert len(reader.changes) > 1


def test_in_the_archive_a_summary_is_never_set_as_a_quotation(archives):
    for lang, html in archives.items():
        t = translator(lang)
        part = language_part(html, lang, '<div class="gw-archive-panels" data-gw-lang="{lang}"')
        quoted = " ".join(re.findall(r"<blockquote>(.*?)</blockquote>", part, re.S))
        assert SENTINEL_SUMMARY in part
        assert SENTINEL_SUMMARY not in quoted
        assert "Top federal law enforcement officials" in quoted
        assert f"<em>{t('evidence.summary_of')}</em>" in part
        assert f"<em>{t('evidence.excerpt_from')}</em>" in part


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_archive_says_how_to_cite_it_its_licence_and_its_data_version(tour, archives, lang):
    html, t = archives["en"], translator(lang)
    reader = translated_tour(tour, lang)
    after = language_part(html, lang, '<div class="gw-archive-after" data-gw-lang="{lang}"')
    assert f"<h2>{t('cite.heading')}</h2>" in after
    assert str(data_version(tour)) in after
    for license_ in reader.licenses:
        line = markdown_html(license_markdown(license_, t)).strip()
        assert line.removeprefix("<p>").removesuffix("</p>") in after
    for citation in (
        dashboard_citation(reader, f"{ARCHIVE_APP}/", ARCHIVE_DAY, t),
        package_citation(reader, f"{ARCHIVE_APP}/sources", ARCHIVE_DAY, t),
    ):
        assert markdown_html(citation_markdown(citation, t)) in after
