"""The broken-data corpus: each case is one edit an editor (or their software) might make to
the shipped tour, generated at test time from a fresh copy, and what the validator must say.

A case expects either one problem located at ``file`` / ``row`` / ``field`` whose message
contains ``says``, or, when ``file`` is ``None``, that the package is accepted: valid, and
loading to the very same tables as the shipped one (``same_data``).
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from goodwill.csv_tables import MAX_FILE_BYTES
from goodwill.dataset import read_descriptor
from goodwill.enums import ENUMERATIONS
from goodwill.paths import shipped_tour
from goodwill.translations import TRANSLATIONS_TABLE
from tests.helpers.guards import TRAP, UNRESOLVABLE_HOST
from tests.helpers.packages import edit_rows, set_cell

# Rows (CSV lines, header = 1) of the shipped tables the cases break.
MCALLEN = 4  # places.csv
NOGALES_EVENT = 4  # events.csv
MARIACHI = 6  # people.csv
CANALES = 4  # people.csv
CANALES_EACH_SIDE = 4  # quotes.csv
CANALES_AT_TUCSON = 11  # appearances.csv
NEW_STATUS = "cancelled"


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Callable[[Path], None]
    file: str | None = None  # None: the package is accepted
    row: int | None = None
    field: str | None = None
    says: str = ""
    same_data: bool = True  # for an accepted case: loads to the shipped tables


def _cell(table: str, row_id: str, column: str, value: str) -> Callable[[Path], None]:
    return lambda package: set_cell(package, table, row_id, column, value)


def _cells(*edits: tuple[str, str, str, str]) -> Callable[[Path], None]:
    def mutate(package: Path) -> None:
        for edit in edits:
            set_cell(package, *edit)

    return mutate


def _bytes(table: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def mutate(package: Path) -> None:
        file = package / f"{table}.csv"
        file.write_bytes(change(file.read_bytes()))

    return mutate


def _without_rows(package: Path, table: str) -> None:
    """Every row of ``table`` deleted, with their translations (which would name rows that
    are no longer there)."""
    _bytes(table, lambda data: data.split(b"\n", 1)[0] + b"\n")(package)
    edit_rows(
        package, TRANSLATIONS_TABLE, lambda rows: [row for row in rows if row["table"] != table]
    )


def _descriptor(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def mutate(package: Path) -> None:
        file = package / "datapackage.json"
        descriptor = json.loads(file.read_text(encoding="utf-8"))
        change(descriptor)
        file.write_text(json.dumps(descriptor), encoding="utf-8")

    return mutate


def _drop_column(table: str, column: str) -> Callable[[Path], None]:
    def mutate(package: Path) -> None:
        def drop(rows: list[dict]) -> None:
            for row in rows:
                del row[column]

        edit_rows(package, table, drop)

    return mutate


def _insert_column(table: str, after: str, name: str, value: str) -> Callable[[Path], None]:
    def mutate(package: Path) -> None:
        def insert(rows: list[dict]) -> list[dict]:
            out = []
            for row in rows:
                new = {}
                for key, cell in row.items():
                    new[key] = cell
                    if key == after:
                        new[name] = value
                out.append(new)
            return out

        edit_rows(package, table, insert)

    return mutate


def _latin1(table: str) -> Callable[[Path], None]:
    def mutate(package: Path) -> None:
        file = package / f"{table}.csv"
        file.write_bytes(file.read_text(encoding="utf-8").encode("cp1252", errors="replace"))

    return mutate


def _crlf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _every_table(change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def mutate(package: Path) -> None:
        for file in package.glob("*.csv"):
            file.write_bytes(change(file.read_bytes()))

    return mutate


def _oversized(package: Path) -> None:
    # A sparse file: as big as it claims, without writing (or committing) its bytes.
    with (package / "sources.csv").open("r+b") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)


def _enum_location(table: str, column: str) -> str:
    """Where the shipped datapackage.json lists the allowed values of ``table.column``."""
    resources = read_descriptor(shipped_tour())["resources"]
    i = next(i for i, resource in enumerate(resources) if resource["name"] == table)
    fields = resources[i]["schema"]["fields"]
    j = next(j for j, field in enumerate(fields) if field["name"] == column)
    return f"resources[{i}].schema.fields[{j}].constraints.enum"


def _new_status_in_schema_and_data(package: Path) -> None:
    """An editor adds a status the dashboard has never heard of, to the schema and a row."""

    def allow(descriptor: dict) -> None:
        for resource in descriptor["resources"]:
            for field in resource["schema"]["fields"]:
                if (resource["name"], field["name"]) == ("events", "status"):
                    field["constraints"]["enum"].append(NEW_STATUS)

    _descriptor(allow)(package)
    set_cell(package, "events", "mcallen-2016-07", "status", NEW_STATUS)


def _known(enumeration: str) -> str:
    return ", ".join(ENUMERATIONS[enumeration])


def _resource(table: str) -> str:
    """``resources[i]``: where the shipped datapackage.json describes ``table``."""
    resources = read_descriptor(shipped_tour())["resources"]
    return f"resources[{next(i for i, r in enumerate(resources) if r['name'] == table)}]"


def _field(table: str, column: str) -> str:
    """``resources[i].schema.fields[j]``: where the shipped datapackage.json declares
    ``table.column``."""
    return _enum_location(table, column).removesuffix(".constraints.enum")


def _schema_field(table: str, column: str, change: Callable[[dict], None]) -> Callable:
    """Change the declaration of ``table.column`` in the package's schema."""

    def edit(descriptor: dict) -> None:
        resource = next(r for r in descriptor["resources"] if r["name"] == table)
        change(next(f for f in resource["schema"]["fields"] if f["name"] == column))

    return _descriptor(edit)


def _schema(table: str, change: Callable[[dict], None]) -> Callable:
    def edit(descriptor: dict) -> None:
        change(next(r for r in descriptor["resources"] if r["name"] == table)["schema"])

    return _descriptor(edit)


def _resource_key(table: str, key: str, value: Callable[[Path], object]) -> Callable:
    """Set ``key`` of the resource ``table`` to ``value(package)`` (made at test time: the
    trap server's address, a file beside the package)."""

    def mutate(package: Path) -> None:
        def edit(descriptor: dict) -> None:
            resource = next(r for r in descriptor["resources"] if r["name"] == table)
            resource[key] = value(package)

        _descriptor(edit)(package)

    return mutate


def _steps(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    def mutate(package: Path) -> None:
        for mutation in mutations:
            mutation(package)

    return mutate


def _descriptor_text(text: Callable[[str], str]) -> Callable[[Path], None]:
    def mutate(package: Path) -> None:
        file = package / "datapackage.json"
        file.write_text(text(file.read_text(encoding="utf-8")), encoding="utf-8")

    return mutate


#: Written into every file the trust cases put outside the package: a validator or page
#: that read one would show it.
OUTSIDE_TEXT = "OUTSIDE-THE-PACKAGE"


def outside(package: Path) -> Path:
    """A folder beside the package (never inside it), with a valid copy of every table
    whose outlet, names and quotes say :data:`OUTSIDE_TEXT`."""
    folder = package.parent / "outside"
    if not folder.exists():
        shutil.copytree(package, folder)
        for table, row_id, column in (
            ("sources", "star", "outlet"),
            ("places", "mcallen", "name"),
            ("quotes", "canales-each-side", "text"),
        ):
            set_cell(folder, table, row_id, column, OUTSIDE_TEXT)
    return folder


def _link_outside(name: str) -> Callable[[Path], None]:
    """Replace the package's ``name`` with a symbolic link to the copy outside it."""

    def mutate(package: Path) -> None:
        target = outside(package) / name
        (package / name).unlink()
        (package / name).symlink_to(target)

    return mutate


def _linked_folder(package: Path) -> None:
    """A folder inside the package that is a link to a folder outside it."""
    (package / "tables").symlink_to(outside(package), target_is_directory=True)


def _schema_in_its_own_file(package: Path) -> None:
    """The quotes' schema moved, as it is, to quotes-schema.json beside the tables."""

    def move(descriptor: dict) -> None:
        resource = next(r for r in descriptor["resources"] if r["name"] == "quotes")
        (package / "quotes-schema.json").write_text(json.dumps(resource["schema"]), "utf-8")
        resource["schema"] = "quotes-schema.json"

    _descriptor(move)(package)


def _table_in_a_subfolder(package: Path) -> None:
    (package / "tables").mkdir()
    (package / "sources.csv").rename(package / "tables" / "sources.csv")
    _resource_key("sources", "path", lambda p: "tables/sources.csv")(package)


def _nested(depth: int) -> Callable[[str], str]:
    return lambda text: text.replace("{", '{"notes": ' + "[" * depth + "]" * depth + ", ", 1)


def _extra_resource(path: Callable[[Path], object]) -> Callable[[Path], None]:
    """Add a resource of the package's own beside the dashboard's tables."""

    def mutate(package: Path) -> None:
        def add(descriptor: dict) -> None:
            descriptor["resources"].append(
                {"name": "extra", "path": path(package), "profile": "tabular-data-resource"}
            )

        _descriptor(add)(package)

    return mutate


def _remote(name: str) -> Callable[[Path], str]:
    return lambda package: f"{TRAP.url}/{name}"


def _without_key(table: str, column: str, kept: Callable[[dict], bool]) -> Callable:
    """Remove from ``table``'s schema the foreign keys (or primary key) on ``column``."""

    def change(schema: dict) -> None:
        schema["foreignKeys"] = [key for key in schema.get("foreignKeys", []) if kept(key)]
        if schema.get("primaryKey") in ([column], column):
            del schema["primaryKey"]

    return _schema(table, change)


def _loosened(table: str, column: str, *constraints: str) -> Callable:
    def change(field: dict) -> None:
        for constraint in constraints:
            field.get("constraints", {}).pop(constraint, None)

    return _schema_field(table, column, change)


INSIDE = "must be a path inside the package"
NOT_FETCHED = "or be left out: a profile at an address or in a file is read or fetched"
NOT_AN_ADDRESS = "is neither a web address (http:// or https://) nor a file of the package"

#: Packages that reach outside themselves (other files, the network), have a shape the
#: loader does not read, or say in their schema what the dashboard would misread. Each
#: must be refused with a problem naming the field, reading nothing outside the package
#: and fetching nothing (tests/test_closed_world.py watches every file and socket).
TRUST_CASES: tuple[Case, ...] = (
    # --- traversal
    Case(
        "a table's path that climbs out to /etc/passwd is refused unread",
        _resource_key("sources", "path", lambda p: "../../../../../../../../etc/passwd"),
        "datapackage.json",
        None,
        f"{_resource('sources')}.path",
        INSIDE,
    ),
    Case(
        "a table's path into a folder beside the package is refused unread",
        _steps(outside, _resource_key("sources", "path", lambda p: "../outside/sources.csv")),
        "datapackage.json",
        None,
        f"{_resource('sources')}.path",
        INSIDE,
    ),
    # --- absolute
    Case(
        "a table at an absolute path is refused unread",
        _resource_key("places", "path", lambda p: str(outside(p) / "places.csv")),
        "datapackage.json",
        None,
        f"{_resource('places')}.path",
        INSIDE,
    ),
    Case(
        "an extra resource at an absolute path is refused unread",
        _extra_resource(lambda p: str(outside(p) / "sources.csv")),
        "datapackage.json",
        None,
        f"resources[{len(read_descriptor(shipped_tour())['resources'])}].path",
        INSIDE,
    ),
    Case(
        "a table's path written as a file:// address is refused unread",
        _resource_key("sources", "path", lambda p: (outside(p) / "sources.csv").as_uri()),
        "datapackage.json",
        None,
        f"{_resource('sources')}.path",
        INSIDE,
    ),
    Case(
        "a table's path from the home folder (~) is refused unread",
        _resource_key("sources", "path", lambda p: "~/sources.csv"),
        "datapackage.json",
        None,
        f"{_resource('sources')}.path",
        INSIDE,
    ),
    # --- symbolic links
    Case(
        "a table that is a link to a file outside the package is refused unread",
        _link_outside("quotes.csv"),
        "datapackage.json",
        None,
        f"{_resource('quotes')}.path",
        "is a link to a file outside its folder",
    ),
    Case(
        "a table in a linked folder that leads outside the package is refused unread",
        _steps(_linked_folder, _resource_key("people", "path", lambda p: "tables/people.csv")),
        "datapackage.json",
        None,
        f"{_resource('people')}.path",
        "is a link to a file outside its folder",
    ),
    Case(
        "a description that is a link to a file outside the package is refused",
        _link_outside("datapackage.json"),
        "datapackage.json",
        None,
        None,
        "a link to a file outside the package's folder",
    ),
    # --- remote
    Case(
        "a table at an http address is refused, not fetched",
        _resource_key("sources", "path", _remote("sources.csv")),
        "datapackage.json",
        None,
        f"{_resource('sources')}.path",
        "not an address: the dashboard reads only files in the package's folder",
    ),
    Case(
        "a table at a host that does not exist is refused, not looked up",
        _resource_key("sources", "path", lambda p: f"https://{UNRESOLVABLE_HOST}/sources.csv"),
        "datapackage.json",
        None,
        f"{_resource('sources')}.path",
        "not an address",
    ),
    Case(
        "a table split over files, one of them remote, names the remote part",
        _resource_key("quotes", "path", lambda p: ["quotes.csv", f"{TRAP.url}/more.csv"]),
        "datapackage.json",
        None,
        f"{_resource('quotes')}.path[1]",
        "not an address",
    ),
    Case(
        "a resource profile at an http address is refused, not fetched",
        _resource_key("events", "profile", _remote("profile.json")),
        "datapackage.json",
        None,
        f"{_resource('events')}.profile",
        NOT_FETCHED,
    ),
    Case(
        "a package profile at an http address is refused, not fetched",
        _descriptor(lambda d: d.update(profile=f"{TRAP.url}/package-profile.json")),
        "datapackage.json",
        None,
        "profile",
        NOT_FETCHED,
    ),
    Case(
        "the fiscal profile, which Frictionless would fetch, is refused",
        _descriptor(lambda d: d.update(profile="fiscal-data-package")),
        "datapackage.json",
        None,
        "profile",
        NOT_FETCHED,
    ),
    Case(
        "a $schema that is not a standard profile is refused, not fetched",
        _descriptor(lambda d: d.update({"$schema": f"{TRAP.url}/schema.json"})),
        "datapackage.json",
        None,
        "$schema",
        NOT_FETCHED,
    ),
    Case(
        "a table schema at an http address is refused, not fetched",
        _resource_key("people", "schema", _remote("schema.json")),
        "datapackage.json",
        None,
        f"{_resource('people')}.schema",
        "not an address",
    ),
    Case(
        "a CSV dialect at an http address is refused, not fetched",
        _resource_key("people", "dialect", _remote("dialect.json")),
        "datapackage.json",
        None,
        f"{_resource('people')}.dialect",
        "not an address",
    ),
    Case(
        "a table read through another scheme is refused",
        _resource_key("people", "scheme", lambda p: "remote"),
        "datapackage.json",
        None,
        f"{_resource('people')}.scheme",
        "must be left out",
    ),
    # --- addresses in the data
    Case(
        "a javascript: address of a source is refused",
        _cell("sources", "star", "url", "javascript:alert(1)"),
        "sources.csv",
        2,
        "url",
        NOT_AN_ADDRESS,
    ),
    Case(
        "a data: address of a source is refused",
        _cell("sources", "star", "url", "data:text/html,<script>alert(1)</script>"),
        "sources.csv",
        2,
        "url",
        NOT_AN_ADDRESS,
    ),
    Case(
        "a file: address of a source is refused",
        _cell("sources", "star", "url", "file:///etc/passwd"),
        "sources.csv",
        2,
        "url",
        NOT_AN_ADDRESS,
    ),
    Case(
        "a web address hiding its host behind a user name is refused",
        _cell("sources", "star", "url", f"https://www.cbp.gov@{UNRESOLVABLE_HOST}/news"),
        "sources.csv",
        2,
        "url",
        "no user name",
    ),
    Case(
        "a source file outside the package is refused",
        _cell("sources", "notes", "url", "../outside/source-notes.md"),
        "sources.csv",
        4,
        "url",
        NOT_AN_ADDRESS,
    ),
    Case(
        "a scheme-relative address of a source is refused",
        _cell("sources", "star", "url", f"//{UNRESOLVABLE_HOST}/news"),
        "sources.csv",
        2,
        "url",
        NOT_AN_ADDRESS,
    ),
    # --- the description's shape
    Case(
        "resources that are a number are refused",
        _descriptor(lambda d: d.update(resources=7)),
        "datapackage.json",
        None,
        "resources",
        "must be a list, not a number",
    ),
    Case(
        "resources that are null are refused",
        _descriptor(lambda d: d.update(resources=None)),
        "datapackage.json",
        None,
        "resources",
        "must be a list, not null",
    ),
    Case(
        "a resource that is text is refused",
        _descriptor(lambda d: d["resources"].__setitem__(1, "places.csv")),
        "datapackage.json",
        None,
        "resources[1]",
        "must be an object describing a table, not text",
    ),
    Case(
        "a field name that is a list is refused",
        _schema_field("events", "event_id", lambda f: f.update(name=["event_id"])),
        "datapackage.json",
        None,
        f"{_field('events', 'event_id')}.name",
        "must be text, not a list",
    ),
    Case(
        "fields that are an object are refused",
        _schema("events", lambda s: s.update(fields={"event_id": "string"})),
        "datapackage.json",
        None,
        f"{_resource('events')}.schema.fields",
        "must be a list, not an object",
    ),
    Case(
        "an enumeration that is text is refused",
        _schema_field("events", "status", lambda f: f["constraints"].update(enum="held")),
        "datapackage.json",
        None,
        f"{_field('events', 'status')}.constraints.enum",
        "must be a list, not text",
    ),
    Case(
        "a primary key that is a number is refused",
        _schema("events", lambda s: s.update(primaryKey=7)),
        "datapackage.json",
        None,
        f"{_resource('events')}.schema.primaryKey",
        "must be text or a list of text, not a number",
    ),
    Case(
        "a foreign key's reference that is null is refused",
        _schema("events", lambda s: s["foreignKeys"][0].update(reference=None)),
        "datapackage.json",
        None,
        f"{_resource('events')}.schema.foreignKeys[0].reference",
        "must be an object, not null",
    ),
    Case(
        "a title that is a list is refused",
        _descriptor(lambda d: d.update(title=["The", "tour"])),
        "datapackage.json",
        None,
        "title",
        "must be text, not a list",
    ),
    Case(
        "a description that is a list, not an object, is refused",
        _descriptor_text(lambda text: f"[{text}]"),
        "datapackage.json",
        None,
        None,
        "the JSON is not an object",
    ),
    Case(
        "a table split over files of the package is refused",
        _resource_key("quotes", "path", lambda p: ["quotes.csv", "quotes.csv"]),
        "datapackage.json",
        None,
        f"{_resource('quotes')}.path",
        "must name the one CSV file",
    ),
    Case(
        "a schema file that is missing is named",
        _resource_key("quotes", "schema", lambda p: "quotes-schema.json"),
        "datapackage.json",
        None,
        f"{_resource('quotes')}.schema",
        'the file "quotes-schema.json" is missing',
    ),
    # --- what the schema says the dashboard would misread
    Case(
        "dates typed as text are refused",
        _schema_field("events", "date_start", lambda f: f.update(type="string")),
        "datapackage.json",
        None,
        f"{_field('events', 'date_start')}.type",
        'its type must be "date", not "string"',
    ),
    Case(
        "coordinates typed as text are refused",
        _schema_field("places", "latitude", lambda f: f.update(type="string")),
        "datapackage.json",
        None,
        f"{_field('places', 'latitude')}.type",
        'its type must be "number", not "string"',
    ),
    Case(
        "a date with its own format is refused",
        _steps(
            _schema_field("events", "date_start", lambda f: f.update(format="%d/%m/%Y")),
            _cell("events", "nogales-2016-08-04", "date_start", "04/08/2016"),
        ),
        "datapackage.json",
        None,
        f"{_field('events', 'date_start')}.format",
        'reads a date written YYYY-MM-DD only: leave "format" out',
    ),
    Case(
        "a number with a decimal comma is refused",
        _steps(
            _schema_field("places", "latitude", lambda f: f.update(decimalChar=",")),
            _cell("places", "mcallen", "latitude", "26,2034"),
        ),
        "datapackage.json",
        None,
        f"{_field('places', 'latitude')}.decimalChar",
        'reads numbers with a decimal point: leave "decimalChar" out',
    ),
    Case(
        "a number with a thousands separator is refused",
        _schema_field("people", "members", lambda f: f.update(groupChar=",")),
        "datapackage.json",
        None,
        f"{_field('people', 'members')}.groupChar",
        "without thousands separators",
    ),
    Case(
        "a boolean written yes/no is refused",
        _schema_field("appearances", "inferred", lambda f: f.update(trueValues=["yes"])),
        "datapackage.json",
        None,
        f"{_field('appearances', 'inferred')}.trueValues",
        "reads true and false only",
    ),
    Case(
        "a missing value other than an empty cell is refused",
        _schema("events", lambda s: s.update(missingValues=["", "NA"])),
        "datapackage.json",
        None,
        f"{_resource('events')}.schema.missingValues",
        "reads only an empty cell as missing",
    ),
    Case(
        "a column the panels read, gone from schema and file, is named",
        _steps(
            _schema(
                "events",
                lambda s: s.update(fields=[f for f in s["fields"] if f["name"] != "venue"]),
            ),
            _drop_column("events", "venue"),
        ),
        "datapackage.json",
        None,
        "events",
        'the schema of "events" lacks the field "venue"',
    ),
    # --- what the dashboard checks whatever the schema says
    Case(
        "a place that does not exist is named even without a foreign key",
        _steps(
            _without_key("events", "place_id", lambda key: key["fields"] != "place_id"),
            _cell("events", "reynosa-2016-07", "place_id", "atlantis"),
        ),
        "events.csv",
        3,
        "place_id",
        '"atlantis" does not match any place_id in places',
    ),
    Case(
        "a repeated id is named even without a primary key",
        _steps(
            _without_key("people", "person_id", lambda key: True),
            _loosened("people", "person_id", "unique"),
            _cell("people", "galindo-ceballos", "person_id", "kerlikowske"),
        ),
        "people.csv",
        3,
        "person_id",
        'the id "kerlikowske" is used twice (also on row 2)',
    ),
    Case(
        "an empty status is named even when the schema does not require one",
        _steps(
            _loosened("events", "status", "required"),
            _cell("events", "mcallen-2016-07", "status", ""),
        ),
        "events.csv",
        2,
        "status",
        "is empty, but the dashboard needs a value",
    ),
    Case(
        "an empty latitude is named even when the schema does not require one",
        _steps(
            _loosened("places", "latitude", "required"),
            _cell("places", "mcallen", "latitude", ""),
        ),
        "places.csv",
        MCALLEN,
        "latitude",
        "is empty, but the dashboard needs a value",
    ),
    Case(
        "a latitude beyond the pole is named even without the schema's range",
        _steps(
            _loosened("places", "latitude", "minimum", "maximum"),
            _cell("places", "mcallen", "latitude", "96.2"),
        ),
        "places.csv",
        MCALLEN,
        "latitude",
        "96.2 is out of range: it must be -90 to 90",
    ),
    Case(
        "a latitude that is not a number (NaN) is refused even without the schema's range",
        _steps(
            _loosened("places", "latitude", "minimum", "maximum"),
            _cell("places", "mcallen", "latitude", "NaN"),
        ),
        "places.csv",
        MCALLEN,
        "latitude",
        "is not a number",
    ),
    Case(
        "True is not the boolean the dashboard reads",
        _steps(
            _schema_field("events", "date_inferred", lambda f: f.pop("trueValues")),
            _cell("events", "mcallen-2016-07", "date_inferred", "True"),
        ),
        "events.csv",
        2,
        "date_inferred",
        '"True" is not true or false',
    ),
    Case(
        "a person's country that fits the pattern but has no name is refused",
        _cell("people", "canales", "country", "XX"),
        "people.csv",
        CANALES,
        "country",
        '"XX" is not a country code the dashboard can name',
    ),
    Case(
        "a date the timeline cannot draw is out of range",
        _cell("sources", "sentinel", "published", "0001-01-01"),
        "sources.csv",
        3,
        "published",
        "out of range: the dashboard shows dates from 1000 to 8999",
    ),
    Case(
        "an audience of more people than the world holds is out of range",
        _cell("events", "tucson-2016-08-05", "audience_more_than", "1" * 30),
        "events.csv",
        5,
        "audience_more_than",
        "is out of range",
    ),
    # --- size and depth
    Case(
        "a 10 MB description is refused before it is read",
        _descriptor(lambda d: d.update(description="x" * 10_000_000)),
        "datapackage.json",
        None,
        None,
        "the file is 10.0 MB, more than the 1 MB a package description may be",
    ),
    Case(
        "a description nested 100,000 deep is refused before it is parsed",
        _descriptor_text(_nested(100_000)),
        "datapackage.json",
        None,
        None,
        "nested 100,001 deep, more than the 32",
    ),
    Case(
        "a number of 5,000 digits in the description is refused, not raised",
        _descriptor_text(lambda text: text.replace("{", '{"version": ' + "9" * 5_000 + ", ", 1)),
        "datapackage.json",
        None,
        None,
        "not valid JSON",
    ),
    Case(
        "a schema file nested 100,000 deep is refused before it is parsed",
        _steps(
            _schema_in_its_own_file,
            lambda p: (p / "quotes-schema.json").write_text("[" * 100_000 + "]" * 100_000),
        ),
        "quotes-schema.json",
        None,
        None,
        "nested 100,000 deep",
    ),
    # --- accepted: inside the package
    Case("a schema kept in its own file of the package is read", _schema_in_its_own_file),
    Case("a table in a subfolder of the package is read", _table_in_a_subfolder),
    Case(
        "a standard $schema is accepted",
        _descriptor(
            lambda d: d.update({"$schema": "https://datapackage.org/profiles/1.0/datapackage.json"})
        ),
    ),
)


CASES: tuple[Case, ...] = (
    # --- the package and its files
    Case(
        "a missing descriptor says there is no data package",
        lambda p: (p / "datapackage.json").unlink(),
        "datapackage.json",
        None,
        None,
        "no data package here",
    ),
    Case(
        "a descriptor that is not JSON names its line",
        lambda p: (p / "datapackage.json").write_text('{"name": "x",\n oops}', encoding="utf-8"),
        "datapackage.json",
        None,
        None,
        "not valid JSON at line 2",
    ),
    Case(
        "a table the dashboard needs must be described",
        _descriptor(
            lambda d: d.update(resources=[r for r in d["resources"] if r["name"] != "people"])
        ),
        "datapackage.json",
        None,
        None,
        'the table "people" is not described',
    ),
    Case(
        "a missing file is named",
        lambda p: (p / "quotes.csv").unlink(),
        "quotes.csv",
        None,
        None,
        "the file is missing",
    ),
    Case(
        "an empty file asks for its column names",
        lambda p: (p / "quotes.csv").write_bytes(b""),
        "quotes.csv",
        None,
        None,
        "the file is empty",
    ),
    Case(
        "a file bigger than the limit is refused without being read",
        _oversized,
        "sources.csv",
        None,
        None,
        "is it the right file?",
    ),
    Case(
        "a Latin-1 file names the line of its first non-UTF-8 byte",
        _latin1("people"),
        "people.csv",
        2,  # the first curly quote mark, in Kerlikowske's evidence
        None,
        "it looks like Latin-1 (Windows) text; save it again as UTF-8",
    ),
    Case(
        "binary junk is not mistaken for text",
        _bytes("sources", lambda data: data + bytes(range(128, 256))),
        "sources.csv",
        5,
        None,
        "not UTF-8",
    ),
    # --- the shape of a table
    Case(
        "a missing column is named in the header",
        _drop_column("events", "venue"),
        "events.csv",
        1,
        "venue",
        'the column "venue" is missing',
    ),
    Case(
        "a column written twice is named",
        _bytes("places", lambda data: data.replace(b",locality,", b",name,", 1)),
        "places.csv",
        1,
        "name",
        'the column "name" appears 2 times',
    ),
    Case(
        "a stray comma is one problem for its row, not one per shifted cell",
        _bytes("places", lambda data: data.replace(b"Nogales,Sonora,", b"Nogales,,Sonora,", 1)),
        "places.csv",
        3,
        None,
        "the row has 13 cells but the header has 12 columns",
    ),
    Case(
        "a row cut short is one problem for its row",
        _bytes("city_pairs", lambda data: data.rstrip(b"\n").rsplit(b"\n", 1)[0] + b"\nx,y\n"),
        "city_pairs.csv",
        4,
        None,
        "the row has 2 cells but the header has 6 columns",
    ),
    Case(
        "a quote mark never closed names the row where it opens",
        _bytes("places", lambda data: data + b'zacatecas,"Zacatecas\n'),
        "places.csv",
        13,
        None,
        "is never closed",
    ),
    # --- wrong types
    Case(
        "a word where a number belongs names the cell and the kind expected",
        _cell("places", "mcallen", "latitude", "north"),
        "places.csv",
        MCALLEN,
        "latitude",
        '"north" is not valid here: expected a number',
    ),
    Case(
        "a word where a whole number belongs is a problem",
        _cell("people", "mariachi", "members", "fourteen"),
        "people.csv",
        MARIACHI,
        "members",
        "expected a whole number",
    ),
    Case(
        "yes is not a boolean here",
        _cell("appearances", "canales@tucson-2016-08-05", "inferred", "yes"),
        "appearances.csv",
        CANALES_AT_TUCSON,
        "inferred",
        "expected true or false",
    ),
    Case(
        "a value outside its list names the allowed ones",
        _cell("events", "mcallen-2016-07", "status", "cancelled"),
        "events.csv",
        2,
        "status",
        f"is not one of the allowed values: {_known('event_status')}",
    ),
    # --- codes the dashboard does not know, whatever the schema says
    Case(
        "a status the schema allows but the dashboard does not know is named in the schema",
        _new_status_in_schema_and_data,
        "datapackage.json",
        None,
        _enum_location("events", "status"),
        f'events.status allows "{NEW_STATUS}", which the dashboard does not know',
    ),
    Case(
        "a status the schema allows but the dashboard does not know is named on its row",
        _new_status_in_schema_and_data,
        "events.csv",
        2,
        "status",
        f'"{NEW_STATUS}" is not one of the values the dashboard knows for status: '
        + _known("event_status"),
    ),
    Case(
        "a code the dashboard does not know is named even where the schema lists no values",
        _cell("quotes", "canales-each-side", "reported_language", "es"),
        "quotes.csv",
        CANALES_EACH_SIDE,
        "reported_language",
        '"es" is not one of the values the dashboard knows for reported_language: '
        + _known("reported_language"),
    ),
    # --- dates
    Case(
        "an empty date on a day-precise event is a problem",
        _cell("events", "nogales-2016-08-04", "date_start", ""),
        "events.csv",
        NOGALES_EVENT,
        "date_precision",
        "a date known to the day needs date_start and date_end",
    ),
    Case(
        "a day the calendar lacks says how many days the month has",
        _cell("events", "nogales-2016-08-04", "date_start", "2016-02-30"),
        "events.csv",
        NOGALES_EVENT,
        "date_start",
        "February 2016 has 29 days",
    ),
    Case(
        "a thirteenth month is a problem",
        _cell("events", "nogales-2016-08-04", "date_end", "2016-13-04"),
        "events.csv",
        NOGALES_EVENT,
        "date_end",
        "there is no month 13",
    ),
    Case(
        "a day/month date that reads two ways gives both readings",
        _cell("events", "nogales-2016-08-04", "date_start", "04/08/2016"),
        "events.csv",
        NOGALES_EVENT,
        "date_start",
        '"04/08/2016" is ambiguous: it could be 2016-08-04 or 2016-04-08',
    ),
    Case(
        "a date without its leading zero asks for YYYY-MM-DD",
        _cell("events", "nogales-2016-08-04", "date_start", "2016-08-4"),
        "events.csv",
        NOGALES_EVENT,
        "date_start",
        "write dates as YYYY-MM-DD",
    ),
    Case(
        "an event that ends before it starts gives both dates",
        _cell("events", "nogales-2016-08-04", "date_end", "2016-08-03"),
        "events.csv",
        NOGALES_EVENT,
        "date_end",
        "ends (2016-08-03) before it starts (2016-08-04)",
    ),
    # --- coordinates
    Case(
        "a latitude beyond the pole is out of range",
        _cell("places", "mcallen", "latitude", "96.2"),
        "places.csv",
        MCALLEN,
        "latitude",
        "96.2 is out of range: it must be at most 90",
    ),
    Case(
        "swapped latitude and longitude are named as swapped",
        _cells(
            ("places", "mcallen", "latitude", "-98.23"),
            ("places", "mcallen", "longitude", "26.2034"),
        ),
        "places.csv",
        MCALLEN,
        "latitude",
        "latitude and longitude look swapped",
    ),
    Case(
        "a point across the border is in the wrong country",
        _cell("places", "mcallen", "latitude", "26.02"),
        "places.csv",
        MCALLEN,
        "latitude",
        "lies in MX, not in US",
    ),
    Case(
        "a point in the Gulf of Mexico is in no country",
        _cell("places", "mcallen", "longitude", "-95.0"),
        "places.csv",
        MCALLEN,
        "latitude",
        "outside every country",
    ),
    # --- ids
    Case(
        "a duplicate id names the other row",
        _cell("people", "galindo-ceballos", "person_id", "kerlikowske"),
        "people.csv",
        3,
        "person_id",
        'the id "kerlikowske" is used twice (also on row 2)',
    ),
    Case(
        "a dangling reference names the missing id and its table",
        _cell("events", "reynosa-2016-07", "place_id", "reynosa-centro"),
        "events.csv",
        3,
        "place_id",
        '"reynosa-centro" does not match any place_id in places',
    ),
    # --- text
    Case(
        "empty evidence is a problem",
        _cell("quotes", "canales-each-side", "evidence", ""),
        "quotes.csv",
        CANALES_EACH_SIDE,
        "evidence",
        "a value is required",
    ),
    Case(
        "blank evidence is a problem",
        _cell("quotes", "canales-each-side", "evidence", "   "),
        "quotes.csv",
        CANALES_EACH_SIDE,
        "evidence",
        "is blank: quote the supporting sentence",
    ),
    Case(
        "a 100 KB quote is too long to be a quote",
        _cell("quotes", "canales-each-side", "text", "¡Sí! " * 20_000),
        "quotes.csv",
        CANALES_EACH_SIDE,
        "text",
        "is 100,000 characters long, more than the 20,000 a cell may hold",
    ),
    Case(
        "an invisible control character is named by its code",
        _cell("people", "canales", "name", "Damián\x00 Canales"),
        "people.csv",
        CANALES,
        "name",
        "invisible control character (U+0000)",
    ),
    Case(
        "damaged characters are a problem",
        _cell("people", "canales", "name", "DamiÃ¡n Canales"),
        "people.csv",
        CANALES,
        "name",
        "looks like damaged text",
    ),
    # --- accepted: valid data, saved differently
    Case(
        "a UTF-8 byte order mark is accepted",
        _every_table(lambda data: b"\xef\xbb\xbf" + data),
    ),
    Case("Windows line ends are accepted", _every_table(_crlf)),
    Case(
        "an extra column anywhere is ignored, the data intact",
        _insert_column("places", "name", "editor_note", "checked by the desk"),
    ),
    Case(
        "columns in another order are read by name",
        lambda p: _reorder(p / "sources.csv"),
    ),
    Case(
        "blank lines between rows are ignored",
        _bytes("quotes", lambda data: data.replace(b"\n", b"\n\n", 3) + b"\n\n"),
    ),
    Case(
        "a table with no rows is accepted",
        lambda p: _without_rows(p, "city_pairs"),
        same_data=False,
    ),
    # --- problems after a blank line are still found on their own line
    Case(
        "rows after a blank line keep their line numbers",
        lambda p: _blank_line_then_bad_date(p),
        "events.csv",
        NOGALES_EVENT + 1,
        "date_end",
        "before it starts",
    ),
    *TRUST_CASES,
)


def _reorder(file: Path) -> None:
    with file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    with file.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([list(reversed(row)) for row in rows])


def _blank_line_then_bad_date(package: Path) -> None:
    set_cell(package, "events", "nogales-2016-08-04", "date_end", "2016-08-03")
    file = package / "events.csv"
    file.write_bytes(file.read_bytes().replace(b"\n", b"\n\n", 1))
