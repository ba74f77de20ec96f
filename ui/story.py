"""The story mode of the map page: the tour's stops one step at a time, beside the map.

A switch above the map chooses between exploring the map freely and following the story.
In the story, Previous and Next (or the arrow keys, when the focus is not in the map or a
text field: Streamlit's own button shortcuts) move between the steps; each step selects
its stop and brings it into view. The step is kept in the URL (``?step=3``) like every
other state, and it follows the selection: choosing a stop on the map or in the
itinerary shows its step, choosing any other place leaves the story.

What a screen reader hears when the step changes, and where the focus goes when a button
it was on is disabled (Next, at the last step), is ``static/goodwill/map_page.js``'s work.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from goodwill.dataset import Tour
from goodwill.i18n import N_, Translator
from goodwill.story_steps import step_of_place, story_step
from ui.cards import show_card
from ui.filters import PLACE_KEY, STEP_KEY, select_step

MODE_KEY = "story_mode"
EXPLORE, STORY = "explore", "story"
MODE_LABELS = {EXPLORE: N_("story.mode.explore"), STORY: N_("story.mode.story")}
#: The keys the map page's script (and the tests) find the story's elements by.
PREVIOUS_KEY, NEXT_KEY = "story_previous", "story_next"
ANNOUNCEMENT_KEY = "gw-story-announcement"

Select = Callable[[str | None], None]


def followed_step(
    tour: Tour, stops: pd.DataFrame, selected: str | None, t: Translator
) -> int | None:
    """The step of the story of ``stops`` (``goodwill.story_steps.story_stops``) that shows
    the selected place (``None``: not in the story).

    The step follows the selection: a stop chosen on the map or in the itinerary shows its
    own step, any other place (or a filter that hides the stop) leaves the story.
    """
    step = st.session_state.get(STEP_KEY)
    if step is None:
        return None
    followed = step_of_place(stops, selected, current=step)
    if followed != step:
        select_step(followed, tour, t.lang)
    return followed


def story_mode_switch(
    tour: Tour, stops: pd.DataFrame, step: int | None, t: Translator, on_select: Select
) -> None:
    """Explore the map freely, or follow the story step by step."""
    mode = EXPLORE if step is None else STORY
    if st.session_state.get(MODE_KEY) != mode:
        st.session_state[MODE_KEY] = mode

    def switch() -> None:
        if st.session_state[MODE_KEY] == STORY:
            # From the place being looked at, if it is a stop; else from the beginning.
            start = step_of_place(stops, st.session_state.get(PLACE_KEY)) or 1
            _go_to(start, stops, tour, t, on_select)
        else:
            select_step(None, tour, t.lang)

    st.segmented_control(
        t("story.mode"),
        list(MODE_LABELS),
        key=MODE_KEY,
        required=True,
        format_func=lambda mode: t(MODE_LABELS[mode]),
        on_change=switch,
        disabled=stops.empty,
        label_visibility="collapsed",
    )


def story_panel(
    tour: Tour, stops: pd.DataFrame, number: int, t: Translator, on_select: Select
) -> None:
    """The step's controls (Previous, "3 of 6", Next) and what the story says of its stop."""
    step = story_step(tour, stops, number, t)
    with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
        st.button(
            t("story.previous"),
            key=PREVIOUS_KEY,
            shortcut="Left",
            disabled=number == 1,
            on_click=_go_to,
            args=(number - 1, stops, tour, t, on_select),
        )
        st.markdown(f"**{step.counter}**", width="content")
        st.button(
            t("story.next"),
            key=NEXT_KEY,
            shortcut="Right",
            type="primary",
            disabled=number == step.total,
            on_click=_go_to,
            args=(number + 1, stops, tour, t, on_select),
        )
    # Hidden on screen (static/goodwill/app.css); the page's script reads it out.
    with st.container(key=ANNOUNCEMENT_KEY):
        st.markdown(step.announcement)
    show_card(step.card, t)


def _go_to(number: int, stops: pd.DataFrame, tour: Tour, t: Translator, on_select: Select) -> None:
    select_step(number, tour, t.lang)
    on_select(stops["place_id"].iloc[number - 1])
