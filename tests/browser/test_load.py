"""Many readers at once: 20 concurrent Chromium sessions against one Streamlit server
(what each reader does and what it must see: ``tests/helpers/load.py``; the same sessions
go through nginx in ``test_scale_out.py``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.helpers.load import LOAD_DEADLINE_S, assert_every_session_clean, record, run_load

LOAD_SESSIONS = 20


@pytest.mark.slow
@pytest.mark.timeout(LOAD_DEADLINE_S + 180)
def test_twenty_readers_at_once_each_see_their_own_panels(
    chromium_executable: str, streamlit_server_factory: Callable[..., str]
) -> None:
    url = streamlit_server_factory(env={"GOODWILL_TILES": "off"})
    report = run_load(chromium_executable, url, LOAD_SESSIONS)
    record("one-server", report)
    assert_every_session_clean(report, LOAD_SESSIONS)
