"""The home page: the tour on a map."""

import streamlit as st

from ui.language import current_translator
from ui.loading import tour_or_stop

t = current_translator()
tour = tour_or_stop(t)
st.title(t("app.title"))
st.caption(t("app.subtitle"))
