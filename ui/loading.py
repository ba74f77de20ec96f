"""Load the tour once per data version, and explain a broken package instead of crashing."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

from goodwill.dataset import DatasetError, Tour, load_tour, resolve_data_path
from goodwill.i18n import Translator


def data_path() -> Path:
    """The package chosen by ``-- --data PATH`` or ``$GOODWILL_DATA`` (else the shipped one)."""
    return resolve_data_path(sys.argv[1:])


def _signature(path: Path) -> tuple:
    # Part of the cache key, so an edited file is read again without a restart.
    folder = path if path.is_dir() else path.parent
    return tuple(
        (file.name, file.stat().st_mtime_ns, file.stat().st_size)
        for file in sorted(folder.glob("*"))
        if file.is_file()
    )


@st.cache_data(show_spinner=False, max_entries=4)
def _cached_tour(path: str, signature: tuple) -> Tour:
    return load_tour(Path(path))


def tour_or_stop(t: Translator) -> Tour:
    """The current tour; when it cannot be loaded, show every problem and stop the page."""
    path = data_path()
    try:
        return _cached_tour(str(path), _signature(path))
    except DatasetError as error:
        st.error(f"**{t('errors.load_failed')}**")
        st.markdown(t.plural("errors.problems_found", len(error.problems), path=str(path)))
        st.code("\n".join(str(problem) for problem in error.problems), language=None)
        st.stop()
        raise  # st.stop() raises; this line only tells type checkers the function ends here
