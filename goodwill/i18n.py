"""Translation layer: message catalogs, enumeration labels and country names in English and Spanish.

The catalogs live in ``goodwill/locales/<lang>.json`` as flat, key-sorted objects mapping a
key to a string with ``{name}`` placeholders. Lookups are strict: a missing key raises
``KeyError`` instead of showing the key, so a forgotten translation fails the tests rather
than reaching a reader.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from string import Formatter
from types import MappingProxyType

from babel import Locale
from babel.numbers import format_decimal

from goodwill.enums import ENUMERATIONS

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"

# The Spanish edition is written for a Mexican readership, so Babel's Mexican data is used
# (e.g. "sep", not the Peninsular "sept", as the short name of September).
BABEL_LOCALES: Mapping[str, str] = MappingProxyType({"en": "en", "es": "es_MX"})


def check_language(lang: str) -> str:
    """Return ``lang`` if it is one of :data:`LANGUAGES`, else raise ``ValueError``."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang


@cache
def catalog(lang: str) -> Mapping[str, str]:
    """Return the read-only message catalog of ``lang`` (key -> template)."""
    check_language(lang)
    text = resources.files("goodwill").joinpath("locales", f"{lang}.json").read_text("utf-8")
    data = json.loads(text)
    # Read-only, because the cached catalog is shared by every session of the app.
    return MappingProxyType(data)


def placeholders(template: str) -> frozenset[str]:
    """Return the names of the ``{name}`` placeholders in a catalog template."""
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name)


class Translator:
    """Looks up and fills catalog templates for one language.

    >>> t = Translator("es")
    >>> t("app.title")
    'Mapa de la Gira de Buena Voluntad'
    """

    def __init__(self, lang: str) -> None:
        """Bind the translator to ``lang``; raise ``ValueError`` for an unknown language."""
        self.lang = check_language(lang)
        self.locale = Locale.parse(BABEL_LOCALES[lang])
        self._catalog = catalog(lang)

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"

    def __call__(self, key: str, **values: object) -> str:
        """Shorthand for :meth:`t`."""
        return self.t(key, **values)

    def t(self, key: str, **values: object) -> str:
        """Return the text of ``key`` with its placeholders filled from ``values``.

        Raises ``KeyError`` for a key missing from the catalog or a placeholder without a
        value. Values the template does not use are ignored, so callers can pass a shared
        set of values to several templates.
        """
        try:
            template = self._catalog[key]
        except KeyError:
            raise KeyError(f"no translation for {key!r} in the {self.lang!r} catalog") from None
        return template.format_map(values)

    def plural(self, key: str, count: int, **values: object) -> str:
        """Return the plural form of ``key`` that fits ``count`` (e.g. ``key.one``, ``key.other``).

        The form is chosen by the language's CLDR plural rules, falling back to ``key.other``
        when the catalog has no entry for a rarer category (Spanish "many", say). ``count`` is
        passed to the template formatted for the language (1,234 / 1234).
        """
        category = self.locale.plural_form(count)
        form = f"{key}.{category}" if f"{key}.{category}" in self._catalog else f"{key}.other"
        return self.t(form, **values, count=format_decimal(count, locale=self.locale))

    def label(self, enum_name: str, value: str) -> str:
        """Return the reader-facing label of an enumeration code; see :func:`label`."""
        return label(enum_name, value, self.lang)

    def country_name(self, iso_a2: str) -> str:
        """Return the name of a country in this language; see :func:`country_name`."""
        return country_name(iso_a2, self.lang)


@cache
def translator(lang: str) -> Translator:
    """Return the (shared) :class:`Translator` of ``lang``; raise ``ValueError`` if unknown."""
    return Translator(lang)


def label(enum_name: str, value: str, lang: str) -> str:
    """Return the label of the code ``value`` of the enumeration ``enum_name`` in ``lang``.

    The enumerations and their codes are those of :data:`ENUMERATIONS`. An unknown
    enumeration or code raises ``KeyError``: it means the data and the catalogs disagree.
    """
    if value not in ENUMERATIONS.get(enum_name, ()):
        raise KeyError(f"{value!r} is not a code of the enumeration {enum_name!r}")
    return translator(lang).t(f"enum.{enum_name}.{value}")


def country_name(iso_a2: str, lang: str) -> str:
    """Return the name of the country with ISO 3166-1 alpha-2 code ``iso_a2`` in ``lang``.

    Names come from Babel (CLDR), e.g. ``MX`` -> "Mexico" / "México". An unknown code
    raises ``KeyError``; an unknown language raises ``ValueError``.
    """
    territories = translator(lang).locale.territories
    code = iso_a2.upper()
    # Alphabetic codes only: CLDR also names numeric regions ("419" = Latin America).
    if len(code) != 2 or not code.isalpha() or code not in territories:
        raise KeyError(f"unknown country code {iso_a2!r}")
    return territories[code]
