"""More than one server: two Streamlit processes behind nginx with sticky sessions.

Streamlit keeps a reader's session in one process, so scaling out needs a proxy that sends
every request of one browser (page, scripts, the map's iframe and the websocket) to the
same process. ``deploy/nginx.conf.template`` does it with a cookie naming the backend that
first served the browser. This module renders that file with free loopback ports, runs
Debian's nginx in the foreground with everything (config, logs, pid, temp files) in a
temporary directory (``tests/helpers/nginx.py``), and checks from nginx's own access log that

* a browser without the cookie is sent round-robin and gets the cookie,
* a browser with the cookie always reaches its backend, websocket included,
* concurrent readers through nginx see no error and their own panels (the load test of
  ``test_load.py``, smaller), and both backends served some of them.

Without nginx the module is skipped loudly; with ``CI=true`` a missing nginx fails.
"""

from __future__ import annotations

import re
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator

import pytest

from tests.helpers.browser import is_running_in_ci
from tests.helpers.load import (
    LOAD_DEADLINE_S,
    USER_AGENT_TAG,
    assert_every_session_clean,
    record,
    run_load,
)
from tests.helpers.nginx import COOKIE, NginxFront, locate_nginx, running_nginx

SCALE_OUT_SESSIONS = 6


@pytest.fixture(scope="module")
def nginx_executable() -> str:
    executable = locate_nginx()
    if executable:
        return executable
    message = (
        "nginx not found (tried nginx on PATH and /usr/sbin/nginx), so the scale-out tests "
        "cannot run. Install Debian's `nginx` package (apt-get install nginx)."
    )
    if is_running_in_ci():
        pytest.fail(f"CI=true, so a missing nginx is an error, not a skip. {message}")
    print(f"\n!!! SCALE-OUT TESTS SKIPPED: {message}")
    pytest.skip(f"SCALE-OUT TESTS SKIPPED: {message}")


@pytest.fixture(scope="module")
def front(
    nginx_executable: str,
    streamlit_server_factory: Callable[..., str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[NginxFront]:
    """nginx on a free loopback port in front of two fresh app processes."""
    urls = [streamlit_server_factory(env={"GOODWILL_TILES": "off"}) for _ in range(2)]
    backends = [url.removeprefix("http://") for url in urls]
    with running_nginx(nginx_executable, tmp_path_factory.mktemp("nginx"), backends) as front:
        yield front


def _get(url: str, cookie: str | None = None) -> tuple[int, str]:
    """Status and nginx's own Set-Cookie (Streamlit sets its XSRF cookie too)."""
    request = urllib.request.Request(
        url, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
        ours = [c for c in cookies if c.startswith(COOKIE)]
        assert len(ours) == 1, cookies
        # Safe defaults survive the proxy: Streamlit's XSRF cookie gets through, and nginx
        # does not announce its version.
        assert any(c.startswith("_streamlit_xsrf=") for c in cookies), cookies
        assert response.headers.get("Server") == "nginx", response.headers.get("Server")
        return response.status, ours[0]


def test_nginx_pins_a_browser_to_the_backend_named_in_its_cookie(front: NginxFront) -> None:
    # No cookie: round-robin, and the answer names the backend that served it.
    served = [_get(f"{front.url}/_stcore/health")[1] for _ in range(4)]
    names = [re.match(rf"{COOKIE}=(\w*);", cookie).group(1) for cookie in served]
    assert sorted(names) == ["a", "a", "b", "b"], served
    assert all("HttpOnly" in cookie and "Path=/" in cookie for cookie in served)

    for name, backend in front.backends.items():
        for _ in range(3):
            status, cookie = _get(f"{front.url}/_stcore/health?pinned={name}", cookie=name)
            assert status == 200
            assert cookie.startswith(f"{COOKIE}={name};")
        upstreams = {
            line["upstream"]
            for line in front.log_lines()
            if line["path"].endswith(f"?pinned={name}")
        }
        assert upstreams == {backend}


@pytest.mark.slow
@pytest.mark.timeout(LOAD_DEADLINE_S + 180)
def test_readers_through_nginx_stay_on_one_backend_and_see_their_own_panels(
    front: NginxFront, chromium_executable: str
) -> None:
    report = run_load(chromium_executable, front.url, SCALE_OUT_SESSIONS)

    by_session: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line in front.log_lines():
        tag = re.search(rf"{re.escape(USER_AGENT_TAG)}(\d+)", line["agent"])
        if tag:
            by_session[tag.group(1)].append(line)
    upstream_of = {
        session: {line["upstream"] for line in lines} for session, lines in by_session.items()
    }
    record(
        "nginx-two-servers",
        report,
        {
            "backends": front.backends,
            "sessions_per_backend": {
                name: sum(ups == {backend} for ups in upstream_of.values())
                for name, backend in front.backends.items()
            },
        },
    )
    assert_every_session_clean(report, SCALE_OUT_SESSIONS)

    assert len(by_session) == SCALE_OUT_SESSIONS, sorted(by_session)
    for session, lines in by_session.items():
        assert len(upstream_of[session]) == 1, f"session {session} moved: {upstream_of[session]}"
        sockets = [line for line in lines if line["path"].startswith("/_stcore/stream")]
        assert sockets, f"session {session} opened no websocket through nginx"
        assert {line["status"] for line in sockets} == {"101"}, sockets
        # Only the very first request comes without the cookie; the rest carry it.
        assert all(line["cookie"] != "-" for line in lines[1:]), f"session {session} lost it"
    served = set().union(*upstream_of.values())
    assert served == set(front.backends.values()), f"only {served} served the readers"

    assert front.problems() == [], "\n".join(front.problems())
