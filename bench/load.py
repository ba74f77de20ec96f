"""Readers per server, measured without browsers: N websocket sessions against real servers.

    make load          # the whole report, into docs/load.md: about 20 minutes
    .venv/bin/python -m bench.load --plan 1:50 --alone 0 --burst 0 --no-write   # one level

Every session is a reader, speaking Streamlit's own protocol (``bench/wsload.py``). It opens
the map page (its map would report a first value when it mounts if that differed from the
default, which would rerun the map: the dashboard's does not), it clicks three held tour
stops in an order of its own (the places and orders of the Chromium load test,
``tests/helpers/load.py``), and it narrows the sidebar's country filter by one country. A
reader thinks between two steps (a random time in ``--think``), and readers arrive spread
over ``--ramp`` seconds. After its last step a reader keeps its websocket open until every
reader is done, so all N are connected at once.

Every step is checked, so that a run cannot measure nothing: the page must show the map
component and the country filter; after a click the query string must name the clicked
place and the panel show its heading and date line; after the filter change the whole page
must have rerun, with the narrower countries in the query string and the same place still
selected. A check that fails, an exception box, a lost websocket or a step over
``--step-timeout`` is an error. Each step's time runs from sending its ``rerun_script`` to
its ``script_finished``: the server's answer, with no browser rendering in it.

The servers are ``streamlit run app.py`` processes started as the tests start them
(``tests/helpers/server.py``); with more than one, nginx runs in front of them with
``deploy/nginx.conf.template`` (``tests/helpers/nginx.py``). Each level gets fresh servers,
warmed by one reader that is not counted. Their memory (RSS) and CPU time come from
``/proc``. Loopback only; the session count and every wait are bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from pathlib import Path

import websockets

from bench import load_report
from bench.wsload import (
    Page,
    Placed,
    ProtocolError,
    Session,
    component_args,
    json_state,
    string_array_state,
)
from goodwill.dataset import load_tour
from tests.helpers.browser import ARTIFACTS_DIR
from tests.helpers.load import ORDERS, PLACES
from tests.helpers.nginx import NginxFront, locate_nginx, running_nginx
from tests.helpers.server import StreamlitServer, start_streamlit_server

ROOT = Path(__file__).resolve().parent.parent
# Every step of every reader: kept out of git (docs/load.md is the record), like the
# Chromium load test's timings.
RESULTS = ARTIFACTS_DIR / "load-results.json"
REPORT = ROOT / "docs" / "load.md"
MAX_SESSIONS = 500
# (server processes, session counts): one process alone, then nginx in front of 2 and 4.
DEFAULT_PLAN = ((1, (10, 50, 100, 200)), (2, (100, 200)), (4, (200,)))
MAP_COMPONENT = "st_folium"
COUNTRY_FILTER_KEY = "filter_countries"
# What streamlit-folium's frontend holds before any click, for the keys it can return; it
# sends the ones the app asked for (``returned_objects``) once the map has mounted, when
# they differ from the default the server gave it. Its click count starts at 0; the map's
# own script sets it to None, the default (``countClicksFromNone``, static/goodwill/map.js),
# so the dashboard's map sends nothing until it is clicked.
FOLIUM_MOUNT_VALUE = {
    "last_object_clicked": None,
    "last_object_clicked_count": None,
    "last_active_drawing": None,
}
SAMPLE_INTERVAL_S = 0.5


@dataclass(frozen=True)
class Settings:
    # A reader reads the panel for 5 to 15 s before the next click; readers arrive over
    # 30 s, so that their steps do not fall in step with each other.
    think_s: tuple[float, float] = (5.0, 15.0)
    ramp_s: float = 30.0
    step_timeout_s: float = 60.0
    deadline_s: float = 300.0
    seed: int = 16
    # After the readers close their websockets, before the servers' memory is read again.
    settle_s: float = 3.0


@dataclass
class Step:
    kind: str  # open, mount, click, filter
    ms: float
    bytes: int
    messages: int
    # The server's CPU time for this step; read only for a reader alone on its server.
    server_cpu_ms: float | None = None


@dataclass
class ReaderResult:
    index: int
    order: tuple[str, ...]
    steps: list[Step] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class WrongAnswerError(Exception):
    """A step's answer was not what the reader must see."""


# --------------------------------------------------------------------------- one reader


@cache
def _places():
    return load_tour().places.set_index("place_id")


def click_value(place_id: str, count: int, returned: Sequence[str] | None) -> dict:
    """What streamlit-folium sends when a reader clicks the marker of ``place_id``: the
    marker's position, the feature it carries (``properties.place_id``) and the click count,
    limited to the keys the app asked for."""
    place = _places().loc[place_id]
    value = {
        "last_object_clicked": {"lat": float(place["latitude"]), "lng": float(place["longitude"])},
        "last_object_clicked_count": count,
        "last_active_drawing": {"type": "Feature", "properties": {"place_id": place_id}},
    }
    return {key: value[key] for key in value if returned is None or key in returned}


def mount_value(args: dict) -> dict | None:
    """The map's first value after it mounts, or None when the frontend sends none (it
    sends only a value that differs from the default)."""
    returned = args.get("returned_objects") or list(FOLIUM_MOUNT_VALUE)
    unknown = [key for key in returned if key not in FOLIUM_MOUNT_VALUE]
    if unknown:
        raise WrongAnswerError(f"the map returns {unknown}: this client does not know their values")
    value = {key: FOLIUM_MOUNT_VALUE[key] for key in returned}
    return None if value == args.get("default") else value


def _map(page: Page) -> Placed:
    placed = page.component(MAP_COMPONENT)
    if placed is None:
        raise WrongAnswerError(f"no {MAP_COMPONENT} component on the page")
    return placed


def _country_filter(page: Page) -> Placed:
    placed = page.widget("multiselect", COUNTRY_FILTER_KEY)
    if placed is None:
        raise WrongAnswerError(f"no multiselect with key {COUNTRY_FILTER_KEY!r} on the page")
    return placed


def check_panel(page: Page, place_id: str) -> None:
    heading, date_line = PLACES[place_id]
    if page.query.get("place") != [place_id]:
        raise WrongAnswerError(f"query string {page.query_string!r} does not select {place_id}")
    bodies = page.markdown()
    shown = [
        name
        for name, _ in PLACES.values()
        if any(body.startswith(f"### {name}") for body in bodies)
    ]
    if shown != [heading]:
        raise WrongAnswerError(f"the panel shows {shown}, not only {heading!r}")
    if not any(date_line in body for body in bodies):
        raise WrongAnswerError(f"no {date_line!r} in the panel of {place_id}")


class Reader:
    """One reader's session: its steps, timed and checked."""

    def __init__(
        self, url: str, index: int, settings: Settings, alone_on: int | None = None
    ) -> None:
        """``alone_on``: the pid of the server this reader has to itself, whose CPU time
        each step then records."""
        self.alone_on = alone_on
        self.session = Session(url, settings.step_timeout_s)
        self.result = ReaderResult(index, ORDERS[index % len(ORDERS)])
        self.random = random.Random(f"{settings.seed}-{index}")
        self.settings = settings
        self.done = False

    async def _step(self, kind: str, fragment_id: str = "") -> None:
        cpu_before = cpu_seconds(self.alone_on) if self.alone_on else None
        run = await self.session.rerun(fragment_id)
        step = Step(kind, run.ms, run.bytes, run.messages)
        if cpu_before is not None:
            step.server_cpu_ms = (cpu_seconds(self.alone_on) - cpu_before) * 1000
        self.result.steps.append(step)
        if run.exceptions:
            raise WrongAnswerError(f"{kind}: exception shown: {run.exceptions[0]}")

    async def _think(self) -> None:
        await asyncio.sleep(self.random.uniform(*self.settings.think_s))

    async def steps(self) -> None:
        session, page = self.session, self.session.page
        await session.connect()
        await self._step("open")
        _country_filter(page)
        args = component_args(_map(page))
        first = mount_value(args)
        if first is not None:
            await self._think()
            map_ = _map(page)
            session.set_value(json_state(map_.element.component_instance.id, first))
            await self._step("mount", map_.fragment_id)
        for count, place_id in enumerate(self.result.order, 1):
            await self._think()
            map_ = _map(page)
            value = click_value(place_id, count, component_args(map_).get("returned_objects"))
            session.set_value(json_state(map_.element.component_instance.id, value))
            await self._step("click", map_.fragment_id)
            check_panel(page, place_id)
        await self._think()
        countries = _country_filter(page).element.multiselect
        kept = list(countries.raw_values)[:-1]
        session.set_value(string_array_state(countries.id, kept))
        before = page.query.get("country")
        await self._step("filter")
        if page.query.get("country") in (None, before):
            raise WrongAnswerError(f"the filter left the query string at {page.query_string!r}")
        check_panel(page, self.result.order[-1])

    async def act(self, start_after_s: float) -> None:
        """Arrive after ``start_after_s``, take every step; whatever goes wrong is kept in
        the result, and the websocket stays open (closed by whoever runs the readers)."""
        await asyncio.sleep(start_after_s)
        errors = self.result.errors
        try:
            await self.steps()
        except WrongAnswerError as failure:
            errors.append(f"wrong: {failure}")
        except TimeoutError:
            errors.append(f"timeout: no answer within {self.settings.step_timeout_s:.0f} s")
        except ProtocolError as error:
            errors.append(f"protocol: {error}")
        except websockets.ConnectionClosed as closed:
            errors.append(f"disconnected: {closed}")
        except (OSError, websockets.InvalidHandshake) as error:
            errors.append(f"connect: {type(error).__name__}: {error}")
        self.done = True


# --------------------------------------------------------------------------- many readers


@dataclass
class ProcessUse:
    """One server process over a level: memory (RSS) and CPU time from ``/proc``."""

    pid: int
    rss_before: int
    cpu_before: float
    rss_peak: int = 0
    rss_end: int | None = None
    rss_after_close: int | None = None
    cpu_end: float | None = None

    @classmethod
    def starting_now(cls, pid: int) -> ProcessUse:
        rss, cpu = rss_bytes(pid), cpu_seconds(pid)
        if rss is None or cpu is None:
            raise RuntimeError(f"server process {pid} is gone")
        return cls(pid, rss, cpu, rss_peak=rss)

    def sample(self) -> None:
        rss = rss_bytes(self.pid)
        if rss is not None:
            self.rss_peak = max(rss, self.rss_peak)

    @property
    def cpu_s(self) -> float | None:
        return None if self.cpu_end is None else self.cpu_end - self.cpu_before


def rss_bytes(pid: int) -> int | None:
    """A process's resident memory now (None once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), None)
    return int(line.split()[1]) * 1024 if line else None


def cpu_waiting_s() -> float | None:
    """How long, in all, some task has waited for a CPU since boot (``/proc/pressure/cpu``)."""
    try:
        some = Path("/proc/pressure/cpu").read_text(encoding="ascii").splitlines()[0]
    except (OSError, IndexError):
        return None
    return int(some.rsplit("total=", 1)[1]) / 1e6


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time a process has used so far, all its threads."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return None
    # The command name (field 2) may hold spaces; the fields after it are plain numbers.
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Level:
    processes: int
    sessions: int
    think_s: tuple[float, float]
    ramp_s: float
    readers: list[ReaderResult]
    held: int  # websockets still open when the last reader had taken its last step
    wall_s: float
    client_cpu_s: float
    servers: list[ProcessUse]
    load_average: float  # the machine's, over the minute before the level (2 cores)
    # The share of the level's time when some task on the machine was ready to run and
    # waited for a CPU (Linux pressure stall information); None where the kernel has none.
    cpu_pressure: float | None
    sessions_per_backend: dict[str, int] | None = None


async def run_readers(url: str, sessions: int, settings: Settings, pids: Sequence[int]) -> Level:
    """Run ``sessions`` readers against ``url`` and measure the server processes ``pids``
    meanwhile (memory every half second, CPU time before and after)."""
    servers = [ProcessUse.starting_now(pid) for pid in pids]
    readers = [Reader(url, index, settings) for index in range(sessions)]

    async def sample() -> None:
        while True:
            for server in servers:
                server.sample()
            await asyncio.sleep(SAMPLE_INTERVAL_S)

    load_average, waited = os.getloadavg()[0], cpu_waiting_s()
    client_cpu = time.process_time()
    sampler = asyncio.create_task(sample())
    started = time.perf_counter()
    try:
        async with asyncio.timeout(settings.deadline_s):
            await asyncio.gather(
                *(
                    reader.act(index * settings.ramp_s / sessions)
                    for index, reader in enumerate(readers)
                )
            )
    except TimeoutError:
        for reader in readers:
            if not reader.done:
                reader.result.errors.append(
                    f"deadline: the level ended at {settings.deadline_s:.0f} s"
                )
    wall_s = time.perf_counter() - started
    pressure = None if waited is None else (cpu_waiting_s() - waited) / wall_s
    held = sum(reader.session.is_open for reader in readers)
    for server in servers:
        server.rss_end, server.cpu_end = rss_bytes(server.pid), cpu_seconds(server.pid)
    await asyncio.gather(*(reader.session.close() for reader in readers))
    await asyncio.sleep(settings.settle_s)
    sampler.cancel()
    for server in servers:
        server.rss_after_close = rss_bytes(server.pid)
    return Level(
        processes=len(servers),
        sessions=sessions,
        think_s=settings.think_s,
        ramp_s=settings.ramp_s,
        readers=[reader.result for reader in readers],
        held=held,
        wall_s=wall_s,
        client_cpu_s=time.process_time() - client_cpu,
        servers=servers,
        load_average=load_average,
        cpu_pressure=pressure,
    )


@contextmanager
def running_servers(
    processes: int,
) -> Iterator[tuple[str, list[StreamlitServer], NginxFront | None]]:
    """``processes`` fresh app servers; with more than one, nginx in front of them. The URL
    to load, the servers, and nginx (None without)."""
    with ExitStack() as stack:
        servers = []
        for _ in range(processes):
            servers.append(start_streamlit_server(env={"GOODWILL_TILES": "off"}))
            stack.callback(servers[-1].stop)
        if processes == 1:
            yield servers[0].url, servers, None
            return
        nginx = locate_nginx()
        if not nginx:
            raise SystemExit("nginx not found: install Debian's nginx for the runs behind it")
        prefix = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="load-nginx-")))
        backends = [server.url.removeprefix("http://") for server in servers]
        front = stack.enter_context(running_nginx(nginx, prefix, backends))
        yield front.url, servers, front


def read_alone(
    url: str, settings: Settings, index: int = 0, pid: int | None = None
) -> ReaderResult:
    """One reader with the server to itself, no thinking; fails loudly if it saw an error."""
    reader = Reader(url, index, replace(settings, think_s=(0, 0), ramp_s=0), alone_on=pid)

    async def once() -> None:
        await reader.act(0)
        await reader.session.close()

    asyncio.run(once())
    if reader.result.errors:
        raise SystemExit(f"a reader alone at {url} failed: {reader.result.errors}")
    return reader.result


def measure_alone(readers: int, settings: Settings) -> dict:
    """The server's cost of each step: ``readers`` readers one after the other on a fresh,
    warmed server, each timing its steps and the server's CPU time for each."""
    with running_servers(1) as (url, (server,), _):
        read_alone(url, settings)  # warms the caches, not counted
        load_average, waited, started = os.getloadavg()[0], cpu_waiting_s(), time.perf_counter()
        results = [read_alone(url, settings, index, server.pid) for index in range(readers)]
        wall_s, waited_after = time.perf_counter() - started, cpu_waiting_s()
    return {
        "readers": [asdict(result) for result in results],
        "load_average": load_average,
        "cpu_pressure": None if waited is None else (waited_after - waited) / wall_s,
    }


def measure_level(processes: int, sessions: int, settings: Settings) -> Level:
    with running_servers(processes) as (url, servers, front):
        for server in servers:
            read_alone(server.url, settings)  # warms the caches, not counted
        pids = [server.pid for server in servers]
        level = asyncio.run(run_readers(url, sessions, settings, pids))
        if front is not None:
            level.sessions_per_backend = dict.fromkeys(front.backends, 0)
            by_address = {address: name for name, address in front.backends.items()}
            for line in front.log_lines():
                if line["path"].startswith("/_stcore/stream"):
                    level.sessions_per_backend[by_address[line["upstream"]]] += 1
        return level


# --------------------------------------------------------------------------- the command


def parse_plan(text: str) -> tuple[int, tuple[int, ...]]:
    """``"2:100,200"``: 2 server processes (behind nginx), then 100 and 200 sessions."""
    processes, _, counts = text.partition(":")
    return int(processes), tuple(int(count) for count in counts.split(","))


def parse_range(text: str) -> tuple[float, float]:
    low, _, high = text.partition(",")
    return float(low), float(high or low)


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--plan",
        type=parse_plan,
        action="append",
        help="PROCESSES:SESSIONS,... (repeatable; default: "
        + " ".join(f"{p}:{','.join(map(str, s))}" for p, s in DEFAULT_PLAN)
        + ")",
    )
    parser.add_argument("--think", type=parse_range, default=Settings.think_s, help="MIN,MAX s")
    parser.add_argument("--ramp", type=float, default=Settings.ramp_s, help="arrivals over s")
    parser.add_argument(
        "--burst",
        type=int,
        default=20,
        help="also N readers on one process with no think time, all at once (0: none)",
    )
    parser.add_argument(
        "--alone", type=int, default=5, help="readers one after the other, for the cost per step"
    )
    parser.add_argument("--step-timeout", type=float, default=Settings.step_timeout_s)
    parser.add_argument("--deadline", type=float, default=Settings.deadline_s, help="per level")
    parser.add_argument("--seed", type=int, default=Settings.seed)
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--no-write", action="store_true", help="print the tables; write no file")
    return parser.parse_args(argv)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    given = list(argv if argv is not None else sys.argv[1:])
    options = arguments(given)
    settings = Settings(
        think_s=options.think,
        ramp_s=options.ramp,
        step_timeout_s=options.step_timeout,
        deadline_s=options.deadline,
        seed=options.seed,
    )
    runs = [
        (processes, count, settings)
        for processes, counts in options.plan or DEFAULT_PLAN
        for count in counts
    ]
    if options.burst:
        runs.append((1, options.burst, replace(settings, think_s=(0, 0), ramp_s=0)))
    too_many = [sessions for _, sessions, _ in runs if not 1 <= sessions <= MAX_SESSIONS]
    if too_many:
        raise SystemExit(f"1 to {MAX_SESSIONS} sessions a level, not {too_many}")
    results = {
        # `make load` runs it with no arguments.
        "command": " ".join(["python -m bench.load", *given]) if given else "make load",
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": load_report.machine(),
        "levels": [],
    }
    if options.alone:
        log(f"{options.alone} readers alone, one after the other")
        results["alone"] = measure_alone(options.alone, settings)
    for processes, sessions, level_settings in runs:
        log(f"{sessions} sessions, {processes} process(es), think {level_settings.think_s} s")
        level = measure_level(processes, sessions, level_settings)
        results["levels"].append(asdict(level))
        print(load_report.level_line(results["levels"][-1]), flush=True)
    print(load_report.markdown(results))
    if not options.no_write:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        load_report.write_into(options.report, results)
        log(f"wrote {options.json} and the results section of {options.report}")


if __name__ == "__main__":
    main()
