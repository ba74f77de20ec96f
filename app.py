"""The frame of the dashboard: page config, shared sidebar, navigation."""

import streamlit as st

st.set_page_config(page_title="Goodwill Tour Map", page_icon="🗺️", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/map.py", title="Map", default=True),
    ]
)
navigation.run()
