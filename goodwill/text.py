"""Escaping text from the data for each place it is shown.

Data text is never trusted: a quote or a name could hold Markdown links, HTML, or a
script. Streamlit renders Markdown, so data text shown there is escaped for Markdown; text
placed into Leaflet goes through ``textContent`` in the browser or :func:`html.escape` here.

One piece of HTML is written into Markdown, by the project itself: :func:`in_language`'s
``<span lang="en">``, which says that the source's words are in English on a Spanish page
(Markdown has no syntax for it). Markdown that may hold it is shown with HTML allowed,
and only after :func:`checked_markdown` has made sure that it is the only HTML there.
"""

from __future__ import annotations

import html
import re

# Every character Markdown (CommonMark + GitHub extensions, as Streamlit renders it) may
# read as syntax, plus < and > so that no HTML tag or autolink can form, and $ because
# Streamlit renders $…$ as LaTeX.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")
# Bidirectional overrides and isolates can make text read differently from what it is.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LANGUAGE_CODE = re.compile(r"[a-z]{2}")
# A "<" that Markdown would read as the start of HTML (or of an autolink): one not escaped
# by a backslash, i.e. after an even number of them. Only in_language's tags may follow.
_RAW_HTML = re.compile(r'(?<!\\)(?:\\\\)*<(?!span lang="[a-z]{2}">|/span>)')


def escape_markdown(text: object) -> str:
    """``text`` as literal Markdown: every syntax character backslash-escaped, line breaks
    kept as spaces so a value cannot start a heading or a list."""
    plain = _BIDI_CONTROLS.sub("", str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(plain.split()))


def escape_html(text: object) -> str:
    """``text`` safe inside HTML element content or a quoted attribute."""
    return html.escape(_BIDI_CONTROLS.sub("", str(text)), quote=True)


def in_language(markdown: str, lang: str) -> str:
    """Inline Markdown (its data text already escaped) marked as written in ``lang``, an
    ISO 639-1 code: so that a screen reader reads it in that language, and a reader (and
    the tests) can tell the source's English words on a Spanish page."""
    if not _LANGUAGE_CODE.fullmatch(lang):
        raise ValueError(f"not a two-letter language code: {lang!r}")
    return f'<span lang="{lang}">{markdown}</span>'


def checked_markdown(markdown: str) -> str:
    """``markdown`` unchanged, if the only HTML it holds is :func:`in_language`'s; else
    ``ValueError``. Markdown shown with HTML allowed goes through here: text that was not
    escaped (a developer's slip) is refused rather than shown as markup."""
    if found := _RAW_HTML.search(markdown):
        start = max(found.end() - 20, 0)
        raise ValueError(f"raw HTML in Markdown: {markdown[start : found.end() + 40]!r}")
    return markdown
