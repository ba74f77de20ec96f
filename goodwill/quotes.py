"""The quotes page: every direct quote, quoted phrase and paraphrase, searchable and
filterable, each with who said it, where, when, its evidence and a permalink.

Pure functions over a :class:`~goodwill.dataset.Tour`; the page only wires widgets to them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd
from babel.lists import format_list

from goodwill import urls
from goodwill.dataset import Tour
from goodwill.dates import describe_date_short, in_date_order
from goodwill.enums import ENUMERATIONS, QuoteKind
from goodwill.evidence import evidence_blocks, evidence_of
from goodwill.i18n import N_, Translator
from goodwill.panels import Card, event_date, quote_text
from goodwill.text import escape_markdown as md
from goodwill.text import fold
from goodwill.translations import translation_column
from goodwill.view import Notice

#: The query parameter of a permalink.
QUOTE_PARAMETER = "quote"


@dataclass(frozen=True)
class QuoteFilter:
    """What the reader asked for. An empty collection means "no restriction"."""

    search: str = ""
    speakers: Collection[str] = ()
    topics: Collection[str] = ()
    kinds: Collection[str] = ()
    event_ids: Collection[str] = ()


def filter_quotes(tour: Tour, events: pd.DataFrame, chosen: QuoteFilter) -> pd.DataFrame:
    """The quotes made at the kept ``events`` that match every part of ``chosen``, in date
    order of their events (then in the order of quotes.csv).

    The search looks in the quote's words, the project's translation of them (in a tour
    in the reader's language) and the speaker's name, ignoring case and accents; every
    word of the search must be found.
    """
    quotes = tour.quotes[tour.quotes["event_id"].isin(events["event_id"])]
    for column, wanted in (
        ("person_id", chosen.speakers),
        ("topic", chosen.topics),
        ("kind", chosen.kinds),
        ("event_id", chosen.event_ids),
    ):
        if wanted:
            quotes = quotes[quotes[column].isin(list(wanted))]
    words = fold(chosen.search).split()
    if words:
        names = quotes["person_id"].map(tour.people.set_index("person_id")["name"])
        translated = quotes.get(translation_column("text"), pd.Series("", index=quotes.index))
        haystack = (
            quotes["text"].map(fold) + " " + translated.fillna("").map(fold) + " " + names.map(fold)
        ).tolist()
        quotes = quotes[[all(word in hay for word in words) for hay in haystack]]
    return quotes.loc[quotes["event_id"].map(_event_ranks(tour)).sort_values(kind="stable").index]


def _event_ranks(tour: Tour) -> pd.Series:
    """Each event's place in date order (:func:`goodwill.dates.in_date_order`), by id."""
    ordered = in_date_order(tour.events, then="event_id")["event_id"]
    return pd.Series(range(len(ordered)), index=ordered.to_numpy())


def count_by_kind(quotes: pd.DataFrame, t: Translator) -> str:
    """How many of ``quotes`` there are of each kind, in words: "Matching the filters: 6
    full quotes, 1 quoted phrase and 7 paraphrases" (kinds with none left out). Each kind
    has its own plural message, so that each agrees with its own number, and a paraphrase
    is never counted as a quote."""
    counts = quotes["kind"].value_counts()

    def count(kind: QuoteKind) -> int:
        return int(counts.get(kind, 0))

    parts = {
        QuoteKind.FULL_QUOTE: t.plural("count.full_quotes", count(QuoteKind.FULL_QUOTE)),
        QuoteKind.QUOTED_PHRASE: t.plural("count.quoted_phrases", count(QuoteKind.QUOTED_PHRASE)),
        QuoteKind.PARAPHRASE: t.plural("count.paraphrases", count(QuoteKind.PARAPHRASE)),
    }
    shown = [part for kind, part in parts.items() if count(kind)]
    # Translators: {kinds} lists each kind with its count: "6 full quotes, 1 quoted phrase
    # and 7 paraphrases" (no count of "quotes" in all: a paraphrase is not a quote).
    return t("quotes.matching", kinds=format_list(shown, locale=t.locale))


def parse_quote_parameter(value: str | None, tour: Tour) -> tuple[str | None, Notice | None]:
    """The quote a ``?quote=`` link asks for, or a notice saying why it was ignored."""
    if value is None or value == "":
        return None, None
    if value in set(tour.quotes["quote_id"]):
        return value, None
    return None, Notice(QUOTE_PARAMETER, str(value), N_("notice.reason.unknown_quote"))


def permalink(quote_id: str, lang: str) -> str:
    """The relative URL that opens the quotes page on ``quote_id`` in ``lang``."""
    return urls.QUOTES.url({QUOTE_PARAMETER: quote_id, "lang": lang})


def speaker_options(tour: Tour) -> dict[str, str]:
    """Everyone quoted, id -> name, in the order of people.csv."""
    quoted = set(tour.quotes["person_id"])
    people = tour.people[tour.people["person_id"].isin(quoted)]
    return dict(zip(people["person_id"], people["name"], strict=True))


def topic_options(tour: Tour) -> list[str]:
    """The topics the tour's quotes are about, in the catalog's order."""
    present = set(tour.quotes["topic"])
    return [topic for topic in ENUMERATIONS["topic"] if topic in present]


def kind_options(tour: Tour) -> list[str]:
    """The kinds of quote the tour holds, in the catalog's order."""
    present = set(tour.quotes["kind"])
    return [kind for kind in ENUMERATIONS["quote_kind"] if kind in present]


def event_options(tour: Tour, t: Translator) -> dict[str, str]:
    """Every event with a quote, id -> "place, short date", in date order."""
    events = tour.events[tour.events["event_id"].isin(tour.quotes["event_id"])]
    places = tour.places.set_index("place_id")["name"]
    events = in_date_order(events, then="event_id")
    return {
        event["event_id"]: f"{places[event['place_id']]}, "
        + describe_date_short(
            None if pd.isna(event["date_start"]) else event["date_start"].date(),
            None if pd.isna(event["date_end"]) else event["date_end"].date(),
            event["date_precision"],
            event["status"],
            t.lang,
        )
        for _, event in events.iterrows()
    }


def quote_card(tour: Tour, quote: pd.Series, t: Translator) -> Card:
    """One quote: its words, who said it (role, organisation), where and when, the kind of
    quote and language it is reported in, a permalink, and its evidence."""
    people = tour.people.set_index("person_id")
    person = people.loc[quote["person_id"]]
    event = tour.events.set_index("event_id").loc[quote["event_id"]]
    place = tour.places.set_index("place_id").loc[event["place_id"]]
    where = f"{md(place['name'])} ({md(t.country_name(place['country']))})"
    lines = [
        quote_text(quote, people, t),
        f"**{md(person['name'])}** — {md(person['role'])}, {md(person['organisation'])}",
        f"**{md(t('field.place'))}:** {where} · **{md(t('field.date'))}:** "
        f"{md(event_date(event, t))}",
        # Built from a validated id and urlencoded: nothing to escape in the URL.
        f"[{md(t('quotes.permalink'))}]({permalink(quote['quote_id'], t.lang)})",
    ]
    evidence = [evidence_of(t("field.quotes"), quote)]
    appearance = tour.appearances[
        (tour.appearances["event_id"] == quote["event_id"])
        & (tour.appearances["person_id"] == quote["person_id"])
    ]
    for _, row in appearance.iterrows():
        evidence.append(evidence_of(person["name"], row))
    return Card(
        "\n\n".join(lines),
        evidence_blocks(tour, evidence, t),
        link=permalink(quote["quote_id"], t.lang),
    )
