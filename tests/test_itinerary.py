"""The itinerary and the map summary: the tour in words, in date order, for everyone."""

from dataclasses import replace

import pandas as pd
import pytest

from goodwill.i18n import translator
from goodwill.itinerary import itinerary, map_summary, page_count
from goodwill.panels import LISTED_STOPS_MAX, overview_card
from goodwill.text import escape_markdown as md
from goodwill.view import default_view, filter_events

EN, ES = translator("en"), translator("es")


def test_rows_run_in_date_order_with_unknown_dates_placed_only_by_their_bounds(tour):
    order = [row.event_id for row in itinerary(tour, tour.events, EN)]
    assert order[:2] == ["mexico-city-meetings", "washington-meetings"]  # before 5 August
    assert order.index("tucson-2016-08-05") < order.index("guatemala-visit")  # after it
    assert order[-2:] == ["san-diego-2016-08-late", "tijuana-2016-08-late"]


def test_a_row_names_the_place_across_the_border_and_the_kind_of_pair(tour):
    rows = {row.event_id: row.text for row in itinerary(tour, tour.events, EN)}
    assert (
        "McAllen \\(United States\\) ⇄ Reynosa \\(Mexico\\) (Twin border cities)"
        in rows["mcallen-2016-07"]
    )
    assert "(Leg of the tour)" in rows["nogales-2016-08-04"]


def test_a_row_lists_who_was_there_and_the_headline_quote(tour):
    tucson = {row.event_id: row.text for row in itinerary(tour, tour.events, EN)}[
        "tucson-2016-08-05"
    ]
    assert "Friday, 5 August 2016 \\(inferred\\)" in tucson
    assert "Damián Canales" in tucson
    assert "“It’s an opportunity to show partnership" in tucson


def test_rows_follow_the_filters(tour):
    view = replace(default_view(tour), countries=frozenset({"MX"}))
    places = {row.place_id for row in itinerary(tour, filter_events(tour, view), EN)}
    assert places == {"reynosa", "nogales-sonora", "tijuana", "mexico-city"}


def test_hostile_text_in_a_row_is_escaped(tour):
    people = tour.people.copy()
    people.loc[people["person_id"] == "canales", "name"] = "[x](javascript:alert(1)) <b>"
    hostile = replace(tour, people=people)
    text = " ".join(row.text for row in itinerary(hostile, hostile.events, EN))
    assert "](javascript" not in text
    assert "<b>" not in text


def test_the_summary_says_what_the_map_shows_in_both_languages(tour):
    english = map_summary(tour, tour.events, EN)
    assert english.startswith(
        "The map shows 11 places and 11 events: 6 tour stops (4 held, 2 planned)"
    )
    assert "McAllen, Jul 2016; Reynosa, Jul 2016; Nogales, 4 Aug 2016" in english
    assert map_summary(tour, tour.events, ES).startswith(
        "El mapa muestra 11 lugares y 11 eventos: 6 escalas de la gira (4 realizadas, 2 previstas)"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "The map shows 2 places and 2 events: 1 tour stop (1 held, 0 planned), "
            "1 earlier meeting and 0 announced visits, in",
        ),
        (
            "es",
            "El mapa muestra 2 lugares y 2 eventos: 1 escala de la gira (1 realizada, "
            "0 previstas), 1 reunión previa y 0 visitas anunciadas, en",
        ),
    ],
)
def test_each_count_in_the_summary_agrees_with_its_own_number(tour, lang, expected):
    events = tour.events
    one_of_each = pd.concat(
        [
            events[(events["kind"] == "tour-stop") & (events["status"] == "held")].head(1),
            events[events["kind"] == "earlier-meeting"].head(1),
        ]
    )
    assert map_summary(tour, one_of_each, translator(lang)).startswith(expected)


def test_the_summary_of_an_empty_view_says_nothing_matches(tour):
    assert map_summary(tour, tour.events.iloc[0:0], EN) == EN("events.none_match")


def test_a_long_itinerary_is_drawn_a_page_at_a_time(tour):
    everything = [row.event_id for row in itinerary(tour, tour.events, EN)]
    first = [row.event_id for row in itinerary(tour, tour.events, EN, page=0, page_size=4)]
    last = [row.event_id for row in itinerary(tour, tour.events, EN, page=2, page_size=4)]
    assert first == everything[:4]
    assert last == everything[8:]
    assert page_count(tour.events, 4) == 3
    assert page_count(tour.events.iloc[0:0], 4) == 1


@pytest.mark.parametrize("t", [EN, ES], ids=["en", "es"])
def test_the_summary_and_the_overview_list_a_bounded_number_of_stops_and_say_how_many_more(
    large_tour, t
):
    # Every event a tour stop: 800 of them, where a list of each would run for pages.
    stops = large_tour.events.assign(kind="tour-stop", status="held")
    more = len(stops) - LISTED_STOPS_MAX
    summary = map_summary(large_tour, stops, t)
    # 11 semicolons between 12 stops, and one before "and 788 more".
    one_stop = map_summary(large_tour, stops.head(1), t)
    assert summary.count(";") == one_stop.count(";") + LISTED_STOPS_MAX
    assert t.plural("itinerary.route_more", more, route="").lstrip("; ") in summary
    overview = overview_card(large_tour, stops, t).body
    heading = f"**{md(t.plural('count.tour_stops', len(stops)))}**"
    listed, said_more, _ = overview.partition(md(t.plural("panel.more_tour_stops", more)))
    assert said_more
    assert listed.split(heading)[1].count("\n\n- ") == LISTED_STOPS_MAX
    # Twice the stops, about the same length: other names may come first, the counts have
    # more digits (a list of 800 more stops would be some 20,000 characters longer).
    doubled = pd.concat([stops, stops.assign(event_id=stops["event_id"] + "-again")])
    assert abs(len(map_summary(large_tour, doubled, t)) - len(summary)) < 100


def test_one_more_stop_than_the_list_holds_is_said_in_the_singular(tour, monkeypatch):
    stops = tour.events[tour.events["kind"] == "tour-stop"]
    monkeypatch.setattr("goodwill.itinerary.LISTED_STOPS_MAX", len(stops) - 1)
    monkeypatch.setattr("goodwill.panels.LISTED_STOPS_MAX", len(stops) - 1)
    assert "and 1 more tour stop, which" in map_summary(tour, tour.events, EN)
    assert "y 1 escala de la gira más" in map_summary(tour, tour.events, ES)
    assert md("… and 1 more tour stop:") in overview_card(tour, tour.events, EN).body
