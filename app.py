"""The frame of the dashboard: page config, shared sidebar, navigation.

Run with ``streamlit run app.py`` (shipped tour) or ``streamlit run app.py -- --data PATH``
(another tour's data package); ``GOODWILL_DATA=PATH`` does the same.
"""

import streamlit as st

from ui.language import language_switch

st.set_page_config(page_title="Goodwill Tour Map", page_icon="🗺️", layout="wide")

t = language_switch()
navigation = st.navigation(
    [
        st.Page("pages/map.py", title=t("page.map"), icon="🗺️", default=True),
        st.Page("pages/people.py", title=t("page.people"), icon="👥"),
        st.Page("pages/timeline.py", title=t("page.timeline"), icon="📅"),
        st.Page("pages/quotes.py", title=t("page.quotes"), icon="💬"),
        st.Page("pages/sources.py", title=t("page.sources"), icon="📚"),
    ]
)
navigation.run()
