"""The corrections log: ``changes.csv``, every change made to the data since its first
release, with its date, what changed, why, and the source it rests on.

A reader who cites the data needs to know what changed since they read it. The log is a
table of the package (optional for another tour: without it there is nothing to show).
:mod:`goodwill.expectations` holds it to what the dashboard reads (a real date, what and
why given, a source that exists, or none); here, what no column type can say: the date is
not in the future, and what and why are written out, not blank. The Sources & data page
and the archive show it newest first (:func:`changes_markdown`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from goodwill.dates import format_day
from goodwill.i18n import Translator
from goodwill.problems import Problem
from goodwill.text import escape_markdown as md

if TYPE_CHECKING:
    from goodwill.dataset import Tour

CHANGES_TABLE = "changes"
CHANGE_COLUMNS = ("change_id", "date", "what", "why", "source_id")
#: The text every change must say.
_WRITTEN = ("what", "why")


def empty_changes() -> pd.DataFrame:
    """The log of a package that has none."""
    return pd.DataFrame({column: pd.Series(dtype=object) for column in CHANGE_COLUMNS})


def check_changes(
    tables: dict[str, pd.DataFrame],
    files: dict[str, str],
    today: Callable[[], dt.date] = dt.date.today,
) -> list[Problem]:
    """Every change (the table as written, all cells text) is dated no later than
    ``today()`` (a later date is a typo or a change not made yet), and says what changed
    and why in words, not blanks.

    Dates that are not dates at all, missing cells and unknown sources are reported by
    :func:`goodwill.expectations.value_problems`.
    """
    changes = tables.get(CHANGES_TABLE)
    if changes is None:
        return []
    file = files[CHANGES_TABLE]
    problems = []
    for line, date, *texts in zip(
        changes.index, changes["date"], *(changes[column] for column in _WRITTEN), strict=True
    ):
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            day = None
        if day and day > today():
            problems.append(
                Problem(
                    file,
                    int(line),
                    "date",
                    f"{date} is in the future: log a change once it is made",
                )
            )
        for column, text in zip(_WRITTEN, texts, strict=True):
            if text != "" and not text.strip():
                problems.append(
                    Problem(file, int(line), column, f"is blank: say {column} the data changed")
                )
    return problems


def changes_markdown(tour: Tour, t: Translator) -> list[str]:
    """One Markdown line per change, newest first: the date, what changed, why, and the
    source it rests on; data text escaped."""
    outlets = tour.sources.set_index("source_id")["outlet"]
    ordered = tour.changes.sort_values(["date", "change_id"], ascending=[False, True])
    lines = []
    for _, change in ordered.iterrows():
        day = format_day(change["date"].date(), t.lang, short=False)
        line = (
            f"- **{md(day)}**: {md(change['what'])} *{md(t('changes.why'))}: {md(change['why'])}*"
        )
        if change["source_id"]:
            line += f" ({md(t('field.source'))}: {md(outlets[change['source_id']])})"
        lines.append(line)
    return lines
