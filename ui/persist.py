"""Keep the frame's widget values across page switches.

The frame's widgets are drawn before ``st.navigation`` picks the page, so their identity
changes with the page, and Streamlit gives a widget whose identity changed its default
value: switching pages reset the sidebar filters and the language. Writing each value
back through the Session State API before the widget is drawn makes the new widget take
it (Streamlit's documented way to carry widget values across pages); a plain mirror
covers a value Streamlit dropped altogether.
"""

from __future__ import annotations

import streamlit as st

_PREFIX = "kept."


def restore(*keys: str) -> None:
    """Hand each widget its current value (or the mirrored one) before it is drawn."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
        elif _PREFIX + key in st.session_state:
            st.session_state[key] = st.session_state[_PREFIX + key]


def remember(*keys: str) -> None:
    """Mirror the widgets' current values, after they are drawn."""
    for key in keys:
        if key in st.session_state:
            st.session_state[_PREFIX + key] = st.session_state[key]
