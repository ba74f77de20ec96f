"""nginx in front of several app processes, from ``deploy/nginx.conf.template``, on loopback.

The template names two backends, A and B. For more, :func:`render_config` adds each one the
way the template's own comment says: one more ``server`` line in ``goodwill_any``, one more
upstream ``goodwill_<name>`` (that backend first, A as its backup), and one more line in
each of the two maps that name the backends. If the template changes shape so that one of
those places is not found exactly once, it refuses rather than guess.

nginx runs in the foreground with everything (config, logs, pid, temporary files) under
one prefix directory. Used by ``tests/browser/test_scale_out.py`` and ``bench/load.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.server import (
    REPO_ROOT,
    free_loopback_port,
    stop_process_group,
    wait_for_health,
)

TEMPLATE = REPO_ROOT / "deploy" / "nginx.conf.template"
NGINX_CANDIDATES = ("/usr/sbin/nginx",)
START_TIMEOUT_S = 20.0
COOKIE = "goodwill_backend"
# The sticky cookie's value for each backend, in order (the template's own are "a" and "b").
BACKEND_NAMES = "abcdefgh"
_SEVERE = re.compile(r"\[(error|crit|alert|emerg)\]")
# One access-log line of the template's `goodwill` log_format.
LOG_LINE = re.compile(
    r'^(?P<client>\S+) \[[^\]]+\] "(?P<method>\S+) (?P<path>\S+)[^"]*" (?P<status>\d{3}) \d+ '
    r'"(?P<agent>[^"]*)" upstream=(?P<upstream>\S*) cookie=(?P<cookie>\S*) rt=\S+$'
)


def locate_nginx() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return next((path for path in NGINX_CANDIDATES if os.access(path, os.X_OK)), None)


def _placeholder(name: str) -> str:
    return "{{BACKEND_" + name.upper() + "}}"


def _add_once(text: str, pattern: str, addition, what: str) -> str:
    """``text`` with ``addition(match)`` put after the one match of ``pattern``."""
    matches = list(re.finditer(pattern, text, flags=re.MULTILINE | re.DOTALL))
    if len(matches) != 1:
        raise ValueError(f"{TEMPLATE.name}: expected one {what}, found {len(matches)}")
    end = matches[0].end()
    return text[:end] + addition(matches[0]) + text[end:]


# Anything inside one { ... } block of the config: never its closing line.
_IN_BLOCK = r"(?:(?!^[ \t]*\}[ \t]*$).)*?"


def _with_backend(text: str, name: str) -> str:
    """The template with one more backend, ``name``, after B (see the module's docstring)."""
    b, new = _placeholder("b"), _placeholder(name)
    text = _add_once(
        text,
        r"upstream goodwill_any \{" + _IN_BLOCK + r"^([ \t]*)server " + re.escape(b) + ";$",
        lambda m: f"\n{m[1]}server {new};",
        "server line for B in upstream goodwill_any",
    )
    text = _add_once(
        text,
        r"^([ \t]*)upstream goodwill_b \{" + _IN_BLOCK + r"^[ \t]*\}$",
        lambda m: "\n" + m[0].replace("goodwill_b", f"goodwill_{name}").replace(b, new),
        "upstream goodwill_b",
    )
    text = _add_once(
        text,
        r"^([ \t]*)b([ \t]+)goodwill_b;$",
        lambda m: f"\n{m[1]}{name}{m[2]}goodwill_{name};",
        "cookie map line for b",
    )
    return _add_once(
        text,
        r'^([ \t]*)"~' + re.escape(b) + r'\$"([ \t]+)b;$',
        lambda m: f'\n{m[1]}"~{new}$"{m[2]}{name};',
        "upstream-address map line for B",
    )


def render_config(listen: str, backends: Sequence[str], tiles: str = "") -> str:
    """The deploy template for nginx at ``listen`` in front of ``backends`` (host:port,
    two or more); ``tiles``: the tile host the policy lets images come from when the app
    runs with tiles on, else empty. Refuses to leave a placeholder unfilled."""
    if not 2 <= len(backends) <= len(BACKEND_NAMES):
        raise ValueError(f"2 to {len(BACKEND_NAMES)} backends, not {len(backends)}")
    text = TEMPLATE.read_text(encoding="utf-8")
    # Added from the last to the first, each right after B: they end up in order.
    for name in reversed(BACKEND_NAMES[2 : len(backends)]):
        text = _with_backend(text, name)
    names = BACKEND_NAMES[: len(backends)]
    values = {"{{LISTEN}}": listen, "{{TILES}}": tiles}
    values |= {_placeholder(name): backend for name, backend in zip(names, backends, strict=True)}
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    leftover = re.findall(r"\{\{\w+\}\}", text)
    if leftover:
        raise ValueError(f"placeholders left unfilled in {TEMPLATE.name}: {leftover}")
    return text


@dataclass
class NginxFront:
    """nginx running in front of the backends: its URL, and what it logs."""

    url: str
    backends: dict[str, str]  # cookie value ("a", "b", ...) -> host:port
    access_log: Path
    error_log: Path

    def log_lines(self) -> list[dict[str, str]]:
        lines = self.access_log.read_text(encoding="utf-8", errors="replace").splitlines()
        parsed = [LOG_LINE.match(line) for line in lines]
        unparsed = [line for line, match in zip(lines, parsed, strict=True) if not match]
        if unparsed:
            raise ValueError(f"access-log lines in an unexpected format: {unparsed[:3]}")
        return [match.groupdict() for match in parsed if match]

    def problems(self) -> list[str]:
        """The error log's lines of level error or worse."""
        text = self.error_log.read_text(encoding="utf-8", errors="replace")
        return [line for line in text.splitlines() if _SEVERE.search(line)]


@contextmanager
def running_nginx(
    executable: str, prefix: Path, backends: Sequence[str], tiles: str = ""
) -> Iterator[NginxFront]:
    """nginx on a free loopback port in front of ``backends`` (host:port), with its
    files under ``prefix`` (an empty directory), letting ``tiles`` in (:func:`render_config`);
    stopped when the block ends.

    Raises with nginx's own words if it rejects the config or does not become healthy.
    """
    for folder in ("logs", "tmp"):
        (prefix / folder).mkdir()
    port = free_loopback_port()
    config = prefix / "nginx.conf"
    config.write_text(render_config(f"127.0.0.1:{port}", backends, tiles), encoding="utf-8")
    error_log = prefix / "logs" / "error.log"
    command = [
        executable,
        *("-p", f"{prefix}/", "-c", str(config), "-e", str(error_log)),
        *("-g", "daemon off;"),
    ]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t rejected the rendered config:\n{checked.stderr}")

    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        problem = wait_for_health(url, process, START_TIMEOUT_S)
        if problem:
            log = error_log.read_text() if error_log.exists() else "(no error log)"
            raise RuntimeError(f"nginx {problem}:\n{log}")
        yield NginxFront(
            url,
            dict(zip(BACKEND_NAMES[: len(backends)], backends, strict=True)),
            prefix / "logs" / "access.log",
            error_log,
        )
    finally:
        # nginx stops gracefully on SIGQUIT, fast on SIGTERM.
        stop_process_group(process, (signal.SIGQUIT, signal.SIGTERM, signal.SIGKILL))
