"""The guided story: its steps, what each says, and the line that says how little the
story gives of a place."""

import pytest

from goodwill.i18n import translator
from goodwill.panels import event_card, evidence_line, little_in_the_story
from goodwill.story_steps import step_of_place, story_step, story_stops
from goodwill.text import escape_markdown as md

EN, ES = translator("en"), translator("es")


@pytest.fixture(scope="module")
def stops(tour):
    return story_stops(tour.events)


def step_text(tour, stops, number, t=EN) -> str:
    step = story_step(tour, stops, number, t)
    return step.card.body


def test_the_steps_are_the_six_tour_stops_in_date_order(stops):
    # The story: McAllen and Reynosa "last month", Nogales on Thursday, Tucson on Friday,
    # Tijuana and San Diego "at the end of the month" (planned). Stops dated alike keep
    # the itinerary's order (by place id).
    assert list(stops["place_id"]) == [
        "mcallen",
        "reynosa",
        "nogales-sonora",
        "pima-west-campus",
        "san-diego",
        "tijuana",
    ]


def test_filters_shorten_the_story_to_the_stops_they_keep(tour):
    held = tour.events[tour.events["status"] == "held"]
    assert list(story_stops(held)["place_id"]) == [
        "mcallen",
        "reynosa",
        "nogales-sonora",
        "pima-west-campus",
    ]
    assert story_stops(tour.events[tour.events["kind"] != "tour-stop"]).empty


def test_a_step_says_what_happened_when_with_its_precision_and_that_it_is_inferred(tour, stops):
    step = story_step(tour, stops, 3, EN)
    nogales = tour.events.set_index("event_id").loc["nogales-2016-08-04"]
    assert (step.number, step.total, step.counter) == (3, 6, "3 of 6")
    # What happened first, where exactly (the coordinates' precision) last.
    assert step.card.body.startswith("### Nogales · Sonora · Mexico\n\n**Tour stop** · Held")
    assert step.card.body.endswith(
        "*City only: City centre, approximate; the story names the city only\\.*"
    )
    assert f"**What happened here:** {md(nogales['summary'])}" in step.card.body
    assert (
        "**Date:** Thursday, 4 August 2016 \\(inferred\\) · Exact day — "
        "the story says “Thursday”" in step.card.body
    )


def test_every_fact_of_a_step_comes_with_its_evidence(tour, stops):
    step = story_step(tour, stops, 4, EN)
    tucson = tour.events.set_index("event_id").loc["tucson-2016-08-05"]
    evidence = "\n".join(step.card.evidence)
    assert evidence_line(tour, EN("story.what_happened"), tucson, EN) in evidence
    assert md(tucson["date_resolution"]) in evidence
    assert md(tucson["date_evidence"]) in evidence
    appearances = tour.appearances[tour.appearances["event_id"] == "tucson-2016-08-05"]
    for text in appearances["evidence"]:
        assert md(text) in evidence
    assert md(tour.quotes.set_index("quote_id").loc["kerlikowske-partnership", "evidence"]) in (
        evidence
    )


def test_the_tucson_step_names_who_was_there_and_its_headline_quote(tour, stops):
    text = step_text(tour, stops, 4)
    assert "**Who was there:**" in text
    for name in ("R\\. Gil Kerlikowske", "Damián Canales", "Mariachi band", "Woodwind Symphony"):
        assert name in text
    assert "**Headline quote:**" in text
    assert "“It’s an opportunity to show partnership" in text
    # One quote, not the fourteen of the Tucson panel: a step is read at a glance.
    assert text.count("> —") == 1


def test_stops_the_story_dates_alike_say_their_order_is_not_known(tour, stops):
    same = md("The story gives McAllen and Reynosa the same dates: it does not say in which order.")
    assert f"*{same}*" in step_text(tour, stops, 1)
    assert f"*{same}*" in step_text(tour, stops, 2)
    assert "same dates" not in step_text(tour, stops, 3)
    assert "San Diego and Tijuana the same dates" in step_text(tour, stops, 6)


def test_a_planned_step_says_it_was_still_to_come(tour, stops):
    text = step_text(tour, stops, 6)
    assert "**Tour stop** · Planned" in text
    assert f"*{md('Planned: this stop was still to come when the story was written.')}*" in text
    assert "**What was planned here:**" in text
    assert "**Who was to go:**" in text
    assert "Planned:" not in step_text(tour, stops, 4)


def test_a_screen_reader_hears_the_counter_the_place_the_date_and_what_happened(tour, stops):
    step = story_step(tour, stops, 3, EN)
    assert step.announcement == md(
        "Step 3 of 6: Nogales, Thursday, 4 August 2016 (inferred). "
        "The event moved on to Nogales, Sonora, on the Mexican side of the border."
    )


def test_a_step_in_spanish(tour, stops):
    step = story_step(tour, stops, 3, ES)
    assert step.counter == "3 de 6"
    assert "**Qué pasó aquí:**" in step.card.body
    assert "jueves, 4 de agosto de 2016" in step.card.body
    assert "La nota solo da la ciudad y el día\\." in step.card.body
    assert step.announcement.startswith(md("Paso 3 de 6: Nogales"))
    planned = story_step(tour, stops, 6, ES).card.body
    assert "La nota da las mismas fechas a San Diego y Tijuana" in planned


@pytest.mark.parametrize("number", [0, 7, -1])
def test_a_step_outside_the_story_is_refused(tour, stops, number):
    with pytest.raises(ValueError, match="not one of the 6 steps"):
        story_step(tour, stops, number, EN)


def test_the_step_of_a_place_keeps_the_current_one_or_finds_the_first(stops):
    assert step_of_place(stops, "nogales-sonora") == 3
    assert step_of_place(stops, "nogales-sonora", current=3) == 3
    assert step_of_place(stops, "nogales-sonora", current=5) == 3
    assert step_of_place(stops, "washington-dc", current=3) is None
    assert step_of_place(stops, None) is None


# --------------------------------------------------------------------------- little in the story


def event_row(tour, event_id):
    row = tour.events.set_index("event_id").loc[event_id].copy()
    row["event_id"] = event_id
    return row


@pytest.mark.parametrize(
    ("event_id", "expected"),
    [
        ("nogales-2016-08-04", "The story gives only the city and the day."),
        ("mcallen-2016-07", "The story gives only the city, the month, and who was there."),
        (
            "tijuana-2016-08-late",
            "The story gives only the city, a rough date (late in the month), and who is to go.",
        ),
        (
            "washington-meetings",
            "The story gives only the city and that meetings were held there but not when.",
        ),
        (
            "honduras-visit",
            "The story gives only the country, that a visit is planned but not when, "
            "and who is to go.",
        ),
    ],
)
def test_a_place_with_little_in_the_story_says_what_little_it_gives(tour, event_id, expected):
    assert little_in_the_story(tour, event_row(tour, event_id), EN) == expected


def test_tucson_with_its_venue_audience_and_quotes_says_nothing_of_the_kind(tour):
    assert little_in_the_story(tour, event_row(tour, "tucson-2016-08-05"), EN) is None


def test_the_line_is_built_from_the_empty_fields_not_from_the_place(tour):
    nogales = event_row(tour, "nogales-2016-08-04")
    nogales["venue"] = "Plaza"
    assert little_in_the_story(tour, nogales, EN) is None


def test_the_line_in_spanish(tour):
    assert (
        little_in_the_story(tour, event_row(tour, "mexico-city-meetings"), ES)
        == "La nota solo da la ciudad y que hubo reuniones ahí pero no cuándo."
    )


def test_the_place_panel_card_carries_the_line(tour):
    card = event_card(tour, event_row(tour, "nogales-2016-08-04"), EN)
    assert "*The story gives only the city and the day\\.*" in card.body
