"""Server-side measurements, in this process, with Streamlit's ``AppTest``.

``AppTest`` runs the real script (``app.py`` with the map page, or a reference app) the
way the server does, widgets, caches, fragments and the ``st_folium`` component included,
minus the websocket. What it times is the page's own work: loading from the cache,
filtering, building the map's data and its folium layers, rendering them to JavaScript,
and the panel beside the map.

- **cold**: a new session right after every cache the map page keeps was cleared (the
  tour itself stays loaded: loading is timed on its own, once, as ``load``);
- **warm**: a new session when another session has already shown the same view;
- **filter**: in a warm session, the "events of unknown date" switch flipped (alternately
  off and on): a rerun of the whole page with different kept events.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.helpers.apptest import map_component

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
TIMEOUT = 600


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _run(script: Path) -> AppTest:
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
    at.run()
    if at.exception:
        raise RuntimeError(f"{script.name} failed: {at.exception[0].message}")
    return at


def _clear_map_caches() -> None:
    from goodwill.map.data import clear_caches
    from ui import tour_map

    tour_map._cached_map_data.clear()
    clear_caches()


def map_payload_bytes(at: AppTest) -> int:
    """Bytes of the map component's arguments (script, layers, links): what the server
    sends the browser for the map on a run."""

    return len(map_component(at).proto.json_args.encode("utf-8"))


def measure_load(package: Path, reps: int) -> float:
    """Seconds to validate and load the package (once per server and data version):
    the median of ``reps`` loads."""
    from goodwill.dataset import load_tour

    return statistics.median(_timed(lambda: load_tour(package)) for _ in range(reps))


def measure_server(script: Path, package: Path, reps: int, *, filters: bool) -> dict:
    """Medians (seconds) of cold, warm and filter-change runs of ``script`` on ``package``,
    and the map payload in bytes."""
    os.environ["GOODWILL_DATA"] = str(package)
    os.environ["GOODWILL_TILES"] = "off"
    _run(script)  # loads the tour into the cache: not part of any timing below
    cold, warm, change = [], [], []
    for _ in range(reps):
        _clear_map_caches()
        at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
        cold.append(_timed(at.run))
    for _ in range(reps):
        at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
        warm.append(_timed(at.run))
    payload = map_payload_bytes(at)
    if filters:
        for _ in range(reps):
            switch = at.sidebar.toggle[0]
            change.append(_timed(lambda switch=switch: switch.set_value(not switch.value).run()))
            if at.exception:
                raise RuntimeError(f"{script.name} failed: {at.exception[0].message}")
    return {
        "cold_s": statistics.median(cold),
        "warm_s": statistics.median(warm),
        "filter_s": statistics.median(change) if change else None,
        "payload_bytes": payload,
    }


def measure_map_work(package: Path, reps: int) -> dict:
    """The map's own share of a page run, timed directly (no Streamlit run): the data
    (summaries and GeoJSON), the folium layers, and the JavaScript ``st_folium`` makes of
    them. *cold*: nothing cached; *warm*: the data from the cache (the shared object
    ``st.cache_resource`` returns), so only the layers and their JavaScript are made.
    Also the map's payload in bytes."""
    from streamlit_folium import _get_feature_group_string, _get_map_string

    from goodwill.dataset import load_tour
    from goodwill.i18n import translator
    from goodwill.map.assembly import base_map, data_layers
    from goodwill.map.data import map_data
    from goodwill.view import default_view, filter_events

    tour = load_tour(package)
    t = translator("en")
    events = filter_events(tour, default_view(tour))

    def render(data) -> int:
        fmap = base_map(tour, t, tiles=False)
        fmap.get_root().render()
        script = _get_map_string(fmap)
        layers = data_layers(tour, events, t, data)
        groups = "".join(_get_feature_group_string(g, fmap, i) for i, g in enumerate(layers))
        return len(script.encode()) + len(groups.encode())

    cold, warm = [], []
    for _ in range(reps):
        _clear_map_caches()
        start = time.perf_counter()
        data = map_data(tour, events, t)
        render(data)
        cold.append(time.perf_counter() - start)
    for _ in range(reps):
        start = time.perf_counter()
        payload = render(data)
        warm.append(time.perf_counter() - start)
    return {
        "map_cold_s": statistics.median(cold),
        "map_warm_s": statistics.median(warm),
        "map_payload_bytes": payload,
    }
