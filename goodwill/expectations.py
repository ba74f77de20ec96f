"""What the dashboard itself expects of each table, whatever the package's schema says.

A package's Table Schema is the editor's to write: it may type a date as ``string``, drop a
foreign key, let a required column be empty, or read numbers written ``32,227``. Each of
those passed Frictionless and then broke a page. So the dashboard states here what its
pages read (:data:`goodwill.tables.TABLES`: every column, its type, whether every row needs
a value, the table it refers to, the range it can draw) and the validator holds every package to it:

- the schema must declare each column with the type the loader reads it as, and no option
  that changes how a cell is read (a date ``format``, ``decimalChar``, ``trueValues``…),
  since the loader reads only the plain forms (:func:`declared_problems`);
- every cell must be readable as the loader reads it, present where required, unique in an
  id column and found in the table it refers to (:func:`value_problems`).

:func:`typed` is the loader's own reading, with the same parsers: a package that passes
the checks is read without an error, and its tables hold what the pages expect.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from goodwill.i18n import LANGUAGES, country_name
from goodwill.problems import Problem
from goodwill.tables import KEYS, OPTIONAL_COLUMNS, TABLES, Column

#: The days the dashboard can draw: the timeline runs two weeks past the first and last
#: dates, and Python's dates end at the years 1 and 9999.
FIRST_DAY, LAST_DAY = dt.date(1000, 1, 1), dt.date(8999, 12, 31)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_INTEGER = re.compile(r"^[+-]?\d+$")  # how big: the column's bounds
_BOOLEANS = ("true", "false")
_TYPE_WORDS = {
    "string": "text",
    "date": "a date written YYYY-MM-DD",
    "number": "a number written like 32.227",
    "integer": "a whole number",
    "boolean": "true or false",
}
# Field options that change how Frictionless reads a cell; the loader reads only the plain
# form, so a package that sets one would pass the check and then be misread.
_READING_OPTIONS = {
    "format": "reads {type} only",
    "decimalChar": "reads numbers with a decimal point",
    "groupChar": "reads numbers without thousands separators",
    "bareNumber": "reads bare numbers only (no % or currency signs)",
    "trueValues": "reads true and false only",
    "falseValues": "reads true and false only",
}
_DEFAULTS = {
    "format": "default",
    "decimalChar": ".",
    "bareNumber": True,
    "trueValues": ["true"],
    "falseValues": ["false"],
}


# --------------------------------------------------------------------------- the schema


def declared_problems(descriptor: dict, shown: str) -> list[Problem]:
    """Every table and column the dashboard reads that the package's schema does not
    declare as the dashboard reads it. ``descriptor`` has the shape
    :func:`goodwill.descriptor.shape_problems` checks."""
    resources = {
        resource.get("name"): (i, resource)
        for i, resource in enumerate(descriptor.get("resources", []))
    }
    problems = []
    described = {t: c for t, c in OPTIONAL_COLUMNS.items() if t in resources}
    for table, columns in {**TABLES, **described}.items():
        if table not in resources:
            problems.append(Problem(shown, None, None, f'the table "{table}" is not described'))
            continue
        i, resource = resources[table]
        if not isinstance(resource.get("path"), str):
            problems.append(
                Problem(
                    shown,
                    None,
                    f"resources[{i}].path",
                    f'must name the one CSV file the dashboard reads "{table}" from',
                )
            )
        schema = resource.get("schema")
        fields = schema.get("fields", []) if isinstance(schema, dict) else None
        if not fields:
            problems.append(
                Problem(shown, None, table, f'the schema of "{table}" must list its fields')
            )
            continue
        declared = {field.get("name"): (j, field) for j, field in enumerate(fields)}
        for column, expected in columns.items():
            if column not in declared:
                problems.append(
                    Problem(
                        shown, None, table, f'the schema of "{table}" lacks the field "{column}"'
                    )
                )
                continue
            j, field = declared[column]
            where = f"resources[{i}].schema.fields[{j}]"
            problems += _field_problems(shown, where, f"{table}.{column}", field, expected)
        missing = schema.get("missingValues", [""])
        if missing != [""]:
            problems.append(
                Problem(
                    shown,
                    None,
                    f"resources[{i}].schema.missingValues",
                    'the dashboard reads only an empty cell as missing: write [""] or leave it out',
                )
            )
    return problems


def _field_problems(
    shown: str, where: str, name: str, field: dict, expected: Column
) -> list[Problem]:
    declared = field.get("type", "string")
    if declared != expected.type:
        return [
            Problem(
                shown,
                None,
                f"{where}.type",
                f"the dashboard reads {name} as {_TYPE_WORDS[expected.type]}, so its type must "
                f'be "{expected.type}", not "{declared}"',
            )
        ]
    if expected.type == "string":
        return []  # a string's format (email, uri) only checks; it changes no reading
    return [
        Problem(
            shown,
            None,
            f"{where}.{option}",
            f"the dashboard {reading.format(type=_TYPE_WORDS[expected.type])}: leave "
            f'"{option}" out',
        )
        for option, reading in _READING_OPTIONS.items()
        if option in field and field[option] != _DEFAULTS.get(option)
    ]


# --------------------------------------------------------------------------- the values


def _unreadable(column: pd.Series, kind: str) -> pd.Series:
    """Which non-empty cells of the all-text ``column`` the loader cannot read as ``kind``."""
    present = column[column != ""]
    if kind == "date":
        return present[~present.map(_is_date)]
    if kind == "number":
        numbers = pd.to_numeric(present.where(present.str.match(_NUMBER)), errors="coerce")
        return present[~np.isfinite(numbers.astype(float))]
    if kind == "integer":
        return present[~present.str.match(_INTEGER)]
    if kind == "boolean":
        return present[~present.isin(list(_BOOLEANS))]
    return present.iloc[:0]


def _is_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        return FIRST_DAY <= dt.date.fromisoformat(text) <= LAST_DAY
    except ValueError:
        return False


def _why_unreadable(value: str, kind: str) -> str:
    if kind == "date" and _DATE.match(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f'"{value}" is not a date: the calendar has no such day'
        return (
            f'"{value}" is out of range: the dashboard shows dates from '
            f"{FIRST_DAY.year} to {LAST_DAY.year}"
        )
    return f'"{value}" is not {_TYPE_WORDS[kind]}, as the dashboard reads it'


def value_problems(
    tables: dict[str, pd.DataFrame], files: dict[str, str], folder: Path
) -> list[Problem]:
    """Every cell of the tables as written (all text, indexed by CSV line) that the
    dashboard could not read or use: unreadable as its type, empty where a value is
    required, out of range, a repeated id, a reference to nothing, an address that is not
    a web address nor a file of the package (``folder``)."""
    problems = []
    present = {t: c for t, c in OPTIONAL_COLUMNS.items() if t in tables}
    for table, columns in {**TABLES, **present}.items():
        frame, file = tables[table], files[table]
        for name, column in columns.items():
            values = frame[name]
            unreadable = _unreadable(values, column.type)
            problems += [
                Problem(file, int(line), name, _why_unreadable(value, column.type))
                for line, value in unreadable.items()
            ]
            if column.required:
                problems += [
                    Problem(file, int(line), name, "is empty, but the dashboard needs a value")
                    for line in values.index[values == ""]
                ]
            if column.bounds:
                problems += _out_of_bounds(file, name, values.drop(unreadable.index), column)
            if column.refers_to:
                problems += _dangling(file, name, values, column.refers_to, tables)
            if column.country:
                problems += [
                    Problem(
                        file,
                        int(line),
                        name,
                        f'"{value}" is not a country code the dashboard can name (ISO 3166, '
                        "two letters, like US or MX)",
                    )
                    for line, value in values.items()
                    if value and not _nameable_country(value)
                ]
            if column.address:
                problems += [
                    Problem(file, int(line), name, reason)
                    for line, value in values.items()
                    if value and (reason := address_problem(value, folder))
                ]
        problems += _repeated_ids(file, KEYS[table], frame[KEYS[table]])
    return problems


def _out_of_bounds(file: str, name: str, values: pd.Series, column: Column) -> list[Problem]:
    low, high = column.bounds
    numbers = pd.to_numeric(values.where(values.str.match(_NUMBER), None), errors="coerce")
    outside = numbers[(numbers < low) | (numbers > high)]
    return [
        Problem(
            file, int(line), name, f"{values[line]} is out of range: it must be {low} to {high}"
        )
        for line in outside.index
    ]


def _dangling(
    file: str, name: str, values: pd.Series, target: str, tables: dict[str, pd.DataFrame]
) -> list[Problem]:
    table, column = target.split(".")
    known = set(tables[table][column])
    missing = values[(values != "") & ~values.isin(known)]
    return [
        Problem(file, int(line), name, f'"{value}" does not match any {column} in {table}')
        for line, value in missing.items()
    ]


def _repeated_ids(file: str, name: str, ids: pd.Series) -> list[Problem]:
    present = ids[ids != ""]
    first = present[~present.duplicated()]
    first_line = dict(zip(first, first.index, strict=True))
    repeated = present[present.duplicated()]
    return [
        Problem(
            file,
            int(line),
            name,
            f'the id "{value}" is used twice (also on row {first_line[value]})',
        )
        for line, value in repeated.items()
    ]


def _nameable_country(code: str) -> bool:
    try:
        for lang in LANGUAGES:
            country_name(code, lang)
    except KeyError:
        return False
    return code == code.upper()


def address_problem(value: str, folder: Path) -> str | None:
    """Why ``value`` may not be a source's address; ``None`` when it may. A web address
    is http or https, names a host and no user (``https://cbp.gov@elsewhere.example`` goes
    to elsewhere.example); anything else must be a file of the package."""
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts and parts.scheme.lower() in {"http", "https"}:
        if not parts.hostname or parts.username is not None or re.search(r"\s", value):
            return (
                f'"{value}" is not a web address the dashboard links to: it needs a host, '
                "and no user name or spaces"
            )
        return None
    path = PurePosixPath(value)
    if parts is not None and not parts.scheme and not path.is_absolute() and ".." not in path.parts:
        try:
            file = (folder / path).resolve()
            if file.is_relative_to(folder.resolve()) and file.is_file():
                return None
        except (OSError, ValueError):  # a name the system refuses: not a file of the package
            pass
    return (
        f'"{value}" is neither a web address (http:// or https://) nor a file of the package: '
        "the dashboard links only to those"
    )


# --------------------------------------------------------------------------- reading


def typed(frame: pd.DataFrame, table: str, declared: list[str]) -> pd.DataFrame:
    """The all-text table (as :func:`goodwill.csv_tables.read_table` reads it, and checked
    by :func:`value_problems`) with each ``declared`` column read as the dashboard reads
    it. Empty cells become missing values (``None`` for text, ``NaT`` for dates, ``<NA>``
    for integers); a column the dashboard does not read stays text."""
    columns = TABLES.get(table) or OPTIONAL_COLUMNS.get(table, {})
    typed_columns = {}
    for name in declared:
        column = frame[name]
        empty = column == ""
        kind = columns[name].type if name in columns else "string"
        if kind == "date":
            typed_columns[name] = pd.to_datetime(column.mask(empty), format="%Y-%m-%d")
        elif kind == "number":
            typed_columns[name] = pd.to_numeric(column.mask(empty)).astype(float)
        elif kind == "integer":
            typed_columns[name] = pd.to_numeric(column.mask(empty)).astype("Int64")
        elif kind == "boolean":
            typed_columns[name] = column.eq("true")
        else:
            typed_columns[name] = column.astype(object).mask(empty, None)
    # Row numbers were for problems; the tour's tables are numbered from 0 as usual.
    return pd.DataFrame(typed_columns, index=frame.index).reset_index(drop=True)
