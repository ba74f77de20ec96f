"""What the side panels say, as Markdown blocks built from the data.

Pages only render these blocks. Every piece of data text is escaped for Markdown here, so
a quote holding ``[a link](javascript:…)`` or ``<script>`` shows as the characters it is.
Every fact comes with its evidence: the supporting sentence and a link to its source, a
verbatim excerpt told apart from our summary, each shown once (:mod:`goodwill.evidence`).

The blocks are made from a tour in the reader's language
(:func:`goodwill.translations.translated_tour`): the project's wording is in that language,
and the source's words are shown as written, marked with their language
(:func:`goodwill.text.in_language`), with the project's translation under them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
from babel.lists import format_list

from goodwill.dataset import Tour
from goodwill.dates import describe_event_date, format_day, in_date_order
from goodwill.enums import (
    AppearanceRole,
    DatePrecision,
    EventKind,
    EventStatus,
    LocationPrecision,
    PersonKind,
    QuoteKind,
)
from goodwill.evidence import Evidence, evidence_blocks, evidence_of
from goodwill.i18n import N_, Translator
from goodwill.text import escape_markdown as md
from goodwill.text import in_language
from goodwill.translations import DATA_LANGUAGE, translation_column

#: The most tour stops the tour's overview and the summary above the map list one by one:
#: every stop of the shipped tour (six); on a tour of hundreds they say how many more there
#: are, and the itinerary lists them all.
LISTED_STOPS_MAX = 12


@dataclass(frozen=True)
class Card:
    """One event (or the tour as a whole): its Markdown, and its evidence to show folded,
    as Markdown list items, each piece of evidence once (:func:`evidence_blocks`)."""

    body: str
    evidence: list[str] = field(default_factory=list)
    link: str | None = None  # the card's own address (a quote's permalink), to copy


def event_date(event: pd.Series, t: Translator) -> str:
    """The event's date in words, with its precision, marked when inferred."""
    words = describe_event_date(event, t.lang)
    return f"{words} ({t('field.inferred').lower()})" if event["date_inferred"] else words


# What the story gives of an event, one phrase per known field, for the line that says a
# place has little in the story ("The story gives only the city and the day.").
_KNOWN_PLACE = {
    LocationPrecision.VENUE: N_("panel.known.place_venue"),
    LocationPrecision.CITY: N_("panel.known.place_city"),
    LocationPrecision.COUNTRY: N_("panel.known.place_country"),
}
_KNOWN_DATE = {
    DatePrecision.DAY: N_("panel.known.date_day"),
    DatePrecision.MONTH: N_("panel.known.date_month"),
    DatePrecision.LATE_MONTH: N_("panel.known.date_late_month"),
}
# Without a date, what the story says happened there (and that it does not say when).
_KNOWN_UNDATED = {
    EventKind.TOUR_STOP: N_("panel.known.undated_stop"),
    EventKind.EARLIER_MEETING: N_("panel.known.undated_meeting"),
    EventKind.ANNOUNCED_VISIT: N_("panel.known.undated_visit"),
}


def little_in_the_story(tour: Tour, event: pd.Series, t: Translator) -> str | None:
    """One sentence saying what little the story gives of an event ("The story gives only
    the city and the day."), or ``None`` when it gives more: a venue, an audience or a
    quote. Built from which fields are empty, so it is true of any tour."""
    quoted = tour.quotes["event_id"].eq(event["event_id"]).any()
    if event["venue"] or event["audience"] or quoted:
        return None
    place = tour.places.set_index("place_id").loc[event["place_id"]]
    known = [t(_KNOWN_PLACE[place["location_precision"]])]
    if event["date_precision"] in _KNOWN_DATE:
        known.append(t(_KNOWN_DATE[event["date_precision"]]))
    else:
        known.append(t(_KNOWN_UNDATED[event["kind"]]))
    if tour.appearances["event_id"].eq(event["event_id"]).any():
        planned = event["status"] == EventStatus.PLANNED
        known.append(t("panel.known.who_goes" if planned else "panel.known.who_was_there"))
    # Translators: {known} lists what the story gives, joined by the language's "and"
    # (Babel): "the city, the month, and who was there".
    return t("panel.story_gives_only", known=format_list(known, locale=t.locale))


def project_translation(row: Mapping, field: str, t: Translator) -> str | None:
    """The project's translation of the source's words in ``row[field]`` into the
    reader's language, escaped and labelled as the project's; ``None`` when the reader
    reads the data's own language, or when there is no translation."""
    translation = row.get(translation_column(field))
    if t.lang == DATA_LANGUAGE or not isinstance(translation, str):
        return None
    return f"*{md(t('translation.label'))}:* {md(translation)}"


def source_words(markdown: str, row: Mapping, field: str, t: Translator, lang: str) -> str:
    """The source's words of ``row[field]`` (already escaped and styled, in ``markdown``),
    marked as written in ``lang``, then the project's translation in parentheses."""
    words = in_language(markdown, lang)
    translation = project_translation(row, field, t)
    return f"{words} ({translation})" if translation else words


def resolved_against(tour: Tour, event: Mapping, t: Translator) -> str | None:
    """What an inferred date was counted from, in a few words: the event whose date the
    date's source fixes ("Resolved against Tucson, Friday, 5 August 2016, as dated by
    Tucson Sentinel, 8 August 2016"), or for that event itself the source's own date.
    ``None`` for a date that is not inferred, or whose source gives neither."""
    source_id = event.get("date_source_id")
    if not event["date_inferred"] or not isinstance(source_id, str):
        return None
    source = tour.sources.set_index("source_id").loc[source_id]
    if pd.isna(source["published"]):
        return None
    published = format_day(source["published"].date(), t.lang, short=False)
    anchor_id = source.get("anchors_event_id")
    if isinstance(anchor_id, str) and anchor_id != event["event_id"]:
        anchor = tour.events.set_index("event_id").loc[anchor_id]
        place = tour.places.set_index("place_id").loc[anchor["place_id"], "name"]
        # Translators: After an inferred date. {place}, {day}: the event the story's
        # relative dates are counted from; {source} dates it, and was published {published}.
        return t(
            "panel.resolved_against_event",
            place=place,
            day=describe_event_date(anchor, t.lang),
            source=source["outlet"],
            published=published,
        )
    # Translators: After an inferred date: it was counted from the day {source} was
    # published ({published}).
    return t("panel.resolved_against_source", source=source["outlet"], published=published)


def place_heading(tour: Tour, place_id: str, t: Translator) -> str:
    """The place's title, then its venue and how precisely it is located."""
    return f"{place_title(tour, place_id, t)}\n\n{place_details(tour, place_id, t)}"


def place_title(tour: Tour, place_id: str, t: Translator) -> str:
    """“### Nogales · Sonora · Mexico”."""
    place = tour.places.set_index("place_id").loc[place_id]
    where = [place["name"]]
    if place["admin_area"] and place["admin_area"] != place["name"]:
        where.append(place["admin_area"])
    where.append(t.country_name(place["country"]))
    return f"### {' · '.join(md(part) for part in where)}"


def place_details(tour: Tour, place_id: str, t: Translator) -> str:
    """The venue, when there is one, and how precisely the place is located."""
    place = tour.places.set_index("place_id").loc[place_id]
    precision = t.label("location_precision", place["location_precision"])
    # The venue on a line of its own: the heading names the place as everywhere else.
    venue = f"**{md(t('field.venue'))}:** {md(place['venue'])}\n\n" if place["venue"] else ""
    return f"{venue}*{md(precision)}: {md(place['coordinates_note'])}*"


def place_cards(tour: Tour, place_id: str, events: pd.DataFrame, t: Translator) -> list[Card]:
    """One card per kept event at the place, in date order."""
    here = in_date_order(events[events["place_id"] == place_id], then="event_id")
    place = tour.places.set_index("place_id").loc[place_id]
    place_evidence = evidence_of(t("field.place"), place)
    return [
        event_card(tour, event, t, extra_evidence=[place_evidence]) for _, event in here.iterrows()
    ]


def event_card(
    tour: Tour, event: pd.Series, t: Translator, extra_evidence: list[Evidence] | None = None
) -> Card:
    """Everything known about one event: date (and what an inferred one was resolved
    against), venue, audience, who was there, what they said, and the evidence for each."""
    people = tour.people.set_index("person_id")
    date = (
        f"**{md(t('field.date'))}:** {md(event_date(event, t))} — "
        f"{md(t('panel.story_words'))} "
        + source_words(f"“{md(event['date_words'])}”", event, "date_words", t, DATA_LANGUAGE)
    )
    lines = [kind_and_status(event, t), with_resolution(date, tour, event, t)]
    if little := little_in_the_story(tour, event, t):
        lines.append(f"*{md(little)}*")
    evidence = event_evidence(event, t("panel.event"), t)
    if event["venue"]:
        lines.append(f"**{md(t('field.venue'))}:** {md(event['venue'])}")
    if event["audience"]:
        lines.append(f"**{md(t('field.audience'))}:** {md(event['audience'])}")

    appearances = tour.appearances[tour.appearances["event_id"] == event["event_id"]]
    for kind, heading in (
        (PersonKind.PERSON, N_("field.officials")),
        (PersonKind.ENSEMBLE, N_("field.ensembles")),
    ):
        rows = appearances[appearances["person_id"].map(people["kind"]) == kind]
        if not rows.empty:
            lines.append(f"**{md(t(heading))}:**")
            evidence += appearance_entries(rows, people, t, lines)
    quotes = tour.quotes[tour.quotes["event_id"] == event["event_id"]]
    if not quotes.empty:
        lines.append(f"**{md(t('field.quotes'))}:**")
        for _, row in quotes.iterrows():
            lines.append(quote_text(row, people, t))
    return evidence_card(lines, tour, event, [*evidence, *(extra_evidence or [])], t)


def kind_and_status(event: pd.Series, t: Translator) -> str:
    """“**Tour stop** · Held”."""
    return (
        f"**{md(t.label('event_kind', event['kind']))}** · "
        f"{md(t.label('event_status', event['status']))}"
    )


def with_resolution(date: str, tour: Tour, event: pd.Series, t: Translator) -> str:
    """The Markdown line of an event's ``date``, followed, when the date is inferred, by
    what it was resolved against (:func:`resolved_against`)."""
    if against := resolved_against(tour, event, t):
        # A line break in the same paragraph: the date and what it was counted from.
        return f"{date}  \n*{md(against)}*"
    return date


def event_evidence(event: pd.Series, what: str, t: Translator) -> list[Evidence]:
    """The evidence of an event (supporting ``what``) and, for an inferred date, of the
    date it was counted from."""
    evidence = [evidence_of(what, event)]
    if event["date_inferred"] and event["date_evidence"] and event["date_source_id"]:
        evidence.append(
            evidence_of(t("panel.date_anchor"), event, "date_evidence", "date_source_id")
        )
    return evidence


def evidence_card(
    lines: list[str], tour: Tour, event: pd.Series | None, evidence: list[Evidence], t: Translator
) -> Card:
    """A card of ``lines`` whose folded evidence says first how the ``event``'s date was
    resolved (when it is inferred), then each piece of ``evidence`` once."""
    notes = []
    if event is not None and event["date_inferred"]:
        notes.append(f"- **{md(t('panel.how_dated'))}**: {md(event['date_resolution'])}")
    return Card("\n\n".join(lines), notes + evidence_blocks(tour, evidence, t))


def appearance_entries(
    appearances: pd.DataFrame, people: pd.DataFrame, t: Translator, lines: list[str]
) -> list[Evidence]:
    """Add a bullet per appearance to ``lines``; return their evidence."""
    evidence = []
    for _, appearance in appearances.iterrows():
        person = people.loc[appearance["person_id"]]
        lines.append(f"- {appearance_text(person, appearance, people, t)}")
        evidence.append(evidence_of(person["name"], appearance))
    return evidence


def headline_quote(
    quotes: pd.DataFrame, people: pd.DataFrame, t: Translator, lines: list[str]
) -> list[Evidence]:
    """Add the first direct quote of ``quotes`` to ``lines`` under its heading; return its
    evidence (nothing when there is no direct quote)."""
    verbatim = quotes[quotes["kind"] == QuoteKind.FULL_QUOTE]
    if verbatim.empty:
        return []
    headline = verbatim.iloc[0]
    lines.append(f"**{md(t('panel.headline_quote'))}:**")
    lines.append(quote_text(headline, people, t))
    return [evidence_of(t("field.quotes"), headline)]


def appearance_text(
    person: pd.Series, appearance: pd.Series, people: pd.DataFrame, t: Translator
) -> str:
    """“R. Gil Kerlikowske — Commissioner, CBP · Speaker”, with whom a speaker spoke for,
    an ensemble's size, and how an inferred appearance was read."""
    text = f"**{md(person['name'])}** — {md(person['role'])}, {md(person['organisation'])}"
    if pd.notna(person.get("members")):
        # Translators: The size of an ensemble: the police's mariachi band has 14 pieces.
        text += f" ({md(t.plural('panel.members', int(person['members'])))})"
    if appearance["on_behalf_of"]:
        # "Speaker, on behalf of …": the role's own label would say "on behalf" twice.
        behalf = people.loc[appearance["on_behalf_of"], "name"]
        speaker = t.label("appearance_role", AppearanceRole.SPEAKER)
        role = f"{speaker}, {t('panel.on_behalf_of', name=behalf)}"
    else:
        role = t.label("appearance_role", appearance["role"])
    text += f" · {md(role)}"
    if appearance["inferred"]:
        text += f" · *{md(t('field.inferred'))}: {md(appearance['inference_note'] or '')}*"
    return text


def quote_text(row: pd.Series, people: pd.DataFrame, t: Translator) -> str:
    """A quote as a block quote: verbatim words in quotation marks, a paraphrase as the
    story's own words, both marked with the language they are reported in; the project's
    translation under them; then who said it, the topic and that language."""
    words = (
        f"“{md(row['text'])}”" if row["kind"] != QuoteKind.PARAPHRASE else f"*{md(row['text'])}*"
    )
    quoted = [f"> {in_language(words, row['reported_language'])}"]
    if translation := project_translation(row, "text", t):
        quoted += [">", f"> {translation}"]
    speaker = people.loc[row["person_id"], "name"]
    details = " · ".join(
        [
            md(t.label("quote_kind", row["kind"])),
            md(t.label("topic", row["topic"])),
            md(t.label("reported_language", row["reported_language"])),
        ]
    )
    return "\n".join([*quoted, ">", f"> — **{md(speaker)}** · {details}"])


def overview_card(tour: Tour, events: pd.DataFrame, t: Translator) -> Card:
    """The tour as a whole, before any place is chosen: its stops in date order, the
    officials, and the headline quote."""
    places = tour.places.set_index("place_id")
    stops = in_date_order(events[events["kind"] == EventKind.TOUR_STOP], then="event_id")
    lines = [f"### {md(t('panel.overview_title'))}", md(tour.description)]
    if stops.empty:
        lines.append(md(t("events.none_match")))
    else:
        lines.append(f"**{md(t.plural('count.tour_stops', len(stops)))}**")
        listed = stops.head(LISTED_STOPS_MAX)
        lines += [
            f"- {md(places.loc[stop['place_id'], 'name'])} "
            f"({md(t.country_name(places.loc[stop['place_id'], 'country']))}): "
            f"{md(event_date(stop, t))}"
            for _, stop in listed.iterrows()
        ]
        if more := len(stops) - len(listed):
            # Translators: After the list of the first tour stops, on a tour of hundreds.
            lines.append(md(t.plural("panel.more_tour_stops", more)))
    people = tour.people.set_index("person_id")
    officials = people[
        (people["kind"] == PersonKind.PERSON) & people.index.isin(tour.appearances["person_id"])
    ]
    if not officials.empty:
        lines.append(f"**{md(t('field.officials'))}:**")
        lines += [
            f"- **{md(person['name'])}** — {md(person['role'])}, {md(person['organisation'])}"
            for _, person in officials.iterrows()
        ]
    evidence = headline_quote(tour.quotes, people, t, lines)
    lines.append(md(t("panel.choose_place")))
    return evidence_card(lines, tour, None, evidence, t)
