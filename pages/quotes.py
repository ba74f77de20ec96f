"""Every quote, quoted phrase and paraphrase: search, filters, and a permalink to each."""

from urllib.parse import parse_qs

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from goodwill.panels import Card
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
from goodwill.view import filter_events
from ui.filters import current_view
from ui.language import current_translator
from ui.loading import tour_or_stop

_DISMISSED = "quotes_dismissed_link"


def requested_quote() -> str | None:
    """The ``?quote=`` of the link this run was started from.

    The sidebar runs before this page and rewrites the URL from the filters alone, which
    drops ``quote``; the query string the run started with still holds it. (Streamlit has
    no public accessor for it, hence the guarded use of the run context.)
    """
    value = st.query_params.get(QUOTE_PARAMETER)
    if value is None:
        query_string = getattr(get_script_run_ctx(), "query_string", "") or ""
        values = parse_qs(query_string, keep_blank_values=True).get(QUOTE_PARAMETER)
        value = values[-1] if values else None
    return value


t = current_translator()
tour = tour_or_stop(t)
view = current_view()
st.title(t("page.quotes"))
st.caption(t("quotes.intro"))

linked, notice = parse_quote_parameter(requested_quote(), tour)
if linked and linked == st.session_state.get(_DISMISSED):
    linked = None
if notice:
    reason = t(notice.reason, **notice.values)
    st.warning(t("notice.bad_url_parameter", name=notice.name, value=notice.value, reason=reason))
if linked:
    # The sidebar rewrote the URL from the filters; keep the permalink in it.
    st.query_params[QUOTE_PARAMETER] = linked


def show(card: Card) -> None:
    with st.container(border=True):
        st.markdown(card.body)
        with st.expander(t("panel.evidence_and_sources")):
            st.markdown("\n".join(card.evidence))


if linked:
    st.subheader(t("quotes.linked"))
    show(quote_card(tour, tour.quotes.set_index("quote_id", drop=False).loc[linked], t))
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
        t("quotes.speaker"), list(speakers), format_func=speakers.get, key="quotes_speakers"
    ),
    topics=columns[1].multiselect(
        t("quotes.topic"), topics, format_func=lambda v: t.label("topic", v), key="quotes_topics"
    ),
    kinds=columns[2].multiselect(
        t("quotes.kind"), kinds, format_func=lambda v: t.label("quote_kind", v), key="quotes_kinds"
    ),
    event_ids=columns[3].multiselect(
        t("quotes.event"), list(event_names), format_func=event_names.get, key="quotes_events"
    ),
)
found = filter_quotes(tour, filter_events(tour, view), chosen)
st.caption(t.plural("quotes.count", len(found)))
if found.empty:
    st.info(t("quotes.none_match"))
for _, quote in found.iterrows():
    if quote["quote_id"] != linked:
        show(quote_card(tour, quote, t))
