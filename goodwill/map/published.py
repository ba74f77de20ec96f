"""The tour's layers as static files: written once per document, named by their content,
and fetched by the browser, which caches them, instead of riding in the websocket message
of every rerun (at 50,000 events, 4.6 MB sent again after each click).

The files live in ``static/cache/`` of the app (Streamlit serves ``static/``); every
server process writes the same name for the same document, so processes behind one proxy
share them. A folder that cannot be written leaves the document inline: slower, not broken.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from goodwill.paths import STATIC_URL, static_dir

CACHE_FOLDER = "cache"
#: Older files beyond this many are removed when a new one is written: one per tour,
#: filter set and language seen, so a long-running server does not fill its disk.
KEPT_FILES = 256

_log = logging.getLogger(__name__)


def publish_document(document: str, name: str, folder: Path | None = None) -> str | None:
    """The address the browser fetches ``document`` from, written to ``folder`` as ``name``
    (``MapData.document_name``) unless it is there already; ``None`` if it cannot be written."""
    folder = folder or static_dir() / CACHE_FOLDER
    path = folder / name
    if not path.exists():
        try:
            _write_atomically(path, document)
            _prune(folder)
        except OSError as error:
            _log.warning("map points stay inline: cannot write %s (%s)", path, error)
            return None
    return f"{STATIC_URL}/{CACHE_FOLDER}/{name}"


def _write_atomically(path: Path, text: str) -> None:
    # Another process may be writing the same name: each writes a file of its own and
    # renames it, so a reader never fetches half a file.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".points-", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        temporary.chmod(0o644)  # mkstemp makes it readable by its owner only
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _prune(folder: Path) -> None:
    dated = []
    for file in folder.glob("points-*.json"):
        try:
            dated.append((file.stat().st_mtime, file))
        except FileNotFoundError:  # pruned by another process meanwhile
            continue
    for _, old in sorted(dated)[:-KEPT_FILES]:
        old.unlink(missing_ok=True)
