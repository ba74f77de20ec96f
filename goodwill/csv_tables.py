"""Reading a package's CSV files exactly as written, before any schema looks at them.

Every cell is kept as the text it is, rows keep the numbers an editor sees (the header is
row 1), and a file that cannot be read as a table (missing, too big, not UTF-8, empty, a
quote mark never closed) is one problem that says why, not a parser's exception.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from goodwill.problems import Problem

#: The largest data file read. The shipped tables are a few kilobytes; 100,000 rows of
#: quotes are about 50 MB and take seconds to check. A bigger file is almost surely not a
#: table of this tour (an export gone wrong), and reading it would hold the dashboard up.
MAX_FILE_BYTES = 64_000_000


def read_table(file: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
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
