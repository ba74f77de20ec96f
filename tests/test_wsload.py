"""The browserless Streamlit client (``bench/wsload.py``) and the readers of the load
generator (``bench/load.py``), without a server: the messages they build, the page they
keep from the server's messages, and the checks that make a reader count an error."""

from __future__ import annotations

import asyncio
import json

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.load import (
    FOLIUM_MOUNT_VALUE,
    WrongAnswerError,
    check_panel,
    click_value,
    mount_value,
)
from bench.wsload import (
    FINISHED,
    Page,
    ProtocolError,
    Session,
    json_state,
    rerun_message,
    stream_url,
    string_array_state,
)
from tests.helpers.event_loop import run_coroutine
from tests.helpers.load import PLACES

MAP_ID = "$$ID-476c-0123abcd"
FILTER_ID = "$$ID-fb98-filter_countries"
FRAGMENT = "2a43796c"


def test_the_stream_is_at_stcore_stream_of_a_loopback_server_only():
    assert stream_url("http://127.0.0.1:8501") == "ws://127.0.0.1:8501/_stcore/stream"
    assert stream_url("http://localhost:80/app/") == "ws://localhost:80/app/_stcore/stream"
    with pytest.raises(ValueError, match="loopback"):
        stream_url("http://example.org:8501")


def test_a_rerun_message_carries_the_query_the_page_the_widgets_the_fragment_and_the_cache():
    sent = rerun_message(
        "lang=en&place=reynosa",
        "cae669",
        [
            json_state(MAP_ID, {"last_object_clicked_count": 2}),
            string_array_state(FILTER_ID, ["Mexico"]),
        ],
        fragment_id=FRAGMENT,
        cached_hashes={"h2", "h1"},
    )
    received = BackMsg.FromString(sent.SerializeToString())
    state = received.rerun_script
    assert received.WhichOneof("type") == "rerun_script"
    assert (state.query_string, state.page_script_hash) == ("lang=en&place=reynosa", "cae669")
    assert state.fragment_id == FRAGMENT
    assert list(state.cached_message_hashes) == ["h1", "h2"]
    map_state, filter_state = state.widget_states.widgets
    assert map_state.id == MAP_ID
    assert json.loads(map_state.json_value) == {"last_object_clicked_count": 2}
    assert (filter_state.id, list(filter_state.string_array_value.data)) == (FILTER_ID, ["Mexico"])


# --------------------------------------------------------------------------- the page


def delta(path, fragment_id="", **element) -> ForwardMsg:
    """A ForwardMsg that puts one element at ``path``: ``delta((0, 1), markdown={...})``."""
    message = ForwardMsg()
    message.metadata.delta_path.extend(path)
    message.delta.fragment_id = fragment_id
    ((kind, fields),) = element.items()
    for name, value in fields.items():
        target = getattr(message.delta.new_element, kind)
        if isinstance(value, list):
            getattr(target, name).extend(value)
        else:
            setattr(target, name, value)
    return message


def map_delta(args: dict | None = None) -> ForwardMsg:
    return delta(
        (0, 4, 0, 0, 0),
        FRAGMENT,
        component_instance={
            "id": MAP_ID,
            "component_name": "streamlit_folium.st_folium",
            "json_args": json.dumps(args or {}),
        },
    )


def finished(status: str) -> ForwardMsg:
    message = ForwardMsg()
    message.script_finished = FINISHED.Value(status)
    return message


def test_the_page_learns_its_script_hash_and_query_string_from_the_server():
    page = Page()
    session = ForwardMsg()
    session.new_session.page_script_hash = "main"
    navigation = ForwardMsg()
    navigation.navigation.page_script_hash = "map-page"
    info = ForwardMsg()
    info.page_info_changed.query_string = "lang=en&place=reynosa"
    assert [page.apply(m) for m in (session, navigation, info)] == [
        "new_session",
        "navigation",
        "page_info_changed",
    ]
    assert page.page_script_hash == "map-page"
    assert page.query == {"lang": ["en"], "place": ["reynosa"]}


def test_widgets_are_found_by_their_key_and_the_map_by_its_component_name():
    page = Page()
    page.apply(delta((1, 2), multiselect={"id": FILTER_ID, "options": ["United States"]}))
    page.apply(delta((1, 3), multiselect={"id": "$$ID-9db2-filter_statuses"}))
    page.apply(map_delta())
    assert page.widget("multiselect", "filter_countries").element.multiselect.id == FILTER_ID
    assert page.widget("multiselect", "countries") is None  # the whole key, not its end
    found = page.component("st_folium")
    assert (found.element.component_instance.id, found.fragment_id) == (MAP_ID, FRAGMENT)
    assert page.component("pydeck") is None


def test_a_whole_page_run_drops_what_it_did_not_redraw_a_fragment_run_only_its_own():
    page = Page()
    page.start_run()
    page.apply(delta((1, 0), markdown={"body": "sidebar"}))
    page.apply(delta((0, 4, 1), FRAGMENT, markdown={"body": "### Reynosa"}))
    page.apply(delta((0, 4, 2), FRAGMENT, markdown={"body": "itinerary"}))
    page.finish_run("")

    page.start_run()  # the fragment redraws its panel only
    page.apply(delta((0, 4, 1), FRAGMENT, markdown={"body": "### Nogales"}))
    page.finish_run(FRAGMENT)
    assert page.markdown() == ["### Nogales", "sidebar"]

    page.start_run()  # the whole page redraws the sidebar only
    page.apply(delta((1, 0), markdown={"body": "sidebar"}))
    page.finish_run("")
    assert page.markdown() == ["sidebar"]


def test_a_reference_to_a_kept_message_is_read_as_that_message():
    page = Page()
    original = map_delta({"script": "big"})
    original.hash = "abc"
    original.metadata.cacheable = True
    page.apply(original)
    page.elements.clear()
    reference = ForwardMsg()
    reference.ref_hash = "abc"
    reference.metadata.delta_path.extend((0, 4, 0, 0, 0))
    assert page.apply(reference) == "delta"
    assert page.component("st_folium").element.component_instance.json_args == '{"script": "big"}'
    assert set(page.cached) == {"abc"}
    reference.ref_hash = "never-sent"
    with pytest.raises(ProtocolError, match="never-sent"):
        page.apply(reference)


def test_exception_boxes_count_from_the_run_that_drew_them():
    page = Page()
    page.start_run()
    page.apply(delta((0, 9), exception={"type": "KeyError", "message": "'place'"}))
    assert page.exceptions(since_run=1) == ["KeyError: 'place'"]
    assert page.exceptions(since_run=2) == []


class FakeConnection:
    """Answers each BackMsg with the ForwardMsgs given for it, and keeps what was sent."""

    def __init__(self, answers: list[ForwardMsg]) -> None:
        self.answers = [answer.SerializeToString() for answer in answers]
        self.sent: list[BackMsg] = []

    async def send(self, data: bytes) -> None:
        self.sent.append(BackMsg.FromString(data))

    async def recv(self) -> bytes:
        if not self.answers:
            await asyncio.sleep(10)
        return self.answers.pop(0)


def test_a_rerun_lasts_until_its_run_ends_not_at_a_run_that_hands_over_to_another():
    session = Session("http://127.0.0.1:1", timeout_s=1)
    session.page.apply(map_delta())
    session.set_value(json_state(MAP_ID, {"last_object_clicked_count": 1}))
    session.set_value(json_state("$$ID-gone-old_widget", True))
    session.connection = FakeConnection(
        [
            finished("FINISHED_EARLY_FOR_RERUN"),
            map_delta(),
            finished("FINISHED_FRAGMENT_RUN_SUCCESSFULLY"),
        ]
    )
    result = run_coroutine(session.rerun(FRAGMENT))
    assert (result.status, result.messages) == ("FINISHED_FRAGMENT_RUN_SUCCESSFULLY", 3)
    assert result.ms > 0
    (sent,) = session.connection.sent
    assert sent.rerun_script.fragment_id == FRAGMENT
    # Only widgets still on the page are sent.
    assert [state.id for state in sent.rerun_script.widget_states.widgets] == [MAP_ID]


def test_a_rerun_without_an_end_times_out():
    session = Session("http://127.0.0.1:1", timeout_s=0.05)
    session.connection = FakeConnection([map_delta()])
    with pytest.raises(TimeoutError):
        run_coroutine(session.rerun())


# --------------------------------------------------------------------------- the reader


def test_a_click_sends_the_marker_position_its_place_id_and_the_count_the_map_returns(tour):
    place = tour.places.set_index("place_id").loc["reynosa"]
    value = click_value("reynosa", 3, ["last_active_drawing", "last_object_clicked_count"])
    assert value == {
        "last_object_clicked_count": 3,
        "last_active_drawing": {"type": "Feature", "properties": {"place_id": "reynosa"}},
    }
    full = click_value("reynosa", 1, None)
    assert full["last_object_clicked"] == {"lat": place["latitude"], "lng": place["longitude"]}


def test_the_mounted_map_reports_its_first_value_only_when_it_differs_from_the_default():
    returned = ["last_object_clicked", "last_object_clicked_count"]
    # st_folium's default: the dashboard's map starts from it, and sends nothing.
    server_default = {"last_object_clicked": None, "last_object_clicked_count": None}
    assert mount_value({"returned_objects": returned, "default": server_default}) is None
    other_default = {"last_object_clicked": None, "last_object_clicked_count": 0}
    first = mount_value({"returned_objects": returned, "default": other_default})
    assert first == {key: FOLIUM_MOUNT_VALUE[key] for key in returned}
    with pytest.raises(WrongAnswerError, match="zoom"):
        mount_value({"returned_objects": ["zoom"], "default": {}})


def test_a_panel_without_the_clicked_place_is_an_error_not_a_measurement():
    heading, date_line = PLACES["reynosa"]
    page = Page()
    page.apply(delta((0, 1), markdown={"body": f"### {heading} · Tamaulipas\n\n{date_line}"}))
    info = ForwardMsg()
    info.page_info_changed.query_string = "place=reynosa"
    page.apply(info)
    check_panel(page, "reynosa")
    with pytest.raises(WrongAnswerError, match="does not select"):
        check_panel(page, "nogales-sonora")
    info.page_info_changed.query_string = "place=nogales-sonora"
    page.apply(info)
    with pytest.raises(WrongAnswerError, match="the panel shows"):
        check_panel(page, "nogales-sonora")
