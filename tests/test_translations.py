"""The data's words in Spanish: translations.csv is complete and current for the shipped
tour, its problems are named (errors for a tour that requires translations, warnings for
one that does not), and a reader of each language is shown the right words."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from goodwill.__main__ import main
from goodwill.dataset import load_tour, read_descriptor, validate
from goodwill.i18n import LANGUAGES
from goodwill.paths import shipped_tour
from goodwill.problems import errors
from goodwill.text import checked_markdown, escape_markdown, in_language
from goodwill.translations import (
    DESCRIPTOR_TABLE,
    OPTIONAL,
    PACKAGE_ROW,
    ROW_IDS,
    SETTINGS_PROPERTY,
    TARGET_LANGUAGES,
    TRANSLATED_FIELDS,
    TRANSLATIONS_SETTING,
    TRANSLATIONS_TABLE,
    WORDING_NOTES,
    Wording,
    descriptor_texts,
    translated_descriptor,
    translated_tour,
    translation_column,
    translations_required,
)
from tests.helpers.hostile_text import PAYLOADS
from tests.helpers.packages import edit_rows, set_cell

TRANSLATIONS_FILE = f"{TRANSLATIONS_TABLE}.csv"


def rows_of(package, table: str) -> list[dict]:
    found = []
    edit_rows(package, table, found.extend)
    return found


def add_translation(package, *row: str) -> None:
    edit_rows(
        package, TRANSLATIONS_TABLE, lambda rows: [*rows, dict(zip(rows[0], row, strict=True))]
    )


def without_translation(package, table: str, row_id: str, field: str) -> None:
    edit_rows(
        package,
        TRANSLATIONS_TABLE,
        lambda rows: [
            r for r in rows if (r["table"], r["row_id"], r["field"]) != (table, row_id, field)
        ],
    )


def optional(package) -> None:
    file = package / "datapackage.json"
    descriptor = json.loads(file.read_text(encoding="utf-8"))
    descriptor[SETTINGS_PROPERTY] = {TRANSLATIONS_SETTING: OPTIONAL}
    file.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")


# --------------------------------------------------------------------------- the shipped tour


def test_the_shipped_tour_requires_translations_and_has_every_one(tour):
    descriptor = read_descriptor(shipped_tour())
    assert translations_required(descriptor)
    translations = tour.translations
    for table, fields in TRANSLATED_FIELDS.items():
        frame = getattr(tour, table)
        for field in fields:
            cells = frame.dropna(subset=[field])
            mine = translations[(translations["table"] == table) & (translations["field"] == field)]
            for lang in TARGET_LANGUAGES:
                done = mine[mine["lang"] == lang]
                assert set(done["row_id"]) == set(cells[ROW_IDS[table]]), (table, field, lang)
    texts = descriptor_texts(descriptor)
    described = translations[translations["table"] == DESCRIPTOR_TABLE]
    assert set(zip(described["row_id"], described["field"], strict=True)) == set(texts)


def test_each_translated_field_says_in_the_data_dictionary_whose_words_it_holds():
    descriptor = read_descriptor(shipped_tour())
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            wording = TRANSLATED_FIELDS.get(resource["name"], {}).get(field["name"])
            notes = [note for note in WORDING_NOTES.values() if field["description"].endswith(note)]
            assert notes == ([WORDING_NOTES[wording]] if wording else []), field["name"]


def test_the_translations_schema_allows_exactly_the_translated_tables_and_their_ids():
    descriptor = read_descriptor(shipped_tour())
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    fields = {f["name"]: f for f in resources[TRANSLATIONS_TABLE]["schema"]["fields"]}
    assert fields["table"]["constraints"]["enum"] == [*TRANSLATED_FIELDS, DESCRIPTOR_TABLE]
    for table, row_id in ROW_IDS.items():
        assert resources[table]["schema"]["primaryKey"] == [row_id]


# --------------------------------------------------------------------------- the validator


def test_a_missing_translation_is_an_error_of_its_cell_when_translations_are_required(
    package_copy,
):
    without_translation(package_copy, "places", "mexico-city", "name")
    problems = validate(package_copy)
    assert [(p.file.rsplit("/", 1)[-1], p.row, p.field, p.warning) for p in problems] == [
        ("places.csv", 9, "name", False)
    ]
    assert "add a row places,mexico-city,name,es" in problems[0].message


def test_a_missing_translation_is_one_warning_per_field_when_they_are_not_required(
    package_copy,
):
    optional(package_copy)
    for place in ("mexico-city", "washington-dc"):
        without_translation(package_copy, "places", place, "name")
    problems = validate(package_copy)
    assert errors(problems) == []
    assert len(problems) == 1
    assert problems[0].field == "name"
    assert "no Spanish translation for 2 of its 11 texts (rows 8-9)" in problems[0].message
    assert load_tour(package_copy).places.shape == load_tour(shipped_tour()).places.shape


def test_the_command_line_prints_warnings_and_still_says_ok(package_copy, capsys):
    optional(package_copy)
    without_translation(package_copy, "people", "canales", "role")
    assert main(["validate", str(package_copy)]) == 0
    out, err = capsys.readouterr()
    assert ":role: warning: no Spanish translation for 1 of its 6 texts (row 4)" in out
    assert out.rstrip().endswith(f"OK: {package_copy}")
    assert "1 warning" in err


def test_a_package_without_translations_is_shown_in_english_with_one_warning(package_copy):
    descriptor_file = package_copy / "datapackage.json"
    descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
    descriptor.pop(SETTINGS_PROPERTY)
    descriptor["resources"] = [
        r for r in descriptor["resources"] if r["name"] != TRANSLATIONS_TABLE
    ]
    descriptor_file.write_text(json.dumps(descriptor), encoding="utf-8")
    (package_copy / TRANSLATIONS_FILE).unlink()
    problems = validate(package_copy)
    assert [(p.warning, p.message) for p in problems] == [
        (
            True,
            "nothing is translated into Spanish: its readers see the whole tour in the data's "
            "language",
        )
    ]
    spanish = translated_tour(load_tour(package_copy), "es")
    assert spanish.places.set_index("place_id").loc["mexico-city", "name"] == "Mexico City"


def test_an_english_edit_makes_its_translation_stale_and_it_is_not_shown(package_copy):
    set_cell(package_copy, "people", "canales", "role", "Head of intelligence")
    (problem,) = validate(package_copy)
    assert problem.file.endswith(TRANSLATIONS_FILE)
    assert problem.field == "original"
    assert (
        "is stale: the role (row 4) has changed since it was translated, and now reads "
        '"Head of intelligence"' in problem.message
    )
    optional(package_copy)
    assert [p.warning for p in validate(package_copy)] == [True]
    spanish = translated_tour(load_tour(package_copy), "es")
    assert spanish.people.set_index("person_id").loc["canales", "role"] == "Head of intelligence"


@pytest.mark.parametrize(
    ("row", "field", "says"),
    [
        (
            ("events", "mcallen-2016-07", "latitude", "es", "x", "y"),
            "field",
            '"latitude" is not a translated field of events',
        ),
        (("timeline", "x", "name", "es", "x", "y"), "table", '"timeline" is not one of'),
        (
            ("places", "atlantis", "name", "es", "Atlantis", "Atlántida"),
            "row_id",
            'no place_id "atlantis" in places.csv',
        ),
        (
            ("events", "mcallen-2016-07", "venue", "es", "x", "y"),
            "row_id",
            "its venue is empty: there is nothing to translate",
        ),
        (
            ("places", "mcallen", "name", "fr", "McAllen", "McAllen"),
            "lang",
            '"fr" is not a language the data is translated into',
        ),
        (("places", "mcallen", "name", "de", "McAllen", "   "), "text", "is blank"),
        (
            ("places", "mcallen", "name", "pt", "McAllen", "McAllen β€œ"),
            "text",
            "looks like damaged text",
        ),
        (
            ("places", "mcallen", "name", "it", "McAllen", "McAllen {city}"),
            "text",
            "must keep the {placeholders} of its original: none",
        ),
        (
            ("datapackage", "places.nowhere", "description", "es", "x", "y"),
            "row_id",
            'no text "places.nowhere" in datapackage.json',
        ),
    ],
)
def test_a_translation_that_names_no_cell_or_is_not_one_is_an_error(package_copy, row, field, says):
    add_translation(package_copy, *row)
    found = [p for p in validate(package_copy) if p.field == field and says in p.message]
    assert found, "\n".join(map(str, validate(package_copy)))
    assert found[0].file.endswith(TRANSLATIONS_FILE)
    assert found[0].row == len(rows_of(package_copy, TRANSLATIONS_TABLE)) + 1


def test_a_broken_cell_is_not_also_reported_through_its_translation(package_copy):
    set_cell(package_copy, "people", "canales", "name", "DamiΓ‘n Canales")
    assert [p.field for p in validate(package_copy)] == ["name"]


def test_an_unknown_setting_for_translations_is_an_error(package_copy):
    file = package_copy / "datapackage.json"
    descriptor = json.loads(file.read_text(encoding="utf-8"))
    descriptor[SETTINGS_PROPERTY] = {TRANSLATIONS_SETTING: "mandatory"}
    file.write_text(json.dumps(descriptor), encoding="utf-8")
    (problem,) = validate(package_copy)
    assert problem.field == "x-goodwill.translations"
    assert 'must be "required" or "optional"' in problem.message


def test_unbalanced_braces_in_the_data_are_text_not_a_broken_template(package_copy):
    edit_rows(
        package_copy,
        TRANSLATIONS_TABLE,
        lambda rows: [
            {**r, "text": r["text"] + " {{ }"} if r["row_id"] == "mcallen" else r for r in rows
        ],
    )
    assert validate(package_copy) == []


# --------------------------------------------------------------------------- what a reader sees


def test_a_spanish_reader_gets_the_projects_wording_in_spanish(tour):
    spanish = translated_tour(tour, "es")
    places = spanish.places.set_index("place_id")
    assert places.loc["mexico-city", "name"] == "Ciudad de México"
    assert places.loc["washington-dc", "admin_area"] == "Distrito de Columbia"
    people = spanish.people.set_index("person_id")
    assert people.loc["kerlikowske", "organisation"] == (
        "Oficina de Aduanas y Protección Fronteriza de Estados Unidos (CBP)"
    )
    assert people.loc["galindo-ceballos", "organisation"] == "Policía Federal"
    assert people.loc["kerlikowske", "name"] == "R. Gil Kerlikowske"  # a name is a name
    assert spanish.description.startswith("La Oficina de Aduanas y Protección Fronteriza")


def test_a_spanish_reader_gets_the_sources_words_as_written_with_the_translation_beside(tour):
    spanish = translated_tour(tour, "es")
    quotes = spanish.quotes.set_index("quote_id")
    assert quotes.loc["kerlikowske-message-of-cooperation", "text"] == "message of cooperation"
    assert quotes.loc["kerlikowske-message-of-cooperation", translation_column("text")] == (
        "mensaje de cooperación"
    )
    events = spanish.events.set_index("event_id")
    assert events.loc["mcallen-2016-07", translation_column("date_words")] == "el mes pasado"


def test_an_english_reader_gets_the_tour_as_written_and_no_translation(tour):
    english = translated_tour(tour, "en")
    for table, fields in TRANSLATED_FIELDS.items():
        for field, wording in fields.items():
            written = getattr(tour, table)[field]
            if wording is Wording.PROJECT:
                pd.testing.assert_series_equal(getattr(english, table)[field], written)
            else:
                assert getattr(english, table)[translation_column(field)].isna().all()
    assert english.description == tour.description


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_row_and_its_order_are_kept_in_every_language(tour, lang):
    translated = translated_tour(tour, lang)
    for table in TRANSLATED_FIELDS:
        assert list(getattr(translated, table).index) == list(getattr(tour, table).index)
        assert list(getattr(translated, table)[ROW_IDS[table]]) == list(
            getattr(tour, table)[ROW_IDS[table]]
        )


def test_the_data_dictionary_descriptions_are_translated_when_current(tour):
    descriptor = read_descriptor(shipped_tour())
    spanish = translated_descriptor(descriptor, tour.translations, "es")
    fields = {f["name"]: f for f in spanish["resources"][1]["schema"]["fields"]}
    assert fields["coordinates_note"]["description"].startswith("De dónde vienen las coordenadas")
    descriptor["resources"][1]["schema"]["fields"][0]["description"] = "Changed."
    stale = translated_descriptor(descriptor, tour.translations, "es")
    assert stale["resources"][1]["schema"]["fields"][0]["description"] == "Changed."
    assert PACKAGE_ROW in set(tour.translations["row_id"])


# --------------------------------------------------------------------------- language marks


def test_words_marked_with_their_language_are_the_only_html_allowed_in_markdown():
    marked = in_language(escape_markdown(PAYLOADS[2]), "en")
    assert marked.startswith('<span lang="en">')
    assert marked.endswith("</span>")
    assert checked_markdown(f"> {marked}\n>\n> *translation*").startswith("> <span")
    for payload in PAYLOADS:
        checked_markdown(in_language(escape_markdown(payload), "es"))


@pytest.mark.parametrize(
    "markdown",
    [
        "<img src=x onerror=alert(1)>",
        "text \\\\<script>alert(1)</script>",  # an escaped backslash, then real HTML
        "<http://example.invalid/autolink>",
        '<span lang="en" onclick="alert(1)">x</span>',
        '<span lang="english">x</span>',
    ],
)
def test_any_other_html_in_markdown_is_refused(markdown):
    with pytest.raises(ValueError, match="raw HTML"):
        checked_markdown(markdown)


def test_a_language_must_be_a_two_letter_code():
    with pytest.raises(ValueError, match="not a two-letter language code"):
        in_language("x", 'en" onmouseover="alert(1)')
