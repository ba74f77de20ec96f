"""What a reader sees first: the app's own frame and a loading state, then the slow part.

A session's first run on a freshly started server imports pandas, Frictionless and folium
and validates the tour: seconds in which the page would stay blank. ``app.py`` therefore
imports only light modules, draws the navigation, and calls
:func:`run_frame_after_first_paint`, which shows the page's heading and a loading state
before it imports and runs the frame. The page ends them once its own modules are
imported, when its title takes the loading title's place (:func:`show_page_title`).
``tests/browser/test_first_paint.py`` times it on a fresh server.
"""

from __future__ import annotations

import streamlit as st

from goodwill.i18n import Translator
from goodwill.text import escape_markdown

_PAINTED = "first_paint_done"
_PENDING = "first_paint_pending"


def run_frame_after_first_paint(t: Translator, heading: str) -> Translator:
    """Run the frame (``ui.frame.run_frame``) behind the page's ``heading`` and a loading
    state on the session's first run; return the frame's translator.

    The page's own title later takes the title's place, and ends the loading state
    (:func:`show_page_title`): the loading state stays while the page imports its own
    modules (the map's take another second), and the screen is never blank in between.
    Later runs keep the same two places, so nothing after them changes identity (the map
    is not remounted).
    """
    title, loading = st.empty(), st.empty()
    if _PAINTED not in st.session_state:
        st.session_state[_PAINTED] = True
        title.title(escape_markdown(heading))
        loading.status(t("loading.tour"), state="running")
    try:
        # Imported here, after the loading state is on screen: the frame's modules load
        # pandas and Frictionless, about a second on a cold server.
        from ui.frame import run_frame

        t = run_frame()
    except BaseException:  # st.stop() too: a broken package's problems replace it
        title.empty()
        loading.empty()
        raise
    # Handed to the page within this run (and popped there), like the frame's tour.
    st.session_state[_PENDING] = (title, loading)
    return t


def show_page_title(text: str) -> None:
    """The page's title, in the first place of the page (where the first run's loading
    title was), and the loading state ended in the same step."""
    title, loading = st.session_state.pop(_PENDING, (None, None))
    if title is None:  # a page run without the frame (ui/navigation.py): no places kept
        st.title(escape_markdown(text))
        return
    title.title(escape_markdown(text))
    loading.empty()
