"""Where the app's own folders are: the tour it shows (``data/``) and the files its server
hands to browsers (``static/``).

The goodwill package keeps its own files inside it (country polygons, message catalogs)
and finds them wherever it is installed. The app's folders are not the package's: they
sit beside ``app.py``, as the project's layout has them, and an installed package cannot
know where that is. One setting says so, the app's root folder:

- ``$GOODWILL_ROOT``, which ``app.py`` sets to its own folder unless it is set already;
- else the current directory (``make``, the tests and the benchmark run from the app's
  folder).

``--data PATH`` or ``$GOODWILL_DATA`` still choose another tour to show
(:func:`goodwill.dataset.resolve_data_path`); without them the shipped one is shown.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ROOT_VARIABLE = "GOODWILL_ROOT"
#: The shipped tour's data package, inside the app's root.
SHIPPED_TOUR = Path("data") / "goodwill-tour"


def app_root(environ: Mapping[str, str] | None = None) -> Path:
    """The app's folder: ``$GOODWILL_ROOT``, else the current directory."""
    environ = os.environ if environ is None else environ
    return Path(environ.get(ROOT_VARIABLE) or Path.cwd())


def shipped_tour(environ: Mapping[str, str] | None = None) -> Path:
    """The data package of the shipped tour (``data/goodwill-tour`` in the app's root)."""
    return app_root(environ) / SHIPPED_TOUR


#: Where Streamlit serves the app's static/ folder (`server.enableStaticServing`).
STATIC_URL = "/app/static"


def static_dir() -> Path:
    """The folder Streamlit serves at ``/app/static/`` (``static`` in the app's root)."""
    return app_root() / "static"
