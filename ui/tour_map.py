"""The map and its side panels, wired together: a click on a marker or a choice in the
select box selects a place, and both follow the selection."""

from __future__ import annotations

import os
from collections.abc import Callable

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from goodwill.dataset import Tour
from goodwill.i18n import Translator
from goodwill.map.assembly import base_map, data_layers
from goodwill.map.data import MapData, map_data
from goodwill.map.elements import CountClicksFromNone
from goodwill.map.published import publish_document
from goodwill.panels import overview_card, place_cards, place_heading
from goodwill.place_box import LISTED_MAX, place_choices
from goodwill.story_steps import story_stops
from goodwill.text import escape_markdown
from ui.cards import show_card
from ui.filters import PLACE_KEY, select_place
from ui.itinerary import itinerary_section
from ui.publish import credit_line, share_menu
from ui.rich_text import show_markdown
from ui.story import followed_step, story_mode_switch, story_panel

TILES_VARIABLE = "GOODWILL_TILES"
MAP_HEIGHT = 560
# Only clicks come back from the map: pan and zoom then cause no rerun.
RETURNED = ["last_object_clicked", "last_object_clicked_count", "last_active_drawing"]
MAP_KEY = "tour_map"
#: The containers of the map, of the panel beside it and of the controls above them, as
#: static/goodwill/ finds them.
MAP_COLUMN_KEY, PANEL_KEY, CONTROLS_KEY = "gw-map", "gw-panel", "gw-map-controls"
_HANDLED_CLICK = "map_handled_click"
_SELECT_KEY = "place_select"
_SEARCH_KEY = "place_search"
_SEARCH_MAX_CHARS = 100


def tiles_enabled() -> bool:
    """Online tiles unless ``GOODWILL_TILES=off``: the outline layer works without them."""
    return os.environ.get(TILES_VARIABLE, "on").lower() not in {"off", "none", "0", "false"}


def clicked_place(result: dict, places: pd.DataFrame) -> str | None:
    """The place a map click landed on: the feature's own id, or else the place at the
    clicked coordinates (a marker returns exactly its own)."""
    drawing = (result or {}).get("last_active_drawing") or {}
    place_id = (drawing.get("properties") or {}).get("place_id")
    if place_id in set(places["place_id"]):
        return place_id
    clicked = (result or {}).get("last_object_clicked") or {}
    if "lat" not in clicked or places.empty:
        return None
    distance = (places["latitude"] - clicked["lat"]) ** 2 + (
        places["longitude"] - clicked["lng"]
    ) ** 2
    return places.loc[distance.idxmin(), "place_id"] if distance.min() < 1e-8 else None


def _handle_click(result: dict | None, summaries: pd.DataFrame, tour: Tour, t) -> None:
    """Select the clicked place if this click is new.

    Clicks are told apart by the component's click counter, so clicking the same marker
    again (after choosing another place in the box) still counts.
    """
    click = (result or {}).get("last_object_clicked_count")
    if not click or click == st.session_state.get(_HANDLED_CLICK):
        return
    st.session_state[_HANDLED_CLICK] = click
    place_id = clicked_place(result, summaries)
    if place_id and place_id != st.session_state.get(PLACE_KEY):
        select_place(place_id, tour, t.lang)


# cache_resource, not cache_data: every session shares the one MapData, which nothing
# modifies. cache_data would unpickle a copy on each run, and its tens of thousands of small
# objects cost more than linearly (0.2 s at 50,000 events, against 11 ms at 10,000).
@st.cache_resource(show_spinner=False, max_entries=32)
def _cached_map_data(
    _tour: Tour, _events: pd.DataFrame, _t: Translator, fingerprint: str, events_key: int, lang: str
) -> MapData:
    return map_data(_tour, _events, _t)


def cached_map_data(tour: Tour, events: pd.DataFrame, t: Translator) -> MapData:
    """The map's data for these events, computed once for every session and rerun that
    shows the same tour, filters and language (building it takes up to seconds)."""
    events_key = int(pd.util.hash_array(events.index.to_numpy()).sum())
    return _cached_map_data(tour, events, t, tour.fingerprint, events_key, t.lang)


def points_url(data: MapData) -> str | None:
    """Where the browser fetches the map's points (a static file, written once per
    document); ``None`` leaves them inline."""
    return publish_document(data.document, data.document_name)


@st.fragment
def map_and_panels(tour: Tour, events: pd.DataFrame, t: Translator) -> None:
    """The map on the left, the selected place's panels on the right. A click reruns only
    this fragment; the filters in the sidebar rerun the page."""
    data = cached_map_data(tour, events, t)
    summaries = data.summaries
    # The map's last click arrives before this run (the component's on_change stores it
    # under its key): handle it first, so the panel and the map show the new selection.
    _handle_click(st.session_state.get(MAP_KEY), summaries, tour, t)
    selected = st.session_state.get(PLACE_KEY)
    if selected and selected not in set(summaries["place_id"]):
        st.info(t("notice.selection_filtered_out"))
        select_place(None, tour, t.lang)
        selected = None
    credit_line(tour, t)

    def choose(place_id: str | None) -> None:
        # The map follows the address, and brings a place chosen elsewhere into view.
        select_place(place_id, tour, t.lang)

    stops = story_stops(events)
    step = followed_step(tour, stops, selected, t)
    # One row for the controls above the map, so that the map starts higher on a phone.
    with st.container(horizontal=True, vertical_alignment="center", key=CONTROLS_KEY):
        story_mode_switch(tour, stops, step, t, on_select=choose)
        share_menu(tour, t)
    map_column, panel_column = st.columns([3, 2], gap="medium")
    # The panel is written before the map: Streamlit sends elements as they are made, so
    # the reader sees the clicked place while the server still renders the map.
    with panel_column, st.container(key=PANEL_KEY):
        if step:
            story_panel(tour, stops, step, t, on_select=choose)
        else:
            _place_panel(tour, events, summaries, selected, t, choose)
    # Its own container, so that static/goodwill/app.css can keep it in view on a wide
    # screen while the panel beside it scrolls.
    with map_column, st.container(key=MAP_COLUMN_KEY):
        fmap = base_map(tour, t, tiles=tiles_enabled())
        # One run per page load: the component then sends nothing until the first click.
        fmap.add_child(CountClicksFromNone())
        st_folium(
            fmap,
            feature_group_to_add=data_layers(tour, events, t, data, points_url(data)),
            returned_objects=RETURNED,
            height=MAP_HEIGHT,
            use_container_width=True,
            key=MAP_KEY,
        )
        st.caption(
            # Translators: {places} and {events} are count.places and count.events.
            t(
                "map.caption",
                places=t.plural("count.places", len(summaries)),
                events=t.plural("count.events", len(events)),
            )
        )
    itinerary_section(tour, events, t, on_select=choose)


def _place_panel(
    tour: Tour,
    events: pd.DataFrame,
    summaries: pd.DataFrame,
    selected: str | None,
    t: Translator,
    choose: Callable[[str | None], None],
) -> None:
    """The place box, then the selected place's cards (or the tour's)."""
    _place_box(tour, summaries, selected, t, choose)
    if selected:
        show_markdown(place_heading(tour, selected, t))
        for card in place_cards(tour, selected, events, t):
            show_card(card, t)
    else:
        show_card(overview_card(tour, events, t), t)


def _place_box(
    tour: Tour,
    summaries: pd.DataFrame,
    selected: str | None,
    t: Translator,
    choose: Callable[[str | None], None],
) -> None:
    """The select box of places: every kept place when there are at most ``LISTED_MAX``,
    else a bounded few and a search for the others (``goodwill.place_box``)."""
    query = ""
    if len(summaries) > LISTED_MAX:
        query = st.text_input(
            # Translators: A search box above the place box, shown when it cannot list them all.
            t("panel.search_label"),
            key=_SEARCH_KEY,
            max_chars=_SEARCH_MAX_CHARS,
        ).strip()
    choices = place_choices(summaries, tour.places, query, selected)
    names = dict(zip(summaries["place_id"], summaries["name"], strict=True))
    if st.session_state.get(_SELECT_KEY) != selected:
        st.session_state[_SELECT_KEY] = selected
    st.selectbox(
        t("panel.choose_label"),
        [None, *choices.place_ids],
        key=_SELECT_KEY,
        placeholder=t("widget.choose"),
        format_func=lambda place_id: names[place_id] if place_id else t("panel.whole_tour"),
        on_change=lambda: choose(st.session_state[_SELECT_KEY]),
    )
    # The reader's own words, shown back: escaped like data text.
    typed = escape_markdown(query)
    matching, listed = int(choices.matching), int(choices.listed)
    if query and not matching:
        # Translators: {query} is what the reader typed in the search box.
        st.caption(t("panel.no_place_matches", query=typed))
    elif listed < matching and query:
        # Translators: {count} places match what the reader typed ({query}); the box
        # lists {shown} of them.
        st.caption(t.plural("panel.places_matching", matching, query=typed, shown=listed))
    elif listed < matching:
        # Translators: The box lists {shown} of the {count} places on the map.
        st.caption(t.plural("panel.places_listed", matching, shown=listed))
