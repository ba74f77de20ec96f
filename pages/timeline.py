"""The timeline: every kept event by date, as precisely as the story dates it; a click
opens the event's place on the map, and the same events follow as a list."""

import streamlit as st

from goodwill.i18n import N_
from goodwill.text import escape_markdown as md
from goodwill.timeline import selected_place, timeline_chart, timeline_rows, timeline_table
from goodwill.view import map_url
from ui.frame import page_context

page = page_context(N_("page.timeline"))
t, tour = page.t, page.tour
view = page.view
st.caption(t("timeline.intro"))
rows = timeline_rows(tour, page.events, t)
if rows.empty:
    st.info(t("events.none_match"))
    st.stop()

event = st.altair_chart(
    timeline_chart(rows, tour, t),
    on_select="rerun",
    selection_mode=["pick_span", "pick_day"],
    key=f"timeline_chart_{t.lang}",
    alt=t("timeline.intro"),
    width="stretch",
)
st.caption(t("timeline.chart_help"))
place_id = selected_place(event.selection if event else None)
if place_id in set(rows["place_id"]):
    picked = rows[rows["place_id"] == place_id].iloc[0]
    st.markdown(md(t("timeline.selected", place=picked["place"], date=picked["label"])))
    # A link, not st.switch_page: the map reads the place, the filters and the language
    # from its URL, so the link works the same opened here, in a new tab or shared.
    st.link_button(
        t("timeline.open_on_map", place=md(picked["place"])),
        map_url(tour, view, t.lang, place=place_id),
        type="primary",
        icon=":material/map:",
    )

st.subheader(t("timeline.table_heading"))
st.dataframe(
    timeline_table(rows, tour, view, t),
    hide_index=True,
    width="stretch",
    column_config={
        t("timeline.column.map"): st.column_config.LinkColumn(
            display_text=t("timeline.show_on_map")
        )
    },
)
