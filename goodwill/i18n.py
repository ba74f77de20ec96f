"""Translation layer: message catalogs, enumeration labels and country names in English and Spanish.

The messages are gettext catalogs managed with Babel, one per language:
``goodwill/locales/<lang>/LC_MESSAGES/messages.po``. Their message ids are symbolic
(``map.caption``), and the English text is the English catalog's translation like any other.
The ``.po`` files are compiled in memory when first used, so there is no ``.mo`` file that
could go stale. ``make messages`` extracts the ids from the code and updates the catalogs
(see :mod:`goodwill.catalogs`).

Lookups are strict: an id missing from the catalog (or untranslated, or fuzzy) raises
``KeyError`` instead of showing the id, so a forgotten translation fails the tests rather
than reaching a reader.
"""

from __future__ import annotations

import gettext
import operator
from collections.abc import Mapping
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from io import BytesIO
from string import Formatter
from types import MappingProxyType

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
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


DOMAIN = "messages"

# The name of the plural call, ``t.plural("quotes.count", n)``, for extraction.
PLURAL_CALL = "plural"


def N_(message_id: str) -> str:  # noqa: N802 (gettext's name for a marker that does nothing)
    """Mark a message id for extraction where it is stored to be looked up later.

    ``ignore("place", N_("notice.reason.unknown_place"))`` and, elsewhere,
    ``t(notice.reason)``: returns the id unchanged.
    """
    return message_id


def enumeration_label_id(enum_name: str, code: str) -> str:
    """The message id of the label of the code ``code`` of the enumeration ``enum_name``."""
    return f"enum.{enum_name}.{code}"


def catalog_file(lang: str) -> Traversable:
    """The ``.po`` catalog of ``lang`` in the installed package."""
    locales = resources.files("goodwill").joinpath("locales")
    return locales.joinpath(check_language(lang), "LC_MESSAGES", f"{DOMAIN}.po")


def read_catalog(lang: str) -> Catalog:
    """Read the ``.po`` catalog of ``lang`` with Babel (a fresh catalog at every call)."""
    with catalog_file(lang).open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN)


class _MissingMessages(gettext.NullTranslations):
    """The last fallback of a catalog: an id that is not translated raises."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def gettext(self, message: str) -> str:
        raise KeyError(f"no translation for {message!r} in the {self.lang!r} catalog")

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        raise KeyError(f"no plural translation for {msgid1!r} in the {self.lang!r} catalog")


def compile_catalog(catalog: Catalog) -> gettext.GNUTranslations:
    """Compile a catalog in memory for gettext's lookups, strict about missing messages.

    Untranslated and fuzzy messages are left out of the compiled catalog (Babel's
    ``write_mo``), so looking them up raises like a missing id. The plural forms are
    those of the catalog's ``Plural-Forms`` header.
    """
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    translations = gettext.GNUTranslations(compiled)
    translations.add_fallback(_MissingMessages(str(catalog.locale)))
    return translations


@cache
def compiled_catalog(lang: str) -> gettext.GNUTranslations:
    """The catalog of ``lang`` compiled from its ``.po`` file once per process: no ``.mo``
    file is written, so none can go stale."""
    return compile_catalog(read_catalog(lang))


def placeholders(template: str) -> frozenset[str]:
    """Return the names of the ``{name}`` placeholders in a message's text."""
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
        self._messages = compiled_catalog(lang)

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"

    def __call__(self, key: str, **values: object) -> str:
        """Shorthand for :meth:`t`."""
        return self.t(key, **values)

    def t(self, key: str, **values: object) -> str:
        """Return the text of the message ``key`` with its placeholders filled from ``values``.

        Raises ``KeyError`` for a message missing from the catalog or a placeholder without a
        value. Values the text does not use are ignored, so callers can pass a shared set of
        values to several messages.
        """
        return self._messages.gettext(key).format_map(values)

    def plural(self, key: str, count: int, **values: object) -> str:
        """Return the form of the plural message ``key`` that fits ``count`` (``ngettext``).

        The form is chosen by the ``Plural-Forms`` rule of the language's catalog. ``count``
        fills the ``{count}`` placeholder, formatted for the language by Babel. Raises
        ``KeyError`` like :meth:`t`, and for a message that the catalog holds as singular.
        """
        text = self._messages.ngettext(key, key, operator.index(count))
        if not text:
            raise KeyError(f"a plural form of {key!r} is untranslated in the {self.lang!r} catalog")
        return text.format_map({**values, "count": format_decimal(count, locale=self.locale)})

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
    return translator(lang).t(enumeration_label_id(enum_name, value))


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
