"""Every page's address, in one table.

``app.py`` registers each page at its route's ``url_path`` (``st.Page(..., url_path=...)``),
and every link the domain builds (to the map with a place selected, to a quote) is made
by a route here. A page's address therefore does not follow its script's file name:
renaming ``pages/quotes.py`` breaks no link, and changing an address is one edit here.

Links are paths from the server's root (``/quotes?quote=…``), as the app is served. A link
that leaves the app (copied, embedded, cited) is made absolute with the app's address as
the reader's browser reports it (:func:`app_address`, :func:`absolute_url`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit


@dataclass(frozen=True)
class Route:
    """A page's address. ``url_path`` is what ``st.Page`` takes: no slash, and empty only
    for the home page, which Streamlit serves at the root."""

    url_path: str

    @property
    def is_home(self) -> bool:
        return self.url_path == ""

    def url(self, query: Mapping[str, str] | None = None) -> str:
        """The page's URL with ``query`` urlencoded (so any value is safe in a link)."""
        path = f"/{self.url_path}"
        return f"{path}?{urlencode(query)}" if query else path


MAP = Route("")
PEOPLE = Route("people")
TIMELINE = Route("timeline")
QUOTES = Route("quotes")
SOURCES = Route("sources")
#: Every page's route, in the navigation's order.
ROUTES = (MAP, PEOPLE, TIMELINE, QUOTES, SOURCES)


def app_address(page_url: str | None) -> str | None:
    """The app's own address (scheme, host, port and base path, no trailing slash) from
    the address of one of its pages, as the browser reports it (``st.context.url``, which
    holds no query); ``None`` when it is unknown or not http(s)."""
    if not page_url:
        return None
    parts = urlsplit(page_url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    path = parts.path.rstrip("/")
    for route in ROUTES:
        if route.url_path and path.endswith(f"/{route.url_path}"):
            path = path.removesuffix(f"/{route.url_path}")
            break
    return urlunsplit((parts.scheme.lower(), parts.netloc, path, "", ""))


def absolute_url(app: str | None, link: str) -> str:
    """``link`` (a route's URL) under the app's address; ``link`` as it is when the
    address is unknown (the browser then resolves it against the page)."""
    return f"{app}{link}" if app else link
