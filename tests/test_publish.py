"""Share, embed and cite: absolute links from the route table, the embed snippet, the credit
line, and what the map and Sources & data pages show (with AppTest), embedded or not."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest

from goodwill import urls
from goodwill.citation import app_version, data_version, package_citation
from goodwill.i18n import translator
from goodwill.paths import STATIC_URL
from goodwill.publish import EMBED_SIZES, citation_markdown, credit_markdown, embed_snippet
from goodwill.text import escape_markdown as md
from goodwill.translations import translated_tour
from tests.helpers.apptest import run_app
from tests.helpers.hostile_text import PAYLOADS, URL_PAYLOADS
from ui.publish import copy_html

PAGE_URL = "https://news.example:8443/goodwill/quotes"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    ("page_url", "address"),
    [
        ("http://127.0.0.1:8501/", "http://127.0.0.1:8501"),
        ("http://127.0.0.1:8501/quotes", "http://127.0.0.1:8501"),
        (PAGE_URL, "https://news.example:8443/goodwill"),
        ("https://news.example/goodwill/", "https://news.example/goodwill"),
        ("HTTPS://news.example/sources", "https://news.example"),
        ("javascript:alert(1)//", None),
        ("file:///etc/passwd", None),
        ("", None),
        (None, None),
    ],
)
def test_the_apps_address_is_the_pages_without_its_route(page_url, address):
    assert urls.app_address(page_url) == address


def test_a_link_is_absolute_under_the_apps_address_and_relative_without_one():
    link = urls.QUOTES.url({"quote": "kerlikowske-migration", "lang": "es"})
    assert urls.absolute_url("https://news.example/goodwill", link) == (
        "https://news.example/goodwill/quotes?quote=kerlikowske-migration&lang=es"
    )
    assert urls.absolute_url(None, link) == link


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("size", EMBED_SIZES, ids=lambda size: f"{size.width}x{size.height}")
@pytest.mark.parametrize("title", ["Goodwill Tour Map", *PAYLOADS[:10]])
def test_the_embed_snippet_is_one_iframe_whose_attributes_hold_the_values(size, title):
    src = 'https://news.example/?place=tucson&lang=es"><script>alert(1)</script>'
    parser = _Attributes()
    parser.feed(embed_snippet(src, title, size))
    ((tag, attrs),) = parser.tags
    assert tag == "iframe"
    assert attrs["src"] == src + "&embed=true"
    assert attrs["title"] == _BIDI.sub("", title)
    if size.responsive:
        assert attrs["style"].startswith("width:100%;")
    else:
        assert (attrs["width"], attrs["height"]) == (str(size.width), str(size.height))


class _Elements(_Attributes):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data):
        self.text.append(data)


#: What a copy button's HTML may make, whatever it copies (the script is the app's file).
COPY_TAGS = {"div", "input", "pre", "button", "span", "script"}


@pytest.mark.parametrize("shown_as", [None, "field", "block"])
@pytest.mark.parametrize("payload", PAYLOADS, ids=[f"p{n:02d}" for n in range(len(PAYLOADS))])
def test_a_copy_button_holds_data_text_only_as_text(payload, shown_as):
    t = translator("es")
    parser = _Elements()
    parser.feed(copy_html(payload, t, t("share.copy_link"), shown_as=shown_as))
    assert {tag for tag, _ in parser.tags} <= COPY_TAGS
    (button,) = [attrs for tag, attrs in parser.tags if tag == "button"]
    assert button["data-gw-copy"] == _BIDI.sub("", payload)
    (script,) = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert script == {"src": f"{STATIC_URL}/goodwill/publish.js"}
    if shown_as == "field":
        (field,) = [attrs for tag, attrs in parser.tags if tag == "input"]
        assert field["value"] == _BIDI.sub("", payload)
    elif shown_as == "block":
        assert _BIDI.sub("", payload) in "".join(parser.text)
    else:
        assert "".join(parser.text) == t("share.copy_link")


def test_the_credit_names_the_story_its_author_and_outlet_and_links_to_the_full_view(tour):
    view = "https://news.example/?place=pima-west-campus&lang=en"
    credit = credit_markdown(tour, translator("en"), view)
    assert "Federal officials tout binational cooperation along border" in credit
    assert "Danyelle Khmara" in credit
    assert "Arizona Daily Star" in credit
    assert credit.endswith(f"({view})")
    assert "](" not in credit_markdown(tour, translator("en"))
    # Only a web address becomes the link.
    assert "](" not in credit_markdown(tour, translator("en"), "/?place=pima-west-campus")


def test_the_spanish_credit_keeps_the_headline_in_english_with_the_projects_translation(tour):
    credit = credit_markdown(translated_tour(tour, "es"), translator("es"))
    assert '<span lang="en">“Federal officials' in credit
    assert "Traducción del proyecto" in credit


def test_the_citation_markdown_marks_the_headline_english(tour):
    t = translator("es")
    citation = package_citation(
        translated_tour(tour, "es"), "https://x.example/", dt.date.today(), t
    )
    assert '<span lang="en">Federal officials tout' in citation_markdown(citation, t)


# --------------------------------------------------------------------------- pages

CONTEXT = {"url": "http://127.0.0.1:8501/", "timezone": "America/Phoenix"}


def _run(page=None, query=None, **context):
    return run_app(page, query, context={**CONTEXT, **context})


def _html(at) -> list[str]:
    return [element.proto.body for element in at.get("html")]


def test_the_map_page_shares_the_view_the_address_bar_holds_absolute():
    at = _run(query={"place": "pima-west-campus", "country": "US", "lang": "es"})
    assert not at.exception
    expected = "http://127.0.0.1:8501/?place=pima-west-campus&amp;country=US&amp;lang=es"
    copies = [body for body in _html(at) if "data-gw-copy" in body]
    assert any(f'value="{expected}"' in body for body in copies), copies
    assert any("embed=true" in body and "&lt;iframe" in body for body in copies)
    assert "Nota" in " ".join(markdown.value for markdown in at.markdown)


def test_embedded_the_map_page_links_its_credit_to_the_full_view_and_has_no_share_menu():
    at = _run(query={"place": "pima-west-campus", "lang": "en"}, is_embedded=True)
    assert not at.exception
    credit = next(m.value for m in at.markdown if "Open the full map" in m.value)
    assert credit.endswith("(http://127.0.0.1:8501/?place=pima-west-campus&lang=en)")
    assert not [body for body in _html(at) if "data-gw-copy" in body]
    assert any("stSidebar" in body for body in _html(at))  # the embedded layout's styles


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_sources_page_cites_the_dashboard_and_the_data_with_licence_and_notes(tour, lang):
    at = _run("pages/sources.py", {"lang": lang})
    assert not at.exception
    t = translator(lang)
    version = str(data_version(tour))
    texts = " ".join(m.value for m in at.markdown)
    assert md(t("cite.version", version=version)) in texts
    license_ = translated_tour(tour, lang).licenses[0]
    assert f"[{md(license_.title)} · creativecommons\\.org]({license_.path})" in texts
    bodies = " ".join(_html(at))
    assert "@misc{goodwill-tour-map-" in bodies
    assert "&quot;type&quot;: &quot;dataset&quot;" in bodies
    assert '<div class="gw-source-notes" lang="en"><h3>The source story</h3>' in bodies
    assert [header.value for header in at.header].count(t("cite.heading")) == 1


@pytest.mark.parametrize("page", [None, "pages/people.py", "pages/quotes.py"])
def test_every_page_ends_with_the_app_and_data_versions(tour, page):
    at = _run(page)
    version = md(str(data_version(tour)))
    footer = translator("en")("footer.version", app=md(app_version()), data=version)
    assert at.caption[-1].value == footer


def test_each_quote_has_a_button_that_copies_its_absolute_permalink():
    at = _run("pages/quotes.py", {"lang": "es"})
    copies = [body for body in _html(at) if 'data-gw-copy="http://127.0.0.1:8501/quotes?' in body]
    cards = [m for m in at.markdown if "](/quotes?quote=" in m.value]
    assert len(copies) == len(cards) > 0


@pytest.mark.parametrize("url", URL_PAYLOADS)
def test_a_hostile_browser_address_never_reaches_a_link(url):
    at = _run(query={"place": "pima-west-campus"}, url=url, is_embedded=True)
    assert not at.exception
    for credit in [m.value for m in at.markdown if "Open the full map" in m.value]:
        for link in re.findall(r"\]\(([^)]*)\)$", credit):
            # The app's host as the browser reported it, with the app's own query (never
            # the browser's), and nothing in it that could end the Markdown link early.
            parts = urlsplit(link)
            assert unquote(parts.hostname) == urlsplit(url).hostname, credit
            assert parts.query == "place=pima-west-campus&lang=en", credit
            assert not re.search(r"[\s()<>\"]", link), credit
