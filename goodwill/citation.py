"""How to cite the dashboard and its data: the data's version, its licence, the story it
rests on, and the citation itself as a sentence, BibTeX and CSL-JSON.

Pure functions: the pages, the footer and the offline archive show the same citation.

**The data version** is the package's own ``version`` (``datapackage.json``) plus a content
hash of the package's files, so two copies that claim the same version but differ are told
apart. The hash is what ``sha256sum`` gives for the manifest of the files, so anyone can
recompute it from a copy of the package::

    cd data/goodwill-tour
    sha256sum datapackage.json appearances.csv … source-notes.md | LC_ALL=C sort -k2 | sha256sum

The files are the descriptor, every resource it lists, and every file of the package that
the sources table names as a source (the source notes): :func:`package_files`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from goodwill.dates import format_day
from goodwill.i18n import Translator

if TYPE_CHECKING:
    from goodwill.dataset import Tour

#: The distribution the app is installed as (pyproject.toml), whose version the footer shows.
APP_DISTRIBUTION = "goodwill-tour-map"
#: How many hex digits of the content hash are shown (as git shows a commit).
SHORT_HASH_LENGTH = 8
#: The sources table's code for the story the dashboard is about (its schema's enumeration).
PRIMARY_STORY = "primary-story"
_WEB = re.compile(r"^https?://", re.IGNORECASE)


@dataclass(frozen=True)
class License:
    """One of the package's ``licenses``: its SPDX-like name, its title, its web address."""

    name: str
    title: str
    path: str


@dataclass(frozen=True)
class DataVersion:
    """The package's declared version and the sha256 of its files' manifest."""

    version: str
    sha256: str

    @property
    def short_hash(self) -> str:
        return self.sha256[:SHORT_HASH_LENGTH]

    def __str__(self) -> str:
        """``1.0.0 (sha256 1a2b3c4d)``: the form every citation and the footer show."""
        declared = self.version or "?"
        return f"{declared} (sha256 {self.short_hash})"


@dataclass(frozen=True)
class StoryCredit:
    """The story the dashboard is about, as the sources table names it."""

    author: str
    headline: str
    outlet: str
    url: str


def is_package_file(address: str) -> bool:
    """Whether a source's ``url`` names a file of the package (the source notes) rather
    than a web page: a plain relative name, never a way out of the package's folder."""
    if not address or _WEB.match(address) or ":" in address or "\\" in address:
        return False
    parts = Path(address).parts
    return not Path(address).is_absolute() and ".." not in parts and bool(parts)


def package_files(descriptor: dict, source_addresses: Iterable[str]) -> list[str]:
    """The package's own files, by their path in its folder, sorted: the descriptor,
    every resource's local path, and every package file a source names."""
    names = {"datapackage.json"}
    for resource in descriptor.get("resources", []):
        paths = resource.get("path") if isinstance(resource, dict) else None
        for path in paths if isinstance(paths, list) else [paths]:
            if isinstance(path, str) and is_package_file(path):
                names.add(path)
    names.update(address for address in source_addresses if is_package_file(address))
    return sorted(names)


def content_sha256(folder: Path, names: Iterable[str]) -> str:
    """The sha256 of the manifest ``sha256sum`` prints for ``names`` in ``folder``, sorted
    by name (a missing file counts as empty: the validator has already said so)."""
    lines = []
    for name in sorted(names):
        file = folder / name
        content = file.read_bytes() if file.is_file() else b""
        lines.append(f"{hashlib.sha256(content).hexdigest()}  {name}\n")
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def licenses_of(descriptor: dict) -> tuple[License, ...]:
    """The descriptor's ``licenses`` that name themselves (by ``name`` or ``path``)."""
    found = []
    for entry in descriptor.get("licenses", []) or []:
        if not isinstance(entry, dict):
            continue
        name, title, path = (str(entry.get(key) or "") for key in ("name", "title", "path"))
        if name or path:
            found.append(License(name=name, title=title or name or path, path=path))
    return tuple(found)


def license_row_id(license_: License) -> str:
    """The ``row_id`` of a licence's title in translations.csv (table ``datapackage``)."""
    return "license." + re.sub(r"[^a-z0-9._-]+", "-", (license_.name or license_.path).lower())


def data_version(tour: Tour) -> DataVersion:
    """The version of the data a tour was loaded from (see the module's docstring)."""
    return DataVersion(tour.version, tour.content_sha256)


def app_version() -> str:
    """The installed app's version (pyproject.toml's, through the package's metadata)."""
    try:
        return metadata.version(APP_DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a copy of the source, not installed
        return "?"


def story_credit(tour: Tour) -> StoryCredit | None:
    """The primary story's author, headline, outlet and address (``None`` for a tour
    whose sources name none). In a tour in the reader's language, the outlet is the
    project's translation; the headline stays the source's words."""
    stories = tour.sources[tour.sources["kind"] == PRIMARY_STORY]
    if stories.empty:
        return None
    story = stories.iloc[0]
    return StoryCredit(
        author=str(story["author"] or ""),
        headline=str(story["headline"]),
        outlet=str(story["outlet"]),
        url=str(story["url"] or ""),
    )


def issued_year(tour: Tour) -> int | None:
    """The year of the package's ``created`` date, when it has one."""
    found = re.match(r"(\d{4})-\d{2}-\d{2}", tour.created or "")
    return int(found.group(1)) if found else None


# --------------------------------------------------------------------------- citations


@dataclass(frozen=True)
class Citation:
    """What a citation of the dashboard or of its data package says."""

    key: str  # the BibTeX key and CSL id
    kind: str  # "dashboard" or "dataset"
    title: str
    genre: str  # "Interactive dashboard" / "Data package", in the reader's language
    url: str
    version: DataVersion
    accessed: dt.date
    lang: str
    year: int | None = None
    publisher: str = ""
    license: License | None = None
    story: StoryCredit | None = None


def _key(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9-]+", "-", "-".join(part for part in parts if part)).strip("-")


def dashboard_citation(tour: Tour, url: str, accessed: dt.date, t: Translator) -> Citation:
    """The dashboard at ``url`` (the app's address), showing this tour's data."""
    version = data_version(tour)
    return Citation(
        key=_key("goodwill-tour-map", version.short_hash),
        kind="dashboard",
        title=t("app.title"),
        genre=t("cite.genre.dashboard"),
        url=url,
        version=version,
        accessed=accessed,
        lang=t.lang,
        year=issued_year(tour),
        story=story_credit(tour),
    )


def package_citation(tour: Tour, url: str, accessed: dt.date, t: Translator) -> Citation:
    """The tour's data package, downloadable at ``url`` (the Sources & data page)."""
    version = data_version(tour)
    return Citation(
        key=_key(tour.name or "data", version.version, version.short_hash),
        kind="dataset",
        title=tour.title,
        genre=t("cite.genre.package"),
        url=url,
        version=version,
        accessed=accessed,
        lang=t.lang,
        year=issued_year(tour),
        publisher=t("app.title"),
        license=tour.licenses[0] if tour.licenses else None,
        story=story_credit(tour),
    )


def citation_parts(citation: Citation, t: Translator) -> list[tuple[str, bool]]:
    """The citation as a sentence, in pieces: ``(text, is_the_sources_words)``, so a page
    can mark the story's headline as written in English and escape every piece; joined,
    the pieces are :func:`citation_text`."""
    accessed = format_day(citation.accessed, t.lang, short=False)
    parts = [
        (
            t(
                "cite.line",
                title=citation.title,
                genre=citation.genre,
                version=str(citation.version),
                year=citation.year or t("cite.no_date"),
            ),
            False,
        )
    ]
    if citation.publisher:
        parts.append((f" {citation.publisher}.", False))
    based_on = _based_on(citation, t)
    accessed_at = " " + t("cite.accessed", url=citation.url, date=accessed)
    parts.append((f"{accessed_at} " if based_on else accessed_at, False))
    return parts + based_on


def _based_on(citation: Citation, t: Translator) -> list[tuple[str, bool]]:
    """The clause that names the story ("Based on the story by …"), in pieces like
    :func:`citation_parts`'s."""
    story = citation.story
    if story is None:
        return []
    return [
        (t("cite.based_on", author=story.author or story.outlet) + " “", False),
        (story.headline, True),
        (f"”, {story.outlet}.", False),
    ]


def citation_text(citation: Citation, t: Translator) -> str:
    """The citation as one sentence of plain text, in the reader's language."""
    return "".join(text for text, _ in citation_parts(citation, t))


# BibTeX's special characters, each as it is written to mean itself.
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_ESCAPE = re.compile("|".join(re.escape(char) for char in _BIBTEX_SPECIAL))
# Control characters and every character that ends a line (U+0085, U+2028, U+2029 too).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def bibtex_text(text: str) -> str:
    """``text`` as a BibTeX field value that means itself: special characters escaped,
    line breaks (of every kind) and control characters made spaces (so braces always balance)."""
    return _BIBTEX_ESCAPE.sub(lambda found: _BIBTEX_SPECIAL[found.group()], _CONTROL.sub(" ", text))


def bibtex_url(url: str) -> str:
    """``url`` for BibTeX's verbatim ``url`` field: the characters that could end or
    unbalance the field, percent-encoded."""
    return re.sub(r"[{}\\\s]", lambda found: f"%{ord(found.group()):02X}", url)


def bibtex(citation: Citation, t: Translator) -> str:
    """A ``@misc`` entry (BibTeX and biblatex both read it), every value escaped."""
    fields = [
        ("title", bibtex_text(citation.title)),
        ("howpublished", bibtex_text(citation.genre)),
        ("version", bibtex_text(str(citation.version))),
        ("year", str(citation.year) if citation.year else None),
        ("publisher", bibtex_text(citation.publisher) if citation.publisher else None),
        ("url", bibtex_url(citation.url)),
        ("urldate", citation.accessed.isoformat()),
        ("note", bibtex_text(note) if (note := _note(citation, t)) else None),
        ("langid", {"en": "english", "es": "spanish"}.get(citation.lang)),
    ]
    lines = [f"  {name} = {{{value}}}," for name, value in fields if value]
    return "@misc{" + citation.key + ",\n" + "\n".join(lines) + "\n}\n"


def _note(citation: Citation, t: Translator) -> str:
    return "".join(text for text, _ in _based_on(citation, t))


def _date_parts(day: dt.date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_json(citation: Citation, t: Translator) -> str:
    """A CSL-JSON item list (what Zotero, Pandoc and citeproc read), as indented JSON."""
    item: dict = {
        "id": citation.key,
        "type": "webpage" if citation.kind == "dashboard" else "dataset",
        "title": citation.title,
        "genre": citation.genre,
        "version": str(citation.version),
        "URL": citation.url,
        "accessed": _date_parts(citation.accessed),
        "language": citation.lang,
    }
    if citation.year:
        item["issued"] = {"date-parts": [[citation.year]]}
    if citation.publisher:
        item["publisher"] = citation.publisher
    if citation.license:
        item["license"] = citation.license.name
    if note := _note(citation, t):
        item["note"] = note
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"
