"""Specification of the Sources & data page's content: source cards, how the dates were
resolved, the repairs to the received text, and the data dictionary."""

from goodwill.dataset import TABLE_NAMES, read_descriptor
from goodwill.enums import ENUMERATIONS
from goodwill.i18n import translator
from goodwill.paths import shipped_tour
from goodwill.sources import data_dictionary, date_resolution_cards, repair_table, source_cards


def test_the_data_dictionary_covers_every_field_of_every_table_with_its_description():
    descriptor = read_descriptor(shipped_tour())
    dictionary = data_dictionary(descriptor)
    assert set(dictionary) == set(TABLE_NAMES)
    for resource in descriptor["resources"]:
        table = dictionary[resource["name"]].set_index("field")
        fields = resource["schema"]["fields"]
        assert list(table.index) == [field["name"] for field in fields]
        for field in fields:
            assert table.loc[field["name"], "description"] == field["description"]
            assert table.loc[field["name"], "type"] == field["type"]


def test_the_data_dictionary_states_constraints_and_required_fields():
    dictionary = data_dictionary(read_descriptor(shipped_tour()))
    events = dictionary["events"].set_index("field")
    statuses = ", ".join(ENUMERATIONS["event_status"])
    assert f"one of: {statuses}" in events.loc["status", "constraints"]
    assert bool(events.loc["event_id", "required"])
    assert "pattern" in events.loc["event_id", "constraints"]
    places = dictionary["places"].set_index("field")
    assert "min -90" in places.loc["latitude", "constraints"]


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
