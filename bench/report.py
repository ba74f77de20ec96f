"""``docs/performance.md`` from the benchmark's results: the command, the machine, the
tables with ratios to the floor, the naive build and the pydeck peer, the targets of
issues 6 and 16 (the readers per server read from ``docs/load.md``), and the run's own
noise."""

from __future__ import annotations

import math
import re
import statistics
from itertools import pairwise
from typing import NamedTuple

TARGET_SIZE = 10_000
LARGEST_SIZE = 50_000


def _s(value: float | None) -> str:
    if value is None:
        return "–"
    # Below 0.9995 s, so that 0.9998 s is not written "1000 ms".
    return f"{value * 1000:.0f} ms" if value < 0.9995 else f"{value:.2f} s"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1e6:.2f} MB"


def _x(numerator: float | None, denominator: float | None, digits: int = 1) -> str:
    if not numerator or not denominator:
        return "–"
    return f"{numerator / denominator:.{digits}f}×"


def _row_for(results: dict, events: int) -> dict | None:
    synthetic = [row for row in results["rows"] if row["dataset"] != "shipped"]
    return next((row for row in synthetic if row["events"] == events), None)


# Issue 16's targets measured by this run: each is in the table, measured or not.
SHIPPED_MARKERS = "shipped tour: navigation → markers ≤ 1.3× the floor's"
SHIPPED_CLICK = "shipped tour: click → panel ≤ 1.15× the floor's click → text"
CLICK_10K = "10,000 events: click → panel < 0.6 s"
MARKERS_10K = "10,000 events: navigation → markers ≤ 1.3× the pydeck peer's first paint"
MARKERS_50K = "50,000 events: navigation → markers ≤ 1.5× the pydeck peer's first paint"
CLICK_50K = "50,000 events: click → panel < 1 s"
SELECTION_50K = "50,000 events: a selection change sends < 10 KB over the websocket"
ISSUE_16 = (
    SHIPPED_MARKERS,
    SHIPPED_CLICK,
    CLICK_10K,
    MARKERS_10K,
    MARKERS_50K,
    CLICK_50K,
    SELECTION_50K,
)


class Target(NamedTuple):
    target: str
    measured: str
    ratio: str  # to the reference it is judged against, or to its limit
    met: bool | None  # None: not measured in this run
    noise: str = ""  # how far this run's spread lets the ratio move, when known


def spread(samples: list[float]) -> tuple[float, float, float]:
    """(min, max, relative spread) of one measure's samples; the relative spread is
    (max − min) ÷ median, how much this run's own repetitions disagreed."""
    low, high = min(samples), max(samples)
    return low, high, (high - low) / statistics.median(samples)


def ratio_noise(numerator: list[float], denominator: list[float]) -> float:
    """How far a ratio of two medians may move with this run's noise, relative to the
    ratio: half the relative spread of each, added. A rough figure, not a confidence
    interval: the median of a handful of samples lies within their range, and another run
    on this machine could put it anywhere in it."""
    return (spread(numerator)[2] + spread(denominator)[2]) / 2


def _samples(part: dict, key: str) -> list[float]:
    return [value for value in part.get("samples", {}).get(key, []) if value is not None]


def _relative(
    target: str,
    part: dict,
    key: str,
    reference: dict,
    reference_key: str,
    limit: float,
    reference_name: str,
) -> Target | None:
    """A target "``part``'s ``key`` ≤ ``limit`` × ``reference``'s ``reference_key``"."""
    value, base = part.get(key), reference.get(reference_key)
    if value is None or not base:
        return None
    ratio = value / base
    noise = ""
    ours, theirs = _samples(part, key), _samples(reference, reference_key)
    if len(ours) > 1 and len(theirs) > 1:
        plus_minus = ratio * ratio_noise(ours, theirs)
        noise = f"± {plus_minus:.2f}" + (
            " (the limit is within it)" if abs(ratio - limit) <= plus_minus else ""
        )
    return Target(
        target,
        f"{_s(value)} vs {_s(base)}",
        f"{ratio:.2f}× {reference_name}",
        ratio <= limit,
        noise,
    )


def _below(target: str, part: dict, key: str, limit: float, shown) -> Target | None:
    """A target "``part``'s ``key`` < ``limit``"; ``shown`` writes a value in its unit."""
    value = part.get(key)
    if value is None:
        return None
    ratio = value / limit
    samples = _samples(part, key)
    noise = ""
    if len(samples) > 1:
        plus_minus = ratio * spread(samples)[2] / 2
        noise = f"± {plus_minus:.2f}" + (
            " (the limit is within it)" if abs(ratio - 1) <= plus_minus else ""
        )
    return Target(target, shown(value), f"{ratio:.2f} of the limit", value < limit, noise)


def _kb(value: float) -> str:
    return f"{value / 1000:.1f} KB" if value < 1e6 else _mb(value)


def targets(results: dict) -> list[Target]:
    """Each target of issues 6 and 16, judged on ``results``: measured only where the run
    measured it (the readers per server come from the last ``make load``)."""
    shipped = next((row for row in results["rows"] if row["dataset"] == "shipped"), None)
    big, largest = _row_for(results, TARGET_SIZE), _row_for(results, LARGEST_SIZE)
    out: list[Target | None] = []
    if shipped and "app" in shipped:
        app, floor = shipped["app"], shipped.get("floor", results["floor"])
        out += [
            _relative(
                SHIPPED_MARKERS,
                app,
                "markers_s",
                floor,
                "markers_s",
                1.3,
                "floor",
            ),
            _relative(
                SHIPPED_CLICK,
                app,
                "click_s",
                floor,
                "click_s",
                1.15,
                "floor",
            ),
        ]
    if big and "app" not in big:
        work = big["map"]
        out.append(
            Target(
                "10,000 events: warm page run < 1 s",
                f"page not run (see below); the map's own work: {_s(work['map_warm_s'])} "
                f"warm, {_s(work['map_cold_s'])} cold",
                "–",
                None,
            )
        )
    if big and "app" in big:
        app = big["app"]
        out += [
            _below(CLICK_10K, app, "click_s", 0.6, _s),
            _relative(
                MARKERS_10K,
                app,
                "markers_s",
                big.get("peer", {}),
                "first_paint_s",
                1.3,
                "peer",
            ),
            _below("10,000 events: markers drawn < 3 s", app, "markers_s", 3, _s),
            _below("10,000 events: warm page run < 1 s", app, "warm_s", 1, _s),
            _below("10,000 events: map payload < 3 MB", app, "payload_bytes", 3e6, _mb),
        ]
        if "naive" in big:
            speedup = big["naive"]["warm_s"] / app["warm_s"]
            out.append(
                Target(
                    "10,000 events: page run ≥ 10× faster than the naive build",
                    f"{_s(app['warm_s'])} vs {_s(big['naive']['warm_s'])}",
                    f"{speedup:.0f}× faster",
                    speedup >= 10,
                )
            )
    if largest and "app" in largest:
        app = largest["app"]
        out += [
            _relative(
                MARKERS_50K,
                app,
                "markers_s",
                largest.get("peer", {}),
                "first_paint_s",
                1.5,
                "peer",
            ),
            _below(CLICK_50K, app, "click_s", 1, _s),
            _below(
                SELECTION_50K,
                app,
                "selection_bytes",
                10_000,
                _kb,
            ),
        ]
    judged = {target.target for target in out if target is not None}
    out += [
        Target(target, "not measured in this run", "–", None)
        for target in ISSUE_16
        if target not in judged
    ]
    out += readers_targets(results.get("load"))
    steepest = _steepest_growth(results)
    if steepest:
        measure, exponent, sizes = steepest
        out.append(
            Target(
                "cost grows no worse than linearly with the events (exponent ≤ "
                f"{LINEAR_WITH_NOISE}, see *Growth*)",
                f"steepest: {measure}, from {sizes}",
                f"exponent {exponent:.2f}",
                exponent <= LINEAR_WITH_NOISE,
            )
        )
    return [target for target in out if target is not None]


# The results section of docs/load.md (bench/load_report.py writes it): the run's date,
# and one line per target of issue 16.
_LOAD_RUN = re.compile(r"^Run of (?P<date>.+?): `", re.MULTILINE)
_P95 = re.compile(r"p95 (?P<value>[\d.]+) (?P<unit>ms|s)\b")
_LOAD_TARGET = re.compile(
    r"^- (?P<what>\d+ process(?:es)?, \d+ sessions): (?P<measured>.+?): "
    r"\*\*(?P<verdict>met|not met)\*\*\.$",
    re.MULTILINE,
)
#: How docs/load.md names each target, and what it means.
READERS_P95_LIMIT_S = 1.0
READERS_TARGETS = {
    "1 process, 100 sessions": "one server process holds 100 sessions",
    "2 processes, 200 sessions": "two processes behind nginx hold 200 sessions",
}


def load_results(text: str) -> dict:
    """The readers-per-server targets as the last ``make load`` judged them, read from
    ``docs/load.md``: its date and, per target, what was measured and whether it was met."""
    run = _LOAD_RUN.search(text)
    found = {match["what"]: match for match in _LOAD_TARGET.finditer(text)}
    return {
        "date": run["date"] if run else None,
        "targets": {
            what: {"measured": found[what]["measured"], "met": found[what]["verdict"] == "met"}
            for what in READERS_TARGETS
            if what in found
        },
    }


def readers_targets(load: dict | None) -> list[Target]:
    """The readers-per-server targets from :func:`load_results` (not measured by this run)."""
    out = []
    for what, meaning in READERS_TARGETS.items():
        target = f"{meaning}: p95 rerun < 1 s, no errors"
        judged = (load or {}).get("targets", {}).get(what)
        if judged is None:
            out.append(Target(target, "not in [docs/load.md](load.md)", "–", None))
            continue
        p95 = _P95.search(judged["measured"])
        ratio = "–"
        if p95:
            seconds = float(p95["value"]) / (1000 if p95["unit"] == "ms" else 1)
            ratio = f"{seconds / READERS_P95_LIMIT_S:.2f} of the limit"
        out.append(
            Target(
                target,
                f"{judged['measured']} ([`make load` of {load['date']}](load.md))",
                ratio,
                judged["met"],
            )
        )
    return out


#: Each measure against the number of events, for the growth table.
GROWTH_MEASURES = (
    ("load", lambda row: row["load_s"]),
    ("map's own work, cold", lambda row: row.get("map", {}).get("map_cold_s")),
    ("map's own work, warm", lambda row: row.get("map", {}).get("map_warm_s")),
    ("warm page run", lambda row: row.get("app", {}).get("warm_s")),
    ("filter run", lambda row: row.get("app", {}).get("filter_s")),
    ("markers", lambda row: row.get("app", {}).get("markers_s")),
    ("click → panel", lambda row: row.get("app", {}).get("click_s")),
    ("filter → map", lambda row: row.get("app", {}).get("filter_browser_s")),
    ("map payload", lambda row: row.get("app", {}).get("payload_bytes")),
    ("memory, 10 sessions", lambda row: row.get("app", {}).get("memory_many_bytes")),
)
# Growth is linear when the exponent is 1; medians of a few runs on a shared machine move
# by some percent, which bends an exponent over a tenfold step by a few hundredths.
LINEAR_WITH_NOISE = 1.1


def growth(results: dict) -> list[tuple[str, list[tuple[str, float | None]]]]:
    """For each measure, the exponent k of cost ∝ events^k between successive synthetic
    sizes (1: linear; below 1: a fixed part dominates; above 1: worse than linear)."""
    rows = sorted(
        (row for row in results["rows"] if row["dataset"] != "shipped"),
        key=lambda row: row["events"],
    )
    table = []
    for name, value in GROWTH_MEASURES:
        steps = []
        for small, large in pairwise(rows):
            a, b = value(small), value(large)
            label = f"{small['events']:,} → {large['events']:,}"
            if a and b:
                steps.append((label, math.log(b / a) / math.log(large["events"] / small["events"])))
            else:
                steps.append((label, None))
        table.append((name, steps))
    return table


def _steepest_growth(results: dict) -> tuple[str, float, str] | None:
    found = [
        (name, exponent, label)
        for name, steps in growth(results)
        for label, exponent in steps
        if exponent is not None
    ]
    return max(found, key=lambda item: item[1], default=None)


def _bytes(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} B"


def side_by_side(results: dict) -> list[str]:
    """The floor, the dashboard and the pydeck peer, measured in turn for each tour."""
    rows = [row for row in results["rows"] if "peer" in row]
    if not rows:
        return []
    lines = [
        "",
        "### Side by side: the floor, the dashboard and the pydeck peer",
        "",
        "Measured in turn in one Chromium, a new browser context for every sample, so "
        "that the machine's moods fall on all three alike. *markers*: navigation until "
        "the first marker or cluster is in the map; the peer's *first paint*: navigation "
        "until deck.gl's canvas holds the points (read from its pixels), with the time of "
        "its draw call in brackets. *selection sends*: websocket bytes from a click on a "
        "place not yet shown in that session until the panel shows it, and until the "
        "click's run has ended.",
        "",
        "| tour | events | floor: markers | dashboard: markers | peer: first paint "
        "| markers ÷ floor | markers ÷ peer | floor: click → text | dashboard: click → panel "
        "| click ÷ floor | selection sends: until the panel / the whole run |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        app, floor, peer = row["app"], row.get("floor", {}), row["peer"]
        lines.append(
            f"| {row['dataset']} | {row['events']:,} | {_s(floor.get('markers_s'))} "
            f"| {_s(app.get('markers_s'))} "
            f"| {_s(peer.get('first_paint_s'))} ({_s(peer.get('draw_call_s'))}) "
            f"| {_x(app.get('markers_s'), floor.get('markers_s'), 2)} "
            f"| {_x(app.get('markers_s'), peer.get('first_paint_s'), 2)} "
            f"| {_s(floor.get('click_s'))} | {_s(app.get('click_s'))} "
            f"| {_x(app.get('click_s'), floor.get('click_s'), 2)} "
            f"| {_bytes(app.get('selection_bytes_to_panel'))} / "
            f"{_bytes(app.get('selection_bytes'))} |"
        )
    return lines


REFERENCES = ("floor", "peer")
#: The times whose spread the noise section states: (part, key, name).
NOISE_SERIES = (
    ("floor", "markers_s", "floor: markers"),
    ("floor", "click_s", "floor: click → text"),
    ("peer", "first_paint_s", "peer: first paint"),
    ("app", "markers_s", "dashboard: markers"),
    ("app", "click_s", "dashboard: click → panel"),
)


def noise(results: dict) -> list[str]:
    """The spread of this run's samples of the references (and of the dashboard)."""
    rows = [row for row in results["rows"] if "peer" in row]
    if not rows:
        return []
    lines = [
        "",
        "### The machine's noise",
        "",
        f"Each time above is the median of {results['reps']} samples. Their spread in this "
        "run, min – max, and (max − min) ÷ median:",
        "",
        "| tour | " + " | ".join(name for _, _, name in NOISE_SERIES) + " |",
        "|---|" + "--:|" * len(NOISE_SERIES),
    ]
    references = []  # the relative spreads of the floor's and the peer's times
    for row in rows:
        cells = []
        for part, key, _ in NOISE_SERIES:
            samples = _samples(row.get(part, {}), key)
            if len(samples) < 2:
                cells.append("–")
                continue
            low, high, relative = spread(samples)
            if part in REFERENCES:
                references.append(relative)
            cells.append(f"{_s(low)} – {_s(high)} ({relative:.0%})")
        lines.append(f"| {row['dataset']} | " + " | ".join(cells) + " |")
    given_up = [
        f"{part} on {row['dataset']}: {row[part]['lost_sessions']}"
        for row in rows
        for part in ("floor", "app")
        if row.get(part, {}).get("lost_sessions")
    ]
    if given_up:
        lines += [
            "",
            "Sessions given up and taken again because every click in them was lost "
            "(each costs minutes, not the sample's times): " + ", ".join(given_up) + ".",
        ]
    if not references:
        return lines
    widest = max(references)
    typical = statistics.median(references)
    lines += [
        "",
        f"The floor's and the peer's samples spread by {typical:.0%} of their median in "
        f"the middle case of this run, by {widest:.0%} at most. "
        "A ratio of two medians moves by about half the spread of each, added (the *noise* "
        "column of the targets): a ratio further from its limit than that is settled by "
        "this run; one closer is not, and needs another run (the machine is shared, and "
        "absolute times from different runs do not compare).",
    ]
    return lines


def markdown(results: dict) -> str:
    m = results["machine"]
    floor = results["floor"]
    lines = [
        "# Performance",
        "",
        "Measured by the benchmark suite of issue 6 (`bench/`), regenerated by one command:",
        "",
        "```sh",
        "make bench    # = .venv/bin/python -m bench; about 30 minutes; rewrites this file",
        "```",
        "",
        f"Last run: {results['date']}, medians of {results['reps']} repetitions. Command: "
        f"`{results['command']}`.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_bytes'] / 2**30:.0f} GiB; "
        f"{m['os']}; Python {m['python']}, Streamlit {m['streamlit']}, folium {m['folium']}; "
        f"{m['chromium']} (headless, driven by pip `playwright`).",
        "",
        "## What is measured",
        "",
        "- **Data**: the shipped tour, and synthetic tours made by `goodwill/synthetic.py` "
        "(valid packages: one place per two events over North and Central America, "
        "1 % tour stops, pairs, people, appearances and quotes in proportion).",
        "- **Server** (`bench/server.py`): Streamlit's `AppTest` runs the real `app.py` "
        "(map page) in-process and times `run()`: the page's whole work, widgets, caches, "
        "the folium layers and the `st_folium` render included, the websocket excluded. "
        "*cold*: a new session after the map's caches were cleared; *warm*: a new session "
        "once another has shown the same view; *filter*: a warm session flips the "
        "“events of unknown date” switch. *load* (validating and loading the package, once "
        "per server and data version) is timed on its own and is in none of the others.",
        "- **Browser** (`bench/browser.py`): Chromium against a real `streamlit run` server "
        "(tiles off, loopback). *markers*: a new session navigates until the first marker or "
        "cluster is drawn in the map's iframe; *click*: a marker click until the panel shows "
        "that place (the floor: until its text line changes); *filter (browser)*: the switch "
        "flipped until the map holds new markers and none of the old; *received*: websocket "
        "bytes of one navigation; *memory*: the server's peak resident memory after "
        "sessions opened one at a time, then with 10 sessions open at once. The server is "
        "warmed up by one visit first, so *load* is not in these.",
        "- **References**, in the same run: the *floor* (`bench/apps/floor_app.py`: one "
        "`st_folium` map with one marker whose click writes one line) and the *naive build* "
        "(`bench/apps/naive_app.py`: the same sidebar, one `folium.Marker` per event, the "
        "whole map rebuilt on every rerun, nothing limited in `returned_objects`). The "
        "naive build's server runs are measured up to 10,000 events (above, one run takes "
        "minutes), its Chromium half up to 1,000: at 10,000 every pan reruns its page of "
        "about 10 s and a marker never stays put long enough to be clicked.",
        "- **The pydeck peer** (`bench/apps/pydeck_app.py`): the same places (those with "
        "a kept event) drawn the Streamlit-native WebGL way, one `st.pydeck_chart` with a "
        "pickable ScatterplotLayer, no base map (`map_provider=None`, the map style left "
        "unset), so it fetches nothing from outside. Chromium draws it with WebGL on "
        "SwiftShader (software). Its *first paint* is read in the page: after each of "
        "deck.gl's draw calls to the screen, until the points are there, the canvas's "
        "pixels are read back (which waits for that draw's rasterising); the clock stops "
        "at the first read that finds any pixel not transparent. The dashboard's *markers* "
        "stop when the first marker element is in the map, before the browser paints it: "
        "if anything, a bias in the dashboard's favour.",
        "- **Side by side**: the floor, the dashboard and the peer take turns, one sample "
        "each, in one Chromium, a new browser context for each sample, the order rotated "
        "every round, for every tour (the floor always on the shipped tour: it ignores the "
        "data); each dashboard sample then selects one place, and times and weighs the "
        "selection of a second.",
        "",
        "## Results",
        "",
        "Floor: "
        f"server run {_s(floor.get('warm_s'))}, payload {_mb(floor.get('payload_bytes'))}; "
        "its browser times, measured beside each tour, are under *Side by side*.",
        "",
        "### The dashboard's map page",
        "",
        "| tour | events | places | load | map work cold / warm | cold run | warm run "
        "| filter run | markers | click → panel | filter → map | map payload | received "
        "| memory 1 / 10 sessions |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in results["rows"]:
        app, work = row.get("app", {}), row["map"]
        lines.append(
            f"| {row['dataset']} | {row['events']:,} | {row['places']:,} | {_s(row['load_s'])} "
            f"| {_s(work['map_cold_s'])} / {_s(work['map_warm_s'])} "
            f"| {_s(app.get('cold_s'))} | {_s(app.get('warm_s'))} | {_s(app.get('filter_s'))} "
            f"| {_s(app.get('markers_s'))} | {_s(app.get('click_s'))} "
            f"| {_s(app.get('filter_browser_s'))} "
            f"| {_mb(app.get('payload_bytes', work['map_payload_bytes']))} "
            f"| {_mb(app.get('received_bytes'))} "
            f"| {_mb(app.get('memory_1_bytes'))} / {_mb(app.get('memory_many_bytes'))} |"
        )
    lines += [
        "",
        "### Ratios",
        "",
        "To the floor (how far above the least a clickable map costs) and the naive build's "
        "time divided by the dashboard's (how much faster the dashboard is).",
        "",
        "| tour | events | markers ÷ floor | click ÷ floor | naive ÷ app: warm run | cold run "
        "| filter run | markers | click | filter → map | payload |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in (row for row in results["rows"] if "app" in row):
        app, naive = row["app"], row.get("naive", {})
        lines.append(
            f"| {row['dataset']} | {row['events']:,} "
            f"| {_x(app.get('markers_s'), floor.get('markers_s'))} "
            f"| {_x(app.get('click_s'), floor.get('click_s'))} "
            f"| {_x(naive.get('warm_s'), app['warm_s'])} "
            f"| {_x(naive.get('cold_s'), app['cold_s'])} "
            f"| {_x(naive.get('filter_s'), app['filter_s'])} "
            f"| {_x(naive.get('markers_s'), app.get('markers_s'))} "
            f"| {_x(naive.get('click_s'), app.get('click_s'))} "
            f"| {_x(naive.get('filter_browser_s'), app.get('filter_browser_s'))} "
            f"| {_x(naive.get('payload_bytes'), app['payload_bytes'])} |"
        )
    naive_rows = [row for row in results["rows"] if "naive" in row]
    if naive_rows:
        lines += [
            "",
            "### The naive build",
            "",
            "| tour | events | cold run | warm run | filter run | markers | click → text "
            "| filter → map | map payload | memory 1 / 10 sessions |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for row in naive_rows:
            naive = row["naive"]
            lines.append(
                f"| {row['dataset']} | {row['events']:,} | {_s(naive['cold_s'])} "
                f"| {_s(naive['warm_s'])} | {_s(naive['filter_s'])} "
                f"| {_s(naive.get('markers_s'))} | {_s(naive.get('click_s'))} "
                f"| {_s(naive.get('filter_browser_s'))} | {_mb(naive['payload_bytes'])} "
                f"| {_mb(naive.get('memory_1_bytes'))} / {_mb(naive.get('memory_many_bytes'))} |"
            )
    lines += side_by_side(results)
    lines += [
        "",
        "## Targets",
        "",
        "Issue 16's, and those of issue 6 that still apply. *Noise*: how far this run's own "
        "spread lets a ratio move (see *The machine's noise*); a verdict whose limit lies "
        "within it is not settled by one run.",
        "",
        "| target | measured | ratio | met | noise |",
        "|---|---|--:|---|---|",
    ]
    for target in targets(results):
        met = target.met
        verdict = "not measured" if met is None else ("yes" if met else "**no**")
        lines.append(
            f"| {target.target} | {target.measured} | {target.ratio} | {verdict} "
            f"| {target.noise or '–'} |"
        )
    lines += noise(results)
    table = growth(results)
    if table and table[0][1]:
        lines += [
            "",
            "### Growth",
            "",
            "The exponent *k* in cost ∝ events^*k* between two sizes: 1 is linear, below 1 a "
            "fixed part (page load, the Streamlit frame, the debounce) still dominates, "
            f"above {LINEAR_WITH_NOISE} is worse than linear (in bold).",
            "",
            "| measure | " + " | ".join(label for label, _ in table[0][1]) + " |",
            "|---|" + "--:|" * len(table[0][1]),
        ]
        for name, steps in table:
            cells = [
                "–" if k is None else (f"**{k:.2f}**" if k > LINEAR_WITH_NOISE else f"{k:.2f}")
                for _, k in steps
            ]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "![Times against the number of events, log axes](performance.png)", ""]
    lines += NOTES
    return "\n".join(lines) + "\n"


NOTES = [
    "## How the dashboard gets there",
    "",
    "- **Cached data, never folium objects** (`ui.tour_map.cached_map_data`): the place "
    "summaries and every marker, already written as JSON, are made once for all sessions "
    "per tour, filter and language (`st.cache_resource`, keyed on `Tour.fingerprint`, a "
    "hash of the tour's contents made once when it is loaded). A run only wraps the "
    "address of the points in two small folium elements, which `st_folium` renders. The "
    "cache hands out the one shared object: `st.cache_data`'s copy per run "
    "cost more than linearly (unpickling took 11 ms at 10,000 events, 0.2 s at 50,000).",
    "- **Markers as compact rows** (`MapData.document`): `[lat, lon, id, tooltip, "
    "icon, tour stop, planned, name]`, drawn by one JavaScript function; each marker SVG "
    "is sent once and named by index; a tooltip's element is made when it is first shown. "
    "At 10,000 events the map's payload went from 2.16 MB (GeoJSON features) to 0.90 MB.",
    "- **The points as a static file** (`goodwill.map.published`): the layers' document "
    "(markers, lines, halos, arrows, the story's places) is written once per tour, filter "
    "set and language to `static/cache/points-<hash>.json`, named by its content, and "
    "fetched by map.js; behind nginx it is marked immutable, so a returning browser keeps "
    "it. The websocket carries its address only: a page load at 10,000 events received "
    "1.05 MB before and 94 KB after (the table at the end). map.js draws a document once "
    "and keeps it on the map while only the selection changes.",
    "- **The selection in the address**: map.js follows `?place=` (or `?step=`, through the "
    "story's places in the document), which the app keeps in step with the selection, "
    "and rings that place; a place chosen elsewhere (the box, the itinerary, the story) is "
    "brought into view unless the reader just clicked it. Nothing the map's component is "
    "sent depends on the selection, so a click sends the map nothing: its element is the "
    "same message, which the browser already holds (Streamlit's message cache).",
    "- **A loading state in the map** until its places are drawn, and a message in the "
    "reader's language if they cannot be fetched (`tests/browser/test_map.py`).",
    "- **No second Jinja pass** (`map.elements.DataLayer`): branca compiles every element's "
    "rendered script as a Jinja template again; the data layers add theirs as text. That "
    "pass over the points took about 180 ms of each run at 10,000 events (and was the "
    "door for the template injection fixed in issue 5).",
    "- **Clustering** above 300 places (`map.data.CLUSTER_ABOVE`, leaflet.markercluster, "
    "vendored): only places that are neither a tour stop nor the selected place are "
    "clustered; the stops and the selection are always markers of their own, drawn "
    "first (tested in `tests/browser/test_clustering.py`). The shipped tour has 11 places "
    "and is never clustered. It drew nothing before: folium gives `max_zoom` only to a "
    "tile layer, so without tiles the map had no `maxZoom` and markercluster stopped.",
    "- **The panel before the map**: in the fragment a click reruns, the side panel is "
    "written first, so the answer to a click reaches the browser while the server is "
    "still rendering the map.",
    "- **Only Leaflet's files in the map**: folium's default jQuery, Bootstrap and Font "
    "Awesome (for popups and icons the map does not use) are not loaded.",
    "- **The itinerary a page at a time** (`goodwill.itinerary.PAGE_SIZE`, 25 rows), its "
    "appearances and quotes looked up once per page.",
    "- **Fragment and returned objects**: a click reruns only the map, its panel and the "
    "itinerary; pan and zoom send nothing back.",
    "",
    "## How the browser's times are taken",
    "",
    "In the page itself, not by polling from Python: a click is timed from the click "
    "event in the map's iframe to the first animation frame after the panel shows the "
    "place; *markers* from the start of navigation to the first animation frame with a "
    "marker in the map. Playwright's own waits look again only every 500 ms after a "
    "while; the first report's click → panel (869 ms, 2.4× the floor) was about 450 ms of "
    "dashboard and 400 ms of waiting for the next look.",
    "",
    "The machine is shared and its speed varies between runs, by up to 2× on one day: "
    "the floor's *markers* measured 1.18 s in one run and 1.64 s in another, the map's "
    "pure-Python work 44 ms and 89 ms. Within one run every app meets the same machine, "
    "so the ratios hold; absolute times from different runs do not compare.",
    "",
    "## Where cost is not linear, and what is left",
    "",
    "- **Below 10,000 events the costs hardly grow** (exponents well under 1): fixed "
    "parts dominate, the Streamlit page and its script (more than a second even for the "
    "floor's one marker), and streamlit-folium's 250 ms debounce in every click.",
    "- **From 10,000 to 50,000 events they grow about linearly** (exponents up to about "
    "1.1): each place's marker is written into the points file, fetched, parsed and "
    "clustered. What is a little above 1 is within the noise of the machine: the same "
    "step measured 0.91 for *load* in one run and 1.10 in another. The *map payload* "
    "column counts what the websocket carries for the map; the points file it names "
    "(0.8 MB at 10,000 events, 4.2 MB at 50,000 in this run) is fetched over HTTP once per page "
    "load and filter set, and not counted there.",
    "- **Load** (validating the package) is the largest cost and about linear; its "
    "exponent moves around 1 with the machine's noise. Frictionless reads and checks "
    "every row in Python (about three quarters of it), `goodwill.checks` the rest. It "
    "runs once per server and data version, not per reader (`ui.loading` keeps one "
    "shared tour), but the first reader after a start or a data edit waits for it (the "
    "*load* column).",
    "- **Memory**: every session shares one tour; a session keeps its filtered events "
    "and widgets. Before, each session's map fragment kept its own copy of the whole "
    "tour: 10 sessions took 754 MB at 10,000 events and 2.85 GB at 50,000 (now: the "
    "table above).",
    "- **What is left at 50,000 events**: the browser still builds 25,000 markers and "
    "their clusters once per page load and filter set (a second or more on this machine). "
    "`bench/canvas_or_dom.py` measured the ways to draw them (see *First paint* below): "
    "circles on one canvas draw about 3× faster, but lose the markers' shapes (countries "
    "differ in shape as well as colour) and, unclustered, turn 25,000 places into a blot. "
    "Clustering on the server, sending only what is in view, is the next step.",
    "- **One run per page load**: streamlit-folium's component sends its first value "
    "when it mounts (its click counter starts at 0 where the Python default is None), "
    "which reruns the fragment. The floor still pays that second run; the dashboard's "
    "map starts its count at None (`countClicksFromNone` in static/goodwill/map.js) and "
    "sends nothing until it is clicked.",
    "",
    "## Scaling the place box and summary",
    "",
    "Issue 16 part 2, measured by `bench/page_scale.py` (not part of `make bench`): "
    "Chromium against a real server at 1440×900, and the websocket client "
    "(`bench/wsload.py`) for the server's side. Before is main at 2baee1e, after is this "
    "change; the four runs one after the other on the same machine, 29 November 2026, "
    "medians of 5:",
    "",
    "```sh",
    ".venv/bin/python -m goodwill.synthetic /tmp/i16scale/events-10000 --events 10000",
    ".venv/bin/python -m bench.page_scale --reps 5                 # the shipped tour",
    ".venv/bin/python -m bench.page_scale --reps 5 --package /tmp/i16scale/events-10000",
    "```",
    "",
    "| measure | shipped, before | after | 10,000 events, before | after |",
    "|---|--:|--:|--:|--:|",
    "| script runs per page load (Chromium) | 2 | **1** | 2 | **1** |",
    "| websocket bytes per page load | 63,503 | **46,159** | 1,198,883 | **1,044,909** |",
    "| places in the place box | 11 | 11 | 5,000 | **50**, and a search |",
    "| summary above the map, characters | 487 | 487 | 3,354 | **801** |",
    "| tour stops listed in the overview | 6 | 6 | 100 | **12**, and “88 more” |",
    "| click → panel (Chromium) | 0.371 s | 0.371 s | 0.514 s | **0.431 s** |",
    "| a new selection: server rerun | 103 ms | 137 ms | 234 ms | 271 ms |",
    "| a new selection: bytes sent | 35,717 | 35,780 | 1,059,277 | **1,001,423** |",
    "",
    "- **One run per page load.** The second run was the map's fragment, rerun by the "
    "value streamlit-folium's component sent as it mounted; it cost the server about what "
    "a click's rerun costs (the last two rows) and, at 10,000 events, sent the place box "
    "and the panel again. `tests/browser/test_map.py` counts the `script_finished` "
    "messages of a page load in Chromium (`tests/helpers/script_runs.py`): 1 now, 2 on "
    "main.",
    "- **The place box** lists at most 50 places (`goodwill.place_box.LISTED_MAX`): the "
    "tour stops first, then the earliest, the selected place always, in date order. Above "
    "50 kept places a search box narrows them by name or venue, every word, ignoring case "
    "and accents, and a line says how many the box lists of how many. The shipped tour has "
    "11 places: no search box, every place in the box, as before.",
    "- **The summary** above the map and the tour's overview list at most 12 tour stops "
    "(`goodwill.panels.LISTED_STOPS_MAX`) and say how many more (plural messages in both "
    "languages); the itinerary below the map lists them all, a page at a time. The "
    "summary is folded on every screen now, so the map starts 327 px down the page "
    "before and after; what it sends no longer grows with the tour stops (500 at "
    "50,000 events).",
    "- **Server times** (the *server rerun* row) moved within this machine's noise: "
    "another run of the same four measured 241 → 560 ms and 541 → 225 ms (shipped, "
    "10,000). The click → panel times come from the same run; the 10,000-event click was "
    "0.651 / 0.726 s before and 0.421 / 0.511 s after in two other runs: about 0.1 to "
    "0.2 s less, the place box's 5,000 options no longer redrawn.",
    "- **What a selection still sent** then: the map's whole layer (1 MB at 10,000 "
    "events), because the selected marker was drawn inside the feature groups "
    "`st_folium` compares as one string. No longer: see the next section.",
    "",
    "## The points as a static file, and what a selection sends",
    "",
    "Issue 16 part 1, measured by `bench/page_scale.py` (not part of `make bench`) as "
    "above. Before is main at a3ee5ab, after is this change; each size before and then "
    "after, on the same machine, 30 November 2026, medians of 3:",
    "",
    "```sh",
    ".venv/bin/python -m goodwill.synthetic /tmp/i16p1/events-50000 --events 50000",
    ".venv/bin/python -m bench.page_scale --reps 3 --package /tmp/i16p1/events-50000",
    "```",
    "",
    "| measure | shipped, before | after | 10,000 events, before | after "
    "| 50,000 events, before | after |",
    "|---|--:|--:|--:|--:|--:|--:|",
    "| websocket bytes per page load | 51,499 | **43,580** | 1,050,204 | **93,673** "
    "| 4,932,930 | **192,984** |",
    "| a new selection: bytes sent | 40,835 | **32,909** | 1,004,548 | **36,102** "
    "| 4,790,624 | **38,774** |",
    "| a new selection: server rerun | 123 ms | 135 ms | 183 ms | 155 ms | 550 ms | 418 ms |",
    "| click → panel (Chromium) | 0.340 s | 0.364 s | 0.451 s | 0.431 s | 0.549 s | 0.749 s |",
    "",
    "- **The points leave the websocket.** They are fetched once per page load and "
    "filter set, over HTTP, from a file named by its content (`static/cache/`, written "
    "by `goodwill.map.published`): 0.9 MB at 10,000 events, 4.4 MB at 50,000. What a "
    "page load still receives on the websocket is the page itself.",
    "- **A new selection sends the map nothing.** The feature group `st_folium` compares "
    "holds the document's address and the kept places' bounds, the same for every "
    "selection; map.js follows the selection in the page's address (`?place=`, "
    "`?step=`). From 10,000 events on, the map's element is one the browser holds "
    "already (above Streamlit's 10 KB message cache threshold, it is sent as a "
    "reference); on the shipped tour it is 9 KB, below the threshold, and sent again "
    "unchanged, so the browser does nothing with it.",
    "- **What a selection still sends is its answer**: the place's panel, the place box, "
    "the share menu's link and the itinerary's page of 25 rows, whose selected row is "
    "marked: about 36 KB at every size, most of it the itinerary's rows (six elements "
    "each). The issue's target of under 10 KB per selection is met by the map (0 bytes "
    "from 10,000 events on), not by the page: that would take an itinerary that is not "
    "redrawn on a click, and its marked row would then be wrong.",
    "- **Times** moved within this machine's noise (one run each; `make bench` above "
    "has the medians with their spread). The 50,000-event click measured 0.749 s here "
    "against 0.549 s before; `make bench`'s run above measured 584 ms (559–742 ms over "
    "5 samples), and the issue's own runs 8.65× and 6.94× the floor before any of this.",
    "",
    "## First paint",
    "",
    "Issue 16 part 3, measured by `bench/first_paint.py` (not part of `make bench`): the "
    "milestones of a page load on the shipped tour, floor and dashboard in turn, medians "
    "of 7, in milliseconds since navigation, 30 November 2026:",
    "",
    "```sh",
    ".venv/bin/python -m bench.first_paint --reps 7           # a new browser each time",
    ".venv/bin/python -m bench.first_paint --reps 7 --warm    # a returning reader",
    "```",
    "",
    "| milestone | floor, new browser | dashboard | floor, returning | dashboard |",
    "|---|--:|--:|--:|--:|",
    "| Streamlit's frame on screen | 665 | 688 | 331 | 354 |",
    "| the page's title | – | 848 | – | 526 |",
    "| the map's iframe exists | 868 | 1,497 | 579 | 1,046 |",
    "| Leaflet has run in it | 1,066 | 1,649 | 680 | 1,154 |",
    "| the first marker | 1,066 | 1,732 | 680 | 1,214 |",
    "| first marker ÷ the floor's | | 1.62× | | 1.79× |",
    "",
    "- **Where the difference goes**: from Streamlit's frame to the map's iframe the "
    "floor takes 200–250 ms and the dashboard 690–810 ms. The server is not it: a "
    "websocket client (`bench/wsload.py`) receives the map's element 86 ms after asking "
    "for the run, and Chromium receives it about 130 ms after the title's message. It is "
    "the browser drawing the elements that come before the map in the page (about 50: "
    "the sidebar's filters, the summary, the story switch and the share menu, the "
    "panel's cards) and the itinerary after it, in one go: Streamlit's frontend loads "
    "each kind of widget's code when it first draws one, and a new browser fetched about "
    "60 script chunks in waves after the first message (the select box, multiselect, "
    "slider, button group, …) before the component's own. Taking the itinerary out "
    "altogether moved the iframe by about 50 ms (one run). After the iframe exists, the "
    "dashboard's map needs 170–235 ms to its first marker and the floor's 100–200 ms: "
    "map.js, its stylesheet and the points file add a round trip.",
    "- **What was cut**: the points are no longer in the page's websocket messages "
    "(the 50,000-event page load received 4.9 MB before, 0.19 MB now), so the frame, "
    "the title and the panel arrive as fast at every size. The map shows a loading "
    "state (*Loading the places…*, `role=status`) from the moment it exists until its "
    "places are drawn, and says so if they cannot be fetched; the page's own loading "
    "state (`ui.first_paint`) stands until the title is drawn.",
    "- **What is left**: the dashboard draws about 50 elements before the map and the "
    "floor none; drawing fewer of them first is a design choice (the filters and the "
    "panel are the page), and Streamlit gives no supported way to draw the map's "
    "element before the elements above it in the page.",
    "- **How to draw 25,000 places** (`bench/canvas_or_dom.py --places 25000 --reps 5`, "
    "medians, ms): the dashboard's markers in clusters 697, circles on one canvas 236, "
    "circles on a canvas in clusters 432. The canvas is faster, but its circles lose "
    "what the markers say (a country's shape as well as its colour, a tour stop's size, "
    "a keyboard focus per place): the dashboard keeps its markers, clustered.",
]
