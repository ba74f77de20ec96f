"""What is wrong with a data package, said so that an editor can find and fix it.

Every check (the loader's, Frictionless's, :mod:`goodwill.checks`') reports a
:class:`Problem`; :class:`DatasetError` carries them all when a package cannot be used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a data package, located as precisely as it can be.

    ``row`` is the line of the CSV file (the header is line 1); ``None`` when the problem
    concerns the whole file. ``field`` is the column name, ``None`` for a whole row or file.
    """

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        row = "-" if self.row is None else str(self.row)
        return f"{self.file}:{row}:{self.field or '-'}: {self.message}"


class DatasetError(Exception):
    """The data package cannot be used; ``problems`` says every reason found."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in {path}")
