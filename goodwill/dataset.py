"""Load a tour data package, validate it, and hand typed tables to the UI.

A tour is a Frictionless Data Package: a ``datapackage.json`` with one Table Schema per CSV.
Validation runs in steps, each in its own module: the files are read as written
(:mod:`goodwill.csv_tables`); Frictionless checks what a Table Schema can say (types,
required fields, enumerations, ranges, primary and foreign keys:
:mod:`goodwill.schema_problems`); :mod:`goodwill.checks` adds what it cannot (date order,
coordinates inside the claimed country, speakers present at their events, evidence present
and free of encoding damage), :mod:`goodwill.known_codes` that every enumerated code is
one the dashboard knows, whatever the schema allows, and :mod:`goodwill.translation_checks`
that the translations are current and complete. Every problem names its file, row and
field in words an editor understands, so a broken edit can be found and fixed without a
traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path

import pandas as pd

from goodwill.checks import run_checks
from goodwill.citation import License, content_sha256, licenses_of, package_files
from goodwill.csv_tables import read_table
from goodwill.known_codes import check_data_codes, check_schema_enums
from goodwill.paths import shipped_tour
from goodwill.problems import DatasetError, Problem, errors
from goodwill.schema_problems import schema_problems
from goodwill.translation_checks import check_translations
from goodwill.translations import TRANSLATION_COLUMNS, TRANSLATIONS_TABLE

DATA_PATH_VARIABLE = "GOODWILL_DATA"
DESCRIPTOR_NAME = "datapackage.json"

#: The columns the dashboard reads from each table. A package for another tour may add
#: columns, but without these the pages cannot work, so their absence is a problem.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "sources": ("source_id", "kind", "outlet", "headline", "url", "used_for", "evidence"),
    "places": (
        "place_id",
        "name",
        "venue",
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
#: Tables a package may leave out: a tour without translations is shown in its own language.
OPTIONAL_FIELDS: dict[str, tuple[str, ...]] = {TRANSLATIONS_TABLE: TRANSLATION_COLUMNS}


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
    translations: pd.DataFrame  # translations.csv; empty when the package has none
    # The package's identity, for citations and the footer (goodwill/citation.py).
    name: str = ""
    version: str = ""
    created: str = ""
    licenses: tuple[License, ...] = ()
    content_sha256: str = ""  # of the package's files as they were loaded

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
    """Every problem in the data package at ``path``, warnings included; the package can
    be used when none is an error (:func:`goodwill.problems.errors`)."""
    problems, _ = _validate(Path(path))
    return problems


def load_tour(path: Path | None = None) -> Tour:
    """Validate the package at ``path`` (the shipped tour by default) and return it as
    typed tables.

    Raises :class:`DatasetError` listing every problem when the package is not valid
    (warnings alone do not stop it).
    """
    path = Path(path or shipped_tour())
    problems, tables = _validate(path)
    if errors(problems):
        raise DatasetError(path, problems)
    descriptor = read_descriptor(path)
    tour = Tour(
        path=path,
        title=descriptor.get("title", ""),
        description=descriptor.get("description", ""),
        rights=descriptor.get("rights", ""),
        **tables,
        name=str(descriptor.get("name") or ""),
        version=str(descriptor.get("version") or ""),
        created=str(descriptor.get("created") or ""),
        licenses=licenses_of(descriptor),
        content_sha256=content_sha256(
            descriptor_path(path).parent, package_files(descriptor, tables["sources"]["url"])
        ),
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
    described = {name: fields for name, fields in OPTIONAL_FIELDS.items() if name in resources}
    for name, needed in {**REQUIRED_FIELDS, **described}.items():
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
    names = (*TABLE_NAMES, *described)
    files = {name: base / _resource_path(resources[name], name) for name in names}
    raw: dict[str, pd.DataFrame] = {}
    for name, file in files.items():
        frame, file_problems = read_table(file)
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
    problems += schema_problems(descriptor_file, descriptor, files, raw)
    shown_files = {name: str(file) for name, file in files.items()}
    problems += run_checks(raw, shown_files)
    problems += check_data_codes(raw, shown_files, descriptor)
    broken = {(problem.file, problem.row, problem.field) for problem in problems}
    problems += check_translations(raw, shown_files, descriptor, shown, broken)
    problems = sorted(set(problems), key=_problem_order)
    if errors(problems):
        return problems, {}
    tables = {name: _typed(raw[name], resources[name]["schema"]) for name in names}
    if TRANSLATIONS_TABLE not in tables:
        empty = pd.DataFrame({column: pd.Series(dtype=object) for column in TRANSLATION_COLUMNS})
        tables[TRANSLATIONS_TABLE] = empty
    return problems, tables


def _resource_path(resource: dict, name: str) -> str:
    path = resource.get("path", f"{name}.csv")
    # A list of paths (a table split over files) is not something this dashboard reads.
    return path if isinstance(path, str) and path else f"{name}.csv"


def _problem_order(problem: Problem) -> tuple:
    # Errors first: they are what stops the package.
    return (problem.warning, problem.file, problem.row or 0, problem.field or "", problem.message)


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
