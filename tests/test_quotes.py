"""Specification of the quotes page's domain: a search that forgives case and accents,
filters that combine, permalinks, and data text that cannot become markup."""

import re
from dataclasses import replace

import pytest

from goodwill import urls
from goodwill.i18n import translator
from goodwill.quotes import (
    QuoteFilter,
    event_options,
    filter_quotes,
    fold,
    parse_quote_parameter,
    permalink,
    quote_card,
    speaker_options,
)
from goodwill.view import default_view, filter_events

EN = translator("en")
ES = translator("es")
CANALES = {"canales-each-side", "canales-renewed-cooperation", "canales-stronger-connection"}


def ids(tour, events=None, **chosen) -> set[str]:
    found = filter_quotes(tour, tour.events if events is None else events, QuoteFilter(**chosen))
    return set(found["quote_id"])


def test_fold_drops_accents_and_case():
    assert fold("Damián") == fold("DAMIAN") == "damian"


def test_the_search_ignores_accents_and_finds_canales_by_name(tour):
    assert ids(tour, search="damian") == CANALES


def test_the_search_ignores_case(tour):
    found = ids(tour, search="COOPERATION")
    assert "kerlikowske-message-of-cooperation" in found
    assert "kerlikowske-patrols" not in found


def test_every_word_of_the_search_must_match(tour):
    assert ids(tour, search="canales solve") == {"canales-each-side"}


def test_an_empty_search_and_no_filters_keep_every_quote(tour):
    assert ids(tour) == set(tour.quotes["quote_id"])


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        ({"speakers": ["canales"]}, CANALES),
        (
            {"topics": ["joint-patrols-and-communications"]},
            {"kerlikowske-patrols", "kerlikowske-interdict"},
        ),
        ({"kinds": ["quoted-phrase"]}, {"kerlikowske-message-of-cooperation"}),
        ({"speakers": ["canales"], "kinds": ["full-quote"]}, {"canales-each-side"}),
        ({"event_ids": ["nogales-2016-08-04"]}, set()),  # nothing was quoted in Nogales
    ],
)
def test_the_filters_combine(tour, chosen, expected):
    assert ids(tour, **chosen) == expected


def test_the_country_filter_of_the_view_restricts_by_the_quotes_event(tour):
    view = default_view(tour)
    only_mexico = filter_events(tour, replace(view, countries=frozenset({"MX"})))
    only_us = filter_events(tour, replace(view, countries=frozenset({"US"})))
    assert ids(tour, only_mexico) == set()  # every quote is from Tucson
    assert ids(tour, only_us) == set(tour.quotes["quote_id"])


def test_a_quote_link_is_checked_against_the_data(tour):
    assert parse_quote_parameter("canales-each-side", tour) == ("canales-each-side", None)
    assert parse_quote_parameter(None, tour) == (None, None)
    quote_id, notice = parse_quote_parameter("nope", tour)
    assert quote_id is None
    assert (notice.name, notice.value, notice.reason) == (
        "quote",
        "nope",
        "notice.reason.unknown_quote",
    )


def test_the_permalink_opens_the_quotes_page_on_the_quote():
    link = urls.QUOTES.url({"quote": "canales-each-side", "lang": "es"})
    assert permalink("canales-each-side", "es") == link


def test_a_card_says_who_where_when_what_kind_and_links_to_itself(tour):
    quote = tour.quotes.set_index("quote_id", drop=False).loc["canales-each-side"]
    card = quote_card(tour, quote, EN)
    assert "**Damián Canales** — Chief commissioner for intelligence" in card.body
    assert "Friday, 5 August 2016 \\(inferred\\)" in card.body
    assert "Full quote · Trust and cooperation · reported in English" in card.body
    assert "[Link to this quote](/quotes?quote=canales-each-side&lang=en)" in card.body
    assert any("he said" in line for line in card.evidence)


def test_a_card_in_spanish(tour):
    quote = tour.quotes.set_index("quote_id", drop=False).loc["kerlikowske-migration"]
    body = quote_card(tour, quote, ES).body
    assert "viernes, 5 de agosto de 2016" in body
    assert "Estados Unidos" in body


def test_hostile_quote_text_is_escaped(tour):
    hostile = "<script>alert(1)</script>[x](javascript:alert(1))"
    quotes = tour.quotes.copy()
    quotes.loc[quotes["quote_id"] == "canales-each-side", "text"] = hostile
    hostile_tour = replace(tour, quotes=quotes)
    quote = quotes.set_index("quote_id", drop=False).loc["canales-each-side"]
    body = quote_card(hostile_tour, quote, EN).body
    assert not re.search(r"(?<!\\)<script", body), "a raw tag"
    assert "](javascript" not in body


def test_the_filter_choices_come_from_the_data(tour):
    assert list(speaker_options(tour)) == ["kerlikowske", "canales"]
    assert event_options(tour, EN) == {"tucson-2016-08-05": "Tucson, 5 Aug 2016"}
