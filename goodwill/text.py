"""Escaping text from outside (the data, a link's parameters) for each place it is shown.

Such text is never trusted: a quote, a name or a link's ``?place=`` could hold Markdown
images and links, HTML, or a script. Streamlit renders Markdown in every text element,
notice, button label and tooltip, so such text shown there goes through
:func:`escape_markdown` (tests/test_markdown_boundary.py checks every call site); text
placed into Leaflet goes through ``textContent`` in the browser or :func:`escape_html`
here. A link made from data goes only to a web address, with its host in its text
(:func:`web_link`).

One piece of HTML is written into Markdown, by the project itself: :func:`in_language`'s
``<span lang="en">``, which says that the source's words are in English on a Spanish page
(Markdown has no syntax for it). Markdown that may hold it is shown with HTML allowed,
and only after :func:`checked_markdown` has made sure that it is the only HTML there.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import quote, urlsplit

# Every character Markdown (CommonMark + GitHub extensions, as Streamlit renders it) may
# read as syntax: < and > so that no HTML tag or autolink can form; : so that no bare
# address (http://…) is linked, and no Streamlit directive (:red[…], :material/icon:) or
# emoji shortcode forms; @ so that no e-mail address is; $ because Streamlit renders $…$
# as LaTeX.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'@])")
# Bidirectional overrides and isolates can make text read differently from what it is.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LANGUAGE_CODE = re.compile(r"[a-z]{2}")
# A "<" that Markdown would read as the start of HTML (or of an autolink): one not escaped
# by a backslash, i.e. after an even number of them. Only in_language's tags may follow.
_RAW_HTML = re.compile(r'(?<!\\)(?:\\\\)*<(?!span lang="[a-z]{2}">|/span>)')


def escape_markdown(text: object) -> str:
    """``text`` as literal Markdown: every syntax character backslash-escaped, line breaks
    (U+2028 and U+2029 too) kept as spaces so a value cannot start a heading or a list."""
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


def web_address(url: str) -> str | None:
    """``url`` ready for a Markdown link when it is a web address (http or https, with a
    host and no user name: ``https://cbp.gov@elsewhere.example`` goes to elsewhere), else
    ``None``: a source may be a file of the data package, which is named, not linked."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname or parts.username:
        return None
    # Quoted, so that a space or parenthesis in the address cannot end the link early.
    return quote(url, safe=":/?#[]@!$&*+,;=%~")


def shown_host(url: str) -> str:
    """The host of a web address as a reader should see it: in ASCII, so that a look-alike
    (``cbp.gоv`` with a Cyrillic о) shows as what it is (``cbp.xn--gv-fmc``)."""
    host = urlsplit(url).hostname or ""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host.encode("ascii", "backslashreplace").decode("ascii")


def web_link(label: str, url: str) -> str | None:
    """A Markdown link to the web address ``url`` whose text is ``label`` and the host it
    goes to (``Arizona Daily Star · thisistucson.com``), both escaped; ``None`` when
    ``url`` is not a web address (:func:`web_address`)."""
    address = web_address(url)
    if address is None:
        return None
    return f"[{escape_markdown(label)} · {escape_markdown(shown_host(url))}]({address})"


def fold(text: object) -> str:
    """``text`` for matching: accents dropped and case folded, so "damian" matches
    "Damián" and "COOPERATION" matches "cooperation"."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
