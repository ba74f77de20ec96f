"""What the reader is looking at: the filters and the selected place, and their URL form.

A :class:`View` is parsed from the URL query (so a shared link reopens the same view),
applied to the tour by :func:`filter_events`, and written back by :func:`to_query`. Every
query parameter is parsed into its type and checked against the data; a bad value is
dropped with a :class:`Notice` saying why, and the rest of the link still applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from goodwill import urls
from goodwill.dataset import Tour
from goodwill.enums import ENUMERATIONS, DatePrecision
from goodwill.i18n import N_
from goodwill.story_steps import story_stops

STATUSES = ENUMERATIONS["event_status"]
UNDATED_CHOICES = ("show", "hide")
#: Query parameter names, in the order they are written to the URL.
#: The parameters of the address that name the selected place, or the story's step that
#: names it (map.js follows them too).
PLACE_PARAMETER, STEP_PARAMETER = "place", "step"
PARAMETERS = (
    PLACE_PARAMETER,
    STEP_PARAMETER,
    "person",
    "country",
    "from",
    "to",
    "status",
    "undated",
)


@dataclass(frozen=True)
class View:
    """Filters and selection. ``None`` for ``countries`` / ``statuses`` means all of them;
    an empty set means none. (The language is the :mod:`ui.language` switch's own.)"""

    date_from: dt.date
    date_to: dt.date
    countries: frozenset[str] | None = None
    statuses: frozenset[str] | None = None
    show_undated: bool = True
    place: str | None = None
    person: str | None = None  # only the events this person or group appeared at
    # The story mode's step (from 1; None: the map is explored freely). The step's stop is
    # then the selected place.
    step: int | None = None


@dataclass(frozen=True)
class Notice:
    """A query parameter that was ignored; ``reason`` is a catalog key, ``values`` its
    placeholders."""

    name: str
    value: str
    reason: str
    values: Mapping[str, str] = field(default_factory=dict)


def date_span(tour: Tour) -> tuple[dt.date, dt.date]:
    """First and last day of the tour's dated events: the full extent of the date filter."""
    dated = tour.events[tour.events["date_precision"] != DatePrecision.UNKNOWN]
    bounds = pd.concat([dated["date_start"], dated["date_end"]]).dropna()
    if bounds.empty:
        today = dt.date.today()
        return today, today
    return bounds.min().date(), bounds.max().date()


def default_view(tour: Tour) -> View:
    """Everything shown, nothing selected."""
    start, end = date_span(tour)
    return View(date_from=start, date_to=end)


def countries_of(tour: Tour) -> list[str]:
    """Every country of the tour's places: the US and Mexico first, then alphabetical."""
    codes = set(tour.places["country"])
    first = [code for code in ("US", "MX") if code in codes]
    return first + sorted(codes - set(first))


def event_countries(tour: Tour, events: pd.DataFrame) -> pd.Series:
    """The country of each event, through its place."""
    return events["place_id"].map(tour.places.set_index("place_id")["country"])


def filter_events(tour: Tour, view: View) -> pd.DataFrame:
    """The events the view keeps.

    A dated event is kept when its interval [date_start, date_end] overlaps the view's
    range. An event of unknown date has only bounds, not a date, so the range cannot place
    it: it is kept or hidden as a whole by ``show_undated``, never silently dropped.
    """
    events = tour.events
    keep = pd.Series(True, index=events.index)
    if view.countries is not None:
        keep &= event_countries(tour, events).isin(view.countries)
    if view.statuses is not None:
        keep &= events["status"].isin(view.statuses)
    if view.person is not None:
        appearances = tour.appearances
        keep &= events["event_id"].isin(
            appearances.loc[appearances["person_id"] == view.person, "event_id"]
        )
    undated = events["date_precision"] == DatePrecision.UNKNOWN
    start = pd.Timestamp(view.date_from)
    end = pd.Timestamp(view.date_to)
    overlaps = (events["date_start"] <= end) & (events["date_end"] >= start)
    keep &= (undated & view.show_undated) | (~undated & overlaps)
    return events[keep]


def undated_count(tour: Tour, view: View) -> int:
    """How many events of unknown date the other filters keep, shown or not: the number
    the map states so that hiding them is never silent."""
    matching = filter_events(tour, replace(view, show_undated=True))
    return int((matching["date_precision"] == DatePrecision.UNKNOWN).sum())


def parse_view(query: Mapping[str, str], tour: Tour) -> tuple[View, list[Notice]]:
    """The view a URL query asks for, and a notice for every value that was ignored."""
    view = default_view(tour)
    notices: list[Notice] = []
    span_start, span_end = view.date_from, view.date_to

    def ignore(name: str, reason: str, **values: str) -> None:
        notices.append(Notice(name, str(query[name]), reason, values))

    if "place" in query:
        if query["place"] in set(tour.places["place_id"]):
            view = replace(view, place=query["place"])
        else:
            ignore("place", N_("notice.reason.unknown_place"))
    if "person" in query:
        if query["person"] in set(tour.people["person_id"]):
            view = replace(view, person=query["person"])
        else:
            ignore("person", N_("notice.reason.unknown_person"))
    if "country" in query:
        known = countries_of(tour)
        asked = _split(query["country"])
        good = frozenset(code.upper() for code in asked if code.upper() in known)
        if len(good) < len(asked):
            ignore("country", N_("notice.reason.choices"), choices=", ".join(known))
        # Nothing valid asked for: the parameter is ignored, not read as "no country".
        if good or not asked:
            view = replace(view, countries=good if len(good) < len(known) else None)
    if "status" in query:
        asked = _split(query["status"])
        good = frozenset(status for status in asked if status in STATUSES)
        if len(good) < len(asked):
            ignore("status", N_("notice.reason.choices"), choices=", ".join(STATUSES))
        if good or not asked:
            view = replace(view, statuses=good if len(good) < len(STATUSES) else None)
    if "undated" in query:
        if query["undated"] in UNDATED_CHOICES:
            view = replace(view, show_undated=query["undated"] == "show")
        else:
            ignore("undated", N_("notice.reason.choices"), choices=", ".join(UNDATED_CHOICES))
    dates = {}
    for name in ("from", "to"):
        if name not in query:
            continue
        parsed = _parse_date(query[name])
        if parsed is None:
            ignore(name, N_("notice.reason.date"))
        elif not span_start <= parsed <= span_end:
            ignore(name, N_("notice.reason.out_of_span"), start=str(span_start), end=str(span_end))
        else:
            dates[name] = parsed
    date_from, date_to = dates.get("from", span_start), dates.get("to", span_end)
    if date_from > date_to:
        for name in dates:
            ignore(name, N_("notice.reason.reversed"))
    else:
        view = replace(view, date_from=date_from, date_to=date_to)
    if "step" in query:
        # Counted among the events the rest of the link keeps: a filtered story is shorter.
        stops = story_stops(filter_events(tour, view))
        number = _parse_whole_number(query["step"])
        if stops.empty:
            ignore("step", N_("notice.reason.no_steps"))
        elif number is None or not 0 < number <= len(stops):
            ignore("step", N_("notice.reason.step"), last=str(len(stops)))
        else:
            view = replace(view, step=number, place=stops["place_id"].iloc[number - 1])
    return view, notices


def to_query(view: View, tour: Tour) -> dict[str, str]:
    """The URL query for ``view``: only what differs from the default, so links stay short.
    (An empty selection is written as an empty value: ``country=`` shows no country.)"""
    default = default_view(tour)
    query: dict[str, str | None] = {
        # A step names its place: the link says the step alone.
        "place": view.place if view.step is None else None,
        "step": None if view.step is None else str(view.step),
        "person": view.person,
        "country": None
        if view.countries is None
        else ",".join(c for c in countries_of(tour) if c in view.countries),
        "from": str(view.date_from) if view.date_from != default.date_from else None,
        "to": str(view.date_to) if view.date_to != default.date_to else None,
        "status": None
        if view.statuses is None
        else ",".join(s for s in STATUSES if s in view.statuses),
        "undated": None if view.show_undated else "hide",
    }
    return {name: value for name in PARAMETERS if (value := query[name]) is not None}


def map_url(tour: Tour, view: View, lang: str, **changes) -> str:
    """The map page's address showing ``view`` with ``changes`` (``place=…``,
    ``person=…``), in ``lang``. Built from validated ids and urlencoded: safe in a link.
    A link to a place opens it on the map to explore, out of the story's steps."""
    if "place" in changes:
        changes.setdefault("step", None)
    query = {**to_query(replace(view, **changes), tour), "lang": lang}
    return urls.MAP.url(query)


def _split(value: str) -> list[str]:
    return [part.strip() for part in str(value).split(",") if part.strip()]


def _parse_whole_number(value: str) -> int | None:
    text = str(value).strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None
