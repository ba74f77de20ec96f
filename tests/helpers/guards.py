"""Watching what the code under test reaches for: a trap server, and a guard on the process.

* :data:`TRAP` is an HTTP server on a free loopback port that answers every request with
  an image and records it. The hostile corpora point their addresses at it, so a fetch
  that should never happen is seen, whoever makes it (the validator, the app's server, the
  browser).
* :func:`guarded` watches the Python process through an audit hook (PEP 578): every file
  opened, every socket made, connected or looked up in DNS, while it is active. The hook
  sees the C-level calls too (``open``, ``socket.getaddrinfo``), so no library can read or
  connect around it. Python cannot remove an audit hook, so one is installed on the first
  use and does nothing outside a ``guarded()`` block.

``python -c "import tests.helpers.guards as g; g.run_module_guarded('goodwill', [...], ...)"`` runs
a module's command line under the same guard in a fresh process and reports what it did.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import runpy
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# A 1×1 transparent GIF: what a tracking pixel answers.
_PIXEL = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


class _TrapHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.requests.append(f"{self.command} {self.path}")
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.send_header("Content-Length", str(len(_PIXEL)))
        self.end_headers()
        self.wfile.write(_PIXEL)

    def do_POST(self) -> None:
        self.do_GET()

    def log_message(self, *args) -> None:  # quiet: the requests list is the log
        pass


class TrapServer:
    """An HTTP server on 127.0.0.1 that records every request; started on first use."""

    @cached_property
    def _server(self) -> ThreadingHTTPServer:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _TrapHandler)
        server.requests = []
        threading.Thread(target=server.serve_forever, daemon=True, name="trap").start()
        return server

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``, without a trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[str]:
        """Every request received so far, as ``"GET /path"``."""
        return list(self._server.requests)


TRAP = TrapServer()
#: A host that does not exist (RFC 2606): reaching for it would be a DNS lookup.
UNRESOLVABLE_HOST = "goodwill-trap.invalid"


@dataclass
class Seen:
    """What the process did while guarded."""

    opened: list[str] = field(default_factory=list)  # every file opened, links resolved
    network: list[str] = field(default_factory=list)  # every socket event

    def opened_under(self, folder: Path) -> list[str]:
        root = str(Path(folder).resolve())
        return [path for path in self.opened if path == root or path.startswith(root + os.sep)]


_active: list[Seen] = []
_inside_hook = threading.local()


def _hook(event: str, args: tuple) -> None:
    if not _active or getattr(_inside_hook, "busy", False):
        return
    _inside_hook.busy = True  # resolving a path below raises events of its own
    try:
        if event == "open" and isinstance(args[0], str | bytes):
            _active[-1].opened.append(os.path.realpath(os.fsdecode(args[0])))
        elif event.startswith("socket.") and threading.current_thread().name != "trap":
            _active[-1].network.append(f"{event} {args!r}"[:300])
    finally:
        _inside_hook.busy = False


@contextlib.contextmanager
def guarded() -> Iterator[Seen]:
    """Record, in the block, every file opened and every socket event of this process."""
    if not getattr(sys, "_goodwill_guard_installed", False):
        sys.addaudithook(_hook)
        sys._goodwill_guard_installed = True
    seen = Seen()
    _active.append(seen)
    try:
        yield seen
    finally:
        _active.remove(seen)


def run_module_guarded(module: str, *runs: list[str]) -> None:
    """Run ``python -m module ARGS`` in this process once per list of ``runs``, each under
    :func:`guarded`, and print one line of JSON per run to the real stdout: its exit code,
    its output, the seconds it took, the files it opened and its socket events."""
    for argv in runs:
        sys.argv = [module, *argv]
        code, output, errors = 0, io.StringIO(), io.StringIO()
        started = time.perf_counter()
        with (
            guarded() as seen,
            contextlib.redirect_stdout(output),
            contextlib.redirect_stderr(errors),
        ):
            try:
                runpy.run_module(module, run_name="__main__", alter_sys=True)
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
            except Exception:  # reported as the traceback a reader would see
                traceback.print_exc()
                code = 1
        report = {
            "code": code,
            "stdout": output.getvalue(),
            "stderr": errors.getvalue(),
            "seconds": time.perf_counter() - started,
            "opened": seen.opened,
            "network": seen.network,
        }
        print(json.dumps(report))
