"""Hostile links: random and adversarial query strings thrown at the URL parser and, a
sample of them, at the map page. No exception; a notice for each bad value; every valid
value still applied; whatever the link says, the view stays inside the data.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from goodwill.dataset import load_tour
from goodwill.story_steps import story_stops
from goodwill.text import escape_markdown
from goodwill.view import PARAMETERS, STATUSES, countries_of, date_span, filter_events, parse_view
from tests.helpers.apptest import run_app
from tests.helpers.hostile_text import TRAP_HOST

TOUR = load_tour()
PLACES = sorted(TOUR.places["place_id"])
PEOPLE = sorted(TOUR.people["person_id"])
COUNTRIES = countries_of(TOUR)
SPAN_START, SPAN_END = date_span(TOUR)
VIEW_PARAMETERS = PARAMETERS
#: A tracking pixel, as a link parameter would carry it.
MARKDOWN_IMAGE = f"![x](http://{TRAP_HOST}/pixel.png)"
KNOWN_PARAMETERS = (*VIEW_PARAMETERS, "lang", "quote")

ADVERSARIAL = [
    "",
    " ",
    ",",
    ",,,",
    "US,",
    ",MX",
    "us, mx",
    "US,US,MX",
    "US,ZZ",
    "held,cancelled",
    "HELD",
    "2016-02-30",
    "2016-13-01",
    "-2016-08-05",
    "0000-01-01",
    "9999-12-31",
    "2016-08-05T10:00",
    "20160805",
    "04/08/2016",
    "2016-08-05\x00",
    "\x00",
    "\u202e2016-08-05",  # right-to-left override
    "mc\u200ballen",  # zero-width space
    "ｍｃａｌｌｅｎ",  # fullwidth
    "MCALLEN",
    "mcallen ",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%00",
    "%2C",
    "null",
    "None",
    "NaN",
    "true",
    "🇺🇸,🇲🇽",
    "x" * 100_000,
    ",".join(["US"] * 10_000),
    # Markdown and HTML that the notice of an ignored value must show as characters.
    MARKDOWN_IMAGE,
    f"<http://{TRAP_HOST}/autolink> http://{TRAP_HOST}/bare www.example.invalid",
    "[click](javascript:alert(1)) <img src=x onerror=alert(1)>",
    ":material/warning: :red[red] $\\alert{1}$ **bold**",
    "held\u2028planned",
]
VALID = [
    *PLACES,
    *PEOPLE,
    *COUNTRIES,
    *STATUSES,
    "show",
    "hide",
    "en",
    "es",
    str(SPAN_START),
    str(SPAN_END),
    "2016-08-04",
    "2016-08-05",
    *(str(step) for step in range(-1, 9)),
    " 3",
    "03",
    "3.0",
    "٣",  # an Arabic-Indic three: a digit to str.isdigit, not a step
]


def dates(low: dt.date, high: dt.date):
    return st.dates(min_value=low, max_value=high).map(str)


values = st.one_of(
    st.sampled_from(ADVERSARIAL),
    st.sampled_from(VALID),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    dates(SPAN_START, SPAN_END),
    st.lists(st.sampled_from([*COUNTRIES, *STATUSES, "ZZ", "", " us "]), max_size=5).map(",".join),
)
names = st.one_of(st.sampled_from(KNOWN_PARAMETERS), st.text(max_size=10))
queries = st.dictionaries(names, values, max_size=9)


def parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def parts(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


@settings(max_examples=1_500, deadline=None, database=None)
@given(queries)
def test_any_link_gives_a_view_inside_the_data_with_a_notice_for_each_bad_value(query):
    view, notices = parse_view(query, TOUR)
    noticed = {notice.name for notice in notices}

    # Whatever the link says, the view stays inside the data.
    assert view.place is None or view.place in PLACES
    assert view.person is None or view.person in PEOPLE
    assert view.countries is None or view.countries <= set(COUNTRIES)
    assert view.statuses is None or view.statuses <= set(STATUSES)
    assert SPAN_START <= view.date_from <= view.date_to <= SPAN_END
    # Notices only for the parameters the parser owns, and echo the value as given.
    assert noticed <= set(VIEW_PARAMETERS) & set(query)
    for notice in notices:
        assert notice.value == query[notice.name]
        assert notice.reason.startswith("notice.reason.")

    # A step is counted among the events the rest of the link keeps, and names its place.
    if view.step is not None:
        stops = story_stops(filter_events(TOUR, view))
        assert 0 < view.step <= len(stops)
        assert view.place == stops["place_id"].iloc[view.step - 1]
        assert str(view.step) == query["step"].strip().lstrip("0")
    assert ("step" in noticed) is ("step" in query and view.step is None)

    # Each bad value is noticed; each good one applied.
    for name in ("place", "person"):
        if name in query and not (name == "place" and view.step is not None):
            good = query[name] in (PLACES if name == "place" else PEOPLE)
            assert (name in noticed) is not good
            assert getattr(view, name) == (query[name] if good else None)
    if "undated" in query:
        good = query["undated"] in ("show", "hide")
        assert ("undated" in noticed) is not good
        assert view.show_undated is (query["undated"] != "hide")
    for name, allowed, chosen in (
        ("country", COUNTRIES, view.countries),
        ("status", STATUSES, view.statuses),
    ):
        if name not in query:
            continue
        asked = parts(query[name])
        fitting = {
            (part.upper() if name == "country" else part)
            for part in asked
            if (part.upper() if name == "country" else part) in allowed
        }
        assert (name in noticed) is (len(fitting) < len(asked))
        if fitting:
            assert (chosen or set(allowed)) == fitting
    asked_dates = {name: parse_date(query[name]) for name in ("from", "to") if name in query}
    in_span = {
        name: day
        for name, day in asked_dates.items()
        if day is not None and SPAN_START <= day <= SPAN_END
    }
    for name in asked_dates.keys() - in_span.keys():
        assert name in noticed
    date_from, date_to = in_span.get("from", SPAN_START), in_span.get("to", SPAN_END)
    if date_from <= date_to:
        assert (view.date_from, view.date_to) == (date_from, date_to)
        assert not in_span.keys() & noticed
    else:
        assert in_span.keys() <= noticed


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.dictionaries(st.sampled_from(KNOWN_PARAMETERS), values, max_size=6))
def test_the_map_page_survives_any_link(query):
    at = run_app(query=query)
    assert not at.exception, query
    assert at.title[0].value in {"Goodwill Tour Map", "Mapa de la Gira de Buena Voluntad"}


_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@pytest.mark.parametrize("name", KNOWN_PARAMETERS)
def test_a_markdown_image_in_any_link_parameter_is_noticed_as_its_characters(name):
    page = "pages/quotes.py" if name == "quote" else None
    at = run_app(page, query={name: MARKDOWN_IMAGE})
    assert not at.exception
    notices = [n.value for n in (*at.toast, *at.warning) if name + "=" in n.value]
    assert notices, f"no notice for {name}"
    for notice in notices:
        # Escaped, so that Streamlit's Markdown shows the characters and draws no image.
        assert escape_markdown(MARKDOWN_IMAGE) in notice
        rendered = _MARKDOWN.render(notice)
        assert "<img" not in rendered, rendered
        assert "<a " not in rendered, rendered
        assert MARKDOWN_IMAGE in rendered
