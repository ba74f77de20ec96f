"""The frame of the dashboard: page config, shared sidebar, navigation.

Run with ``streamlit run app.py`` (shipped tour) or ``streamlit run app.py -- --data PATH``
(another tour's data package); ``GOODWILL_DATA=PATH`` does the same.
"""

from pathlib import Path

import streamlit as st

from ui.frame import run_frame
from ui.navigation import app_navigation

ICON = Path(__file__).parent / "assets" / "icon.png"
st.set_page_config(page_title="Goodwill Tour Map", page_icon=str(ICON), layout="wide")

t = run_frame()
navigation = app_navigation(
    [
        st.Page("pages/map.py", title=t("page.map"), icon=":material/map:", default=True),
        st.Page("pages/people.py", title=t("page.people"), icon=":material/groups:"),
        st.Page("pages/timeline.py", title=t("page.timeline"), icon=":material/calendar_month:"),
        st.Page("pages/quotes.py", title=t("page.quotes"), icon=":material/format_quote:"),
        st.Page("pages/sources.py", title=t("page.sources"), icon=":material/menu_book:"),
    ]
)
navigation.run()
