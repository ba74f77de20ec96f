"""The place box beside the map: every place of a small tour, a bounded few of a large one,
and a search for the others."""

import pytest

from goodwill.dates import in_date_order
from goodwill.i18n import translator
from goodwill.map.data import place_summaries
from goodwill.place_box import LISTED_MAX, place_choices
from goodwill.translations import translated_tour

EN = translator("en")


@pytest.fixture(scope="module")
def summaries(tour):
    return place_summaries(tour, tour.events, EN)


@pytest.fixture(scope="module")
def large_summaries(large_tour):
    return place_summaries(large_tour, large_tour.events, EN)


def test_every_place_of_the_shipped_tour_is_listed_in_date_order_with_no_search(tour, summaries):
    choices = place_choices(summaries, tour.places)
    first_events = in_date_order(tour.events).drop_duplicates("place_id")
    assert choices.place_ids == list(first_events["place_id"])
    # Known bounds only: the meetings "before 5 August" first, the visits "after" after
    # the 5 August stop.
    assert choices.place_ids[:2] == ["mexico-city", "washington-dc"]
    assert choices.matching == choices.listed == len(summaries)
    assert len(summaries) < LISTED_MAX


def test_a_tour_of_hundreds_of_places_lists_the_tour_stops_first_then_the_earliest(
    large_tour, large_summaries
):
    choices = place_choices(large_summaries, large_tour.places)
    assert len(choices.place_ids) == choices.listed == LISTED_MAX
    assert choices.matching == len(large_summaries)
    listed = large_summaries.set_index("place_id").loc[choices.place_ids]
    stops = large_summaries[large_summaries["tour_stop"]]
    assert set(stops["place_id"]) <= set(choices.place_ids)
    others = large_summaries[~large_summaries["tour_stop"]].sort_values("first_date")
    first_others = others.head(LISTED_MAX - len(stops))
    assert set(listed.index) == set(stops["place_id"]) | set(first_others["place_id"])
    # Listed as the summaries are: by the bounds of each place's first event.
    assert choices.place_ids == [p for p in large_summaries["place_id"] if p in set(listed.index)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tijuana", ["tijuana"]),  # case ignored
        ("  MÉXICO  ", ["mexico-city"]),  # accents and spaces ignored
        ("pima campus", ["pima-west-campus"]),  # the venue counts; every word must match
        ("nogales tucson", []),
    ],
)
def test_the_search_looks_in_names_and_venues_ignoring_case_and_accents(
    tour, summaries, query, expected
):
    choices = place_choices(summaries, tour.places, query)
    assert (choices.place_ids, choices.matching) == (expected, len(expected))


def test_the_search_finds_a_place_by_its_spanish_name_in_a_spanish_tour(tour):
    spanish = translated_tour(tour, "es")
    summaries = place_summaries(spanish, spanish.events, translator("es"))
    assert place_choices(summaries, spanish.places, "ciudad de mexico").place_ids == ["mexico-city"]


def test_the_selected_place_is_listed_whatever_the_search_and_the_limit(
    large_tour, large_summaries
):
    last = large_summaries.sort_values("first_date")["place_id"].iloc[-1]
    choices = place_choices(large_summaries, large_tour.places, selected=last)
    assert last in choices.place_ids
    assert (len(choices.place_ids), choices.listed) == (LISTED_MAX + 1, LISTED_MAX)
    found = place_choices(large_summaries, large_tour.places, "no such place", selected=last)
    assert (found.place_ids, found.matching) == ([last], 0)


def test_a_search_that_matches_more_than_the_limit_lists_the_limit(large_tour, large_summaries):
    # Every synthetic place is called "Place N".
    choices = place_choices(large_summaries, large_tour.places, "place")
    assert (choices.listed, choices.matching) == (LISTED_MAX, len(large_summaries))
    # Each word anywhere in the name: "12" finds Place 12, Place 112, Place 120…
    narrowed = place_choices(large_summaries, large_tour.places, "place 12")
    assert set(narrowed.place_ids) == {
        place_id
        for place_id, name in zip(large_summaries["place_id"], large_summaries["name"], strict=True)
        if "12" in name
    }
    assert narrowed.listed == narrowed.matching
