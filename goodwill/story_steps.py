"""The guided story: the tour's stops in date order, one step at a time.

The steps are the tour stops among the kept events, in the itinerary's date order. Each
step says what happened there in the project's own summary (with the row's evidence),
when (the date in words, its precision, and that it is inferred), who was there, and the
headline quote said there. Stops the story dates alike ("last month" for McAllen and
Reynosa) keep a fixed order, and their steps say that the story does not tell which came
first. Only the step shown is built, so a tour of thousands of stops costs one step.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from babel.lists import format_list

from goodwill.dataset import Tour
from goodwill.enums import EventKind, EventStatus
from goodwill.i18n import Translator
from goodwill.itinerary import in_date_order
from goodwill.panels import (
    Card,
    appearance_entries,
    event_date,
    event_evidence,
    evidence_line,
    headline_quote,
    kind_and_status,
    little_in_the_story,
    place_details,
    place_title,
)
from goodwill.text import escape_markdown as md


@dataclass(frozen=True)
class StoryStep:
    """One step of the story, ready to show: every data value in it is escaped."""

    number: int  # from 1
    total: int
    event_id: str
    place_id: str
    counter: str  # "3 of 6"
    card: Card  # the step's Markdown, its evidence folded beneath
    announcement: str  # what a screen reader hears when the step changes (Markdown)


def story_stops(events: pd.DataFrame) -> pd.DataFrame:
    """The tour stops among ``events``, in date order: one step each."""
    return in_date_order(events[events["kind"] == EventKind.TOUR_STOP])


def step_of_place(
    stops: pd.DataFrame, place_id: str | None, current: int | None = None
) -> int | None:
    """The step (from 1) that shows ``place_id``: ``current`` if it already does, else the
    first that does; ``None`` when the place is no stop of the story."""
    places = list(stops["place_id"])
    if current and 0 < current <= len(places) and places[current - 1] == place_id:
        return current
    return places.index(place_id) + 1 if place_id in places else None


def story_step(tour: Tour, stops: pd.DataFrame, number: int, t: Translator) -> StoryStep:
    """Step ``number`` (from 1) of the story of ``stops`` (:func:`story_stops`)."""
    if not 0 < number <= len(stops):
        raise ValueError(f"step {number} is not one of the {len(stops)} steps")
    event = stops.iloc[number - 1]
    places = tour.places.set_index("place_id")
    people = tour.people.set_index("person_id")
    planned = event["status"] == EventStatus.PLANNED
    # Translators: The step counter of the story mode: "3 of 6".
    counter = t("story.counter", step=number, total=len(stops))
    # What happened comes first; where exactly (the venue, the coordinates' precision) last.
    lines = [place_title(tour, event["place_id"], t), kind_and_status(event, t)]
    if planned:
        lines.append(f"*{md(t('story.planned'))}*")
    precision = t.label("date_precision", event["date_precision"])
    lines.append(
        f"**{md(t('field.date'))}:** {md(event_date(event, t))} · {md(precision)} — "
        f"{md(t('panel.story_words'))} “{md(event['date_words'])}”"
    )
    dates = _dates(stops)
    alike = stops[dates == dates.iloc[number - 1]]
    if len(alike) > 1:
        names = format_list([places.loc[pid, "name"] for pid in alike["place_id"]], locale=t.locale)
        # Translators: {places} lists the stops the story dates alike: "McAllen and Reynosa".
        lines.append(f"*{md(t('story.order_unknown', places=names))}*")
    what = t("story.what_was_planned" if planned else "story.what_happened")
    lines.append(f"**{md(what)}:** {md(event['summary'])}")
    if little := little_in_the_story(tour, event, t):
        lines.append(f"*{md(little)}*")
    evidence = event_evidence(tour, event, what, t)
    appearances = tour.appearances[tour.appearances["event_id"] == event["event_id"]]
    if not appearances.empty:
        lines.append(f"**{md(t('story.who_goes' if planned else 'story.who_was_there'))}:**")
        evidence += appearance_entries(tour, appearances, people, t, lines)
    quotes = tour.quotes[tour.quotes["event_id"] == event["event_id"]]
    evidence += headline_quote(tour, quotes, people, t, lines)
    lines.append(place_details(tour, event["place_id"], t))
    place = places.loc[event["place_id"]]
    evidence.append(evidence_line(tour, t("field.place"), place, t))
    # Translators: What a screen reader hears when a step of the story is shown: {counter}
    # is story.counter, {date} the date in words, {summary} what happened there.
    announcement = t(
        "story.announcement",
        counter=counter,
        place=place["name"],
        date=event_date(event, t),
        summary=event["summary"],
    )
    return StoryStep(
        number=number,
        total=len(stops),
        event_id=event["event_id"],
        place_id=event["place_id"],
        counter=counter,
        card=Card("\n\n".join(lines), evidence),
        announcement=md(announcement),
    )


def _dates(stops: pd.DataFrame) -> pd.Series:
    # A stop's date interval as one comparable value (a missing bound included).
    return stops["date_start"].astype(str) + "/" + stops["date_end"].astype(str)
