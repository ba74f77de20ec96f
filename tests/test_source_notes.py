"""The source notes, a Markdown file of the data package, rendered for a reader: CommonMark
and tables only, no raw HTML, no image fetched, only http(s) links, each with its host
shown; and a clear notice instead of a file that is missing or too long."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest

from goodwill.dataset import load_tour
from goodwill.source_notes import MAX_NOTES_BYTES, package_notes, render_notes
from goodwill.text import shown_host, web_address
from tests.helpers.hostile_text import PAYLOADS, TRAP_HOST, URL_PAYLOADS

#: What rendered notes may hold: CommonMark's and tables' elements, links, and the host.
ALLOWED_TAGS = {"h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "blockquote", "hr", "br"}
ALLOWED_TAGS |= {"em", "strong", "code", "pre", "a", "span"}
ALLOWED_TAGS |= {"table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {
    ("a", "href"): r"https?://\S+",
    ("a", "rel"): r"noopener noreferrer nofollow",
    ("a", "target"): r"_blank",
    ("span", "class"): r"gw-link-host",
    ("th", "style"): r"text-align:(left|right|center)",
    ("td", "style"): r"text-align:(left|right|center)",
    ("ol", "start"): r"\d+",
    ("code", "class"): r"language-\S+",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def parsed(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def assert_safe(html: str) -> None:
    for tag, attrs in parsed(html).tags:
        assert tag in ALLOWED_TAGS, f"<{tag}> in the rendered notes"
        for name, value in attrs:
            allowed = ALLOWED_ATTRIBUTES.get((tag, name))
            assert allowed, f"<{tag} {name}={value!r}>"
            assert re.fullmatch(allowed, value or ""), f"<{tag} {name}={value!r}>"


def test_the_shipped_notes_are_rendered_under_the_pages_headings(tour):
    (notes,) = package_notes(tour)
    assert notes.source_id == "notes"
    assert notes.name == "source-notes.md"
    assert notes.problem is None
    assert_safe(notes.html)
    assert notes.html.startswith("<h3>The source story</h3>")
    assert "<h1>" not in notes.html
    assert "<h2>" not in notes.html
    assert "<table>" in notes.html
    # The encoding damage the notes describe is shown as the characters it is.
    assert "DamiΓ‘n" in "".join(parsed(notes.html).text)


@pytest.mark.parametrize("payload", PAYLOADS, ids=[f"p{n:02d}" for n in range(len(PAYLOADS))])
def test_hostile_notes_make_no_markup_fetch_nothing_and_link_only_to_the_web(payload):
    html = render_notes(f"# Notes\n\n{payload}\n\n- {payload}\n\n| a |\n|---|\n| {payload} |\n")
    assert_safe(html)
    assert f'src="http://{TRAP_HOST}' not in html
    for tag, attrs in parsed(html).tags:
        if tag == "a":
            assert dict(attrs)["href"].lower().startswith(("http://", "https://"))


@pytest.mark.parametrize("address", URL_PAYLOADS)
def test_a_link_becomes_a_link_only_when_it_is_http_and_then_shows_its_host(address):
    html = render_notes(f"[the report]({address}) and ![pixel]({address})")
    assert_safe(html)
    links = [dict(attrs) for tag, attrs in parsed(html).tags if tag == "a"]
    if web_address(address):  # a web address with no user name that hides its host
        assert links
        host = f'<span class="gw-link-host">({shown_host(address)})</span>'
        assert html.count(host) == len(links)
    else:
        assert links == []


def test_a_look_alike_host_shows_as_what_it_is():
    html = render_notes("[CBP](https://www.cbp.g\u043ev/newsroom)")
    assert '<span class="gw-link-host">(www.cbp.xn--gv-fmc)</span>' in html


def test_a_link_shows_the_host_it_really_goes_to():
    html = render_notes("[www.tucsonsentinel.com](https://evil.example/phish)")
    assert '<span class="gw-link-host">(evil.example)</span>' in html


def test_a_missing_or_too_long_notes_file_is_named_with_its_problem(tmp_path, tour):
    copy = tmp_path / "tour"
    shutil.copytree(tour.path, copy)
    (copy / "source-notes.md").write_text("x" * (MAX_NOTES_BYTES + 1), encoding="utf-8")
    (notes,) = package_notes(load_tour(copy))
    assert (notes.html, notes.problem) == (None, "notes.too_long")
    # Gone after the tour was loaded (the validator refuses a package without it): the
    # page says it is not there.
    loaded = load_tour(copy)
    (copy / "source-notes.md").unlink()
    (notes,) = package_notes(loaded)
    assert (notes.name, notes.html, notes.problem) == ("source-notes.md", None, "notes.missing")
