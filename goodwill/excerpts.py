"""Verbatim excerpts, checked against their source's text wherever that text is at hand.

Every evidence cell cites a source (:data:`EVIDENCE_FIELDS`), and each source says how
the package holds its words (``sources.cited_as``): ``verbatim``, an excerpt copied from
its text, or ``summary``, the project's own summary of a source whose text the project
does not hold. A verbatim excerpt is checked here, word for word, against its source's
text when that text is available:

- a source whose ``url`` names a file of the package (the source notes, which ship with
  it) is read from that file; the file must lie inside the package folder, and a Markdown
  file's emphasis and code marks are not part of its words;
- the primary story, which does not ship (it is the Star's copyrighted text), is read from
  a file given to the validator (``--story``, or ``$GOODWILL_STORY``), with the encoding
  damage it arrived with repaired (:func:`goodwill.story.repair_text`).

A summary, and a source whose text is not at hand, are not checked. An excerpt may join
sentences that are not adjacent with " … "; each part must be found, in order. Line breaks
and runs of spaces count as one space.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from goodwill.enums import EvidenceKind
from goodwill.problems import Problem
from goodwill.story import repair_text

#: Where the primary story's text may be given to the validator.
STORY_VARIABLE = "GOODWILL_STORY"
#: What joins two parts of one excerpt that are not adjacent in the source.
EXCERPT_GAP = " … "
#: The source kind whose text is the story given with ``--story``.
PRIMARY_STORY = "primary-story"
#: A source file larger than this is not read: no source notes are that long.
MAX_SOURCE_BYTES = 5_000_000
#: Files read as text; any other source file is not checked.
_TEXT_SUFFIXES = (".md", ".txt")
#: Markdown marks that are not words: bold and code.
_MARKDOWN_MARKS = ("**", "`")

#: Every evidence column of the package, and the column of its row that names the source
#: it cites (a source's own row is supported by the source that describes it).
EVIDENCE_FIELDS: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        ("sources", "evidence"): "cited_by",
        ("places", "evidence"): "source_id",
        ("events", "evidence"): "source_id",
        ("events", "date_evidence"): "date_source_id",
        ("city_pairs", "evidence"): "source_id",
        ("people", "evidence"): "source_id",
        ("appearances", "evidence"): "source_id",
        ("quotes", "evidence"): "source_id",
    }
)


def story_file(environ: Mapping[str, str] | None = None) -> Path | None:
    """The story's text file from ``$GOODWILL_STORY``, or ``None`` when it is not set."""
    value = (os.environ if environ is None else environ).get(STORY_VARIABLE, "")
    return Path(value) if value else None


def comparable(text: str) -> str:
    """``text`` with every run of whitespace (line and paragraph breaks too) one space."""
    return " ".join(text.split())


def is_verbatim(excerpt: str, text: str) -> bool:
    """Whether every part of ``excerpt`` (parts joined by " … ") is in ``text``, in order;
    both already :func:`comparable`."""
    position = 0
    for part in excerpt.split(EXCERPT_GAP):
        found = text.find(part.strip(), position)
        if found < 0:
            return False
        position = found + len(part.strip())
    return True


def _package_file(package: Path, url: str) -> Path | None:
    """The package's own file that ``url`` names, if it names one inside the package."""
    if not url or "://" in url or url.startswith(("/", "\\")) or ":" in url.split("/")[0]:
        return None
    folder = package.resolve()
    file = (folder / url).resolve()
    if folder not in file.parents or not file.is_file() or file.suffix not in _TEXT_SUFFIXES:
        return None
    return file


def _read(file: Path) -> str | None:
    if file.stat().st_size > MAX_SOURCE_BYTES:
        return None
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if file.suffix == ".md":
        for mark in _MARKDOWN_MARKS:
            text = text.replace(mark, "")
    return text


def source_texts(
    sources: pd.DataFrame, package: Path, story: Path | None
) -> dict[str, tuple[str, str]]:
    """``{source_id: (where the text was read, the text made comparable)}`` of every
    verbatim source whose text is at hand (``sources`` as written, all cells text)."""
    texts = {}
    for source_id, kind, url, cited_as in zip(
        sources["source_id"], sources["kind"], sources["url"], sources["cited_as"], strict=True
    ):
        if cited_as != EvidenceKind.VERBATIM:
            continue
        if kind == PRIMARY_STORY and story is not None:
            text = _read(story) if story.is_file() else None
            if text is not None:
                texts[source_id] = (str(story), comparable(repair_text(text)))
        elif (file := _package_file(package, url)) and (text := _read(file)) is not None:
            texts[source_id] = (url, comparable(text))
    return texts


def _cells(tables: dict[str, pd.DataFrame]) -> Iterator[tuple[str, int, str, str, str]]:
    """(table, row, field, source id, excerpt) of every evidence cell that is filled."""
    for (table, field), source_column in EVIDENCE_FIELDS.items():
        frame = tables.get(table)
        if frame is None or field not in frame.columns or source_column not in frame.columns:
            continue
        for line, excerpt, source in zip(
            frame.index, frame[field], frame[source_column], strict=True
        ):
            if excerpt.strip() and source:
                yield table, int(line), field, source, excerpt


def check_verbatim_excerpts(
    tables: dict[str, pd.DataFrame], files: dict[str, str], package: Path, story: Path | None
) -> list[Problem]:
    """Every verbatim excerpt is word for word in its source's text, where that text is at
    hand (tables as written, all cells text; ``story``: the primary story's text file)."""
    if "sources" not in tables or "cited_as" not in tables["sources"].columns:
        return []
    texts = source_texts(tables["sources"], package, story)
    problems = []
    for table, line, field, source, excerpt in _cells(tables):
        if source not in texts:
            continue
        where, text = texts[source]
        if not is_verbatim(comparable(excerpt), text):
            problems.append(
                Problem(
                    files[table],
                    line,
                    field,
                    f'is not word for word in {where}, the text of the source "{source}", '
                    "which sources.csv cites as verbatim: copy the excerpt exactly (parts "
                    'that are not adjacent joined by " … "), or cite it as a summary',
                )
            )
    return problems
