"""The dashboard opens in a real Chromium, served by the real Streamlit server."""

from playwright.sync_api import Page, expect

APP_TITLE = "Goodwill Tour Map"


def test_dashboard_opens_in_chromium_with_its_title(opened_app: Page) -> None:
    """The tab title and the page heading name the dashboard; nothing errs or leaves 127.0.0.1."""
    expect(opened_app).to_have_title(APP_TITLE)
    expect(opened_app.locator("h1").filter(has_text=APP_TITLE).first).to_be_visible()
    assert opened_app.console_errors == []
    assert opened_app.external_requests == []
