"""The offline archive opens from disk in Chromium: every marker drawn, nothing fetched, a
click shows the place's panel, the language switch shows the other language, and a
summary of a source never reads as a quotation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from goodwill.i18n import LANGUAGES, translator
from goodwill.translations import translated_tour
from goodwill.view import default_view, filter_events

SENTINEL_SUMMARY = "The Friday before 2016-08-08 is 2016-08-05."


def kept(tour):
    return filter_events(tour, default_view(tour))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_archive_draws_every_marker_from_disk_without_any_network_request(
    open_archive, tour, lang: str
) -> None:
    events = kept(tour)
    opened = open_archive(tour, events, lang)
    page = opened.page
    # The outline is drawn from the embedded geometry: its pane fills with paths.
    page.wait_for_function(
        "document.querySelectorAll('.leaflet-outline-pane path').length > 0",
        timeout=15_000,
    )
    ids = page.eval_on_selector_all(
        ".gw-marker", "nodes => nodes.map(node => node.dataset.placeId)"
    )
    assert sorted(ids) == sorted(set(events["place_id"]))
    assert page.locator(".gw-legend").count() == 1
    # The itinerary, one row per kept event, and the credit's link to the story.
    expect(page.locator(".gw-archive-itinerary:visible li")).to_have_count(len(events))
    story = tour.sources.set_index("source_id").loc["star", "url"]
    read = page.locator(".gw-archive-title:visible").get_by_role(
        "link", name=translator(lang)("archive.read_story")
    )
    expect(read).to_have_attribute("href", story)
    assert opened.requests == []
    assert opened.errors == []
    assert opened.console_errors == []


def test_a_click_on_a_marker_shows_its_place_and_the_switch_shows_it_in_spanish(
    open_archive, tour
) -> None:
    opened = open_archive(tour, kept(tour), "en")
    page = opened.page
    spanish = translated_tour(tour, "es")
    overview = page.locator('.gw-archive-panels:visible [data-gw-panel=""]')
    expect(overview).to_be_visible()
    page.locator('.gw-marker[data-place-id="nogales-sonora"]').click()
    panel = page.locator('.gw-archive-panels:visible [data-gw-panel="nogales-sonora"]')
    expect(panel).to_be_visible()
    expect(panel.locator("h3")).to_have_text("Nogales · Sonora · Mexico")
    expect(overview).to_be_hidden()
    expect(page.locator('.gw-marker[data-place-id="nogales-sonora"]')).to_have_attribute(
        "aria-current", "true"
    )
    # In Spanish, the same place stays chosen, and the page says it is in Spanish.
    page.get_by_role("button", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    panel = page.locator('.gw-archive-panels:visible [data-gw-panel="nogales-sonora"]')
    expect(panel.locator("h3")).to_have_text("Nogales · Sonora · México")
    expect(page.locator(".gw-archive-title:visible h1")).to_have_text(
        translator("es")("archive.title", title=spanish.title)
    )
    assert page.title() == translator("es")("archive.title", title=spanish.title)
    # The itinerary's place buttons choose a place too; "back to the whole tour" the overview.
    page.locator('.gw-archive-after:visible [data-gw-select="pima-west-campus"]').click()
    tucson = page.locator('.gw-archive-panels:visible [data-gw-panel="pima-west-campus"]')
    expect(tucson).to_be_visible()
    tucson.get_by_role("button", name=translator("es")("archive.whole_tour")).click()
    expect(page.locator('.gw-archive-panels:visible [data-gw-panel=""]')).to_be_visible()
    assert opened.requests == []
    assert opened.errors == []
    assert opened.console_errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_in_the_archive_the_sentinels_date_evidence_is_a_summary_not_a_quotation(
    open_archive, tour, lang: str
) -> None:
    opened = open_archive(tour, kept(tour), lang)
    page = opened.page
    t = translator(lang)
    page.locator('.gw-marker[data-place-id="pima-west-campus"]').click()
    panel = page.locator('.gw-archive-panels:visible [data-gw-panel="pima-west-campus"]')
    panel.locator("details summary").first.click()
    summary = panel.locator("li", has_text=SENTINEL_SUMMARY)
    expect(summary).to_have_count(1)
    expect(summary).to_contain_text(t("evidence.summary_of"))
    assert panel.locator("blockquote", has_text=SENTINEL_SUMMARY).count() == 0
    excerpt = panel.locator("li", has_text=t("evidence.excerpt_from")).first
    expect(excerpt.locator("blockquote")).to_be_visible()
