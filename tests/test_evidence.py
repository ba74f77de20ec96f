"""Every fact's standing: evidence typed (a verbatim excerpt, or our summary), each piece
shown once with all it supports, and what an inferred date was resolved against."""

import re

import pytest
from markdown_it import MarkdownIt

from goodwill.dates import in_date_order
from goodwill.evidence import Evidence, evidence_blocks, grouped
from goodwill.i18n import translator
from goodwill.map.data import place_summaries
from goodwill.panels import place_cards, resolved_against
from goodwill.quotes import count_by_kind
from goodwill.sources import date_resolution_cards, source_cards
from goodwill.translations import translated_tour
from goodwill.view import default_view, filter_events

EN = translator("en")
# The Sentinel's evidence: the source notes' summary of a report the project does not hold.
SENTINEL_SUMMARY = "The Friday before 2016-08-08 is 2016-08-05."
#: The Sentinel named as the source: its outlet and the host its link goes to.
SENTINEL_LINK = "[Tucson Sentinel · www\\.tucsonsentinel\\.com]"
_MARKDOWN = MarkdownIt("commonmark", {"html": True})


def rendered(markdown: str) -> str:
    return _MARKDOWN.render(markdown)


def blockquotes(html: str) -> list[str]:
    return re.findall(r"<blockquote>(.*?)</blockquote>", html, flags=re.DOTALL)


def kept(tour):
    return filter_events(tour, default_view(tour))


def test_one_sentence_supporting_many_facts_is_shown_once_listing_them(tour):
    (card,) = place_cards(tour, "mcallen", kept(tour), EN)
    sentence = '> <span lang="en">Traveling to sister cities in both countries'
    # Before, the same sentence was listed four times: for the event, both ensembles and
    # the place.
    (block,) = [block for block in card.evidence if sentence in block]
    for what in ("Event", "Mexican Federal Police Mariachi band", "Place"):
        assert what in block.split("\n")[0]


def test_grouping_keys_on_source_and_words_and_names_each_fact_once():
    items = [
        Evidence("Event", "same words", "star"),
        Evidence("Place", "same words", "star"),
        Evidence("Event", "same words", "star"),
        Evidence("Date", "same words", "notes"),
    ]
    assert [(e.source_id, supports) for e, supports in grouped(items)] == [
        ("star", ["Event", "Place"]),
        ("notes", ["Date"]),
    ]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_summary_is_never_shown_as_a_quotation_and_an_excerpt_always_is(tour, lang):
    t = translator(lang)
    reader = translated_tour(tour, lang)
    (card,) = place_cards(reader, "pima-west-campus", kept(reader), t)
    html = rendered("\n".join(card.evidence))
    quoted = " ".join(blockquotes(html))
    assert SENTINEL_SUMMARY in html
    assert SENTINEL_SUMMARY not in quoted
    assert "Top federal law enforcement officials" in quoted
    (summary,) = [block for block in card.evidence if SENTINEL_LINK in block]
    assert summary.startswith(f"- *{t('evidence.summary_of')}* {SENTINEL_LINK}")
    assert "\n  > " not in summary  # no block quote
    for block in card.evidence:
        if "Arizona Daily Star" in block.split("\n")[0]:
            assert block.startswith(f"- *{t('evidence.excerpt_from')}* ")
            assert "\n\n  > " in block


def test_the_sources_page_shows_the_date_anchor_as_a_summary(tour):
    cards = date_resolution_cards(tour, kept(tour), EN)
    for card in cards:
        html = rendered(card)
        if SENTINEL_SUMMARY in html:
            assert SENTINEL_SUMMARY not in " ".join(blockquotes(html))
            assert f"*Our summary of* {SENTINEL_LINK}" in card


def test_each_source_card_says_how_its_words_are_cited(tour):
    cards = source_cards(tour, EN)
    assert "How its words are cited: Our summary" in cards[1]
    assert "How its words are cited: Verbatim excerpt" in cards[0]


def test_an_inferred_date_says_what_it_was_resolved_against(tour):
    events = tour.events.set_index("event_id", drop=False)
    assert resolved_against(tour, events.loc["mcallen-2016-07"], EN) == (
        "Resolved against Tucson, Friday, 5 August 2016, as dated by Tucson Sentinel "
        "(8 August 2016)"
    )
    # The anchor itself is dated from the report's own date.
    assert resolved_against(tour, events.loc["tucson-2016-08-05"], EN) == (
        "Resolved against the date of Tucson Sentinel: 8 August 2016"
    )
    (card,) = place_cards(tour, "mcallen", kept(tour), EN)
    assert "*Resolved against Tucson, Friday, 5 August 2016" in card.body


def test_the_resolution_reads_in_spanish(tour):
    reader = translated_tour(tour, "es")
    event = reader.events.set_index("event_id", drop=False).loc["guatemala-visit"]
    assert resolved_against(reader, event, translator("es")) == (
        "Resuelta respecto de Tucson, viernes, 5 de agosto de 2016, según la fecha que da "
        "Tucson Sentinel (8 de agosto de 2016)"
    )


def test_quotes_are_counted_by_kind_never_paraphrases_as_quotes(tour):
    counts = tour.quotes["kind"].value_counts()
    text = count_by_kind(tour.quotes, EN)
    assert text == (
        f"Matching the filters: {counts['full-quote']} full quotes, "
        f"{counts['quoted-phrase']} quoted phrase, and {counts['paraphrase']} paraphrases."
    )
    assert count_by_kind(tour.quotes[tour.quotes["kind"] == "paraphrase"].head(1), EN) == (
        "Matching the filters: 1 paraphrase."
    )


def test_lists_put_an_unknown_date_by_its_bound(tour):
    order = list(in_date_order(tour.events, then="event_id")["event_id"])
    # "Before 5 August" (no start) first; "after 5 August" (no end) after the 5 August stop
    # and before late August.
    assert order[:2] == ["mexico-city-meetings", "washington-meetings"]
    assert order.index("tucson-2016-08-05") < order.index("guatemala-visit")
    assert order.index("honduras-visit") < order.index("san-diego-2016-08-late")
    # The place box lists places in the same order.
    places = list(place_summaries(tour, tour.events, EN)["place_id"])
    assert places.index("pima-west-campus") < places.index("guatemala")


def test_evidence_blocks_escape_the_words_and_mark_their_language(tour):
    (block,) = evidence_blocks(tour, [Evidence("x", "[a](javascript:b) <i>", "star")], EN)
    assert "[a](javascript" not in block
    assert "<i>" not in block
    assert '<span lang="en">' in block
