"""Each validation rule, shown failing on a small broken copy of the shipped tour.

Every problem must name its file, its row (the CSV line, header = 1) and its field, in
words an editor can act on.
"""

import json
import pickle
from dataclasses import replace

import pytest

from goodwill.__main__ import main
from goodwill.dataset import load_tour, validate
from goodwill.paths import shipped_tour
from goodwill.problems import DatasetError, Problem
from tests.helpers.packages import edit_rows, set_cell

# Rows of the shipped tables, by line: handy for asserting where a problem is reported.
PLACES_MCALLEN_LINE = 4
EVENTS_NOGALES_LINE = 4


def only_problem(package) -> Problem:
    problems = validate(package)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_the_shipped_tour_is_valid():
    assert validate(shipped_tour()) == []


def test_a_missing_package_says_there_is_no_data_package(tmp_path):
    problem = only_problem(tmp_path)
    assert problem.file.endswith("datapackage.json")
    assert "does not exist" in problem.message


def test_a_descriptor_that_is_not_json_names_its_line(package_copy):
    (package_copy / "datapackage.json").write_text('{"name": "x",\n  oops}', encoding="utf-8")
    assert "not valid JSON at line 2" in only_problem(package_copy).message


def test_a_missing_file_is_named(package_copy):
    (package_copy / "quotes.csv").unlink()
    problem = only_problem(package_copy)
    assert problem.file.endswith("quotes.csv")
    assert problem.message == "the file is missing"


def test_a_missing_column_is_named(package_copy):
    def drop_venue(rows):
        for row in rows:
            del row["venue"]

    edit_rows(package_copy, "events", drop_venue)
    problem = only_problem(package_copy)
    assert (problem.row, problem.field) == (1, "venue")
    assert problem.file.endswith("events.csv")
    assert "missing" in problem.message


def test_a_table_the_dashboard_needs_must_be_described(package_copy):
    descriptor = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "people"]
    (package_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert 'the table "people" is not described' in only_problem(package_copy).message


def test_a_wrong_type_names_the_cell_and_the_expected_kind(package_copy):
    set_cell(package_copy, "places", "mcallen", "latitude", "north")
    problem = only_problem(package_copy)
    assert (problem.row, problem.field) == (PLACES_MCALLEN_LINE, "latitude")
    assert problem.message == '"north" is not valid here: expected a number, like 32.227'


def test_an_impossible_date_is_a_problem(package_copy):
    set_cell(package_copy, "events", "nogales-2016-08-04", "date_start", "2016-08-41")
    problem = only_problem(package_copy)
    assert (problem.row, problem.field) == (EVENTS_NOGALES_LINE, "date_start")
    assert "expected a date written YYYY-MM-DD" in problem.message


def test_a_date_without_its_leading_zero_is_a_problem(package_copy):
    set_cell(package_copy, "events", "nogales-2016-08-04", "date_start", "2016-08-4")
    problem = only_problem(package_copy)
    assert (problem.row, problem.field) == (EVENTS_NOGALES_LINE, "date_start")
    assert problem.message == '"2016-08-4": write dates as YYYY-MM-DD'


def test_an_event_that_ends_before_it_starts_is_a_problem(package_copy):
    set_cell(package_copy, "events", "nogales-2016-08-04", "date_end", "2016-08-03")
    problem = only_problem(package_copy)
    assert (problem.row, problem.field) == (EVENTS_NOGALES_LINE, "date_end")
    assert problem.message == "ends (2016-08-03) before it starts (2016-08-04)"


def test_a_day_precision_needs_a_single_day(package_copy):
    set_cell(package_copy, "events", "nogales-2016-08-04", "date_end", "2016-08-05")
    problem = only_problem(package_copy)
    assert problem.field == "date_precision"


def test_a_month_date_must_cover_the_whole_month(package_copy):
    set_cell(package_copy, "events", "mcallen-2016-07", "date_end", "2016-07-30")
    assert "ending on its last day" in only_problem(package_copy).message


def test_an_inferred_date_must_say_how(package_copy):
    set_cell(package_copy, "events", "mcallen-2016-07", "date_resolution", "")
    assert only_problem(package_copy).field == "date_resolution"


def test_a_coordinate_out_of_range_is_a_problem(package_copy):
    set_cell(package_copy, "places", "mcallen", "latitude", "96.2")
    problem = only_problem(package_copy)
    assert (problem.row, problem.field) == (PLACES_MCALLEN_LINE, "latitude")
    assert problem.message == "96.2 is out of range: it must be at most 90"


def test_a_point_in_the_wrong_country_is_a_problem(package_copy):
    # McAllen moved 20 km south, across the Rio Grande into Tamaulipas.
    set_cell(package_copy, "places", "mcallen", "latitude", "26.02")
    problem = only_problem(package_copy)
    assert (problem.row, problem.field) == (PLACES_MCALLEN_LINE, "latitude")
    assert problem.message.startswith("26.02, -98.23 lies in MX, not in US")


def test_swapped_latitude_and_longitude_are_suspected(package_copy):
    set_cell(package_copy, "places", "mcallen", "latitude", "-98.23")
    set_cell(package_copy, "places", "mcallen", "longitude", "26.2034")
    problems = validate(package_copy)
    assert any("out of range" in p.message for p in problems)


def test_a_point_in_the_sea_is_a_problem(package_copy):
    set_cell(package_copy, "places", "mcallen", "longitude", "-95.0")  # Gulf of Mexico
    assert "outside every country" in only_problem(package_copy).message


def test_an_unknown_country_code_is_a_problem(package_copy):
    set_cell(package_copy, "places", "mcallen", "country", "ZZ")
    problem = only_problem(package_copy)
    assert problem.field == "country"
    assert '"ZZ" is not a country' in problem.message


def test_a_duplicate_id_is_reported_once_with_the_other_row(package_copy):
    set_cell(package_copy, "people", "galindo-ceballos", "person_id", "kerlikowske")
    problems = [p for p in validate(package_copy) if p.file.endswith("people.csv")]
    assert len(problems) == 1
    assert problems[0].message == 'the id "kerlikowske" is used twice (also on row 2)'


def test_a_dangling_reference_names_the_missing_id(package_copy):
    set_cell(package_copy, "events", "reynosa-2016-07", "place_id", "reynosa-centro")
    problem = only_problem(package_copy)
    assert (problem.row, problem.field) == (3, "place_id")
    assert problem.message == '"reynosa-centro" does not match any place_id in places'


def test_blank_evidence_is_a_problem(package_copy):
    set_cell(package_copy, "quotes", "canales-each-side", "evidence", "   ")
    problem = only_problem(package_copy)
    assert (problem.field, problem.row) == ("evidence", 4)
    assert problem.message.startswith("is blank")


def test_empty_evidence_is_a_problem(package_copy):
    set_cell(package_copy, "quotes", "canales-each-side", "evidence", "")
    assert only_problem(package_copy).field == "evidence"


def test_an_event_without_a_summary_is_a_problem(package_copy):
    set_cell(package_copy, "events", "nogales-2016-08-04", "summary", "  ")
    problem = only_problem(package_copy)
    assert (problem.field, problem.row) == ("summary", 4)
    assert problem.message == "is blank: say in a sentence or two what happened there"
    set_cell(package_copy, "events", "nogales-2016-08-04", "summary", "")
    assert only_problem(package_copy).field == "summary"


def test_damaged_characters_in_a_name_are_a_problem(package_copy):
    set_cell(package_copy, "people", "canales", "name", "DamiΓ‘n Canales")
    problem = only_problem(package_copy)
    assert problem.field == "name"
    assert "damaged text" in problem.message


def test_a_file_that_is_not_utf8_names_its_line(package_copy):
    places = package_copy / "places.csv"
    places.write_bytes(
        places.read_bytes().replace("Ciudad de México".encode(), b"Ciudad de M\xe9xico")
    )
    problem = only_problem(package_copy)
    assert problem.file.endswith("places.csv")
    assert problem.row == 9
    assert "not UTF-8" in problem.message


def test_a_quote_whose_speaker_was_not_at_the_event_is_a_problem(package_copy):
    set_cell(package_copy, "quotes", "canales-each-side", "event_id", "nogales-2016-08-04")
    problem = only_problem(package_copy)
    assert problem.field == "person_id"
    assert "does not appear there" in problem.message


def test_speaking_on_behalf_of_someone_must_say_whom(package_copy):
    set_cell(package_copy, "appearances", "canales@tucson-2016-08-05", "on_behalf_of", "")
    assert only_problem(package_copy).field == "on_behalf_of"


def test_a_city_pair_must_span_two_countries(package_copy):
    set_cell(package_copy, "city_pairs", "mcallen-reynosa", "place_b_id", "san-diego")
    assert "binational" in only_problem(package_copy).message


def test_a_place_located_at_its_venue_must_name_the_venue(package_copy):
    set_cell(package_copy, "places", "pima-west-campus", "venue", "")
    problem = only_problem(package_copy)
    assert (problem.file.endswith("places.csv"), problem.row, problem.field) == (True, 2, "venue")
    assert "name the venue here" in problem.message


def test_an_unknown_enumeration_value_lists_the_allowed_ones(package_copy):
    set_cell(package_copy, "events", "mcallen-2016-07", "status", "cancelled")
    problem = only_problem(package_copy)
    assert problem.field == "status"
    assert problem.message == '"cancelled" is not one of the allowed values: held, planned'


def test_load_tour_raises_with_every_problem(package_copy):
    set_cell(package_copy, "events", "mcallen-2016-07", "status", "cancelled")
    set_cell(package_copy, "places", "mcallen", "latitude", "north")
    with pytest.raises(DatasetError) as raised:
        load_tour(package_copy)
    assert len(raised.value.problems) == 2


def test_problems_print_as_file_row_field_message():
    problem = Problem("data/events.csv", 4, "date_end", "ends before it starts")
    assert str(problem) == "data/events.csv:4:date_end: ends before it starts"
    assert str(Problem("data/q.csv", None, None, "the file is missing")) == (
        "data/q.csv:-:-: the file is missing"
    )


def test_cli_prints_ok_for_the_shipped_tour(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("OK")


def test_cli_prints_every_problem_and_exits_1(package_copy, capsys):
    set_cell(package_copy, "events", "nogales-2016-08-04", "date_end", "2016-08-03")
    assert main(["validate", str(package_copy)]) == 1
    printed = capsys.readouterr()
    assert printed.out.strip().splitlines() == [
        f"{package_copy / 'events.csv'}:4:date_end: ends (2016-08-03) before it starts (2016-08-04)"
    ]
    assert printed.err == f"1 problem found in {package_copy}.\n"


def test_typed_tables_have_dates_numbers_and_booleans(tour):
    assert str(tour.events["date_start"].dtype).startswith("datetime64")
    assert tour.places["latitude"].dtype == float
    assert tour.appearances["inferred"].dtype == bool
    assert str(tour.people["members"].dtype) == "Int64"


def test_the_fingerprint_is_the_same_for_the_same_contents_and_survives_a_copy(tour):
    again = load_tour()
    assert again is not tour
    assert again.fingerprint == tour.fingerprint
    # st.cache_data hands out pickled copies: the fingerprint travels with them.
    assert "fingerprint" in pickle.loads(pickle.dumps(tour)).__dict__


def test_the_fingerprint_changes_when_any_cell_changes(tour):
    places = tour.places.copy()
    places.loc[0, "name"] = places.loc[0, "name"] + " "
    assert replace(tour, places=places).fingerprint != tour.fingerprint
    assert replace(tour, description="other").fingerprint != tour.fingerprint
