"""One list of codes per enumeration (goodwill.enums), and the shipped package agrees."""

import pytest

from goodwill.dataset import REQUIRED_FIELDS, read_descriptor
from goodwill.enums import ENUMERATED_FIELDS, ENUMERATIONS
from goodwill.paths import shipped_tour

SCHEMA_FIELDS = {
    (resource["name"], field["name"]): field
    for resource in read_descriptor(shipped_tour())["resources"]
    for field in resource["schema"]["fields"]
}


def test_every_enumeration_has_a_column_and_every_column_one_enumeration():
    assert sorted(set(ENUMERATED_FIELDS.values())) == sorted(ENUMERATIONS)
    assert len(set(ENUMERATED_FIELDS.values())) == len(ENUMERATED_FIELDS)


@pytest.mark.parametrize(("table", "column"), ENUMERATED_FIELDS)
def test_every_enumerated_column_is_one_the_dashboard_reads(table, column):
    assert column in REQUIRED_FIELDS[table]


@pytest.mark.parametrize(("table", "column"), ENUMERATED_FIELDS)
def test_the_shipped_schema_allows_exactly_the_codes_of_the_dashboard(table, column):
    constraints = SCHEMA_FIELDS[(table, column)].get("constraints", {})
    if "enum" in constraints:
        assert tuple(constraints["enum"]) == ENUMERATIONS[ENUMERATED_FIELDS[(table, column)]]


@pytest.mark.parametrize(("table", "column"), ENUMERATED_FIELDS)
def test_the_shipped_data_uses_only_the_dashboards_codes(tour, table, column):
    used = set(getattr(tour, table)[column].dropna())
    assert used <= set(ENUMERATIONS[ENUMERATED_FIELDS[(table, column)]])


def test_codes_are_unique_lowercase_words_within_each_enumeration():
    for name, codes in ENUMERATIONS.items():
        assert len(set(codes)) == len(codes), name
        assert all(code == code.lower() and " " not in code for code in codes), name
