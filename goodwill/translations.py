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

from collections.abc import Mapping
from dataclasses import replace
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

import pandas as pd

from goodwill.citation import license_row_id, licenses_of
from goodwill.i18n import LANGUAGES, check_language

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
            "venue": _P,
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
            "summary": _P,
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


def translation_column(field: str) -> str:
    """The column of a tour in a reader's language that holds the project's translation of
    the source's words in ``field`` (missing where there is none)."""
    return f"{field}.translation"


def translations_required(descriptor: dict) -> bool:
    """Whether the package says every translation must be there (see the module)."""
    settings = descriptor.get(SETTINGS_PROPERTY)
    return isinstance(settings, dict) and settings.get(TRANSLATIONS_SETTING) == REQUIRED


def descriptor_texts(descriptor: dict) -> dict[tuple[str, str], tuple[str, str]]:
    """``(row_id, field) -> (where in datapackage.json, text)`` of every translatable text
    of the descriptor that is not empty."""
    texts = {
        (PACKAGE_ROW, name): (name, descriptor[name])
        for name in PACKAGE_TEXTS
        if isinstance(descriptor.get(name), str) and descriptor[name]
    }
    for i, license_ in enumerate(licenses_of(descriptor)):
        texts[(license_row_id(license_), "title")] = (f"licenses[{i}].title", license_.title)
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
    described = wanted[(wanted["table"] == DESCRIPTOR_TABLE) & (wanted["field"] == "title")]
    titles = {
        (row_id, original): text
        for row_id, original, text in zip(
            described["row_id"], described["original"], described["text"], strict=True
        )
    }
    licenses = tuple(
        replace(item, title=titles.get((license_row_id(item), item.title), item.title))
        for item in tour.licenses
    )
    return replace(tour, **tables, **texts, licenses=licenses)


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
