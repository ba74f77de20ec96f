"""The story mode of the map page under AppTest, in English and Spanish: a step link,
Previous and Next, the switch, and the step following the selection."""

import pytest

from goodwill.dataset import load_tour
from goodwill.i18n import translator
from goodwill.story_steps import story_stops
from tests.helpers.apptest import click_marker, run_app
from ui.story import MODE_KEY, NEXT_KEY, PREVIOUS_KEY, STORY

STOPS = list(story_stops(load_tour().events)["place_id"])


def shown(at) -> str:
    return "\n".join(markdown.value for markdown in at.main.markdown)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_step_link_opens_the_story_at_that_step(lang):
    t = translator(lang)
    at = run_app(query={"step": "3", "lang": lang})
    assert not at.exception
    assert f"**{t('story.counter', step=3, total=6)}**" in shown(at)
    assert "### Nogales · Sonora" in shown(at)
    assert at.button(key=PREVIOUS_KEY).label == t("story.previous")
    assert at.button(key=NEXT_KEY).label == t("story.next")
    assert at.button_group(key=MODE_KEY).value == STORY
    # The announcement a screen reader hears is on the page (hidden on screen).
    assert any(t("story.counter", step=3, total=6) in m.value for m in at.main.markdown)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_next_and_previous_move_the_step_its_stop_and_the_url(lang):
    t = translator(lang)
    at = run_app(query={"step": "3", "lang": lang})
    at.button(key=NEXT_KEY).click().run()
    assert not at.exception
    assert f"**{t('story.counter', step=4, total=6)}**" in shown(at)
    assert at.query_params["step"] == "4"
    assert at.session_state["place"] == STOPS[3]
    assert "place" not in at.query_params  # the step names it
    at.button(key=PREVIOUS_KEY).click().run()
    at.button(key=PREVIOUS_KEY).click().run()
    assert at.query_params["step"] == "2"
    assert at.session_state["place"] == STOPS[1]


def test_previous_is_disabled_at_the_first_step_and_next_at_the_last():
    first = run_app(query={"step": "1"})
    assert first.button(key=PREVIOUS_KEY).disabled
    assert not first.button(key=NEXT_KEY).disabled
    last = run_app(query={"step": str(len(STOPS))})
    assert last.button(key=NEXT_KEY).disabled
    assert not last.button(key=PREVIOUS_KEY).disabled


def test_the_story_starts_at_the_stop_being_looked_at_or_else_at_the_first():
    at = run_app(query={"place": "pima-west-campus"})
    at.button_group(key=MODE_KEY).set_value(STORY).run()
    assert at.query_params["step"] == str(STOPS.index("pima-west-campus") + 1)
    at = run_app(query={"place": "washington-dc"})
    at.button_group(key=MODE_KEY).set_value(STORY).run()
    assert at.query_params["step"] == "1"
    assert at.session_state["place"] == STOPS[0]


def test_leaving_the_story_keeps_the_place_to_explore():
    at = run_app(query={"step": "2"})
    at.button_group(key=MODE_KEY).set_value("explore").run()
    assert "step" not in at.query_params
    assert at.query_params["place"] == STOPS[1]
    assert at.main.selectbox[0].value == STOPS[1]


def test_the_step_follows_a_stop_clicked_on_the_map_and_another_place_leaves_the_story():
    at = run_app(query={"step": "1"})
    click_marker(at, "nogales-sonora")
    assert at.query_params["step"] == str(STOPS.index("nogales-sonora") + 1)
    click_marker(at, "washington-dc", count=2)
    assert "step" not in at.query_params
    assert at.query_params["place"] == "washington-dc"
    assert at.button_group(key=MODE_KEY).value == "explore"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_bad_step_in_the_link_is_ignored_with_a_notice(lang):
    t = translator(lang)
    at = run_app(query={"step": "9", "lang": lang})
    assert not at.exception
    assert at.button_group(key=MODE_KEY).value == "explore"
    reason = t("notice.reason.step", last=len(STOPS))
    assert any(reason in toast.value for toast in at.toast)
