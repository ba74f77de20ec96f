"""Command line: ``python -m goodwill validate [PATH]``.

Prints ``OK`` and exits 0 when the data package is valid; otherwise prints every problem
as ``file:row:field: message`` and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from goodwill.dataset import validate
from goodwill.i18n import translator
from goodwill.paths import ROOT_VARIABLE, shipped_tour


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m goodwill")
    commands = parser.add_subparsers(dest="command", required=True)
    validate_command = commands.add_parser("validate", help="check a tour data package")
    validate_command.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="the package folder or its datapackage.json (default: the shipped tour, "
        f"data/goodwill-tour in ${ROOT_VARIABLE} or else the current directory)",
    )
    arguments = parser.parse_args(argv)
    path = arguments.path or shipped_tour()
    problems = validate(path)
    if not problems:
        print(f"OK: {path}")
        return 0
    for problem in problems:
        print(problem)
    found = translator("en").plural("errors.problems_found", len(problems), path=path)
    print(f"{found}.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
