"""Big tables, written at test time into a copy of the shipped tour (never committed)."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.helpers.packages import translations_optional


def add_quotes(package: Path, rows: int, padding: int = 0, last_topic: str | None = None) -> None:
    """Append ``rows`` valid copies of the first quote to quotes.csv (ids ``bulk-N``), its
    evidence lengthened by ``padding`` characters; ``last_topic`` breaks the last one.

    The copies are not translated, so the package no longer requires translations: its
    missing ones are a warning, as in any tour not translated yet."""
    translations_optional(package)
    file = package / "quotes.csv"
    with file.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, first = list(reader.fieldnames or []), next(reader)
    pad = " " + "lorem ipsum " * (padding // 12) if padding else ""
    with file.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        for number in range(rows):
            row = {**first, "quote_id": f"bulk-{number}", "evidence": first["evidence"] + pad}
            if last_topic is not None and number == rows - 1:
                row["topic"] = last_topic
            writer.writerow(row)


def csv_lines(file: Path) -> int:
    with file.open("rb") as handle:
        return sum(1 for _ in handle)
