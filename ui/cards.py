"""How a :class:`goodwill.panels.Card` looks on every page: a bordered box, a button that
copies its link when it has one, its evidence folded beneath."""

from __future__ import annotations

import streamlit as st

from goodwill.i18n import Translator
from goodwill.panels import Card
from ui.publish import absolute, copy_button
from ui.rich_text import show_markdown


def show_card(card: Card, t: Translator) -> None:
    with st.container(border=True):
        show_markdown(card.body)
        if card.link:
            copy_button(absolute(card.link), t, t("share.copy_link"))
        if card.evidence:
            with st.expander(t("panel.evidence_and_sources")):
                show_markdown("\n".join(card.evidence))
