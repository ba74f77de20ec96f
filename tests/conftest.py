"""Fixtures shared by the fast tests: the shipped tour, and small broken copies of it."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from goodwill.dataset import DEFAULT_DATA_PATH, Tour, load_tour

SHARED_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "source"


@pytest.fixture(scope="session")
def tour() -> Tour:
    return load_tour(DEFAULT_DATA_PATH)


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data package."""
    return Path(shutil.copytree(DEFAULT_DATA_PATH, tmp_path / "tour"))


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


@pytest.fixture(scope="session")
def received_story() -> str:
    """The story exactly as received (kept outside the repo: it is the Star's text).

    Skipped loudly where it is absent, except in CI, where its absence is a failure.
    """
    path = Path(os.environ.get("GOODWILL_STORY", SHARED_SOURCE / "article_raw.txt"))
    if not path.is_file():
        message = f"the source story is not at {path} (set GOODWILL_STORY)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def large_tour(tmp_path_factory) -> Tour:
    """A synthetic tour of 800 events over 400 places: more than the map clusters above."""
    from goodwill.synthetic import write_package

    return load_tour(write_package(tmp_path_factory.mktemp("large") / "tour", 800))
