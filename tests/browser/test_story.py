"""The story mode in a real browser, on a laptop and a phone: the buttons and the arrow
keys step through the tour's stops, a ?step= link opens its step, a screen reader hears
each step, and the focus stays where the reader left it."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from goodwill.dataset import load_tour
from goodwill.i18n import translator
from goodwill.story_steps import story_stops
from tests.helpers.browser import MAP_FRAME, SCREEN_IDS, SCREENS, WIDE, open_map_page
from ui.story import NEXT_KEY, PREVIOUS_KEY

TOUR = load_tour()
STOPS = story_stops(TOUR.events)
PLACES = TOUR.places.set_index("place_id")
EN = translator("en")


def counter(page: Page, number: int, t=EN):
    return page.locator('[data-testid="stMain"]').get_by_text(
        t("story.counter", step=number, total=len(STOPS)), exact=True
    )


def expect_step(page: Page, number: int, t=EN) -> None:
    """Step ``number`` is shown, its stop selected on the map, and the URL says so."""
    expect(counter(page, number, t)).to_be_visible(timeout=15_000)
    place_id = STOPS["place_id"].iloc[number - 1]
    heading = page.locator(".st-key-gw-panel h3").first
    expect(heading).to_contain_text(PLACES.loc[place_id, "name"])
    selected = page.frame_locator(MAP_FRAME).locator(f'.gw-selected[data-place-id="{place_id}"]')
    expect(selected).to_be_visible(timeout=15_000)
    page.wait_for_function(f"new URLSearchParams(location.search).get('step') === '{number}'")


def button(page: Page, key: str):
    return page.locator(f".st-key-{key} button")


def focused_key(page: Page) -> str | None:
    """The story button that has the focus (by its key), if one has."""
    return page.evaluate(
        """() => {
            const container = document.activeElement.closest("[class*='st-key-story_']");
            return container ? [...container.classList].find((c) => c.startsWith("st-key-"))
                .slice("st-key-".length) : null;
        }"""
    )


def heard(page: Page) -> str:
    """What the page's live region last said."""
    return page.evaluate("document.getElementById('gw-live').textContent")


@pytest.mark.parametrize("page", SCREENS, ids=SCREEN_IDS, indirect=True)
def test_the_buttons_step_forward_and_back_and_the_focus_stays_on_the_button(page, app_url):
    open_map_page(page, app_url)
    page.get_by_role("radio", name=EN("story.mode.story")).click()
    expect_step(page, 1)
    button(page, NEXT_KEY).click()
    expect_step(page, 2)
    assert focused_key(page) == NEXT_KEY
    button(page, NEXT_KEY).click()
    expect_step(page, 3)
    button(page, PREVIOUS_KEY).click()
    expect_step(page, 2)
    assert focused_key(page) == PREVIOUS_KEY
    assert page.console_errors == []


@pytest.mark.parametrize("page", SCREENS, ids=SCREEN_IDS, indirect=True)
def test_a_step_link_opens_that_step_and_a_screen_reader_hears_it(page, app_url):
    open_map_page(page, f"{app_url}/?step=3")
    expect_step(page, 3)
    nogales = TOUR.events.set_index("event_id").loc["nogales-2016-08-04"]
    page.wait_for_function("document.getElementById('gw-live').textContent !== ''")
    assert heard(page) == (
        f"Step 3 of 6: Nogales, Thursday, 4 August 2016 (inferred). {nogales['summary']}"
    )
    button(page, NEXT_KEY).click()
    expect_step(page, 4)
    page.wait_for_function("document.getElementById('gw-live').textContent.startsWith('Step 4')")
    assert "Tucson" in heard(page)
    # The region the reader hears is one that lasts: it was on the page before the step.
    assert page.locator("#gw-live[aria-live='polite']").count() == 1


@pytest.mark.parametrize("page", [WIDE], ids=["1440x900"], indirect=True)
def test_the_arrow_keys_step_unless_the_focus_is_in_a_text_field_or_the_map(
    page, app_url, wait_for_app
):
    open_map_page(page, f"{app_url}/?step=3")
    expect_step(page, 3)
    title = page.locator('[data-testid="stMain"] h1').first
    title.click()
    page.keyboard.press("ArrowRight")
    expect_step(page, 4)
    page.keyboard.press("ArrowLeft")
    expect_step(page, 3)
    # In a text field (the place box's input) and in the map the arrows are theirs.
    page.locator('[data-testid="stSidebar"] input').first.focus()
    page.keyboard.press("ArrowRight")
    page.frame_locator(MAP_FRAME).locator(".leaflet-container").focus()
    page.keyboard.press("ArrowRight")
    # Back on the page, one press moves one step: the two above moved none.
    title.click()
    page.keyboard.press("ArrowRight")
    expect_step(page, 4)
    wait_for_app(page)
    assert parse_qs(urlsplit(page.evaluate("location.href")).query)["step"] == ["4"]


def test_at_the_last_step_the_focus_moves_from_next_to_previous(page, app_url):
    last = len(STOPS)
    open_map_page(page, f"{app_url}/?step={last - 1}")
    button(page, NEXT_KEY).click()
    expect_step(page, last)
    expect(button(page, NEXT_KEY)).to_be_disabled()
    page.wait_for_function(
        f"document.activeElement.closest('.st-key-{PREVIOUS_KEY}') !== null", timeout=5_000
    )
    # The last stop is planned, and says so.
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text(EN("story.planned"))).to_be_visible()


@pytest.mark.parametrize("page", SCREENS, ids=SCREEN_IDS, indirect=True)
def test_the_story_in_spanish(page, app_url):
    es = translator("es")
    open_map_page(page, f"{app_url}/?step=3&lang=es")
    expect_step(page, 3, es)
    expect(button(page, PREVIOUS_KEY)).to_contain_text(es("story.previous"))
    expect(button(page, NEXT_KEY)).to_contain_text(es("story.next"))
    page.wait_for_function("document.getElementById('gw-live').textContent !== ''")
    assert heard(page).startswith("Paso 3 de 6: Nogales, jueves, 4 de agosto de 2016")
    button(page, NEXT_KEY).click()
    expect_step(page, 4, es)
