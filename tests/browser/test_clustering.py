"""A tour with hundreds of places, in a real browser: the minor places are clustered,
but every tour stop and the selected place stay markers of their own, on screen."""

import pytest
from playwright.sync_api import Page, expect

from goodwill.dataset import load_tour
from goodwill.map.data import CLUSTER_ABOVE
from goodwill.synthetic import write_package
from tests.helpers.browser import MAP_FRAME


@pytest.fixture(scope="module")
def large(tmp_path_factory, streamlit_server_factory):
    """A server on a synthetic tour of 800 events over 400 places, and that tour."""
    package = write_package(tmp_path_factory.mktemp("large") / "tour", 800)
    tour = load_tour(package)
    assert tour.events["place_id"].nunique() > CLUSTER_ABOVE
    url = streamlit_server_factory(env={"GOODWILL_TILES": "off", "GOODWILL_DATA": str(package)})
    return url, tour


def _stops(tour) -> set[str]:
    return set(tour.events.loc[tour.events["kind"] == "tour-stop", "place_id"])


def _own_markers_in_view(page: Page) -> dict[str, bool]:
    """Each marker of its own (not a cluster): whether it lies inside the map's frame."""
    return (
        page.frame_locator(MAP_FRAME)
        .locator("body")
        .evaluate(
            """() => Object.fromEntries([...document.querySelectorAll('[data-place-id]')].map(
            (node) => {
                const box = node.getBoundingClientRect();
                const inside = box.width > 0 && box.left >= 0 && box.top >= 0
                    && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
                return [node.dataset.placeId, inside];
            }))"""
        )
    )


def test_minor_places_are_clustered_and_every_stop_is_its_own_marker_in_view(
    page, large, wait_for_app
):
    url, tour = large
    page.goto(url)
    wait_for_app(page)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".marker-cluster").first).to_be_visible(timeout=30_000)
    own = _own_markers_in_view(page)
    assert _stops(tour) <= set(own)
    assert all(own[stop] for stop in _stops(tour)), "a tour stop is outside the default view"
    assert page.console_errors == []


def test_a_selected_place_is_drawn_as_its_own_marker_not_hidden_in_a_cluster(
    page, large, wait_for_app
):
    url, tour = large
    minor = sorted(set(tour.events["place_id"]) - _stops(tour))[0]
    page.goto(f"{url}/?place={minor}")
    wait_for_app(page)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(f'[data-place-id="{minor}"]')).to_be_attached(timeout=30_000)
    expect(frame.locator(".gw-selected")).to_have_count(1)
    assert page.console_errors == []


def test_choosing_another_place_moves_the_ring_and_fetches_no_points_again(
    page, large, wait_for_app
):
    url, tour = large
    minor = sorted(set(tour.events["place_id"]) - _stops(tour))[0]
    stop = sorted(_stops(tour))[0]
    fetched = []
    page.on(
        "request",
        lambda request: "/app/static/cache/points-" in request.url and fetched.append(request.url),
    )
    page.goto(f"{url}/?place={minor}")
    wait_for_app(page)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(f'.gw-selected[data-place-id="{minor}"]')).to_have_count(1, timeout=30_000)
    assert len(fetched) == 1
    frame.locator(f'[data-place-id="{stop}"]').click()
    expect(frame.locator(f'.gw-selected[data-place-id="{stop}"]')).to_have_count(1, timeout=30_000)
    expect(frame.locator(".gw-selected")).to_have_count(1)
    wait_for_app(page)
    assert len(fetched) == 1, "a new selection fetched the points again"
    assert page.console_errors == []
