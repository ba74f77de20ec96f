"""The script runs a page in Chromium sees, read from its websocket (tests and ``bench/``).

Every run of the app's script, the whole page's or a fragment's, ends with a
``script_finished`` ForwardMsg; counting them counts the server's runs for this page. The
frames are decoded with the protobuf messages the ``streamlit`` package ships.
"""

from __future__ import annotations

import time

from playwright.sync_api import Page
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

_FINISHED = ForwardMsg.ScriptFinishedStatus
#: A run that ended (a run stopped for a newer one is not counted: that one goes on).
RUN_ENDED = frozenset(
    {_FINISHED.FINISHED_SUCCESSFULLY, _FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
)
#: No message for this long after the page's run: the page is done. The map component
#: reports a move 250 ms after it ends (its debounce) and a mount at once; six times that.
QUIET_S = 1.5


class ScriptRuns:
    """Watches ``page``'s websockets from now on: the runs that ended, the bytes received."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.runs = 0
        self.bytes = 0
        self.last_message = time.monotonic()
        page.on("websocket", lambda socket: socket.on("framereceived", self._received))

    def _received(self, payload: bytes | str) -> None:
        self.last_message = time.monotonic()
        data = payload.encode() if isinstance(payload, str) else payload
        self.bytes += len(data)
        message = ForwardMsg()
        message.ParseFromString(data)
        if message.WhichOneof("type") == "script_finished" and message.script_finished in RUN_ENDED:
            self.runs += 1

    def wait_until_quiet(self, seconds: float = QUIET_S) -> None:
        """Until nothing has arrived for ``seconds`` (Playwright delivers the websocket's
        events while the page waits, so this waits in the page)."""
        while time.monotonic() - self.last_message < seconds:
            self.page.wait_for_timeout(100)
