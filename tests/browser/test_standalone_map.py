"""The downloadable map opens from disk in Chromium: every marker drawn, nothing fetched."""

from __future__ import annotations

import pytest

from goodwill.view import default_view, filter_events


@pytest.mark.parametrize("lang", ["en", "es"])
def test_standalone_map_draws_every_marker_from_disk_without_any_network_request(
    open_standalone_map, tour, lang: str
) -> None:
    events = filter_events(tour, default_view(tour))
    opened = open_standalone_map(tour, events, lang)
    page = opened.page
    places = events["place_id"].nunique()
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
    assert opened.requests == []
    assert opened.errors == []
    assert opened.console_errors == []
