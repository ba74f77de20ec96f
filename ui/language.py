"""The reader's language: a sidebar switch kept in the URL as ``?lang=``."""

from __future__ import annotations

import streamlit as st

from goodwill.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator, translator
from ui.persist import remember, restore

_KEY = "lang"


def chosen_translator() -> Translator:
    """The translator of the session's language, before the switch is drawn: the switch's
    value, or on a session's first run the link's ``?lang=`` (a bad one falls back to
    English with a notice). ``app.py`` names its pages with it before the frame runs."""
    restore(_KEY)
    if _KEY not in st.session_state:
        requested = st.query_params.get(_KEY, DEFAULT_LANGUAGE)
        st.session_state[_KEY] = requested if requested in LANGUAGES else DEFAULT_LANGUAGE
        if requested not in LANGUAGES:
            t = translator(DEFAULT_LANGUAGE)
            st.toast(
                t(
                    "notice.bad_url_parameter",
                    name=_KEY,
                    value=requested,
                    reason=t("notice.reason.choices", choices=", ".join(LANGUAGES)),
                ),
                icon="⚠️",
            )
    return translator(st.session_state[_KEY])


def language_switch() -> Translator:
    """Draw the language switch in the sidebar and return the chosen language's translator.

    The first run of a session takes the language from ``?lang=`` (a shared link); after
    that the switch is the truth and the URL follows it.
    """
    current = chosen_translator()
    st.sidebar.selectbox(
        current.t("sidebar.language"),
        LANGUAGES,
        key=_KEY,
        # Translators: This catalog's language in the language itself: the switch shows
        # each language by its own name, so a reader finds theirs whatever is shown now.
        format_func=lambda code: translator(code).t("language.name"),
    )
    remember(_KEY)
    st.query_params[_KEY] = st.session_state[_KEY]
    chosen = translator(st.session_state[_KEY])
    if chosen.lang != DEFAULT_LANGUAGE:
        # The data is the source's own words, not translated: said once, for every page.
        st.sidebar.caption(chosen.t("language.source_words"))
    return chosen


def current_translator() -> Translator:
    """The translator chosen by the switch (for pages, which run after the frame)."""
    return translator(st.session_state.get(_KEY, DEFAULT_LANGUAGE))
