"""The home page: the tour on a map, with the selected place's events beside it."""

import streamlit as st

from goodwill.i18n import N_
from goodwill.itinerary import map_summary
from goodwill.text import escape_markdown
from goodwill.view import undated_count
from ui.frame import page_context, run_map_page_script
from ui.tour_map import map_and_panels

page = page_context(N_("app.title"))
t, tour = page.t, page.tour
st.caption(t("app.subtitle"))
view, events = page.view, page.events
undated = undated_count(tour, view)
if undated and not view.show_undated:
    # Said above the map, never folded away: hiding events is never silent.
    st.caption(t.plural("map.undated_hidden", undated))
# The rest of the introduction folds away, so that on a phone the map starts on the first
# screen.
with st.expander(t("map.more")):
    if undated and view.show_undated:
        st.caption(t.plural("map.undated_shown", undated))
    st.caption(escape_markdown(map_summary(tour, events, t)))
map_and_panels(tour, events, t)
run_map_page_script()
