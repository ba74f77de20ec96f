"""The Jinja guard: data text written by the map's templates is never read as Jinja, and the
guard changes no template environment but its own."""

import json

import branca.element
import folium
import folium.template
import jinja2
import pytest

from goodwill.i18n import translator
from goodwill.map.assembly import base_map, data_layers
from goodwill.map.template import Template, inert_json
from tests.helpers.hostile_text import PAYLOADS

IDS = [f"p{number:02d}" for number in range(len(PAYLOADS))]
JINJA_OPENERS = ("{{", "{%", "{#")


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_tojson_writes_data_text_that_a_second_jinja_pass_leaves_as_it_is(payload):
    # branca renders each element's script a second time as a template of its own.
    value = {"tooltip": payload, "rows": [[1.5, payload]]}
    written = Template("{{ value|tojson }}").render(value=value)
    assert not any(opener in written for opener in JINJA_OPENERS)
    assert jinja2.Template(written).render() == written
    assert json.loads(written) == value


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_inert_json_is_what_tojson_writes(payload):
    written = inert_json([payload, {"a": payload}])
    assert written == Template("{{ value|tojson }}").render(value=[payload, {"a": payload}])
    assert json.loads(written) == [payload, {"a": payload}]
    # Safe inside a <script>, and nothing in it reads as an address.
    assert "<" not in written
    assert "//" not in written


def test_a_place_named_like_a_template_expression_reaches_the_page_unevaluated(tour):
    from dataclasses import replace

    places = tour.places.copy()
    places.loc[places["place_id"] == "reynosa", "name"] = "{{ 7*7 }} {% if true %}x{% endif %}"
    hostile = replace(tour, places=places)
    t = translator("en")
    fmap = base_map(hostile, t, tiles=False)
    for group in data_layers(hostile, hostile.events, t):
        group.add_to(fmap)
    html = fmap.get_root().render()
    assert "{{ 7*7 }}" not in html  # written inert: "\u007b{ 7*7 }}"
    assert "\\u007b{ 7*7 }} \\u007b% if true %}x\\u007b% endif %}" in html


def test_drawing_a_map_leaves_the_shared_environments_default_json(tour):
    t = translator("en")
    fmap = base_map(tour, t, tiles=False)
    for group in data_layers(tour, tour.events, t):
        group.add_to(fmap)
    fmap.get_root().render()
    for environment in (
        jinja2.Template("").environment,
        branca.element.Template("").environment,
        folium.template.Template("").environment,
        folium.GeoJson._template.environment,
    ):
        assert environment.policies["json.dumps_function"] is None
    assert Template("").environment.policies["json.dumps_function"] is not None
