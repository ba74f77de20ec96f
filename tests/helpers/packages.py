"""Edits to a writable copy of a data package (the ``package_copy`` fixture makes one)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

from goodwill.descriptor import DESCRIPTOR_NAME
from goodwill.translations import OPTIONAL, SETTINGS_PROPERTY, TRANSLATIONS_SETTING


def edit_rows(package: Path, table: str, edit: Callable[[list[dict]], list[dict] | None]) -> None:
    """Rewrite ``table``.csv of ``package`` through ``edit`` (which may mutate in place)."""
    file = package / f"{table}.csv"
    with file.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    rows = edit(rows) or rows
    with file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else header)
        writer.writeheader()
        writer.writerows(rows)


def set_cell(package: Path, table: str, row_id: str, column: str, value: str) -> None:
    """Set one cell, finding the row by its id (the table's first column)."""

    def edit(rows: list[dict]) -> None:
        for row in rows:
            if next(iter(row.values())) == row_id:
                row[column] = value
                return
        raise AssertionError(f"no row {row_id} in {table}")

    edit_rows(package, table, edit)


def set_translated_cell(
    package: Path, table: str, row_id: str, column: str, value: str, translation: str
) -> None:
    """Set one cell and its Spanish translation, as an editor of a translated tour does."""
    set_cell(package, table, row_id, column, value)

    def edit(rows: list[dict]) -> None:
        for row in rows:
            if (row["table"], row["row_id"], row["field"], row["lang"]) == (
                table,
                row_id,
                column,
                "es",
            ):
                row["original"], row["text"] = value, translation
                return
        raise AssertionError(f"no translation of {table} {row_id} {column}")

    edit_rows(package, "translations", edit)


def translations_optional(package: Path) -> None:
    """Make the package's translations optional, as in any tour not (or no longer fully)
    translated: a missing or stale translation is then a warning, not an error."""
    descriptor_file = package / DESCRIPTOR_NAME
    descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
    descriptor[SETTINGS_PROPERTY] = {TRANSLATIONS_SETTING: OPTIONAL}
    descriptor_file.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
