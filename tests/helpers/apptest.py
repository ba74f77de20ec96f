"""The app run with Streamlit's ``AppTest``: the real scripts, minus the browser."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from goodwill.dataset import load_tour
from ui.tour_map import MAP_KEY

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = [
    "pages/map.py",
    "pages/people.py",
    "pages/timeline.py",
    "pages/quotes.py",
    "pages/sources.py",
]
TIMEOUT = 60


def run_app(
    page: str | None = None, query: dict | None = None, context: dict | None = None
) -> AppTest:
    """Run ``app.py`` (its home page, or then ``page``) with ``query`` in the URL, and
    ``context`` as what the browser says of itself (``st.context``: url, is_embedded…)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if context:
        at.context = context
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def map_component(at: AppTest):
    """The st_folium component of the page (AppTest knows it only as an unknown element)."""

    def walk(node):
        for child in getattr(node, "children", {}).values():
            yield child
            yield from walk(child)

    return next(e for e in walk(at._tree) if getattr(e, "type", "") == "component_instance")


def click_marker(at: AppTest, place_id: str, count: int = 1) -> None:
    """Inject what the map component sends back when a marker is clicked, and rerun."""
    place = at_tour_place(place_id)
    value = {
        "last_object_clicked": {"lat": place["latitude"], "lng": place["longitude"]},
        "last_object_clicked_count": count,
        "last_active_drawing": {"type": "Feature", "properties": {"place_id": place_id}},
    }
    # The component stores its value under its own key; in a browser, st_folium's
    # on_change then copies it under the key the app gave (AppTest calls no on_change).
    at.session_state[map_component(at).proto.id.rsplit("-", 1)[-1]] = value
    at.session_state[MAP_KEY] = value
    at.run()


def at_tour_place(place_id: str):
    return load_tour().places.set_index("place_id").loc[place_id]
