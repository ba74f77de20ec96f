"""A shared link to a page other than the map, opened on a freshly started server.

Streamlit treats an app with a ``pages/`` folder as folder-based until ``st.navigation``
has run once, so the very first request for ``/quotes`` used to run that page without
the frame. Each test here gets a server of its own, so its link is the first request.
"""

from urllib.parse import urlsplit

from playwright.sync_api import expect

# The frontend first probes the health endpoints under the page's own path, then falls
# back to the app's root; those two 404s are Streamlit's, not ours.
STREAMLIT_PROBES = ("/_stcore/health", "/_stcore/host-config")


def test_a_quote_permalink_opens_its_quote_on_a_fresh_server(
    page, streamlit_server_factory, wait_for_app
):
    base = streamlit_server_factory(env={"GOODWILL_TILES": "off"})
    not_found = []
    page.on(
        "response",
        lambda response: (
            not_found.append(urlsplit(response.url).path) if response.status == 404 else None
        ),
    )
    page.goto(f"{base}/quotes?quote=canales-each-side&lang=es")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(page.get_by_role("heading", name="Citas")).to_be_visible()
    expect(main.get_by_text("La cita enlazada")).to_be_visible()
    expect(main.get_by_text("if each of us only works on our side").first).to_be_visible()
    assert all(path.endswith(STREAMLIT_PROBES) for path in not_found)
    assert page.external_requests == []
