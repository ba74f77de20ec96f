"""The Jinja guard: the templates of the map's elements, and JSON that Jinja cannot read.

branca renders each element's script a second time as a Jinja template of its own
(``MacroElement.render``: ``Element(script(self, kwargs))``), so data text written with
``|tojson`` was evaluated on the server: a place named "{{ 7*7 }}" showed 49, "{{" alone
crashed the map, and "{{ this.__init__.__globals__… }}" ran Python. In JSON a "{" followed
by "{", "%" or "#" can only be inside a string, where "\\u007b" reads the same; so every
JSON our elements write is made inert to Jinja, with the same meaning.

The fix is scoped the way folium scopes its own filters (``folium.template``): our
elements use :class:`Template`, whose environment has the inert ``|tojson``. The
environments jinja2, branca and folium share with the rest of the process are untouched.
"""

from __future__ import annotations

import json
import re

import jinja2
from jinja2.utils import htmlsafe_json_dumps

_JINJA_OPENER = re.compile(r"\{(?=[{%#])")


def inert_json_dumps(value, **kwargs) -> str:
    """``json.dumps``, with every "{" that would open Jinja syntax written "\\u007b", and
    every "/" written "\\/" (the same in JSON): no data text reads as an address
    ("//host") to the standalone map's check for fetches."""
    text = json.dumps(value, **kwargs)
    return _JINJA_OPENER.sub(r"\\u007b", text).replace("/", "\\/")


def inert_json(value) -> str:
    """``value`` as the ``|tojson`` of :class:`Template` writes it (safe inside a
    ``<script>``, inert to Jinja): for data written once and put into templates as it is."""
    return htmlsafe_json_dumps(value, dumps=inert_json_dumps)


class Environment(jinja2.Environment):
    """A Jinja environment whose ``|tojson`` writes :func:`inert_json_dumps`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.policies["json.dumps_function"] = inert_json_dumps


class Template(jinja2.Template):
    """The template class of the map's elements (jinja2 gives it one environment of
    :class:`Environment`, shared by no other template class)."""

    environment_class = Environment
