"""The benchmark suite: every measurement of issue 6 in one run.

    .venv/bin/python -m bench                       # what `make bench` runs (~30 min)
    .venv/bin/python -m bench --sizes 10000 --reps 2 --out /tmp/b   # a quick check (~3 min)
    .venv/bin/python -m bench --sizes 100 --reps 1 --out /tmp/b --no-browser

For the shipped tour and synthetic tours of each size (smallest first), it measures the
dashboard's map page, a naive build of it, the floor and the pydeck peer (see
``bench/apps/``): server time (``bench/server.py``), Chromium against the real server
(``bench/browser.py``; the floor, the dashboard and the peer taking turns), bytes and
peak memory. It writes ``performance.md`` (the tables, with ratios) and
``performance.png`` (times against events, log axes) into ``--out`` (``docs/`` by
default), and the raw numbers to ``--json`` (``bench/results.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import report
from bench.server import APP, measure_load, measure_map_work, measure_server
from goodwill.dataset import Tour, load_tour
from goodwill.i18n import translator
from goodwill.paths import SHIPPED_TOUR
from goodwill.problems import DatasetError
from goodwill.synthetic import write_package
from tests.helpers.browser import locate_chromium

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / SHIPPED_TOUR
APPS = ROOT / "bench" / "apps"
FLOOR = APPS / "floor_app.py"
NAIVE = APPS / "naive_app.py"
PEER = APPS / "pydeck_app.py"
DOCS = ROOT / "docs"
LOAD_REPORT = DOCS / "load.md"
SIZES = (100, 1_000, 10_000, 50_000)
# Where the synthetic packages are made, once: they are inputs, not results.
WORK = Path(os.environ.get("GOODWILL_BENCH_WORK") or Path(tempfile.gettempdir()) / "goodwill-bench")


def machine() -> dict:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        memory = int(meminfo.read_text().split()[1]) * 1024
    chromium, _ = locate_chromium()
    version = "not found"
    if chromium:
        version = subprocess.run(
            [chromium, "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    import folium
    import streamlit

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_bytes": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "folium": folium.__version__,
        "chromium": version,
    }


def synthetic_tour(size: int) -> tuple[Path, Tour]:
    """The synthetic package of ``size`` events and its tour. The package is made once and
    kept in the work folder, and made again when the one kept there no longer validates
    (an older generator's, from before a change of the schema)."""
    folder = WORK / f"events-{size}"
    if (folder / "datapackage.json").exists():
        try:
            return folder, load_tour(folder)
        except DatasetError as error:
            log(f"{folder}: {len(error.problems)} problem(s), made again")
    write_package(folder, size)
    return folder, load_tour(folder)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(arguments: argparse.Namespace) -> dict:
    datasets = ["shipped", *(str(size) for size in sorted(arguments.sizes))]
    label = translator("en")("sidebar.undated")
    results: dict = {
        "command": " ".join(["make bench  (.venv/bin/python -m bench", *sys.argv[1:]]) + ")",
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "reps": arguments.reps,
        "machine": machine(),
        "floor": {},
        "rows": [],
        # Readers per server are `make load`'s to measure (minutes of its own): the targets
        # show its last results, with their date.
        "load": report.load_results(LOAD_REPORT.read_text(encoding="utf-8")),
    }
    done: set[str] = set()
    if arguments.resume and arguments.resume.exists():
        # Keep what an interrupted run of the same command measured; measure the rest.
        previous = json.loads(arguments.resume.read_text(encoding="utf-8"))
        results["floor"], results["rows"] = previous["floor"], previous["rows"]
        done = {row["dataset"] for row in previous["rows"]}
        results["command"] += f"; resumed from {previous['date']}"
    if not results["floor"]:
        log("floor: server")
        results["floor"].update(measure_server(FLOOR, SHIPPED, arguments.reps, filters=False))
    if arguments.browser:
        from bench.browser import measure_browser, measure_side_by_side
    for name in datasets:
        if name in done:
            continue
        package, tour = (
            (SHIPPED, load_tour(SHIPPED)) if name == "shipped" else synthetic_tour(int(name))
        )
        row: dict = {
            "dataset": name,
            "events": len(tour.events),
            "places": int(tour.events["place_id"].nunique()),
            "load_s": measure_load(package, arguments.reps),
        }
        names = dict(zip(tour.places["place_id"], tour.places["name"], strict=True))
        log(f"{name}: map work ({row['events']} events)")
        row["map"] = measure_map_work(package, arguments.reps)
        if row["events"] > arguments.page_max:
            log(f"{name}: page not measured (above --page-max {arguments.page_max})")
            results["rows"].append(row)
            write(results, arguments)
            continue
        log(f"{name}: app server")
        row["app"] = measure_server(APP, package, arguments.reps, filters=True)
        if arguments.browser:
            log(f"{name}: the floor, the dashboard and the pydeck peer in Chromium, in turn")
            side_by_side = measure_side_by_side(
                {"floor": (FLOOR, SHIPPED), "app": (APP, package), "peer": (PEER, package)},
                arguments.reps,
                names=names,
                filter_label=label,
            )
            row["app"].update(side_by_side["app"])
            row["floor"], row["peer"] = side_by_side["floor"], side_by_side["peer"]
        if row["events"] <= arguments.naive_max:
            log(f"{name}: naive server")
            row["naive"] = measure_server(NAIVE, package, arguments.reps, filters=True)
            if arguments.browser and row["events"] <= arguments.naive_browser_max:
                log(f"{name}: naive browser")
                row["naive"].update(
                    measure_browser(
                        NAIVE, package, "naive", arguments.reps, names=names, filter_label=label
                    )
                )
        results["rows"].append(row)
        write(results, arguments)  # a long run leaves its results so far
    return results


def write(results: dict, arguments: argparse.Namespace) -> None:
    arguments.out.mkdir(parents=True, exist_ok=True)
    arguments.json.parent.mkdir(parents=True, exist_ok=True)
    arguments.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (arguments.out / "performance.md").write_text(report.markdown(results), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--reps", type=int, default=5, help="repetitions per median (5)")
    parser.add_argument(
        "--naive-max",
        type=int,
        default=10_000,
        help="largest tour the naive build is measured on (10000; it takes minutes above)",
    )
    parser.add_argument(
        "--naive-browser-max",
        type=int,
        default=1_000,
        help="largest tour the naive build is timed on in Chromium (1000: at 10,000 events "
        "every pan reruns its 10-second page and a marker never stays put to be clicked)",
    )
    parser.add_argument(
        "--page-max",
        type=int,
        default=max(SIZES),
        help="largest tour whose whole page is run (AppTest, Chromium); above it only the "
        "map's own work is timed (default: every size)",
    )
    parser.add_argument(
        "--out", type=Path, default=DOCS, help="for performance.md and .png (docs/)"
    )
    parser.add_argument(
        "--json",
        type=Path,
        help="the raw results (bench/results.json; with another --out, results.json there)",
    )
    parser.add_argument("--no-browser", dest="browser", action="store_false")
    parser.add_argument(
        "--resume",
        type=Path,
        help="results.json of an interrupted run: keep its numbers, measure the rest",
    )
    arguments = parser.parse_args(argv)
    if arguments.json is None:
        # A quick check into another folder leaves the committed results alone.
        in_docs = arguments.out.resolve() == DOCS
        arguments.json = (
            ROOT / "bench" / "results.json" if in_docs else arguments.out / "results.json"
        )
    results = run(arguments)
    write(results, arguments)
    if arguments.browser:
        from bench.plot import plot

        plot(results, arguments.out / "performance.png")
    log(f"wrote {arguments.out / 'performance.md'}")
