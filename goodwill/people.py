"""The people page: every person and group the story names, where and when each appeared,
in what role, and what they said, each with its evidence.

Everything here is pure: functions over a :class:`~goodwill.dataset.Tour` and the events a
:class:`~goodwill.view.View` keeps, returning Markdown (data text escaped) or plain tables.
"""

from __future__ import annotations

import pandas as pd

from goodwill.dataset import Tour
from goodwill.dates import in_date_order
from goodwill.evidence import evidence_blocks, evidence_of
from goodwill.i18n import Translator
from goodwill.panels import Card, event_date, quote_text
from goodwill.text import escape_markdown as md
from goodwill.view import View, default_view, map_url


def appearances_of(tour: Tour, person_id: str, events: pd.DataFrame) -> pd.DataFrame:
    """The person's appearances at the kept ``events``, in date order by the bounds they
    have (:func:`goodwill.dates.in_date_order`: "after 5 August" after the 5 August stop),
    each with its event's columns (prefixed ``event_``) and its place's (``place_``)."""
    mine = tour.appearances[tour.appearances["person_id"] == person_id]
    kept = events.add_prefix("event_").rename(columns={"event_event_id": "event_id"})
    places = tour.places.add_prefix("place_")
    joined = mine.merge(kept, on="event_id").merge(
        places, left_on="event_place_id", right_on="place_place_id"
    )
    ordered = in_date_order(joined, "event_date_start", "event_date_end", then="event_id")
    return ordered.reset_index(drop=True)


def quotes_of(tour: Tour, person_id: str, events: pd.DataFrame) -> pd.DataFrame:
    """The person's quotes made at the kept ``events``, in the order of quotes.csv."""
    quotes = tour.quotes
    return quotes[(quotes["person_id"] == person_id) & quotes["event_id"].isin(events["event_id"])]


def person_summary(person: pd.Series, t: Translator) -> str:
    """“Commissioner, U.S. Customs and Border Protection (CBP) · United States”, with an
    ensemble's size."""
    country = t.country_name(person["country"])
    text = f"{md(person['role'])}, {md(person['organisation'])} · {md(country)}"
    if pd.notna(person.get("members")):
        text += f" · {md(t.plural('panel.members', int(person['members'])))}"
    return f"{md(t.label('person_kind', person['kind']))} · {text}"


def appearance_line(
    appearance: pd.Series, people: pd.DataFrame, t: Translator, map_url: str
) -> str:
    """One appearance, told from the person's side: where, when, what kind of event, in
    what role (on whose behalf), whether the appearance is inferred, and a map link."""
    event = appearance.filter(like="event_").rename(lambda name: name.removeprefix("event_"))
    where = f"{md(appearance['place_name'])} ({md(t.country_name(appearance['place_country']))})"
    text = (
        f"- **{where}** — {md(event_date(event, t))} · "
        f"{md(t.label('event_kind', appearance['event_kind']))} · "
        f"{md(t.label('appearance_role', appearance['role']))}"
    )
    if appearance["on_behalf_of"]:
        behalf = people.loc[appearance["on_behalf_of"], "name"]
        text += f" {md(t('panel.on_behalf_of', name=behalf))}"
    if appearance["inferred"]:
        text += f" · *{md(t('field.inferred'))}: {md(appearance['inference_note'] or '')}*"
    # The URL is built from validated ids and urlencoded, so it needs no escaping.
    return f"{text} · [{md(t('people.show_on_map'))}]({map_url})"


def person_card(
    tour: Tour,
    person_id: str,
    events: pd.DataFrame,
    t: Translator,
    view: View | None = None,
) -> Card:
    """Everything known about one person or group under the current filters: who they
    are, their appearances (with map links) and their quotes, and the evidence of each."""
    people = tour.people.set_index("person_id")
    person = people.loc[person_id]
    view = view or default_view(tour)
    everywhere = map_url(tour, view, t.lang, person=person_id, place=None)
    lines = [
        f"### {md(person['name'])}",
        person_summary(person, t),
        f"[{md(t('people.show_all_on_map'))}]({everywhere})",
    ]
    evidence = [evidence_of(person["name"], person)]

    appearances = appearances_of(tour, person_id, events)
    lines.append(f"**{md(t('people.appearances'))}:**")
    if appearances.empty:
        lines.append(f"*{md(t('people.no_appearances'))}*")
    else:
        lines.append(
            "\n".join(
                appearance_line(
                    row, people, t, map_url(tour, view, t.lang, place=row["event_place_id"])
                )
                for _, row in appearances.iterrows()
            )
        )
        for _, row in appearances.iterrows():
            what = f"{row['place_name']}: {t.label('appearance_role', row['role'])}"
            evidence.append(evidence_of(what, row))

    quotes = quotes_of(tour, person_id, events)
    if not quotes.empty:
        lines.append(f"**{md(t('field.quotes'))}:**")
        for _, quote in quotes.iterrows():
            lines.append(quote_text(quote, people, t))
            evidence.append(evidence_of(t("field.quotes"), quote))
    return Card("\n\n".join(lines), evidence_blocks(tour, evidence, t))


def people_table(tour: Tour, events: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """Everyone in one table with reader-facing column names: plain values, for
    ``st.dataframe`` (which shows text as text, so nothing needs escaping)."""
    kept = tour.appearances[tour.appearances["event_id"].isin(events["event_id"])]
    quotes = tour.quotes[tour.quotes["event_id"].isin(events["event_id"])]
    people = tour.people
    return pd.DataFrame(
        {
            t("field.name"): people["name"],
            t("field.kind"): [t.label("person_kind", kind) for kind in people["kind"]],
            t("field.role"): people["role"],
            t("field.organisation"): people["organisation"],
            t("field.country"): [t.country_name(code) for code in people["country"]],
            t("field.members"): people["members"],
            t("people.appearances"): people["person_id"]
            .map(kept["person_id"].value_counts())
            .fillna(0)
            .astype(int),
            t("field.quotes"): people["person_id"]
            .map(quotes["person_id"].value_counts())
            .fillna(0)
            .astype(int),
        }
    ).reset_index(drop=True)
