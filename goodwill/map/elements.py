"""The map's own folium elements: each one only wires a function of ``window.GoodwillMap``
(``static/goodwill/map.js``, styled by ``map.css``) to the map, with its options as JSON,
the way folium's plugins wire theirs.

The tour's layers (markers, lines, halos, arrows) are one JSON document already written by
:mod:`goodwill.map.data`, put into the page as text or fetched by the browser: rendering
stays fast at tens of thousands of points. Every template here is a
:class:`goodwill.map.template.Template`, so the data text in it stays text.
"""

from __future__ import annotations

from typing import ClassVar

from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster

from goodwill.map.style import COUNTRY_HALO_METRES, SELECTED_RING_PX
from goodwill.map.template import Template
from goodwill.paths import STATIC_URL
from goodwill.view import PLACE_PARAMETER, STEP_PARAMETER

MAP_JS_URL = f"{STATIC_URL}/goodwill/map.js"
MAP_CSS_URL = f"{STATIC_URL}/goodwill/map.css"


class GoodwillCall(MacroElement):
    """``GoodwillMap[function]`` in map.js, called with the element's parent (the map, or
    a data layer's feature group) and the element's ``options``."""

    function = ""
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        GoodwillMap.{{ this.function }}({{ this._parent.get_name() }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, **options):
        super().__init__()
        self._name = type(self).__name__
        self.options = options


class GoodwillElement(JSCSSMixin, GoodwillCall):
    """An element of the base map. Each one names map.js and map.css (loaded once:
    st_folium and branca drop repeated links), so the map loads them when it mounts,
    before any data layer needs them."""

    default_js: ClassVar = [("goodwill_map_js", MAP_JS_URL)]
    default_css: ClassVar = [("goodwill_map_css", MAP_CSS_URL)]


class TourView(GoodwillElement):
    """The map's view: the places the filters keep, all of them, fitted with
    ``PADDING_PX`` around them (room for a marker set apart and its ring; the labels
    find room of their own, :class:`PlaceLabels`), zoomed in no further than ``MAX_ZOOM``
    (one place alone); and a "whole tour" button (``label``) that fits them again.

    The component's iframe is sized after the map is created and grows in steps, so the
    fit waits for a real size and is redone on every new size until the reader moves the
    map. Which places are kept, and which one to bring into view, the data layers say
    (:class:`PlacesInView`): a new set of kept places (a filter change) is fitted.
    """

    function = "tourView"
    PADDING_PX = 30
    MAX_ZOOM = 9

    def __init__(self, label: str):
        super().__init__(label=label, padding=self.PADDING_PX, maxZoom=self.MAX_ZOOM)


class PlaceLabels(GoodwillElement):
    """Permanent labels with the places' names, placed where they cover no marker, no
    control and no other label, beside each marker as drawn (after
    :class:`SpreadOverlapping`): every tour stop's, the selected place's, and the other
    places' when at most ``MAX_OTHERS`` of them are in view. Redone after every zoom, move
    or resize; only the labels placed are elements of the page."""

    function = "placeLabels"
    MAX_OTHERS = 40
    GAP_PX = 3
    #: Maps narrower than this (a phone's) have smaller labels (``gw-narrow``, map.css).
    NARROW_BELOW_PX = 480

    def __init__(self):
        super().__init__(
            maxOthers=self.MAX_OTHERS, gap=self.GAP_PX, narrowBelow=self.NARROW_BELOW_PX
        )


class FocusWithoutScrolling(GoodwillElement):
    """Leaflet focuses its map on every mouse press, and the browser then scrolls the page
    to show the whole map, between the press and the release: a click on a marker near
    the bottom of the screen landed somewhere else. Focusing first, without scrolling,
    makes Leaflet skip its own focus call."""

    function = "focusWithoutScrolling"


class SpreadOverlapping(GoodwillElement):
    """Markers that would overlap on screen are drawn side by side, each with a thin line
    to a dot at its true position; zoomed in far enough, they sit on their places again.

    Twin cities are a few kilometres apart: at the tour's default view McAllen's marker was
    85 % under Reynosa's, and San Diego's 70 % under Tijuana's, so a reader could hardly
    click them. Each group of overlapping markers is set on a circle around its centre,
    in the order of their true bearings from it (McAllen stays north of Reynosa). The
    shift is a CSS ``translate`` of the marker's element (its tooltip moves along), so
    Leaflet's own positioning and the coordinates a click returns are untouched; it is
    redone after every zoom and whenever markers are added. Groups of more than
    ``MAX_GROUP`` (dense synthetic tours) are left as they are: a circle that wide would
    put markers far from their places.
    """

    function = "spreadOverlapping"
    MAX_GROUP = 8

    def __init__(self):
        super().__init__(maxGroup=self.MAX_GROUP, ring=SELECTED_RING_PX)


class OutlineLayer(GoodwillElement):
    """Country and state borders fetched from ``url`` (the app's own static file, or a
    data: URI in the standalone map): the basemap that is always there, tiles or no
    tiles. Drawn in a pane below every overlay."""

    function = "outline"

    def __init__(self, url: str):
        super().__init__(url=url)


class ControlTitles(GoodwillElement):
    """Leaflet's zoom buttons and its attribution link, titled in the reader's language
    (Leaflet writes them in English)."""

    function = "controlTitles"

    def __init__(self, zoom_in: str, zoom_out: str, leaflet: str):
        super().__init__(zoomIn=zoom_in, zoomOut=zoom_out, leaflet=leaflet)


class CountClicksFromNone(GoodwillElement):
    """Keeps streamlit-folium's component from sending a value when it mounts: its
    frontend counts clicks from 0 where the value it was given as the default says None,
    and that difference alone reran the page on every load. Only for the map shown with
    ``st_folium`` (``ui/tour_map.py``)."""

    function = "countClicksFromNone"


class Legend(GoodwillElement):
    """What the shapes, fills and lines mean (``html``, from
    :func:`goodwill.map.style.legend_html`), as a Leaflet control in the map's corner, open
    on maps at least ``OPEN_FROM`` pixels wide and folded on narrower ones (phones)."""

    function = "legend"
    OPEN_FROM = 640

    def __init__(self, html: str):
        super().__init__(html=html, openFrom=self.OPEN_FROM)


class ClusterAssets(JSCSSMixin, MacroElement):
    """The clustering script and styles, in the base map: st_folium loads scripts only
    when the map mounts, not when the data layers change."""

    default_js = MarkerCluster.default_js
    default_css = MarkerCluster.default_css

    def __init__(self):
        super().__init__()
        self._name = "ClusterAssets"


class DataLayer(MacroElement):
    """A layer drawn by ``GoodwillMap[function](parent, options, data)`` from ``data``,
    JSON already written. It links no asset: the base map's elements load map.js
    (st_folium loads scripts only when the map mounts)."""

    function = ""
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        GoodwillMap.{{ this.function }}({{ this._parent.get_name() }},
            {{ this.options|tojson }}, {{ this.data }});
        {% endmacro %}
        """
    )

    def __init__(self, data: str, **options):
        super().__init__()
        self._name = type(self).__name__
        self.data = data
        self.options = options

    def render(self, **kwargs) -> None:
        # branca would add the script as an Element, which compiles it as a Jinja template
        # of its own: a second pass over what can be megabytes of points, for nothing.
        script = self._template.module.script(self, kwargs)
        self.get_root().script.add_child(_RenderedText(script), name=self.get_name())


class TourLayers(DataLayer):
    """Everything the tour draws (the document of ``MapData.document``: lines, halos,
    arrows, a marker per place), either inline (``document``, the standalone map) or
    fetched by the browser from ``url`` (a static file named by its content, which it
    caches), drawn once per document.

    The selected place is the one the page's address names (``?place=``, or ``?step=``,
    a step of the story, whose place the document lists; the app keeps the address in step
    with the selection): map.js follows it, rings that place's marker
    (``gw-selected``, ``aria-current``, drawn above the others; the ring is part of the
    marker, so it follows the marker wherever :class:`SpreadOverlapping` moves it) and,
    unless the reader just clicked it, brings it into view. So a new selection sends the
    map nothing at all. Each marker carries its place id (``feature.properties.place_id``,
    which a click returns, and ``data-place-id``), an ``aria-label`` with its status, and
    selects its place with Enter or Space as a click does. With ``cluster``
    (leaflet.markercluster's options), the places that are neither a tour stop nor the
    selected place are clustered. ``loading`` stands in the map until the places are
    drawn; ``failed`` replaces it if they cannot be fetched.
    """

    function = "tourLayers"

    def __init__(
        self,
        document: str | None,
        *,
        url: str | None,
        cluster: dict | None,
        loading: str,
        failed: str,
    ):
        super().__init__(
            document or "null",
            url=url,
            placeParameter=PLACE_PARAMETER,
            stepParameter=STEP_PARAMETER,
            cluster=cluster,
            haloRadius=COUNTRY_HALO_METRES,
            loading=loading,
            failed=failed,
        )


class PlacesInView(GoodwillCall):
    """Tells :class:`TourView` the kept places: their corners (``bounds``) and a key of
    their set (``places``: a new key is a filter change, and is fitted). Part of the data
    layers, so it changes with them and never remounts the map."""

    function = "placesInView"

    def __init__(self, bounds: list[list[float]] | None, places: str):
        super().__init__(bounds=bounds, places=places)


class _RenderedText(Element):
    """Text that is already rendered: put into the page as it is."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text
