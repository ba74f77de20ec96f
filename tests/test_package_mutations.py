"""A package either fails validation precisely or works on every page: random mutations
of the shipped descriptor and tables (types, options, constraints, keys, formats, enums,
missing fields and columns, odd values, odd JSON) are validated, and

* refused: every problem is one ``file:row:field: message`` line about a file of the
  package, in words, with no exception's name or traceback in it;
* accepted: the tour loads, and every page runs in ``AppTest`` with no exception, the
  map with a place selected.

The fast suite runs :data:`FAST_EXAMPLES` cases, the same ones every time (derandomized)
and under a minute; ``GOODWILL_MUTATIONS=N`` runs N random ones instead (the ``slow``
test runs :data:`SLOW_EXAMPLES`).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from goodwill.dataset import TABLE_NAMES, load_tour, validate
from goodwill.paths import shipped_tour
from goodwill.problems import errors
from tests.helpers.apptest import PAGES, run_app
from tests.helpers.guards import TRAP
from tests.helpers.packages import edit_rows, translations_optional

FAST_EXAMPLES = 30
SLOW_EXAMPLES = 400
EXAMPLES = int(os.environ.get("GOODWILL_MUTATIONS", "0"))

SHIPPED = json.loads((shipped_tour() / "datapackage.json").read_text(encoding="utf-8"))
FIELDS = {
    resource["name"]: [field["name"] for field in resource["schema"]["fields"]]
    for resource in SHIPPED["resources"]
}
ROWS = {
    table: sum(1 for _ in csv.DictReader((shipped_tour() / f"{table}.csv").open(encoding="utf-8")))
    for table in TABLE_NAMES
}
IDS = {
    table: [
        row[FIELDS[table][0]]
        for row in csv.DictReader((shipped_tour() / f"{table}.csv").open(encoding="utf-8"))
    ]
    for table in TABLE_NAMES
}

#: Cell values an editor, a spreadsheet or an attacker might leave.
ODD_VALUES = (
    "",
    " ",
    "NaN",
    "-inf",
    "1e309",
    "-0",
    "0",
    "1,5",
    "12.5%",
    "0x1F",
    "True",
    "1",
    "yes",
    "0001-01-01",
    "1000-01-01",
    "8999-12-31",
    "9999-12-31",
    "2016-02-29",
    "2016-02-30",
    "2016-8-5",
    "05/08/2016",
    "2016-08-05T10:00",
    "1" * 25,
    "-90",
    "90",
    "180.0001",
    "x" * 3_000,
    "Nogales\u2028Sonora",
    "\u202eevil",
    f"![x]({TRAP.url}/cell.png)",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "https://example.org/a b",
    "source-notes.md",
    "../outside.md",
    "=HYPERLINK(1)",
    "US",
    "MX",
    "XX",
    "en",
    "es",
)
TYPES = ("string", "date", "number", "integer", "boolean", "datetime", "year", "any", "object")
OPTIONS = {
    "format": ("%d/%m/%Y", "any", "default", "email", "uri", "%Y"),
    "decimalChar": (",", "."),
    "groupChar": (",", " ", ""),
    "bareNumber": (False, True),
    "trueValues": (["yes"], ["true"], ["true", "1"]),
    "falseValues": (["no"], ["false"]),
}
CONSTRAINTS = ("required", "unique", "enum", "pattern", "minimum", "maximum", "minLength")
ODD_JSON = (7, None, "x", [], {}, True, [7], {"a": 1}, -1.5)
RESOURCE_KEYS = ("name", "path", "schema", "dialect", "profile", "format", "encoding", "title")
SCHEMA_KEYS = ("fields", "primaryKey", "foreignKeys", "missingValues", "fieldsMatch")
FIELD_KEYS = ("name", "type", "format", "constraints", "description", "trueValues")


@dataclass(frozen=True)
class Mutation:
    """One change to a package; its fields say where, ``value`` what."""

    kind: str
    table: str
    column: str = ""
    row: int = 0
    value: object = None

    def apply(self, package: Path) -> None:
        getattr(self, f"_{self.kind}")(package)

    # --- the tables

    def _cell(self, package: Path) -> None:
        def edit(rows: list[dict]) -> None:
            if rows and self.column in rows[0]:  # not a column an earlier change dropped
                rows[self.row % len(rows)][self.column] = self.value

        edit_rows(package, self.table, edit)

    def _drop_column(self, package: Path) -> None:
        def edit(rows: list[dict]) -> None:
            for row in rows:
                row.pop(self.column, None)

        edit_rows(package, self.table, edit)

    def _duplicate_row(self, package: Path) -> None:
        edit_rows(package, self.table, lambda rows: [*rows, *rows[self.row : self.row + 1]])

    def _no_rows(self, package: Path) -> None:
        file = package / f"{self.table}.csv"
        file.write_text(file.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", "utf-8")

    # --- the description

    def _edit(self, package: Path, change) -> None:
        """``change(descriptor, resource, field)``, unless an earlier change took the
        resource or the field away (or broke the shape that leads to them)."""
        file = package / "datapackage.json"
        descriptor = json.loads(file.read_text(encoding="utf-8"))
        try:
            resource = next(r for r in descriptor["resources"] if r["name"] == self.table)
            field = next(f for f in resource["schema"]["fields"] if f["name"] == self.column)
        except (KeyError, TypeError, StopIteration):
            return
        change(descriptor, resource, field)
        file.write_text(json.dumps(descriptor), encoding="utf-8")

    def _type(self, package: Path) -> None:
        self._edit(package, lambda d, r, f: f.update(type=self.value))

    def _option(self, package: Path) -> None:
        key, value = self.value
        self._edit(package, lambda d, r, f: f.update({key: value}))

    def _loosen(self, package: Path) -> None:
        self._edit(package, lambda d, r, f: f.get("constraints", {}).pop(self.value, None))

    def _enum(self, package: Path) -> None:
        self._edit(package, lambda d, r, f: f.setdefault("constraints", {}).update(enum=self.value))

    def _drop_field(self, package: Path) -> None:
        def change(descriptor, resource, field) -> None:
            resource["schema"]["fields"].remove(field)

        self._edit(package, change)

    def _drop_keys(self, package: Path) -> None:
        def change(descriptor, resource, field) -> None:
            schema = resource["schema"]
            if self.value == "primaryKey":
                schema.pop("primaryKey", None)
            else:
                schema["foreignKeys"] = [
                    key for key in schema.get("foreignKeys", []) if key["fields"] != self.column
                ]

        self._edit(package, change)

    def _missing_values(self, package: Path) -> None:
        self._edit(package, lambda d, r, f: r["schema"].update(missingValues=self.value))

    def _odd_json(self, package: Path) -> None:
        where, key, value = self.value

        def change(descriptor, resource, field) -> None:
            {"package": descriptor, "resource": resource, "schema": resource["schema"]}.get(
                where, field
            )[key] = value

        self._edit(package, change)


#: Values that break a column of each type, or read as something else.
ODD_BY_TYPE = {
    "date": (
        *("0001-01-01", "1000-01-01", "8999-12-31", "9999-12-31", "2016-02-30", "2016-8-5"),
        *("05/08/2016", "2016-08-05T10:00", "20160805", ""),
    ),
    "number": (
        *("NaN", "-inf", "1e309", "1e-300", "1,5", "12.5%", "0x1F", "-0", "90", "-90.0001"),
        *("180", "-180", ""),
    ),
    "integer": ("0", "-1", "1" * 25, "1.0", "1e3", "+5", ""),
    "boolean": ("True", "1", "yes", "FALSE", ""),
}
SCHEMA_FIELDS = {
    resource["name"]: {field["name"]: field for field in resource["schema"]["fields"]}
    for resource in SHIPPED["resources"]
}
# The dashboard's tables (translations.csv has checks and tests of its own).
TEXT_COLUMNS = sorted(
    (table, column)
    for table, fields in SCHEMA_FIELDS.items()
    if table in TABLE_NAMES
    for column, field in fields.items()
    if field.get("type", "string") == "string"
    and not field.get("constraints", {}).keys() & {"enum", "pattern"}
)
REFERENCES = {
    (resource["name"], key["fields"]): key["reference"]["resource"] or resource["name"]
    for resource in SHIPPED["resources"]
    for key in resource["schema"].get("foreignKeys", [])
}


def _odd_values(table: str, column: str) -> st.SearchStrategy:
    kind = SCHEMA_FIELDS[table][column].get("type", "string")
    if kind in ODD_BY_TYPE:
        return st.sampled_from(ODD_BY_TYPE[kind])
    ids = [IDS[other] for other in TABLE_NAMES]
    return st.one_of(
        st.sampled_from(ODD_VALUES),
        st.sampled_from([value for table_ids in ids for value in table_ids]),
        st.text(max_size=30),
    )


@st.composite
def changes(draw) -> list[Mutation]:
    """One change an editor might make, as the mutations that make it: some break the
    data and loosen the schema that would have caught it, at once."""
    table = draw(st.sampled_from(TABLE_NAMES))
    column = draw(st.sampled_from(FIELDS[table]))
    row = draw(st.integers(0, ROWS[table] - 1))
    odd = _odd_values(table, column)
    kind = draw(
        st.sampled_from(
            ("text",) * 5
            + ("cell",) * 4
            + ("loosened cell",) * 3
            + ("retyped cell",) * 2
            + ("type", "option", "option", "enum", "drop field", "drop column", "drop both")
            + ("dangling reference", "repeated id", "duplicate row", "no rows")
            + ("missing values", "odd json")
        )
    )
    at = Mutation("cell", table, column, row, draw(odd))
    every_constraint = [Mutation("loosen", table, column, value=c) for c in CONSTRAINTS]
    if kind == "cell":
        return [at]
    if kind == "text":  # hostile text in a free-text column, which a valid package may hold
        table, column = draw(st.sampled_from(TEXT_COLUMNS))
        row = draw(st.integers(0, ROWS[table] - 1))
        return [Mutation("cell", table, column, row, draw(st.sampled_from(ODD_VALUES)))]
    if kind == "loosened cell":
        return [*every_constraint, at]
    if kind == "retyped cell":
        return [Mutation("type", table, column, value="string"), *every_constraint, at]
    if kind == "type":
        return [Mutation("type", table, column, value=draw(st.sampled_from(TYPES)))]
    if kind == "option":
        key = draw(st.sampled_from(sorted(OPTIONS)))
        return [
            Mutation("option", table, column, value=(key, draw(st.sampled_from(OPTIONS[key])))),
            at,
        ]
    if kind == "enum":
        codes = st.lists(st.sampled_from((*ODD_VALUES[:12], "held", "tour-stop")), max_size=3)
        return [
            Mutation(
                "enum", table, column, value=draw(st.one_of(codes, st.sampled_from(ODD_JSON)))
            ),
            at,
        ]
    if kind in ("drop field", "drop column", "drop both"):
        field, csv_column = (
            Mutation("drop_field", table, column),
            Mutation("drop_column", table, column),
        )
        return {"drop field": [field], "drop column": [csv_column]}.get(kind, [field, csv_column])
    if kind == "dangling reference":
        table, column = draw(st.sampled_from(sorted(REFERENCES)))
        row = draw(st.integers(0, ROWS[table] - 1))
        value = draw(st.sampled_from(("atlantis", "", *IDS[REFERENCES[table, column]][:1])))
        return [
            Mutation("drop_keys", table, column, value="foreignKeys"),
            Mutation("cell", table, column, row, value),
        ]
    if kind == "repeated id":
        key = FIELDS[table][0]
        other = draw(st.sampled_from(IDS[table]))
        loosen = [Mutation("loosen", table, key, value="unique")]
        return [
            Mutation("drop_keys", table, key, value="primaryKey"),
            *loosen,
            Mutation("cell", table, key, row, other),
        ]
    if kind == "duplicate row":
        return [Mutation("duplicate_row", table, column, row)]
    if kind == "no rows":
        return [Mutation("no_rows", table)]
    if kind == "missing values":
        value = draw(st.sampled_from(([""], ["", "NA"], ["-"], [], "x")))
        return [
            Mutation("missing_values", table, column, value=value),
            Mutation("cell", table, column, row, "NA"),
        ]
    where = draw(st.sampled_from(("package", "resource", "schema", "field")))
    keys = {
        "package": ("resources", "title", "description", "rights", "profile", "$schema"),
        "resource": RESOURCE_KEYS,
        "schema": SCHEMA_KEYS,
        "field": FIELD_KEYS,
    }[where]
    return [
        Mutation(
            "odd_json",
            table,
            column,
            value=(where, draw(st.sampled_from(keys)), draw(st.sampled_from(ODD_JSON))),
        )
    ]


#: How many mutated packages were refused and accepted (each run reports and checks it).
OUTCOMES: Counter[str] = Counter()
_PROBLEM = re.compile(r"^(?P<file>.+):(?P<row>-|\d+):(?P<field>[^:]+): (?P<message>.+)$", re.S)
_NOT_WORDS = ("Traceback", "Error(", "Exception", "object at 0x", "<built-in", "NoneType")


def check(package: Path, changes: list[Mutation]) -> None:
    for change in changes:
        change.apply(package)
    problems = validate(package)
    for problem in problems:
        match = _PROBLEM.match(str(problem))
        assert match, str(problem)
        assert Path(problem.file).resolve().is_relative_to(package.resolve()), problem
        assert not any(word in problem.message for word in _NOT_WORDS), problem
    refused = bool(errors(problems))
    OUTCOMES["refused" if refused else "accepted"] += 1
    if refused:
        return
    tour = load_tour(package)
    place = tour.events["place_id"].iloc[0] if len(tour.events) else None
    at = run_app(query={"place": place} if place else None)
    assert not at.exception, [e.value for e in at.exception]
    for page in PAGES[1:]:
        at.switch_page(page)
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])


def example_each(cases):
    """``@example(changes=case)`` for each case: hypothesis runs them before any other."""

    def decorate(test):
        for case in reversed(cases):
            test = example(changes=case)(test)
        return test

    return decorate


def _loosened(table: str, column: str) -> list[Mutation]:
    return [Mutation("loosen", table, column, value=constraint) for constraint in CONSTRAINTS]


#: Packages that passed the validator and then stopped a page, run first.
KNOWN_CRASHES = (
    [Mutation("type", "events", "date_start", value="string")],
    [
        Mutation("drop_keys", "events", "place_id", value="foreignKeys"),
        Mutation("cell", "events", "place_id", 1, "atlantis"),
    ],
    [
        Mutation("option", "places", "latitude", value=("decimalChar", ",")),
        Mutation("cell", "places", "latitude", 2, "26,2034"),
    ],
    [
        Mutation("option", "events", "date_start", value=("format", "%d/%m/%Y")),
        Mutation("cell", "events", "date_start", 2, "04/08/2016"),
    ],
    [*_loosened("places", "longitude"), Mutation("cell", "places", "longitude", 2, "NaN")],
    [Mutation("drop_field", "events", "venue"), Mutation("drop_column", "events", "venue")],
    # Found by this test: a person's country fits the schema's pattern, and Babel has no
    # name for it.
    [Mutation("cell", "people", "country", 0, "XX")],
)


def _property(examples: int, *, derandomize: bool):
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=derandomize,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.lists(changes(), min_size=1, max_size=2).map(lambda lists: [*chain(*lists)]))
    @example_each(KNOWN_CRASHES)
    def property_(tmp_path_factory, monkeypatch, changes):
        package = tmp_path_factory.mktemp("mutated") / "tour"
        shutil.copytree(shipped_tour(), package)
        # A mutated text no longer matches its translation: a warning, as in any edit.
        translations_optional(package)
        monkeypatch.setenv("GOODWILL_DATA", str(package))
        check(package, changes)

    return property_


def run_property(examples: int, derandomize: bool, tmp_path_factory, monkeypatch) -> None:
    OUTCOMES.clear()
    _property(examples, derandomize=derandomize)(tmp_path_factory, monkeypatch)
    print(f"\nmutated packages: {dict(OUTCOMES)}")
    # Both sides are exercised: packages the validator refuses, and odd ones it accepts,
    # which then run through every page.
    assert OUTCOMES["accepted"] >= examples // 5, OUTCOMES
    assert OUTCOMES["refused"] >= examples // 5, OUTCOMES


@pytest.mark.timeout(3_600)  # for GOODWILL_MUTATIONS=N; the fast run takes under a minute
def test_a_mutated_package_is_refused_precisely_or_shown_on_every_page(
    tmp_path_factory, monkeypatch
):
    run_property(EXAMPLES or FAST_EXAMPLES, not EXAMPLES, tmp_path_factory, monkeypatch)


@pytest.mark.slow
@pytest.mark.timeout(3_600)
def test_many_mutated_packages_are_refused_precisely_or_shown_on_every_page(
    tmp_path_factory, monkeypatch
):
    run_property(SLOW_EXAMPLES, False, tmp_path_factory, monkeypatch)
