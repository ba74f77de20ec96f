"""In Spanish, every page reads in Spanish: the only English is the source's own words,
marked ``lang="en"`` and shown with the project's translation, and what Streamlit itself
writes and the app cannot change (listed below, and in the README).

Each page is opened in Chromium against the real server, with every fold opened, the map's
legend unfolded and a marker's tooltip shown. Its visible text and its accessible names
(``aria-label``, ``title``, ``placeholder``, ``alt``), in the page and in the map's iframe,
are read wherever no ancestor says ``lang="en"``, and checked against English stop words.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Frame, Page, expect

from goodwill import urls
from goodwill.i18n import translator
from tests.helpers.browser import MAP_FRAME

#: Words that are English in any English sentence and never Spanish ("a", "de", "en",
#: "no", "son" are left out: they are Spanish words too).
STOP_WORDS = frozenset(
    {
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "with",
        "for",
        "on",
        "at",
        "by",
        "from",
        "this",
        "that",
        "was",
        "were",
        "are",
        "be",
        "has",
        "have",
        "said",
        "will",
        "it",
        "its",
        "an",
        "or",
        "not",
        "but",
        "they",
        "we",
        "he",
        "she",
        "their",
        "our",
        "would",
        "can",
        "what",
        "which",
        "who",
    }
)
#: English written by Streamlit itself, which no app can change (the README lists these
#: and the others without a stop word; upstream: streamlit/streamlit#1353, i18n).
UPSTREAM = (
    re.compile(r"Skip to main content"),  # the skip link, shown when focused
    re.compile(r"Link to heading"),  # the anchor beside a header
    re.compile(r"Help for .+"),  # the name of a widget's "?" help icon
)
# Every text and accessible name of a document that no ancestor marks as English (the
# document's own lang does not count: it is what is being checked).
_COLLECT = """() => {
    const english = (element) => {
        const marked = element.closest("[lang]");
        return marked !== null && marked !== document.documentElement
            && marked.lang.startsWith("en");
    };
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!element || !node.textContent.trim()) continue;
        // Icon ligatures ("keyboard_arrow_down") are glyphs, not words.
        if (element.closest('script, style, [data-testid="stIconMaterial"]')) continue;
        if (!element.checkVisibility({visibilityProperty: true}) || english(element)) continue;
        found.push(node.textContent.trim());
    }
    const names = ["aria-label", "title", "placeholder", "alt"];
    for (const element of document.querySelectorAll(names.map((n) => `[${n}]`).join(","))) {
        if (english(element)) continue;
        for (const name of names) {
            const value = element.getAttribute(name);
            if (value) found.push(value);
        }
    }
    return found;
}"""
_WORD = re.compile(r"[^\W\d_]+")


def english_in(texts: list[str]) -> list[str]:
    """The texts that hold an English stop word, but for the known ones above."""
    return sorted(
        {
            text
            for text in texts
            if not any(known.fullmatch(text) for known in UPSTREAM)
            and STOP_WORDS & {word.lower() for word in _WORD.findall(text)}
        }
    )


def test_the_stop_words_find_english_and_leave_spanish_alone():
    t = translator("es")
    assert english_in(["Show the events of unknown date"]) == ["Show the events of unknown date"]
    assert english_in(["Help for Buscar"]) == []  # Streamlit's own, listed upstream
    assert english_in(["Zoom in"]) == ["Zoom in"]
    assert english_in([t("people.intro"), t("quotes.intro"), t("itinerary.intro")]) == []


def texts_of(frame: Frame) -> list[str]:
    return frame.evaluate(_COLLECT)


def open_in_spanish(page: Page, url: str, wait_for_app) -> None:
    page.goto(url)
    wait_for_app(page)
    # Every fold open: the evidence and its translations are read too.
    for fold in page.locator('[data-testid="stExpander"] summary').all():
        fold.click()
    page.mouse.wheel(0, 20_000)  # bring every lazy element into view


@pytest.mark.parametrize("route", urls.ROUTES, ids=lambda route: route.url_path or "map")
def test_each_page_in_spanish_has_no_english_outside_the_sources_words(
    page: Page, app_url: str, wait_for_app, route
):
    query = {"lang": "es", **({"place": "pima-west-campus"} if route.is_home else {})}
    open_in_spanish(page, app_url + route.url(query), wait_for_app)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    found = texts_of(page.main_frame)
    if route.is_home:
        frame = page.frame_locator(MAP_FRAME)
        expect(frame.locator(".gw-marker").first).to_be_visible(timeout=30_000)
        frame.locator(".gw-legend summary").click()
        frame.locator('[data-place-id="nogales-sonora"]').hover()
        expect(frame.locator(".leaflet-tooltip")).to_be_visible()
        map_frame = next(f for f in page.frames if "st_folium" in f.url)
        found += texts_of(map_frame)
    assert english_in(found) == []


def test_the_sources_words_are_marked_english_each_with_the_projects_translation(
    page: Page, app_url: str, wait_for_app
):
    open_in_spanish(page, app_url + urls.QUOTES.url({"lang": "es"}), wait_for_app)
    quotes = page.locator('[data-testid="stMain"] blockquote')
    expect(quotes.first).to_be_visible()
    label = translator("es").t("translation.label")
    for index in range(quotes.count()):
        quote = quotes.nth(index)
        assert quote.locator('[lang="en"]').count() == 1
        assert label in quote.inner_text()
    # The reader can always read the original: it is on the page, not behind a switch.
    expect(page.locator('[lang="en"]', has_text="It’s an opportunity").first).to_be_visible()


def test_the_page_says_it_is_in_the_language_the_reader_chose(
    page: Page, app_url: str, wait_for_app
):
    page.goto(f"{app_url}/?lang=es")
    wait_for_app(page)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="English").click()
    wait_for_app(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
