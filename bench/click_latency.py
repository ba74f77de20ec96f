"""Click → panel latency of the map page, measured in Chromium against the real server.

Usage: ``.venv/bin/python bench/click_latency.py [--rounds N]``

Starts Streamlit on a free loopback port (tiles off), opens the map, then alternately
clicks the Tucson and Nogales markers and times each click until the panel shows that
place's date line. Prints the median and the maximum. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("GOODWILL_CHROMIUM", "/usr/bin/chromium")
TARGETS = (
    ("pima-west-campus", "Friday, 5 August 2016 (inferred) — the story"),
    ("nogales-sonora", "Thursday, 4 August 2016 (inferred) — the story"),
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("Streamlit did not become healthy")


def measure(url: str, rounds: int) -> list[float]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url)
        frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
        frame.locator(".gw-marker").first.wait_for(timeout=60_000)
        main = page.locator('[data-testid="stMain"]')
        times = []
        for _ in range(rounds):
            for place_id, date_line in TARGETS:
                start = time.perf_counter()
                frame.locator(f'[data-place-id="{place_id}"]').click()
                main.get_by_text(date_line).wait_for(timeout=15_000)
                times.append(time.perf_counter() - start)
                time.sleep(0.3)
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env={**os.environ, "GOODWILL_TILES": "off"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_healthy(url)
        times = measure(url, arguments.rounds)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(
        f"click → panel over {len(times)} clicks: median {statistics.median(times):.3f} s, "
        f"max {max(times):.3f} s"
    )


if __name__ == "__main__":
    main()
