"""The reader's language: a sidebar switch kept in the URL as ``?lang=``, and the
language the page says it is in."""

from __future__ import annotations

from functools import cache

import streamlit as st

from goodwill.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator, check_language, translator
from goodwill.paths import STATIC_URL
from ui.persist import remember, restore

_KEY = "lang"
# By address, not inline, like the map page's script (see ui/frame.py): the page's
# Content-Security-Policy lets the app's own files run, not inline scripts.
_DOCUMENT_LANGUAGE_SCRIPT = f"{STATIC_URL}/goodwill/document-language.js"


@cache
def _document_language_html(lang: str) -> str:
    """The script that sets ``<html lang>`` to ``lang`` (a language of the app's, never
    data): ``static/goodwill/document-language.js``, told the language by an attribute."""
    return f'<script data-lang="{check_language(lang)}" src="{_DOCUMENT_LANGUAGE_SCRIPT}"></script>'


def chosen_translator() -> Translator:
    """The translator of the session's language, before the switch is drawn: the switch's
    value, or on a session's first run the link's ``?lang=`` (a bad one falls back to
    English with a notice). ``app.py`` names its pages with it before the frame runs."""
    restore(_KEY)
    if _KEY not in st.session_state:
        requested = st.query_params.get(_KEY, DEFAULT_LANGUAGE)
        st.session_state[_KEY] = requested if requested in LANGUAGES else DEFAULT_LANGUAGE
        if requested not in LANGUAGES:
            # Imported only for a bad link: these load pandas, and app.py imports this
            # module before its first paint.
            from goodwill.view import Notice
            from ui.filters import notice_text

            notice = Notice(
                _KEY, requested, "notice.reason.choices", {"choices": ", ".join(LANGUAGES)}
            )
            st.toast(notice_text(notice, translator(DEFAULT_LANGUAGE)), icon="⚠️")
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
        placeholder=current.t("widget.choose"),
        # Translators: This catalog's language in the language itself: the switch shows
        # each language by its own name, so a reader finds theirs whatever is shown now.
        format_func=lambda code: translator(code).t("language.name"),
    )
    remember(_KEY)
    st.query_params[_KEY] = st.session_state[_KEY]
    chosen = translator(st.session_state[_KEY])
    st.sidebar.html(_document_language_html(chosen.lang), unsafe_allow_javascript=True)
    if chosen.lang != DEFAULT_LANGUAGE:
        # The data is the source's own words, not translated: said once, for every page.
        st.sidebar.caption(chosen.t("language.source_words"))
    return chosen


def current_translator() -> Translator:
    """The translator chosen by the switch (for pages, which run after the frame)."""
    return translator(st.session_state.get(_KEY, DEFAULT_LANGUAGE))
