"""The tour as a Leaflet map, one job a module:

- :mod:`~goodwill.map.data`: what is drawn, as data (place summaries, GeoJSON, ``MapData``);
- :mod:`~goodwill.map.style`: colours, marker shapes and SVG, line styles, the legend (no
  folium: the timeline uses the palette too);
- :mod:`~goodwill.map.elements`: thin folium elements that wire ``static/goodwill/map.js``;
- :mod:`~goodwill.map.assembly`: the base map and the data layers, as ``st_folium`` takes them;
- :mod:`~goodwill.map.template`: the Jinja guard, so data text in a template stays text;
- :mod:`~goodwill.map.published`: the layers' document as a static file the browser caches.

This file imports nothing, so that ``goodwill.map.style`` loads without folium.
"""
