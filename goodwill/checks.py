"""Checks a Table Schema cannot express, run on the tables as written (all cells text).

Each check is a function ``(tables, files) -> list[Problem]``. Cells that Frictionless has
already reported (a date that is not a date, a latitude out of range) are skipped here
rather than reported twice.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator

import pandas as pd

from goodwill import geo
from goodwill.enums import AppearanceRole, DatePrecision, LocationPrecision
from goodwill.problems import Problem
from goodwill.story import damaged_fragments

Tables = dict[str, pd.DataFrame]
Files = dict[str, str]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Columns whose text is shown to readers as the story's words: they must be the true
# characters, not the damaged ones the story arrived with.
_STORY_TEXT_COLUMNS = {
    "places": ("name", "venue", "evidence"),
    "events": ("venue", "audience", "date_words", "summary", "evidence", "date_evidence"),
    "city_pairs": ("evidence",),
    "people": ("name", "role", "organisation", "evidence"),
    "appearances": ("evidence",),
    "quotes": ("text", "evidence"),
    "sources": ("headline", "author", "evidence"),
}
# Text every row of a table with the column must hold, and what to write in it.
_REQUIRED_TEXT = {
    "evidence": "quote the supporting sentence",
    "summary": "say in a sentence or two what happened there",
}
# The longest text a cell may hold: far more than any quote or evidence excerpt (a long
# one is a few hundred characters), far less than a whole document pasted in by mistake,
# which no popup or panel could show.
MAX_CELL_CHARACTERS = 20_000
# Invisible control characters (not tab or line breaks): left by a copy from a PDF or a
# binary file, never meant to be read.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# How far (in degrees, about 5 km) a point may lie outside its country's outline before it
# is called wrong: coastal cities can fall just offshore of a simplified coastline.
_COAST_TOLERANCE_DEGREES = 0.05


def run_checks(tables: Tables, files: Files) -> list[Problem]:
    """Every problem the semantic checks find."""
    problems: list[Problem] = []
    for check in CHECKS:
        problems += check(tables, files)
    return problems


def _rows(frame: pd.DataFrame) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows with their row number in the CSV file (the header is row 1; the frame's index
    holds it, see :func:`goodwill.csv_tables.read_table`).

    Plain dicts, not ``iterrows``' Series: building a Series per row made the checks of a
    100,000-row table take half a minute.
    """
    columns = list(frame.columns)
    values = zip(*(frame[column].tolist() for column in columns), strict=True)
    for number, row in zip(frame.index, values, strict=True):
        yield int(number), dict(zip(columns, row, strict=True))


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if _ISO_DATE.match(text) else None
    except ValueError:
        return None


def check_required_text(tables: Tables, files: Files) -> list[Problem]:
    """Every row's evidence excerpt (and an event's summary) is more than blank space: the
    schema requires a value, and a few spaces would pass as one."""
    problems = []
    for name, frame in tables.items():
        for column, what in _REQUIRED_TEXT.items():
            if column not in frame.columns:
                continue
            for line, row in _rows(frame):
                if row[column] != "" and not row[column].strip():
                    problems.append(Problem(files[name], line, column, f"is blank: {what}"))
    return problems


def check_cells(tables: Tables, files: Files) -> list[Problem]:
    """No cell is longer than a reader could read, or holds invisible control characters."""
    problems = []
    for name, frame in tables.items():
        for column in frame.columns:
            cells = frame[column]
            lengths = cells.str.len()
            for line, length in lengths[lengths > MAX_CELL_CHARACTERS].items():
                problems.append(
                    Problem(
                        files[name],
                        int(line),
                        column,
                        f"is {length:,} characters long, more than the "
                        f"{MAX_CELL_CHARACTERS:,} a cell may hold: is a closing quote mark "
                        "missing, or a whole document pasted in?",
                    )
                )
            for line, text in cells[cells.str.contains(_CONTROL)].items():
                code = f"U+{ord(_CONTROL.search(text).group()):04X}"
                problems.append(
                    Problem(
                        files[name],
                        int(line),
                        column,
                        f"contains an invisible control character ({code}), as left by a copy "
                        "from a PDF or a binary file: delete it",
                    )
                )
    return problems


def check_true_characters(tables: Tables, files: Files) -> list[Problem]:
    """Names, quotes and evidence show their true characters, not encoding damage."""
    problems = []
    for name, columns in _STORY_TEXT_COLUMNS.items():
        frame = tables[name]
        for column in (c for c in columns if c in frame.columns):
            for line, row in _rows(frame):
                fragments = damaged_fragments(row[column])
                if fragments:
                    problems.append(
                        Problem(
                            files[name],
                            line,
                            column,
                            f'contains "{fragments[0]}", which looks like damaged text: '
                            "write the true characters (for example “ or á)",
                        )
                    )
    return problems


def check_event_dates(tables: Tables, files: Files) -> list[Problem]:
    """Dates are ISO, in order, and agree with their stated precision."""
    file = files["events"]
    problems = []
    for line, row in _rows(tables["events"]):
        dates = {}
        for column in ("date_start", "date_end"):
            text = row[column]
            if text == "":
                dates[column] = None
            elif (parsed := _parse_date(text)) is not None:
                dates[column] = parsed
            else:
                if not _ISO_DATE.match(text) and _looks_like_a_date(text):
                    problems.append(
                        Problem(file, line, column, f'"{text}": write dates as YYYY-MM-DD')
                    )
                dates[column] = "invalid"
        if "invalid" in dates.values():
            continue
        start, end = dates["date_start"], dates["date_end"]
        if start and end and start > end:
            problems.append(
                Problem(file, line, "date_end", f"ends ({end}) before it starts ({start})")
            )
            continue
        message = _precision_problem(row["date_precision"], start, end)
        if message:
            problems.append(Problem(file, line, "date_precision", message))
        if row["date_inferred"] == "true" and not row["date_resolution"].strip():
            problems.append(Problem(file, line, "date_resolution", "the date is inferred: say how"))
    return problems


def _looks_like_a_date(text: str) -> bool:
    # "2016-08-4" passes Frictionless's own date parser; anything less date-like is
    # already reported by it as a type error.
    try:
        dt.datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True


def _precision_problem(precision: str, start: dt.date | None, end: dt.date | None) -> str:
    if precision == DatePrecision.DAY and (start is None or start != end):
        return "a date known to the day needs date_start and date_end on that same day"
    if precision in (DatePrecision.MONTH, DatePrecision.LATE_MONTH):
        if start is None or end is None:
            return f"a {precision} date needs both date_start and date_end"
        last_day = calendar.monthrange(end.year, end.month)[1]
        if (start.year, start.month) != (end.year, end.month) or end.day != last_day:
            return f"a {precision} date must start and end in one month, ending on its last day"
        if precision == DatePrecision.MONTH and start.day != 1:
            return "a month date must start on the first of the month"
    return ""


def check_coordinates_in_country(tables: Tables, files: Files) -> list[Problem]:
    """Each place lies inside (or just off the coast of) the country it claims."""
    file = files["places"]
    places = tables["places"]
    latitudes = pd.to_numeric(places["latitude"], errors="coerce")
    longitudes = pd.to_numeric(places["longitude"], errors="coerce")
    # Unparseable or out-of-range coordinates are the schema check's to report.
    checkable = latitudes.between(-90, 90) & longitudes.between(-180, 180)
    found: list[str | None] = [None] * len(places)
    for position, country in zip(
        checkable.to_numpy().nonzero()[0],
        geo.countries_at(latitudes[checkable], longitudes[checkable]),
        strict=True,
    ):
        found[position] = country
    known = geo.known_countries()
    problems = []
    for (line, row), latitude, longitude, country in zip(
        _rows(places), latitudes, longitudes, found, strict=True
    ):
        claimed = row["country"]
        if not checkable.loc[line]:
            # The schema check reports the value out of range; say what probably happened.
            if _swapped_fits(row, claimed):
                problems.append(
                    Problem(
                        file,
                        line,
                        "latitude",
                        f"latitude and longitude look swapped: {row['longitude']}, "
                        f"{row['latitude']} lies in {claimed}",
                    )
                )
            continue
        if country == claimed:
            continue
        if claimed not in known:
            problems.append(
                Problem(
                    file,
                    line,
                    "country",
                    f'"{claimed}" is not a country the dashboard has an outline for '
                    "(North and Central America and the Caribbean)",
                )
            )
            continue
        if country is None and geo.distance_to_country(latitude, longitude, claimed) <= (
            _COAST_TOLERANCE_DEGREES
        ):
            continue
        where = f"in {country}" if country else "outside every country (at sea?)"
        hint = " (are latitude and longitude swapped?)" if _swapped_fits(row, claimed) else ""
        problems.append(
            Problem(
                file,
                line,
                "latitude",
                f"{latitude}, {longitude} lies {where}, not in {claimed} as the country "
                f"column says{hint}",
            )
        )
    return problems


def _swapped_fits(row: dict[str, str], claimed: str) -> bool:
    try:
        latitude, longitude = float(row["longitude"]), float(row["latitude"])
    except ValueError:
        return False
    in_range = -90 <= latitude <= 90 and -180 <= longitude <= 180
    return in_range and geo.country_at(latitude, longitude) == claimed


def check_appearances(tables: Tables, files: Files) -> list[Problem]:
    """Speaking on someone's behalf names whom; inferred appearances say how."""
    file = files["appearances"]
    problems = []
    for line, row in _rows(tables["appearances"]):
        on_behalf = row["role"] == AppearanceRole.SPEAKER_ON_BEHALF
        if on_behalf and not row["on_behalf_of"]:
            problems.append(
                Problem(file, line, "on_behalf_of", "say on whose behalf the person spoke")
            )
        if not on_behalf and row["on_behalf_of"]:
            problems.append(
                Problem(
                    file,
                    line,
                    "on_behalf_of",
                    f'only a speaker-on-behalf speaks for someone, not a "{row["role"]}"',
                )
            )
        if row["inferred"] == "true" and not row.get("inference_note", "x").strip():
            problems.append(
                Problem(file, line, "inference_note", "the appearance is inferred: say how")
            )
    return problems


def check_quote_speakers_present(tables: Tables, files: Files) -> list[Problem]:
    """Whoever is quoted at an event appears at that event."""
    present = set(
        zip(tables["appearances"]["person_id"], tables["appearances"]["event_id"], strict=True)
    )
    problems = []
    for line, row in _rows(tables["quotes"]):
        if (row["person_id"], row["event_id"]) not in present:
            problems.append(
                Problem(
                    files["quotes"],
                    line,
                    "person_id",
                    f'"{row["person_id"]}" is quoted at "{row["event_id"]}" but does not '
                    "appear there in appearances",
                )
            )
    return problems


def check_venues_named(tables: Tables, files: Files) -> list[Problem]:
    """A place located at its venue names the venue: its ``name`` is the town a reader
    knows it by, and the panel shows the venue on a line of its own."""
    return [
        Problem(
            files["places"],
            line,
            "venue",
            "is empty, but the place is located at its venue: name the venue here, and keep "
            "the name column for the town",
        )
        for line, row in _rows(tables["places"])
        if row["location_precision"] == LocationPrecision.VENUE and not row["venue"].strip()
    ]


def check_city_pairs(tables: Tables, files: Files) -> list[Problem]:
    """A binational pair joins two different places in two different countries."""
    countries = dict(zip(tables["places"]["place_id"], tables["places"]["country"], strict=True))
    problems = []
    for line, row in _rows(tables["city_pairs"]):
        a, b = row["place_a_id"], row["place_b_id"]
        if a == b:
            problems.append(
                Problem(files["city_pairs"], line, "place_b_id", "a place cannot pair with itself")
            )
        elif a in countries and b in countries and countries[a] == countries[b]:
            problems.append(
                Problem(
                    files["city_pairs"],
                    line,
                    "place_b_id",
                    f"both places are in {countries[a]}: a binational pair spans two countries",
                )
            )
    return problems


CHECKS: tuple[Callable[[Tables, Files], list[Problem]], ...] = (
    check_cells,
    check_required_text,
    check_true_characters,
    check_event_dates,
    check_coordinates_in_country,
    check_appearances,
    check_quote_speakers_present,
    check_city_pairs,
    check_venues_named,
)
