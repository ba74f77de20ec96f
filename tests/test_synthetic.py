"""Synthetic tours for the benchmark: valid packages, in proportion, reproducible."""

import csv

import pytest

from goodwill import geo
from goodwill.dataset import load_tour, validate
from goodwill.enums import ENUMERATIONS, EventKind
from goodwill.problems import errors
from goodwill.synthetic import write_package


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    return write_package(tmp_path_factory.mktemp("synthetic") / "tour", 200)


def rows(package, table):
    with (package / f"{table}.csv").open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_a_synthetic_tour_passes_the_validator_with_one_warning_it_is_not_translated(package):
    problems = validate(package)
    assert errors(problems) == []
    assert [problem.message for problem in problems] == [
        "nothing is translated into Spanish: its readers see the whole tour in the data's language"
    ]


def test_every_table_is_filled_in_proportion_to_the_events(package):
    tour = load_tour(package)
    assert len(tour.events) == 200
    assert len(tour.places) == 100
    assert tour.events["place_id"].nunique() == 100  # no place without an event
    assert len(tour.city_pairs) >= 5
    assert len(tour.people) == 10
    assert len(tour.appearances) == 400
    assert len(tour.quotes) == 140
    assert (tour.events["kind"] == EventKind.TOUR_STOP).sum() >= 2


def test_places_spread_over_north_and_central_america_inside_their_country(package):
    places = rows(package, "places")
    found = geo.countries_at(
        [float(p["latitude"]) for p in places], [float(p["longitude"]) for p in places]
    )
    assert found == [p["country"] for p in places]
    assert {"US", "MX"} <= set(found)
    assert len(set(found)) >= 4


def test_every_date_precision_and_every_status_occur(package):
    events = rows(package, "events")
    assert {e["date_precision"] for e in events} == set(ENUMERATIONS["date_precision"])
    assert {e["status"] for e in events} == set(ENUMERATIONS["event_status"])
    assert all(e["evidence"].strip() for e in events)


def test_the_same_seed_gives_the_same_package(package, tmp_path):
    again = write_package(tmp_path / "again", 200)
    for table in ("places", "events", "quotes"):
        assert (again / f"{table}.csv").read_bytes() == (package / f"{table}.csv").read_bytes()


def test_too_few_events_is_refused(tmp_path):
    with pytest.raises(ValueError, match="at least 4"):
        write_package(tmp_path / "tiny", 3)
