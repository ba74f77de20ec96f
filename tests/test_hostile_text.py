"""Hostile text in every text field shows as the characters it is, in every renderer.

Each payload of :mod:`tests.helpers.hostile_text` is put into every free-text field of the tour
(in memory), and every translation is the next payload; every place data text is rendered
is checked, in English and in Spanish (where the project's wording is the translation and
the source's words are shown beside theirs):

* Markdown (panels, itinerary, people and quote cards, sources, the map summary) is
  rendered by a CommonMark parser *with raw HTML allowed*, as Streamlit renders it once
  the source's words are marked with their language: it may only make the project's own
  elements (``<span lang>`` among them), link only to http(s) or the app's own pages, and
  its visible text holds the payload and its translation;
* HTML (the map with its tooltips and legend, the standalone map) has exactly the
  elements and attributes the shipped data gives: data text adds no markup, and the
  tooltips travel as data, written into the page exactly as they were made (nothing
  evaluated them on the way);
* the timeline's Vega-Lite spec holds data text only as data, never in an expression;
* CSV and GeoJSON give the text back exactly (CSV with formulas neutralised);
* every page runs under ``AppTest`` on the hostile package, and the Markdown it sends
  passes the same check.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from markdown_it import MarkdownIt

from goodwill.archive import archive_html
from goodwill.changes import changes_markdown
from goodwill.citation import License, dashboard_citation, package_citation
from goodwill.dataset import load_tour
from goodwill.expectations import address_problem
from goodwill.exports import (
    CSV_ENCODING,
    FORMULA_STARTS,
    csv_files,
    filtered_tables,
    geojson_text,
    pairs_geojson,
    places_geojson,
)
from goodwill.i18n import translator
from goodwill.itinerary import itinerary, map_summary
from goodwill.map.assembly import base_map, data_layers
from goodwill.map.data import place_features
from goodwill.map.elements import TourLayers
from goodwill.map.style import legend_html
from goodwill.panels import overview_card, place_cards, place_heading
from goodwill.people import people_table, person_card
from goodwill.publish import (
    citation_markdown,
    cite_link_markdown,
    credit_markdown,
    license_markdown,
)
from goodwill.quotes import quote_card
from goodwill.sources import date_resolution_cards, source_cards
from goodwill.story_steps import story_step, story_stops
from goodwill.text import escape_markdown
from goodwill.timeline import timeline_chart, timeline_rows
from goodwill.translations import (
    TRANSLATED_FIELDS,
    TRANSLATIONS_TABLE,
    Wording,
    translated_tour,
    translation_column,
)
from goodwill.view import default_view, filter_events
from tests.helpers.apptest import PAGES, run_app
from tests.helpers.archive import ARCHIVE_APP, ARCHIVE_DAY
from tests.helpers.hostile_text import (
    ACCEPTED_URL_PAYLOADS,
    LONG_PAYLOAD,
    PAYLOADS,
    TRAP_HOST,
    URL_PAYLOADS,
    markdown_image,
    text_fields,
    tour_with_payload,
    translation_of,
    write_hostile_package,
)
from tests.helpers.map_layers import tour_layers

IDS = [f"p{number:02d}" for number in range(len(PAYLOADS))]
LANGS = ("en", "es")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

# What the project's Markdown itself makes; anything else came from the data.
ALLOWED_TAGS = {"p", "strong", "em", "blockquote", "ul", "li", "h3", "a", "br", "span"}
# The only attribute of each, and what its value may be.
ALLOWED_ATTRIBUTES = {("a", "href"): r"(https?://|/)[^\s\"<>]*", ("span", "lang"): r"[a-z]{2}"}
_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


# --------------------------------------------------------------------------- helpers


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the visible text (script and style
    bodies are not visible text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def squeeze(text: str) -> str:
    return " ".join(text.split())


def visible(payload: str) -> str:
    """What a reader sees of ``payload`` in Markdown: its characters, bidi controls
    dropped (they would make it read differently) and line breaks as spaces."""
    return squeeze(_BIDI.sub("", payload))


def assert_markdown_is_text(markdown: str, *payloads: str) -> None:
    """``markdown`` makes only the project's own elements and safe links, and shows each
    of ``payloads`` as visible text."""
    parsed = elements(_MARKDOWN.render(markdown))
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS, f"data text became <{tag}> in:\n{markdown[:600]}"
        for name, value in attrs:
            allowed = ALLOWED_ATTRIBUTES.get((tag, name))
            assert allowed, f"<{tag} {name}={value!r}> from data text"
            assert re.fullmatch(allowed, value or ""), f"<{tag} {name}={value!r}>"
    shown = squeeze("".join(parsed.text))
    for payload in payloads:
        assert visible(payload) in shown, (
            f"payload not shown as text: {payload[:80]!r}\nshown: {shown[:600]}"
        )


@pytest.fixture(scope="module")
def hostile_tours(tour):
    """One tour per payload, with that payload in every free-text field."""
    return {
        payload: tour_with_payload(tour, payload, url=URL_PAYLOADS[number % len(URL_PAYLOADS)])
        for number, payload in enumerate(PAYLOADS)
    }


def kept(tour):
    return filter_events(tour, default_view(tour))


def in_language(hostile, lang: str):
    """The hostile tour as a reader of ``lang`` sees it."""
    return translated_tour(hostile, lang)


def spanish_column(spanish, table: str, column: str) -> pd.Series:
    """What a Spanish reader is shown of a column: the translation of the project's
    wording in its place, of the source's words beside it."""
    frame = getattr(spanish, table)
    if TRANSLATED_FIELDS[table][column] is Wording.PROJECT:
        return frame[column]
    return frame[translation_column(column)]


def shown(payload: str, lang: str, *, project_only: bool = False) -> tuple[str, ...]:
    """What a reader of ``lang`` sees of a text holding ``payload``: the payload in
    English; in Spanish its translation, and the payload itself beside the translation of
    the source's words (not in a text made of the project's wording only)."""
    if lang == "en":
        return (payload,)
    translation = translation_of(payload)
    return (translation,) if project_only else (payload, translation)


def test_the_corpus_has_at_least_twenty_payloads_of_every_required_kind():
    assert len(PAYLOADS) >= 20
    joined = "\n".join(PAYLOADS)
    for needle in (
        "<script>",
        "onerror=",
        "onload=",
        "](javascript:",
        'href="javascript:',
        "![",
        "<!--",
        "${",
        "</script>",
        '"}]',
        "</style>",
        "\u202e",
        "\u200b",
        "$\\",
        "“",
    ):
        assert needle in joined, needle
    assert len(LONG_PAYLOAD) == 10_000


def test_the_hostile_package_is_valid_and_every_text_field_holds_a_payload(tmp_path):
    from goodwill.dataset import load_tour, read_descriptor

    path = write_hostile_package(tmp_path / "hostile")
    hostile = load_tour(path)  # raises with every problem if the validator refused it
    fields = text_fields(read_descriptor(path))
    used = set()
    for table, columns in fields.items():
        frame = getattr(hostile, table)
        if table == TRANSLATIONS_TABLE:
            # The package's description and rights join two payloads; they are its texts.
            frame = frame[frame["table"] != "datapackage"]
        for column in columns:
            values = set(frame[column])
            if column == "url":
                assert values <= set(ACCEPTED_URL_PAYLOADS), values
            elif table == TRANSLATIONS_TABLE:
                # The translations of other fields' texts: payloads, or those fields' images.
                images = {markdown_image(t, c) for t, cs in TRANSLATED_FIELDS.items() for c in cs}
                assert values <= {*PAYLOADS, *images}, (table, column)
            else:
                # Every text field holds a Markdown image of its own, and payloads.
                assert markdown_image(table, column) in values, (table, column)
                assert values <= {*PAYLOADS, markdown_image(table, column)}, (table, column)
            used |= values
    assert set(PAYLOADS) <= used, "every payload should land in at least one field"
    assert set(ACCEPTED_URL_PAYLOADS) <= used
    assert sum(len(columns) for columns in fields.values()) >= 25
    # Every translated field has its translations, and a Spanish reader gets them.
    translations = hostile.translations
    spanish = translated_tour(hostile, "es")
    for table, columns in TRANSLATED_FIELDS.items():
        for column in columns:
            mine = translations[
                (translations["table"] == table) & (translations["field"] == column)
            ]
            assert len(mine) == len(getattr(hostile, table)), (table, column)
            assert set(mine["text"]) <= {*PAYLOADS, markdown_image(table, column)}, (table, column)
            shown_there = spanish_column(spanish, table, column)
            assert set(shown_there) == set(mine["text"]), (table, column)


@pytest.mark.parametrize("url", sorted(set(URL_PAYLOADS) - set(ACCEPTED_URL_PAYLOADS)))
def test_the_validator_refuses_every_address_that_is_not_a_web_address(tour, url):
    problem = address_problem(url, tour.path)
    assert problem is not None
    assert "web address" in problem


# --------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_panels_show_the_payload_as_text(hostile_tours, payload, lang):
    hostile, t = in_language(hostile_tours[payload], lang), translator(lang)
    events = kept(hostile)
    overview = overview_card(hostile, events, t)
    assert_markdown_is_text(overview.body, *shown(payload, lang))
    assert_markdown_is_text("\n".join(overview.evidence), *shown(payload, lang))
    for place_id in sorted(set(events["place_id"])):
        heading = place_heading(hostile, place_id, t)
        assert_markdown_is_text(heading, *shown(payload, lang, project_only=True))
        for card in place_cards(hostile, place_id, events, t):
            assert_markdown_is_text(card.body, *shown(payload, lang))
            assert_markdown_is_text("\n".join(card.evidence), *shown(payload, lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_story_steps_show_the_payload_as_text(hostile_tours, payload, lang):
    hostile, t = in_language(hostile_tours[payload], lang), translator(lang)
    stops = story_stops(kept(hostile))
    assert len(stops) == 6
    for number in range(1, len(stops) + 1):
        step = story_step(hostile, stops, number, t)
        assert_markdown_is_text(step.card.body, *shown(payload, lang))
        assert_markdown_is_text("\n".join(step.card.evidence), *shown(payload, lang))
        assert_markdown_is_text(step.announcement, *shown(payload, lang, project_only=True))
        assert_markdown_is_text(step.counter)  # "3 of 6": numbers only, but Markdown too


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_itinerary_rows_and_map_summary_show_the_payload_as_text(hostile_tours, payload, lang):
    hostile, t = in_language(hostile_tours[payload], lang), translator(lang)
    events = kept(hostile)
    rows = itinerary(hostile, events, t)
    assert rows
    for row in rows:
        assert_markdown_is_text(row.text, *shown(payload, lang, project_only=True))
        assert_markdown_is_text(row.place_label, *shown(payload, lang, project_only=True))
    quoted = [row for row in rows if row.event_id in set(hostile.quotes["event_id"])]
    for row in quoted:  # its headline quote: the source's words
        assert_markdown_is_text(row.text, *shown(payload, lang))
    # The map page escapes the summary (pages/map.py): the text is the payload's.
    summary = escape_markdown(map_summary(hostile, events, t))
    assert_markdown_is_text(summary, *shown(payload, lang, project_only=True))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_people_and_quote_cards_show_the_payload_as_text(hostile_tours, payload, lang):
    hostile, t = in_language(hostile_tours[payload], lang), translator(lang)
    events = kept(hostile)
    for person_id in hostile.people["person_id"]:
        card = person_card(hostile, person_id, events, t)
        assert_markdown_is_text(card.body, *shown(payload, lang, project_only=True))
        assert_markdown_is_text("\n".join(card.evidence), *shown(payload, lang))
    for _, quote in hostile.quotes.iterrows():
        card = quote_card(hostile, quote, t)
        assert_markdown_is_text(card.body, *shown(payload, lang))
        assert_markdown_is_text("\n".join(card.evidence), *shown(payload, lang))
    # st.dataframe shows cells as text: the table keeps the payload exactly.
    table = people_table(hostile, events, t)
    assert set(table[t("field.name")]) == set(shown(payload, lang, project_only=True))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_source_and_date_cards_show_the_payload_as_text(hostile_tours, payload, lang):
    hostile, t = in_language(hostile_tours[payload], lang), translator(lang)
    for card in source_cards(hostile, t):
        assert_markdown_is_text(card, *shown(payload, lang))
    cards = date_resolution_cards(hostile, kept(hostile), t)
    assert cards
    for card in cards:
        assert_markdown_is_text(card, *shown(payload, lang))
    assert_markdown_is_text(
        escape_markdown(hostile.rights), *shown(payload, lang, project_only=True)
    )
    # The corrections log: what changed and why are the project's wording.
    log = changes_markdown(hostile, t)
    assert len(log) == len(hostile.changes) > 0
    assert_markdown_is_text("\n".join(log), *shown(payload, lang, project_only=True))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_the_credit_citations_and_licence_show_the_payload_as_text(hostile_tours, payload, lang):
    hostile, t = in_language(hostile_tours[payload], lang), translator(lang)
    view = "https://news.example/?place=pima-west-campus&lang=" + lang
    assert_markdown_is_text(credit_markdown(hostile, t, view), *shown(payload, lang))
    accessed = datetime.date(2026, 11, 29)
    for cite in (dashboard_citation, package_citation):
        citation = cite(hostile, view, accessed, t)
        assert_markdown_is_text(citation_markdown(citation, t), payload)  # the headline
    address = URL_PAYLOADS[IDS.index(_id(payload)) % len(URL_PAYLOADS)]
    license_ = License(name="CC-BY-4.0", title=payload, path=address)
    assert_markdown_is_text(license_markdown(license_, t), payload)
    assert_markdown_is_text(cite_link_markdown(t))


def _id(payload: str) -> str:
    return IDS[PAYLOADS.index(payload)]


@pytest.mark.parametrize("url", URL_PAYLOADS)
def test_a_hostile_source_address_is_never_a_script_link(tour, url):
    hostile = tour_with_payload(tour, PAYLOADS[0], url=url)
    t = translator("en")
    for card in source_cards(hostile, t):
        assert_markdown_is_text(card, PAYLOADS[0])
    for card in place_cards(hostile, "pima-west-campus", kept(hostile), t):
        assert_markdown_is_text("\n".join(card.evidence), PAYLOADS[0])


# --------------------------------------------------------------------------- map


def drawn_map(tour, lang: str = "en") -> tuple[str, TourLayers]:
    """The rendered map of the kept events, and its tour layers."""
    t = translator(lang)
    fmap = base_map(tour, t, tiles=False)
    groups = data_layers(tour, kept(tour), t)
    for group in groups:
        group.add_to(fmap)
    return fmap.get_root().render(), tour_layers(groups)


def _shape(html: str) -> Counter:
    """The document's elements and attribute names (not values, which hold generated ids)."""
    return Counter(
        (tag, tuple(sorted(name for name, _ in attrs))) for tag, attrs in elements(html).tags
    )


@pytest.fixture(scope="module")
def shipped_map_shape(tour):
    return _shape(drawn_map(tour)[0])


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_map_tooltips_travel_as_data_and_add_no_markup(hostile_tours, shipped_map_shape, payload):
    hostile, t = hostile_tours[payload], translator("en")
    html, layers = drawn_map(hostile)
    assert _shape(html) == shipped_map_shape, "data text changed the map's markup"
    # The document reaches the page exactly as it was written: never evaluated, never cut.
    assert layers.data in html
    # A marker row is [lat, lon, place_id, tooltip, ...]: the tooltip is the text itself
    # (the browser sets it with textContent).
    tooltips = {row[3] for row in json.loads(layers.data)["markers"]}
    features = place_features(hostile, kept(hostile), t)["features"]
    assert tooltips == {feature["properties"]["tooltip"] for feature in features}
    assert all(payload in tooltip for tooltip in tooltips)
    for dangerous in ("</script", "<script>", "<img", "<svg onload", "<iframe", "</style"):
        if dangerous in payload:
            assert payload not in html


def test_the_legend_holds_no_data_text_and_no_handlers(hostile_tours):
    for hostile in hostile_tours.values():
        for lang in LANGS:
            parsed = elements(legend_html(hostile, translator(lang)))
            for tag, attrs in parsed.tags:
                assert tag in {
                    "summary",
                    "ul",
                    "li",
                    "span",
                    "svg",
                    "circle",
                    "rect",
                    "polygon",
                    "line",
                }
                assert not any(name.startswith("on") or name == "href" for name, _ in attrs)


# --------------------------------------------------------------------------- timeline


def _strings(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, path)
    elif isinstance(node, str):
        yield path, node


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_timeline_holds_data_text_only_as_data(hostile_tours, payload):
    hostile, t = hostile_tours[payload], translator("en")
    rows = timeline_rows(hostile, kept(hostile), t)
    assert set(rows["place"]) == {payload}
    assert set(rows["lane"]) <= {payload}
    spec = timeline_chart(rows, hostile, t).to_dict()
    outside_data = [
        (path, text)
        for path, text in _strings({k: v for k, v in spec.items() if k != "datasets"})
        if payload in text or (len(payload) > 12 and payload[:12] in text)
    ]
    # Not even the lanes' order: Vega-Lite would write a list of names into an expression.
    assert outside_data == []
    datasets = [text for _, text in _strings(spec.get("datasets", {}))]
    assert payload in datasets


# --------------------------------------------------------------------------- downloads


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_csv_gives_the_text_back_with_formulas_neutralised(hostile_tours, payload):
    hostile = hostile_tours[payload]
    files = csv_files(hostile, kept(hostile))
    expected = "'" + payload if payload.startswith(FORMULA_STARTS) else payload
    fields = text_fields(json.loads((hostile.path / "datapackage.json").read_text("utf-8")))
    for table, data in files.items():
        text = data.decode(CSV_ENCODING)
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert len(rows) == len(filtered_tables(hostile, kept(hostile))[table])
        for row in rows:
            for column in fields[table]:
                if column != "url":
                    assert row[column] == expected, (table, column)


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_geojson_gives_the_text_back_exactly(hostile_tours, payload):
    hostile = hostile_tours[payload]
    events = kept(hostile)
    places = json.loads(geojson_text(places_geojson(hostile, events)))
    assert places["features"]
    for feature in places["features"]:
        assert feature["properties"]["name"] == payload
        assert feature["properties"]["evidence"] == payload
        assert feature["geometry"]["type"] == "Point"
    pairs = json.loads(geojson_text(pairs_geojson(hostile, events)))
    for feature in pairs["features"]:
        assert feature["properties"]["place_a_name"] == payload
        assert feature["properties"]["evidence"] == payload


# The archive's own elements around the project's Markdown (goodwill/archive.py), and the
# attributes it gives them; the map's (folium's) are only the page's frame and scripts.
ARCHIVE_TAGS = ALLOWED_TAGS | {
    "html", "head", "meta", "title", "style", "script", "body", "div", "header", "main",
    "aside", "nav", "section", "details", "summary", "button", "footer", "h1", "h2", "ol",
}  # fmt: skip
ARCHIVE_ATTRIBUTES = {
    "lang", "class", "id", "hidden", "type", "name", "content", "http-equiv", "aria-label",
    "aria-pressed", "data-gw-lang", "data-gw-panel", "data-gw-select", "data-gw-language",
}  # fmt: skip


@pytest.fixture(scope="module")
def hostile_archives(hostile_package):
    """The archive of the hostile package (every payload in many fields), opening in each
    language."""
    hostile = load_tour(hostile_package)
    return {
        lang: archive_html(hostile, kept(hostile), lang, app=ARCHIVE_APP, made=ARCHIVE_DAY)
        for lang in LANGS
    }


@pytest.mark.parametrize("lang", LANGS)
def test_the_archive_shows_every_payload_as_text_and_adds_no_markup(hostile_archives, lang):
    html = hostile_archives[lang]
    parsed = elements(html)
    for tag, attrs in parsed.tags:
        assert tag in ARCHIVE_TAGS, f"data text became <{tag}>"
        for name, value in attrs:
            if (tag, name) == ("a", "href"):
                # A source's web address, linked as in the app (quoted, http or https).
                assert re.fullmatch(ALLOWED_ATTRIBUTES[("a", "href")], value or "")
                continue
            assert name in ARCHIVE_ATTRIBUTES, f"<{tag} {name}={value!r}> from data text"
            assert TRAP_HOST not in (value or ""), (tag, name, value)
    shown = squeeze("".join(parsed.text))
    for payload in PAYLOADS:
        assert visible(payload) in shown, f"payload not shown as text: {payload[:80]!r}"


# --------------------------------------------------------------------------- pages


@pytest.fixture(scope="module")
def hostile_package(tmp_path_factory) -> Path:
    return write_hostile_package(tmp_path_factory.mktemp("hostile") / "tour")


def _markdown_sent(at) -> list[str]:
    """Every Markdown text a page sent: markdown, captions, alerts, headings, button labels."""
    texts = []
    for kind in (
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "title",
        "header",
        "subheader",
        "toast",
    ):
        texts += [element.value for element in getattr(at, kind)]
    texts += [button.label for button in at.button]
    return [text for text in texts if isinstance(text, str)]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_hostile_package_and_sends_only_safe_markdown(
    hostile_package, monkeypatch, page
):
    monkeypatch.setenv("GOODWILL_DATA", str(hostile_package))
    at = run_app(page)
    assert not at.exception
    assert not at.error, [error.value for error in at.error]
    sent = _markdown_sent(at)
    assert sent
    for text in sent:
        assert_markdown_is_text(text)


@pytest.mark.parametrize(
    "query",
    [
        {"place": "pima-west-campus"},
        {"place": "nogales-sonora"},
        {"place": "mcallen"},
        {"place": "el-salvador"},
        {"step": "1"},
        {"step": "4"},
        {"step": "6", "lang": "es"},
    ],
)
def test_a_selected_place_or_story_step_on_the_hostile_package_sends_only_safe_markdown(
    hostile_package, monkeypatch, query
):
    monkeypatch.setenv("GOODWILL_DATA", str(hostile_package))
    at = run_app(query=query)
    assert not at.exception
    sent = _markdown_sent(at)
    assert len(sent) > 20  # the place's heading, cards and itinerary
    for text in sent:
        assert_markdown_is_text(text)
