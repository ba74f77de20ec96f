"""Which way to draw many places (issue 16 part 1, "pick by measurement"): the dashboard's
own markers in leaflet.markercluster, as map.js draws them, against Leaflet's circle
markers on one canvas, with and without clustering.

    .venv/bin/python -m bench.canvas_or_dom --places 25000 --reps 5

map.js and Leaflet on a plain page in Chromium (no Streamlit), 1000x600, the view on North
America at zoom 4; the places at random over the continent, 1 % tour stops. Each way is
timed from the call to the first animation frame after it, clustering not chunked (so it
is all in the time). Prints the medians in milliseconds as JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from goodwill.map.assembly import CLUSTER_OPTIONS
from goodwill.offline import default_vendor_dir
from tests.browser.test_map_js import plain_map_html
from tests.helpers.browser import CHROMIUM_ARGS, locate_chromium

CLUSTER_DIST = default_vendor_dir() / "leaflet.markercluster@1.1.0" / "dist"
SVG = '<svg width="18" height="18"><circle cx="9" cy="9" r="7" fill="#1f77b4"/></svg>'
# Each way as a function of the document and the clustering options; the time it took.
WAYS = {
    "markers in clusters (map.js)": """([data, cluster]) => {
        GoodwillMap.tourLayers(places, {url: null, placeParameter: "place",
            stepParameter: "step", cluster: cluster, haloRadius: 1, loading: "", failed: ""},
            data);
    }""",
    "circles on a canvas": """([data]) => {
        const renderer = L.canvas();
        const group = L.featureGroup();
        for (const [lat, lon, id, tooltip] of data.markers) {
            group.addLayer(L.circleMarker([lat, lon], {renderer: renderer, radius: 6})
                .bindTooltip(tooltip));
        }
        group.addTo(map);
    }""",
    "circles on a canvas, in clusters": """([data, cluster]) => {
        const renderer = L.canvas();
        const group = L.markerClusterGroup(cluster);
        for (const [lat, lon, id, tooltip] of data.markers) {
            group.addLayer(L.circleMarker([lat, lon], {renderer: renderer, radius: 6})
                .bindTooltip(tooltip));
        }
        group.addTo(map);
    }""",
}
TIMED = """async ([way, args]) => {
    map.options.maxZoom = 14;
    map.setView([30, -95], 4);
    const started = performance.now();
    new Function("return " + way)()(args);
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    return performance.now() - started;
}"""


def document(places: int) -> dict:
    chance = random.Random(1)
    markers = [
        [
            chance.uniform(8, 50),
            chance.uniform(-125, -60),
            f"p{n}",
            f"Place {n}",
            0,
            int(n % 100 == 0),
            0,
            f"P{n}",
        ]
        for n in range(places)
    ]
    return {
        "icons": [SVG],
        "status": ["held", "planned"],
        "markers": markers,
        "halos": [],
        "pairs": [],
        "route": [],
        "arrows": [],
        "steps": [],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.canvas_or_dom", description=__doc__)
    parser.add_argument("--places", type=int, default=25_000)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args(argv)
    page_file = Path(tempfile.mkdtemp()) / "map.html"
    page_file.write_text(
        plain_map_html(1000, 600).replace(
            "</head>",
            f'<link rel="stylesheet" href="{(CLUSTER_DIST / "MarkerCluster.css").as_uri()}">'
            f'<script src="{(CLUSTER_DIST / "leaflet.markercluster.js").as_uri()}"></script>'
            "</head>",
        ),
        encoding="utf-8",
    )
    data, cluster = document(args.places), {**CLUSTER_OPTIONS, "chunkedLoading": False}
    times = {name: [] for name in WAYS}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=locate_chromium()[0], args=CHROMIUM_ARGS
        )
        for rep in range(args.reps + 1):  # the first round warms the browser up: not kept
            for name, way in WAYS.items():
                page = browser.new_page(viewport={"width": 1000, "height": 600})
                page.goto(page_file.as_uri())
                page.wait_for_function("window.GoodwillMap !== undefined")
                took = page.evaluate(TIMED, [way, [data, cluster]])
                if rep:
                    times[name].append(took)
                page.close()
        browser.close()
    medians = {name: round(statistics.median(values)) for name, values in times.items()}
    print(json.dumps({"places": args.places, "median_ms": medians}, indent=2))


if __name__ == "__main__":
    main()
