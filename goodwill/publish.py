"""Publishing the dashboard beside a story: the credit line that goes wherever the map
goes (embedded, printed), the ``<iframe>`` snippet an editor pastes into a news page, and
the citation's sentence as Markdown.

Pure functions; :mod:`ui.publish` shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from goodwill import urls
from goodwill.citation import PRIMARY_STORY, Citation, License, citation_parts
from goodwill.dataset import Tour
from goodwill.i18n import Translator
from goodwill.panels import source_words
from goodwill.text import escape_html, in_language, web_address, web_link
from goodwill.text import escape_markdown as md
from goodwill.translations import DATA_LANGUAGE

#: Streamlit's own query parameter: ``embed=true`` hides its header, toolbar and footer,
#: and the app adds its own embedded layout (:mod:`ui.publish`).
EMBED_PARAMETER = "embed"
#: The Sources & data page's "Cite this" heading, so a link can go straight to it.
CITE_ANCHOR = "cite"


@dataclass(frozen=True)
class EmbedSize:
    """An ``<iframe>``'s size in CSS pixels; no ``width`` means as wide as the column it
    is put in (responsive), at that height."""

    width: int | None
    height: int

    @property
    def responsive(self) -> bool:
        return self.width is None


#: The sizes the embed snippet offers: the usual widths of a news page's column, and one
#: that follows the column.
EMBED_SIZES = (EmbedSize(600, 650), EmbedSize(800, 700), EmbedSize(1000, 750), EmbedSize(None, 750))


def embedded_url(url: str) -> str:
    """``url`` (a page of the app, with or without a query) in Streamlit's embed mode."""
    return f"{url}{'&' if '?' in url else '?'}{EMBED_PARAMETER}=true"


def embed_snippet(src: str, title: str, size: EmbedSize) -> str:
    """The ``<iframe>`` that shows the page at ``src`` embedded, ``title`` naming it for
    screen readers; every value escaped for its HTML attribute."""
    if size.responsive:
        dimensions = f'style="width:100%;height:{size.height}px;border:0"'
    else:
        dimensions = f'width="{size.width}" height="{size.height}" style="border:0"'
    return (
        f'<iframe src="{escape_html(embedded_url(src))}" title="{escape_html(title)}" '
        f'{dimensions} loading="lazy"></iframe>'
    )


def credit_markdown(tour: Tour, t: Translator, full_view: str | None = None) -> str:
    """One line of Markdown: the dashboard, the story it is about (its headline as the
    source wrote it, with the project's translation; its author and outlet), and, given
    ``full_view`` (the same view's web address), a link to open it in the full dashboard.
    Data text escaped."""
    parts = [f"**{md(t('app.title'))}**"]
    stories = tour.sources[tour.sources["kind"] == PRIMARY_STORY]
    if not stories.empty:
        story = stories.iloc[0]
        headline = source_words(f"“{md(story['headline'])}”", story, "headline", t, DATA_LANGUAGE)
        byline = ", ".join(md(name) for name in (story["author"], story["outlet"]) if name)
        parts.append(f"{md(t('credit.story'))}: {headline}, {byline}")
    if full_view and (address := web_address(full_view)):
        parts.append(f"[{md(t('credit.open_full'))}]({address})")
    return " · ".join(parts)


def citation_markdown(citation: Citation, t: Translator) -> str:
    """The citation's sentence in Markdown: every piece escaped (keeping the spaces between
    pieces, which escaping trims), the headline marked as written in the data's language."""

    def escaped(text: str, words: bool) -> str:
        inner = in_language(md(text), DATA_LANGUAGE) if words else md(text)
        before = " " if text[:1].isspace() else ""
        after = " " if text[-1:].isspace() else ""
        return f"{before}{inner}{after}"

    return "".join(escaped(text, words) for text, words in citation_parts(citation, t))


def cite_link_markdown(t: Translator) -> str:
    """A link to the Sources & data page's "Cite this", in the reader's language."""
    return f"[{md(t('cite.link'))}]({urls.SOURCES.url({'lang': t.lang})}#{CITE_ANCHOR})"


def license_markdown(license_: License, t: Translator) -> str:
    """The licence by its title (in the reader's language when the tour is translated),
    linked to its web address with the host shown; only named when it has none."""
    title = web_link(license_.title, license_.path) or md(license_.title)
    return f"{md(t('cite.license_heading'))}: {title}"
