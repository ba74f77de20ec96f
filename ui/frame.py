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
from goodwill.view import View, filter_events
from ui.filters import current_view, sidebar_filters
from ui.language import current_translator, language_switch
from ui.loading import tour_in_language, tour_or_stop
from ui.navigation import rerun_inside_frame
from ui.publish import publish_styles, remember_version

_FRAME_TOUR = "frame_tour"
# The app's own styles (a focus ring that is always visible, in both themes), from the
# static/ folder beside ui/: both are the app's, not the installed goodwill package's.
APP_CSS = Path(__file__).resolve().parent.parent / "static" / "goodwill" / "app.css"
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


def page_context() -> PageContext:
    """What the frame set up for this run.

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
    view = current_view()
    tour, package = tours
    return PageContext(t, tour, package, view, filter_events(tour, view))
