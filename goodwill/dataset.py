"""Load a tour data package, validate it, and hand typed tables to the UI.

A tour is a Frictionless Data Package: a ``datapackage.json`` with one Table Schema per CSV.
Validation runs in steps, each in its own module, each on what the steps before accepted:
the description is read within limits and every file it names is checked to lie inside
the package (:mod:`goodwill.descriptor`); its schemas must declare what the dashboard reads
as the dashboard reads it (:mod:`goodwill.expectations`); the files are read as written
(:mod:`goodwill.csv_tables`); Frictionless checks what a Table Schema can say (types,
required fields, enumerations, ranges, primary and foreign keys:
:mod:`goodwill.schema_problems`); :mod:`goodwill.checks` adds what it cannot (date order,
coordinates inside the claimed country, speakers present at their events, evidence present
and free of encoding damage), :mod:`goodwill.known_codes` that every enumerated code is
one the dashboard knows, whatever the schema allows, :mod:`goodwill.expectations` that
every cell is what the pages read, whatever the schema says,
:mod:`goodwill.translation_checks` that the translations are current and complete,
:mod:`goodwill.changes` that the corrections log is sound, and :mod:`goodwill.excerpts` that
every verbatim excerpt is word for word in its source's text, where that text is at hand. Every
problem names its file, row and field in words an editor understands, so a broken edit can
be found and fixed without a traceback; and a package that passes is one every page can show.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path

import pandas as pd

from goodwill.changes import CHANGES_TABLE, check_changes, empty_changes
from goodwill.checks import run_checks
from goodwill.citation import License, content_sha256, licenses_of, package_files
from goodwill.csv_tables import read_table
from goodwill.descriptor import descriptor_path, read_package_descriptor
from goodwill.excerpts import check_verbatim_excerpts
from goodwill.expectations import declared_problems, typed, value_problems
from goodwill.known_codes import check_data_codes, check_schema_enums
from goodwill.paths import shipped_tour
from goodwill.problems import DatasetError, Problem, errors
from goodwill.schema_problems import schema_problems
from goodwill.tables import OPTIONAL_COLUMNS, TABLES
from goodwill.translation_checks import check_translations
from goodwill.translations import TRANSLATION_COLUMNS, TRANSLATIONS_TABLE

DATA_PATH_VARIABLE = "GOODWILL_DATA"

#: The columns the dashboard reads from each table (how it reads them:
#: :data:`goodwill.tables.TABLES`). A package for another tour may add columns, but
#: without these the pages cannot work, so their absence is a problem.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    table: tuple(columns) for table, columns in TABLES.items()
}
TABLE_NAMES = tuple(REQUIRED_FIELDS)
#: Tables a package may leave out, with the columns the dashboard reads from them: a tour
#: without translations is shown in its own language, one without a corrections log has no
#: changes to show (how the log's columns are read:
#: :data:`goodwill.tables.OPTIONAL_COLUMNS`).
OPTIONAL_TABLES: dict[str, tuple[str, ...]] = {
    TRANSLATIONS_TABLE: TRANSLATION_COLUMNS,
    **{table: tuple(columns) for table, columns in OPTIONAL_COLUMNS.items()},
}


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
    changes: pd.DataFrame  # changes.csv, the corrections log; empty when the package has none
    #: The package's description as validated (schemas kept in files written in place):
    #: the Sources page's data dictionary reads it here, not from a file that may have
    #: changed since. Shared by every session: read, never modified.
    descriptor: dict = field(default_factory=dict, repr=False, compare=False)
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
        for member in fields(self):
            value = getattr(self, member.name)
            if isinstance(value, pd.DataFrame):
                digest.update(repr((member.name, tuple(value.columns))).encode())
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


def validate(path: Path, story: Path | None = None) -> list[Problem]:
    """Every problem in the data package at ``path``, warnings included; the package can
    be used when none is an error (:func:`goodwill.problems.errors`). ``story``: the
    primary story's text file, to check its excerpts against (it does not ship with the
    package, so without it they are not checked)."""
    problems, _, _ = _validate(Path(path), story)
    return problems


def load_tour(path: Path | None = None) -> Tour:
    """Validate the package at ``path`` (the shipped tour by default) and return it as
    typed tables.

    Raises :class:`DatasetError` listing every problem when the package is not valid
    (warnings alone do not stop it).
    """
    path = Path(path or shipped_tour())
    problems, descriptor, tables = _validate(path, None)
    if errors(problems):
        raise DatasetError(path, problems)
    tour = Tour(
        path=path,
        title=descriptor.get("title", ""),
        description=descriptor.get("description", ""),
        rights=descriptor.get("rights", ""),
        descriptor=descriptor,
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


def _validate(
    path: Path, story: Path | None
) -> tuple[list[Problem], dict, dict[str, pd.DataFrame]]:
    """(problems, the description, the typed tables); the last two empty unless the
    package can be used (it has no error). Each step runs only on what the steps before it
    accepted: nothing named by the description is opened before it is known to be inside
    the package."""
    descriptor_file = descriptor_path(path)
    shown = str(descriptor_file)
    descriptor, problems = read_package_descriptor(descriptor_file)
    if problems:
        return problems, {}, {}
    problems = declared_problems(descriptor, shown)
    if problems:
        return problems, {}, {}
    problems += check_schema_enums(shown, descriptor)

    base = descriptor_file.parent
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    described = [name for name in OPTIONAL_TABLES if name in resources]
    optional_problems = _optional_table_problems(resources, described, shown)
    if optional_problems:
        return problems + optional_problems, {}, {}
    names = (*TABLE_NAMES, *described)
    files = {name: base / resources[name]["path"] for name in names}
    raw: dict[str, pd.DataFrame] = {}
    for name, file in files.items():
        frame, file_problems = read_table(file)
        problems += file_problems
        if frame is not None:
            raw[name] = frame
    if len(raw) < len(files):
        # Frictionless would stop at the same file problems, with less helpful words.
        return problems, {}, {}

    header_problems = _header_problems(resources, raw, files)
    if header_problems:
        # Rows read against the wrong header would only repeat the same mistake per cell.
        return problems + header_problems, {}, {}
    problems += schema_problems(descriptor_file, descriptor, files, raw)
    shown_files = {name: str(file) for name, file in files.items()}
    problems += run_checks(raw, shown_files)
    problems += check_data_codes(raw, shown_files, descriptor)
    problems += _not_said_yet(value_problems(raw, shown_files, base), problems)
    problems += check_changes(raw, shown_files)
    problems += check_verbatim_excerpts(raw, shown_files, base, story)
    broken = {(problem.file, problem.row, problem.field) for problem in problems}
    problems += check_translations(raw, shown_files, descriptor, shown, broken)
    problems = sorted(set(problems), key=_problem_order)
    if errors(problems):
        return problems, {}, {}
    tables = {name: typed(raw[name], name, _declared_names(resources[name])) for name in names}
    if TRANSLATIONS_TABLE not in tables:
        empty = pd.DataFrame({column: pd.Series(dtype=object) for column in TRANSLATION_COLUMNS})
        tables[TRANSLATIONS_TABLE] = empty
    tables.setdefault(CHANGES_TABLE, empty_changes())
    return problems, descriptor, tables


def _optional_table_problems(resources: dict, described: list[str], shown: str) -> list[Problem]:
    """What stops an optional table the package describes from being read: it must name
    one CSV file, and its schema must list the columns the dashboard reads."""
    problems = []
    for name in described:
        resource = resources[name]
        if not isinstance(resource.get("path"), str):
            problems.append(
                Problem(shown, None, name, f'must name the one CSV file "{name}" is read from')
            )
        schema = resource.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not all(isinstance(f, dict) for f in fields):
            problems.append(
                Problem(shown, None, name, f'the schema of "{name}" must list its fields')
            )
            continue
        declared = {field.get("name") for field in fields}
        problems += [
            Problem(shown, None, name, f'the schema of "{name}" lacks the field "{column}"')
            for column in OPTIONAL_TABLES[name]
            if column not in declared
        ]
    return problems


def _not_said_yet(found: list[Problem], said: list[Problem]) -> list[Problem]:
    """The problems of ``found`` about a cell (or a row) no problem of ``said`` is about:
    one problem per cell, in the words of the check that found it first."""
    cells = {(problem.file, problem.row, problem.field) for problem in said}
    return [
        problem
        for problem in found
        if (problem.file, problem.row, problem.field) not in cells
        and (problem.file, problem.row, None) not in cells
    ]


def _declared_names(resource: dict) -> list[str]:
    return [field["name"] for field in resource["schema"]["fields"]]


def _problem_order(problem: Problem) -> tuple:
    # Errors first: they are what stops the package.
    return (problem.warning, problem.file, problem.row or 0, problem.field or "", problem.message)


def read_descriptor(path: Path) -> dict:
    """The description of the package at ``path`` (its folder or its ``datapackage.json``)
    as the validator reads it (:func:`goodwill.descriptor.read_package_descriptor`);
    ValueError, listing its problems, when it cannot be used."""
    descriptor, problems = read_package_descriptor(descriptor_path(path))
    if problems:
        raise ValueError("; ".join(str(problem) for problem in problems))
    return descriptor


def _header_problems(
    resources: dict, raw: dict[str, pd.DataFrame], files: dict[str, Path]
) -> list[Problem]:
    problems = []
    for name, frame in raw.items():
        declared = _declared_names(resources[name])
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
