"""The frame every page runs inside: language, data, shared filters; and what a page gets.

``app.py`` calls :func:`run_frame` on every run, before the chosen page. A page starts
with :func:`page_context`, which hands it the translator, the tour in the reader's
language, the tour as its package holds it, the view and the kept events the frame set up.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from goodwill.dataset import Tour
from goodwill.i18n import Translator
from goodwill.paths import STATIC_URL
from goodwill.view import View, filter_events
from ui.filters import current_view, sidebar_filters
from ui.first_paint import show_page_title
from ui.language import current_translator, language_switch
from ui.loading import tour_in_language, tour_or_stop
from ui.navigation import rerun_inside_frame
from ui.publish import publish_styles, remember_version

_FRAME_TOUR = "frame_tour"
# The app's own styles and scripts, from the static/ folder beside ui/: both are the
# app's, not the installed goodwill package's.
APP_STATIC = Path(__file__).resolve().parent.parent / "static" / "goodwill"
APP_CSS = APP_STATIC / "app.css"  # on every page: a focus ring always visible, and layout
# The map page's script (the story's live region, focus, the phone's scroll to the panel),
# as the element that runs it: a fixed file of the app's, never text built from data. By
# address, not inline: st.html makes a new script element with the same attributes, so the
# browser fetches the file, which a Content-Security-Policy of script-src 'self' allows
# (deploy/nginx.conf.template); an inline script it would block.
MAP_PAGE_SCRIPT = f'<script src="{STATIC_URL}/goodwill/map_page.js"></script>'
_FRAME_RETRIED = "frame_retried"


@dataclass(frozen=True)
class PageContext:
    t: Translator
    tour: Tour  # in the reader's language: what pages show
    package: Tour  # as the data package holds it: what the downloads give
    view: View
    events: pd.DataFrame  # the events the sidebar filters keep (rows of ``tour.events``)


def run_frame() -> Translator:
    """The shared sidebar (language, filters) over the loaded tour; stops with the data's
    problems listed when it cannot be loaded."""
    st.html(APP_CSS)
    publish_styles()
    t = language_switch()
    package = tour_or_stop(t)
    remember_version(package)
    tour = tour_in_language(package, t.lang)
    sidebar_filters(tour, t, t.lang)
    # Handed to this run's page, so the tour is loaded (and explained) once a run.
    st.session_state[_FRAME_TOUR] = (tour, package)
    return t


def run_map_page_script() -> None:
    """Run ``static/goodwill/map_page.js`` in the page, once per page load: the same element
    on every rerun is not run again (the script guards against a second run itself)."""
    st.html(MAP_PAGE_SCRIPT, unsafe_allow_javascript=True)


def page_context(title: str) -> PageContext:
    """What the frame set up for this run; draws the page's title (``title``, a message id)
    where the first run's loading state was (``ui/first_paint.py``).

    A fresh server that is first asked for a page other than the home page (a shared
    ``/quotes?quote=…`` link) runs that page on its own (see ``ui/navigation.py``); the
    page then asks for one rerun, in which ``app.py`` and its navigation run first.
    """
    tours = st.session_state.pop(_FRAME_TOUR, None)
    if tours is None:
        if st.session_state.get(_FRAME_RETRIED):
            st.error(current_translator().t("errors.frame_missing"))
            st.stop()
        st.session_state[_FRAME_RETRIED] = True
        rerun_inside_frame()
    st.session_state.pop(_FRAME_RETRIED, None)
    t = current_translator()
    show_page_title(t(title))
    view = current_view()
    tour, package = tours
    return PageContext(t, tour, package, view, filter_events(tour, view))
