"""Load the tour once per data version, and explain a broken package instead of crashing.

Editing a data file while the app runs: the cache key holds every file's modification
time and size, so a good edit shows up on the next run without a restart. A broken edit
does not take the map away: the last good version of that package stays on screen under a
banner naming the broken files and listing their problems. Only a package that was never
good stops the page, with its problems listed.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from goodwill.dataset import Tour, load_tour, resolve_data_path
from goodwill.i18n import Translator
from goodwill.problems import DatasetError, Problem
from goodwill.text import escape_markdown
from goodwill.translations import translated_tour

#: How many packages' last good versions are kept (one per data path; a server shows one).
_LAST_GOOD_PATHS = 4


@dataclass(frozen=True)
class _LastGood:
    tour: Tour
    loaded_at: dt.datetime


# The last good tour of each data path, shared by every session of this server. Pure data
# only (a frozen Tour of DataFrames the pages never modify), never widgets or maps.
_last_good: OrderedDict[str, _LastGood] = OrderedDict()
_last_good_lock = threading.Lock()


def data_path() -> Path:
    """The package chosen by ``-- --data PATH`` or ``$GOODWILL_DATA`` (else the shipped one)."""
    return resolve_data_path(sys.argv[1:])


def _signature(path: Path) -> tuple:
    # Part of the cache key, so an edited file is read again without a restart.
    folder = path if path.is_dir() else path.parent
    signature = []
    for file in sorted(folder.glob("*")):
        try:
            status = file.stat()
        except OSError:  # removed between the listing and the look
            continue
        if file.is_file():
            signature.append((file.name, status.st_mtime_ns, status.st_size))
    return tuple(signature)


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_load(path: str, signature: tuple) -> tuple[Tour | None, list[Problem]]:
    # The problems are cached too, so a broken package is not checked again on every click.
    # One shared Tour for every session, not st.cache_data's copy per call: each session's
    # map fragment keeps its arguments, so copies cost a whole tour per reader (about
    # 150 MB each at 50,000 events). The pages never modify the tour's tables.
    try:
        return load_tour(Path(path)), []
    except DatasetError as error:
        return None, error.problems


@st.cache_resource(show_spinner=False, max_entries=8)
def _cached_translation(_tour: Tour, fingerprint: str, lang: str) -> Tour:
    # Shared by every session, like the tour itself: nothing modifies it.
    return translated_tour(_tour, lang)


def tour_in_language(tour: Tour, lang: str) -> Tour:
    """``tour`` as a reader of ``lang`` sees it (:func:`goodwill.translations.translated_tour`),
    made once per tour and language."""
    return _cached_translation(tour, tour.fingerprint, lang)


def remember_good(path: str, tour: Tour) -> None:
    """Keep ``tour`` as the last good version of the package at ``path``."""
    with _last_good_lock:
        previous = _last_good.get(path)
        if previous is None or previous.tour is not tour:
            _last_good[path] = _LastGood(tour, dt.datetime.now())
        _last_good.move_to_end(path)
        while len(_last_good) > _LAST_GOOD_PATHS:
            _last_good.popitem(last=False)


def last_good(path: str) -> _LastGood | None:
    """The last good version of the package at ``path`` this server loaded, if any."""
    with _last_good_lock:
        return _last_good.get(path)


def tour_or_stop(t: Translator) -> Tour:
    """The current tour. When the package is broken: the last good version under a banner
    listing the problems, or, when there never was one, the problems alone and a stop."""
    path = data_path()
    tour, problems = _cached_load(str(path), _signature(path))
    if tour is not None:
        remember_good(str(path), tour)
        return tour
    previous = last_good(str(path))
    if previous is None:
        st.error(f"**{t('errors.load_failed')}**")
        st.markdown(
            t.plural("errors.problems_found", len(problems), path=escape_markdown(str(path)))
        )
        st.code(_listing(problems), language=None)
        st.stop()
    files = sorted({Path(problem.file).name for problem in problems})
    st.warning(
        t(
            "errors.stale_data",
            files=escape_markdown(", ".join(files)),
            time=escape_markdown(previous.loaded_at.strftime("%H:%M:%S")),
        ),
        icon=":material/warning:",
    )
    with st.expander(t.plural("errors.stale_problems", len(problems))):
        st.code(_listing(problems), language=None)
    return previous.tour


def _listing(problems: list[Problem]) -> str:
    return "\n".join(str(problem) for problem in problems)
