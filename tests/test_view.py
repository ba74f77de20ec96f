"""Filters and links: interval overlap, unknown dates, and parsing the URL query."""

import datetime as dt
from dataclasses import replace

import pytest

from goodwill.view import default_view, filter_events, map_url, parse_view, to_query

AUG = dt.date(2016, 8, 1)


def kept(tour, view) -> set[str]:
    return set(filter_events(tour, view)["event_id"])


def test_the_default_view_keeps_every_event(tour):
    assert kept(tour, default_view(tour)) == set(tour.events["event_id"])


def test_a_month_event_is_kept_when_the_range_overlaps_any_day_of_it(tour):
    view = replace(default_view(tour), date_from=dt.date(2016, 7, 31), date_to=dt.date(2016, 7, 31))
    assert {"mcallen-2016-07", "reynosa-2016-07"} <= kept(tour, view)
    assert "nogales-2016-08-04" not in kept(tour, view)


def test_a_day_event_is_dropped_when_the_range_ends_the_day_before(tour):
    view = replace(default_view(tour), date_from=AUG, date_to=dt.date(2016, 8, 3))
    assert "nogales-2016-08-04" not in kept(tour, view)
    view = replace(view, date_to=dt.date(2016, 8, 4))
    assert "nogales-2016-08-04" in kept(tour, view)


def test_late_month_events_are_kept_by_a_range_touching_the_end_of_august(tour):
    view = replace(default_view(tour), date_from=dt.date(2016, 8, 25), date_to=dt.date(2016, 8, 31))
    assert {"tijuana-2016-08-late", "san-diego-2016-08-late"} <= kept(tour, view)


def test_events_of_unknown_date_are_shown_or_hidden_as_a_whole_not_by_the_range(tour):
    narrow = replace(default_view(tour), date_from=AUG, date_to=AUG)
    undated = set(tour.events.query("date_precision == 'unknown'")["event_id"])
    assert undated <= kept(tour, narrow)
    assert not undated & kept(tour, replace(narrow, show_undated=False))


def test_country_and_status_filters_combine(tour):
    view = replace(default_view(tour), countries=frozenset({"MX"}), statuses=frozenset({"held"}))
    assert kept(tour, view) == {"reynosa-2016-07", "nogales-2016-08-04", "mexico-city-meetings"}


def test_an_empty_country_choice_keeps_nothing(tour):
    assert kept(tour, replace(default_view(tour), countries=frozenset())) == set()


def test_a_good_query_is_parsed_into_its_types(tour):
    view, notices = parse_view(
        {
            "place": "reynosa",
            "country": "mx,US",
            "from": "2016-07-15",
            "to": "2016-08-04",
            "status": "held",
            "undated": "hide",
        },
        tour,
    )
    assert notices == []
    assert view.place == "reynosa"
    assert view.countries == frozenset({"MX", "US"})
    assert (view.date_from, view.date_to) == (dt.date(2016, 7, 15), dt.date(2016, 8, 4))
    assert view.statuses == frozenset({"held"})
    assert view.show_undated is False


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ({"place": "atlantis"}, "notice.reason.unknown_place"),
        ({"country": "XX"}, "notice.reason.choices"),
        ({"status": "cancelled"}, "notice.reason.choices"),
        ({"undated": "maybe"}, "notice.reason.choices"),
        ({"from": "yesterday"}, "notice.reason.date"),
        ({"to": "2016-13-01"}, "notice.reason.date"),
        ({"from": "1999-01-01"}, "notice.reason.out_of_span"),
        ({"from": "2016-08-20", "to": "2016-07-02"}, "notice.reason.reversed"),
        ({"step": "three"}, "notice.reason.step"),
        ({"step": "0"}, "notice.reason.step"),
        ({"step": "7"}, "notice.reason.step"),
        ({"step": "-2"}, "notice.reason.step"),
        ({"step": "2.5"}, "notice.reason.step"),
    ],
)
def test_a_bad_value_is_ignored_with_a_notice_and_the_default_kept(tour, query, reason):
    view, notices = parse_view(query, tour)
    assert reason in {notice.reason for notice in notices}
    assert view == default_view(tour)


def test_good_values_still_apply_beside_a_bad_one(tour):
    view, notices = parse_view({"country": "MX,XX", "place": "nowhere", "status": "held"}, tour)
    assert [notice.name for notice in notices] == ["place", "country"]
    assert view.countries == frozenset({"MX"})
    assert view.statuses == frozenset({"held"})


def test_a_view_survives_the_round_trip_through_its_query(tour):
    view = replace(
        default_view(tour),
        place="nogales-sonora",
        countries=frozenset({"MX"}),
        date_from=dt.date(2016, 8, 1),
        show_undated=False,
    )
    query = to_query(view, tour)
    assert query == {
        "place": "nogales-sonora",
        "country": "MX",
        "from": "2016-08-01",
        "undated": "hide",
    }
    assert parse_view(query, tour) == (view, [])


def test_the_default_view_has_an_empty_query(tour):
    assert to_query(default_view(tour), tour) == {}


def test_a_person_narrows_the_events_to_where_they_appeared(tour):
    view = replace(default_view(tour), person="canales")
    assert kept(tour, view) == {"tucson-2016-08-05"}
    view = replace(default_view(tour), person="kerlikowske")
    assert {"mcallen-2016-07", "tucson-2016-08-05", "honduras-visit"} <= kept(tour, view)
    assert "nogales-2016-08-04" not in kept(tour, view)


def test_the_person_in_a_link_is_checked_against_the_people(tour):
    view, notices = parse_view({"person": "canales"}, tour)
    assert (view.person, notices) == ("canales", [])
    view, notices = parse_view({"person": "zorro"}, tour)
    assert view.person is None
    assert [n.reason for n in notices] == ["notice.reason.unknown_person"]


def test_a_step_in_a_link_opens_the_story_there_with_its_stop_selected(tour):
    view, notices = parse_view({"step": "3"}, tour)
    assert notices == []
    assert (view.step, view.place) == (3, "nogales-sonora")
    # The step names its place: the link says the step alone, and reads back the same.
    assert to_query(view, tour) == {"step": "3"}
    assert parse_view(to_query(view, tour), tour) == (view, [])


def test_the_steps_are_counted_among_the_events_the_link_keeps(tour):
    view, _ = parse_view({"step": "4", "status": "held"}, tour)
    assert view.place == "pima-west-campus"
    view, notices = parse_view({"step": "5", "status": "held"}, tour)
    assert view.step is None
    assert [(n.reason, dict(n.values)) for n in notices] == [("notice.reason.step", {"last": "4"})]


def test_a_step_is_refused_when_the_kept_events_have_no_tour_stop(tour):
    view, notices = parse_view({"step": "1", "country": "GT"}, tour)
    assert view.step is None
    assert [n.reason for n in notices] == ["notice.reason.no_steps"]


def test_a_link_to_a_place_opens_it_to_explore_out_of_the_story(tour):
    in_story, _ = parse_view({"step": "3"}, tour)
    link = map_url(tour, in_story, "en", place="mcallen")
    assert "step=" not in link
    assert "place=mcallen" in link
    assert "step=3" in map_url(tour, in_story, "en", person="canales")
