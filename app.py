"""The frame of the dashboard: page config, shared sidebar, navigation.

Run with ``streamlit run app.py`` (shipped tour) or ``streamlit run app.py -- --data PATH``
(another tour's data package); ``GOODWILL_DATA=PATH`` does the same.
"""

import os
from pathlib import Path

import streamlit as st

from goodwill import urls
from goodwill.i18n import N_
from goodwill.paths import ROOT_VARIABLE
from ui.frame import run_frame
from ui.navigation import app_navigation
from ui.publish import version_footer

APP_ROOT = Path(__file__).parent
# The goodwill package may be installed anywhere: it finds this app's data/ and static/
# through this setting (goodwill/paths.py), which a deployment may also set itself.
os.environ.setdefault(ROOT_VARIABLE, str(APP_ROOT))
ICON = APP_ROOT / "assets" / "icon.png"
# Each page's script, address, title and icon. The address comes from the route table,
# where every link to the page is made too: a script can be renamed without breaking one.
PAGES = (
    ("pages/map.py", urls.MAP, N_("page.map"), ":material/map:"),
    ("pages/people.py", urls.PEOPLE, N_("page.people"), ":material/groups:"),
    ("pages/timeline.py", urls.TIMELINE, N_("page.timeline"), ":material/calendar_month:"),
    ("pages/quotes.py", urls.QUOTES, N_("page.quotes"), ":material/format_quote:"),
    ("pages/sources.py", urls.SOURCES, N_("page.sources"), ":material/menu_book:"),
)
st.set_page_config(page_title="Goodwill Tour Map", page_icon=str(ICON), layout="wide")

t = run_frame()
navigation = app_navigation(
    [
        st.Page(script, title=t(title), icon=icon, url_path=route.url_path, default=route.is_home)
        for script, route, title, icon in PAGES
    ]
)
try:
    navigation.run()
finally:
    # Under every page, also one that stops early (st.stop: nothing to show).
    version_footer(t)
