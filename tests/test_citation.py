"""Citing the dashboard and its data: the data version (a declared version plus a hash of
the package's files, as ``sha256sum`` gives it), the licence, and the citation as a
sentence, BibTeX and CSL-JSON, every value escaped for its format."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from dataclasses import replace

import pytest

from goodwill.citation import (
    SHORT_HASH_LENGTH,
    bibtex,
    bibtex_text,
    citation_text,
    csl_json,
    dashboard_citation,
    data_version,
    is_package_file,
    package_citation,
    package_files,
)
from goodwill.dataset import load_tour, read_descriptor
from goodwill.i18n import translator
from goodwill.translations import translated_tour
from tests.helpers.hostile_text import PAYLOADS
from tests.helpers.packages import set_translated_cell

ACCESSED = dt.date(2026, 3, 5)
URL = "https://news.example/goodwill/?place=pima-west-campus&lang=en"


@pytest.fixture
def package_copy(tmp_path, tour):
    copy = tmp_path / "tour"
    shutil.copytree(tour.path, copy)
    return copy


def test_the_data_version_is_the_declared_version_and_the_hash_sha256sum_gives(tour):
    names = package_files(read_descriptor(tour.path), tour.sources["url"])
    assert {"datapackage.json", "quotes.csv", "translations.csv", "source-notes.md"} <= set(names)
    listing = subprocess.run(
        ["sha256sum", *names], cwd=tour.path, check=True, capture_output=True
    ).stdout
    manifest = b"".join(sorted(listing.splitlines(keepends=True), key=lambda line: line[66:]))
    expected = subprocess.run(["sha256sum"], input=manifest, check=True, capture_output=True)
    version = data_version(tour)
    assert version.version == read_descriptor(tour.path)["version"]
    assert version.sha256 == expected.stdout.split()[0].decode()
    assert str(version) == f"{version.version} (sha256 {version.sha256[:SHORT_HASH_LENGTH]})"


def test_the_data_version_changes_when_a_data_file_changes(package_copy, tour):
    before = data_version(load_tour(package_copy))
    assert before == data_version(tour)
    set_translated_cell(
        package_copy, "places", "pima-west-campus", "name", "Tucson, AZ", "Tucson, Arizona"
    )
    after = data_version(load_tour(package_copy))
    assert after.version == before.version
    assert after.sha256 != before.sha256


def test_the_data_version_changes_with_the_source_notes_but_not_with_a_stray_file(
    package_copy,
):
    before = data_version(load_tour(package_copy)).sha256
    (package_copy / "notes-draft.txt").write_text("not part of the package", encoding="utf-8")
    assert data_version(load_tour(package_copy)).sha256 == before
    notes = package_copy / "source-notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert data_version(load_tour(package_copy)).sha256 != before


@pytest.mark.parametrize(
    ("address", "in_package"),
    [
        ("source-notes.md", True),
        ("notes/more.md", True),
        ("https://example.org/notes.md", False),
        ("../outside.md", False),
        ("/etc/passwd", False),
        ("file:///etc/passwd", False),
        ("C:\\notes.md", False),
        ("", False),
    ],
)
def test_only_a_plain_relative_name_is_a_file_of_the_package(address, in_package):
    assert is_package_file(address) is in_package


def test_the_licence_is_the_packages_and_its_title_is_translated(tour):
    (english,) = tour.licenses
    assert english.name == "CC-BY-4.0"
    assert english.path.startswith("https://creativecommons.org/")
    (spanish,) = translated_tour(tour, "es").licenses
    assert spanish.name == english.name
    assert spanish.path == english.path
    assert spanish.title != english.title
    assert "Atribución" in spanish.title


def _fields(entry: str) -> dict[str, str]:
    """A BibTeX entry's fields, checking its shape: ``@type{key,``, one ``name = {value},``
    a line with balanced (unescaped) braces, and a closing brace."""
    lines = entry.strip().splitlines()
    assert re.fullmatch(r"@misc\{[A-Za-z0-9-]+,", lines[0]), lines[0]
    assert lines[-1] == "}"
    fields = {}
    for line in lines[1:-1]:
        found = re.fullmatch(r"  ([a-z]+) = \{(.*)\},", line)
        assert found, line
        value = found.group(2)
        depth = 0
        for char in re.sub(r"\\[{}]", "", value):
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0, line
        assert depth == 0, line
        fields[found.group(1)] = value
    return fields


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_bibtex_entries_parse_and_carry_version_url_and_access_date(tour, lang):
    t = translator(lang)
    shown = translated_tour(tour, lang)
    for citation in (
        dashboard_citation(shown, URL, ACCESSED, t),
        package_citation(shown, URL, ACCESSED, t),
    ):
        fields = _fields(bibtex(citation, t))
        assert {"title", "version", "url", "urldate", "year", "note"} <= set(fields)
        assert fields["url"] == URL
        assert fields["urldate"] == "2026-03-05"
        assert data_version(tour).short_hash in fields["version"]
        assert "Danyelle Khmara" in fields["note"]
    assert _fields(bibtex(package_citation(shown, URL, ACCESSED, t), t))["title"] == bibtex_text(
        shown.title
    )


@pytest.mark.parametrize("payload", [*PAYLOADS[:12], "}{\\}%#&_~^$ unbalanced { brace"])
def test_a_hostile_title_keeps_the_bibtex_entry_balanced(tour, payload):
    t = translator("en")
    hostile = replace(tour, title=payload)
    citation = package_citation(hostile, f"{URL}&x={{}}\\ ", ACCESSED, t)
    fields = _fields(bibtex(citation, t))
    assert "\n" not in fields["title"]
    assert " " not in fields["url"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_csl_json_is_a_list_of_one_item_with_the_required_fields(tour, lang):
    t = translator(lang)
    shown = translated_tour(tour, lang)
    dashboard = json.loads(csl_json(dashboard_citation(shown, URL, ACCESSED, t), t))
    package = json.loads(csl_json(package_citation(shown, URL, ACCESSED, t), t))
    for items, kind in ((dashboard, "webpage"), (package, "dataset")):
        (item,) = items
        assert item["type"] == kind
        assert item["id"]
        assert item["title"]
        assert item["URL"] == URL
        assert item["accessed"] == {"date-parts": [[2026, 3, 5]]}
        assert item["version"] == str(data_version(tour))
        assert item["language"] == lang
    assert package[0]["license"] == "CC-BY-4.0"
    assert package[0]["title"] == shown.title


def test_the_citation_sentence_is_in_the_readers_language_with_the_access_date(tour):
    english = citation_text(
        dashboard_citation(tour, URL, ACCESSED, translator("en")), translator("en")
    )
    spanish_tour = translated_tour(tour, "es")
    t = translator("es")
    spanish = citation_text(package_citation(spanish_tour, URL, ACCESSED, t), t)
    assert "5 March 2026" in english
    assert URL in english
    assert "5 de marzo de 2026" in spanish
    assert spanish_tour.title in spanish
    # The story's headline stays the source's words, in English, in both.
    headline = tour.sources.set_index("source_id").loc["star", "headline"]
    assert headline in english
    assert headline in spanish
