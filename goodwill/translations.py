"""The data's words in the reader's language: ``translations.csv``, and the tour as a reader
of each language sees it.

A tour's tables are written in one language, :data:`DATA_LANGUAGE`. Each free-text field
the dashboard shows is one of two kinds (:data:`TRANSLATED_FIELDS`):

- **the project's own wording** (:attr:`Wording.PROJECT`): notes on coordinates and dates,
  what a source is used for, titles and organisations, audience descriptions, place names.
  A reader of another language reads the translation *instead*.
- **the source's words** (:attr:`Wording.SOURCE`): quotes, evidence excerpts, headlines,
  the story's own words for a date. They stay what the source wrote, marked with their
  language, and the project's translation is shown *beside* them, said to be the
  project's, never the speaker's or the newspaper's.

Not translated at all: authors, addresses, ids and codes, and what the dashboard does not
show. (People's names are the project's wording only so that an ensemble's can be said in
Spanish; a person's translation is their name.)

A translation is one row of ``translations.csv``: the ``table``, ``row_id`` and ``field``
of the cell it translates, its ``lang``, the ``original`` text it was made from, and the
translated ``text``. The texts of ``datapackage.json`` itself (the tour's title,
description, rights, and each field's description in the data dictionary) are translated
the same way, with ``table`` = ``datapackage`` (:data:`DESCRIPTOR_TABLE`).

A translation whose ``original`` no longer matches the cell is stale: it is reported like a
missing one and never shown. Whether missing (and stale) translations are errors or
warnings is the package's own setting, ``"x-goodwill": {"translations": "required"}`` in
``datapackage.json`` (the shipped tour says so); without it they are warnings, so a new
tour can be shown before it is translated, in its own language.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import replace
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

import pandas as pd
from babel import Locale

from goodwill.i18n import LANGUAGES, check_language
from goodwill.problems import Problem
from goodwill.story import damaged_fragments

if TYPE_CHECKING:
    from goodwill.dataset import Tour

#: The language every table of a tour is written in.
DATA_LANGUAGE = "en"
#: The languages a tour is translated into.
TARGET_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != DATA_LANGUAGE)

TRANSLATIONS_TABLE = "translations"
TRANSLATION_COLUMNS = ("table", "row_id", "field", "lang", "original", "text")
#: The ``table`` of a translation of ``datapackage.json``'s own texts.
DESCRIPTOR_TABLE = "datapackage"
#: The ``row_id`` of the package itself (its title, description and rights); a field's
#: description in the data dictionary has ``<table>.<field>``.
PACKAGE_ROW = "package"
PACKAGE_TEXTS = ("title", "description", "rights")

#: The package setting that makes every translation required (see the module's docstring).
SETTINGS_PROPERTY = "x-goodwill"
TRANSLATIONS_SETTING = "translations"
REQUIRED, OPTIONAL = "required", "optional"


class Wording(StrEnum):
    PROJECT = "project"  # shown translated, instead of the data language's text
    SOURCE = "source"  # shown as written, with the project's translation beside it


#: The sentence that ends the description of each translated field in datapackage.json,
#: so that the data dictionary says which kind of words a field holds.
WORDING_NOTES: Mapping[Wording, str] = MappingProxyType(
    {
        Wording.PROJECT: "The project's wording: readers of another language read its "
        "translation (translations.csv) instead.",
        Wording.SOURCE: "The source's words: always shown as written, with the project's "
        "translation (translations.csv) beside them.",
    }
)

_P, _S = Wording.PROJECT, Wording.SOURCE
#: Every field of every table the dashboard shows as text, and whose words it holds. (The
#: evidence of sources.csv and city_pairs.csv is not shown: it is not translated.)
TRANSLATED_FIELDS: Mapping[str, Mapping[str, Wording]] = MappingProxyType(
    {
        "sources": {"outlet": _P, "headline": _S, "used_for": _P},
        "places": {
            "name": _P,
            "locality": _P,
            "admin_area": _P,
            "coordinates_note": _P,
            "evidence": _S,
        },
        "events": {
            "date_words": _S,
            "date_resolution": _P,
            "date_evidence": _S,
            "venue": _P,
            "audience": _P,
            "evidence": _S,
        },
        "people": {"name": _P, "role": _P, "organisation": _P, "evidence": _S},
        "appearances": {"inference_note": _P, "evidence": _S},
        "quotes": {"text": _S, "evidence": _S},
    }
)
#: The column that identifies a row of each table: a translation's ``row_id``.
ROW_IDS: Mapping[str, str] = MappingProxyType(
    {
        "sources": "source_id",
        "places": "place_id",
        "events": "event_id",
        "people": "person_id",
        "appearances": "appearance_id",
        "quotes": "quote_id",
    }
)
# A {name} in a text: none in the shipped tour, but one that a tool of an editor's fills
# in must survive translation. Data text is not a format string: an unmatched brace is
# just a character (and never an error here).
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")


def placeholders(text: str) -> frozenset[str]:
    """The names of the ``{name}`` placeholders in a text of the data."""
    return frozenset(_PLACEHOLDER.findall(text))


# The validator speaks English (its problems name English columns and files).
_LANGUAGE_NAMES = {lang: Locale.parse("en").languages[lang] for lang in LANGUAGES}


def translation_column(field: str) -> str:
    """The column of a tour in a reader's language that holds the project's translation of
    the source's words in ``field`` (missing where there is none)."""
    return f"{field}.translation"


def translations_required(descriptor: dict) -> bool:
    """Whether the package says every translation must be there (see the module)."""
    settings = descriptor.get(SETTINGS_PROPERTY)
    return isinstance(settings, dict) and settings.get(TRANSLATIONS_SETTING) == REQUIRED


# --------------------------------------------------------------------------- checks


def _rows(frame: pd.DataFrame) -> Iterator[tuple[int, dict[str, str]]]:
    columns = list(frame.columns)
    values = zip(*(frame[column].tolist() for column in columns), strict=True)
    for number, row in zip(frame.index, values, strict=True):
        yield int(number), dict(zip(columns, row, strict=True))


def descriptor_texts(descriptor: dict) -> dict[tuple[str, str], tuple[str, str]]:
    """``(row_id, field) -> (where in datapackage.json, text)`` of every translatable text
    of the descriptor that is not empty."""
    texts = {
        (PACKAGE_ROW, name): (name, descriptor[name])
        for name in PACKAGE_TEXTS
        if isinstance(descriptor.get(name), str) and descriptor[name]
    }
    for i, resource in enumerate(descriptor.get("resources", [])):
        schema = resource.get("schema") if isinstance(resource, dict) else None
        fields = schema.get("fields") if isinstance(schema, dict) else None
        for j, field in enumerate(fields if isinstance(fields, list) else []):
            description = field.get("description") if isinstance(field, dict) else None
            if isinstance(description, str) and description:
                row_id = f"{resource.get('name')}.{field.get('name')}"
                texts[(row_id, "description")] = (
                    f"resources[{i}].schema.fields[{j}].description",
                    description,
                )
    return texts


def check_translations(
    tables: dict[str, pd.DataFrame],
    files: dict[str, str],
    descriptor: dict,
    descriptor_file: str,
    broken: Collection[tuple[str, int | None, str | None]] = (),
) -> list[Problem]:
    """Every problem of the package's translations (tables as written, all text):

    - a row of ``translations.csv`` that names no translatable cell, is in a language the
      dashboard does not offer, translates an empty cell, is blank, carries encoding damage
      or other ``{placeholders}`` than its original;
    - a translatable cell with no translation in a language, or only a stale one: an error
      when the package requires translations, else one warning per field and language.

    A cell with a problem of its own (``broken``: the file, row and field of every problem
    found so far) is not compared with its translations: what it should say is not known
    yet, and its own problem says what to fix first.
    """
    problems = _settings_problems(descriptor, descriptor_file)
    required = translations_required(descriptor)
    originals = _originals(tables, descriptor, files, set(broken))
    translations = tables.get(TRANSLATIONS_TABLE)
    # Cells with a translation (current or stale), by (table, row id, field, lang).
    translated: set[tuple[str, str, str, str]] = set()
    if translations is not None:
        file = files[TRANSLATIONS_TABLE]
        for line, row in _rows(translations):
            problems += _row_problems(row, originals, file, line, required)
            translated.add((row["table"], row["row_id"], row["field"], row["lang"]))
    problems += _missing(originals, translated, files, descriptor, descriptor_file)
    return problems


def _settings_problems(descriptor: dict, descriptor_file: str) -> list[Problem]:
    settings = descriptor.get(SETTINGS_PROPERTY)
    if settings is None:
        return []
    value = settings.get(TRANSLATIONS_SETTING, OPTIONAL) if isinstance(settings, dict) else None
    if value in (REQUIRED, OPTIONAL):
        return []
    return [
        Problem(
            descriptor_file,
            None,
            f"{SETTINGS_PROPERTY}.{TRANSLATIONS_SETTING}",
            f'must be "{REQUIRED}" or "{OPTIONAL}", as in '
            f'"{SETTINGS_PROPERTY}": {{"{TRANSLATIONS_SETTING}": "{REQUIRED}"}}',
        )
    ]


# (table, field) -> {row id: (line in the file, text)}; the descriptor's are under
# DESCRIPTOR_TABLE with line None. The text of a cell with a problem of its own is None.
_Originals = dict[tuple[str, str], dict[str, tuple[int | None, str | None]]]


def _originals(
    tables: dict[str, pd.DataFrame],
    descriptor: dict,
    files: dict[str, str],
    broken: set[tuple[str, int | None, str | None]],
) -> _Originals:
    """Every translatable cell's text, by table and field, then row id: ``None`` for a
    cell in ``broken``."""
    originals: _Originals = {}
    for table, fields in TRANSLATED_FIELDS.items():
        frame = tables.get(table)
        if frame is None or ROW_IDS[table] not in frame.columns:
            continue
        ids = frame[ROW_IDS[table]].tolist()
        for field in fields:
            if field in frame.columns:
                originals[(table, field)] = {
                    row_id: (
                        int(line),
                        None if (files[table], int(line), field) in broken else text,
                    )
                    for row_id, line, text in zip(ids, frame.index, frame[field], strict=True)
                }
    for (row_id, field), (_, text) in descriptor_texts(descriptor).items():
        originals.setdefault((DESCRIPTOR_TABLE, field), {})[row_id] = (None, text)
    return originals


def _row_problems(
    row: dict[str, str], originals: _Originals, file: str, line: int, required: bool
) -> list[Problem]:
    """What is wrong with one row of translations.csv. A stale translation (its original
    is no longer the cell's text) is an error when translations are required, else a
    warning."""
    table, field, lang, text = row["table"], row["field"], row["lang"], row["text"]
    if table not in TRANSLATED_FIELDS and table != DESCRIPTOR_TABLE:
        tables = ", ".join([*TRANSLATED_FIELDS, DESCRIPTOR_TABLE])
        return [Problem(file, line, "table", f'"{table}" is not one of: {tables}')]
    if (table, field) not in originals:
        allowed = list(TRANSLATED_FIELDS[table]) if table in TRANSLATED_FIELDS else [*PACKAGE_TEXTS]
        message = f'"{field}" is not a translated field of {table}: ' + ", ".join(allowed)
        return [Problem(file, line, "field", message)]
    problems = []
    if lang not in TARGET_LANGUAGES:
        problems.append(
            Problem(
                file,
                line,
                "lang",
                f'"{lang}" is not a language the data is translated into: '
                + ", ".join(TARGET_LANGUAGES),
            )
        )
    cells = originals[(table, field)]
    line_of_cell, cell = cells.get(row["row_id"], (None, None))
    if row["row_id"] not in cells:
        where = f"{table}.csv" if table in ROW_IDS else "datapackage.json"
        key = ROW_IDS.get(table, "text")
        problems.append(
            Problem(file, line, "row_id", f'no {key} "{row["row_id"]}" in {where} has a {field}')
        )
    elif cell == "":
        problems.append(
            Problem(file, line, "row_id", f"its {field} is empty: there is nothing to translate")
        )
    elif cell is not None and row["original"] != cell:
        where = f"row {line_of_cell}" if line_of_cell is not None else "datapackage.json"
        problems.append(
            Problem(
                file,
                line,
                "original",
                f"is stale: the {field} ({where}) has changed since it was translated, and now "
                f'reads "{_shortened(cell)}": translate it again, and copy it here',
                warning=not required,
            )
        )
    if text != "" and not text.strip():
        problems.append(Problem(file, line, "text", "is blank: write the translation"))
    if fragments := damaged_fragments(text):
        problems.append(
            Problem(
                file,
                line,
                "text",
                f'contains "{fragments[0]}", which looks like damaged text: write the true '
                "characters (for example “ or á)",
            )
        )
    if placeholders(row["original"]) != placeholders(text):
        problems.append(
            Problem(
                file,
                line,
                "text",
                "must keep the {placeholders} of its original: "
                + (", ".join(sorted(placeholders(row["original"]))) or "none"),
            )
        )
    return problems


def _shortened(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _missing(
    originals: _Originals,
    translated: set[tuple[str, str, str, str]],
    files: dict[str, str],
    descriptor: dict,
    descriptor_file: str,
) -> list[Problem]:
    """A problem for every translatable cell without a translation (a stale one is the
    translation's own problem): each one an error when translations are required, else
    one warning per field and language."""
    required = translations_required(descriptor)
    locations = {key: location for key, (location, _) in descriptor_texts(descriptor).items()}
    problems = []
    untouched = [lang for lang in TARGET_LANGUAGES if all(key[3] != lang for key in translated)]
    if not required:
        # One warning for a language nothing is translated into, not one per field.
        problems += [
            Problem(
                files.get(TRANSLATIONS_TABLE, descriptor_file),
                None,
                None,
                f"nothing is translated into {_LANGUAGE_NAMES[lang]}: its readers see the "
                "whole tour in the data's language",
                warning=True,
            )
            for lang in untouched
        ]
    for (table, field), cells in originals.items():
        file = files.get(table, descriptor_file)
        for lang in TARGET_LANGUAGES:
            if lang in untouched and not required:
                continue
            untranslated = [
                (row_id, line)
                for row_id, (line, text) in cells.items()
                if text and (table, row_id, field, lang) not in translated
            ]
            if not untranslated:
                continue
            language = _LANGUAGE_NAMES[lang]
            if required:
                problems += [
                    Problem(
                        file,
                        line,
                        field if line is not None else locations[(row_id, field)],
                        f"has no {language} translation: add a row {table},{row_id},{field},"
                        f"{lang} to translations.csv, with this text as its original",
                    )
                    for row_id, line in untranslated
                ]
            else:
                lines = [line for _, line in untranslated if line is not None]
                rows = f" ({'rows' if len(lines) > 1 else 'row'} {_ranges(lines)})" if lines else ""
                total = sum(1 for _, text in cells.values() if text)
                problems.append(
                    Problem(
                        file if lines else descriptor_file,
                        None,
                        field,
                        f"no {language} translation for {len(untranslated)} of its {total} "
                        f"texts{rows}: {language} readers see them in the data's language",
                        warning=True,
                    )
                )
    return problems


def _ranges(lines: list[int], shown: int = 8) -> str:
    """``2-5, 9, 12`` for the first ``shown`` runs of line numbers, then "and N more"."""
    runs: list[list[int]] = []
    for line in sorted(lines):
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    words = [f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs[:shown]]
    rest = sum(len(run) for run in runs[shown:])
    return ", ".join(words) + (f" and {rest} more" if rest else "")


# --------------------------------------------------------------------------- reading


def translated_tour(tour: Tour, lang: str) -> Tour:
    """``tour`` as a reader of ``lang`` sees it.

    The project's own wording is replaced by its current translation into ``lang`` (and
    stays in the data's language where there is none); each field of the source's words
    gains a :func:`translation_column` with the project's translation (missing where there
    is none, and always in the data's own language). The tour's title, description and
    rights are translated too. The tables keep their rows and index.
    """
    check_language(lang)
    wanted = tour.translations[tour.translations["lang"] == lang]
    tables = {}
    for table, fields in TRANSLATED_FIELDS.items():
        frame = getattr(tour, table)
        columns = {}
        for field, wording in fields.items():
            translated = _current(wanted, table, field, frame[ROW_IDS[table]], frame[field])
            if wording is Wording.PROJECT:
                columns[field] = translated.where(translated.notna(), frame[field])
            else:
                columns[translation_column(field)] = translated
        tables[table] = frame.assign(**columns)
    package = wanted[(wanted["table"] == DESCRIPTOR_TABLE) & (wanted["row_id"] == PACKAGE_ROW)]
    current = {
        field: text
        for field, original, text in zip(
            package["field"], package["original"], package["text"], strict=True
        )
        if field in PACKAGE_TEXTS and original == getattr(tour, field)
    }
    texts = {name: current.get(name, getattr(tour, name)) for name in PACKAGE_TEXTS}
    return replace(tour, **tables, **texts)


def _current(
    translations: pd.DataFrame, table: str, field: str, ids: pd.Series, originals: pd.Series
) -> pd.Series:
    """The current translation of each cell of ``field`` (``ids`` and their ``originals``),
    as an object column: ``None`` where there is no translation, or only a stale one."""
    mine = translations[(translations["table"] == table) & (translations["field"] == field)]
    keys = pd.DataFrame({"row_id": ids.to_numpy(), "original": originals.to_numpy()})
    found = keys.merge(
        mine[["row_id", "original", "text"]].drop_duplicates(["row_id", "original"]),
        on=["row_id", "original"],
        how="left",
    )
    text = found["text"].astype(object)
    return pd.Series(text.where(text.notna(), None).to_numpy(), index=ids.index, dtype=object)


def translated_descriptor(descriptor: dict, translations: pd.DataFrame, lang: str) -> dict:
    """A copy of ``descriptor`` whose field descriptions are in ``lang`` where a current
    translation says so (for the data dictionary)."""
    check_language(lang)
    wanted = translations[
        (translations["lang"] == lang)
        & (translations["table"] == DESCRIPTOR_TABLE)
        & (translations["field"] == "description")
    ]
    by_original = {
        (row_id, original): text
        for row_id, original, text in zip(
            wanted["row_id"], wanted["original"], wanted["text"], strict=True
        )
    }
    resources = []
    for resource in descriptor.get("resources", []):
        schema = resource.get("schema", {})
        fields = [
            {
                **field,
                "description": by_original.get(
                    (f"{resource.get('name')}.{field.get('name')}", field.get("description")),
                    field.get("description", ""),
                ),
            }
            for field in schema.get("fields", [])
        ]
        resources.append({**resource, "schema": {**schema, "fields": fields}})
    return {**descriptor, "resources": resources}
