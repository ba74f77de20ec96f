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

import base64
import hashlib
import re
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import expect

from goodwill.map.published import CACHE_FOLDER, publish_document
from goodwill.paths import static_dir
from tests.helpers.browser import CHROMIUM_ARGS, is_running_in_ci
from tests.helpers.load import (
    LOAD_DEADLINE_S,
    USER_AGENT_TAG,
    assert_every_session_clean,
    record,
    run_load,
)
from tests.helpers.nginx import COOKIE, NginxFront, locate_nginx, running_nginx

SCALE_OUT_SESSIONS = 6
#: Where the map's tiles come from (goodwill.map.assembly.TILES_URL), as the policy names it.
TILE_HOST = "https://tile.openstreetmap.org"


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


def test_the_maps_points_are_cached_for_good_and_nothing_else_is(front: NginxFront) -> None:
    document = '{"markers": [], "written by": "test_scale_out"}'
    name = f"points-{hashlib.sha256(document.encode()).hexdigest()[:24]}.json"
    url = publish_document(document, name)
    assert url, "static/cache/ is not writable"
    try:
        for backend in front.backends:
            with urllib.request.urlopen(
                urllib.request.Request(
                    f"{front.url}{url}", headers={"Cookie": f"{COOKIE}={backend}"}
                ),
                timeout=10,
            ) as response:
                assert response.read().decode() == document
                assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
                # The server's own headers are still there.
                assert "default-src 'self'" in response.headers["Content-Security-Policy"]
                assert response.headers["Set-Cookie"].startswith(f"{COOKIE}={backend};")
        with urllib.request.urlopen(f"{front.url}/app/static/goodwill/map.js", timeout=10) as other:
            assert other.headers.get("Cache-Control") is None
    finally:
        (static_dir() / CACHE_FOLDER / name).unlink(missing_ok=True)


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


# --------------------------------------------------------------------------- the policy

#: Headers every response through nginx carries, with their values.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
COMPONENT_PAGE = "/component/streamlit_folium.st_folium/index.html"
# Reported by every frame of the page as a console error, which the page fixture records.
_REPORT_VIOLATIONS = """document.addEventListener('securitypolicyviolation', (event) => {
    console.error('CSP violation: ' + event.effectiveDirective + ' ' + event.blockedURI);
}, true);"""
# Chromium keeps a public page (the newsroom) from framing a loopback server; in a real
# deployment both are public, so the check is lifted for the embedding test alone.
_PUBLIC_MAY_FRAME_LOOPBACK = (
    "--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessForNavigations,"
    "PrivateNetworkAccessSendPreflights,LocalNetworkAccessChecks"
)
_PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


class Headers:
    """Playwright's list of headers, read like urllib's."""

    def __init__(self, pairs: list[dict[str, str]]):
        self.pairs = pairs

    def get_all(self, name: str) -> list[str]:
        return [pair["value"] for pair in self.pairs if pair["name"].lower() == name.lower()]


def _headers(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers, response.read().decode("utf-8", errors="replace")


def policy(headers) -> dict[str, list[str]]:
    """The Content-Security-Policy of a response, as ``{directive: [sources]}``."""
    (header,) = headers.get_all("Content-Security-Policy") or [""]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def violations(page) -> list[str]:
    return [
        error
        for error in page.console_errors
        if "CSP violation" in error or "Content Security Policy" in error
    ]


@pytest.mark.parametrize(
    "path", ["/", "/quotes", "/_stcore/health", "/app/static/vendor/manifest.json"]
)
def test_every_response_through_nginx_carries_the_security_headers(front: NginxFront, path: str):
    assert_security_headers(front.url + path)


def assert_security_headers(url: str) -> None:
    headers, _ = _headers(url)
    for name, value in SECURITY_HEADERS.items():
        assert headers.get_all(name) == [value], (url, name)
    rules = policy(headers)
    assert rules["default-src"] == ["'self'"]
    assert rules["connect-src"] == ["'self'"]
    assert rules["object-src"] == ["'none'"]
    # Tiles are off: images only from the app itself (and the data: and blob: it makes).
    assert rules["img-src"] == ["'self'", "data:", "blob:"]
    # Embeddable in any https page, in no http one.
    assert rules["frame-ancestors"] == ["'self'", "https:"]


def test_the_pages_run_only_the_apps_own_scripts_and_streamlits_one_inline_script(front):
    headers, html = _headers(front.url + "/")
    scripts = policy(headers)["script-src"]
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    inline = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert inline, "Streamlit's page has an inline script: its hash is in the policy"
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in scripts, "Streamlit's inline script changed: update it"


def assert_component_policy(page, front: NginxFront) -> None:
    """Only the map's component page runs inline scripts (streamlit-folium's own way);
    the rest of its policy is the pages'. Asked for with the page's cookie: only the
    backend that ran the page's script has declared the component."""
    response = page.request.get(front.url + COMPONENT_PAGE)
    assert response.ok, response.status
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name.lower()] == value, name
    component = policy(Headers(response.headers_array))
    assert "'unsafe-inline'" in component["script-src"]
    pages = policy(_headers(front.url + "/")[0])
    assert {k: v for k, v in component.items() if k != "script-src"} == {
        k: v for k, v in pages.items() if k != "script-src"
    }


def test_the_app_works_under_its_policy(front: NginxFront, page, wait_for_app) -> None:
    page.context.add_init_script(_REPORT_VIOLATIONS)
    page.goto(front.url)
    wait_for_app(page)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    expect(frame.locator(".gw-marker").first).to_be_visible(timeout=30_000)
    assert_component_policy(page, front)
    frame.locator('[data-place-id="nogales-sonora"]').click()
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"] h3').first).to_contain_text("Nogales")
    links = page.locator('[data-testid="stSidebarNav"] a')
    for index in range(links.count()):
        links.nth(index).click()
        wait_for_app(page)
    links.filter(has_text="Timeline").click()
    wait_for_app(page)
    expect(page.locator(".vega-embed .marks").first).to_be_visible()
    page.wait_for_timeout(500)
    assert violations(page) == []
    assert page.console_errors == []


@pytest.fixture(scope="module")
def front_with_tiles(
    nginx_executable: str,
    streamlit_server_factory: Callable[..., str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[NginxFront]:
    """nginx in front of one app process with tiles on (as both backends: an embedding
    page's frame sends no Lax cookie, so with two it would not stay on one)."""
    backend = streamlit_server_factory(env={"GOODWILL_TILES": "on"}).removeprefix("http://")
    prefix = tmp_path_factory.mktemp("nginx")
    with running_nginx(nginx_executable, prefix, [backend, backend], tiles=TILE_HOST) as front:
        yield front


def test_with_tiles_on_the_policy_lets_the_tile_host_in_and_nothing_else(
    front_with_tiles: NginxFront, page, wait_for_app
) -> None:
    headers, _ = _headers(front_with_tiles.url + "/")
    assert policy(headers)["img-src"] == ["'self'", "data:", "blob:", TILE_HOST]
    tiles: list[str] = []

    def answer_tile(route) -> None:  # the machine has no internet: a pixel stands in
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=_PIXEL_PNG)

    page.context.route(f"{TILE_HOST}/**", answer_tile)
    page.context.add_init_script(_REPORT_VIOLATIONS)
    page.goto(front_with_tiles.url)
    wait_for_app(page)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    expect(frame.locator(".gw-marker").first).to_be_visible(timeout=30_000)
    expect(frame.locator("img.leaflet-tile-loaded").first).to_be_attached()
    assert tiles
    assert violations(page) == []


def test_an_https_page_may_embed_the_dashboard_and_an_http_one_may_not(
    front_with_tiles: NginxFront, playwright_instance, chromium_executable: str
) -> None:
    front = front_with_tiles
    browser = playwright_instance.chromium.launch(
        executable_path=chromium_executable, args=[*CHROMIUM_ARGS, _PUBLIC_MAY_FRAME_LOOPBACK]
    )
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        story = f'<h1>A newsroom story</h1><iframe src="{front.url}/" width="1300" height="900">'
        for scheme in ("https", "http"):
            context.route(
                f"{scheme}://newsroom.example/**",
                lambda route: route.fulfill(status=200, content_type="text/html", body=story),
            )
        context.route(
            f"{TILE_HOST}/**",
            lambda route: route.fulfill(status=200, content_type="image/png", body=_PIXEL_PNG),
        )
        page = context.new_page()
        blocked: list[str] = []
        page.on("console", lambda message: blocked.append(message.text))

        page.goto("https://newsroom.example/story")
        dashboard = page.frame_locator("iframe")
        expect(dashboard.locator('[data-testid="stApp"]')).to_be_attached(timeout=30_000)
        map_frame = dashboard.frame_locator('iframe[title="streamlit_folium.st_folium"]')
        expect(map_frame.locator(".gw-marker").first).to_be_visible(timeout=30_000)

        blocked.clear()
        page.goto("http://newsroom.example/story")
        page.wait_for_timeout(2_000)
        assert any("frame-ancestors" in text for text in blocked), blocked
        assert not [frame for frame in page.frames if frame.url.startswith(front.url)]
    finally:
        browser.close()
