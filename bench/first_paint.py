"""Where a map page's first paint goes: milestones of a page load, the floor's and the
dashboard's, in milliseconds since navigation (issue 16 part 3).

    .venv/bin/python -m bench.first_paint --reps 7          # a fresh browser per sample
    .venv/bin/python -m bench.first_paint --reps 7 --warm   # a returning reader's cache

Chromium against a real server per app on the shipped tour (tiles off, 1400x900); the two
apps are measured in turn, sample by sample, so both meet the machine in the same state.
Each milestone is read in the page at every animation frame, on the page's own clock:

- *shell*: Streamlit's frame is on screen; *title*: the page's first heading;
- *iframe*: the map component's frame exists; *leaflet*: Leaflet has run in it;
- *map*: the map object exists; *outline*: the border outline is drawn;
- *marker*: the first marker (what ``make bench`` calls *markers*).

Prints the medians as JSON, per app, with the spread (min–max) of *marker*.
"""

from __future__ import annotations

import argparse
import json
import statistics
from contextlib import ExitStack

from playwright.sync_api import sync_playwright

from bench.browser import CHROMIUM_ARGS, chromium_executable, streamlit_server
from bench.suite import APP, FLOOR, SHIPPED

MILESTONES = """
if (window === window.top) {
    window.__milestones = {};
    const note = (name) => {
        if (!(name in window.__milestones)) {
            window.__milestones[name] = Math.round(performance.now());
        }
    };
    const look = () => {
        if (document.querySelector('[data-testid="stAppViewContainer"]')) note("shell");
        if (document.querySelector("h1")) note("title");
        const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
        const inside = frame && frame.contentWindow;
        if (frame) note("iframe");
        if (inside && inside.L) note("leaflet");
        if (inside && inside.map) note("map");
        if (inside && inside.document.querySelector(".leaflet-outline-pane > *")) note("outline");
        if (inside && inside.document.querySelector(".leaflet-marker-icon")) {
            note("marker");
            return;
        }
        requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
}
"""
APPS = {"floor": FLOOR, "dashboard": APP}
TIMEOUT_MS = 120_000


def measure(reps: int, warm: bool) -> dict:
    samples = {name: [] for name in APPS}
    with ExitStack() as stack, sync_playwright() as playwright:
        urls = {
            name: stack.enter_context(streamlit_server(script, SHIPPED))[0]
            for name, script in APPS.items()
        }
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS
        )
        contexts = {}
        for rep in range(reps + 1):  # the first visit loads the tour on the server: not kept
            for name, url in urls.items():
                context = contexts.get(name)
                if context is None:
                    context = browser.new_context(viewport={"width": 1400, "height": 900})
                    context.add_init_script(MILESTONES)
                page = context.new_page()
                page.goto(url)
                page.wait_for_function(
                    "() => window.__milestones && window.__milestones.marker", timeout=TIMEOUT_MS
                )
                if rep:
                    samples[name].append(page.evaluate("window.__milestones"))
                page.close()
                if warm:
                    contexts[name] = context
                else:
                    context.close()
        browser.close()
    return {name: summary(found) for name, found in samples.items()}


def summary(samples: list[dict]) -> dict:
    # A milestone reached after the first marker (the outline, at times) is not noted.
    names = {key for sample in samples for key in sample}
    times = {key: [sample[key] for sample in samples if key in sample] for key in names}
    medians = {key: statistics.median(values) for key, values in times.items()}
    ordered = dict(sorted(medians.items(), key=lambda item: item[1]))
    markers = [sample["marker"] for sample in samples]
    return {"median_ms": ordered, "marker_min_max_ms": [min(markers), max(markers)]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.first_paint", description=__doc__)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--warm", action="store_true", help="keep each app's browser cache")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.reps, args.warm), indent=2))


if __name__ == "__main__":
    main()
