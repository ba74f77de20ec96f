"""The floor: the least a Streamlit page with a clickable st_folium map can cost.

One map (Leaflet's own files only, as the dashboard loads), one marker; a click writes one
line of text. Every other time in the benchmark is compared with this one.
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

from goodwill.offline import leaflet_only, localize_assets

fmap = leaflet_only(folium.Map(location=[32.227, -111.012], zoom_start=6, tiles=None))
folium.Marker([32.227, -111.012], tooltip="Tucson").add_to(fmap)
localize_assets(fmap)
result = st_folium(
    fmap,
    key="floor",
    height=560,
    returned_objects=["last_object_clicked", "last_object_clicked_count"],
)
st.write(f"Clicked {result.get('last_object_clicked_count') or 0} times")
