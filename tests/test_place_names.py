"""A place is named by its short name wherever a place is named ("Tucson"); its venue
stands on a line of its own in the place's panel, never in the name's stead."""

import json

import pytest

from goodwill.i18n import translator
from goodwill.itinerary import itinerary, map_summary
from goodwill.map.data import map_data
from goodwill.panels import overview_card, place_heading
from goodwill.people import person_card
from goodwill.quotes import event_options
from goodwill.timeline import timeline_rows

EN, ES = translator("en"), translator("es")
TUCSON = "pima-west-campus"


@pytest.fixture
def venue(tour) -> str:
    return tour.places.set_index("place_id").loc[TUCSON, "venue"]


def test_the_tucson_venue_is_named_tucson_and_its_venue_kept_apart(tour, venue):
    place = tour.places.set_index("place_id").loc[TUCSON]
    # The name is the venue's town, its locality in the data.
    assert place["name"] == place["locality"] == "Tucson"
    assert venue == "Center for the Arts Proscenium Theatre, Pima Community College West Campus"


def reader_texts(tour, t) -> dict[str, list[str]]:
    """Every text that names places, by where a reader meets it."""
    data = map_data(tour, tour.events, t)
    drawn = json.loads(data.document)
    rows = itinerary(tour, tour.events, t)
    timeline = timeline_rows(tour, tour.events, t)
    return {
        "map markers": [marker.row for marker in data.markers],
        "map lines": [
            json.dumps(line, ensure_ascii=False) for line in drawn["pairs"] + drawn["route"]
        ],
        "map summaries": list(data.summaries["name"]),
        "itinerary": [row.text for row in rows] + [row.place_label for row in rows],
        "map summary": [map_summary(tour, tour.events, t)],
        "overview": [overview_card(tour, tour.events, t).body],
        "quote filter": list(event_options(tour, t).values()),
        "timeline": list(timeline["place"]) + list(timeline["lane"]),
        "people": [person_card(tour, "kerlikowske", tour.events, t).body],
    }


@pytest.mark.parametrize("t", [EN, ES], ids=["en", "es"])
def test_no_place_name_a_reader_sees_is_the_venue(tour, venue, t):
    for where, texts in reader_texts(tour, t).items():
        assert not any("Proscenium" in text for text in texts), where
        assert any("Tucson" in text for text in texts), where


def test_the_panel_heading_names_the_town_and_gives_the_venue_its_own_line(tour, venue):
    heading, venue_line, *_ = place_heading(tour, TUCSON, EN).split("\n\n")
    assert heading == "### Tucson · Arizona · United States"
    assert venue_line == f"**Venue:** {venue}"


def test_a_place_without_a_venue_has_no_venue_line(tour):
    assert "Venue" not in place_heading(tour, "nogales-sonora", EN)
