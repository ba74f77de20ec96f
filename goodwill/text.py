"""Escaping text from the data for each place it is shown.

Data text is never trusted: a quote or a name could hold Markdown links, HTML, or a
script. Streamlit renders Markdown, so data text shown there is escaped for Markdown; text
placed into Leaflet goes through ``textContent`` in the browser or :func:`html.escape` here.
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


def escape_markdown(text: object) -> str:
    """``text`` as literal Markdown: every syntax character backslash-escaped, line breaks
    kept as spaces so a value cannot start a heading or a list."""
    plain = _BIDI_CONTROLS.sub("", str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(plain.split()))


def escape_html(text: object) -> str:
    """``text`` safe inside HTML element content or a quoted attribute."""
    return html.escape(_BIDI_CONTROLS.sub("", str(text)), quote=True)
