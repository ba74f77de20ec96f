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
    A ``warning`` does not stop the package from being used (a translation not made yet).
    """

    file: str
    row: int | None
    field: str | None
    message: str
    warning: bool = False

    def __str__(self) -> str:
        row = "-" if self.row is None else str(self.row)
        kind = "warning: " if self.warning else ""
        return f"{self.file}:{row}:{self.field or '-'}: {kind}{self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a package from being used: all but the warnings."""
    return [problem for problem in problems if not problem.warning]


class DatasetError(Exception):
    """The data package cannot be used; ``problems`` says every reason found."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in {path}")
