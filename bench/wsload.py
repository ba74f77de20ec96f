"""A Streamlit client without a browser: the websocket protocol, as Streamlit 1.67's
frontend speaks it, with the protobuf messages the ``streamlit`` package ships.

What a browser tab does, and this module does the same:

* it opens a websocket at ``/_stcore/stream`` with the subprotocol header
  ``streamlit[, XSRF token[, session id to resume]]`` (``starlette_websocket.py``). Only the
  first entry is needed: the XSRF token is checked only to read a login cookie, and a
  client that sends no ``Origin`` header is accepted like a same-origin one;
* it asks for a run with a ``BackMsg`` ``rerun_script`` holding a ``ClientState``: the
  page's query string, its page script hash (empty until the server names the page in its
  ``navigation`` message), the widgets' values, the fragment to rerun (a widget inside an
  ``@st.fragment`` reruns only that fragment) and the hashes of the large messages it keeps
  (the server then sends a ``ref_hash`` instead of the message again);
* the server answers with ``ForwardMsg``s: ``new_session``, ``navigation``,
  ``page_info_changed`` (the new query string), ``delta``s that put elements at a path of
  the page (every widget's element carries its ``id``), and ``script_finished`` when the run
  is over.

:class:`Page` keeps what a browser would show from those messages; :class:`Session` sends
reruns and times each one from the send to its ``script_finished``. What a browser does and
this client does not: load the HTML and JavaScript, render anything, send the values of the
widgets nobody touched (the server keeps a widget's last value when it is not sent), send a
heartbeat. The server's work per run is the same.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.protocol import State

STREAM_PATH = "/_stcore/stream"
SUBPROTOCOL = "streamlit"
# The largest message a run may send: the map at 50,000 events is about 5 MB.
MAX_MESSAGE_BYTES = 64 * 2**20
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}

DeltaPath = tuple[int, ...]
FINISHED = ForwardMsg.ScriptFinishedStatus
# A run that ended because another was asked for goes on in that one: not the end of a rerun.
RUN_ENDED = {
    FINISHED.FINISHED_SUCCESSFULLY,
    FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    FINISHED.FINISHED_WITH_COMPILE_ERROR,
}


class ProtocolError(RuntimeError):
    """The server answered something this client cannot take for a run's messages."""


def stream_url(base_url: str) -> str:
    """The websocket address of a Streamlit server (or a proxy) at ``base_url``.

    Loopback only: this client exists to load our own server, never someone else's.
    """
    parts = urlsplit(base_url)
    if parts.scheme not in {"http", "https"} or parts.hostname not in LOOPBACK_HOSTS:
        raise ValueError(f"{base_url}: only http(s) on the loopback interface is loaded")
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}{STREAM_PATH}"


# --------------------------------------------------------------------------- messages out


def json_state(widget_id: str, value: Any) -> WidgetState:
    """A component's value, as ``Streamlit.setComponentValue`` sends an object."""
    state = WidgetState(id=widget_id)
    state.json_value = json.dumps(value)
    return state


def string_array_state(widget_id: str, values: Iterable[str]) -> WidgetState:
    """A multiselect's value: the chosen options as they are shown (its ``options``)."""
    state = WidgetState(id=widget_id)
    state.string_array_value.data.extend(values)
    return state


def rerun_message(
    query_string: str,
    page_script_hash: str,
    widgets: Iterable[WidgetState] = (),
    fragment_id: str = "",
    cached_hashes: Iterable[str] = (),
) -> BackMsg:
    """The ``rerun_script`` BackMsg a browser sends to run the page (or one fragment)."""
    message = BackMsg()
    state = message.rerun_script
    state.query_string = query_string
    state.page_script_hash = page_script_hash
    state.widget_states.widgets.extend(widgets)
    state.fragment_id = fragment_id
    state.cached_message_hashes.extend(sorted(cached_hashes))
    return message


# --------------------------------------------------------------------------- messages in


@dataclass
class Placed:
    """An element where a delta put it, and the run (and fragment) that put it there."""

    element: Element
    fragment_id: str
    run: int


@dataclass
class Page:
    """The page as a browser holds it: the elements by their delta path, the query string,
    the page script hash, and the large messages it keeps for ``ref_hash``.

    A run replaces what it redraws. When a whole-page run ends, what it did not redraw goes
    away; when a fragment's run ends, what that fragment did not redraw goes away.
    """

    query_string: str = ""
    page_script_hash: str = ""
    elements: dict[DeltaPath, Placed] = field(default_factory=dict)
    cached: dict[str, ForwardMsg] = field(default_factory=dict)
    run: int = 0

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(self.query_string)

    def start_run(self) -> None:
        self.run += 1

    def apply(self, message: ForwardMsg) -> str | None:
        """Take in one ForwardMsg; the type of message it was (``ref_hash`` resolved)."""
        if message.WhichOneof("type") == "ref_hash":
            if message.ref_hash not in self.cached:
                raise ProtocolError(f"ref_hash {message.ref_hash} of a message never received")
            original = ForwardMsg()
            original.CopyFrom(self.cached[message.ref_hash])
            original.metadata.CopyFrom(message.metadata)
            message = original
        elif message.metadata.cacheable:
            self.cached[message.hash] = message
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.page_script_hash = message.new_session.page_script_hash
        elif kind == "navigation":
            self.page_script_hash = message.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            path = tuple(message.metadata.delta_path)
            self.elements[path] = Placed(
                message.delta.new_element, message.delta.fragment_id, self.run
            )
        return kind

    def finish_run(self, fragment_id: str) -> None:
        """Drop what this run (the whole page's, or ``fragment_id``'s) did not redraw."""
        self.elements = {
            path: placed
            for path, placed in self.elements.items()
            if placed.run == self.run or (fragment_id and placed.fragment_id != fragment_id)
        }

    def of_type(self, element_type: str) -> Iterator[Placed]:
        for path in sorted(self.elements):
            placed = self.elements[path]
            if placed.element.WhichOneof("type") == element_type:
                yield placed

    def widget(self, element_type: str, key: str) -> Placed | None:
        """The widget made with ``key=key`` (Streamlit ends its id with ``-<key>``)."""
        return next(
            (
                placed
                for placed in self.of_type(element_type)
                if getattr(placed.element, element_type).id.endswith(f"-{key}")
            ),
            None,
        )

    def component(self, name_part: str) -> Placed | None:
        """The custom component whose name contains ``name_part`` (its id changes with its
        arguments, so it is found by what it is, never by id)."""
        return next(
            (
                placed
                for placed in self.of_type("component_instance")
                if name_part in placed.element.component_instance.component_name
            ),
            None,
        )

    def markdown(self) -> list[str]:
        return [placed.element.markdown.body for placed in self.of_type("markdown")]

    def exceptions(self, since_run: int) -> list[str]:
        """The exception boxes drawn by runs from ``since_run`` on."""
        return [
            f"{placed.element.exception.type}: {placed.element.exception.message}"
            for placed in self.of_type("exception")
            if placed.run >= since_run
        ]


def component_args(placed: Placed) -> dict[str, Any]:
    return json.loads(placed.element.component_instance.json_args)


# --------------------------------------------------------------------------- a session


@dataclass
class RunResult:
    """One rerun as the client saw it: from its BackMsg to its ``script_finished``."""

    fragment_id: str
    status: str
    ms: float
    messages: int
    bytes: int
    exceptions: list[str]


@dataclass
class Session:
    """One browser tab's websocket to the server."""

    url: str
    timeout_s: float
    page: Page = field(default_factory=Page)
    values: dict[str, WidgetState] = field(default_factory=dict)
    connection: Any = None

    async def connect(self, query_string: str = "") -> None:
        self.page.query_string = query_string
        self.connection = await websockets.connect(
            stream_url(self.url),
            subprotocols=[SUBPROTOCOL],
            max_size=MAX_MESSAGE_BYTES,
            open_timeout=self.timeout_s,
            # A browser sends no websocket pings; a late pong from a busy server would
            # otherwise close the connection and count as the server's error.
            ping_interval=None,
        )

    @property
    def is_open(self) -> bool:
        return self.connection is not None and self.connection.state is State.OPEN

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()

    def set_value(self, state: WidgetState) -> None:
        """Keep a widget's value: sent with every later rerun, as a browser does."""
        self.values[state.id] = state

    async def rerun(self, fragment_id: str = "") -> RunResult:
        """Ask for a run of the page (or of ``fragment_id``) and read its messages until
        the run is over; raises ``TimeoutError`` after ``timeout_s`` and
        ``websockets.ConnectionClosed`` if the server goes away."""
        page = self.page
        live_ids = {_widget_id(placed.element) for placed in page.elements.values()}
        message = rerun_message(
            page.query_string,
            page.page_script_hash,
            [state for widget_id, state in self.values.items() if widget_id in live_ids],
            fragment_id,
            page.cached,
        )
        page.start_run()
        first_run = page.run
        started = time.perf_counter()
        await self.connection.send(message.SerializeToString())
        received = count = 0
        async with asyncio.timeout(self.timeout_s):
            while True:
                data = await self.connection.recv()
                received += len(data)
                count += 1
                forward = ForwardMsg()
                forward.ParseFromString(data)
                if page.apply(forward) != "script_finished":
                    continue
                status = forward.script_finished
                if status not in RUN_ENDED:
                    # Rerun at once (st.rerun, or a newer request): one more run follows.
                    page.start_run()
                    continue
                page.finish_run(fragment_id)
                return RunResult(
                    fragment_id=fragment_id,
                    status=FINISHED.Name(status),
                    ms=(time.perf_counter() - started) * 1000,
                    messages=count,
                    bytes=received,
                    exceptions=page.exceptions(first_run),
                )


def _widget_id(element: Element) -> str:
    kind = element.WhichOneof("type")
    return getattr(getattr(element, kind), "id", "") if kind else ""
