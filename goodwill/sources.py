"""The Sources & data page in Markdown and tables: where every fact comes from, how the
dates were resolved, what was repaired in the received text, and the data dictionary.

Pure functions over a :class:`~goodwill.dataset.Tour` (and its descriptor); data text is
escaped for Markdown here, so the page only shows what it is given.
"""

from __future__ import annotations

import pandas as pd

from goodwill.dataset import Tour
from goodwill.dates import format_day
from goodwill.i18n import N_, Translator
from goodwill.panels import evidence_line, project_translation
from goodwill.story import MOJIBAKE_REPAIRS
from goodwill.text import escape_markdown as md
from goodwill.text import in_language, shown_host, web_address
from goodwill.translations import DATA_LANGUAGE


def source_cards(tour: Tour, t: Translator) -> list[str]:
    """One Markdown block per source: outlet, headline (a link when it has a web address;
    the source's words, with the project's translation), author, publication date and what
    the dashboard takes from it; data text escaped."""
    cards = []
    for _, source in tour.sources.iterrows():
        url = source["url"] or ""
        headline = in_language(f"*{md(source['headline'])}*", DATA_LANGUAGE)
        if address := web_address(url):
            # The host it goes to, beside the headline (goodwill.text.web_link).
            headline = f"[{headline} · {md(shown_host(url))}]({address})"
        lines = [f"**{md(source['outlet'])}**: {headline}"]
        if translation := project_translation(source, "headline", t):
            lines.append(translation)
        if source["author"]:
            lines.append(f"{md(t('sources.author'))}: {md(source['author'])}")
        if pd.notna(source["published"]):
            published = format_day(source["published"].date(), t.lang, short=False)
            lines.append(f"{md(t('sources.published'))}: {md(published)}")
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
        anchors = group.dropna(subset=["date_source_id", "date_evidence"]).drop_duplicates(
            ["date_source_id", "date_evidence"]
        )
        lines += [
            evidence_line(
                tour, t("sources.anchored_by"), anchor, t, "date_evidence", "date_source_id"
            )
            for _, anchor in anchors.iterrows()
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

# Table Schema's field types, in the reader's language; another type is shown as written.
_TYPES = {
    "string": N_("schema.type.string"),
    "number": N_("schema.type.number"),
    "integer": N_("schema.type.integer"),
    "boolean": N_("schema.type.boolean"),
    "date": N_("schema.type.date"),
    "datetime": N_("schema.type.datetime"),
    "year": N_("schema.type.year"),
}
_BOUNDS = (
    ("minimum", N_("schema.constraint.minimum")),
    ("maximum", N_("schema.constraint.maximum")),
    ("minLength", N_("schema.constraint.min_length")),
    ("maxLength", N_("schema.constraint.max_length")),
)


def describe_constraints(constraints: dict, t: Translator) -> str:
    """A field's constraints in one line: allowed values (the codes, as the CSV holds
    them), range, length, pattern, unique."""
    parts = []
    if "enum" in constraints:
        codes = ", ".join(str(value) for value in constraints["enum"])
        parts.append(t("schema.constraint.one_of", values=codes))
    for key, message in _BOUNDS:
        if key in constraints:
            parts.append(t(message, value=constraints[key]))
    if "pattern" in constraints:
        parts.append(t("schema.constraint.pattern", pattern=constraints["pattern"]))
    if constraints.get("unique"):
        parts.append(t("schema.constraint.unique"))
    return "; ".join(parts)


def data_dictionary(descriptor: dict, t: Translator) -> dict[str, pd.DataFrame]:
    """``{table name: its dictionary}`` from a Data Package descriptor: one row per field
    with its type, whether it is required, its constraints and its description (for a
    reader of another language, pass :func:`goodwill.translations.translated_descriptor`'s
    copy, whose descriptions are in that language)."""
    tables = {}
    for resource in descriptor.get("resources", []):
        schema = resource.get("schema", {})
        primary = schema.get("primaryKey", [])
        primary = [primary] if isinstance(primary, str) else primary
        rows = []
        for field in schema.get("fields", []):
            constraints = field.get("constraints", {})
            kind = field.get("type", "string")
            rows.append(
                {
                    "field": field["name"],
                    "type": t(_TYPES[kind]) if kind in _TYPES else kind,
                    "required": bool(constraints.get("required")) or field["name"] in primary,
                    "constraints": describe_constraints(constraints, t),
                    "description": field.get("description", ""),
                }
            )
        tables[resource["name"]] = pd.DataFrame(rows, columns=list(DICTIONARY_COLUMNS))
    return tables
