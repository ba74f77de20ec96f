"""Every page renders in Chromium, in both languages, with no console error."""

import pytest
from playwright.sync_api import expect

TITLES = {
    "en": ["Goodwill Tour Map", "People", "Timeline", "Quotes", "Sources & data"],
    "es": [
        "Mapa de la Gira de Buena Voluntad",
        "Personas",
        "Cronología",
        "Citas",
        "Fuentes y datos",
    ],
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_page_renders_without_console_errors(page, app_url, wait_for_app, lang):
    page.goto(f"{app_url}/?lang={lang}")
    wait_for_app(page)
    links = page.locator('[data-testid="stSidebarNav"] a')
    for index, title in enumerate(TITLES[lang]):
        links.nth(index).click()
        wait_for_app(page)
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert page.console_errors == []
    assert page.external_requests == []
