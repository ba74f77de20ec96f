"""A freshly started server, whatever URL it is first asked for: a shared link to any page
opens that page inside the app's own frame and navigation, never the file names in
``pages/`` (why a fresh server is different: ``ui/navigation.py``).

Each test starts a server of its own, so its link is the server's very first request. A
watcher installed before the page loads records every label the sidebar navigation ever
shows, so one shown for a moment while the page loads counts too.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from goodwill.dataset import load_tour
from goodwill.i18n import translator
from tests.helpers.server import running_streamlit_server
from ui.navigation import PAGES_FOLDER

# The frontend first probes the health endpoints under the page's own path, then falls
# back to the app's root; those two 404s are Streamlit's, not ours.
STREAMLIT_PROBES = ("/_stcore/health", "/_stcore/host-config")
WATCH_NAVIGATION = """
window.gwNavigationLabels = [];
new MutationObserver(() => {
    for (const link of document.querySelectorAll('[data-testid="stSidebarNav"] a')) {
        const label = link.cloneNode(true);
        label.querySelectorAll('[data-testid="stIconMaterial"]').forEach((icon) => icon.remove());
        const text = label.textContent.trim();
        if (!window.gwNavigationLabels.includes(text)) {
            window.gwNavigationLabels.push(text);
        }
    }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""
PAGE_FILES = sorted(PAGES_FOLDER.glob("*.py"))
# What Streamlit calls the pages when it makes them from the files: the entry script too.
FILE_NAMES = {"app"} | {file.stem.replace("_", " ") for file in PAGE_FILES}
FIRST_QUOTE = load_tour().quotes["quote_id"].iloc[0]


def record_not_found(page: Page) -> list[str]:
    """The paths that answer 404 from now on."""
    not_found: list[str] = []
    page.on(
        "response",
        lambda response: (
            not_found.append(urlsplit(response.url).path) if response.status == 404 else None
        ),
    )
    return not_found


@pytest.mark.parametrize(
    ("path", "lang", "title"),
    [
        ("/", "en", "app.title"),
        (f"/quotes?quote={FIRST_QUOTE}&lang=es", "es", "page.quotes"),
        ("/people", "en", "page.people"),
    ],
)
def test_a_fresh_servers_first_page_shows_the_apps_own_navigation_never_file_names(
    page: Page, wait_for_app, path: str, lang: str, title: str
) -> None:
    t = translator(lang)
    page.add_init_script(WATCH_NAVIGATION)
    not_found = record_not_found(page)
    with running_streamlit_server(env={"GOODWILL_TILES": "off"}) as server:
        page.goto(server.url + path)
        wait_for_app(page)
        expect(page.locator("h1").first).to_have_text(t(title))
        expect(page.locator('[data-testid="stSidebarNav"] a')).to_have_count(len(PAGE_FILES))
        seen = page.evaluate("window.gwNavigationLabels")
        assert set(seen) & FILE_NAMES == set(), f"file names in the navigation: {seen}"
        assert set(seen) == {t(f"page.{file.stem}") for file in PAGE_FILES}
        # The frame ran: its language switch is in the sidebar.
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar.get_by_text(t("sidebar.language"))).to_be_visible()
        # The link kept its page and its query.
        shown = urlsplit(page.evaluate("location.href"))
        assert shown.path == urlsplit(path).path
        for name, values in parse_qs(urlsplit(path).query).items():
            assert parse_qs(shown.query)[name] == values
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert all(path.endswith(STREAMLIT_PROBES) for path in not_found), not_found
    assert [error for error in page.console_errors if "404" not in error] == []


def test_a_quote_permalink_opens_its_quote_on_a_fresh_server(page, wait_for_app):
    not_found = record_not_found(page)
    with running_streamlit_server(env={"GOODWILL_TILES": "off"}) as server:
        page.goto(f"{server.url}/quotes?quote=canales-each-side&lang=es")
        wait_for_app(page)
        main = page.locator('[data-testid="stMain"]')
        expect(page.get_by_role("heading", name="Citas")).to_be_visible()
        expect(main.get_by_text("La cita enlazada")).to_be_visible()
        expect(main.get_by_text("if each of us only works on our side").first).to_be_visible()
    assert all(path.endswith(STREAMLIT_PROBES) for path in not_found)
    assert page.external_requests == []
