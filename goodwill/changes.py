"""The corrections log: ``changes.csv``, every change made to the data since its first
release, with its date, what changed, why, and the source it rests on.

A reader who cites the data needs to know what changed since they read it. The log is a
table of the package (optional for another tour: without it there is nothing to show), and
its rows are checked here beyond what its schema says: a date that is a real day and not
in the future, what and why written out, and a source that exists. The Sources & data page
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
    """Every change (the table as written, all cells text) has a real date that is not
    in the future, says what changed and why, and names a source that exists (or none).

    Dates that are not dates at all, and missing cells, are the schema's to report; a
    date after ``today()`` is a typo or a change not made yet.
    """
    changes = tables.get(CHANGES_TABLE)
    if changes is None:
        return []
    file = files[CHANGES_TABLE]
    sources = set(tables["sources"]["source_id"]) if "sources" in tables else set()
    problems = []
    for line, date, *texts, source in zip(
        changes.index,
        changes["date"],
        *(changes[column] for column in _WRITTEN),
        changes["source_id"],
        strict=True,
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
        if source and source not in sources:
            problems.append(
                Problem(
                    file,
                    int(line),
                    "source_id",
                    f'"{source}" is not a source of sources.csv: name the source the change '
                    "rests on, or leave it empty",
                )
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
