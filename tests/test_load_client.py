"""The load generator against a real server: its client sees what a reader sees, so a load
run cannot measure nothing. One ``streamlit run`` of the app, a handful of sessions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from urllib.parse import parse_qs

import pytest

from bench import load_report
from bench.load import Settings, click_value, run_readers
from bench.wsload import Session, component_args, json_state, string_array_state
from goodwill.dataset import Tour
from goodwill.i18n import translator
from goodwill.panels import place_heading
from goodwill.view import countries_of
from tests.helpers.event_loop import run_coroutine
from tests.helpers.server import StreamlitServer, running_streamlit_server

SESSIONS = 5


@pytest.fixture(scope="module")
def server() -> Iterator[StreamlitServer]:
    with running_streamlit_server(env={"GOODWILL_TILES": "off"}) as server:
        yield server


def test_a_session_sees_the_map_a_click_selects_its_place_and_a_filter_reruns_the_page(
    server: StreamlitServer, tour: Tour
) -> None:
    async def scenario() -> None:
        session = Session(server.url, timeout_s=60)
        page = session.page
        await session.connect()
        try:
            opened = await session.rerun()
            assert (opened.status, opened.exceptions) == ("FINISHED_SUCCESSFULLY", [])
            titles = [placed.element.heading.body for placed in page.of_type("heading")]
            assert "Goodwill Tour Map" in titles
            assert "place" not in page.query
            map_ = page.component("st_folium")
            assert map_ is not None
            assert map_.fragment_id, "the map is drawn inside its fragment"
            returned = component_args(map_)["returned_objects"]

            # A click on Nogales reruns the map's fragment, which selects the place.
            click = click_value("nogales-sonora", 1, returned)
            session.set_value(json_state(map_.element.component_instance.id, click))
            clicked = await session.rerun(map_.fragment_id)
            assert (clicked.status, clicked.exceptions) == (
                "FINISHED_FRAGMENT_RUN_SUCCESSFULLY",
                [],
            )
            assert page.query["place"] == ["nogales-sonora"]
            assert place_heading(tour, "nogales-sonora", translator("en")) in page.markdown()

            # Narrowing the countries reruns the whole page: fewer places on the map.
            layers = component_args(page.component("st_folium"))["feature_group"]
            countries = page.widget("multiselect", "filter_countries").element.multiselect
            kept = list(countries.raw_values)[:-1]
            session.set_value(string_array_state(countries.id, kept))
            filtered = await session.rerun()
            assert (filtered.status, filtered.exceptions) == ("FINISHED_SUCCESSFULLY", [])
            assert parse_qs(page.query_string)["country"] == [",".join(countries_of(tour)[:-1])]
            assert page.query["place"] == ["nogales-sonora"]
            assert component_args(page.component("st_folium"))["feature_group"] != layers
        finally:
            await session.close()

    run_coroutine(scenario())


def test_readers_at_once_take_every_step_without_an_error_and_the_report_shows_them(
    server: StreamlitServer,
) -> None:
    settings = Settings(think_s=(0, 0.2), ramp_s=0.5, step_timeout_s=60, deadline_s=120, settle_s=0)
    level = run_coroutine(run_readers(server.url, SESSIONS, settings, [server.pid]))

    assert [reader.errors for reader in level.readers] == [[]] * SESSIONS
    assert level.held == SESSIONS
    for reader in level.readers:
        kinds = [step.kind for step in reader.steps]
        # No "mount": the map sends nothing until it is clicked (a page load runs once).
        assert kinds == ["open", "click", "click", "click", "filter"]
        assert all(step.ms > 0 and step.bytes > 0 for step in reader.steps)
    (process,) = level.servers
    assert process.rss_peak >= process.rss_before > 0
    assert process.cpu_s > 0

    results = {"date": "now", "command": "test", "machine": load_report.machine()}
    text = load_report.markdown({**results, "levels": [asdict(level)]})
    assert f"| 1 | {SESSIONS} | {SESSIONS} | 0 |" in text
    assert "not measured" in text  # the targets' levels are not run here
