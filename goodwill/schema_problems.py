"""The Table Schema check: Frictionless validates the package against the schemas in its
``datapackage.json`` (types, required fields, enumerations, ranges, patterns, primary and
foreign keys), and each error it reports is said the way an editor needs to hear it: the
row and column, the value, and what was expected ("a date written YYYY-MM-DD"), or why a
date is not one ("February 2016 has 29 days").
"""

from __future__ import annotations

import calendar
import copy
import re
from pathlib import Path

import pandas as pd
from frictionless import FrictionlessException, Package, system

from goodwill.problems import Problem


def schema_problems(
    descriptor_file: Path, descriptor: dict, files: dict[str, Path], raw: dict[str, pd.DataFrame]
) -> list[Problem]:
    """What Frictionless finds against the Table Schemas of ``descriptor`` (the package at
    ``descriptor_file``; left unchanged), each said as :func:`_describe` says it. ``raw``
    holds the tables as read (see :func:`goodwill.csv_tables.read_table`): rows it left out
    were reported already and are not reported again."""
    descriptor = copy.deepcopy(descriptor)
    for resource in descriptor["resources"]:
        if isinstance(resource, dict) and isinstance(resource.get("schema"), dict):
            # Columns are matched by name, so an extra column (anywhere) is ignored, not
            # misread; the missing ones are already reported by _header_problems.
            resource["schema"]["fieldsMatch"] = "subset"
    try:
        # A second wall behind goodwill.descriptor, which has kept every path inside the
        # package already: untrusted, Frictionless refuses paths that lead out of the
        # folder, and its HTTP session refuses every request.
        with system.use_context(trusted=False, http_session=_NoNetwork()):
            package = Package(descriptor, basepath=str(descriptor_file.parent))
            report = package.validate()
    except FrictionlessException as error:
        return [Problem(str(descriptor_file), None, None, _describe_package_error(error))]
    problems = []
    for task in report.tasks:
        file = str(files.get(task.name, task.place))
        rows = set(raw[task.name].index) if task.name in raw else None
        seen_rows: set[int] = set()
        for error in task.errors:
            number = getattr(error, "row_number", None)
            if rows is not None and number is not None and number not in rows:
                # A row with no value at all (nothing to lose, nothing to fix), or one
                # with the wrong number of cells, already reported by read_table.
                continue
            problem = _describe(file, error)
            if problem is None:
                continue
            # A duplicate id is reported twice (unique + primary key); say it once.
            if error.type == "primary-key" and problem.row in seen_rows:
                continue
            if error.type == "unique-error":
                seen_rows.add(problem.row)
            problems.append(problem)
    return problems


class _NoNetwork:
    """Frictionless's HTTP session, refusing every request: a package is read from its
    folder only, and the dashboard fetches nothing."""

    headers: dict[str, str] = {}  # noqa: RUF012  (Frictionless sets its own; never sent)

    def request(self, method: str, url: str, *args, **kwargs):
        raise ConnectionRefusedError(f"the dashboard fetches nothing ({method} {url})")

    def get(self, url: str, *args, **kwargs):
        return self.request("GET", url)

    def post(self, url: str, *args, **kwargs):
        return self.request("POST", url)


def _describe_package_error(error: FrictionlessException) -> str:
    reasons = "; ".join(reason.message for reason in getattr(error, "reasons", [])[:5])
    return f"the data package description is not valid: {reasons or error.error.message}"


_FOREIGN_KEY = re.compile(
    r'for "(?P<field>[^"]+)": values "(?P<value>[^"]*)" not found in the lookup table '
    r'"(?P<table>[^"]*)" as "(?P<target>[^"]+)"'
)
_TYPE_HINTS = {
    "date": "a date written YYYY-MM-DD, like 2016-08-05",
    "number": "a number, like 32.227",
    "integer": "a whole number, like 250",
    "boolean": "true or false",
}


def _describe(file: str, error) -> Problem | None:
    """Frictionless's error, said the way an editor needs to hear it."""
    row = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    note = getattr(error, "note", "") or ""
    kind = error.type
    if kind == "type-error":
        kind_name = note.split('"')[1].split("/")[0] if note.count('"') >= 2 else ""
        expected = _TYPE_HINTS.get(kind_name, "another kind of value")
        if kind_name == "date" and (reason := _describe_bad_date(str(cell))):
            return Problem(file, row, field, f"{reason}; expected {expected}")
        return Problem(file, row, field, f'"{cell}" is not valid here: expected {expected}')
    if kind == "constraint-error":
        return Problem(file, row, field, _describe_constraint(cell, note))
    if kind == "unique-error":
        other = re.search(r"\d+", note)
        where = f" (also on row {other.group()})" if other else ""
        return Problem(file, row, field, f'the id "{cell}" is used twice{where}')
    if kind == "primary-key":
        return Problem(file, row, None, f"this row repeats the id of another row ({note})")
    if kind == "foreign-key":
        match = _FOREIGN_KEY.search(note)
        if not match:
            return Problem(file, row, None, f"a reference does not resolve: {note}")
        table = match["table"] or Path(file).stem
        return Problem(
            file,
            row,
            match["field"],
            f'"{match["value"]}" does not match any {match["target"]} in {table}',
        )
    if kind in {"missing-label", "incorrect-label", "duplicate-label", "blank-label"}:
        return None  # reported by _header_problems with the column's name
    if kind == "extra-label":
        return Problem(file, 1, getattr(error, "label", None), "a column the schema does not list")
    if kind == "missing-cell":
        return Problem(file, row, field, "the row has too few cells (a missing comma?)")
    if kind == "extra-cell":
        return Problem(file, row, None, "the row has more cells than the header (a stray comma?)")
    if kind == "blank-row":
        return Problem(file, row, None, "the row is empty")
    return Problem(file, row, field, error.message)


_ISO_SHAPE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
_SLASHED = re.compile(r"^(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})$")


def _describe_bad_date(text: str) -> str:
    """Why ``text`` is not a date, when a reason more telling than "not a date" is known:
    a day the calendar lacks (2016-02-30), or a day/month order a reader must guess
    (04/08/2016). Empty when there is none."""
    text = text.strip()
    if match := _ISO_SHAPE.match(text):
        year, month, day = (int(match[part]) for part in ("year", "month", "day"))
        if not 1 <= month <= 12:
            return f'"{text}" is not a date: there is no month {month}'
        if year >= 1:
            days = calendar.monthrange(year, month)[1]
            if not 1 <= day <= days:
                name = calendar.month_name[month]
                return f'"{text}" is not a date: {name} {year} has {days} days'
        return ""
    if match := _SLASHED.match(text):
        a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
        readings = [
            f"{year:04d}-{month:02d}-{day:02d}"
            for day, month in ((a, b), (b, a))
            if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
        ]
        readings = list(dict.fromkeys(readings))
        if len(readings) == 2:
            return f'"{text}" is ambiguous: it could be {readings[0]} or {readings[1]}'
        if readings:
            return f'"{text}" is not written year first ({readings[0]}?)'
    return ""


def _describe_constraint(cell, note: str) -> str:
    if note.startswith('constraint "required"'):
        return "is empty, but a value is required"
    if note.startswith('constraint "enum"'):
        allowed = note.split(" is ", 1)[1].strip("\"'[]").replace("'", "")
        return f'"{cell}" is not one of the allowed values: {allowed}'
    if note.startswith(('constraint "minimum"', 'constraint "maximum"')):
        bound = note.split(" is ", 1)[1].strip('"')
        limit = "at least" if "minimum" in note else "at most"
        return f"{cell} is out of range: it must be {limit} {bound}"
    if note.startswith('constraint "pattern"'):
        if "[A-Z]{2}" in note:
            return f'"{cell}" is not a two-letter ISO country code like US or MX'
        if "[a-z]{2}" in note:
            return f'"{cell}" is not a two-letter language code like en or es'
        return f'"{cell}" is not a valid id: use lowercase letters, digits and hyphens'
    if note.startswith('constraint "minLength"'):
        return "is empty, but text is required"
    return f'"{cell}" breaks a rule of the schema: {note}'
