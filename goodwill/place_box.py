"""Which places the place box beside the map lists: all of them on a tour of a few places,
a bounded few on a tour of thousands, with a search for the rest.

A select box sends every option to the browser on every run and redraws them all: at
10,000 synthetic events (5,000 places) that cost ~490 ms of the browser's time per click.
The box therefore lists at most ``LISTED_MAX`` places: the tour stops first, then the
earliest places, and the selected place always. A search narrows the places to those whose
name or venue holds every word the reader typed (ignoring case and accents, as the quotes'
search does); the box then lists the first ``LISTED_MAX`` of those. The places are listed
in date order, as the itinerary lists the events.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from goodwill.text import fold

#: The most places the box lists at once: every place of the shipped tour (a dozen), and
#: few enough that the box costs the browser nothing a reader notices.
LISTED_MAX = 50


@dataclass(frozen=True)
class PlaceChoices:
    place_ids: list[str]  # the places the box lists, in date order
    matching: int  # how many places the search matches (every kept place without a search)
    listed: int  # how many of those the box lists (the selected place aside)


def place_choices(
    summaries: pd.DataFrame,
    places: pd.DataFrame,
    query: str = "",
    selected: str | None = None,
    limit: int = LISTED_MAX,
) -> PlaceChoices:
    """The places for the box, of the kept places ``summaries``
    (:func:`goodwill.map.data.place_summaries`: ``place_id``, ``tour_stop``,
    ``first_date``) whose name or venue (``places``: the tour's places table) holds
    ``query``; ``selected``, when kept, is listed whatever the search."""
    kept = summaries[["place_id", "tour_stop", "first_date"]]
    words = fold(query).split()
    if words:
        named = places.set_index("place_id").loc[kept["place_id"], ["name", "venue"]]
        text = (named["name"].fillna("") + "\n" + named["venue"].fillna("")).map(fold)
        kept = kept[[all(word in value for word in words) for value in text]]
    # Tour stops first, then the earliest places; then the listed ones in date order.
    ranked = kept.sort_values(["tour_stop", "first_date"], ascending=[False, True], kind="stable")
    listed = set(ranked["place_id"].head(limit))
    # In the summaries' own order: by the bounds each place's first event has, so that
    # "before 5 August" comes first and "after 5 August" after the 5 August stop.
    shown = summaries[summaries["place_id"].isin(listed | {selected})]
    return PlaceChoices(list(shown["place_id"]), len(kept), len(listed))
