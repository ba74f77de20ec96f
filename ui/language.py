"""The reader's language: a sidebar switch kept in the URL as ``?lang=``."""

from __future__ import annotations

import streamlit as st

from goodwill.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator, translator
from goodwill.view import Notice
from ui.filters import notice_text
from ui.persist import remember, restore

_KEY = "lang"


def language_switch() -> Translator:
    """Draw the language switch in the sidebar and return the chosen language's translator.

    The first run of a session takes the language from ``?lang=`` (a shared link); after
    that the switch is the truth and the URL follows it.
    """
    restore(_KEY)
    if _KEY not in st.session_state:
        requested = st.query_params.get(_KEY, DEFAULT_LANGUAGE)
        st.session_state[_KEY] = requested if requested in LANGUAGES else DEFAULT_LANGUAGE
        if requested not in LANGUAGES:
            notice = Notice(
                _KEY, requested, "notice.reason.choices", {"choices": ", ".join(LANGUAGES)}
            )
            st.toast(notice_text(notice, translator(DEFAULT_LANGUAGE)), icon="⚠️")
    current = translator(st.session_state[_KEY])
    st.sidebar.selectbox(
        current("sidebar.language"),
        LANGUAGES,
        key=_KEY,
        format_func=lambda code: translator(code)(f"language.{code}"),
    )
    remember(_KEY)
    st.query_params[_KEY] = st.session_state[_KEY]
    chosen = translator(st.session_state[_KEY])
    if chosen.lang != DEFAULT_LANGUAGE:
        # The data is the source's own words, not translated: said once, for every page.
        st.sidebar.caption(chosen("language.source_words"))
    return chosen


def current_translator() -> Translator:
    """The translator chosen by the switch (for pages, which run after the frame)."""
    return translator(st.session_state.get(_KEY, DEFAULT_LANGUAGE))
