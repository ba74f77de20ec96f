"""What the map's feature groups draw, read back: the tour's layers and their document."""

from __future__ import annotations

import json

from goodwill.map.elements import TourLayers


def tour_layers(groups) -> TourLayers:
    """The one element of ``groups`` (``data_layers``) that draws the tour."""
    (layers,) = [
        child
        for group in groups
        for child in group._children.values()
        if isinstance(child, TourLayers)
    ]
    return layers


def drawn_document(groups) -> dict:
    """The document the tour's layers draw, inline in ``groups``."""
    return json.loads(tour_layers(groups).data)
