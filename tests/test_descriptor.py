"""The description of a package, read within limits and held inside its folder
(goodwill/descriptor.py), and the addresses a source may have (goodwill/expectations.py):
table-style cases, each odd one saying why it is there."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from goodwill.descriptor import MAX_DESCRIPTOR_BYTES, closed_world_problems, nesting_depth
from goodwill.expectations import address_problem
from goodwill.tables import TABLES
from goodwill.text import shown_host, web_link


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("{}", 1),
        ('{"a": [1, {"b": []}]}', 4),
        ('{"a": "[[[[{{{{"}', 1),  # brackets inside text are text
        ('{"a": "x\\"[[[", "b": [[1]]}', 3),  # an escaped quote mark does not end the text
        ('{"a": "\\\\", "b": [[1]]}', 3),  # an escaped backslash does not escape the quote
        ('{"a": "open [[[', 1),  # a string left open runs to the end
        ("7", 0),
    ],
)
def test_nesting_is_counted_outside_strings(text, depth):
    assert nesting_depth(text) == depth


@pytest.mark.parametrize(
    "unit",
    [
        '"\\',  # a quote mark then a backslash, over and over: every quote escaped but the first
        '"a',  # half a million strings
        "[",  # half a million levels
        '"' + "\\" * 7,
    ],
)
def test_nesting_of_a_megabyte_is_counted_in_linear_time(unit):
    text = unit * (MAX_DESCRIPTOR_BYTES // len(unit))
    started = time.perf_counter()
    nesting_depth(text)
    # Measured under half a second; a pattern that backtracked took minutes.
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("path", "inside"),
    [
        ("sources.csv", True),
        ("tables/sources.csv", True),  # a subfolder of the package
        ("./sources.csv", True),
        ("../tour/sources.csv", False),  # out and back in: still refused, by its text
        ("../../etc/passwd", False),
        ("tables/../../x.csv", False),
        ("/etc/passwd", False),
        ("~/x.csv", False),
        ("..\\..\\x.csv", False),  # a Windows way out
        ("C:\\x.csv", False),  # reads as an address (scheme "c"), as Frictionless reads it
        ("file:///etc/passwd", False),
        ("http://127.0.0.1:9/x.csv", False),
        ("s3://bucket/x.csv", False),
        ("http://[", False),  # not even a valid address
        ("", False),
        ("   ", False),
        ("x\x00.csv", False),
        (".", False),  # the folder itself
    ],
)
def test_a_table_path_must_stay_inside_the_package(tmp_path: Path, path, inside):
    package = tmp_path / "tour"
    (package / "tables").mkdir(parents=True)
    (package / "sources.csv").write_text("source_id\n", encoding="utf-8")
    (package / "tables" / "sources.csv").write_text("source_id\n", encoding="utf-8")
    descriptor = {"resources": [{"name": "sources", "path": path}]}
    problems = closed_world_problems(descriptor, package, "datapackage.json")
    assert (problems == []) is inside, problems
    assert all(problem.field == "resources[0].path" for problem in problems)


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("https://thisistucson.com/news/local/article.html", True),
        ("HTTP://EXAMPLE.ORG/", True),
        ("source-notes.md", True),  # a file of the package
        ("missing-notes.md", False),  # a file the package does not have
        ("javascript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("file:///etc/passwd", False),
        ("ftp://example.org/x", False),
        ("https://", False),  # no host
        ("https://www.cbp.gov@elsewhere.example/", False),  # the host is elsewhere.example
        ("https://example.org/a b", False),
        ("//elsewhere.example/x", False),  # scheme-relative: a host, not a file
        ("../outside.md", False),
        ("/etc/passwd", False),
    ],
)
def test_a_source_address_is_a_web_address_or_a_file_of_the_package(tour, url, accepted):
    assert (address_problem(url, tour.path) is None) is accepted


def test_a_link_shows_where_it_goes_with_a_look_alike_host_in_ascii():
    link = web_link("CBP", "https://www.cbp.g\u043ev/newsroom")
    assert link == "[CBP · www\\.cbp\\.xn\\-\\-gv\\-fmc](https://www.cbp.g%D0%BEv/newsroom)"
    assert shown_host("https://THISISTUCSON.com:443/x") == "thisistucson.com"
    assert web_link("x", "javascript:alert(1)") is None
    assert web_link("x", "https://www.cbp.gov@elsewhere.example/") is None


def test_every_whole_number_the_dashboard_reads_has_bounds_it_can_hold():
    # The loader reads whole numbers as 64-bit integers (through a float): the bounds keep
    # a 30-digit "audience" a problem, not an overflow.
    for table, columns in TABLES.items():
        for name, column in columns.items():
            if column.type == "integer":
                low, high = column.bounds
                assert -(2**53) < low <= high < 2**53, (table, name)
