"""Share, embed, print and cite, on screen: the credit line and the Share menu above the
map, the embedded layout, the copy buttons, the citation block and the version footer.

Links that leave the app are absolute: the app's address as the reader's browser reports
it (``st.context.url``), then the route's path and the query the address bar holds. A copy
button is plain HTML with ``static/goodwill/publish.js`` (loaded from the app's own
server, never inline), which copies its text to the clipboard and says so in an
``aria-live`` region.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from goodwill import urls
from goodwill.citation import (
    DataVersion,
    app_version,
    bibtex,
    citation_text,
    csl_json,
    dashboard_citation,
    data_version,
    package_citation,
)
from goodwill.dataset import Tour
from goodwill.i18n import N_, Translator
from goodwill.paths import STATIC_URL
from goodwill.publish import (
    CITE_ANCHOR,
    EMBED_SIZES,
    EmbedSize,
    citation_markdown,
    cite_link_markdown,
    credit_markdown,
    embed_snippet,
    license_markdown,
)
from goodwill.source_notes import Notes, package_notes
from goodwill.text import escape_html
from goodwill.text import escape_markdown as md
from goodwill.translations import DATA_LANGUAGE
from ui.rich_text import show_markdown

_STATIC = Path(__file__).resolve().parents[1] / "static" / "goodwill"
#: Print rules for every page; the embedded layout's rules, only when embedded.
PRINT_CSS = _STATIC / "print.css"
EMBED_CSS = _STATIC / "embed.css"
# By address, not inline, like the map page's script (see ui/frame.py).
_SCRIPT = f'<script src="{STATIC_URL}/goodwill/publish.js"></script>'
#: The credit line's container: static/goodwill/embed.css keeps it and what follows.
PUBLISH_KEY = "gw-publish"
_EMBED_SIZE_KEY = "embed_size"
_VERSION_KEY = "frame_data_version"


def is_embedded() -> bool:
    """Whether the page was opened with Streamlit's ``?embed=true`` (an iframe elsewhere)."""
    return bool(st.context.is_embedded)


def publish_styles() -> None:
    """The print stylesheet, and the embedded layout's when embedded (the frame's)."""
    st.html(PRINT_CSS)
    if is_embedded():
        st.html(EMBED_CSS)


def absolute(link: str) -> str:
    """A route's URL (``/quotes?quote=…``) as an absolute address, when the browser has
    said where the app is."""
    return urls.absolute_url(urls.app_address(st.context.url), link)


def current_view_url() -> str:
    """The map page's address as the address bar holds it: the view, the language and
    whatever else the page keeps in its query (Streamlit's ``embed`` left out)."""
    return absolute(urls.MAP.url(st.query_params.to_dict()))


def reader_today() -> dt.date:
    """Today in the reader's time zone (as the browser says it), else the server's."""
    try:
        return dt.datetime.now(ZoneInfo(st.context.timezone or "")).date()
    except (ZoneInfoNotFoundError, ValueError):
        return dt.date.today()


def copy_button(
    text: str, t: Translator, label: str, *, shown_as: str | None = None, name: str = ""
) -> None:
    """A button that copies ``text``, and says "Copied" to screen readers too.

    ``shown_as`` shows the text beside it: ``"field"`` in a one-line read-only field (a
    link), ``"block"`` in a preformatted block (a snippet, BibTeX); ``None`` shows only
    the button (the text is on the page already); ``name`` is what a screen reader calls
    the shown text. A relative link is made absolute in the browser before it is shown or
    copied.
    """
    st.html(copy_html(text, t, label, shown_as=shown_as, name=name), unsafe_allow_javascript=True)


def copy_html(
    text: str, t: Translator, label: str, *, shown_as: str | None = None, name: str = ""
) -> str:
    """:func:`copy_button`'s HTML: ``text`` (a link, a snippet, a citation: it may hold
    data text) only escaped, in an attribute and an element's content; the rest is the
    catalog's. tests/test_publish.py renders it with every hostile payload."""
    value = escape_html(text)
    shown = ""
    if shown_as == "field":
        shown = (
            f'<input class="gw-copy__text" type="text" readonly value="{value}" '
            f'aria-label="{escape_html(name or label)}">'
        )
    elif shown_as == "block":
        shown = f'<pre class="gw-copy__text" tabindex="0">{value}</pre>'
    return (
        f'<div class="gw-copy">{shown}<div class="gw-copy__row">'
        f'<button type="button" class="gw-copy__button" data-gw-copy="{value}">'
        f"{escape_html(label)}</button>"
        f'<span class="gw-copy__status" role="status" aria-live="polite" '
        f'data-copied="{escape_html(t("share.copied"))}" '
        f'data-failed="{escape_html(t("share.copy_failed"))}"></span></div></div>{_SCRIPT}'
    )


def print_button_html(t: Translator) -> str:
    """The Share menu's Print button: the catalog's label and the app's script."""
    return (
        f'<button type="button" class="gw-copy__button" data-gw-print>'
        f"{escape_html(t('print.button'))}</button>{_SCRIPT}"
    )


def credit_line(tour: Tour, t: Translator) -> None:
    """The credit line; embedded, it links to the same view in the full dashboard."""
    embedded = is_embedded()
    with st.container(key=PUBLISH_KEY):
        show_markdown(credit_markdown(tour, t, current_view_url() if embedded else None))


def share_menu(tour: Tour, t: Translator) -> None:
    """The Share menu (link, embed snippet, print, cite); none in an embedded page."""
    if is_embedded():
        return
    view = current_view_url()
    with st.popover(t("share.button"), icon=":material/share:"):
        st.markdown(f"**{md(t('share.link_heading'))}**")
        st.caption(t("share.link_help"))
        copy_button(view, t, t("share.copy_link"), shown_as="field", name=t("share.link_heading"))
        st.markdown(f"**{md(t('embed.heading'))}**")
        st.caption(t("embed.help"))
        # By position: Streamlit compares options (and the session's value) as text.
        chosen = st.segmented_control(
            t("embed.size"),
            range(len(EMBED_SIZES)),
            default=0,
            format_func=lambda index: _size_label(EMBED_SIZES[index], t),
            key=_EMBED_SIZE_KEY,
            required=True,
        )
        size = EMBED_SIZES[chosen]
        title = f"{t('app.title')}: {tour.title}"
        copy_button(embed_snippet(view, title, size), t, t("embed.copy"), shown_as="block")
        st.markdown(f"**{md(t('print.heading'))}**")
        st.caption(t("print.help"))
        st.html(print_button_html(t), unsafe_allow_javascript=True)
        st.markdown(cite_link_markdown(t))


def _size_label(size: EmbedSize, t: Translator) -> str:
    if size.responsive:
        return t("embed.size_responsive", height=size.height)
    return t("embed.size_fixed", width=size.width, height=size.height)


# --------------------------------------------------------------------------- citing


def cite_section(tour: Tour, t: Translator) -> None:
    """How to cite the dashboard and its data package, their licence and data version."""
    st.header(t("cite.heading"), anchor=CITE_ANCHOR)
    version = data_version(tour)
    st.markdown(md(t("cite.version", version=str(version))))
    st.caption(t("cite.version_help"))
    for license_ in tour.licenses:
        # By its title, in the reader's language (its code, CC-BY-4.0, is in the CSL-JSON).
        st.markdown(license_markdown(license_, t))
    today = reader_today()
    citations = (
        (N_("cite.dashboard"), dashboard_citation(tour, absolute(urls.MAP.url()), today, t)),
        (N_("cite.package"), package_citation(tour, absolute(urls.SOURCES.url()), today, t)),
    )
    for heading, citation in citations:
        st.subheader(t(heading))
        with st.container(border=True):
            show_markdown(citation_markdown(citation, t))
            copy_button(citation_text(citation, t), t, t("cite.copy_text"))
            bib, csl = st.tabs(["BibTeX", "CSL-JSON"])
            with bib:
                copy_button(bibtex(citation, t), t, t("cite.copy_bibtex"), shown_as="block")
            with csl:
                copy_button(csl_json(citation, t), t, t("cite.copy_csl"), shown_as="block")


def notes_section(tour: Tour, t: Translator) -> None:
    """The package's notes files, rendered (see :mod:`goodwill.source_notes`)."""
    notes = package_notes(tour)
    if not notes:
        return
    st.header(t("notes.heading"))
    st.caption(t("notes.intro"))
    for found in notes:
        with st.expander(t("notes.file", name=md(found.name))):
            if found.html is None:
                st.warning(t(found.problem, name=md(found.name)))
            else:
                st.html(notes_html(found))


def notes_html(notes: Notes) -> str:
    """A notes file's HTML as :func:`goodwill.source_notes.render_notes` made it (raw HTML
    of the file escaped, images off, web links only), marked as written in English.
    tests/test_source_notes.py renders it with every hostile payload."""
    return f'<div class="gw-source-notes" lang="{DATA_LANGUAGE}">{notes.html}</div>'


# --------------------------------------------------------------------------- footer


def remember_version(tour: Tour) -> None:
    """Keep the shown tour's data version for this run's footer (the frame's)."""
    st.session_state[_VERSION_KEY] = data_version(tour)


def version_footer(t: Translator) -> None:
    """The app's and the data's versions, under every page."""
    version: DataVersion | None = st.session_state.get(_VERSION_KEY)
    if version is None:
        return
    st.divider()
    st.caption(t("footer.version", app=md(app_version()), data=md(str(version))))
