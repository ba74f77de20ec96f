"""Hostile text in every text field shows as the characters it is, in every renderer.

Each payload of :mod:`tests.hostile_text` is put into every free-text field of the tour
(in memory), and every place data text is rendered is checked:

* Markdown (panels, itinerary, people and quote cards, sources, the map summary) is
  rendered by a CommonMark parser *with raw HTML allowed* (stricter than Streamlit, which
  drops raw HTML): it may only make the project's own elements, link only to http(s) or
  the app's own pages, and its visible text holds the payload;
* HTML (the map with its tooltips and legend, the standalone map) has exactly the
  elements and attributes the shipped data gives: data text adds no markup, and the
  tooltips travel as escaped JSON strings;
* the timeline's Vega-Lite spec holds data text only as data, never in an expression;
* CSV and GeoJSON give the text back exactly (CSV with formulas neutralised);
* every page runs under ``AppTest`` on the hostile package, and the Markdown it sends
  passes the same check.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from goodwill.expectations import address_problem
from goodwill.exports import (
    CSV_ENCODING,
    FORMULA_STARTS,
    csv_files,
    filtered_tables,
    geojson_text,
    pairs_geojson,
    places_geojson,
    standalone_map_html,
)
from goodwill.i18n import translator
from goodwill.itinerary import itinerary, map_summary
from goodwill.mapping import base_map, data_layers, legend_html, place_features
from goodwill.panels import overview_card, place_cards, place_heading
from goodwill.people import people_table, person_card
from goodwill.quotes import quote_card
from goodwill.sources import date_resolution_cards, source_cards
from goodwill.text import escape_markdown
from goodwill.timeline import timeline_chart, timeline_rows
from goodwill.view import default_view, filter_events
from tests.hostile_text import (
    ACCEPTED_URL_PAYLOADS,
    LONG_PAYLOAD,
    PAYLOADS,
    TRAP_HOST,
    URL_PAYLOADS,
    markdown_image,
    text_fields,
    tour_with_payload,
    write_hostile_package,
)
from tests.test_pages import PAGES, run_app

IDS = [f"p{number:02d}" for number in range(len(PAYLOADS))]
LANGS = ("en", "es")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

# What the project's Markdown itself makes; anything else came from the data.
ALLOWED_TAGS = {"p", "strong", "em", "blockquote", "ul", "li", "h3", "a", "br"}
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
            assert (tag, name) == ("a", "href"), f"<{tag} {name}={value!r}> from data text"
            assert re.match(r"(https?://|/)", value or ""), f"unsafe link {value!r}"
            assert not set(value) & set('"<> '), f"unquoted link {value!r}"
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
        for column in columns:
            values = set(frame[column])
            if column == "url":
                assert values <= set(ACCEPTED_URL_PAYLOADS), values
            else:
                # Every text field holds a Markdown image of its own, and payloads.
                assert markdown_image(table, column) in values, (table, column)
                assert values <= {*PAYLOADS, markdown_image(table, column)}, (table, column)
            used |= values
    assert set(PAYLOADS) <= used, "every payload should land in at least one field"
    assert set(ACCEPTED_URL_PAYLOADS) <= used
    assert sum(len(columns) for columns in fields.values()) >= 25


@pytest.mark.parametrize("url", sorted(set(URL_PAYLOADS) - set(ACCEPTED_URL_PAYLOADS)))
def test_the_validator_refuses_every_address_that_is_not_a_web_address(tour, url):
    problem = address_problem(url, tour.path)
    assert problem is not None
    assert "web address" in problem


# --------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_panels_show_the_payload_as_text(hostile_tours, payload, lang):
    hostile, t = hostile_tours[payload], translator(lang)
    events = kept(hostile)
    overview = overview_card(hostile, events, t)
    assert_markdown_is_text(overview.body, payload)
    assert_markdown_is_text("\n".join(overview.evidence), payload)
    for place_id in sorted(set(events["place_id"])):
        assert_markdown_is_text(place_heading(hostile, place_id, t), payload)
        for card in place_cards(hostile, place_id, events, t):
            assert_markdown_is_text(card.body, payload)
            assert_markdown_is_text("\n".join(card.evidence), payload)


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_itinerary_rows_and_map_summary_show_the_payload_as_text(hostile_tours, payload):
    hostile, t = hostile_tours[payload], translator("en")
    events = kept(hostile)
    rows = itinerary(hostile, events, t)
    assert rows
    for row in rows:
        assert_markdown_is_text(row.text, payload)
        assert_markdown_is_text(row.place_label, payload)
    # The map page escapes the summary (pages/map.py): the text is the payload's.
    assert_markdown_is_text(escape_markdown(map_summary(hostile, events, t)), payload)


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_people_and_quote_cards_show_the_payload_as_text(hostile_tours, payload):
    hostile, t = hostile_tours[payload], translator("en")
    events = kept(hostile)
    for person_id in hostile.people["person_id"]:
        card = person_card(hostile, person_id, events, t)
        assert_markdown_is_text(card.body, payload)
        assert_markdown_is_text("\n".join(card.evidence), payload)
    for _, quote in hostile.quotes.iterrows():
        card = quote_card(hostile, quote, t)
        assert_markdown_is_text(card.body, payload)
        assert_markdown_is_text("\n".join(card.evidence), payload)
    # st.dataframe shows cells as text: the table keeps the payload exactly.
    table = people_table(hostile, events, t)
    assert set(table[t("field.name")]) == {payload}


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_source_and_date_cards_show_the_payload_as_text(hostile_tours, payload):
    hostile, t = hostile_tours[payload], translator("en")
    for card in source_cards(hostile, t):
        assert_markdown_is_text(card, payload)
    cards = date_resolution_cards(hostile, kept(hostile), t)
    assert cards
    for card in cards:
        assert_markdown_is_text(card, payload)
    assert_markdown_is_text(escape_markdown(hostile.rights), payload)


@pytest.mark.parametrize("url", URL_PAYLOADS)
def test_a_hostile_source_address_is_never_a_script_link(tour, url):
    hostile = tour_with_payload(tour, PAYLOADS[0], url=url)
    t = translator("en")
    for card in source_cards(hostile, t):
        assert_markdown_is_text(card, PAYLOADS[0])
    for card in place_cards(hostile, "pima-west-campus", kept(hostile), t):
        assert_markdown_is_text("\n".join(card.evidence), PAYLOADS[0])


# --------------------------------------------------------------------------- map


def map_html(tour, lang: str = "en") -> str:
    t = translator(lang)
    fmap = base_map(tour, t, tiles=False)
    for group in data_layers(tour, kept(tour), None, t):
        group.add_to(fmap)
    return fmap.get_root().render()


def _shape(html: str) -> Counter:
    """The document's elements and attribute names (not values, which hold generated ids)."""
    return Counter(
        (tag, tuple(sorted(name for name, _ in attrs))) for tag, attrs in elements(html).tags
    )


@pytest.fixture(scope="module")
def shipped_map_shape(tour):
    return _shape(map_html(tour))


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_map_tooltips_are_escaped_json_and_add_no_markup(hostile_tours, shipped_map_shape, payload):
    hostile, t = hostile_tours[payload], translator("en")
    html = map_html(hostile)
    assert _shape(html) == shipped_map_shape, "data text changed the map's markup"
    strings = json_strings(html)
    features = place_features(hostile, kept(hostile), t)["features"]
    for feature in features:
        tooltip = feature["properties"]["tooltip"]
        assert payload in tooltip
        # Inside a script as a JSON string that reads back as exactly the text (the
        # browser sets it with textContent): never evaluated, never cut short.
        assert tooltip in strings
    for dangerous in ("</script", "<script>", "<img", "<svg onload", "<iframe", "</style"):
        if dangerous in payload:
            assert payload not in html


_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def json_strings(html: str) -> set[str]:
    """Every JSON string literal in the document's scripts, decoded."""
    found = set()
    for literal in _JSON_STRING.findall(html):
        try:
            found.add(json.loads(literal))
        except ValueError:
            continue
    return found


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


@pytest.fixture(scope="module")
def shipped_standalone_shape(tour):
    return _shape(standalone_map_html(tour, kept(tour), translator("en")))


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_standalone_map_adds_no_markup_and_fetches_nothing(
    hostile_tours, shipped_standalone_shape, payload
):
    hostile = hostile_tours[payload]
    html = standalone_map_html(hostile, kept(hostile), translator("en"))
    assert _shape(html) == shipped_standalone_shape
    for tag, attrs in elements(html).tags:
        for name, value in attrs:
            assert TRAP_HOST not in (value or ""), (tag, name, value)


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


@pytest.mark.parametrize("place", ["pima-west-campus", "nogales-sonora", "mcallen", "el-salvador"])
def test_a_selected_place_on_the_hostile_package_sends_only_safe_markdown(
    hostile_package, monkeypatch, place
):
    monkeypatch.setenv("GOODWILL_DATA", str(hostile_package))
    at = run_app(query={"place": place})
    assert not at.exception
    sent = _markdown_sent(at)
    assert len(sent) > 20  # the place's heading, cards and itinerary
    for text in sent:
        assert_markdown_is_text(text)
