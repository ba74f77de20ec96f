"""Specification of the Sources & data page's content: source cards, how the dates were
resolved, the repairs to the received text, and the data dictionary."""

import pytest

from goodwill.dataset import OPTIONAL_TABLES, TABLE_NAMES, read_descriptor
from goodwill.enums import ENUMERATIONS
from goodwill.i18n import translator
from goodwill.paths import shipped_tour
from goodwill.sources import data_dictionary, date_resolution_cards, repair_table, source_cards
from goodwill.translations import (
    DESCRIPTOR_TABLE,
    translated_descriptor,
    translated_tour,
)


def test_the_data_dictionary_covers_every_field_of_every_table_with_its_description():
    descriptor = read_descriptor(shipped_tour())
    t = translator("en")
    dictionary = data_dictionary(descriptor, t)
    assert set(dictionary) == {*TABLE_NAMES, *OPTIONAL_TABLES}
    for resource in descriptor["resources"]:
        table = dictionary[resource["name"]].set_index("field")
        fields = resource["schema"]["fields"]
        assert list(table.index) == [field["name"] for field in fields]
        for field in fields:
            assert table.loc[field["name"], "description"] == field["description"]
            assert table.loc[field["name"], "type"] == t(f"schema.type.{field['type']}")


def test_in_spanish_the_data_dictionary_gives_every_field_its_spanish_description(tour):
    descriptor = read_descriptor(shipped_tour())
    t = translator("es")
    spanish = data_dictionary(translated_descriptor(descriptor, tour.translations, "es"), t)
    rows = tour.translations[tour.translations["table"] == DESCRIPTOR_TABLE]
    expected = dict(zip(rows["row_id"], rows["text"], strict=True))
    for table, dictionary in spanish.items():
        for field, description, kind in dictionary[["field", "description", "type"]].itertuples(
            index=False
        ):
            assert description == expected[f"{table}.{field}"]
            assert kind in {
                t(f"schema.type.{name}")
                for name in ("string", "number", "integer", "boolean", "date")
            }
    assert spanish["events"].set_index("field").loc["status", "constraints"].startswith("uno de: ")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_type_the_dashboard_does_not_name_is_shown_as_written(lang):
    descriptor = {
        "resources": [{"name": "x", "schema": {"fields": [{"name": "a", "type": "geopoint"}]}}]
    }
    assert data_dictionary(descriptor, translator(lang))["x"].loc[0, "type"] == "geopoint"


def test_the_data_dictionary_states_constraints_and_required_fields():
    dictionary = data_dictionary(read_descriptor(shipped_tour()), translator("en"))
    events = dictionary["events"].set_index("field")
    statuses = ", ".join(ENUMERATIONS["event_status"])
    assert f"one of: {statuses}" in events.loc["status", "constraints"]
    assert bool(events.loc["event_id", "required"])
    assert "pattern" in events.loc["event_id", "constraints"]
    places = dictionary["places"].set_index("field")
    assert "min -90" in places.loc["latitude", "constraints"]


def test_in_spanish_a_source_card_shows_the_headline_as_written_and_the_projects_translation(tour):
    spanish = translated_tour(tour, "es")
    card = source_cards(spanish, translator("es"))[0]
    assert (
        '<span lang="en">*Federal officials tout binational cooperation along border*</span>'
        in card
    )
    assert "*Traducción del proyecto:* Funcionarios federales destacan" in card
    assert "Para qué se usa: La única fuente primaria" in card


def test_source_cards_link_web_sources_and_escape_their_text(tour):
    cards = source_cards(tour, translator("en"))
    assert len(cards) == len(tour.sources)
    assert "](https://thisistucson.com/" in cards[0]
    assert "source\\-notes\\.md" in cards[2]  # a package file: named, not linked


def test_date_resolutions_are_listed_once_with_their_anchor(tour):
    cards = date_resolution_cards(tour, tour.events, translator("en"))
    assert len(cards) == tour.events["date_resolution"].nunique()
    assert all("Tucson Sentinel" in card for card in cards)


def test_the_repair_table_lists_every_repair_with_code_points():
    table = repair_table()
    assert "Γ‘" in set(table["received"])
    assert table.set_index("received").loc["Γ‘", "true_code_points"] == "U+00E1"
