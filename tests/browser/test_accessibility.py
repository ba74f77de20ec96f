"""Accessibility in a real browser: an axe-core audit of every page in both themes, the
whole story with the keyboard alone, and a phone-sized screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.helpers.browser import MAP_FRAME, wait_until_settled

PAGES = ["Map", "People", "Timeline", "Quotes", "Sources & data"]
# Rules switched off for elements that Streamlit or Leaflet draw and this project cannot
# change; each is listed with its upstream reference in the README's accessibility section.
UPSTREAM_EXCEPTIONS: dict[str, list[str]] = {}


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page).response
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']}"
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
        for node in violation["nodes"]
        if node["target"] not in UPSTREAM_EXCEPTIONS.get(violation["id"], [])
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_has_a_serious_or_critical_axe_violation(page, app_url, wait_for_app, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{app_url}/?place=pima-west-campus")
    wait_for_app(page)
    found = {}
    for index, name in enumerate(PAGES):
        page.locator('[data-testid="stSidebarNav"] a').nth(index).click()
        wait_for_app(page)
        # Audited at rest: every frame loaded, its images done, nothing animating.
        wait_until_settled(page)
        found[name] = serious_violations(page)
    # The map's story mode, at a step with who was there and a quote.
    page.goto(f"{app_url}/?step=4")
    wait_for_app(page)
    wait_until_settled(page)
    found["Map, story mode"] = serious_violations(page)
    assert found == {name: [] for name in [*PAGES, "Map, story mode"]}


def focused(page: Page) -> dict:
    """What has the keyboard focus, looking inside the map's frame when it is there."""
    return page.evaluate(
        """() => {
            let element = document.activeElement;
            if (element && element.tagName === "IFRAME" && element.contentDocument) {
                element = element.contentDocument.activeElement;
            }
            const style = getComputedStyle(element);
            return {
                label: element.getAttribute("aria-label") || "",
                place: element.getAttribute("data-place-id") || "",
                ring: style.outlineStyle !== "none" && style.outlineWidth !== "0px",
            };
        }"""
    )


def tab_to(page: Page, wanted, limit: int = 120) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if wanted(now):
            return now
    raise AssertionError("the keyboard never reached it")


def test_the_story_can_be_followed_with_the_keyboard_alone(page, app_url, wait_for_app):
    page.goto(app_url)
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')

    # A marker on the map, reached with Tab and chosen with Enter.
    marker = tab_to(page, lambda f: f["place"] == "pima-west-campus")
    assert marker["ring"], "the focused marker shows no focus ring"
    assert marker["label"].startswith("Tucson")
    page.keyboard.press("Enter")
    expect(main.get_by_text("the story says “Friday”")).to_be_visible(timeout=15_000)

    # The place box beside the map: type a name, Enter.
    box = tab_to(page, lambda f: f["label"] == "Place")
    assert box["ring"]
    page.keyboard.type("Nogales")
    page.keyboard.press("Enter")
    expect(main.get_by_text("the story says “Thursday”")).to_be_visible(timeout=15_000)

    # A filter in the sidebar: back up to the switch, Space.
    switch = tab_to(page, lambda f: f["label"] == "Show events of unknown date")
    assert switch["ring"]
    page.keyboard.press("Space")
    expect(main.get_by_text("events of unknown date are hidden")).to_be_visible(timeout=15_000)


def test_on_a_phone_nothing_is_wider_than_the_screen(browser, app_url):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{app_url}/?place=reynosa")
    phone.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    expect(phone.frame_locator(MAP_FRAME).locator(".gw-marker").first).to_be_visible(timeout=30_000)
    phone.screenshot(path="test-artifacts/phone-375x812.png", full_page=True)
    too_wide = phone.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter(e => e.getBoundingClientRect().width > window.innerWidth + 1)
            .map(e => e.tagName + "." + e.className)"""
    )
    assert too_wide == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375

    # The map is usable, and the panels come below it.
    map_box = phone.locator(MAP_FRAME).bounding_box()
    panel_box = phone.get_by_text("Reynosa · Tamaulipas · Mexico").bounding_box()
    assert map_box["height"] >= 300
    assert panel_box["y"] >= map_box["y"] + map_box["height"]

    # The sidebar with the filters opens from its button.
    phone.get_by_test_id("stExpandSidebarButton").click()
    expect(phone.get_by_text("Show events of unknown date")).to_be_visible()
    context.close()
