"""Take the screenshots in docs/screenshots/: every page in a language, in Chromium, against
a fresh server on the shipped tour (tiles off), at 1440x900 and on a 375x812 phone.

Run by hand, from the repository root, with the project's venv:

    .venv/bin/python scripts/screenshots.py            # Spanish, into docs/screenshots/
    .venv/bin/python scripts/screenshots.py en /tmp/x  # another language, another folder

The map is shown with the Tucson stop selected (its panel holds a translated venue,
audience and titles, and quotes with their translations); the phone also gets its
sidebar's filters. Look at every image before committing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from goodwill import urls  # noqa: E402
from tests.helpers.browser import (  # noqa: E402
    CHROMIUM_ARGS,
    MAP_FRAME,
    locate_chromium,
    wait_for_streamlit_app,
    wait_until_settled,
)
from tests.helpers.server import running_streamlit_server  # noqa: E402

SIZES = {"wide": (1440, 900), "phone": (375, 812)}
# How far each page is scrolled first (pixels, by size), to show what it is about.
SCROLL = {("people", "wide"): 480, ("sources", "phone"): 300}


def shoot(page: Page, base_url: str, lang: str, size: str, folder: Path) -> None:
    width, height = SIZES[size]
    for route in urls.ROUTES:
        name = route.url_path or "map"
        query = {"lang": lang, **({"place": "pima-west-campus"} if route.is_home else {})}
        page.goto(base_url + route.url(query))
        wait_for_streamlit_app(page)
        if route.is_home:
            page.frame_locator(MAP_FRAME).locator(".gw-marker").first.wait_for(timeout=30_000)
        if scroll := SCROLL.get((name, size)):
            page.mouse.move(width * 0.6, height / 2)
            page.mouse.wheel(0, scroll)
        wait_until_settled(page)
        page.screenshot(path=str(folder / f"{lang}-{name}-{size}.png"))
    if size == "phone":
        page.goto(base_url + urls.MAP.url({"lang": lang}))
        wait_for_streamlit_app(page)
        page.get_by_test_id("stExpandSidebarButton").click()
        page.get_by_test_id("stSidebar").get_by_test_id("stSlider").scroll_into_view_if_needed()
        wait_until_settled(page)
        page.screenshot(path=str(folder / f"{lang}-filters-phone.png"))


def main(argv: list[str]) -> None:
    lang = argv[0] if argv else "es"
    folder = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    chromium, tried = locate_chromium()
    if chromium is None:
        sys.exit("no Chromium found; tried " + ", ".join(tried))
    with (
        running_streamlit_server(env={"GOODWILL_TILES": "off"}) as server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            shoot(page, server.url, lang, size, folder)
            page.close()
        browser.close()
    print(f"screenshots in {folder}")


if __name__ == "__main__":
    main(sys.argv[1:])
