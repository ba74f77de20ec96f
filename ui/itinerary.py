"""The itinerary under the map: every event as a row with a button that selects its
place, the selected one marked. Buttons are reachable and usable with a keyboard and a
screen reader, which the map itself is not for everyone."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from goodwill.dataset import Tour
from goodwill.i18n import Translator
from goodwill.itinerary import PAGE_SIZE, itinerary, page_count
from ui.filters import PLACE_KEY
from ui.rich_text import show_markdown

ITINERARY_KEY = "gw-itinerary"


def itinerary_section(tour: Tour, events: pd.DataFrame, t: Translator, on_select) -> None:
    """Draw the itinerary; ``on_select(place_id)`` runs when a row's button is used."""
    # Keyed, so that the print stylesheet can leave it out (static/goodwill/print.css).
    with st.container(key=ITINERARY_KEY):
        _itinerary(tour, events, t, on_select)


def _itinerary(tour: Tour, events: pd.DataFrame, t: Translator, on_select) -> None:
    st.subheader(t("itinerary.heading"))
    st.caption(t("itinerary.intro"))
    selected = st.session_state.get(PLACE_KEY)
    pages = page_count(events)
    page = 1
    if pages > 1:
        page = st.number_input(
            t("itinerary.page", pages=pages), min_value=1, max_value=pages, key="itinerary_page"
        )
    for row in itinerary(tour, events, t, page=page - 1, page_size=PAGE_SIZE):
        chosen = row.place_id == selected
        with st.container(border=True):
            text, action = st.columns([5, 1], vertical_alignment="center")
            show_markdown(row.text, text)
            action.button(
                t("itinerary.selected" if chosen else "itinerary.select", place=row.place_label),
                key=f"itinerary_{row.event_id}",
                type="primary" if chosen else "secondary",
                on_click=on_select,
                args=(row.place_id,),
                width="stretch",
            )
