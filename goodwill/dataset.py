"""Load a tour data package, validate it, and hand typed tables to the UI.

A tour is a Frictionless Data Package: a ``datapackage.json`` with one Table Schema per CSV.
Validation has two layers. Frictionless checks what a Table Schema can say (types, required
fields, enumerations, ranges, primary and foreign keys); :mod:`goodwill.checks` adds what it
cannot (date order, coordinates inside the claimed country, speakers present at their events,
evidence present and free of encoding damage), and :mod:`goodwill.known_codes` that every
enumerated code is one the dashboard knows, whatever the schema allows. Every problem names
its file, row and field in words an editor understands, so a broken edit can be found and
fixed without a traceback.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path

import pandas as pd
from frictionless import FrictionlessException, Package, system

from goodwill.checks import run_checks
from goodwill.known_codes import check_data_codes, check_schema_enums
from goodwill.paths import shipped_tour
from goodwill.problems import DatasetError, Problem

DATA_PATH_VARIABLE = "GOODWILL_DATA"
DESCRIPTOR_NAME = "datapackage.json"

#: The columns the dashboard reads from each table. A package for another tour may add
#: columns, but without these the pages cannot work, so their absence is a problem.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "sources": ("source_id", "kind", "outlet", "headline", "url", "used_for", "evidence"),
    "places": (
        "place_id",
        "name",
        "country",
        "latitude",
        "longitude",
        "location_precision",
        "coordinates_note",
        "source_id",
        "evidence",
    ),
    "events": (
        "event_id",
        "kind",
        "place_id",
        "status",
        "date_start",
        "date_end",
        "date_precision",
        "date_words",
        "date_inferred",
        "date_resolution",
        "source_id",
        "evidence",
    ),
    "city_pairs": ("pair_id", "place_a_id", "place_b_id", "kind", "source_id", "evidence"),
    "people": ("person_id", "name", "kind", "role", "organisation", "country", "evidence"),
    "appearances": (
        "appearance_id",
        "event_id",
        "person_id",
        "role",
        "on_behalf_of",
        "inferred",
        "source_id",
        "evidence",
    ),
    "quotes": (
        "quote_id",
        "person_id",
        "event_id",
        "kind",
        "text",
        "topic",
        "reported_language",
        "source_id",
        "evidence",
    ),
}
TABLE_NAMES = tuple(REQUIRED_FIELDS)
#: The largest data file read. The shipped tables are a few kilobytes; 100,000 rows of
#: quotes are about 50 MB and take seconds to check. A bigger file is almost surely not a
#: table of this tour (an export gone wrong), and reading it would hold the dashboard up.
MAX_FILE_BYTES = 64_000_000


@dataclass(frozen=True)
class Tour:
    """A validated tour: one typed DataFrame per table, plus the package's own metadata."""

    path: Path
    title: str
    description: str
    rights: str
    sources: pd.DataFrame
    places: pd.DataFrame
    events: pd.DataFrame
    city_pairs: pd.DataFrame
    people: pd.DataFrame
    appearances: pd.DataFrame
    quotes: pd.DataFrame

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the whole tour's contents, made once per object: equal tours have
        equal fingerprints, so derived data can be cached by it. (Computed by the first
        use; :func:`load_tour` uses it before returning, so copies of a loaded tour
        carry it. A tour made with ``dataclasses.replace`` computes its own.)"""
        digest = hashlib.sha256()
        digest.update(repr((str(self.path), self.title, self.description, self.rights)).encode())
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, pd.DataFrame):
                digest.update(repr((field.name, tuple(value.columns))).encode())
                digest.update(pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes())
        return digest.hexdigest()


def resolve_data_path(argv: list[str] | None = None, environ: dict | None = None) -> Path:
    """The data package to show: ``--data PATH`` on the command line, else ``$GOODWILL_DATA``,
    else the shipped tour (see :mod:`goodwill.paths`). ``argv`` is what follows ``--`` in
    ``streamlit run app.py -- ...``."""
    argv = argv or []
    environ = os.environ if environ is None else environ
    for index, argument in enumerate(argv):
        if argument == "--data" and index + 1 < len(argv):
            return Path(argv[index + 1])
        if argument.startswith("--data="):
            return Path(argument.removeprefix("--data="))
    if environ.get(DATA_PATH_VARIABLE):
        return Path(environ[DATA_PATH_VARIABLE])
    return shipped_tour(environ)


def descriptor_path(path: Path) -> Path:
    """Accept either the package folder or its ``datapackage.json``."""
    path = Path(path)
    return path if path.suffix == ".json" else path / DESCRIPTOR_NAME


def validate(path: Path) -> list[Problem]:
    """Every problem in the data package at ``path``; an empty list means it is valid."""
    problems, _ = _validate(Path(path))
    return problems


def load_tour(path: Path | None = None) -> Tour:
    """Validate the package at ``path`` (the shipped tour by default) and return it as
    typed tables.

    Raises :class:`DatasetError` listing every problem when the package is not valid.
    """
    path = Path(path or shipped_tour())
    problems, tables = _validate(path)
    if problems:
        raise DatasetError(path, problems)
    descriptor = read_descriptor(path)
    tour = Tour(
        path=path,
        title=descriptor.get("title", ""),
        description=descriptor.get("description", ""),
        rights=descriptor.get("rights", ""),
        **tables,
    )
    tour.fingerprint  # noqa: B018  (made now, so that cached copies of the tour carry it)
    return tour


def _validate(path: Path) -> tuple[list[Problem], dict[str, pd.DataFrame]]:
    descriptor_file = descriptor_path(path)
    shown = str(descriptor_file)
    if not descriptor_file.is_file():
        return [Problem(shown, None, None, "no data package here: the file does not exist")], {}
    try:
        descriptor = read_descriptor(descriptor_file)
    except ValueError as error:
        return [Problem(shown, None, None, str(error))], {}

    problems: list[Problem] = []
    resources = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    for name, needed in REQUIRED_FIELDS.items():
        resource = resources.get(name)
        if resource is None:
            problems.append(Problem(shown, None, None, f'the table "{name}" is not described'))
            continue
        schema = resource.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not all(isinstance(f, dict) for f in fields):
            problems.append(
                Problem(
                    shown,
                    None,
                    name,
                    f'the schema of "{name}" must be written in datapackage.json, with a list '
                    "of fields",
                )
            )
            continue
        declared = {field.get("name") for field in fields}
        problems += [
            Problem(shown, None, name, f'the schema of "{name}" lacks the field "{field}"')
            for field in needed
            if field not in declared
        ]
    if problems:
        return problems, {}
    problems += check_schema_enums(shown, descriptor)

    base = descriptor_file.parent
    files = {name: base / _resource_path(resources[name], name) for name in TABLE_NAMES}
    raw: dict[str, pd.DataFrame] = {}
    for name, file in files.items():
        frame, file_problems = _read_table(file)
        problems += file_problems
        if frame is not None:
            raw[name] = frame
    if len(raw) < len(files):
        # Frictionless would stop at the same file problems, with less helpful words.
        return problems, {}

    header_problems = _header_problems(resources, raw, files)
    if header_problems:
        # Rows read against the wrong header would only repeat the same mistake per cell.
        return problems + header_problems, {}
    problems += _frictionless_problems(descriptor_file, files, raw)
    shown_files = {name: str(file) for name, file in files.items()}
    problems += run_checks(raw, shown_files)
    problems += check_data_codes(raw, shown_files, descriptor)
    if problems:
        return sorted(set(problems), key=_problem_order), {}
    return [], {name: _typed(raw[name], resources[name]["schema"]) for name in TABLE_NAMES}


def _resource_path(resource: dict, name: str) -> str:
    path = resource.get("path", f"{name}.csv")
    # A list of paths (a table split over files) is not something this dashboard reads.
    return path if isinstance(path, str) and path else f"{name}.csv"


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.row or 0, problem.field or "", problem.message)


def read_descriptor(path: Path) -> dict:
    """The parsed ``datapackage.json`` of the package at ``path`` (its folder or the file);
    ValueError, in an editor's words, when it is not UTF-8 JSON holding an object."""
    descriptor_file = descriptor_path(path)
    try:
        text = descriptor_file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"the file is not UTF-8 text ({error.reason})") from error
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from error
    if not isinstance(descriptor, dict):
        raise ValueError("not a data package: the JSON is not an object")
    return descriptor


def _read_table(file: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The table exactly as written, every cell a string ("" when empty), indexed by row
    number as Frictionless counts them (the header is row 1; a cell spanning lines is one
    row). Rows with no value at all are left out: they hold nothing to lose.

    Or ``None`` and what makes the file unreadable: missing, too big, not UTF-8, empty, or
    a quote mark that is never closed. A UTF-8 byte order mark and Windows line ends are
    fine. Rows with too many or too few cells are read (cut or padded to the header) and
    left to Frictionless to report.
    """
    shown = str(file)
    if not file.is_file():
        return None, [Problem(shown, None, None, "the file is missing")]
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [
            Problem(
                shown,
                None,
                None,
                f"the file is {size / 1e6:,.1f} MB, more than the {MAX_FILE_BYTES / 1e6:,.0f} MB "
                "a table may be: is it the right file?",
            )
        ]
    data = file.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [_not_utf8(shown, data, error)]
    del data
    try:
        records = _records(text)
    except _UnreadableRowError as error:
        return None, [Problem(shown, error.row, None, error.message)]
    if not records or not any(records[0][1]):
        return None, [
            Problem(
                shown,
                None,
                None,
                "the file is empty: it needs at least its first line, the column names",
            )
        ]
    (_, header), rows = records[0], records[1:]
    width = len(header)
    rows = [(number, cells) for number, cells in rows if any(cells)]
    # A row with a stray comma has every later cell under the wrong column: one problem
    # says so, and the row is left out of the checks rather than misread cell by cell.
    misshapen = [
        Problem(
            shown,
            number,
            None,
            f"the row has {len(cells)} cells but the header has {width} columns: "
            + (
                "a stray comma, or a comma in a cell that is not in quotes?"
                if len(cells) > width
                else "a missing comma, or a cell cut short?"
            ),
        )
        for number, cells in rows
        if len(cells) != width
    ]
    rows = [(number, cells) for number, cells in rows if len(cells) == width]
    frame = pd.DataFrame(
        [cells for _, cells in rows],
        columns=header,
        index=pd.Index([number for number, _ in rows], name="row"),
        dtype=object,
    )
    return frame, misshapen


class _UnreadableRowError(Exception):
    def __init__(self, row: int, message: str):
        super().__init__(message)
        self.row = row
        self.message = message


def _records(text: str) -> list[tuple[int, list[str]]]:
    """(row number, cells) of every record, the header first as row 1."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            records.append((len(records) + 1, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        where = f"the row starting on line {line}"
        if "end of data" in str(error):
            message = (
                f'a quote mark (") opened in {where} is never closed, so the rest of the '
                'file would be read as one cell: close it, or double it ("") inside a cell'
            )
        else:
            message = (
                f"{where} cannot be read as CSV ({error}): a quote mark inside a cell must "
                'be doubled ("") and the whole cell put in quotes'
            )
        raise _UnreadableRowError(len(records) + 1, message) from error
    return records


def _not_utf8(shown: str, data: bytes, error: UnicodeDecodeError) -> Problem:
    line = data[: error.start].count(b"\n") + 1
    byte = data[error.start : error.start + 1].hex().upper()
    try:
        data.decode("cp1252")
        kind = "it looks like Latin-1 (Windows) text"
    except UnicodeDecodeError:
        kind = "it is not text in any encoding the dashboard reads"
    return Problem(
        shown,
        line,
        None,
        f"the file is not UTF-8 text (byte 0x{byte} on this line): {kind}; save it again as UTF-8",
    )


def _header_problems(
    resources: dict, raw: dict[str, pd.DataFrame], files: dict[str, Path]
) -> list[Problem]:
    problems = []
    for name, frame in raw.items():
        declared = [field["name"] for field in resources[name]["schema"]["fields"]]
        header = list(frame.columns)
        problems += [
            Problem(str(files[name]), 1, column, f'the column "{column}" is missing')
            for column in declared
            if column not in header
        ]
        problems += [
            Problem(
                str(files[name]),
                1,
                column,
                f'the column "{column}" appears {header.count(column)} times: '
                "keep one, or rename the others",
            )
            for column in dict.fromkeys(header)
            if header.count(column) > 1 and column in declared
        ]
    return problems


def _frictionless_problems(
    descriptor_file: Path, files: dict[str, Path], raw: dict[str, pd.DataFrame]
) -> list[Problem]:
    descriptor = read_descriptor(descriptor_file)
    for resource in descriptor["resources"]:
        if isinstance(resource, dict) and isinstance(resource.get("schema"), dict):
            # Columns are matched by name, so an extra column (anywhere) is ignored, not
            # misread; the missing ones are already reported by _header_problems.
            resource["schema"]["fieldsMatch"] = "subset"
    try:
        # Trusted: the descriptor's paths are resolved inside its own folder.
        with system.use_context(trusted=True):
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
                # with the wrong number of cells, already reported by _read_table.
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


def _typed(frame: pd.DataFrame, schema: dict) -> pd.DataFrame:
    """Convert the all-text table to the types its schema declares. Empty cells become
    missing values (``None`` for text, ``NaT`` for dates, ``<NA>`` for integers)."""
    typed = {}
    for field in schema["fields"]:
        column = frame[field["name"]]
        empty = column == ""
        kind = field.get("type", "string")
        if kind == "date":
            typed[field["name"]] = pd.to_datetime(column.mask(empty), format="%Y-%m-%d")
        elif kind == "number":
            typed[field["name"]] = pd.to_numeric(column.mask(empty)).astype(float)
        elif kind == "integer":
            typed[field["name"]] = pd.to_numeric(column.mask(empty)).astype("Int64")
        elif kind == "boolean":
            typed[field["name"]] = column.eq("true")
        else:
            typed[field["name"]] = column.astype(object).mask(empty, None)
    # Row numbers were for problems; the tour's tables are numbered from 0 as usual.
    return pd.DataFrame(typed, index=frame.index).reset_index(drop=True)
