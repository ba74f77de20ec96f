"""Showing the Markdown that ``goodwill`` builds, with the language of the source's words.

The source's words (quotes, evidence, headlines) stay in English on a Spanish page, marked
``<span lang="en">`` (:func:`goodwill.text.in_language`). Markdown cannot say that, so
this Markdown is shown with HTML allowed, which is safe only because every piece of data
text in it is escaped (:func:`goodwill.text.escape_markdown`) and
:func:`goodwill.text.checked_markdown` refuses any other HTML before it is shown.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from goodwill.text import checked_markdown


def show_markdown(markdown: str, where: DeltaGenerator | None = None) -> None:
    """Show ``markdown`` (built by ``goodwill``) in ``where`` (the page by default)."""
    (where or st).markdown(checked_markdown(markdown), unsafe_allow_html=True)
