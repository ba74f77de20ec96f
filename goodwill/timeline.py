"""The tour in time: one chart row per kept event, drawn as honestly as its date is known.

A ``day`` event is a point in the middle of its day; a ``month`` or ``late-month`` event is
an interval bar over the days it may have been on. An event of ``unknown`` date has at most
a bound ("before 5 August 2016"): it is drawn as a mark at that bound and a short dotted
arrow pointing away from it, towards the side where the date may lie, never as a bar: a
bar from the chart's edge read as a real span (a meeting "from mid-June to 5 August").
Its own ``date_start`` / ``date_end`` stay missing, and the arrow's tip is a fixed
:data:`OPEN_ARROW` from the bound, not a date. Planned events are hollow and dashed, as on
the map; countries have the map's colours.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from goodwill.dataset import Tour
from goodwill.dates import calendar_day, describe_date_short
from goodwill.enums import DatePrecision, EventStatus
from goodwill.i18n import Translator
from goodwill.map.style import PLANNED_DASH, country_styles
from goodwill.panels import event_date
from goodwill.view import View, map_url

#: How a row is drawn: a point, a closed interval, or a band open towards an edge.
SHAPES = ("point", "interval", "open-before", "open-after", "open-both")
#: Room left on each side of the known dates, where an open arrow may point.
EDGE_MARGIN = pd.Timedelta(days=14)
#: How long an open arrow is drawn: a direction from the bound, not a length of time.
OPEN_ARROW = pd.Timedelta(days=9)
#: The chart's selection parameters (one per clickable layer): a click picks a place.
SELECTIONS = ("pick_span", "pick_day", "pick_open")
#: Pixels between an unknown date's bound and its words (clear of the tick at the bound).
BAND_TEXT_GAP = 9
#: How far above its lane's arrow (pixels) the words of an unknown date sit, when there.
ABOVE_ARROW = 12
#: The longest lane name shown whole, in pixels.
LANE_LABEL_LIMIT = 160
#: Below this plot width (pixels) the legend takes two columns instead of one row, and an
#: unknown date's words leave "planned" to its dashes.
NARROW_WIDTH = 480
_DAY = pd.Timedelta(days=1)
_PLANNED_DASH = [int(part) for part in PLANNED_DASH.split()]  # the map's dash, "4 3"
_LANE_GROUP = {"open-before": 0, "open-both": 0, "open-after": 2}
COLUMNS = [
    "event_id",
    "place_id",
    "place",
    "lane",
    "lane_rank",
    "country",
    "country_name",
    "colour",
    "kind",
    "kind_label",
    "status",
    "status_label",
    "planned",
    "precision",
    "shape",
    "date_start",
    "date_end",
    "x_start",
    "x_end",
    "label",
    "band_label",
    "band_date",
    "order",
]


def chart_edges(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The chart's left and right edges: every known bound of the kept events, with room
    on both sides so that an open band visibly runs past the dated events."""
    known = pd.concat([events["date_start"], events["date_end"]]).dropna()
    if known.empty:
        today = pd.Timestamp(dt.date.today())
        return today - EDGE_MARGIN, today + EDGE_MARGIN
    return known.min() - EDGE_MARGIN, known.max() + _DAY + EDGE_MARGIN


def shape_of(event: pd.Series) -> str:
    """How an event is drawn, from its precision and which bounds it has."""
    precision = event["date_precision"]
    if precision == DatePrecision.DAY:
        return "point"
    if precision in (DatePrecision.MONTH, DatePrecision.LATE_MONTH):
        return "interval"
    has_start, has_end = pd.notna(event["date_start"]), pd.notna(event["date_end"])
    if has_end and not has_start:
        return "open-before"
    if has_start and not has_end:
        return "open-after"
    # Both bounds ("between … and …") is a closed band; neither is open at both ends.
    return "interval" if has_start and has_end else "open-both"


def timeline_rows(tour: Tour, events: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """One row per kept event: where to draw it (``x_start``..``x_end``, ``shape``), what
    it is, its date in words (``label``) and its country's colour on the map.

    ``date_start`` / ``date_end`` are the data's own bounds (missing stays missing). An
    open shape runs from its bound (``x_end`` before it, ``x_start`` after it) to the tip
    of its arrow, :data:`OPEN_ARROW` away; with no bound at all, across the chart
    (:func:`chart_edges`).
    """
    if events.empty:
        return pd.DataFrame(columns=COLUMNS)
    places = tour.places.set_index("place_id")
    styles = country_styles(tour)
    left, right = chart_edges(events)
    rows = []
    for _, event in events.iterrows():
        place = places.loc[event["place_id"]]
        start, end = event["date_start"], event["date_end"]
        shape = shape_of(event)
        if shape == "point":
            # The middle of the day, so the point sits inside its day on any zoom.
            x_start = x_end = start + _DAY / 2
        elif shape == "interval" and event["date_precision"] != DatePrecision.UNKNOWN:
            x_start, x_end = start, end + _DAY  # the last day is included
        elif shape == "interval":
            x_start, x_end = start + _DAY, end  # "between" excludes its bounds
        elif shape == "open-before":
            x_start, x_end = end - OPEN_ARROW, end
        elif shape == "open-after":
            x_start, x_end = start + _DAY, start + _DAY + OPEN_ARROW
        else:
            x_start, x_end = left, right
        rows.append(
            {
                "event_id": event["event_id"],
                "place_id": event["place_id"],
                "place": place["name"],
                "lane": place["name"],
                "country": place["country"],
                "country_name": t.country_name(place["country"]),
                "colour": styles[place["country"]].colour,
                "kind": event["kind"],
                "kind_label": t.label("event_kind", event["kind"]),
                "status": event["status"],
                "status_label": t.label("event_status", event["status"]),
                "planned": event["status"] == EventStatus.PLANNED,
                "precision": event["date_precision"],
                "shape": shape,
                "date_start": start,
                "date_end": end,
                "x_start": x_start,
                "x_end": x_end,
                "label": event_date(event, t),
                # Written on an open band itself, so that "date unknown" needs no hover; the
                # short form, so that it fits on the band on a phone too.
                "band_label": describe_date_short(
                    calendar_day(start),
                    calendar_day(end),
                    event["date_precision"],
                    event["status"],
                    t.lang,
                )
                if shape.startswith("open")
                else "",
                # The same without the status ("planned"), for a narrow chart.
                "band_date": describe_date_short(
                    calendar_day(start),
                    calendar_day(end),
                    event["date_precision"],
                    EventStatus.HELD,
                    t.lang,
                )
                if shape.startswith("open")
                else "",
                # Lanes read in time: what came before the dated events, the dated
                # events by start, then what was only announced for after them.
                "order": _LANE_GROUP.get(shape, 1),
            }
        )
    frame = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "lane_rank"])
    frame = frame.sort_values(["order", "x_start", "x_end", "event_id"], kind="stable")
    frame = frame.reset_index(drop=True)
    # Each lane's place in the chart, top to bottom: the order its first event comes in.
    lanes = {lane: rank for rank, lane in enumerate(dict.fromkeys(frame["lane"]))}
    frame.insert(COLUMNS.index("lane_rank"), "lane_rank", frame["lane"].map(lanes))
    return frame


def country_scale(tour: Tour, t: Translator) -> alt.Scale:
    """The map's colour per country, keyed by the country's name in the reader's language."""
    styles = country_styles(tour)
    return alt.Scale(
        domain=[t.country_name(code) for code in styles],
        range=[style.colour for style in styles.values()],
    )


def timeline_chart(rows: pd.DataFrame, tour: Tour, t: Translator) -> alt.LayerChart:
    """The Altair chart of :func:`timeline_rows`: a lane per place in date order, bars for
    intervals, points for days, and for an unknown date a mark at its bound with a dotted
    arrow pointing away from it. Held is filled; planned is hollow and dashed. A click
    selects the event's place (selection parameters :data:`SELECTIONS`)."""
    scale = country_scale(tour, t)
    lanes = rows["lane"].nunique()
    data = rows.assign(
        fill_opacity=[
            (0.0 if planned else 1.0) if shape.startswith("open") else (0.0 if planned else 0.85)
            for shape, planned in zip(rows["shape"], rows["planned"], strict=True)
        ],
        # What a screen reader says of a mark: Vega's own description would list every
        # field of the row (lane, x_end, fill_opacity…) in English.
        description=[
            " · ".join(parts)
            for parts in zip(
                rows["place"],
                rows["label"],
                rows["kind_label"],
                rows["status_label"],
                rows["country_name"],
                strict=True,
            )
        ],
    )
    pick_span, pick_day, pick_open = (
        alt.selection_point(name=name, fields=["place_id"], on="click") for name in SELECTIONS
    )
    tooltip = [
        alt.Tooltip("place:N", title=t("field.place")),
        alt.Tooltip("label:N", title=t("field.date")),
        alt.Tooltip("kind_label:N", title=t("timeline.kind")),
        alt.Tooltip("status_label:N", title=t("timeline.status")),
        alt.Tooltip("country_name:N", title=t("timeline.country")),
    ]
    # Sorted by a number, not by a list of the lanes' names: Vega-Lite writes such a list
    # into an expression, which a name holding U+2028 (a line separator) breaks, and the
    # chart then draws nothing. Data text stays data. Lane names are short names; a longer
    # one is cut rather than crowd a phone's plot.
    y = alt.Y(
        "lane:N",
        sort=alt.EncodingSortField(field="lane_rank", op="min"),
        title=None,
        axis=alt.Axis(labelLimit=LANE_LABEL_LIMIT),
    )
    # One axis for every layer. A date that would stick out past the chart's edge (on a
    # phone, the last one) is left out rather than cut by the screen.
    x = alt.X(
        "x_start:T", title=t("field.date"), axis=alt.Axis(format="%-d %b %Y", labelBound=True)
    )
    common = {
        "y": y,
        "fill": alt.Fill("country_name:N", scale=scale, title=t("timeline.country")),
        # Same field, scale and title as the fill: Vega-Lite draws one legend for both.
        "stroke": alt.Stroke("country_name:N", scale=scale, title=t("timeline.country")),
        "fillOpacity": alt.FillOpacity("fill_opacity:Q", scale=None, legend=None),
        "strokeDash": alt.condition(alt.datum.planned, alt.value(_PLANNED_DASH), alt.value([1, 0])),
        "tooltip": tooltip,
        "description": alt.Description("description:N"),
    }
    base = alt.Chart(data)
    bars = (
        base.transform_filter(alt.datum.shape == "interval")
        .mark_bar(height=16, strokeWidth=2, cornerRadius=2)
        .encode(
            x=x,
            x2="x_end:T",
            opacity=alt.condition(pick_span, alt.value(1.0), alt.value(0.35)),
            **common,
        )
        .add_params(pick_span)
    )
    points = (
        base.transform_filter(alt.datum.shape == "point")
        .mark_point(size=220, strokeWidth=2.5, shape="circle", filled=True)
        .encode(
            x=x,
            opacity=alt.condition(pick_day, alt.value(1.0), alt.value(0.35)),
            **common,
        )
        .add_params(pick_day)
    )
    # An unknown date: a dotted line from its bound (or across, with none) to an arrowhead
    # pointing where the date may lie, and a tick at the bound. No bar: a bar from the
    # chart's edge to the bound read as a span of dates.
    open_shapes = base.transform_filter(
        (alt.datum.shape == "open-before")
        | (alt.datum.shape == "open-after")
        | (alt.datum.shape == "open-both")
    )
    colour = {key: common[key] for key in ("stroke", "tooltip", "description")}
    arrows = (
        open_shapes.mark_rule(strokeWidth=2.5, strokeDash=[2, 3])
        .encode(
            x=x,
            x2="x_end:T",
            y=y,
            opacity=alt.condition(pick_open, alt.value(1.0), alt.value(0.35)),
            **colour,
        )
        .add_params(pick_open)
    )
    heads = (
        open_shapes.transform_calculate(
            tip="datum.shape == 'open-before' ? datum.x_start : datum.x_end",
            head="datum.shape == 'open-before' ? 'triangle-left' : 'triangle-right'",
        )
        .mark_point(size=110, strokeWidth=2, filled=True)
        .encode(
            x="tip:T",
            y=y,
            shape=alt.Shape("head:N", scale=None, legend=None),
            fill=common["fill"],
            fillOpacity=common["fillOpacity"],
            **colour,
        )
    )
    ticks = (
        base.transform_filter(
            (alt.datum.shape == "open-before") | (alt.datum.shape == "open-after")
        )
        .transform_calculate(bound="datum.shape == 'open-before' ? datum.x_end : datum.x_start")
        .mark_tick(thickness=3, size=18)
        .encode(x="bound:T", y=y, fill=common["fill"], **colour)
    )
    # The words of an unknown date beside its bound, never over its arrow: "after 5 Aug
    # 2016" on the side away from the arrow; "before 5 Aug 2016" above the arrow, ending at
    # the bound, since its bound lies near the chart's right edge, where a phone has no
    # room for them ("antes del 5 ago 2016" was cut short there). They are cut (with an
    # ellipsis) at the plot's edges, so that they never run over the lane names or past
    # the chart; the full words are in the tooltip and in the table below. On a
    # phone-narrow chart "planned" is left to the dashes.
    words = {
        "y": y,
        "tooltip": tooltip,
        "description": common["description"],
        "text": alt.Text("words:N"),
    }
    narrow = f"width < {NARROW_WIDTH} ? datum.band_date : datum.band_label"
    before = (
        base.transform_filter(alt.datum.shape == "open-before")
        .transform_calculate(words=narrow)
        .mark_text(
            align="right",
            dx=-BAND_TEXT_GAP / 3,  # clear of the tick's top
            dy=-ABOVE_ARROW,
            fontSize=11,
            limit=alt.expr(f"scale('x', datum.x_end) - {BAND_TEXT_GAP}"),
        )
        .encode(x="x_end:T", **words)
    )
    after = (
        base.transform_filter(alt.datum.shape == "open-after")
        .transform_calculate(words=narrow)
        .mark_text(
            align="right",
            dx=-BAND_TEXT_GAP,
            fontSize=11,
            limit=alt.expr(f"scale('x', datum.x_start) - {2 * BAND_TEXT_GAP}"),
        )
        .encode(x="x_start:T", **words)
    )
    unbounded = (
        base.transform_filter(alt.datum.shape == "open-both")
        .transform_calculate(words=narrow)
        .mark_text(
            align="left",
            dx=BAND_TEXT_GAP,
            dy=-ABOVE_ARROW,
            fontSize=11,
            limit=alt.expr(f"width - {2 * BAND_TEXT_GAP}"),
        )
        .encode(x="x_start:T", **words)
    )
    return (
        alt.layer(bars, points, arrows, heads, ticks, before, after, unbounded)
        # Fit to the width only: the height is the lanes', and a legend in more rows on a
        # phone adds to it rather than squeezing the lanes until their names drop out.
        .properties(
            height=max(160, 38 * lanes),
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        )
        # The legend above the chart, in two columns when the chart is phone-narrow, so
        # that no country's name is cut off. Axes and legend are left out of what a screen
        # reader is told (Vega describes them in English: "X-axis titled …"); the chart's
        # alt text and the table under it say the same in the reader's language.
        .configure(
            axis={"aria": False},
            legend={
                "orient": "top",
                "columns": alt.expr(f"width < {NARROW_WIDTH} ? 2 : 0"),
                "aria": False,
            },
            locale={"time": time_locale(t)},
        )
    )


def time_locale(t: Translator) -> dict:
    """Vega's time-format locale from Babel (CLDR), so the axis says "ago", not "Aug", in
    Spanish."""
    months, days = t.locale.months["format"], t.locale.days["format"]
    # Babel counts days from Monday (0); Vega, like d3, from Sunday.
    week = [6, 0, 1, 2, 3, 4, 5]
    return {
        "dateTime": "%x, %X",
        "date": "%-d/%-m/%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": [days["wide"][day] for day in week],
        "shortDays": [days["abbreviated"][day] for day in week],
        "months": [months["wide"][month] for month in range(1, 13)],
        "shortMonths": [months["abbreviated"][month] for month in range(1, 13)],
    }


def timeline_table(rows: pd.DataFrame, tour: Tour, view: View, t: Translator) -> pd.DataFrame:
    """The chart's events as a table (the accessible alternative), each with a map link."""
    return pd.DataFrame(
        {
            t("field.place"): rows["place"],
            t("field.date"): rows["label"],
            t("timeline.kind"): rows["kind_label"],
            t("timeline.status"): rows["status_label"],
            t("timeline.country"): rows["country_name"],
            t("timeline.column.map"): [
                map_url(tour, view, t.lang, place=place) for place in rows["place_id"]
            ],
        }
    )


def selected_place(selection: dict | None) -> str | None:
    """The place id of the event clicked on the chart, from Streamlit's selection state."""
    for name in SELECTIONS:
        for item in (selection or {}).get(name) or []:
            if isinstance(item, dict) and item.get("place_id"):
                return str(item["place_id"])
    return None
