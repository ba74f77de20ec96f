"""The results section of ``docs/load.md`` from ``bench.load``'s results: the command, the
machine and how busy it was, one table per set-up, and where the targets of issue 16 stand.

``make load`` replaces only what lies between :data:`BEGIN` and :data:`END`; the rest of
the file (what the readers do, how to read the numbers) is written by hand.
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
from collections import Counter
from pathlib import Path

import streamlit
import websockets

from tests.helpers.load import percentile
from tests.helpers.nginx import locate_nginx

BEGIN = "<!-- bench.load results: begin (written by `make load`, do not edit by hand) -->"
END = "<!-- bench.load results: end -->"
TARGET_P95_MS = 1000.0
# Issue 16's targets: (server processes, sessions) that must see p95 < 1 s and no error.
TARGETS = ((1, 100), (2, 200))
STEP_KINDS = ("open", "mount", "click", "filter")


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text(encoding="utf-8").splitlines() if cpuinfo.exists() else []
    model = next((line.split(":", 1)[1].strip() for line in lines if "model name" in line), "")
    nginx = locate_nginx()
    nginx_version = (
        subprocess.run([nginx, "-v"], capture_output=True, text=True, check=False).stderr.strip()
        if nginx
        else "not found"
    )
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "os": platform.platform(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "websockets": websockets.__version__,
        "nginx": nginx_version.removeprefix("nginx version: nginx/"),
    }


def summary(level: dict) -> dict:
    """The numbers a table row shows, from one level's raw results."""
    readers = level["readers"]
    steps = [step for reader in readers for step in reader["steps"]]
    times = [step["ms"] for step in steps]
    errors = [error for reader in readers for error in reader["errors"]]
    own_p95 = [percentile([step["ms"] for step in reader["steps"]], 95) for reader in readers]
    servers = level["servers"]
    cpu = [server["cpu_end"] - server["cpu_before"] for server in servers]
    before = sum(server["rss_before"] for server in servers)
    peak = sum(server["rss_peak"] for server in servers)
    return {
        "reruns": len(steps),
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "max": round(max(times), 1) if times else None,
        "by_kind": {
            kind: percentile([step["ms"] for step in steps if step["kind"] == kind], 95)
            for kind in STEP_KINDS
        },
        "errors": len(errors),
        "error_kinds": dict(Counter(error.split(":", 1)[0] for error in errors)),
        "first_errors": errors[:3],
        "slow_sessions": sum(p95 is not None and p95 > TARGET_P95_MS for p95 in own_p95),
        "reruns_per_s": len(steps) / level["wall_s"],
        "cpu_ms_per_rerun": 1000 * sum(cpu) / len(steps) if steps else None,
        "cpu_share": sum(cpu) / level["wall_s"],
        "rss_before_mb": before / 2**20,
        "rss_peak_mb": peak / 2**20,
        "rss_after_close_mb": sum(server["rss_after_close"] or 0 for server in servers) / 2**20,
        "mb_per_session": (peak - before) / 2**20 / level["sessions"],
    }


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f} ms" if value < 1000 else f"{value / 1000:.1f} s"


def _split(level: dict) -> str:
    split = level.get("sessions_per_backend")
    return " / ".join(str(count) for count in split.values()) if split else "–"


def level_line(level: dict) -> str:
    """One line for the terminal while the run goes on."""
    row = summary(level)
    return (
        f"  {level['sessions']} sessions on {level['processes']} process(es): "
        f"held {level['held']}, {row['reruns']} reruns, p50 {_ms(row['p50'])}, "
        f"p95 {_ms(row['p95'])}, errors {row['errors']} {row['error_kinds'] or ''}, "
        f"CPU {row['cpu_ms_per_rerun'] or 0:.0f} ms/rerun, RSS {row['rss_before_mb']:.0f} → "
        f"{row['rss_peak_mb']:.0f} MB, {_machine_in_words(level)}"
        + (f"\n  first errors: {row['first_errors']}" if row["errors"] else "")
    )


HEADER = (
    "| processes | sessions | held open | errors | rerun p50 | p95 | max | p95 open / mount "
    "/ click / filter | sessions with p95 > 1 s | reruns/s | server CPU per rerun | "
    "server cores busy | "
    "server RSS before → peak (per session) → after the readers left | nginx split | "
    "machine: load average, CPU "
    "pressure |\n"
    "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
)


def table_row(level: dict) -> str:
    row = summary(level)
    kinds = " / ".join(_ms(row["by_kind"][kind]) for kind in STEP_KINDS)
    errors = str(row["errors"])
    if row["errors"]:
        errors += " (" + ", ".join(f"{n} {kind}" for kind, n in row["error_kinds"].items()) + ")"
    return (
        f"| {level['processes']} | {level['sessions']} | {level['held']} | {errors} | "
        f"{_ms(row['p50'])} | **{_ms(row['p95'])}** | {_ms(row['max'])} | {kinds} | "
        f"{row['slow_sessions']} | {row['reruns_per_s']:.1f} | "
        f"{_ms(row['cpu_ms_per_rerun'])} | {row['cpu_share']:.2f} | {row['rss_before_mb']:.0f} → "
        f"{row['rss_peak_mb']:.0f} MB ({row['mb_per_session']:.2f} MB) → "
        f"{row['rss_after_close_mb']:.0f} MB | {_split(level)} | "
        f"{_machine_busy(level)} |"
    )


def _machine_busy(level: dict) -> str:
    pressure = level["cpu_pressure"]
    return f"{level['load_average']:.1f}, " + ("–" if pressure is None else f"{pressure:.0%}")


def _machine_in_words(measured: dict) -> str:
    load, pressure = _machine_busy(measured).split(", ")
    return f"load average {load}, CPU pressure {pressure}"


def targets(levels: list[dict]) -> list[str]:
    lines = []
    for processes, sessions in TARGETS:
        level = next(
            (
                level
                for level in levels
                if (level["processes"], level["sessions"]) == (processes, sessions)
                and level["think_s"][1] > 0
            ),
            None,
        )
        what = f"{processes} process{'es' if processes > 1 else ''}, {sessions} sessions"
        if level is None:
            lines.append(f"- {what}: not measured in this run.")
            continue
        row = summary(level)
        met = row["errors"] == 0 and row["p95"] is not None and row["p95"] < TARGET_P95_MS
        lines.append(
            f"- {what}: p95 {_ms(row['p95'])}, {row['errors']} errors, "
            f"{level['held']} of {sessions} held open: **{'met' if met else 'not met'}**."
        )
    return lines


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def alone(results: dict) -> list[str]:
    """The cost of each step for one reader alone, and how many thinking readers one
    process could hold at most, from that cost."""
    readers = results["alone"]["readers"]
    steps = [step for reader in readers for step in reader["steps"]]
    lines = [
        f"**One reader alone** ({len(readers)} readers one after the other on a warm server, "
        f"{_machine_in_words(results['alone'])}): the server's cost of each step, "
        "medians.",
        "",
        "| step | steps | rerun time | server CPU | received |",
        "|---|--:|--:|--:|--:|",
    ]
    for kind in STEP_KINDS:
        of_kind = [step for step in steps if step["kind"] == kind]
        if of_kind:
            lines.append(
                f"| {kind} | {len(of_kind)} | {_ms(_median([s['ms'] for s in of_kind]))} | "
                f"{_ms(_median([s['server_cpu_ms'] for s in of_kind]))} | "
                f"{_median([s['bytes'] for s in of_kind]) / 1024:.0f} KB |"
            )
    cpu_per_reader_s = _median(
        [sum(step["server_cpu_ms"] for step in reader["steps"]) / 1000 for reader in readers]
    )
    paced = [level for level in results["levels"] if level["think_s"][1] > 0]
    if paced and cpu_per_reader_s:
        think = statistics.mean(paced[0]["think_s"])
        thinks = len(readers[0]["steps"]) - 1
        ceiling = thinks * think / cpu_per_reader_s
        per_process = {sessions // processes for processes, sessions in TARGETS}
        (target,) = per_process  # both targets put the same number of readers on a process
        budget_ms = 1000 * thinks * think / (target * len(readers[0]["steps"]))
        today_ms = 1000 * cpu_per_reader_s / len(readers[0]["steps"])
        lines += [
            "",
            f"A whole reader costs the server {cpu_per_reader_s:.2f} s of CPU over "
            f"{thinks} thinks of {think:g} s on average. A rerun is nearly all Python, which "
            "runs under one interpreter lock, so a process uses about one core at most: one "
            f"process cannot hold more than about **{ceiling:.0f} such readers** even with a "
            "core to itself and 100 % busy, and queueing makes the p95 grow well before that. "
            f"Issue 16's targets put {target} readers on each process: at this pace a step "
            f"may then cost at most **{budget_ms:.0f} ms** of server CPU, at 100 % busy; "
            f"today it costs {today_ms:.0f} ms.",
        ]
    return [*lines, ""]


def markdown(results: dict) -> str:
    machine_ = results["machine"]
    paced = [level for level in results["levels"] if level["think_s"][1] > 0]
    burst = [level for level in results["levels"] if level["think_s"][1] == 0]
    lines = [
        f"Run of {results['date']}: `{results['command']}`.",
        "",
        f"Machine: {machine_['os']}, **{machine_['cores']} cores** ({machine_['cpu']}), "
        f"{machine_['memory_gb']} GB; Python {machine_['python']}, Streamlit "
        f"{machine_['streamlit']}, websockets {machine_['websockets']}, nginx "
        f"{machine_['nginx']}. The servers, nginx and this client share the "
        f"{machine_['cores']} cores with other work on the machine. The last column says "
        f"how busy it was: the load average over the minute before the level ("
        f"{machine_['cores']}.0 means every core already busy), and the share of the "
        "level's time when some task was ready to run but waited for a core (Linux's CPU "
        "pressure, `/proc/pressure/cpu`).",
        "",
    ]
    if "alone" in results:
        lines += alone(results)
    if paced:
        think = paced[0]["think_s"]
        lines += [
            f"**Readers who think**: {think[0]:g} to {think[1]:g} s between two steps, "
            f"arriving over {paced[0]['ramp_s']:g} s.",
            "",
            HEADER,
            *(table_row(level) for level in paced),
            "",
        ]
    if burst:
        lines += [
            "**All at once, no thinking** (the Chromium test's scenario): every reader "
            "arrives at the same moment and takes its steps back to back.",
            "",
            HEADER,
            *(table_row(level) for level in burst),
            "",
        ]
    client = max(level["client_cpu_s"] / level["wall_s"] for level in results["levels"])
    lines += [
        f"This client (all readers in one Python process) kept at most {client:.2f} of a core "
        "busy in any level.",
        "",
        "Issue 16's targets (p95 rerun < 1 s, no error, readers who think):",
        "",
    ]
    lines += targets(results["levels"])
    return "\n".join(lines) + "\n"


def write_into(path: Path, results: dict) -> None:
    """Replace the results section of ``path`` (between the markers) with this run's."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), flags=re.DOTALL)
    if len(pattern.findall(text)) != 1:
        raise SystemExit(f"{path}: expected one results section between {BEGIN!r} and {END!r}")
    section = f"{BEGIN}\n{markdown(results)}{END}"
    path.write_text(pattern.sub(lambda _: section, text), encoding="utf-8")
