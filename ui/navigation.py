"""The app's navigation, and how it copes with the ``pages/`` folder on a fresh server.

Streamlit treats a folder named ``pages/`` beside the entry script as a legacy, file-based
multipage app until some session has run ``st.navigation`` once ("As soon as any session of
your app executes the st.navigation command, your app will ignore the pages/ directory
(across all sessions)", the ``st.navigation`` reference). No setting turns that off, and
Streamlit's advice is to give the folder another name; ours keeps it, as the project's
layout promises. So the first session of a fresh server, whatever its URL, runs in the
legacy mode:

* before ``app.py`` runs, Streamlit sends a sidebar navigation of the raw file names;
* a deep link (``/quotes?quote=…``) runs that page's script alone, without ``app.py``.

Upstream: a pages/ folder with ``st.navigation`` misbehaving on a direct URL is noted in
the review of https://github.com/streamlit/streamlit/pull/10276 ("Default to MPAv2");
since https://github.com/streamlit/streamlit/pull/10458 the legacy mode is decided once
per process, when the first session starts, and only ``st.navigation`` ends it.

Both are handled here with public API only, no Streamlit internal:

* ``client.showSidebarNavigation = false`` (``.streamlit/config.toml``) hides the file-name
  navigation; :func:`app_navigation` turns the option on again just before the app's own
  ``st.navigation``, the call that ends the legacy mode for every session. (A second
  session whose first run began between those two lines, once in a server's life, would
  still show the file names until its own ``app.py`` ran.)
* A page that finds the frame did not run calls :func:`rerun_inside_frame`: a hidden
  ``st.navigation`` over the same page files ends the legacy mode, and in the rerun
  ``app.py`` runs first, as on every later run.

``tests/browser/test_deep_links.py`` checks it on freshly started servers (and
``tests/test_pages.py`` the rerun, with ``AppTest``), so a Streamlit upgrade that changes
any of this fails there.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import streamlit as st

PAGES_FOLDER = Path(__file__).resolve().parents[1] / "pages"
SIDEBAR_NAVIGATION_OPTION = "client.showSidebarNavigation"


def app_navigation(pages: list[st.Page]) -> st.Page:
    """``st.navigation`` over the app's pages, in the sidebar (see the module's docstring)."""
    st.set_option(SIDEBAR_NAVIGATION_OPTION, True)
    return st.navigation(pages)


def rerun_inside_frame() -> NoReturn:
    """Run this page again, this time inside ``app.py``'s frame.

    The hidden navigation lists the same page files the legacy mode found, so the page keeps
    its URL (its query included) and nothing appears in the sidebar meanwhile.
    """
    st.navigation([st.Page(page) for page in sorted(PAGES_FOLDER.glob("*.py"))], position="hidden")
    st.rerun()
