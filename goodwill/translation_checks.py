"""The translations' checks: ``translations.csv`` against the cells it translates.

Run by the validator (:mod:`goodwill.dataset`) on the tables as written (all text), after
every other check, so that a cell with a problem of its own is not also reported through
its translations. What a translation is, and which fields have one, is
:mod:`goodwill.translations`'.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd
from babel import Locale

from goodwill.i18n import LANGUAGES
from goodwill.problems import Problem
from goodwill.story import damaged_fragments
from goodwill.translations import (
    DESCRIPTOR_TABLE,
    OPTIONAL,
    PACKAGE_TEXTS,
    REQUIRED,
    ROW_IDS,
    SETTINGS_PROPERTY,
    TARGET_LANGUAGES,
    TRANSLATED_FIELDS,
    TRANSLATIONS_SETTING,
    TRANSLATIONS_TABLE,
    descriptor_texts,
    translations_required,
)

# A {name} in a text: none in the shipped tour, but should a text hold one, its
# translation must keep it. Data text is not a format string: an unmatched brace is just
# a character (and never an error here).
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")
# The validator speaks English (its problems name English columns and files).
_LANGUAGE_NAMES = {lang: Locale.parse("en").languages[lang] for lang in LANGUAGES}


def placeholders(text: str) -> frozenset[str]:
    """The names of the ``{name}`` placeholders in a text of the data."""
    return frozenset(_PLACEHOLDER.findall(text))


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
        for line, row in zip(translations.index, translations.to_dict("records"), strict=True):
            problems += _row_problems(row, originals, file, int(line), required)
            translated.add((row["table"], row["row_id"], row["field"], row["lang"]))
    problems += _missing(originals, translated, files, descriptor, descriptor_file, required)
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
    required: bool,
) -> list[Problem]:
    """A problem for every translatable cell without a translation (a stale one is the
    translation's own problem): each one an error when translations are required, else
    one warning per field and language."""
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
