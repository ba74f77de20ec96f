"""How a :class:`goodwill.panels.Card` looks on every page: a bordered box, its evidence
folded beneath."""

from __future__ import annotations

import streamlit as st

from goodwill.i18n import Translator
from goodwill.panels import Card


def show_card(card: Card, t: Translator) -> None:
    with st.container(border=True):
        st.markdown(card.body)
        if card.evidence:
            with st.expander(t("panel.evidence_and_sources")):
                st.markdown("\n".join(card.evidence))
