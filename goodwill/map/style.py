"""How the map looks: each country's colour and marker shape, the markers' SVG, the lines'
styles and the legend that explains them.

Plain data and text, no folium: the timeline (``goodwill.timeline``) draws with the same
palette and dash without loading the map's machinery.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from goodwill.dataset import Tour
from goodwill.enums import PairKind
from goodwill.i18n import Translator
from goodwill.text import escape_html
from goodwill.view import countries_of

# Okabe–Ito: distinguishable with every common colour-vision deficiency. Colour is never
# alone: each country also gets its own marker shape.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
SHAPES = ("circle", "square", "triangle", "diamond", "hexagon", "star")
PLANNED_DASH = "4 3"
# Radius (metres) of the halo around a place known only to the country: wide enough that
# nobody reads the marker as a precise location.
COUNTRY_HALO_METRES = 120_000
#: How far the selected place's ring reaches beyond its marker, in pixels.
SELECTED_RING_PX = 9


@dataclass(frozen=True)
class CountryStyle:
    colour: str
    shape: str


def country_styles(tour: Tour) -> dict[str, CountryStyle]:
    """A colour and a shape per country, stable for a given tour (US and Mexico first)."""
    return {
        code: CountryStyle(PALETTE[i % len(PALETTE)], SHAPES[i % len(SHAPES)])
        for i, code in enumerate(countries_of(tour))
    }


def marker_svg(style: CountryStyle, *, planned: bool, tour_stop: bool) -> str:
    """An SVG marker: the country's shape and colour, filled when held, hollow and dashed
    when planned; smaller for places that are not stops of the tour itself."""
    size = 26 if tour_stop else 18
    fill = "#ffffff" if planned else style.colour
    dash = f' stroke-dasharray="{PLANNED_DASH}"' if planned else ""
    shape = _SHAPE_PATHS[style.shape]
    return (
        f'<svg width="{size}" height="{size}" '
        f'viewBox="0 0 24 24" aria-hidden="true">'
        f'<{shape} fill="{fill}" stroke="{style.colour}" stroke-width="3"{dash}/></svg>'
    )


@lru_cache(maxsize=256)
def cached_marker_svg(style: CountryStyle, planned: bool, tour_stop: bool) -> str:
    """:func:`marker_svg`, made once per style (a map has a handful, and thousands of
    markers)."""
    return marker_svg(style, planned=planned, tour_stop=tour_stop)


_SHAPE_PATHS = {
    "circle": 'circle cx="12" cy="12" r="9"',
    "square": 'rect x="3.5" y="3.5" width="17" height="17"',
    "triangle": 'polygon points="12,2.5 22,20.5 2,20.5"',
    "diamond": 'polygon points="12,1.5 22.5,12 12,22.5 1.5,12"',
    "hexagon": 'polygon points="12,2 21,7 21,17 12,22 3,17 3,7"',
    "star": 'polygon points="12,1.5 14.8,9 22.5,9 16.3,13.8 18.6,21.5 12,16.8 5.4,21.5 '
    '7.7,13.8 1.5,9 9.2,9"',
}


def pair_style(kind: str) -> dict:
    """The Leaflet style of a city pair's line: twin cities solid, a tour leg dotted."""
    return {
        "color": "#444444",
        "weight": 3,
        "dashArray": "2 6" if kind == PairKind.TOUR_LEG else None,
        "opacity": 0.8,
    }


def route_style(*, planned: bool, ordered: bool) -> dict:
    """The Leaflet style of a step of the route: dashed when planned, faint when the order
    of its two stops is unknown."""
    return {
        "color": "#333333",
        "weight": 2,
        "dashArray": "6 6" if planned else None,
        "opacity": 0.9 if ordered else 0.5,
    }


def legend_html(tour: Tour, t: Translator) -> str:
    """The legend's HTML; every text in it escaped (country names come via the data)."""
    styles = country_styles(tour)
    first = next(iter(styles.values()), CountryStyle(PALETTE[0], SHAPES[0]))

    def item(svg: str, text: str) -> str:
        return f"<li>{svg}<span>{escape_html(text)}</span></li>"

    countries = "".join(
        item(marker_svg(style, planned=False, tour_stop=True), t.country_name(code))
        for code, style in styles.items()
    )
    kinds = "".join(
        [
            item(marker_svg(first, planned=False, tour_stop=True), t("map.legend.held_stop")),
            item(marker_svg(first, planned=True, tour_stop=True), t("map.legend.planned_stop")),
            item(marker_svg(first, planned=False, tour_stop=False), t("map.legend.other_event")),
            item(_legend_line("2 6", 3), t.label("pair_kind", PairKind.TOUR_LEG)),
            item(_legend_line(None, 3), t.label("pair_kind", PairKind.BORDER_TWINS)),
            item(_legend_arrow(), t("map.legend.route")),
            item(_legend_halo(), t("map.legend.country_only")),
            item(_legend_spread(), t("map.legend.spread")),
        ]
    )
    return (
        f"<summary>{escape_html(t('map.legend.title'))}</summary>"
        f"<ul>{countries}</ul><ul>{kinds}</ul>"
    )


def _legend_line(dash: str | None, weight: int) -> str:
    dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        '<svg width="26" height="10" aria-hidden="true"><line x1="1" y1="5" x2="25" y2="5" '
        f'stroke="#444444" stroke-width="{weight}"{dash_attribute}/></svg>'
    )


def _legend_arrow() -> str:
    return (
        '<svg width="26" height="12" aria-hidden="true"><line x1="1" y1="6" x2="25" y2="6" '
        'stroke="#333333" stroke-width="2"/><polygon points="20,1 26,6 20,11" fill="#333333"/>'
        "</svg>"
    )


def _legend_spread() -> str:
    return (
        '<svg width="26" height="26" aria-hidden="true"><circle cx="4" cy="22" r="3" '
        'fill="#333333"/><line x1="4" y1="22" x2="17" y2="9" stroke="#333333" '
        'stroke-width="1.5"/><circle cx="17" cy="9" r="7" fill="#ffffff" stroke="#333333"/>'
        "</svg>"
    )


def _legend_halo() -> str:
    return (
        '<svg width="26" height="26" aria-hidden="true"><circle cx="13" cy="13" r="11" '
        'fill="#66666614" stroke="#666666" stroke-dasharray="3 3"/></svg>'
    )
