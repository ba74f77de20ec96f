"""The corrections log (changes.csv): checked by the validator, shown newest first."""

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from goodwill.changes import changes_markdown, check_changes
from goodwill.dataset import load_tour, validate
from goodwill.i18n import translator
from goodwill.problems import errors
from goodwill.translations import translated_tour
from tests.helpers.packages import edit_rows, set_cell


def problems_in(package: Path, file: str) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.field, p.message) for p in errors(validate(package)) if p.file.endswith(file)]


def test_the_first_change_is_the_first_release_and_every_source_exists(tour):
    oldest = tour.changes.sort_values("date").iloc[0]
    assert oldest["change_id"] == "initial-release"
    assert set(tour.changes["source_id"].dropna()) <= set(tour.sources["source_id"])
    assert (tour.changes["date"] <= pd.Timestamp(dt.date.today())).all()


def test_this_rounds_changes_to_the_data_are_logged(tour):
    logged = set(tour.changes["change_id"])
    expected = {"short-place-names", "event-summaries", "evidence-kinds", "date-anchor"}
    assert expected | {"changes-table"} <= logged


def test_a_change_in_the_future_is_refused(package_copy):
    set_cell(package_copy, "changes", "evidence-kinds", "date", "2999-01-01")
    assert problems_in(package_copy, "changes.csv") == [
        (6, "date", "2999-01-01 is in the future: log a change once it is made")
    ]


def test_the_future_is_counted_from_today():
    tables = {
        "sources": pd.DataFrame({"source_id": ["star"]}),
        "changes": pd.DataFrame(
            {"date": ["2026-11-30"], "what": ["x"], "why": ["y"], "source_id": [""]}, index=[2]
        ),
    }
    files = {"changes": "changes.csv"}
    assert check_changes(tables, files, today=lambda: dt.date(2026, 11, 30)) == []
    assert len(check_changes(tables, files, today=lambda: dt.date(2026, 11, 29))) == 1


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("date", "29/11/2026", "date"),
        ("what", "   ", "what"),
        ("why", "", "why"),
        ("source_id", "the-times", "source_id"),
    ],
)
def test_a_broken_change_is_named_by_row_and_field(package_copy, column, value, expected):
    set_cell(package_copy, "changes", "short-place-names", column, value)
    found = problems_in(package_copy, "changes.csv")
    assert found, f"{column}={value!r} passed"
    assert {(row, field) for row, field, _ in found} == {(3, expected)}


def test_a_change_of_the_projects_own_needs_no_source(package_copy):
    set_cell(package_copy, "changes", "short-place-names", "source_id", "")
    assert problems_in(package_copy, "changes.csv") == []


def test_a_package_without_a_log_is_valid_and_has_no_changes(package_copy):
    (package_copy / "changes.csv").unlink()
    descriptor_file = package_copy / "datapackage.json"
    descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "changes"]
    descriptor_file.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    edit_rows(
        package_copy,
        "translations",
        lambda rows: [r for r in rows if "changes" not in (r["table"], r["row_id"].split(".")[0])],
    )
    tour = load_tour(package_copy)
    assert tour.changes.empty
    assert changes_markdown(tour, translator("en")) == []


def test_the_log_reads_newest_first_with_why_and_source(tour):
    lines = changes_markdown(tour, translator("en"))
    assert len(lines) == len(tour.changes)
    assert lines[-1].startswith("- **28 November 2026**: First release")
    assert "*Why: To map the tour the story reports" in lines[-1]
    assert "(Source: Arizona Daily Star" in lines[-1]


def test_the_log_reads_in_spanish_in_spanish(tour):
    lines = changes_markdown(translated_tour(tour, "es"), translator("es"))
    assert lines[-1].startswith("- **28 de noviembre de 2026**: Primera publicación")
    assert "*Por qué: Para trazar en el mapa" in lines[-1]
