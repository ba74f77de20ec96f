"""The story's offline archive: one HTML file that holds the map, every place's panel, the
itinerary, the corrections log and how to cite it, in every language, and opens from disk
with no server and no internet.

Everything a reader reads in it is made by the functions the app uses
(:mod:`goodwill.panels`, :mod:`goodwill.itinerary`, :mod:`goodwill.changes`), from the
package translated into each language, as the same Markdown the app shows; that Markdown
(every data text in it escaped, :func:`goodwill.text.checked_markdown`) is rendered to
HTML here, once, by a CommonMark renderer that escapes text and refuses unsafe links. The
few pieces of HTML written here put data text only through
:func:`goodwill.text.escape_html`. The page's own script (``static/goodwill/archive.js``)
only shows and hides what is already in the page: a click on a marker shows that place's
panel, a language button shows that language. It never builds markup from data.

The map itself (markers, labels, legend, tooltips) is the app's
(:func:`goodwill.exports.standalone_map`), drawn in the language the archive was made in.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from markdown_it import MarkdownIt

from goodwill import urls
from goodwill.changes import changes_markdown
from goodwill.citation import dashboard_citation, data_version, package_citation, story_credit
from goodwill.dataset import Tour
from goodwill.exports import self_contained, standalone_map
from goodwill.i18n import LANGUAGES, Translator, translator
from goodwill.itinerary import itinerary, map_summary
from goodwill.offline import localize_assets
from goodwill.panels import Card, overview_card, place_cards, place_heading
from goodwill.paths import STATIC_URL
from goodwill.publish import citation_markdown, credit_markdown, license_markdown
from goodwill.text import checked_markdown, escape_html, web_address
from goodwill.text import escape_markdown as md
from goodwill.translations import translated_tour

#: The archive's own script and stylesheet, in static/ (inlined like the map's).
ARCHIVE_SCRIPT = f"{STATIC_URL}/goodwill/archive.js"
ARCHIVE_STYLE = f"{STATIC_URL}/goodwill/archive.css"
#: The panel shown before any place is chosen (an empty place id).
OVERVIEW = ""

# CommonMark as Streamlit reads it for our Markdown: HTML allowed only after
# checked_markdown has made sure in_language's spans are the only HTML there.
_MARKDOWN = MarkdownIt("commonmark", {"html": True})


def markdown_html(markdown: str) -> str:
    """The HTML of Markdown built by ``goodwill`` (``ValueError`` if it holds other HTML
    than :func:`goodwill.text.in_language`'s)."""
    return _MARKDOWN.render(checked_markdown(markdown))


def archive_html(
    package: Tour, events: pd.DataFrame, lang: str, *, app: str | None, made: dt.date
) -> str:
    """The archive of the ``events`` kept (rows of ``package``'s events, or of a
    translation of it: the same index), opening in ``lang``, with every language of the
    app one click away. ``app``: the dashboard's address (:func:`goodwill.urls.app_address`),
    which the credit links to and the citations cite (unknown: no link); ``made``: the day
    the archive is made, the citations' access date.

    Raises :class:`goodwill.exports.StandaloneMapError` if anything in it could still be
    fetched from elsewhere.
    """
    readers = {code: translated_tour(package, code) for code in LANGUAGES}
    t = translator(lang)
    reader = readers[lang]
    fmap = standalone_map(reader, reader.events.loc[events.index], t)
    map_id = fmap.get_name()
    localize_assets(fmap)
    page = fmap.get_root().render()
    sections = [
        _language_section(
            readers[code],
            readers[code].events.loc[events.index],
            code,
            shown=code == lang,
            cite=_Cite(app, made),
        )
        for code in LANGUAGES
    ]
    # The page's frame first, checked and made self-contained as the map alone would be;
    # then the sections, whose only markup is the project's (data text escaped). A fresh
    # token marks where they go, so no data text in the map's scripts can be taken for it.
    token = f"gw-archive-{secrets.token_hex(16)}"
    body = (
        f'<div class="gw-archive">\n<header class="gw-archive-header">{token}-header'
        f"{_language_switch(lang)}</header>\n"
        f'<main class="gw-archive-main">\n<div class="gw-archive-map" lang="{lang}">'
        f'<div class="folium-map" id="{map_id}" ></div></div>\n'
        f'<aside class="gw-archive-panel">{token}-panels</aside>\n</main>\n{token}-after</div>\n'
    )
    page = _replace_once(page, f'<div class="folium-map" id="{map_id}" ></div>', body)
    page = _replace_once(page, "<html>", f'<html lang="{lang}">')
    page = _replace_once(
        page,
        "<head>",
        f"<head>\n<title>{escape_html(t('archive.title', title=reader.title))}</title>\n"
        f'<link rel="stylesheet" href="{ARCHIVE_STYLE}"/>',
    )
    page = _replace_once(page, "</html>", f'<script src="{ARCHIVE_SCRIPT}"></script>\n</html>')
    page = self_contained(page)
    for part in ("header", "panels", "after"):
        page = _replace_once(
            page, f"{token}-{part}", "".join(getattr(section, part) for section in sections)
        )
    return page


@dataclass(frozen=True)
class _Section:
    """One language's share of the archive, as HTML: the header, the panels, and what
    follows the map (the itinerary, the corrections log, how to cite it, the rights),
    each hidden unless its language is shown."""

    header: str
    panels: str
    after: str


@dataclass(frozen=True)
class _Cite:
    """Where the dashboard is (``None``: unknown), and the day the archive was made."""

    app: str | None
    made: dt.date


def _language_section(
    tour: Tour, events: pd.DataFrame, lang: str, *, shown: bool, cite: _Cite
) -> _Section:
    t = translator(lang)
    hidden = "" if shown else " hidden"
    # Translators: The archive's heading and title; {title} is the tour's.
    title = escape_html(t("archive.title", title=tour.title))
    header = (
        f'<div class="gw-archive-title" data-gw-lang="{lang}" lang="{lang}"{hidden}>'
        f"<h1>{title}</h1>{markdown_html(_credit(tour, t, cite.app))}"
        f'<p class="gw-archive-note">{escape_html(t("archive.intro"))}</p></div>'
    )
    panels = [_panel(OVERVIEW, [overview_card(tour, events, t)], None, t)]
    for place_id in dict.fromkeys(events["place_id"]):
        heading = place_heading(tour, place_id, t)
        panels.append(_panel(place_id, place_cards(tour, place_id, events, t), heading, t))
    panel_html = (
        f'<div class="gw-archive-panels" data-gw-lang="{lang}" lang="{lang}"{hidden}>'
        f"{''.join(panels)}</div>"
    )
    after = (
        f'<div class="gw-archive-after" data-gw-lang="{lang}" lang="{lang}"{hidden}>'
        f"{_itinerary_html(tour, events, t)}{_changes_html(tour, t)}"
        f"<footer>{_cite_html(tour, t, cite)}<h2>{escape_html(t('sources.heading.rights'))}</h2>"
        f"{markdown_html(md(tour.rights))}</footer></div>"
    )
    return _Section(header, panel_html, after)


def _credit(tour: Tour, t: Translator, app: str | None) -> str:
    """The credit line the embedded dashboard shows (the story's headline, author and
    outlet, and a link to the dashboard), then a link to read the story itself."""
    line = credit_markdown(tour, t, urls.absolute_url(app, urls.MAP.url({"lang": t.lang})))
    story = story_credit(tour)
    if story and (address := web_address(story.url)):
        line += f" · [{md(t('archive.read_story'))}]({address})"
    return line


def _cite_html(tour: Tour, t: Translator, cite: _Cite) -> str:
    """How to cite the dashboard and its data package, as the Sources & data page says
    it: the data version, the licence, and a citation of each, accessed the day the
    archive was made."""
    lines = [md(t("cite.version", version=str(data_version(tour))))]
    lines += [license_markdown(license_, t) for license_ in tour.licenses]
    map_url = urls.absolute_url(cite.app, urls.MAP.url())
    sources_url = urls.absolute_url(cite.app, urls.SOURCES.url())
    citations = (
        (t("cite.dashboard"), dashboard_citation(tour, map_url, cite.made, t)),
        (t("cite.package"), package_citation(tour, sources_url, cite.made, t)),
    )
    # One paragraph, a line each ("  " before a line break is Markdown's hard break).
    version = markdown_html("  \n".join(lines))
    html = f"<h2>{escape_html(t('cite.heading'))}</h2>{version}"
    for heading, citation in citations:
        html += f"<h3>{escape_html(heading)}</h3>{markdown_html(citation_markdown(citation, t))}"
    return html


def _panel(place_id: str, cards: Iterable[Card], heading: str | None, t: Translator) -> str:
    """One place's panel (the overview for :data:`OVERVIEW`): its heading, its cards, each
    card's evidence folded beneath, as in the app."""
    hidden = "" if place_id == OVERVIEW else " hidden"
    parts = [markdown_html(heading)] if heading else []
    for card in cards:
        part = f'<div class="gw-archive-card">{markdown_html(card.body)}'
        if card.evidence:
            part += (
                f'<details class="gw-archive-evidence"><summary>'
                f"{escape_html(t('panel.evidence_and_sources'))}</summary>"
                f"{markdown_html(chr(10).join(card.evidence))}</details>"
            )
        parts.append(part + "</div>")
    if place_id != OVERVIEW:
        parts.append(
            f'<p><button type="button" data-gw-select="{OVERVIEW}">'
            f"{escape_html(t('archive.whole_tour'))}</button></p>"
        )
    return (
        f'<section class="gw-archive-place" data-gw-panel="{escape_html(place_id)}"{hidden}>'
        f"{''.join(parts)}</section>"
    )


def _itinerary_html(tour: Tour, events: pd.DataFrame, t: Translator) -> str:
    """The itinerary: what the map shows in words, then every kept event in date order,
    its place a button that shows the place's panel."""
    rows = [
        f'<li><button type="button" data-gw-select="{escape_html(row.place_id)}">'
        f"{_MARKDOWN.renderInline(checked_markdown(row.place_label))}"
        f"</button>{markdown_html(row.text)}</li>"
        for row in itinerary(tour, events, t)
    ]
    return (
        f'<section class="gw-archive-itinerary"><h2>{escape_html(t("itinerary.heading"))}</h2>'
        f"<p>{escape_html(map_summary(tour, events, t))}</p>"
        f"<ol>{''.join(rows)}</ol></section>"
    )


def _changes_html(tour: Tour, t: Translator) -> str:
    """The corrections log, newest first."""
    changes = changes_markdown(tour, t)
    intro = t("sources.changes_intro") if changes else t("sources.no_changes")
    return (
        f'<section class="gw-archive-changes"><h2>{escape_html(t("sources.heading.changes"))}'
        f"</h2><p>{escape_html(intro)}</p>{markdown_html(chr(10).join(changes))}</section>"
    )


def _language_switch(lang: str) -> str:
    """A button per language, each named in its own language."""
    buttons = "".join(
        f'<button type="button" data-gw-language="{code}" lang="{code}" '
        f'aria-pressed="{"true" if code == lang else "false"}">'
        f"{escape_html(translator(code).t('language.name'))}</button>"
        for code in LANGUAGES
    )
    label = escape_html(translator(lang).t("archive.language"))
    return f'<nav class="gw-archive-languages" aria-label="{label}">{buttons}</nav>'


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise ValueError(f"expected {old!r} once in the rendered map")
    return text.replace(old, new)
