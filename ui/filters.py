"""The shared sidebar filters, kept in the URL so that a copied link reopens the view."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from goodwill.dataset import Tour
from goodwill.dates import days_between, format_day
from goodwill.i18n import Translator
from goodwill.text import escape_markdown
from goodwill.view import (
    PARAMETERS,
    STATUSES,
    Notice,
    View,
    countries_of,
    date_span,
    parse_view,
    to_query,
)
from ui.persist import remember, restore

PLACE_KEY = "place"
PERSON_KEY = "person"
STEP_KEY = "story_step"
_VIEW_KEY = "view"
_STARTED_KEY = "filters_started"
_WIDGET_KEYS = ("filter_countries", "filter_dates", "filter_statuses", "filter_undated")


def _start_from_link(tour: Tour, t: Translator) -> None:
    """On a session's first run, set every filter widget from the URL, and say which
    values of it were ignored and why."""
    view, notices = parse_view(st.query_params.to_dict(), tour)
    countries = countries_of(tour)
    st.session_state["filter_countries"] = [
        code for code in countries if view.countries is None or code in view.countries
    ]
    st.session_state["filter_statuses"] = [
        status for status in STATUSES if view.statuses is None or status in view.statuses
    ]
    st.session_state["filter_dates"] = (view.date_from, view.date_to)
    st.session_state["filter_undated"] = view.show_undated
    st.session_state[PLACE_KEY] = view.place
    st.session_state[PERSON_KEY] = view.person
    st.session_state[STEP_KEY] = view.step
    st.session_state["link_notices"] = notices
    st.session_state[_STARTED_KEY] = True


def sidebar_filters(tour: Tour, t: Translator, lang: str) -> View:
    """Draw the filters in the sidebar and return the view they describe."""
    if _STARTED_KEY not in st.session_state:
        _start_from_link(tour, t)
    restore(*_WIDGET_KEYS)
    countries = countries_of(tour)
    span_start, span_end = date_span(tour)
    sidebar = st.sidebar
    sidebar.header(t("sidebar.filters"))
    chosen_countries = sidebar.multiselect(
        t("sidebar.country"),
        countries,
        key="filter_countries",
        format_func=t.country_name,
        placeholder=t("widget.choose"),
    )
    dates = _date_range(sidebar, span_start, span_end, t)
    chosen_statuses = sidebar.multiselect(
        t("sidebar.status"),
        STATUSES,
        key="filter_statuses",
        placeholder=t("widget.choose"),
        format_func=lambda status: t.label("event_status", status),
    )
    show_undated = sidebar.toggle(t("sidebar.undated"), key="filter_undated")
    remember(*_WIDGET_KEYS)
    person = st.session_state.get(PERSON_KEY)
    if person:
        name = tour.people.set_index("person_id").loc[person, "name"]
        sidebar.info(t("sidebar.person_only", name=escape_markdown(name)))
        sidebar.button(
            t("sidebar.person_clear"), on_click=st.session_state.update, args=({PERSON_KEY: None},)
        )
    date_from, date_to = dates
    view = View(
        date_from=date_from,
        date_to=date_to,
        countries=None if len(chosen_countries) == len(countries) else frozenset(chosen_countries),
        statuses=None if len(chosen_statuses) == len(STATUSES) else frozenset(chosen_statuses),
        show_undated=show_undated,
        place=st.session_state.get(PLACE_KEY),
        person=person,
        step=st.session_state.get(STEP_KEY),
    )
    st.session_state[_VIEW_KEY] = view
    write_query({**to_query(view, tour), "lang": lang})
    for notice in st.session_state.pop("link_notices", []):
        st.toast(notice_text(notice, t), icon="⚠️")
    return view


def _date_range(
    sidebar: DeltaGenerator, start: dt.date, end: dt.date, t: Translator
) -> tuple[dt.date, dt.date]:
    """The date range: a slider over the days of the tour, each day written in the
    reader's language (Streamlit's date picker writes its months and weekdays in English
    whatever the app's language)."""
    days = days_between(start, end)
    chosen = st.session_state.get("filter_dates")
    if not (isinstance(chosen, tuple | list) and len(chosen) == 2 and set(chosen) <= set(days)):
        # The tour was edited under this session and its span changed: start over.
        st.session_state["filter_dates"] = (start, end)
    if len(days) == 1:
        # A slider needs two values to move between; a one-day tour has nothing to choose.
        sidebar.caption(f"{t('sidebar.date_range')}: {escape_markdown(format_day(start, t.lang))}")
        return start, end
    first, last = sidebar.select_slider(
        t("sidebar.date_range"),
        options=days,
        # A default of two days makes it a range (the value itself is the session's:
        # the link or the reader set it).
        value=(start, end),
        key="filter_dates",
        format_func=lambda day: format_day(day, t.lang),
    )
    return first, last


def notice_text(notice: Notice, t: Translator) -> str:
    """What the notice of an ignored link parameter says, in Markdown. The value is the
    link's own, so it is escaped: ``?place=![x](http://…)`` shows those characters, and
    fetches nothing. So is the reason, which quotes values from the data."""
    return t(
        "notice.bad_url_parameter",
        name=escape_markdown(notice.name),
        value=escape_markdown(notice.value),
        reason=escape_markdown(t(notice.reason, **notice.values)),
    )


def write_query(query: dict[str, str]) -> None:
    """Make the URL say ``query``, changing only what differs.

    Key by key, and only the frame's own parameters: a page may keep its own (``?quote=``),
    and an unchanged URL sends nothing to the browser.
    """
    owned = (*PARAMETERS, "lang")
    for name in [name for name in st.query_params if name in owned and name not in query]:
        del st.query_params[name]
    for name, value in query.items():
        if st.query_params.get(name) != value:
            st.query_params[name] = value


def current_view() -> View:
    """The view the sidebar set in this run (pages run after the frame)."""
    return st.session_state[_VIEW_KEY]


def select_place(place_id: str | None, tour: Tour, lang: str) -> None:
    """Select a place and keep the URL in step."""
    st.session_state[PLACE_KEY] = place_id
    _change_view(tour, lang, place=place_id)


def select_step(step: int | None, tour: Tour, lang: str) -> None:
    """Show step ``step`` of the story (``None``: leave the story) and keep the URL in step.
    The step's place is selected separately (:func:`select_place`)."""
    st.session_state[STEP_KEY] = step
    _change_view(tour, lang, step=step)


def _change_view(tour: Tour, lang: str, **changes) -> None:
    view = replace(st.session_state[_VIEW_KEY], **changes)
    st.session_state[_VIEW_KEY] = view
    write_query({**to_query(view, tour), "lang": lang})
