"""The frame of the dashboard: page config, shared sidebar, navigation.

Run with ``streamlit run app.py`` (shipped tour) or ``streamlit run app.py -- --data PATH``
(another tour's data package); ``GOODWILL_DATA=PATH`` does the same.

Only light modules are imported here, so that a freshly started server shows the app's
navigation and a loading state at once (``ui/first_paint.py``); the frame, which loads the
tour, is imported after that.
"""

import os
from pathlib import Path

import streamlit as st

from goodwill import urls
from goodwill.i18n import N_
from goodwill.paths import ROOT_VARIABLE
from ui.first_paint import run_frame_after_first_paint
from ui.language import chosen_translator
from ui.navigation import app_navigation

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
# The icon here, not later: without one, the browser would fetch the page's Material icon
# from Google's servers as the favicon.
st.set_page_config(page_title="Goodwill Tour Map", page_icon=str(ICON), layout="wide")

t = chosen_translator()
navigation = app_navigation(
    [
        st.Page(script, title=t(title), icon=icon, url_path=route.url_path, default=route.is_home)
        for script, route, title, icon in PAGES
    ]
)
try:
    # The first paint is headed like the page it stands for (the home page's heading is
    # the app's title), so that only the loading state gives way when the page is drawn.
    t = run_frame_after_first_paint(t, navigation.title if navigation.url_path else t("app.title"))
    navigation.run()
finally:
    # Under every page, also one that stops early (st.stop: nothing to show). Imported
    # here, not above: it needs the frame's modules, which the first paint loads later.
    from ui.publish import version_footer

    version_footer(t)
