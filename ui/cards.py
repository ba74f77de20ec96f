"""How a :class:`goodwill.panels.Card` looks on every page: a bordered box, its evidence
folded beneath."""

from __future__ import annotations

import streamlit as st

from goodwill.i18n import Translator
from goodwill.panels import Card
from ui.rich_text import show_markdown


def show_card(card: Card, t: Translator) -> None:
    with st.container(border=True):
        show_markdown(card.body)
        if card.evidence:
            with st.expander(t("panel.evidence_and_sources")):
                show_markdown("\n".join(card.evidence))
