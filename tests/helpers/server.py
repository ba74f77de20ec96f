"""A real ``streamlit run`` server on a free loopback port, for the browser tests and ``bench/``.

Both start Streamlit here, so both run the app the same way: the project's venv, loopback
only, no file watcher (others edit the source while tests run, and a watcher would rerun the
app under a test's feet), the server's output kept in a file and shown when it fails to
start. It lives with the test helpers because ``bench/`` is test tooling too: it imports
``tests.helpers`` the way the tests do, and nothing the app ships depends on it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_SCRIPT = REPO_ROOT / "app.py"
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
POLL_INTERVAL_S = 0.2


def free_loopback_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def health_says_ok(base_url: str) -> bool:
    """True when ``/_stcore/health`` answers "ok" (Streamlit's, also through a proxy)."""
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def wait_for_health(base_url: str, process: subprocess.Popen, timeout_s: float) -> str | None:
    """Wait until ``base_url`` is healthy; None when it is, else why not (``process``, the
    server behind it, exited, or the time ran out)."""
    deadline = time.monotonic() + timeout_s
    while not health_says_ok(base_url):
        if process.poll() is not None:
            return f"exited with code {process.returncode} before {base_url} was healthy"
        if time.monotonic() > deadline:
            return f"{base_url} was not healthy within {timeout_s:.0f} s"
        time.sleep(POLL_INTERVAL_S)
    return None


def stop_process_group(
    process: subprocess.Popen, signals: Sequence[int] = (signal.SIGTERM, signal.SIGKILL)
) -> None:
    """Stop a process started in a session of its own, and anything it started: each of
    ``signals`` in turn (politely first), until it has exited."""
    for sig in signals:
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            continue
        except ProcessLookupError:
            return


@dataclass
class StreamlitServer:
    """A running ``streamlit run``: its base URL and process, and what it printed."""

    url: str
    process: subprocess.Popen
    command: list[str]
    log: IO[bytes] = field(repr=False)

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-8000:]

    def stop(self) -> None:
        stop_process_group(self.process)
        self.log.close()


def start_streamlit_server(
    script: Path = APP_SCRIPT, env: Mapping[str, str] | None = None
) -> StreamlitServer:
    """Start ``streamlit run script`` on a free loopback port and wait until it is healthy.

    ``env`` is added to this process's environment. If the server exits or does not answer
    in time, raises with the server's own output, so the cause is in the report.
    """
    port = free_loopback_port()
    command = [
        # The interpreter running this is the project's venv, which has this Streamlit.
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        *("--server.port", str(port)),
        *("--server.address", "127.0.0.1"),
        *("--server.headless", "true"),
        *("--browser.gatherUsageStats", "false"),
        *("--server.fileWatcherType", "none"),
    ]
    # A file, not a pipe: nobody reads a pipe while the server runs, and a full pipe blocks it.
    log = tempfile.TemporaryFile(mode="w+b")  # noqa: SIM115  (closed by stop())
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        # Its own process group, so stopping it also stops anything it started.
        start_new_session=True,
    )
    server = StreamlitServer(f"http://127.0.0.1:{port}", process, command, log)
    problem = wait_for_health(server.url, process, START_TIMEOUT_S)
    if problem:
        output = server.output()
        server.stop()
        raise RuntimeError(
            f"Streamlit {problem}.\nCommand: {' '.join(command)}\n--- server output ---\n{output}"
        )
    return server


@contextmanager
def running_streamlit_server(
    script: Path = APP_SCRIPT, env: Mapping[str, str] | None = None
) -> Iterator[StreamlitServer]:
    """:func:`start_streamlit_server` for a ``with`` block; stopped when the block ends."""
    server = start_streamlit_server(script, env)
    try:
        yield server
    finally:
        server.stop()
