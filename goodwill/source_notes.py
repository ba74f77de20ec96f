"""The package's own Markdown files that the sources table names (the source notes),
rendered for a reader: safe HTML, whatever the file holds.

The notes are a file of the data package, so text from outside. They are rendered with
markdown-it-py (CommonMark and tables) and nothing else: raw HTML is shown as the
characters it is, images are not fetched (the image rule is off, so ``![alt](address)``
becomes a link), only http and https links become links, and each link shows its host
beside its text (in ASCII, so that a look-alike host shows as what it is), so a reader
sees where it goes before following it. Streamlit's own Markdown extensions (``:red[…]``,
``$…$``, icons) do not apply: the file is not Streamlit Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

from goodwill.citation import is_package_file
from goodwill.descriptor import descriptor_path
from goodwill.i18n import N_
from goodwill.text import escape_html, shown_host, web_address

if TYPE_CHECKING:
    from goodwill.dataset import Tour

#: A notes file longer than this is named, not shown (the page would hang on it).
MAX_NOTES_BYTES = 512_000
#: How many levels the notes' headings go down, so that their "#" sits under the page's.
HEADING_SHIFT = 2
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Notes:
    """A notes file of the package: the source it belongs to, its name, and its rendered
    HTML (``None`` when it cannot be shown, with ``problem`` saying why)."""

    source_id: str
    name: str
    html: str | None
    problem: str | None = None  # a catalog key: "notes.missing", "notes.too_long"


def _link_open(renderer, tokens, index, options, env) -> str:
    token = tokens[index]
    env.setdefault("hosts", []).append(shown_host(token.attrGet("href") or ""))
    token.attrSet("rel", "noopener noreferrer nofollow")
    token.attrSet("target", "_blank")
    return renderer.renderToken(tokens, index, options, env)


def _link_close(renderer, tokens, index, options, env) -> str:
    host = env["hosts"].pop()
    return f'</a> <span class="gw-link-host">({escape_html(host)})</span>'


def _markdown() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    parser.disable("image")
    # Web addresses only, as everywhere else (no user name that hides the real host).
    parser.validateLink = lambda url: web_address(url.strip()) is not None
    parser.add_render_rule("link_open", _link_open)
    parser.add_render_rule("link_close", _link_close)
    return parser


_PARSER = _markdown()


def render_notes(text: str) -> str:
    """``text`` (Markdown) as safe HTML: see the module's docstring."""
    tokens = _PARSER.parse(_BIDI_CONTROLS.sub("", text))
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = f"h{min(int(token.tag[1]) + HEADING_SHIFT, 6)}"
    return _PARSER.renderer.render(tokens, _PARSER.options, {})


def package_notes(tour: Tour) -> list[Notes]:
    """Every Markdown file of the package that a source names, rendered, in the order of
    the sources table."""
    folder = descriptor_path(tour.path).parent.resolve()
    found = []
    for source_id, address in zip(tour.sources["source_id"], tour.sources["url"], strict=True):
        if not (isinstance(address, str) and is_package_file(address)):
            continue
        if not address.lower().endswith(".md"):
            continue
        file = (folder / address).resolve()
        if not file.is_relative_to(folder) or not file.is_file():
            found.append(Notes(source_id, address, None, N_("notes.missing")))
        elif file.stat().st_size > MAX_NOTES_BYTES:
            found.append(Notes(source_id, address, None, N_("notes.too_long")))
        else:
            text = file.read_text(encoding="utf-8", errors="replace")
            found.append(Notes(source_id, address, render_notes(text)))
    return found
