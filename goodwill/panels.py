"""What the side panels say, as Markdown blocks built from the data.

Pages only render these blocks. Every piece of data text is escaped for Markdown here, so
a quote holding ``[a link](javascript:…)`` or ``<script>`` shows as the characters it is.
Every fact comes with its evidence: the supporting sentence and a link to its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from goodwill.dataset import Tour
from goodwill.dates import describe_event_date
from goodwill.enums import AppearanceRole, EventKind, PersonKind, QuoteKind
from goodwill.i18n import Translator
from goodwill.text import escape_markdown as md
from goodwill.text import web_link


@dataclass(frozen=True)
class Card:
    """One event (or the tour as a whole): its Markdown, and its evidence to show folded."""

    body: str
    evidence: list[str] = field(default_factory=list)


def event_date(event: pd.Series, t: Translator) -> str:
    """The event's date in words, with its precision, marked when inferred."""
    words = describe_event_date(event, t.lang)
    return f"{words} ({t('field.inferred').lower()})" if event["date_inferred"] else words


def source_link(tour: Tour, source_id: str) -> str:
    """The source's outlet as a Markdown link, with the host it goes to, when it has a
    web address; else as text."""
    source = tour.sources.set_index("source_id").loc[source_id]
    return web_link(source["outlet"], source["url"] or "") or md(source["outlet"])


def evidence_line(tour: Tour, what: str, evidence: str, source_id: str, t: Translator) -> str:
    """A bullet: what the evidence supports, the sentence itself, and where it is from."""
    return (
        # Italic, not quotation marks: the evidence often opens with its own quote mark.
        f"- **{md(what)}**: *{md(evidence)}* — {t('field.source')}: {source_link(tour, source_id)}"
    )


def place_heading(tour: Tour, place_id: str, t: Translator) -> str:
    place = tour.places.set_index("place_id").loc[place_id]
    where = [place["name"]]
    if place["admin_area"] and place["admin_area"] != place["name"]:
        where.append(place["admin_area"])
    where.append(t.country_name(place["country"]))
    precision = t.label("location_precision", place["location_precision"])
    return (
        f"### {' · '.join(md(part) for part in where)}\n\n"
        f"*{md(precision)}: {md(place['coordinates_note'])}*"
    )


def place_cards(tour: Tour, place_id: str, events: pd.DataFrame, t: Translator) -> list[Card]:
    """One card per kept event at the place, in date order."""
    here = events[events["place_id"] == place_id].sort_values("date_start")
    place = tour.places.set_index("place_id").loc[place_id]
    place_evidence = evidence_line(tour, t("field.place"), place["evidence"], place["source_id"], t)
    return [
        event_card(tour, event, t, extra_evidence=[place_evidence]) for _, event in here.iterrows()
    ]


def event_card(
    tour: Tour, event: pd.Series, t: Translator, extra_evidence: list[str] | None = None
) -> Card:
    """Everything known about one event: date, venue, audience, who was there, what they
    said, and the evidence for each."""
    people = tour.people.set_index("person_id")
    lines = [
        f"**{md(t.label('event_kind', event['kind']))}** · "
        f"{md(t.label('event_status', event['status']))}",
        f"**{md(t('field.date'))}:** {md(event_date(event, t))} — "
        f"{md(t('panel.story_words'))} “{md(event['date_words'])}”",
    ]
    evidence = [evidence_line(tour, t("panel.event"), event["evidence"], event["source_id"], t)]
    if event["date_inferred"]:
        evidence.append(f"- **{md(t('panel.how_dated'))}**: {md(event['date_resolution'])}")
        if event["date_evidence"] and event["date_source_id"]:
            evidence.append(
                evidence_line(
                    tour, t("panel.date_anchor"), event["date_evidence"], event["date_source_id"], t
                )
            )
    if event["venue"]:
        lines.append(f"**{md(t('field.venue'))}:** {md(event['venue'])}")
    if event["audience"]:
        lines.append(f"**{md(t('field.audience'))}:** {md(event['audience'])}")

    appearances = tour.appearances[tour.appearances["event_id"] == event["event_id"]]
    for kind, heading in (
        (PersonKind.PERSON, "field.officials"),
        (PersonKind.ENSEMBLE, "field.ensembles"),
    ):
        rows = appearances[appearances["person_id"].map(people["kind"]) == kind]
        if rows.empty:
            continue
        lines.append(f"**{md(t(heading))}:**")
        for _, appearance in rows.iterrows():
            person = people.loc[appearance["person_id"]]
            lines.append(f"- {appearance_text(person, appearance, people, t)}")
            evidence.append(
                evidence_line(
                    tour, person["name"], appearance["evidence"], appearance["source_id"], t
                )
            )
    quotes = tour.quotes[tour.quotes["event_id"] == event["event_id"]]
    if not quotes.empty:
        lines.append(f"**{md(t('field.quotes'))}:**")
        for _, row in quotes.iterrows():
            lines.append(quote_text(row, people, t))
    return Card("\n\n".join(lines), evidence + (extra_evidence or []))


def appearance_text(
    person: pd.Series, appearance: pd.Series, people: pd.DataFrame, t: Translator
) -> str:
    """“R. Gil Kerlikowske — Commissioner, CBP · Speaker”, with whom a speaker spoke for,
    an ensemble's size, and how an inferred appearance was read."""
    text = f"**{md(person['name'])}** — {md(person['role'])}, {md(person['organisation'])}"
    if pd.notna(person.get("members")):
        text += f" ({md(t('panel.members', count=int(person['members'])))})"
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
    story's own words, then who said it, the topic and the language it is reported in."""
    words = (
        f"“{md(row['text'])}”" if row["kind"] != QuoteKind.PARAPHRASE else f"*{md(row['text'])}*"
    )
    speaker = people.loc[row["person_id"], "name"]
    details = " · ".join(
        [
            md(t.label("quote_kind", row["kind"])),
            md(t.label("topic", row["topic"])),
            md(t.label("reported_language", row["reported_language"])),
        ]
    )
    return f"> {words}\n>\n> — **{md(speaker)}** · {details}"


def overview_card(tour: Tour, events: pd.DataFrame, t: Translator) -> Card:
    """The tour as a whole, before any place is chosen: its stops in date order, the
    officials, and the headline quote."""
    places = tour.places.set_index("place_id")
    stops = events[events["kind"] == EventKind.TOUR_STOP].sort_values(["date_start", "event_id"])
    lines = [f"### {md(t('panel.overview_title'))}", md(tour.description)]
    if stops.empty:
        lines.append(md(t("events.none_match")))
    else:
        lines.append(f"**{md(t('panel.stops', count=len(stops)))}**")
        lines += [
            f"- {md(places.loc[stop['place_id'], 'name'])} "
            f"({md(t.country_name(places.loc[stop['place_id'], 'country']))}): "
            f"{md(event_date(stop, t))}"
            for _, stop in stops.iterrows()
        ]
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
    verbatim = tour.quotes[tour.quotes["kind"] == QuoteKind.FULL_QUOTE]
    evidence = []
    if not verbatim.empty:
        headline = verbatim.iloc[0]
        lines.append(f"**{md(t('panel.headline_quote'))}:**")
        lines.append(quote_text(headline, people, t))
        evidence.append(
            evidence_line(tour, t("field.quotes"), headline["evidence"], headline["source_id"], t)
        )
    lines.append(md(t("panel.choose_place")))
    return Card("\n\n".join(lines), evidence)
