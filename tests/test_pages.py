"""AppTest smoke tests: the frame and every page run without an exception, in both
languages, and a broken data package is explained rather than raised."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from goodwill.i18n import translator
from tests.helpers.apptest import APP, PAGES, TIMEOUT, click_marker, map_component, run_app
from tests.helpers.packages import edit_rows, set_cell


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_an_exception(page):
    at = run_app(page)
    assert not at.exception
    assert at.title


def test_the_home_page_shows_the_title_in_english_by_default():
    at = run_app()
    assert at.title[0].value == "Goodwill Tour Map"


def test_lang_es_in_the_link_shows_spanish():
    at = run_app(query={"lang": "es"})
    assert at.title[0].value == "Mapa de la Gira de Buena Voluntad"
    assert at.sidebar.selectbox[0].value == "es"


def test_a_page_opened_before_the_frame_ever_ran_reruns_inside_it():
    # A fresh server's first request for /quotes runs pages/quotes.py on its own (see
    # ui/navigation.py); AppTest starts that way too when the page is chosen first.
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "es"
    at.switch_page("pages/quotes.py")
    at.run()
    assert not at.exception
    assert not at.error
    assert at.title[0].value == translator("es")("page.quotes")
    assert at.sidebar.selectbox[0].value == "es"


def test_in_spanish_the_sidebar_says_the_sources_words_come_with_the_projects_translation():
    spanish = run_app(query={"lang": "es"})
    says = translator("es").t("language.source_words")
    assert says in [caption.value for caption in spanish.sidebar.caption]
    english = run_app()
    assert translator("en").t("language.source_words") not in [
        caption.value for caption in english.sidebar.caption
    ]


def test_an_unknown_language_in_the_link_falls_back_to_english_with_a_notice():
    at = run_app(query={"lang": "xx"})
    assert not at.exception
    assert at.title[0].value == "Goodwill Tour Map"
    assert any("lang=xx" in toast.value for toast in at.toast)


def test_a_broken_data_package_shows_its_problems_not_a_traceback(package_copy, monkeypatch):
    set_cell(package_copy, "events", "nogales-2016-08-04", "date_end", "2016-08-03")
    monkeypatch.setenv("GOODWILL_DATA", str(package_copy))
    at = run_app()
    assert not at.exception
    assert "could not be loaded" in at.error[0].value
    assert "events.csv:4:date_end: ends (2016-08-03) before it starts" in at.code[0].value


def panel_text(at: AppTest) -> str:
    return "\n".join(markdown.value for markdown in at.main.markdown)


def test_before_any_click_the_panel_shows_the_tour_as_a_whole():
    at = run_app()
    text = panel_text(at)
    assert "The tour at a glance" in text
    assert "6 tour stops" in text
    assert "Damián Canales" in text


def test_a_click_on_the_tucson_marker_fills_the_panels():
    at = run_app()
    click_marker(at, "pima-west-campus")
    assert not at.exception
    text = panel_text(at)
    assert "Friday, 5 August 2016 \\(inferred\\)" in text
    assert "R\\. Gil Kerlikowske" in text
    assert "on behalf of Enrique Galindo Ceballos" in text
    assert "It’s an opportunity to show partnership" in text
    assert at.query_params["place"] == "pima-west-campus"


def test_the_select_box_and_the_map_select_the_same_place():
    at = run_app()
    click_marker(at, "reynosa")
    assert at.main.selectbox[0].value == "reynosa"
    at.main.selectbox[0].set_value("nogales-sonora").run()
    assert "Thursday, 4 August 2016" in panel_text(at)


def test_the_map_payload_loads_nothing_from_outside_the_app():
    import json

    from goodwill.offline import remote_urls_in

    at = run_app()
    payload = json.loads(map_component(at).proto.json_args)
    assert all(link.startswith("/app/static/") for link in payload["js_links"])
    assert all(link.startswith("/app/static/") for link in payload["css_links"])
    everything = payload["script"] + payload["html"] + payload["header"] + payload["feature_group"]
    # Tile URLs are the one allowed exception (online when reachable, with attribution).
    assert [url for url in remote_urls_in(everything) if "openstreetmap.org" not in url] == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"place": "atlantis"}, "place=atlantis"),
        ({"country": "XX"}, "country=XX"),
        ({"from": "yesterday"}, "from=yesterday"),
        ({"status": "cancelled"}, "status=cancelled"),
    ],
)
def test_a_bad_link_value_is_ignored_with_a_notice(query, parameter):
    at = run_app(query=query)
    assert not at.exception
    assert any(parameter in toast.value for toast in at.toast)
    assert "The tour at a glance" in panel_text(at)


def test_a_filter_that_removes_the_selected_place_clears_it_with_a_notice():
    at = run_app(query={"place": "reynosa", "country": "US"})
    assert not at.exception
    assert any("selection was cleared" in info.value for info in at.info)
    assert "The tour at a glance" in panel_text(at)


def test_changing_a_sidebar_filter_writes_it_to_the_link_and_keeps_the_rest():
    at = run_app(query={"lang": "es", "status": "held"})
    at.sidebar.multiselect[0].set_value(["MX"]).run()
    assert not at.exception
    assert (at.query_params["country"], at.query_params["status"]) == ("MX", "held")
    assert at.sidebar.selectbox[0].value == "es"


def test_a_person_link_narrows_the_map_to_where_they_appeared():
    at = run_app(query={"person": "canales"})
    assert not at.exception
    assert "Damián Canales" in at.sidebar.info[0].value
    assert any(c.value.startswith("1 place and 1 event shown") for c in at.main.caption)
    at.sidebar.button[0].click().run()
    assert "person" not in at.query_params


def test_an_itinerary_button_selects_its_place_on_the_map_and_in_the_panels():
    at = run_app()
    next(b for b in at.main.button if b.key == "itinerary_nogales-2016-08-04").click().run()
    assert not at.exception
    assert at.query_params["place"] == "nogales-sonora"
    assert at.main.selectbox[0].value == "nogales-sonora"
    assert "Thursday, 4 August 2016" in panel_text(at)
    chosen = next(b for b in at.main.button if b.key == "itinerary_nogales-2016-08-04")
    assert chosen.label.startswith("Selected: Nogales")


def test_a_large_tour_draws_its_itinerary_a_page_at_a_time(tmp_path, monkeypatch):
    from goodwill.itinerary import PAGE_SIZE
    from goodwill.synthetic import write_package

    write_package(tmp_path / "tour", 200)
    monkeypatch.setenv("GOODWILL_DATA", str(tmp_path / "tour"))
    at = run_app()
    assert not at.exception
    buttons = [b for b in at.main.button if b.key and b.key.startswith("itinerary_")]
    assert len(buttons) == PAGE_SIZE
    page = at.main.number_input[0]
    assert (page.value, page.max) == (1, -(-200 // PAGE_SIZE))
    page.set_value(2).run()
    second = [b for b in at.main.button if b.key and b.key.startswith("itinerary_")]
    assert len(second) == PAGE_SIZE
    assert {b.key for b in second}.isdisjoint({b.key for b in buttons})


def test_no_page_modifies_the_data_that_every_session_shares(monkeypatch):
    # ui.loading hands every session the same Tour, and ui.tour_map the same MapData
    # (st.cache_resource): a page that changed one of their tables or lists in place would
    # change it for every reader.
    import pickle

    import ui.tour_map
    from goodwill.dataset import Tour
    from ui.loading import _cached_load, _signature, data_path, tour_in_language

    make_map_data = ui.tour_map.map_data
    shared = []  # each MapData the cache made, with its pickle as it was made

    def recorded_map_data(*args):
        made = make_map_data(*args)
        shared.append((made, pickle.dumps(made)))
        return made

    monkeypatch.setattr(ui.tour_map, "map_data", recorded_map_data)
    ui.tour_map._cached_map_data.clear()
    for page in PAGES:
        run_app(page, query={"lang": "es"})
    at = run_app()
    click_marker(at, "pima-west-campus")
    click_marker(at, "reynosa", count=2)
    at.sidebar.toggle[0].set_value(False).run()
    assert not at.exception
    tour, _ = _cached_load(str(data_path()), _signature(data_path()))
    assert Tour.fingerprint.func(tour) == tour.fingerprint
    spanish = tour_in_language(tour, "es")  # the same shared object the pages were given
    assert Tour.fingerprint.func(spanish) == spanish.fingerprint
    assert len(shared) >= 3  # Spanish, English, and English without the undated events
    for made, as_made in shared:
        assert pickle.dumps(made) == as_made


def test_the_date_range_is_written_in_the_readers_language_and_kept_in_the_link_as_iso():
    at = run_app(query={"lang": "es", "from": "2016-08-01", "to": "2016-08-10"})
    dates = at.sidebar.select_slider[0]
    assert dates.label == "Rango de fechas"
    assert dates.value == (dt.date(2016, 8, 1), dt.date(2016, 8, 10))
    assert (dates.options[0], dates.options[-1]) == ("1 jul 2016", "31 ago 2016")
    dates.set_range(dt.date(2016, 7, 15), dt.date(2016, 8, 4)).run()
    assert not at.exception
    assert (at.query_params["from"], at.query_params["to"]) == ("2016-07-15", "2016-08-04")
    # The events kept are those whose dates overlap the range (and the undated ones), as
    # before: McAllen and Reynosa (July), Nogales (4 August), not Tucson (5 August).
    summary = next(c.value for c in at.main.caption if c.value.startswith("El mapa muestra"))
    assert "Nogales" in summary
    assert "Teatro Proscenium" not in summary


def test_in_english_the_date_range_says_its_days_in_english():
    dates = run_app().sidebar.select_slider[0]
    assert (dates.options[0], dates.options[-1]) == ("1 Jul 2016", "31 Aug 2016")
    assert dates.value == (dt.date(2016, 7, 1), dt.date(2016, 8, 31))


def test_a_tour_of_one_day_says_its_day_instead_of_a_slider(package_copy, monkeypatch):
    def one_day(rows: list[dict]) -> None:
        for row in rows:
            if row["date_precision"] != "unknown":
                row.update(date_start="2016-08-05", date_end="2016-08-05", date_precision="day")

    edit_rows(package_copy, "events", one_day)
    monkeypatch.setenv("GOODWILL_DATA", str(package_copy))
    at = run_app(query={"lang": "es"})
    assert not at.exception
    assert not at.sidebar.select_slider
    assert "Rango de fechas: 5 ago 2016" in [caption.value for caption in at.sidebar.caption]


def test_a_large_tour_lists_a_bounded_place_box_and_a_search_finds_the_others(
    tmp_path, monkeypatch
):
    from goodwill.place_box import LISTED_MAX
    from goodwill.synthetic import write_package

    write_package(tmp_path / "tour", 400)  # 200 places
    monkeypatch.setenv("GOODWILL_DATA", str(tmp_path / "tour"))
    at = run_app()
    box = at.main.selectbox[0]
    assert len(box.options) == 1 + LISTED_MAX  # the whole tour, then the places
    captions = [caption.value for caption in at.main.caption]
    assert any(f"The box lists {LISTED_MAX} of the 200 places on the map" in c for c in captions)
    assert "Place 199" not in box.options
    at.main.text_input[0].input("place 199").run()
    assert at.main.selectbox[0].options == [translator("en")("panel.whole_tour"), "Place 199"]
    at.main.selectbox[0].set_value("place-199").run()
    assert not at.exception
    assert at.query_params["place"] == "place-199"
    assert any(body.startswith("### Place 199") for body in panel_text(at).split("\n"))
    # A search that finds nothing says so, in the reader's words, escaped.
    at.main.text_input[0].input("*no* such place").run()
    assert at.main.selectbox[0].value == "place-199"  # still selected, still listed
    said = "No place has “\\*no\\* such place” in its name or venue."
    assert said in [caption.value for caption in at.main.caption]


def test_the_shipped_tour_has_no_place_search_and_lists_every_place():
    at = run_app()
    assert not at.main.text_input
    from goodwill.dataset import load_tour

    places = load_tour().events["place_id"].nunique()
    assert len(at.main.selectbox[0].options) == 1 + places
