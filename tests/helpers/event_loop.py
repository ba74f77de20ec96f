"""Run a coroutine to completion from a test, whatever else this pytest process is running.

A sync Playwright started by a browser test earlier in the session keeps an event loop
running in the main thread, and ``asyncio.run`` refuses to start a second one there. A
thread of its own has no running loop, so the coroutine gets a fresh one.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_coroutine(coroutine: Coroutine[Any, Any, T], timeout_s: float = 600) -> T:
    """``asyncio.run(coroutine)`` in a new thread; its result, or its exception re-raised here."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["result"] = asyncio.run(coroutine)
        except BaseException as error:  # handed to the caller's thread below
            outcome["error"] = error

    thread = threading.Thread(target=target, name="test-event-loop", daemon=True)
    thread.start()
    thread.join(timeout_s)
    if thread.is_alive():
        raise TimeoutError(f"the coroutine did not end within {timeout_s:.0f} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
