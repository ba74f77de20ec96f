"""The pydeck peer: the same places drawn the Streamlit-native WebGL way.

One ``st.pydeck_chart`` with a ScatterplotLayer of every place that has a kept event (the
dashboard's default view, of the package the other apps get), tour stops in another
colour, pickable with the place's name as tooltip text. Its first paint is what the
dashboard's *navigation → markers* is compared with at 10,000 and 50,000 events.

No base map, so that it fetches nothing from outside: ``map_provider=None`` and
``map_style`` left unset. Unset, pydeck sends its placeholder style ``__MAP_STYLE__``,
which Streamlit reads as "no base map"; ``map_style=None`` (or ``""``) instead makes
Streamlit 1.67 draw its default base map from a tile host (measured: a request for a
Carto style in Chromium).
"""

from pathlib import Path

import pydeck
import streamlit as st

from goodwill.dataset import load_tour
from goodwill.enums import EventKind
from goodwill.view import default_view, filter_events
from ui.loading import data_path

TOUR_STOP = [200, 30, 45]
OTHER_PLACE = [20, 90, 180]


@st.cache_resource(show_spinner=False)
def kept_places(path: str) -> list[dict]:
    """One point per place with a kept event, made once per server like the dashboard's
    cached map data (loading the package is not what the peer is compared on)."""
    tour = load_tour(Path(path))
    events = filter_events(tour, default_view(tour))
    stops = set(events.loc[events["kind"] == EventKind.TOUR_STOP, "place_id"])
    places = tour.places[tour.places["place_id"].isin(events["place_id"])]
    return [
        {
            "position": [place.longitude, place.latitude],
            "name": place.name,
            "color": TOUR_STOP if place.place_id in stops else OTHER_PLACE,
        }
        for place in places.itertuples()
    ]


st.set_page_config(layout="wide")  # as the dashboard's
points = kept_places(str(data_path()))
layer = pydeck.Layer(
    "ScatterplotLayer",
    data=points,
    get_position="position",
    get_fill_color="color",
    # In metres, held between a few pixels: pydeck turns every string argument into an
    # accessor, so radius_units="pixels" would not reach deck.gl as the word.
    get_radius=5_000,
    radius_min_pixels=3,
    radius_max_pixels=8,
    pickable=True,
)
st.pydeck_chart(
    pydeck.Deck(
        layers=[layer],
        initial_view_state=pydeck.ViewState(latitude=27, longitude=-98, zoom=2.6),
        map_provider=None,
        tooltip={"text": "{name}"},
    ),
    height=560,
)
st.write(f"{len(points):,} places")
