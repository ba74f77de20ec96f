"""The broken-data corpus: each case is one edit an editor (or their software) might make to
the shipped tour, generated at test time from a fresh copy, and what the validator must say.

A case expects either one problem located at ``file`` / ``row`` / ``field`` whose message
contains ``says``, or, when ``file`` is ``None``, that the package is accepted: valid, and
loading to the very same tables as the shipped one (``same_data``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from goodwill.csv_tables import MAX_FILE_BYTES
from goodwill.dataset import read_descriptor
from goodwill.enums import ENUMERATIONS
from goodwill.paths import shipped_tour
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


def _drop_quotes_schema(descriptor: dict) -> None:
    for resource in descriptor["resources"]:
        if resource["name"] == "quotes":
            resource["schema"] = "quotes-schema.json"


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
        "a schema kept outside the descriptor is named",
        _descriptor(_drop_quotes_schema),
        "datapackage.json",
        None,
        "quotes",
        "must be written in datapackage.json",
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
        _bytes("city_pairs", lambda data: data.split(b"\n", 1)[0] + b"\n"),
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
