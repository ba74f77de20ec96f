"""The benchmark runs at its smallest size and writes well-formed results.

No timing is asserted here: performance is the benchmark's to report (docs/performance.md),
not the tests'. The browser half of the benchmark is left out (it needs minutes); its
report and plot are checked on the results the server half writes.
"""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from bench import plot, report

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def results_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    env = {**os.environ, "GOODWILL_BENCH_WORK": str(out / "work")}
    env.pop("GOODWILL_DATA", None)
    command = [sys.executable, "-m", "bench", "--sizes", "100", "--reps", "1", "--no-browser"]
    finished = subprocess.run(
        [*command, "--out", str(out), "--json", str(out / "results.json")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return out


def test_the_benchmark_measures_the_shipped_tour_and_the_smallest_synthetic_one(results_dir):
    results = json.loads((results_dir / "results.json").read_text())
    assert [row["dataset"] for row in results["rows"]] == ["shipped", "100"]
    assert results["rows"][1]["events"] == 100
    for row in results["rows"]:
        assert row["load_s"] > 0
        assert row["map"]["map_payload_bytes"] > 0
        for who in ("app", "naive"):
            numbers = row[who]
            assert {"cold_s", "warm_s", "filter_s", "payload_bytes"} <= set(numbers)
            assert all(value > 0 for value in numbers.values())
    assert results["floor"]["warm_s"] > 0
    assert results["machine"]["cores"] >= 1


def test_the_report_has_the_command_the_machine_the_tables_and_the_targets(results_dir):
    text = (results_dir / "performance.md").read_text()
    assert "make bench" in text
    assert "Machine:" in text
    assert "| shipped | 11 |" in text
    assert "| 100 | 100 |" in text
    assert "## Targets" in text
    lines = text.splitlines()
    table = next(line for line in lines if line.startswith("| shipped | 11 |"))
    header = next(line for line in lines if line.startswith("| tour | events | places"))
    assert table.count("|") == header.count("|")


def test_the_plot_is_well_formed_svg_with_log_axes(results_dir):
    results = json.loads((results_dir / "results.json").read_text())
    drawing = ElementTree.fromstring(plot.svg(results))
    texts = [node.text for node in drawing.iter("{http://www.w3.org/2000/svg}text")]
    assert "events" in texts
    assert "100" in texts  # a power of ten on the log axis
    assert any("log" in (text or "") for text in texts)


def test_targets_are_judged_only_where_measured(results_dir):
    results = json.loads((results_dir / "results.json").read_text())
    judged = report.targets(results)
    # Without the browser there is no click to compare with the floor, and no 10,000 row.
    assert judged == []


def _row(events: int, warm_s: float) -> dict:
    return {
        "dataset": str(events),
        "events": events,
        "load_s": events / 1000,
        "app": {"warm_s": warm_s},
    }


def test_growth_is_the_exponent_of_cost_against_events_between_successive_sizes():
    results = {"rows": [_row(100, 0.1), _row(1_000, 1.0), _row(10_000, 100.0)]}
    table = dict(report.growth(results))
    assert [label for label, _ in table["load"]] == ["100 → 1,000", "1,000 → 10,000"]
    assert [round(k, 6) for _, k in table["load"]] == [1.0, 1.0]
    assert [round(k, 6) for _, k in table["warm page run"]] == [1.0, 2.0]
    assert all(k is None for _, k in table["markers"])  # not measured: no exponent


def test_worse_than_linear_growth_fails_its_target_and_names_the_measure():
    results = {"floor": {}, "rows": [_row(1_000, 1.0), _row(2_000, 4.0)]}
    target, measured, met = report.targets(results)[-1]
    assert target.startswith("cost grows no worse than linearly")
    assert "warm page run, 2.00 from 1,000 → 2,000" in measured
    assert met is False
