"""Share, embed and print in Chromium against the real server.

* The Share menu's link is the address bar's, copied to the clipboard with a keyboard, and
  reopens the same place, filters and language; each quote's button copies its permalink.
* The embed snippet, pasted into a host page served from another loopback port, shows the
  map at 375, 600 and 1000 px: a click shows the panel, the credit is on screen, and
  nothing is wider than the frame.
* Printed (``page.pdf``), the map page with the Tucson stop selected fits on 2 Letter and
  2 A4 pages, in English and in Spanish, with the map, the place's heading and the credit;
  what prints is checked in the print media (Chromium writes the PDF's text as glyph ids,
  which no tool installed here reads back).
"""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from goodwill.i18n import translator
from goodwill.publish import EMBED_SIZES, EmbedSize, embed_snippet
from tests.helpers.browser import MAP_FRAME, wait_for_streamlit_app

TUCSON = "pima-west-campus"
HEADING = {"en": "Tucson · Arizona · United States", "es": "Tucson · Arizona · Estados Unidos"}
HEADLINE = "Federal officials tout binational cooperation along border"
# Where a /Type /Page object starts in a PDF (not /Pages, the tree's root).
PDF_PAGE = re.compile(rb"/Type\s*/Page\b")


def open_map(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_streamlit_app(page)
    expect(page.frame_locator(MAP_FRAME).locator(".gw-marker").first).to_be_visible(timeout=30_000)


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.fixture
def clipboard_page(page: Page) -> Page:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    return page


# --------------------------------------------------------------------------- share


def test_the_share_link_is_the_address_bar_copied_and_reopens_the_same_view(
    clipboard_page: Page, app_url: str
):
    page, t = clipboard_page, translator("es")
    open_map(page, f"{app_url}/?lang=es&country=US&undated=hide")
    page.frame_locator(MAP_FRAME).locator(f'[data-place-id="{TUCSON}"]').click()
    expect(page.get_by_role("heading", name=HEADING["es"])).to_be_visible(timeout=15_000)
    wait_for_streamlit_app(page)

    page.get_by_role("button", name=t("share.button")).click()
    field = page.get_by_role("textbox", name=t("share.link_heading"))
    expect(field).to_have_value(re.compile(f"place={TUCSON}"))
    shown = field.input_value()
    assert shown == page.url, "the shown link is not what the address bar holds"
    # With the keyboard: the button takes the focus and Enter presses it.
    button = page.get_by_role("button", name=t("share.copy_link"))
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text=t("share.copied"))).to_have_count(1)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == shown
    assert query_of(copied) == {
        "place": [TUCSON],
        "country": ["US"],
        "undated": ["hide"],
        "lang": ["es"],
    }

    other = page.context.new_page()
    open_map(other, copied)
    expect(other.get_by_role("heading", name=HEADING["es"])).to_be_visible(timeout=15_000)
    expect(other.locator("html")).to_have_attribute("lang", "es")
    # The United States only, no undated events: McAllen, San Diego and Tucson.
    expect(other.frame_locator(MAP_FRAME).locator(".gw-marker")).to_have_count(3)
    other.get_by_role("button", name=t("share.button")).click()
    expect(other.get_by_role("textbox", name=t("share.link_heading"))).to_have_value(copied)
    assert page.console_errors == []


def test_a_quotes_copy_button_copies_its_permalink_which_opens_that_quote(
    clipboard_page: Page, app_url: str
):
    page, t = clipboard_page, translator("en")
    page.goto(f"{app_url}/quotes?lang=en")
    wait_for_streamlit_app(page)
    card = page.locator('[data-testid="stVerticalBlock"]', has=page.locator("blockquote")).filter(
        has=page.get_by_role("button", name=t("share.copy_link"))
    )
    first = card.last  # the innermost block of the first quote
    quote = first.locator("blockquote").first.inner_text()
    first.get_by_role("button", name=t("share.copy_link")).click()
    expect(first.get_by_role("status")).to_have_text(t("share.copied"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"{app_url}/quotes?quote=")
    page.goto(copied)
    wait_for_streamlit_app(page)
    expect(page.get_by_role("heading", name=t("quotes.linked"))).to_be_visible()
    expect(page.locator("blockquote").first).to_have_text(quote)


# --------------------------------------------------------------------------- embed


@pytest.fixture(scope="module")
def host_site(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """A news site on another loopback port: (its address, the folder it serves)."""
    folder = tmp_path_factory.mktemp("news-site")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", folder
    server.shutdown()
    server.server_close()


EMBEDDED = [(375, EMBED_SIZES[-1]), (600, EMBED_SIZES[0]), (1000, EMBED_SIZES[2])]


@pytest.mark.parametrize(("width", "size"), EMBEDDED, ids=lambda value: str(value))
def test_the_embed_snippet_in_a_news_page_shows_map_credit_and_panel_without_overflow(
    browser: Browser, app_url: str, host_site, width: int, size: EmbedSize
):
    site, folder = host_site
    snippet = embed_snippet(f"{app_url}/?lang=en", "Goodwill Tour Map", size)
    (folder / f"story-{width}.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width'><title>News</title></head>"
        f"<body style='margin:0'><h1>A story</h1><div style='width:{width}px'>{snippet}</div>"
        "</body></html>",
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": max(width, 400), "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}/story-{width}.html")
    app = page.frame_locator("iframe")
    frame = _app_frame(page)
    wait_for_streamlit_app_in(frame)
    expect(app.frame_locator(MAP_FRAME).locator(".gw-marker").first).to_be_visible(timeout=30_000)
    frame_box = page.locator("iframe").bounding_box()
    assert round(frame_box["width"]) == width

    credit = app.locator(".st-key-gw-publish")
    expect(credit).to_be_visible()
    expect(credit).to_contain_text(HEADLINE)
    expect(credit.get_by_role("link", name=translator("en")("credit.open_full"))).to_be_visible()
    box = credit.bounding_box()
    assert box["y"] - frame_box["y"] < 80, "the credit is not at the top of the frame"
    # Nothing covers it (Streamlit's header bar would): its first line is what is there.
    on_top = frame.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('.st-key-gw-publish') !== null",
        [box["x"] + 20 - frame_box["x"], box["y"] + 8 - frame_box["y"]],
    )
    assert on_top, "the credit is covered"
    expect(app.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(app.locator("h1")).to_be_hidden()

    app.frame_locator(MAP_FRAME).locator(f'[data-place-id="{TUCSON}"]').click()
    heading = app.get_by_role("heading", name=HEADING["en"])
    expect(heading).to_be_attached(timeout=15_000)
    heading.scroll_into_view_if_needed()
    expect(heading).to_be_visible()
    assert _overflow(frame) == [], f"wider than the {width} px frame"
    assert errors == []
    context.close()


def _app_frame(page: Page) -> Frame:
    page.wait_for_selector("iframe")
    return page.locator("iframe").element_handle().content_frame()


def wait_for_streamlit_app_in(frame: Frame) -> None:
    frame.wait_for_selector(
        '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
        '[data-test-script-state="notRunning"]',
        state="attached",
        timeout=30_000,
    )


_OVERFLOW = """() => {
    const wide = [];
    const main = document.querySelector('[data-testid="stMain"]');
    for (const scroller of [document.documentElement, main]) {
        if (scroller && scroller.scrollWidth > scroller.clientWidth + 1) {
            const name = scroller.dataset.testid || "html";
            wide.push(`${name}: ${scroller.scrollWidth} > ${scroller.clientWidth}`);
        }
    }
    return wide;
}"""


def _overflow(frame: Frame) -> list[str]:
    return frame.evaluate(_OVERFLOW)


# --------------------------------------------------------------------------- print


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_map_page_prints_on_two_pages_with_map_heading_and_credit(
    page: Page, app_url: str, lang: str
):
    open_map(page, f"{app_url}/?place={TUCSON}&lang={lang}")
    expect(page.get_by_role("heading", name=HEADING[lang])).to_be_visible()
    for paper in ("Letter", "A4"):
        pages = len(PDF_PAGE.findall(page.pdf(format=paper)))
        print(f"printed: {pages} {paper} page(s) in {lang}")  # the measure, with pytest -s
        assert 1 <= pages <= 2, f"{pages} {paper} pages in {lang}"

    page.emulate_media(media="print")
    printed = page.locator('[data-testid="stMain"]')
    expect(printed.get_by_role("heading", name=HEADING[lang])).to_be_visible()
    expect(printed.locator(".st-key-gw-publish")).to_contain_text(HEADLINE)
    expect(printed.locator(MAP_FRAME)).to_be_visible()
    expect(page.frame_locator(MAP_FRAME).locator(".gw-marker").first).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator(".st-key-gw-itinerary")).to_be_hidden()
    for button in printed.get_by_role("button").all():
        expect(button).to_be_hidden()
    assert page.console_errors == []
