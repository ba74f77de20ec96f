"""Specification of the translation layer: complete catalogs, strict lookups, labels, countries."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from goodwill.enums import ENUMERATIONS
from goodwill.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Translator,
    catalog,
    country_name,
    label,
    placeholders,
    translator,
)

LOCALES = Path(__file__).resolve().parent.parent / "goodwill" / "locales"

ENUMERATION_VALUES = [(name, value) for name, values in ENUMERATIONS.items() for value in values]


def all_keys() -> list[str]:
    return sorted(set().union(*(catalog(lang).keys() for lang in LANGUAGES)))


def test_languages_are_english_and_spanish_with_english_as_default():
    assert LANGUAGES == ("en", "es")
    assert DEFAULT_LANGUAGE == "en"


@pytest.mark.parametrize(("lang", "other"), [("en", "es"), ("es", "en")])
def test_every_key_of_one_catalog_exists_in_the_other(lang, other):
    missing = sorted(catalog(lang).keys() - catalog(other).keys())
    assert missing == [], f"keys of {lang}.json missing from {other}.json"


@pytest.mark.parametrize("key", all_keys())
def test_placeholders_match_between_languages(key):
    found = {lang: placeholders(catalog(lang)[key]) for lang in LANGUAGES}
    assert found["en"] == found["es"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_file_is_a_flat_object_of_non_empty_strings_sorted_by_key(lang):
    data = json.loads((LOCALES / f"{lang}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    assert all(isinstance(v, str) and v.strip() for v in data.values())
    assert list(data) == sorted(data), "keep the catalog sorted by key"


# Keys the pages rely on; others may add keys, but these must not disappear.
UI_KEYS = [
    "app.title",
    "app.subtitle",
    "sidebar.language",
    "sidebar.country",
    "sidebar.date_range",
    "sidebar.status",
    "sidebar.all",
    "page.map",
    "page.people",
    "page.timeline",
    "page.quotes",
    "page.sources",
    "field.source",
    "field.evidence",
    "field.inferred",
    "field.inferred_from",
    "field.date",
    "field.place",
    "field.venue",
    "field.audience",
    "field.officials",
    "field.ensembles",
    "field.quotes",
    "events.none_match",
    "errors.load_failed",
    "errors.problems_found.one",
    "errors.problems_found.other",
    "notice.bad_url_parameter",
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", UI_KEYS)
def test_catalog_has_the_ui_keys_the_pages_use(key, lang):
    assert key in catalog(lang)


@pytest.mark.parametrize(
    ("lang", "key", "expected"),
    [
        ("en", "app.title", "Goodwill Tour Map"),
        ("es", "app.title", "Mapa de la Gira de Buena Voluntad"),
        ("en", "page.sources", "Sources & data"),
        ("es", "page.sources", "Fuentes y datos"),
        ("en", "events.none_match", "No events match the filters"),
        ("en", "errors.load_failed", "The data could not be loaded"),
        ("es", "errors.load_failed", "No se pudieron cargar los datos"),
    ],
)
def test_translator_returns_the_catalog_text(lang, key, expected):
    assert Translator(lang)(key) == expected
    assert translator(lang).t(key) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Ignored the link parameter lang=fr: not a supported language"),
        ("es", "Se ignoró el parámetro del enlace lang=fr: not a supported language"),
    ],
)
def test_translator_fills_placeholders(lang, expected):
    text = translator(lang)(
        "notice.bad_url_parameter", name="lang", value="fr", reason="not a supported language"
    )
    assert text == expected


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 1, "1 problem found in data/events.csv"),
        ("en", 3, "3 problems found in data/events.csv"),
        ("en", 1234, "1,234 problems found in data/events.csv"),
        ("es", 1, "Se encontró 1 problema en data/events.csv"),
        ("es", 3, "Se encontraron 3 problemas en data/events.csv"),
        # CLDR puts a million in Spanish's "many" category; it falls back to "other".
        ("es", 1_000_000, "Se encontraron 1,000,000 problemas en data/events.csv"),
    ],
)
def test_plural_picks_the_form_that_fits_the_count(lang, count, expected):
    assert (
        translator(lang).plural("errors.problems_found", count, path="data/events.csv") == expected
    )


def test_missing_key_raises_key_error():
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        translator("en")("no.such.key")


def test_missing_placeholder_value_raises_key_error():
    with pytest.raises(KeyError):
        translator("en")("notice.bad_url_parameter", name="lang")


@pytest.mark.parametrize("lang", ["fr", "EN", "", "es-MX"])
def test_unknown_language_raises_value_error(lang):
    with pytest.raises(ValueError, match="unknown language"):
        Translator(lang)
    with pytest.raises(ValueError, match="unknown language"):
        label("event_status", "held", lang)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("enum_name", "value"), ENUMERATION_VALUES)
def test_every_enumeration_value_has_a_label_in_every_language(enum_name, value, lang):
    text = label(enum_name, value, lang)
    assert text.strip()
    assert text == translator(lang).label(enum_name, value)


@pytest.mark.parametrize(
    ("enum_name", "value", "lang", "expected"),
    [
        ("event_kind", "tour-stop", "en", "Tour stop"),
        ("event_kind", "tour-stop", "es", "Escala de la gira"),
        ("event_status", "planned", "es", "Previsto"),
        ("quote_kind", "full-quote", "es", "Cita textual"),
        ("reported_language", "en", "en", "reported in English"),
        ("reported_language", "en", "es", "citado en inglés"),
        ("topic", "migration-from-central-america", "es", "Migración desde Centroamérica"),
    ],
)
def test_label_wording(enum_name, value, lang, expected):
    assert label(enum_name, value, lang) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_labels_within_an_enumeration_are_distinct(lang):
    for name, values in ENUMERATIONS.items():
        labels = [label(name, value, lang) for value in values]
        assert len(set(labels)) == len(labels), name


@pytest.mark.parametrize(
    ("enum_name", "value"),
    [("event_status", "cancelled"), ("event_kind", "held"), ("no_such_enum", "held")],
)
def test_unknown_enumeration_or_code_raises_key_error(enum_name, value):
    with pytest.raises(KeyError):
        label(enum_name, value, "en")


@pytest.mark.parametrize(
    ("iso_a2", "lang", "expected"),
    [
        ("MX", "en", "Mexico"),
        ("MX", "es", "México"),
        ("US", "en", "United States"),
        ("US", "es", "Estados Unidos"),
        ("mx", "es", "México"),
        ("GT", "es", "Guatemala"),
    ],
)
def test_country_name_comes_from_babel(iso_a2, lang, expected):
    assert country_name(iso_a2, lang) == expected
    assert translator(lang).country_name(iso_a2) == expected


@pytest.mark.parametrize("iso_a2", ["XX", "USA", "419", ""])
def test_unknown_country_code_raises_key_error(iso_a2):
    with pytest.raises(KeyError):
        country_name(iso_a2, "en")


def test_country_name_in_unknown_language_raises_value_error():
    with pytest.raises(ValueError, match="unknown language"):
        country_name("MX", "fr")


def test_wording_layer_does_not_import_streamlit():
    # The domain package must stay usable (and testable) without the UI framework; a fresh
    # interpreter is needed because other tests may already have imported Streamlit.
    code = "import sys, goodwill.i18n, goodwill.dates; sys.exit('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=LOCALES.parents[1], check=False)
    assert result.returncode == 0
