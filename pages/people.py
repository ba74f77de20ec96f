"""Everyone the story names: who they are, where and when they appeared, what they said."""

import streamlit as st

from goodwill.i18n import N_
from goodwill.people import people_table, person_card
from ui.cards import show_card
from ui.frame import page_context

page = page_context(N_("page.people"))
t, tour = page.t, page.tour
view, events = page.view, page.events
st.caption(t("people.intro"))

names = dict(zip(tour.people["person_id"], tour.people["name"], strict=True))
chosen = st.selectbox(
    t("people.choose_label"),
    [None, *names],
    format_func=lambda person_id: names[person_id] if person_id else t("people.everyone"),
    key="people_select",
    placeholder=t("widget.choose"),
)
if chosen is None:
    st.dataframe(people_table(tour, events, t), hide_index=True, width="stretch")


for person_id in [chosen] if chosen else names:
    show_card(person_card(tour, person_id, events, t, view), t)
