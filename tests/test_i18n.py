"""Specification of the translation layer: strict lookups, plural forms, labels, countries.

The catalogs themselves (complete, used, consistent) are checked in test_catalogs.py.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from goodwill.enums import ENUMERATIONS
from goodwill.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Translator,
    compile_catalog,
    country_name,
    label,
    translator,
)

PROJECT = Path(__file__).resolve().parent.parent

ENUMERATION_VALUES = [(name, value) for name, values in ENUMERATIONS.items() for value in values]


def test_languages_are_english_and_spanish_with_english_as_default():
    assert LANGUAGES == ("en", "es")
    assert DEFAULT_LANGUAGE == "en"


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
        # The Spanish catalog has gettext's two forms: CLDR's third, for a million ("1
        # millón de problemas"), is for numbers in words, and counts are in digits.
        ("es", 1_000_000, "Se encontraron 1,000,000 problemas en data/events.csv"),
    ],
)
def test_plural_picks_the_form_that_fits_the_count(lang, count, expected):
    assert (
        translator(lang).plural("errors.problems_found", count, path="data/events.csv") == expected
    )


@pytest.mark.parametrize(
    ("lang", "key", "count", "expected"),
    [
        (
            "en",
            "map.undated_shown",
            1,
            "1 event of unknown date is shown: the date range cannot place it.",
        ),
        (
            "es",
            "map.undated_shown",
            1,
            "Se muestra 1 evento de fecha desconocida: el rango de fechas no puede ubicarlo.",
        ),
        (
            "es",
            "map.undated_shown",
            2,
            "Se muestran 2 eventos de fecha desconocida: el rango de fechas no puede ubicarlos.",
        ),
        ("en", "map.undated_hidden", 1, "1 event of unknown date is hidden (see the sidebar)."),
        (
            "es",
            "map.undated_hidden",
            3,
            "3 eventos de fecha desconocida están ocultos (vea la barra lateral).",
        ),
        ("en", "count.earlier_meetings", 1, "1 earlier meeting"),
        ("es", "count.announced_visits", 0, "0 visitas anunciadas"),
        ("es", "count.stops_planned", 1, "1 prevista"),
        ("en", "count.full_quotes", 1, "1 full quote"),
        ("es", "count.paraphrases", 2, "2 pasajes parafraseados"),
    ],
)
def test_counted_messages_agree_with_their_count(lang, key, count, expected):
    assert translator(lang).plural(key, count) == expected


@pytest.mark.parametrize(
    ("lang", "places", "events", "expected"),
    [
        ("en", 1, 1, "1 place and 1 event shown."),
        ("en", 1, 2, "1 place and 2 events shown."),
        ("es", 1, 1, "Se muestran 1 lugar y 1 evento."),
        ("es", 2, 0, "Se muestran 2 lugares y 0 eventos."),
    ],
)
def test_a_sentence_with_two_counts_gives_each_its_own_plural_form(lang, places, events, expected):
    t = translator(lang)
    caption = t(
        "map.caption",
        places=t.plural("count.places", places),
        events=t.plural("count.events", events),
    )
    assert caption.startswith(expected)


def test_a_count_must_be_a_whole_number():
    with pytest.raises(TypeError):
        translator("en").plural("count.full_quotes", 1.5)


def test_missing_plural_message_raises_key_error():
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        translator("es").plural("no.such.key", 2)


def test_a_singular_message_used_as_plural_raises_key_error():
    with pytest.raises(KeyError, match=r"app\.title"):
        translator("en").plural("app.title", 2)


def _catalog_with(
    message_id: str,
    text: str | tuple[str, str],
    *,
    fuzzy: bool = False,
    plural_forms: str = "nplurals=2; plural=(n != 1);",
) -> Catalog:
    catalog = Catalog(locale="es")
    catalog.mime_headers = [("Plural-Forms", plural_forms)]
    catalog.add((message_id, message_id) if isinstance(text, tuple) else message_id, text)
    if fuzzy:
        catalog[message_id].flags.add("fuzzy")
    return catalog


@pytest.mark.parametrize(
    ("catalog", "lookup"),
    [
        pytest.param(_catalog_with("a.b", ""), lambda m: m.gettext("a.b"), id="untranslated"),
        pytest.param(
            _catalog_with("a.b", "texto", fuzzy=True), lambda m: m.gettext("a.b"), id="fuzzy"
        ),
        pytest.param(
            _catalog_with("a.b", ("uno", "varios"), fuzzy=True),
            lambda m: m.ngettext("a.b", "a.b", 2),
            id="fuzzy plural",
        ),
    ],
)
def test_an_untranslated_or_fuzzy_message_counts_as_missing(catalog, lookup):
    compiled = compile_catalog(catalog)
    with pytest.raises(KeyError, match=r"a\.b"):
        lookup(compiled)


@pytest.mark.parametrize(
    ("plural_forms", "expected"),
    [
        ("nplurals=2; plural=(n != 1);", ["varios", "uno", "varios"]),
        # French's rule, where 0 takes the singular: the header decides, not the code.
        ("nplurals=2; plural=(n > 1);", ["uno", "uno", "varios"]),
    ],
)
def test_a_compiled_catalog_follows_its_plural_forms_header(plural_forms, expected):
    catalog = _catalog_with("a.b", ("uno", "varios"), plural_forms=plural_forms)
    compiled = compile_catalog(catalog)
    assert [compiled.ngettext("a.b", "a.b", n) for n in (0, 1, 2)] == expected


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
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, check=False)
    assert result.returncode == 0
