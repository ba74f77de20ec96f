"""A package's enumerations against the dashboard's own (:mod:`goodwill.enums`).

A Table Schema may allow a code the dashboard has no meaning or label for: the package
then passes Frictionless and breaks a page. So an enumerated column's
``constraints.enum`` may list only codes the dashboard knows, and every value in the
column must be one of them, whether or not the schema lists any.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import pandas as pd

from goodwill.enums import ENUMERATED_FIELDS, ENUMERATIONS
from goodwill.problems import Problem


class _DeclaredEnum(NamedTuple):
    table: str
    column: str
    location: str  # where it is written in datapackage.json
    codes: list


def _declared_enums(descriptor: dict) -> Iterator[_DeclaredEnum]:
    """The ``constraints.enum`` of every enumerated column the descriptor declares."""
    for i, resource in enumerate(descriptor.get("resources", [])):
        schema = resource.get("schema") if isinstance(resource, dict) else None
        fields = schema.get("fields") if isinstance(schema, dict) else None
        for j, field in enumerate(fields if isinstance(fields, list) else []):
            if not isinstance(field, dict):
                continue
            key = (resource.get("name"), field.get("name"))
            constraints = field.get("constraints")
            codes = constraints.get("enum") if isinstance(constraints, dict) else None
            if key in ENUMERATED_FIELDS and isinstance(codes, list):
                yield _DeclaredEnum(
                    *key, f"resources[{i}].schema.fields[{j}].constraints.enum", codes
                )


def check_schema_enums(descriptor_file: str, descriptor: dict) -> list[Problem]:
    """Every code a schema allows in an enumerated column is one the dashboard knows."""
    problems = []
    for declared in _declared_enums(descriptor):
        known = ENUMERATIONS[ENUMERATED_FIELDS[(declared.table, declared.column)]]
        problems += [
            Problem(
                descriptor_file,
                None,
                declared.location,
                f'{declared.table}.{declared.column} allows "{code}", which the dashboard '
                f"does not know (it knows {', '.join(known)}): remove it, or add it to "
                "goodwill/enums.py, with its labels, first",
            )
            for code in declared.codes
            if code not in known
        ]
    return problems


def check_data_codes(
    tables: dict[str, pd.DataFrame], files: dict[str, str], descriptor: dict
) -> list[Problem]:
    """Every value of an enumerated column (tables as written, all text) is a code the
    dashboard knows. A value the schema's own ``enum`` refuses is Frictionless's to
    report, so it is not reported twice."""
    allowed_by_schema = {
        (declared.table, declared.column): [
            code for code in declared.codes if isinstance(code, str)
        ]
        for declared in _declared_enums(descriptor)
    }
    problems = []
    for (table, column), name in ENUMERATED_FIELDS.items():
        if table not in tables or column not in tables[table].columns:
            continue
        values = tables[table][column]
        unknown = values[(values != "") & ~values.isin(ENUMERATIONS[name])]
        if (table, column) in allowed_by_schema:
            unknown = unknown[unknown.isin(allowed_by_schema[(table, column)])]
        problems += [
            Problem(
                files[table],
                int(line),
                column,
                f'"{value}" is not one of the values the dashboard knows for {column}: '
                + ", ".join(ENUMERATIONS[name]),
            )
            for line, value in unknown.items()
        ]
    return problems
