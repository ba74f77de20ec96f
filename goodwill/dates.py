"""Event dates in words, per language, honest about how precisely the story dates them.

An event is dated by an interval ``start..end`` plus a precision code (``day``, ``month``,
``late-month``, ``unknown``); either bound may be missing when the story only says "before"
or "after". The wording and the Babel date patterns live in the catalogs (message ids
``date.*``), so a new language needs no code here.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

import pandas as pd
from babel.dates import format_date

from goodwill.enums import ENUMERATIONS, DatePrecision, EventStatus
from goodwill.i18n import N_, Translator, translator

# The message ids of each part of a date, long and short: the long form for text, the short
# one for tooltips and table cells. Written out rather than built, so that extraction finds them.
_WORDING: Mapping[str, tuple[str, str]] = {
    # Only the long form names the weekday: a tooltip has no room for it.
    # Translators: A CLDR date pattern, not words: EEEE weekday, d day, MMMM month (MMM short),
    # y year; literal words go in single quotes ('de'). Symbols:
    # https://cldr.unicode.org/translation/date-time/date-time-symbols
    "day": (N_("date.pattern.day_with_weekday"), N_("date.pattern.day.short")),
    # Translators: A CLDR date pattern, for a day that bounds an unknown date.
    "bound": (N_("date.pattern.day"), N_("date.pattern.day.short")),
    # Translators: A CLDR date pattern (see date.pattern.day_with_weekday).
    "month": (N_("date.pattern.month"), N_("date.pattern.month.short")),
    "between": (N_("date.between"), N_("date.between.short")),
    "before": (N_("date.before"), N_("date.before.short")),
    "after": (N_("date.after"), N_("date.after.short")),
    "planned": (N_("date.planned"), N_("date.planned.short")),
}


def describe_date(
    start: datetime.date | None,
    end: datetime.date | None,
    precision: str,
    status: str,
    lang: str,
) -> str:
    """Return the date of an event in words, e.g. "Thursday, 4 August 2016".

    - ``day``: "Thursday, 4 August 2016" / "jueves, 4 de agosto de 2016"
    - ``month``: "July 2016" / "julio de 2016"
    - ``late-month``: "late August 2016" / "finales de agosto de 2016"
    - ``unknown``: "before 5 August 2016, date unknown", "after …", "between … and …",
      or just "date unknown", depending on which bounds are known
    - a ``planned`` event gets " — planned" / " — previsto" appended.

    Raises ``ValueError`` for an unknown precision, status or language, for a ``day``
    precision whose start is missing or differs from its end, and for a ``month`` or
    ``late-month`` precision without any bound.
    """
    return _describe(start, end, precision, status, translator(lang), short=False)


def describe_date_short(
    start: datetime.date | None,
    end: datetime.date | None,
    precision: str,
    status: str,
    lang: str,
) -> str:
    """Return a compact form of :func:`describe_date` for tooltips and table cells.

    E.g. "4 Aug 2016", "Jul 2016", "late Aug 2016", "before 5 Aug 2016",
    "4 Aug 2016 (planned)"; in Spanish "4 ago 2016", "jul 2016", "finales de ago 2016",
    "antes del 5 ago 2016", "4 ago 2016 (previsto)". Raises as :func:`describe_date` does.
    """
    return _describe(start, end, precision, status, translator(lang), short=True)


def format_day(day: datetime.date, lang: str, *, short: bool = True) -> str:
    """A day in ``lang``: short as controls show it, "5 Aug 2016" / "5 ago 2016"; long
    as text says it, "5 August 2016" / "5 de agosto de 2016"."""
    t = translator(lang)
    pattern = _WORDING["bound"][1 if short else 0]
    return format_date(day, t(pattern), locale=t.locale)


def days_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Every day from ``start`` to ``end``, both included."""
    return [start + datetime.timedelta(days=offset) for offset in range((end - start).days + 1)]


def in_date_order(
    events: pd.DataFrame,
    start: str = "date_start",
    end: str = "date_end",
    then: str = "place_id",
) -> pd.DataFrame:
    """``events`` in date order by the bounds they have, never by an invented date.

    An event with no known start ("before 5 August") comes before everything dated; one
    with no known end ("after 5 August") after every event that starts on that day, the
    5 August stop included; events with the same bounds are ordered by ``then``. Column
    names may be given for a table whose event columns are prefixed.
    """
    # Stable sorts from the least significant key up give the lexicographic order.
    ordered = events.sort_values(then, kind="stable")
    ordered = ordered.sort_values(end, na_position="last", kind="stable")
    return ordered.sort_values(start, na_position="first", kind="stable")


def calendar_day(value: object) -> datetime.date | None:
    """A date cell of a typed table as a date; ``None`` for a missing one (``NaT``)."""
    return None if pd.isna(value) else pd.Timestamp(value).date()


def describe_event_date(event: Mapping, lang: str, *, short: bool = False) -> str:
    """The date of an events-table row in words (compact with ``short``)."""
    describe = describe_date_short if short else describe_date
    return describe(
        calendar_day(event["date_start"]),
        calendar_day(event["date_end"]),
        event["date_precision"],
        event["status"],
        lang,
    )


def _describe(
    start: datetime.date | None,
    end: datetime.date | None,
    precision: str,
    status: str,
    t: Translator,
    *,
    short: bool,
) -> str:
    if status not in ENUMERATIONS["event_status"]:
        raise ValueError(
            f"unknown event status {status!r}; expected one of {ENUMERATIONS['event_status']}"
        )
    words = {part: short_id if short else long_id for part, (long_id, short_id) in _WORDING.items()}

    def fmt(day: datetime.date, pattern_id: str) -> str:
        # Explicit CLDR patterns from the catalog, not Babel's "long"/"full" presets: those
        # change between CLDR releases and put the month first in English.
        return format_date(day, t(pattern_id), locale=t.locale)

    if precision == DatePrecision.DAY:
        if start is None or start != end:
            raise ValueError(f"a 'day' date needs start == end, got {start!r}..{end!r}")
        text = fmt(start, words["day"])
    elif precision in (DatePrecision.MONTH, DatePrecision.LATE_MONTH):
        known = start or end
        if known is None:
            raise ValueError(f"a {precision!r} date needs at least one bound")
        text = fmt(known, words["month"])
        if precision == DatePrecision.LATE_MONTH:
            # Translators: {month} is a month and its year, e.g. "August 2016".
            text = t("date.late_month", month=text)
    elif precision == DatePrecision.UNKNOWN:
        if start and end:
            text = t(
                words["between"], start=fmt(start, words["bound"]), end=fmt(end, words["bound"])
            )
        elif end:
            text = t(words["before"], date=fmt(end, words["bound"]))
        elif start:
            text = t(words["after"], date=fmt(start, words["bound"]))
        else:
            text = t("date.unknown")
    else:
        precisions = ENUMERATIONS["date_precision"]
        raise ValueError(f"unknown date precision {precision!r}; expected one of {precisions}")

    if status == EventStatus.PLANNED:
        text = t(words["planned"], date=text)
    return text
