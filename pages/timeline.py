"""The timeline page (its content comes with the companion pages issue)."""

import streamlit as st

from ui.language import current_translator
from ui.loading import tour_or_stop

t = current_translator()
tour = tour_or_stop(t)
st.title(t("page.timeline"))
