"""Specification of the people page's domain: who appeared where and when, in what role,
what they said, and the way back to the map."""

import re
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

from goodwill import urls
from goodwill.i18n import translator
from goodwill.people import appearances_of, people_table, person_card, quotes_of
from goodwill.view import default_view, filter_events, map_url

EN = translator("en")
ES = translator("es")


def test_kerlikowske_spoke_in_tucson_and_plans_the_central_america_visits(tour):
    appearances = appearances_of(tour, "kerlikowske", tour.events)
    roles = dict(zip(appearances["event_id"], appearances["role"], strict=True))
    assert roles["tucson-2016-08-05"] == "speaker"
    assert {roles[e] for e in ("guatemala-visit", "el-salvador-visit", "honduras-visit")} == {
        "planned-visitor"
    }


def test_appearances_are_in_date_order_with_undated_visits_placed_by_their_bound(tour):
    events = list(appearances_of(tour, "kerlikowske", tour.events)["event_id"])
    assert events[:2] == ["mcallen-2016-07", "reynosa-2016-07"]
    assert events.index("tucson-2016-08-05") < events.index("tijuana-2016-08-late")
    # "After 5 August, date unknown" comes after the 5 August stop, not before it.
    for visit in ("guatemala-visit", "el-salvador-visit", "honduras-visit"):
        assert events.index("tucson-2016-08-05") < events.index(visit)


def test_canales_spoke_on_behalf_of_galindo_ceballos(tour):
    body = person_card(tour, "canales", tour.events, EN).body
    assert (
        "Tour stop · Spoke on someone else\\'s behalf on behalf of Enrique Galindo Ceballos" in body
    )


def test_the_card_dates_in_words_and_marks_inferred_appearances(tour):
    body = person_card(tour, "galindo-ceballos", tour.events, EN).body
    assert "July 2016 \\(inferred\\)" in body
    assert "*Inferred: The story says “they visited”" in body


def test_the_card_in_spanish_uses_spanish_dates_and_labels(tour):
    body = person_card(tour, "kerlikowske", tour.events, ES).body
    assert "viernes, 5 de agosto de 2016" in body
    assert f"[Ver en el mapa]({urls.MAP.url({'place': 'pima-west-campus', 'lang': 'es'})})" in body


def test_the_card_lists_the_persons_quotes_and_evidence_for_each(tour):
    card = person_card(tour, "canales", tour.events, EN)
    assert "In Mexico, we understand that if each of us only works on our side" in card.body
    # The person, one appearance and three quotes rest on three sentences: each is shown
    # once, with all it supports.
    rows = [
        tour.people[tour.people["person_id"] == "canales"],
        tour.appearances[tour.appearances["person_id"] == "canales"],
        tour.quotes[tour.quotes["person_id"] == "canales"],
    ]
    sentences = {(r["source_id"], r["evidence"]) for frame in rows for _, r in frame.iterrows()}
    assert sum(len(frame) for frame in rows) == 5
    assert len(card.evidence) == len(sentences) == 3


def test_a_group_shows_its_size(tour):
    assert "14 pieces" in person_card(tour, "mariachi", tour.events, EN).body


def test_the_author_has_no_appearance_and_says_so(tour):
    assert "No appearances under the current filters" in (
        person_card(tour, "khmara", tour.events, EN).body
    )


def test_the_country_filter_of_the_view_narrows_appearances_and_quotes(tour):
    only_mexico = filter_events(tour, replace(default_view(tour), countries=frozenset({"MX"})))
    events = set(appearances_of(tour, "kerlikowske", only_mexico)["event_id"])
    assert events == {"reynosa-2016-07", "tijuana-2016-08-late"}
    assert quotes_of(tour, "kerlikowske", only_mexico).empty  # all said in Tucson


def test_the_map_link_opens_the_place_in_the_language(tour):
    link = map_url(tour, default_view(tour), "es", place="pima-west-campus")
    assert link == urls.MAP.url({"place": "pima-west-campus", "lang": "es"})


def test_the_map_link_carries_the_filters_of_the_view(tour):
    view = replace(default_view(tour), countries=frozenset({"US", "MX"}), statuses={"held"})
    query = parse_qs(urlsplit(map_url(tour, view, "en", place="reynosa")).query)
    assert urlsplit(map_url(tour, view, "en", place="reynosa")).path == urls.MAP.url()
    assert query == {
        "place": ["reynosa"],
        "country": ["US,MX"],
        "status": ["held"],
        "lang": ["en"],
    }


def test_hostile_names_are_escaped(tour):
    people = tour.people.copy()
    people.loc[people["person_id"] == "canales", "name"] = (
        "<script>alert(1)</script>[x](javascript:alert(1))"
    )
    body = person_card(replace(tour, people=people), "canales", tour.events, EN).body
    assert not re.search(r"(?<!\\)<script", body), "a raw tag"
    assert "](javascript" not in body


def test_the_table_counts_appearances_and_quotes_under_the_filters(tour):
    table = people_table(tour, tour.events, EN).set_index("Name")
    assert table.loc["Damián Canales", "Appearances"] == 1
    assert table.loc["Damián Canales", "Quotes"] == 3
    assert table.loc["Mexican Federal Police Mariachi band", "Members"] == 14


def test_a_person_card_links_to_the_map_narrowed_to_that_person(tour):
    body = person_card(tour, "canales", tour.events, EN).body
    assert "(/?person=canales&lang=en)" in body
