"""The tour without the map: an itinerary in date order, and the map said in words.

The itinerary is the map's twin for keyboard and screen-reader users (and anyone on a
small screen): one row per kept event with its date in words, its place and the place it
pairs with across the border, who was there, and the headline quote said there.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from goodwill.dataset import Tour
from goodwill.dates import describe_event_date, in_date_order
from goodwill.enums import EventKind, EventStatus, QuoteKind
from goodwill.i18n import Translator
from goodwill.panels import LISTED_STOPS_MAX, event_date, project_translation
from goodwill.text import escape_markdown as md
from goodwill.text import in_language


@dataclass(frozen=True)
class ItineraryRow:
    event_id: str
    place_id: str
    # Short: the town, else the place's name. Escaped: Streamlit reads a button's label
    # as Markdown, so a place named "![x](http://…)" would otherwise fetch an image.
    place_label: str
    text: str  # Markdown, every data value escaped


def _where(tour: Tour, places: pd.DataFrame, place_id: str, t: Translator) -> str:
    """The place and the one it pairs with across the border (``places``: indexed by id)."""

    def named(pid: str) -> str:
        return f"{places.loc[pid, 'name']} ({t.country_name(places.loc[pid, 'country'])})"

    pairs = tour.city_pairs
    mine = pairs[(pairs["place_a_id"] == place_id) | (pairs["place_b_id"] == place_id)]
    if mine.empty:
        return md(named(place_id))
    pair = mine.iloc[0]
    other = pair["place_b_id"] if pair["place_a_id"] == place_id else pair["place_a_id"]
    kind = t.label("pair_kind", pair["kind"])
    return f"{md(named(place_id))} ⇄ {md(named(other))} ({md(kind)})"


#: Rows per page: a tour of thousands of events must not draw thousands of buttons.
PAGE_SIZE = 25


def page_count(events: pd.DataFrame, page_size: int = PAGE_SIZE) -> int:
    """How many pages the itinerary of ``events`` has (at least one)."""
    return max(1, -(-len(events) // page_size))


def itinerary(
    tour: Tour, events: pd.DataFrame, t: Translator, *, page: int = 0, page_size: int | None = None
) -> list[ItineraryRow]:
    """One row per kept event, in date order; only page ``page`` (from 0) when
    ``page_size`` is given, so the cost follows the page, not the tour."""
    people = tour.people.set_index("person_id")
    places = tour.places.set_index("place_id")
    ordered = in_date_order(events)
    if page_size:
        ordered = ordered.iloc[page * page_size : (page + 1) * page_size]
    # The appearances and headline quotes of this page's events, looked up once: the
    # tables hold the whole tour, and a page is a few rows of it.
    shown = tour.appearances["event_id"].isin(ordered["event_id"])
    present = tour.appearances[shown].groupby("event_id", sort=False)["person_id"].agg(list)
    quotes = tour.quotes
    headlines = (
        quotes[
            quotes["event_id"].isin(ordered["event_id"]) & (quotes["kind"] == QuoteKind.FULL_QUOTE)
        ]
        .drop_duplicates("event_id")
        .set_index("event_id")
    )
    rows = []
    for _, event in ordered.iterrows():
        names = [people.loc[pid, "name"] for pid in present.get(event["event_id"], [])]
        lines = [
            f"**{md(event_date(event, t))}** · {_where(tour, places, event['place_id'], t)}"
            f" · {md(t.label('event_kind', event['kind']))}"
        ]
        if names:
            lines.append(f"{md(t('itinerary.present'))}: {md(', '.join(names))}")
        if event["event_id"] in headlines.index:
            quote = headlines.loc[event["event_id"]]
            speaker = people.loc[quote["person_id"], "name"]
            words = in_language(f"“{md(quote['text'])}”", quote["reported_language"])
            lines.append(f"{words} — {md(speaker)}")
            if translation := project_translation(quote, "text", t):
                lines.append(translation)
        rows.append(
            ItineraryRow(
                event["event_id"],
                event["place_id"],
                md(places.loc[event["place_id"], "name"]),
                "  \n".join(lines),
            )
        )
    return rows


def map_summary(tour: Tour, events: pd.DataFrame, t: Translator) -> str:
    """One paragraph that says what the map shows, for readers who cannot see it."""
    if events.empty:
        return t("events.none_match")
    places = tour.places.set_index("place_id")
    kinds = events["kind"].value_counts()
    stops = in_date_order(events[events["kind"] == EventKind.TOUR_STOP])
    countries = [
        t.country_name(code)
        for code in dict.fromkeys(places.loc[in_date_order(events)["place_id"], "country"])
    ]
    listed = stops.head(LISTED_STOPS_MAX)
    route = "; ".join(
        f"{places.loc[stop['place_id'], 'name']}, {describe_event_date(stop, t.lang, short=True)}"
        for _, stop in listed.iterrows()
    )
    if more := len(stops) - len(listed):
        # Translators: {route} is the first tour stops with their dates, separated by
        # semicolons; {count} how many more there are.
        route = t.plural("itinerary.route_more", more, route=route)
    # Each count is its own plural message, so each agrees with its own number.
    # Translators: {places} … {visits} are the count.* messages; {countries} is a list of
    # country names and {route} the tour stops with their dates, separated by semicolons.
    return t(
        "itinerary.summary",
        places=t.plural("count.places", events["place_id"].nunique()),
        events=t.plural("count.events", len(events)),
        stops=t.plural("count.tour_stops", len(stops)),
        # Translators: In "6 tour stops (5 held, 1 planned)"; agrees with "tour stop".
        held=t.plural("count.stops_held", int((stops["status"] == EventStatus.HELD).sum())),
        # Translators: In "6 tour stops (5 held, 1 planned)"; agrees with "tour stop".
        planned=t.plural(
            "count.stops_planned", int((stops["status"] == EventStatus.PLANNED).sum())
        ),
        meetings=t.plural("count.earlier_meetings", int(kinds.get(EventKind.EARLIER_MEETING, 0))),
        visits=t.plural("count.announced_visits", int(kinds.get(EventKind.ANNOUNCED_VISIT, 0))),
        countries=", ".join(countries),
        route=route or "—",
    )
