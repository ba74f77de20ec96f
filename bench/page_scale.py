"""What the map page costs beside the map, for one data package: the runs of a page load,
the place box and the summary above the map (issue 16 part 2).

    .venv/bin/python -m bench.page_scale                      # the shipped tour
    .venv/bin/python -m bench.page_scale --package DIR --reps 5

In Chromium against a real server (``app.py``, tiles off, 1440x900, English), after one
warm-up visit:

- **runs per load**: the script runs (``script_finished`` messages on the websocket,
  ``tests/helpers/script_runs.py``) from navigation until the page has been quiet for
  ``QUIET_S``: the page's own run, plus one for every value a component sends unasked;
- **load bytes**: everything the browser received on the websocket meanwhile;
- **map top**: how far down the page the map starts, in CSS pixels;
- **click**: a marker clicked, until the panel shows the place (``bench/browser.py``'s
  clock, read in the page), median of ``--reps``;
- **bytes per selection**: what the browser received on the websocket for one click.

Over the websocket client (``bench/wsload.py``), without a browser: the server's time and
bytes for a click's rerun (the map's fragment), median of ``--reps``.

Prints one JSON object: the numbers docs/performance.md quotes.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.browser import (
    CHROMIUM_ARGS,
    MAP_FRAME,
    _click_targets,
    _click_until_shown,
    _idle,
    _timed_click,
    chromium_executable,
    streamlit_server,
)
from bench.suite import APP, SHIPPED
from bench.wsload import Session, component_args, json_state
from goodwill.dataset import load_tour
from goodwill.i18n import translator
from goodwill.itinerary import map_summary
from goodwill.view import default_view, filter_events
from tests.helpers.event_loop import run_coroutine
from tests.helpers.script_runs import ScriptRuns

# A run caused by the map's first value starts within this time of the page's own, on this
# machine's slowest day.
QUIET_S = 3.0


def browser_numbers(package: Path, reps: int, names: dict[str, str]) -> dict:
    with streamlit_server(APP, package) as (url, _pid), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS
        )
        try:
            loads = []
            for rep in range(reps + 1):  # the first visit warms the server's caches
                context = browser.new_context(
                    viewport={"width": 1440, "height": 900}, locale="en-US"
                )
                page = context.new_page()
                watch = ScriptRuns(page)
                page.goto(url)
                page.frame_locator(MAP_FRAME).locator(".gw-marker").first.wait_for(timeout=300_000)
                _idle(page)
                watch.wait_until_quiet(QUIET_S)
                top = page.locator(MAP_FRAME).evaluate("(f) => f.getBoundingClientRect().top")
                if rep:
                    loads.append({"runs": watch.runs, "bytes": watch.bytes, "map_top_px": top})
                if rep < reps:
                    context.close()
            targets = _click_targets(page, "[data-place-id]")

            def expected(marker) -> str:
                return names[marker.get_attribute("data-place-id")]

            _click_until_shown(page, targets[1], "app", expected(targets[1]))
            clicks, selection_bytes = [], []
            for round_ in range(reps):
                marker = targets[round_ % 2]
                watch.wait_until_quiet()
                before = watch.bytes
                clicks.append(_timed_click(page, marker, "app", expected(marker)))
                _idle(page)
                watch.wait_until_quiet()
                selection_bytes.append(watch.bytes - before)
            context.close()
        finally:
            browser.close()
    return {
        "runs_per_load": [load["runs"] for load in loads],
        "load_bytes": int(statistics.median(load["bytes"] for load in loads)),
        "map_top_px": statistics.median(load["map_top_px"] for load in loads),
        "click_s": round(statistics.median(clicks), 3),
        "selection_bytes": int(statistics.median(selection_bytes)),
    }


async def _server_clicks(url: str, places, reps: int) -> dict:
    session = Session(url, timeout_s=300)
    await session.connect()
    opened = await session.rerun()
    runs, sizes = [], []
    try:
        for count in range(1, reps + 2):
            place = places.iloc[count % len(places)]
            map_ = session.page.component("st_folium")
            value = {
                "last_object_clicked": {
                    "lat": float(place["latitude"]),
                    "lng": float(place["longitude"]),
                },
                "last_object_clicked_count": count,
                "last_active_drawing": {
                    "type": "Feature",
                    "properties": {"place_id": place["place_id"]},
                },
            }
            returned = component_args(map_).get("returned_objects")
            value = {key: value[key] for key in value if returned is None or key in returned}
            session.set_value(json_state(map_.element.component_instance.id, value))
            run = await session.rerun(map_.fragment_id)
            if run.exceptions:
                raise RuntimeError(run.exceptions[0])
            if count > 1:  # the first click's run fills the caches of a selection
                runs.append(run.ms)
                sizes.append(run.bytes)
    finally:
        await session.close()
    return {
        "open_ms": round(opened.ms),
        "open_bytes": opened.bytes,
        "click_rerun_ms": round(statistics.median(runs)),
        "click_rerun_bytes": int(statistics.median(sizes)),
    }


def server_numbers(package: Path, reps: int, places) -> dict:
    with streamlit_server(APP, package) as (url, _pid):
        run_coroutine(_server_clicks(url, places, 1))  # warm-up: loads the tour
        return run_coroutine(_server_clicks(url, places, reps))


def summary_numbers(package: Path) -> dict:
    tour = load_tour(package)
    t = translator("en")
    events = filter_events(tour, default_view(tour))
    return {"summary_chars": len(map_summary(tour, events, t))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.page_scale", description=__doc__)
    parser.add_argument("--package", type=Path, default=SHIPPED)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--no-browser", dest="browser", action="store_false")
    arguments = parser.parse_args(argv)
    tour = load_tour(arguments.package)
    kept = tour.places[tour.places["place_id"].isin(tour.events["place_id"])]
    names = dict(zip(tour.places["place_id"], tour.places["name"], strict=True))
    result = {
        "package": str(arguments.package),
        "events": len(tour.events),
        "places": len(kept),
        **summary_numbers(arguments.package),
        **server_numbers(arguments.package, arguments.reps, kept),
    }
    if arguments.browser:
        result.update(browser_numbers(arguments.package, arguments.reps, names))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
