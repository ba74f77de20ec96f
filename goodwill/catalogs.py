"""Keeping the message catalogs in step with the code: extraction methods and checks.

The interface's messages are gettext catalogs managed with Babel:

- ``goodwill/locales/messages.pot``, the template, is extracted from the code by
  ``pybabel extract`` (configured in ``pyproject.toml``, run by ``make messages``);
- ``goodwill/locales/<lang>/LC_MESSAGES/messages.po`` hold each language's text, merged
  with the template by ``pybabel update`` (same target). :mod:`goodwill.i18n` reads them.

Message ids are symbolic (``map.caption``); the English text lives in the English catalog
like any other language's. The two extraction methods below are named in
``[tool.babel] mappings``; the checks are what ``tests/test_catalogs.py`` runs on the
shipped catalogs (each returns the problems it finds, so a test can show one on a broken
catalog too).
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from io import BytesIO
from typing import IO, Any

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from goodwill.i18n import ENUMERATIONS, PLURAL_CALL, enumeration_label_id, placeholders

# What an extraction method yields: (line, function name, message or messages, comments).
Extracted = tuple[int, str, str | tuple[str | None, ...] | None, list[str]]


def extract_python(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """The messages of a Python module, found in its syntax tree.

    Babel's own Python extractor reads tokens, and before Python 3.12 an f-string is one
    token: it would miss every ``t("…")`` inside ``f"…{t('field.date')}…"``, which this
    code base writes often. A call counts when its function's name (``t``, ``t.plural``,
    ``N_``) is a keyword. Its id is a literal string, or each of the two in
    ``t("itinerary.selected" if chosen else "itinerary.select")``; any other id is
    ``None``, which Babel skips (mark the ids of such a call with ``N_`` where they are
    written). The plural call ``t.plural("quotes.count", n)`` names its id once, and
    gettext's ``ngettext`` takes it as both the singular and the plural id, so it is
    yielded twice for the keyword spec ``plural:1,2``. The ``# Translators:`` comment
    lines right above a call become the message's comment.
    """
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in keywords or not node.args:
            continue
        comments = _comments_above(lines, node.lineno, comment_tags)
        rest = tuple(_literal(arg) for arg in node.args[1:])
        for msgid in _literals(node.args[0]):
            messages = (msgid, msgid, *rest) if name == PLURAL_CALL else (msgid, *rest)
            yield node.lineno, name, messages, comments


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _literals(node: ast.expr) -> list[str | None]:
    """The ids an argument can be: a literal string, or each branch of ``"a" if c else "b"``."""
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return [_literal(node)]


def _comments_above(lines: list[str], lineno: int, comment_tags: Collection[str]) -> list[str]:
    """The comment block right above line ``lineno`` (1-based), from its first tagged line."""
    block: list[str] = []
    index = lineno - 2
    while index >= 0 and lines[index].lstrip().startswith("#"):
        block.insert(0, lines[index].lstrip()[1:].strip())
        index -= 1
    for start, text in enumerate(block):
        if any(text.startswith(tag) for tag in comment_tags):
            return block[start:]
    return []


def extract_enumeration_labels(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """The messages of the module that builds the enumeration labels, and those labels.

    ``label("event_kind", code)`` builds its id from the code, so the ids come from the
    one list of codes, :data:`goodwill.i18n.ENUMERATIONS`, rather than being typed twice.
    """
    yield from extract_python(fileobj, keywords, comment_tags, options)
    for enum_name, codes in ENUMERATIONS.items():
        for code in codes:
            comment = f"The label of the code “{code}” of the enumeration {enum_name}."
            yield 0, "N_", enumeration_label_id(enum_name, code), [comment]


def message_id(message: Message) -> str:
    """The (symbolic) id of a message, singular or plural."""
    return message.id if isinstance(message.id, str) else message.id[0]


def texts(message: Message) -> tuple[str, ...]:
    """Every form of a message's text: one for a singular message, one per plural form."""
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def _messages(catalog: Catalog) -> dict[str, Message]:
    return {message_id(message): message for message in catalog if message.id}


def missing_messages(template: Catalog, catalog: Catalog) -> list[str]:
    """Ids the code uses (the template's) that ``catalog`` lacks or leaves untranslated."""
    messages = _messages(catalog)
    return sorted(
        msgid
        for msgid in _messages(template)
        if msgid not in messages or not all(texts(messages[msgid]))
    )


def fuzzy_messages(catalog: Catalog) -> list[str]:
    """Ids whose translation is marked fuzzy (a guess that waits for review)."""
    return sorted(msgid for msgid, message in _messages(catalog).items() if message.fuzzy)


def unused_messages(template: Catalog, catalog: Catalog) -> list[str]:
    """Ids in ``catalog`` that the code does not use, obsolete (``#~``) entries included."""
    used = _messages(template).keys()
    return sorted((_messages(catalog).keys() - used) | set(catalog.obsolete))


def kind_mismatches(template: Catalog, catalog: Catalog) -> list[str]:
    """Ids that the code uses as plural and the catalog holds as singular, or the reverse."""
    messages = _messages(catalog)
    return sorted(
        msgid
        for msgid, used in _messages(template).items()
        if msgid in messages and used.pluralizable != messages[msgid].pluralizable
    )


def placeholder_mismatches(catalogs: Mapping[str, Catalog]) -> dict[str, dict[str, list[str]]]:
    """Ids whose ``{placeholders}`` differ between languages or between plural forms.

    Returns, for each such id, every language's placeholders form by form.
    """
    messages = {lang: _messages(catalog) for lang, catalog in catalogs.items()}
    found: dict[str, dict[str, list[str]]] = {}
    for msgid in sorted(set().union(*messages.values())):
        forms = {
            lang: [", ".join(sorted(placeholders(text))) for text in texts(by_id[msgid])]
            for lang, by_id in messages.items()
            if msgid in by_id
        }
        if len({form for per_lang in forms.values() for form in per_lang}) > 1:
            found[msgid] = forms
    return found


def canonical_text(text: str, *, template: bool = False) -> str:
    """``text`` read by Babel and written back as ``make messages`` writes it.

    A catalog is in canonical form when this returns it unchanged, so that a hand edit
    never turns into noise in the next ``make messages`` diff. The template has no header
    (``omit_header``): its only date would change at every extraction.
    """
    written = BytesIO()
    write_po(written, read_po(BytesIO(text.encode("utf-8"))), omit_header=template)
    return written.getvalue().decode("utf-8")
