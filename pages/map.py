"""The home page: the tour on a map, with the selected place's events beside it."""

from dataclasses import replace

import streamlit as st

from goodwill.view import filter_events
from ui.filters import current_view
from ui.language import current_translator
from ui.loading import tour_or_stop
from ui.tour_map import map_and_panels

t = current_translator()
tour = tour_or_stop(t)
st.title(t("app.title"))
st.caption(t("app.subtitle"))
view = current_view()
events = filter_events(tour, view)
undated = filter_events(tour, replace(view, show_undated=True))["date_precision"] == "unknown"
if undated.any():
    key = "map.undated_shown" if view.show_undated else "map.undated_hidden"
    st.caption(t(key, count=int(undated.sum())))
map_and_panels(tour, events, t)
