"""The layout a reader meets, measured with element boxes: on a phone the map is on the
first screen, a tapped marker brings its panel into view, and the timeline fits; on a
laptop the map stays in view beside a long panel."""

import pytest
from playwright.sync_api import Page, expect

from goodwill.dataset import load_tour
from goodwill.i18n import translator
from goodwill.timeline import timeline_rows
from goodwill.translations import translated_tour
from tests.helpers.browser import MAP_FRAME, PHONE, WIDE, open_map_page, wait_until_settled

TOUR = load_tour()
PANEL_HEADING = ".st-key-gw-panel h3"
# The page scrolls inside Streamlit's main area, not the window.
SCROLLED = "document.querySelector('[data-testid=stMain]').scrollTop"


def in_viewport(page: Page, selector: str) -> bool:
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight;
        }""",
        selector,
    )


@pytest.mark.parametrize("page", [PHONE], ids=["375x812"], indirect=True)
def test_on_a_phone_the_map_starts_on_the_first_screen(page, app_url):
    open_map_page(page, app_url)
    wait_until_settled(page)
    top = page.locator(MAP_FRAME).bounding_box()["y"]
    # Not just its edge: the upper half of the screen reaches the map.
    assert top < PHONE["height"] / 2, (
        f"the map starts {top:.0f} px down a {PHONE['height']} px screen"
    )
    # What folded away is one tap away.
    expect(page.get_by_text(translator("en")("map.more"))).to_be_visible()


@pytest.mark.parametrize("page", [PHONE], ids=["375x812"], indirect=True)
def test_on_a_phone_a_tapped_marker_brings_its_panel_heading_into_view(page, app_url):
    open_map_page(page, app_url)
    wait_until_settled(page)
    # Below the map, the panel starts off the screen.
    assert not in_viewport(page, PANEL_HEADING)
    page.frame_locator(MAP_FRAME).locator('[data-place-id="nogales-sonora"]').tap()
    heading = page.locator(PANEL_HEADING).first
    expect(heading).to_have_text("Nogales · Sonora · Mexico", timeout=15_000)
    page.wait_for_function(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight;
        }""",
        arg=PANEL_HEADING,
        timeout=5_000,
    )


@pytest.mark.parametrize("page", [WIDE], ids=["1440x900"], indirect=True)
def test_on_a_wide_screen_a_click_leaves_the_page_where_it_is(page, app_url):
    # The panel is beside the map there: nothing to bring into view.
    open_map_page(page, app_url)
    page.frame_locator(MAP_FRAME).locator('[data-place-id="nogales-sonora"]').click()
    expect(page.locator(PANEL_HEADING).first).to_have_text("Nogales · Sonora · Mexico")
    wait_until_settled(page)
    assert page.evaluate(SCROLLED) == 0
    assert in_viewport(page, PANEL_HEADING)


@pytest.mark.parametrize("page", [WIDE], ids=["1440x900"], indirect=True)
def test_on_a_wide_screen_the_map_stays_in_view_while_a_long_panel_scrolls(page, app_url):
    open_map_page(page, f"{app_url}/?place=pima-west-campus")
    wait_until_settled(page)
    panel = page.locator(".st-key-gw-panel")
    assert panel.bounding_box()["height"] > 2 * WIDE["height"], "Tucson's panel is long"
    # Scrolled down as a reader would, until the panel's last section comes into view.
    panel.locator('[data-testid="stExpander"]').last.evaluate(
        "(section) => section.scrollIntoView({block: 'end'})"
    )
    wait_until_settled(page)
    assert page.evaluate(SCROLLED) > 1000
    box = page.locator(MAP_FRAME).bounding_box()
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= WIDE["height"]


def text_boxes(page: Page) -> list[dict]:
    """Every piece of text the timeline chart draws, with its box on the page."""
    return page.evaluate(
        """() => [...document.querySelectorAll(".vega-embed svg text")]
            // Vega hides an axis label that would overlap another by making it transparent.
            .filter((text) => text.textContent.trim() !== ""
                && getComputedStyle(text).opacity !== "0"
                && text.getAttribute("opacity") !== "0")
            .map((text) => {
                const box = text.getBoundingClientRect();
                return {text: text.textContent, left: box.left, right: box.right,
                        top: box.top, bottom: box.bottom,
                        role: text.closest("[class*='role-']")?.getAttribute("class") || ""};
            })"""
    )


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for index, a in enumerate(boxes)
        for b in boxes[index + 1 :]
        if a["left"] < b["right"] - 0.5
        and b["left"] < a["right"] - 0.5
        and a["top"] < b["bottom"] - 0.5
        and b["top"] < a["bottom"] - 0.5
    ]


@pytest.mark.parametrize("page", [PHONE], ids=["375x812"], indirect=True)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_at_375_px_the_timeline_has_no_text_over_text_nothing_off_screen_and_a_whole_legend(
    page, app_url, wait_for_app, lang
):
    t = translator(lang)
    page.goto(f"{app_url}/timeline?lang={lang}")
    wait_for_app(page)
    page.wait_for_selector(".vega-embed svg text", timeout=30_000)
    wait_until_settled(page)
    boxes = text_boxes(page)
    assert overlapping(boxes) == []
    assert [b["text"] for b in boxes if b["left"] < 0 or b["right"] > PHONE["width"]] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Nothing cut short: every lane named, every country in the legend, whole.
    assert [b["text"] for b in boxes if b["text"].endswith("…")] == []
    tour = translated_tour(TOUR, lang)
    rows = timeline_rows(tour, tour.events, t)
    shown = {b["text"] for b in boxes}
    assert set(rows["lane"]) <= shown
    assert set(rows["country_name"]) <= shown
