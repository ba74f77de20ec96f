"""The downloadable map opens from disk in Chromium: every marker drawn, nothing fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from goodwill.exports import standalone_map_html
from goodwill.i18n import translator
from goodwill.view import default_view, filter_events

LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_standalone_map_draws_every_marker_from_disk_without_any_network_request(
    browser: Browser, tour, tmp_path: Path, lang: str
) -> None:
    events = filter_events(tour, default_view(tour))
    file = tmp_path / "goodwill-map.html"
    file.write_text(standalone_map_html(tour, events, translator(lang)), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    context.on(
        "request",
        lambda request: (
            None if request.url.startswith(LOCAL_SCHEMES) else requests.append(request.url)
        ),
    )
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(file.as_uri())
        places = events["place_id"].nunique()
        page.wait_for_function(
            f"document.querySelectorAll('.gw-marker').length >= {places}", timeout=15_000
        )
        # The outline is drawn from the embedded geometry: its pane fills with paths.
        page.wait_for_function(
            "document.querySelectorAll('.leaflet-outline-pane path').length > 0",
            timeout=15_000,
        )
        assert page.locator(".gw-marker").count() == places
        ids = page.eval_on_selector_all(
            ".gw-marker", "nodes => nodes.map(node => node.dataset.placeId)"
        )
        assert sorted(ids) == sorted(set(events["place_id"]))
        assert page.locator(".gw-legend").count() == 1
        assert requests == []
        assert errors == []
    finally:
        context.close()
