"""Command line: ``python -m goodwill validate [PATH] [--story FILE]``.

Prints ``OK`` and exits 0 when the data package can be used, after its warnings if it has
any (``file:row:field: warning: message``: a translation not made yet); otherwise prints
every problem as ``file:row:field: message`` and exits 1. With ``--story FILE`` (or
``$GOODWILL_STORY``), the story's excerpts are checked against its text, which does not ship.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from goodwill.dataset import validate
from goodwill.excerpts import STORY_VARIABLE, story_file
from goodwill.i18n import translator
from goodwill.paths import ROOT_VARIABLE, shipped_tour
from goodwill.problems import errors


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
    validate_command.add_argument(
        "--story",
        type=Path,
        help="the primary story's text as received, to check that its excerpts are verbatim "
        f"(default: ${STORY_VARIABLE}; not checked without it)",
    )
    arguments = parser.parse_args(argv)
    path = arguments.path or shipped_tour()
    story = arguments.story or story_file()
    if story and not story.is_file():
        parser.error(f"no story text at {story} (--story, or ${STORY_VARIABLE})")
    problems = validate(path, story)
    for problem in problems:
        print(problem)
    t = translator("en")
    stopping = errors(problems)
    if not stopping:
        if problems:
            print(t.plural("errors.warnings_found", len(problems)), file=sys.stderr)
        print(f"OK: {path}")
        return 0
    found = t.plural("errors.problems_found", len(stopping), path=path)
    print(f"{found}.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
