"""The shipped tour says what the story says: a fact-by-fact audit of the data."""

import pandas as pd
import pytest

from goodwill.enums import AppearanceRole, DatePrecision, EventKind, EventStatus, QuoteKind
from goodwill.paths import shipped_tour
from tests.helpers.story_text import normalise_whitespace, repair_text

NOTES = shipped_tour() / "source-notes.md"


def event(tour, event_id):
    return tour.events.set_index("event_id").loc[event_id]


def place_of(tour, event_id):
    return tour.places.set_index("place_id").loc[event(tour, event_id)["place_id"]]


def test_tucson_ceremony_was_friday_5_august_2016_at_pima_community_college(tour):
    tucson = event(tour, "tucson-2016-08-05")
    assert tucson["date_start"] == tucson["date_end"] == pd.Timestamp("2016-08-05")
    assert tucson["date_precision"] == "day"
    assert tucson["date_words"] == "Friday"
    assert tucson["date_inferred"]
    assert "Pima Community College" in tucson["venue"]
    assert "Proscenium Theatre" in tucson["venue"]
    place = place_of(tour, "tucson-2016-08-05")
    assert (place["locality"], place["country"], place["location_precision"]) == (
        "Tucson",
        "US",
        "venue",
    )


def test_nogales_sonora_was_the_day_before_on_thursday_4_august(tour):
    nogales = event(tour, "nogales-2016-08-04")
    assert nogales["date_start"] == nogales["date_end"] == pd.Timestamp("2016-08-04")
    assert nogales["date_words"] == "Thursday"
    place = place_of(tour, "nogales-2016-08-04")
    assert (place["name"], place["admin_area"], place["country"]) == ("Nogales", "Sonora", "MX")


@pytest.mark.parametrize(
    ("event_id", "city", "state", "country"),
    [
        ("mcallen-2016-07", "McAllen", "Texas", "US"),
        ("reynosa-2016-07", "Reynosa", "Tamaulipas", "MX"),
    ],
)
def test_mcallen_and_reynosa_were_last_month_july_2016(tour, event_id, city, state, country):
    stop = event(tour, event_id)
    assert (stop["date_start"], stop["date_end"]) == (
        pd.Timestamp("2016-07-01"),
        pd.Timestamp("2016-07-31"),
    )
    assert (stop["date_precision"], stop["date_words"], stop["status"]) == (
        DatePrecision.MONTH,
        "last month",
        EventStatus.HELD,
    )
    place = place_of(tour, event_id)
    assert (place["name"], place["admin_area"], place["country"]) == (city, state, country)


@pytest.mark.parametrize("event_id", ["tijuana-2016-08-late", "san-diego-2016-08-late"])
def test_tijuana_and_san_diego_are_planned_for_the_end_of_the_month(tour, event_id):
    stop = event(tour, event_id)
    assert (stop["status"], stop["date_precision"]) == (
        EventStatus.PLANNED,
        DatePrecision.LATE_MONTH,
    )
    assert stop["date_end"] == pd.Timestamp("2016-08-31")


def test_earlier_meetings_and_announced_visits_have_unknown_dates(tour):
    unknown = tour.events[tour.events["date_precision"] == DatePrecision.UNKNOWN]
    assert set(unknown["kind"]) == {EventKind.EARLIER_MEETING, EventKind.ANNOUNCED_VISIT}
    places = set(tour.places.set_index("place_id").loc[unknown["place_id"], "name"])
    assert places == {"Washington, D.C.", "Mexico City", "Guatemala", "El Salvador", "Honduras"}


def test_inferred_dates_say_how_they_were_inferred(tour):
    inferred = tour.events[tour.events["date_inferred"]]
    assert len(inferred) == len(tour.events)  # the story prints no absolute date
    assert inferred["date_resolution"].str.len().min() > 40
    assert set(inferred["date_source_id"]) == {"sentinel"}


def test_the_three_officials_have_their_names_and_roles(tour):
    people = tour.people.set_index("person_id")
    assert people.loc["kerlikowske", "name"] == "R. Gil Kerlikowske"
    assert people.loc["galindo-ceballos", "name"] == "Enrique Galindo Ceballos"
    assert people.loc["canales", "name"] == "Damián Canales"
    assert people.loc["canales", "role"] == "Chief commissioner for intelligence"
    assert people.loc["kerlikowske", "organisation"].startswith("U.S. Customs and Border")


def test_the_ensembles_have_their_sizes(tour):
    people = tour.people.set_index("person_id")
    assert people.loc["mariachi", "members"] == 14
    assert people.loc["symphony", "members"] == 50


def test_canales_spoke_in_tucson_on_behalf_of_galindo_ceballos(tour):
    appearances = tour.appearances.set_index("appearance_id")
    canales = appearances.loc["canales@tucson-2016-08-05"]
    assert (canales["role"], canales["on_behalf_of"]) == (
        AppearanceRole.SPEAKER_ON_BEHALF,
        "galindo-ceballos",
    )
    assert "galindo-ceballos@tucson-2016-08-05" not in appearances.index


def test_tucson_audience_was_more_than_250_people(tour):
    assert event(tour, "tucson-2016-08-05")["audience_more_than"] == 250


def test_every_direct_quote_of_the_story_is_in_the_data(tour, received_story):
    story = repair_text(received_story)
    verbatim = tour.quotes[tour.quotes["kind"] != QuoteKind.PARAPHRASE]
    # Seven opening quote marks in the story: six quotes and one quoted phrase.
    assert len(verbatim) == story.count("“") == 7
    for text in verbatim["text"]:
        assert f"“{text}" in story


def test_every_quote_and_paraphrase_is_verbatim_from_the_story(tour, received_story):
    story = normalise_whitespace(repair_text(received_story))
    for text in tour.quotes["text"]:
        assert text in story


def _excerpts(evidence: str) -> list[str]:
    return [normalise_whitespace(part) for part in evidence.split(" … ")]


def _rows_with_evidence(tour):
    """(table, row, the source its evidence is quoted from) for every row of every table."""
    for name in ("sources", "places", "events", "city_pairs", "people", "appearances", "quotes"):
        frame = getattr(tour, name)
        for _, row in frame.iterrows():
            # A source's own row is supported by the source that describes it.
            yield name, row, row["cited_by"] if name == "sources" else row["source_id"]


def test_every_story_excerpt_is_verbatim_from_the_repaired_story(tour, received_story):
    story = normalise_whitespace(repair_text(received_story))
    for name, row, source in _rows_with_evidence(tour):
        if source == "star":
            for excerpt in _excerpts(row["evidence"]):
                assert excerpt in story, f"{name}: {excerpt}"


def test_every_notes_excerpt_is_verbatim_from_the_shipped_source_notes(tour):
    # The notes are Markdown; their emphasis and code marks are not part of the words.
    notes = normalise_whitespace(NOTES.read_text(encoding="utf-8").replace("**", ""))
    notes = notes.replace("`", "")
    checked = 0
    for name, row, source in _rows_with_evidence(tour):
        excerpts = []
        if source == "notes":
            excerpts += _excerpts(row["evidence"])
        if name == "events" and row["date_evidence"]:
            excerpts += _excerpts(row["date_evidence"])
        for excerpt in excerpts:
            assert excerpt in notes, f"{name}: {excerpt}"
            checked += 1
    assert checked > 10


def test_every_event_summary_names_its_place_and_claims_no_date(tour):
    # The summary is the story mode's "what happened here"; the date is shown beside it
    # with its precision, so a date inside the summary would be shown without them.
    places = tour.places.set_index("place_id")
    for _, row in tour.events.iterrows():
        place = places.loc[row["place_id"]]
        assert (place["locality"] or place["name"]) in row["summary"], row["event_id"]
        assert not {"2016", "July", "August"} & set(row["summary"].split()), row["event_id"]


def test_a_planned_stops_summary_says_it_was_still_to_come(tour):
    events = tour.events
    planned = events[
        (events["kind"] == EventKind.TOUR_STOP) & (events["status"] == EventStatus.PLANNED)
    ]
    assert len(planned) == 2
    assert planned["summary"].str.contains("still to come when the story was written").all()
