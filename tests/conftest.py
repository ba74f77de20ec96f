"""Fixtures shared by the fast tests: the shipped tour, a writable copy of it, the story.

Helpers (editing that copy, running the app) live in ``tests/helpers/``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from goodwill.dataset import Tour, load_tour
from goodwill.paths import ROOT_VARIABLE, shipped_tour

ROOT = Path(__file__).resolve().parents[1]
SHARED_SOURCE = ROOT.parent / "shared" / "source"
# The tests use this checkout's data/ and static/, from whichever folder pytest runs in.
os.environ[ROOT_VARIABLE] = str(ROOT)


@pytest.fixture(scope="session")
def tour() -> Tour:
    return load_tour(shipped_tour())


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data package."""
    return Path(shutil.copytree(shipped_tour(), tmp_path / "tour"))


@pytest.fixture(scope="session")
def received_story() -> str:
    """The story exactly as received (kept outside the repo: it is the Star's text).

    Skipped loudly where it is absent, except in CI, where its absence is a failure.
    """
    path = Path(os.environ.get("GOODWILL_STORY", SHARED_SOURCE / "article_raw.txt"))
    if not path.is_file():
        message = f"the source story is not at {path} (set GOODWILL_STORY)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def large_tour(tmp_path_factory) -> Tour:
    """A synthetic tour of 800 events over 400 places: more than the map clusters above."""
    from goodwill.synthetic import write_package

    return load_tour(write_package(tmp_path_factory.mktemp("large") / "tour", 800))
