"""Specification of event dates in words, long and short, in English and Spanish."""

from datetime import date

import pytest

from goodwill.dates import describe_date, describe_date_short

AUG_4 = date(2016, 8, 4)
AUG_5 = date(2016, 8, 5)
JUL_1 = date(2016, 7, 1)
JUL_31 = date(2016, 7, 31)

# The (start, end) intervals of the cases below.
DAY = (AUG_4, AUG_4)
SEP_DAY = (date(2016, 9, 2), date(2016, 9, 2))
JULY = (JUL_1, JUL_31)
LATE_AUG = (date(2016, 8, 20), date(2016, 8, 31))
BEFORE = (None, AUG_5)
AFTER = (AUG_5, None)
BETWEEN = (date(2016, 8, 1), AUG_5)
NO_BOUNDS = (None, None)

# (interval, precision, status, lang, wording)
LONG = [
    # An exact day names the weekday; Spanish lowercases weekday and month.
    (DAY, "day", "held", "en", "Thursday, 4 August 2016"),
    (DAY, "day", "held", "es", "jueves, 4 de agosto de 2016"),
    (SEP_DAY, "day", "held", "es", "viernes, 2 de septiembre de 2016"),
    (JULY, "month", "held", "en", "July 2016"),
    (JULY, "month", "held", "es", "julio de 2016"),
    # "At the end of the month" in the story.
    (LATE_AUG, "late-month", "held", "en", "late August 2016"),
    (LATE_AUG, "late-month", "held", "es", "finales de agosto de 2016"),
    # Unknown dates say which bounds are known, and that the date itself is not.
    (BEFORE, "unknown", "held", "en", "before 5 August 2016, date unknown"),
    (BEFORE, "unknown", "held", "es", "antes del 5 de agosto de 2016, fecha desconocida"),
    (AFTER, "unknown", "held", "en", "after 5 August 2016, date unknown"),
    (AFTER, "unknown", "held", "es", "después del 5 de agosto de 2016, fecha desconocida"),
    (BETWEEN, "unknown", "held", "en", "between 1 August 2016 and 5 August 2016, date unknown"),
    (
        BETWEEN,
        "unknown",
        "held",
        "es",
        "entre el 1 de agosto de 2016 y el 5 de agosto de 2016, fecha desconocida",
    ),
    (NO_BOUNDS, "unknown", "held", "en", "date unknown"),
    (NO_BOUNDS, "unknown", "held", "es", "fecha desconocida"),
    # Planned events say so after an em dash.
    (DAY, "day", "planned", "en", "Thursday, 4 August 2016 — planned"),
    (DAY, "day", "planned", "es", "jueves, 4 de agosto de 2016 — previsto"),
    (LATE_AUG, "late-month", "planned", "en", "late August 2016 — planned"),
    (LATE_AUG, "late-month", "planned", "es", "finales de agosto de 2016 — previsto"),
    (NO_BOUNDS, "unknown", "planned", "es", "fecha desconocida — previsto"),
]

SHORT = [
    # No weekday: a tooltip has no room for it.
    (DAY, "day", "held", "en", "4 Aug 2016"),
    (DAY, "day", "held", "es", "4 ago 2016"),
    # Mexican CLDR data abbreviates September as "sep", not the Peninsular "sept".
    (SEP_DAY, "day", "held", "es", "2 sep 2016"),
    (JULY, "month", "held", "en", "Jul 2016"),
    (JULY, "month", "held", "es", "jul 2016"),
    (LATE_AUG, "late-month", "held", "en", "late Aug 2016"),
    (LATE_AUG, "late-month", "held", "es", "finales de ago 2016"),
    (BEFORE, "unknown", "held", "en", "before 5 Aug 2016"),
    (BEFORE, "unknown", "held", "es", "antes del 5 ago 2016"),
    (AFTER, "unknown", "held", "en", "after 5 Aug 2016"),
    (AFTER, "unknown", "held", "es", "después del 5 ago 2016"),
    (BETWEEN, "unknown", "held", "en", "between 1 Aug 2016 and 5 Aug 2016"),
    (BETWEEN, "unknown", "held", "es", "entre el 1 ago 2016 y el 5 ago 2016"),
    (NO_BOUNDS, "unknown", "held", "en", "date unknown"),
    (NO_BOUNDS, "unknown", "held", "es", "fecha desconocida"),
    # Planned events say so in parentheses.
    (DAY, "day", "planned", "en", "4 Aug 2016 (planned)"),
    (DAY, "day", "planned", "es", "4 ago 2016 (previsto)"),
    (LATE_AUG, "late-month", "planned", "es", "finales de ago 2016 (previsto)"),
]


@pytest.mark.parametrize(("interval", "precision", "status", "lang", "expected"), LONG)
def test_describe_date_words_the_date_as_precisely_as_the_story_allows(
    interval, precision, status, lang, expected
):
    assert describe_date(*interval, precision, status, lang) == expected


@pytest.mark.parametrize(("interval", "precision", "status", "lang", "expected"), SHORT)
def test_describe_date_short_is_the_compact_tooltip_form(
    interval, precision, status, lang, expected
):
    assert describe_date_short(*interval, precision, status, lang) == expected


@pytest.mark.parametrize("describe", [describe_date, describe_date_short])
@pytest.mark.parametrize(
    ("start", "end", "precision", "status", "lang", "message"),
    [
        (AUG_4, AUG_4, "week", "held", "en", "unknown date precision"),
        (AUG_4, AUG_4, "", "held", "es", "unknown date precision"),
        (AUG_4, AUG_5, "day", "held", "en", "start == end"),
        (None, None, "day", "held", "en", "start == end"),
        (None, AUG_4, "day", "held", "en", "start == end"),
        (AUG_4, None, "day", "held", "en", "start == end"),
        (None, None, "month", "held", "en", "at least one bound"),
        (None, None, "late-month", "held", "es", "at least one bound"),
        (AUG_4, AUG_4, "day", "cancelled", "en", "unknown event status"),
        (AUG_4, AUG_4, "day", "held", "fr", "unknown language"),
    ],
)
def test_impossible_dates_raise_value_error(describe, start, end, precision, status, lang, message):
    with pytest.raises(ValueError, match=message):
        describe(start, end, precision, status, lang)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_month_precision_with_only_an_end_bound_uses_that_month(lang):
    assert describe_date(None, JUL_31, "month", "held", lang) == describe_date(
        JUL_1, JUL_31, "month", "held", lang
    )
