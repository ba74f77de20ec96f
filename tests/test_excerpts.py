"""Verbatim excerpts are checked word for word against their source's text, where the
validator has it: the source notes always (they ship), the story when it is given."""

from pathlib import Path

import pytest

from goodwill.__main__ import main
from goodwill.dataset import validate
from goodwill.excerpts import STORY_VARIABLE, comparable, is_verbatim
from goodwill.paths import shipped_tour
from goodwill.problems import errors
from tests.helpers.packages import set_cell, set_translated_cell


@pytest.fixture
def story(tmp_path, received_story) -> Path:
    """The received story in a file, as an editor hands it to the validator."""
    file = tmp_path / "article_raw.txt"
    file.write_text(received_story, encoding="utf-8")
    return file


def word_for_word_problems(package: Path, story: Path | None = None) -> list[tuple[str, int, str]]:
    return [
        (Path(p.file).name, p.row, p.field)
        for p in errors(validate(package, story))
        if "word for word" in p.message
    ]


@pytest.mark.parametrize(
    ("excerpt", "text", "verbatim"),
    [
        ("they visited McAllen", "Then they visited McAllen, Texas.", True),
        # Line breaks and runs of spaces in either are one space.
        ("they visited\n McAllen", "Then they  visited McAllen.", True),
        ("they toured McAllen", "Then they visited McAllen, Texas.", False),
        # Parts joined by " … " are each found, in order.
        ("Outlet: A. … Author: B.", "Outlet: A. Address: x. Author: B.", True),
        ("Author: B. … Outlet: A.", "Outlet: A. Address: x. Author: B.", False),
        # The story's curly quote marks are not straight ones.
        ("“message of cooperation”", 'their "message of cooperation" to', False),
    ],
)
def test_an_excerpt_is_verbatim_when_every_part_is_in_the_text_in_order(excerpt, text, verbatim):
    assert is_verbatim(comparable(excerpt), comparable(text)) is verbatim


def test_the_shipped_tour_is_verbatim_in_the_story_and_the_notes(story):
    assert word_for_word_problems(shipped_tour(), story) == []


def test_an_altered_story_excerpt_is_reported_when_the_story_is_given(package_copy, story):
    altered = (
        "Traveling to sister cities in both countries with the 14-piece Mexican Federal Police "
        "Mariachi band and the 50-piece Mexican Federal Police Woodwind Symphony, they toured "
        "McAllen, Texas, and Reynosa, Tamaulipas, last month."
    )
    set_translated_cell(package_copy, "events", "mcallen-2016-07", "evidence", altered, "x")
    assert word_for_word_problems(package_copy, story) == [("events.csv", 2, "evidence")]
    # Without the story (it does not ship), the story's excerpts are not checked.
    assert word_for_word_problems(package_copy) == []


def test_an_altered_notes_excerpt_is_reported_without_being_asked(package_copy):
    set_cell(package_copy, "city_pairs", "mcallen-reynosa", "evidence", "McAllen faces Reynosa.")
    assert word_for_word_problems(package_copy) == [("city_pairs.csv", 2, "evidence")]


def test_a_summary_is_not_held_to_any_text(package_copy, story):
    # The Sentinel's evidence is the project's summary of a report it does not hold.
    set_translated_cell(
        package_copy, "events", "tucson-2016-08-05", "date_evidence", "Our own words.", "x"
    )
    assert word_for_word_problems(package_copy, story) == []


def test_only_a_source_cited_as_verbatim_is_checked(package_copy):
    set_cell(package_copy, "sources", "notes", "cited_as", "summary")
    set_cell(package_copy, "city_pairs", "mcallen-reynosa", "evidence", "McAllen faces Reynosa.")
    assert word_for_word_problems(package_copy) == []


def test_a_source_file_outside_the_package_is_never_read(package_copy, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text("Nothing of the tour.", encoding="utf-8")
    set_cell(package_copy, "sources", "notes", "url", "../elsewhere.md")
    assert word_for_word_problems(package_copy) == []


def test_the_command_line_takes_the_story_and_names_the_row(
    package_copy, story, capsys, monkeypatch
):
    monkeypatch.delenv(STORY_VARIABLE, raising=False)
    set_translated_cell(
        package_copy, "quotes", "canales-each-side", "evidence", "“In Mexico,” he said.", "x"
    )
    assert main(["validate", str(package_copy)]) == 0
    assert main(["validate", str(package_copy), "--story", str(story)]) == 1
    printed = capsys.readouterr().out
    assert "quotes.csv:4:evidence: is not word for word in" in printed
    # $GOODWILL_STORY gives it too.
    monkeypatch.setenv(STORY_VARIABLE, str(story))
    assert main(["validate", str(package_copy)]) == 1


def test_the_command_line_refuses_a_story_that_is_not_there(capsys):
    with pytest.raises(SystemExit):
        main(["validate", "--story", "/no/such/story.txt"])
    assert "no story text at /no/such/story.txt" in capsys.readouterr().err
