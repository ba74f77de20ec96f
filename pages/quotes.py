"""Every quote, quoted phrase and paraphrase: search, filters, and a permalink to each."""

import streamlit as st

from goodwill.i18n import N_
from goodwill.quotes import (
    QUOTE_PARAMETER,
    QuoteFilter,
    event_options,
    filter_quotes,
    kind_options,
    parse_quote_parameter,
    quote_card,
    speaker_options,
    topic_options,
)
from ui.cards import show_card
from ui.filters import notice_text
from ui.frame import page_context

_DISMISSED = "quotes_dismissed_link"


page = page_context(N_("page.quotes"))
t, tour = page.t, page.tour
st.caption(t("quotes.intro"))

linked, notice = parse_quote_parameter(st.query_params.get(QUOTE_PARAMETER), tour)
if linked and linked == st.session_state.get(_DISMISSED):
    linked = None
if notice:
    st.warning(notice_text(notice, t))

if linked:
    st.subheader(t("quotes.linked"))
    show_card(quote_card(tour, tour.quotes.set_index("quote_id", drop=False).loc[linked], t), t)
    if st.button(t("quotes.clear_link")):
        st.session_state[_DISMISSED] = linked
        del st.query_params[QUOTE_PARAMETER]
        st.rerun()
    st.divider()

search = st.text_input(t("quotes.search"), help=t("quotes.search_help"), key="quotes_search")
speakers, topics, kinds, event_names = (
    speaker_options(tour),
    topic_options(tour),
    kind_options(tour),
    event_options(tour, t),
)
columns = st.columns(4)
chosen = QuoteFilter(
    search=search,
    speakers=columns[0].multiselect(
        t("quotes.speaker"),
        list(speakers),
        format_func=speakers.get,
        key="quotes_speakers",
        placeholder=t("widget.choose"),
    ),
    topics=columns[1].multiselect(
        t("quotes.topic"),
        topics,
        format_func=lambda v: t.label("topic", v),
        key="quotes_topics",
        placeholder=t("widget.choose"),
    ),
    kinds=columns[2].multiselect(
        t("quotes.kind"),
        kinds,
        format_func=lambda v: t.label("quote_kind", v),
        key="quotes_kinds",
        placeholder=t("widget.choose"),
    ),
    event_ids=columns[3].multiselect(
        t("quotes.event"),
        list(event_names),
        format_func=event_names.get,
        key="quotes_events",
        placeholder=t("widget.choose"),
    ),
)
found = filter_quotes(tour, page.events, chosen)
st.caption(t.plural("quotes.count", len(found)))
if found.empty:
    st.info(t("quotes.none_match"))
for _, quote in found.iterrows():
    if quote["quote_id"] != linked:
        show_card(quote_card(tour, quote, t), t)
