"""The Sources & data page in Markdown and tables: where every fact comes from, how the
dates were resolved, what was repaired in the received text, and the data dictionary.

Pure functions over a :class:`~goodwill.dataset.Tour` (and its descriptor); data text is
escaped for Markdown here, so the page only shows what it is given.
"""

from __future__ import annotations

import pandas as pd

from goodwill.dataset import Tour
from goodwill.i18n import Translator
from goodwill.panels import evidence_line
from goodwill.story import MOJIBAKE_REPAIRS
from goodwill.text import escape_markdown as md
from goodwill.text import web_address, web_link


def source_cards(tour: Tour, t: Translator) -> list[str]:
    """One Markdown block per source: outlet, headline (a link when it has a web address),
    author, publication date and what the dashboard takes from it; data text escaped."""
    cards = []
    for _, source in tour.sources.iterrows():
        url = source["url"] or ""
        headline = web_link(source["headline"], url) or md(source["headline"])
        lines = [f"**{md(source['outlet'])}**: *{headline}*"]
        if source["author"]:
            lines.append(f"{md(t('sources.author'))}: {md(source['author'])}")
        if pd.notna(source["published"]):
            lines.append(f"{md(t('sources.published'))}: {md(source['published'].date())}")
        if url and not web_address(url):
            # A file of the data package (the source notes): named, not linked.
            lines.append(f"{md(t('sources.address'))}: {md(url)}")
        lines.append(f"{md(t('sources.used_for'))}: {md(source['used_for'])}")
        cards.append("\n\n".join(lines))
    return cards


def date_resolution_cards(tour: Tour, events: pd.DataFrame, t: Translator) -> list[str]:
    """One Markdown block per distinct way the kept events' dates were resolved: the
    resolution, the places it applies to, and the source (and sentence) that anchors it."""
    places = tour.places.set_index("place_id")["name"]
    inferred = events[events["date_inferred"] & events["date_resolution"].notna()]
    cards = []
    for resolution, group in inferred.groupby("date_resolution", sort=False):
        where = ", ".join(dict.fromkeys(md(places[place]) for place in group["place_id"]))
        lines = [md(resolution), f"{md(t('sources.applies_to'))}: {where}"]
        anchors = group[["date_source_id", "date_evidence"]].dropna().drop_duplicates()
        lines += [
            evidence_line(tour, t("sources.anchored_by"), evidence, source_id, t)
            for source_id, evidence in anchors.itertuples(index=False)
        ]
        cards.append("\n\n".join(lines))
    return cards


def _code_points(text: str) -> str:
    return " ".join(f"U+{ord(char):04X}" for char in text)


def repair_table() -> pd.DataFrame:
    """The encoding repairs made to the received text: what was received, what it truly
    reads, and the code points of both (so a reader can see damage a font would hide)."""
    return pd.DataFrame(
        [
            (damaged, _code_points(damaged), true, _code_points(true))
            for damaged, true in MOJIBAKE_REPAIRS
        ],
        columns=["received", "received_code_points", "true", "true_code_points"],
    )


DICTIONARY_COLUMNS = ("field", "type", "required", "constraints", "description")


def describe_constraints(constraints: dict) -> str:
    """A field's constraints in one line: allowed values, range, length, pattern, unique."""
    parts = []
    if "enum" in constraints:
        parts.append("one of: " + ", ".join(str(value) for value in constraints["enum"]))
    for key, word in (
        ("minimum", "min"),
        ("maximum", "max"),
        ("minLength", "min length"),
        ("maxLength", "max length"),
    ):
        if key in constraints:
            parts.append(f"{word} {constraints[key]}")
    if "pattern" in constraints:
        parts.append(f"pattern {constraints['pattern']}")
    if constraints.get("unique"):
        parts.append("unique")
    return "; ".join(parts)


def data_dictionary(descriptor: dict) -> dict[str, pd.DataFrame]:
    """``{table name: its dictionary}`` from a Data Package descriptor: one row per field
    with its type, whether it is required, its constraints and its description."""
    tables = {}
    for resource in descriptor.get("resources", []):
        schema = resource.get("schema", {})
        primary = schema.get("primaryKey", [])
        primary = [primary] if isinstance(primary, str) else primary
        rows = []
        for field in schema.get("fields", []):
            constraints = field.get("constraints", {})
            rows.append(
                {
                    "field": field["name"],
                    "type": field.get("type", "string"),
                    "required": bool(constraints.get("required")) or field["name"] in primary,
                    "constraints": describe_constraints(constraints),
                    "description": field.get("description", ""),
                }
            )
        tables[resource["name"]] = pd.DataFrame(rows, columns=list(DICTIONARY_COLUMNS))
    return tables
