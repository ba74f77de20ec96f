"""Evidence as a reader sees it: each excerpt once, typed, with what it supports.

A fact's evidence is one of two things, and they must never look alike
(:class:`goodwill.enums.EvidenceKind`, from the cited source's ``cited_as``):

- a **verbatim excerpt** of the source's text: shown as a quotation (a block quote),
  under "Excerpt from <source>";
- **our summary** of a source whose text the project does not hold (the Tucson Sentinel
  report, known through the source notes): shown as plain text, under "Our summary of
  <source>", never in quotation marks.

One sentence often supports several facts of a panel (the McAllen card's event, its place
and both ensembles rest on the same sentence of the story): it is shown once, listing
everything it supports (:func:`evidence_blocks`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from babel.lists import format_list

from goodwill.enums import EvidenceKind
from goodwill.i18n import Translator
from goodwill.text import escape_markdown as md
from goodwill.text import in_language, web_link
from goodwill.translations import DATA_LANGUAGE, translation_column

if TYPE_CHECKING:
    from goodwill.dataset import Tour


@dataclass(frozen=True)
class Evidence:
    """One fact's evidence: what it supports (in the reader's language), the words as the
    package holds them, the source they cite, and the project's translation of them into
    the reader's language (``None`` in the data's own language, or when there is none)."""

    supports: str
    text: str
    source_id: str
    translation: str | None = None


def evidence_of(
    supports: str, row: Mapping, field: str = "evidence", source: str = "source_id"
) -> Evidence:
    """The evidence in ``row[field]``, citing ``row[source]``, supporting ``supports``
    (``row``: a row of a tour in the reader's language, which carries the translations)."""
    translation = row.get(translation_column(field))
    return Evidence(
        supports,
        row[field],
        row[source],
        translation if isinstance(translation, str) and translation else None,
    )


def grouped(items: Iterable[Evidence]) -> list[tuple[Evidence, list[str]]]:
    """Each distinct piece of evidence (by source and words) once, in the order first
    met, with everything it supports, each named once."""
    groups: dict[tuple[str, str], tuple[Evidence, list[str]]] = {}
    for item in items:
        _, supports = groups.setdefault((item.source_id, item.text), (item, []))
        if item.supports not in supports:
            supports.append(item.supports)
    return list(groups.values())


def source_link(tour: Tour, source_id: str) -> str:
    """The source's outlet as a Markdown link, with the host it goes to, when it has a
    web address; else as text."""
    source = tour.sources.set_index("source_id").loc[source_id]
    return web_link(source["outlet"], source["url"] or "") or md(source["outlet"])


def evidence_kind(tour: Tour, source_id: str) -> str:
    """How the package holds the words of ``source_id``: verbatim or our summary."""
    return tour.sources.set_index("source_id").loc[source_id, "cited_as"]


def evidence_block(tour: Tour, evidence: Evidence, supports: list[str], t: Translator) -> str:
    """One Markdown list item: whose words these are ("Excerpt from …", "Our summary of
    …") and what they support, then the words (a block quote when verbatim, plain text
    when a summary) with the project's translation under them, in the same block quote as
    a quote's is; data text escaped."""
    verbatim = evidence_kind(tour, evidence.source_id) == EvidenceKind.VERBATIM
    # Translators: Before a source's name (a link): "Excerpt from Arizona Daily Star".
    whose = t("evidence.excerpt_from") if verbatim else t("evidence.summary_of")
    what = format_list([md(item) for item in supports], locale=t.locale)
    head = (
        f"- *{md(whose)}* {source_link(tour, evidence.source_id)} · "
        f"**{md(t('evidence.supports'))}:** {what}"
    )
    words = in_language(md(evidence.text), DATA_LANGUAGE)
    # Indented under the bullet: part of the same item. A summary is never set as a
    # quotation: it is the project's words about the source, not the source's.
    lines = [words]
    if evidence.translation and t.lang != DATA_LANGUAGE:
        lines += ["", f"*{md(t('translation.label'))}:* {md(evidence.translation)}"]
    prefix = "  > " if verbatim else "  "
    body = "\n".join(f"{prefix}{line}".rstrip() for line in lines)
    return f"{head}\n\n{body}"


def evidence_blocks(tour: Tour, items: Iterable[Evidence], t: Translator) -> list[str]:
    """:func:`evidence_block` of each distinct piece of evidence among ``items``."""
    return [evidence_block(tour, evidence, supports, t) for evidence, supports in grouped(items)]
