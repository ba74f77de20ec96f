"""The naive build: what the map page costs done the obvious way.

The same sidebar filters as the dashboard, then one ``folium.Marker`` per kept event, the
whole map built again on every rerun, and every object the component can return sent
back (so pan and zoom rerun the page too). A click writes the place's name. Nothing is
cached but the loaded tour. Like the dashboard (and the floor), it loads only Leaflet's own
files, so the comparison is about building the map, not about folium's other assets.
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

from goodwill.offline import leaflet_only, localize_assets
from ui.frame import page_context, run_frame

run_frame()
page = page_context("app.title")
places = page.tour.places.set_index("place_id")
fmap = leaflet_only(folium.Map(location=[24, -100], zoom_start=4, tiles=None))
for event in page.events.itertuples():
    place = places.loc[event.place_id]
    folium.Marker(
        [place["latitude"], place["longitude"]], tooltip=f"{place['name']}: {event.date_words}"
    ).add_to(fmap)
localize_assets(fmap)
result = st_folium(fmap, height=560, use_container_width=True)
clicked = result.get("last_object_clicked")
if clicked:
    distance = (places["latitude"] - clicked["lat"]) ** 2 + (
        places["longitude"] - clicked["lng"]
    ) ** 2
    st.write(
        f"Selected: {places.loc[distance.idxmin(), 'name']} "
        f"(click {result.get('last_object_clicked_count')})"
    )
