"""Specification of the timeline: each event drawn as precisely as the story dates it."""

import json
from dataclasses import replace

import pandas as pd
import pytest

from goodwill import urls
from goodwill.enums import EventStatus
from goodwill.i18n import translator
from goodwill.map.style import country_styles
from goodwill.timeline import (
    OPEN_ARROW,
    chart_edges,
    selected_place,
    timeline_chart,
    timeline_rows,
)
from goodwill.view import default_view, filter_events, map_url


@pytest.fixture(scope="module")
def rows(tour):
    return timeline_rows(tour, tour.events, translator("en")).set_index("event_id")


def test_every_event_gets_one_row(tour, rows):
    assert sorted(rows.index) == sorted(tour.events["event_id"])


def test_a_day_event_is_a_point_in_the_middle_of_its_day(rows):
    tucson = rows.loc["tucson-2016-08-05"]
    assert tucson["shape"] == "point"
    assert tucson["x_start"] == tucson["x_end"] == pd.Timestamp("2016-08-05 12:00")
    assert tucson["label"] == "Friday, 5 August 2016 (inferred)"


@pytest.mark.parametrize(
    ("event_id", "start", "end"),
    [
        # "last month": the whole of July, its last day included
        ("mcallen-2016-07", "2016-07-01", "2016-08-01"),
        # "at the end of the month": 20–31 August, planned
        ("tijuana-2016-08-late", "2016-08-20", "2016-09-01"),
    ],
)
def test_month_and_late_month_events_are_intervals_over_their_days(rows, event_id, start, end):
    row = rows.loc[event_id]
    assert row["shape"] == "interval"
    assert (row["x_start"], row["x_end"]) == (pd.Timestamp(start), pd.Timestamp(end))


def test_an_earlier_meeting_of_unknown_date_is_an_arrow_back_from_its_bound(rows):
    meeting = rows.loc["washington-meetings"]
    assert meeting["shape"] == "open-before"
    assert meeting["x_end"] == pd.Timestamp("2016-08-05")
    assert meeting["x_start"] == pd.Timestamp("2016-08-05") - OPEN_ARROW
    assert meeting["label"] == "before 5 August 2016, date unknown (inferred)"


def test_an_announced_visit_of_unknown_date_is_an_arrow_on_from_its_bound(rows):
    visit = rows.loc["guatemala-visit"]
    assert visit["shape"] == "open-after"
    # After 5 August: from the end of that day.
    assert visit["x_start"] == pd.Timestamp("2016-08-06")
    assert visit["x_end"] == pd.Timestamp("2016-08-06") + OPEN_ARROW
    assert visit["label"] == "after 5 August 2016, date unknown — planned (inferred)"


def test_an_unknown_date_is_never_invented(rows):
    unknown = rows[rows["precision"] == "unknown"]
    # The data's missing bound stays missing; the arrow's far end is its length from the
    # bound, not a date.
    assert (unknown["date_start"].isna() | unknown["date_end"].isna()).all()
    for _, row in unknown.iterrows():
        assert row["x_end"] - row["x_start"] == OPEN_ARROW
        assert "unknown" in row["label"]


def open_layers(spec: dict) -> list[dict]:
    """The layers of the chart that draw the events of unknown date."""
    return [layer for layer in spec["layer"] if "open-" in json.dumps(layer.get("transform", []))]


def test_an_unknown_date_is_never_drawn_as_a_bar(tour):
    t = translator("en")
    spec = timeline_chart(timeline_rows(tour, tour.events, t), tour, t).to_dict()
    bars = [layer for layer in spec["layer"] if layer["mark"]["type"] == "bar"]
    # Only closed intervals are bars ("last month", "end of the month").
    assert [layer["transform"] for layer in bars] == [[{"filter": "(datum.shape === 'interval')"}]]
    marks = {layer["mark"]["type"] for layer in open_layers(spec)}
    # A dotted line with an arrowhead, a tick at the bound, and the words.
    assert marks == {"rule", "point", "tick", "text"}
    (rule,) = [layer for layer in open_layers(spec) if layer["mark"]["type"] == "rule"]
    assert rule["mark"]["strokeDash"] == [2, 3]


def test_the_edges_leave_room_beyond_every_known_date(tour):
    left, right = chart_edges(tour.events)
    assert left < pd.Timestamp("2016-07-01")
    assert right > pd.Timestamp("2016-09-01")


def test_planned_events_are_flagged_and_held_ones_are_not(tour, rows):
    expected = tour.events.set_index("event_id")["status"] == EventStatus.PLANNED
    assert rows["planned"].to_dict() == expected.to_dict()
    assert rows.loc["tijuana-2016-08-late", "status_label"] == "Planned"


def test_lanes_read_in_time_earlier_meetings_first_announced_visits_last(rows):
    shapes = list(rows.sort_values("order", kind="stable")["shape"])
    assert shapes[0] == "open-before"
    assert shapes[-1] == "open-after"


def test_colours_are_the_map_colours_of_each_country(tour, rows):
    styles = country_styles(tour)
    for _, row in rows.iterrows():
        assert row["colour"] == styles[row["country"]].colour


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_chart_colour_scale_is_the_maps(tour, lang):
    t = translator(lang)
    spec = timeline_chart(timeline_rows(tour, tour.events, t), tour, t).to_dict()
    scales = [
        layer["encoding"]["fill"]["scale"] for layer in spec["layer"] if "fill" in layer["encoding"]
    ]
    styles = country_styles(tour)
    assert scales
    for scale in scales:
        assert scale["domain"] == [t.country_name(code) for code in styles]
        assert scale["range"] == [style.colour for style in styles.values()]


def test_planned_marks_are_hollow_and_dashed(tour):
    t = translator("en")
    spec = timeline_chart(timeline_rows(tour, tour.events, t), tour, t).to_dict()
    data = next(iter(spec["datasets"].values()))
    planned = [row for row in data if row["planned"] and not row["shape"].startswith("open")]
    held = [row for row in data if not row["planned"] and not row["shape"].startswith("open")]
    assert planned
    assert held
    assert all(row["fill_opacity"] == 0 for row in planned)
    assert all(row["fill_opacity"] > 0.5 for row in held)
    for layer in spec["layer"][:2]:  # the bars and the points
        dash = layer["encoding"]["strokeDash"]
        assert dash["condition"] == {"test": "datum.planned", "value": [4, 3]}
        assert dash["value"] == [1, 0]


def test_the_tooltip_gives_place_date_in_words_kind_and_status(tour):
    t = translator("es")
    spec = timeline_chart(timeline_rows(tour, tour.events, t), tour, t).to_dict()
    fields = [item["field"] for item in spec["layer"][0]["encoding"]["tooltip"]]
    assert fields[:4] == ["place", "label", "kind_label", "status_label"]


def test_no_kept_event_gives_an_empty_table(tour):
    none = tour.events.iloc[0:0]
    assert timeline_rows(tour, none, translator("en")).empty


def test_a_click_on_the_chart_names_the_place():
    assert selected_place({"pick_day": [{"place_id": "nogales-sonora"}]}) == "nogales-sonora"
    assert selected_place({"pick_span": [], "pick_day": []}) is None
    assert selected_place(None) is None


def test_the_map_link_selects_the_place_and_keeps_the_language(tour):
    link = map_url(tour, default_view(tour), "es", place="tijuana")
    assert link == urls.MAP.url({"place": "tijuana", "lang": "es"})


def test_filtered_out_events_are_not_on_the_timeline(tour):
    view = replace(default_view(tour), show_undated=False)
    rows = timeline_rows(tour, filter_events(tour, view), translator("en"))
    assert "unknown" not in set(rows["precision"])


def test_the_axis_names_months_in_the_readers_language(tour):
    t = translator("es")
    spec = timeline_chart(timeline_rows(tour, tour.events, t), tour, t).to_dict()
    assert spec["config"]["locale"]["time"]["shortMonths"][7] == "ago"
    assert spec["config"]["locale"]["time"]["days"][0] == "domingo"
    assert spec["config"]["legend"]["orient"] == "top"
