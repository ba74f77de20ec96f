"""The benchmark's plot: each time against the number of events, log axes, as a PNG.

Drawn as SVG here and turned into PNG by the Chromium the benchmark already drives, so
the plot needs no plotting library.
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.browser import CHROMIUM_ARGS, chromium_executable

WIDTH, HEIGHT = 900, 560
LEFT, RIGHT, TOP, BOTTOM = 80, 250, 50, 60
# Okabe–Ito, as on the map.
SERIES = [
    ("map", "map_warm_s", "map's own work, warm", "#E69F00", ""),
    ("map", "map_cold_s", "map's own work, cold", "#E69F00", "2 3"),
    ("app", "warm_s", "page run, warm", "#0072B2", ""),
    ("app", "cold_s", "page run, cold", "#56B4E9", ""),
    ("app", "markers_s", "navigation → markers", "#009E73", ""),
    ("app", "click_s", "click → panel", "#D55E00", ""),
    ("app", "filter_browser_s", "filter → map", "#CC79A7", ""),
    ("naive", "warm_s", "naive: page run", "#0072B2", "6 4"),
    ("naive", "markers_s", "naive: markers", "#009E73", "6 4"),
    ("naive", "click_s", "naive: click", "#D55E00", "6 4"),
    ("peer", "first_paint_s", "pydeck peer: first paint", "#000000", "2 3"),
]


def _points(results: dict, who: str, key: str) -> list[tuple[float, float]]:
    return [
        (row["events"], row[who][key])
        for row in results["rows"]
        if row["dataset"] != "shipped" and who in row and row[who].get(key)
    ]


def svg(results: dict) -> str:
    series = [
        (label, colour, dash, _points(results, who, key))
        for who, key, label, colour, dash in SERIES
    ]
    series = [item for item in series if item[3]]
    xs = [x for *_, points in series for x, _ in points] or [100, 10_000]
    ys = [y for *_, points in series for _, y in points] or [0.01, 10]
    floor = results["floor"].get("click_s")
    if floor:
        ys.append(floor)
    x0, x1 = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + (math.log10(x) - x0) / (x1 - x0) * plot_w

    def py(y: float) -> float:
        return TOP + plot_h - (math.log10(y) - y0) / (y1 - y0) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        'font-family="sans-serif" font-size="13">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="28" font-size="16" font-weight="bold">'
        "Map page: time against events (log–log)</text>",
    ]
    for power in range(x0, x1 + 1):
        x = px(10**power)
        parts.append(f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{TOP + plot_h}" stroke="#ddd"/>')
        parts.append(
            f'<text x="{x}" y="{TOP + plot_h + 20}" text-anchor="middle">{10**power:,}</text>'
        )
    for power in range(y0, y1 + 1):
        y = py(10**power)
        label = f"{10**power * 1000:g} ms" if power < 0 else f"{10**power:g} s"
        parts.append(f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + plot_w}" y2="{y}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4}" text-anchor="end">{label}</text>')
    parts.append(
        f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 15}" text-anchor="middle">events</text>'
    )
    if floor:
        y = py(floor)
        parts.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + plot_w}" y2="{y}" stroke="#000" '
            'stroke-dasharray="2 3"/>'
        )
        series.append(("floor: click → text", "#000000", "2 3", []))
    for index, (label, colour, dash, points) in enumerate(series):
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        if points:
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"'
                f"{dash_attribute}/>"
            )
            parts += [
                f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{colour}"/>'
                for x, y in points
            ]
        ly = TOP + 10 + index * 22
        lx = LEFT + plot_w + 20
        parts.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 28}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attribute}/>'
        )
        parts.append(f'<text x="{lx + 36}" y="{ly + 4}">{escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def plot(results: dict, path: Path) -> Path:
    """Write the plot of ``results`` to ``path`` (PNG)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content(f'<body style="margin:0">{svg(results)}</body>')
        page.locator("svg").screenshot(path=str(path))
        browser.close()
    return path
