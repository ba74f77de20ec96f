"""Specification of the message catalogs: every message the code uses is translated in every
language, none is unused, placeholders agree, the files are in Babel's own form, and every
counted message reads right with 0, 1 and 2.

The code's messages are extracted by the very command ``make messages`` runs
(``pybabel extract``, configured in pyproject.toml). Each check is also shown failing on a
small broken catalog built in memory.
"""

import re
import subprocess
import sys
import tomllib
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract
from babel.messages.frontend import parse_keywords
from babel.messages.pofile import read_po, write_po
from babel.numbers import format_decimal

from goodwill.catalogs import (
    canonical_text,
    extract_python,
    fuzzy_messages,
    kind_mismatches,
    message_id,
    missing_messages,
    placeholder_mismatches,
    unused_messages,
)
from goodwill.catalogs import texts as texts_of
from goodwill.dataset import load_tour
from goodwill.i18n import ENUMERATIONS, LANGUAGES, label, placeholders, read_catalog, translator
from goodwill.paths import shipped_tour

PROJECT = Path(__file__).resolve().parent.parent
LOCALES = PROJECT / "goodwill" / "locales"
TEMPLATE = LOCALES / "messages.pot"
BABEL_SETTINGS = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))["tool"]["babel"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Catalog:
    """The messages the code uses, extracted now as ``make messages`` does."""
    output = tmp_path_factory.mktemp("extracted") / "messages.pot"
    command = [sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract"]
    subprocess.run([*command, "--output-file", str(output)], cwd=PROJECT, check=True)
    with output.open("rb") as file:
        return read_po(file)


@pytest.fixture(scope="module")
def catalogs() -> dict[str, Catalog]:
    return {lang: read_catalog(lang) for lang in LANGUAGES}


def catalog_files() -> list[Path]:
    return [TEMPLATE, *(LOCALES / lang / "LC_MESSAGES" / "messages.po" for lang in LANGUAGES)]


# The shipped catalogs.


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_the_code_uses_is_translated(extracted, catalogs, lang):
    assert missing_messages(extracted, catalogs[lang]) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_translation_is_fuzzy(catalogs, lang):
    assert fuzzy_messages(catalogs[lang]) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_in_a_catalog_is_used_by_the_code(extracted, catalogs, lang):
    assert unused_messages(extracted, catalogs[lang]) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_message_the_code_counts_with_is_plural_in_the_catalog(extracted, catalogs, lang):
    assert kind_mismatches(extracted, catalogs[lang]) == []


def test_placeholders_are_the_same_in_every_language_and_plural_form(catalogs):
    assert placeholder_mismatches(catalogs) == {}


def test_the_template_holds_the_messages_the_code_uses(extracted):
    with TEMPLATE.open("rb") as file:
        committed = read_po(file)

    def kinds(catalog: Catalog) -> dict[str, bool]:
        return {message_id(m): m.pluralizable for m in catalog if m.id}

    assert kinds(committed) == kinds(extracted), "run `make messages`"


@pytest.mark.parametrize(
    "path",
    catalog_files(),
    ids=lambda path: path.parent.parent.name if path.suffix == ".po" else "pot",
)
def test_catalog_file_round_trips_through_babel_unchanged(path):
    text = path.read_text("utf-8")
    assert canonical_text(text, template=path.suffix == ".pot") == text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalog_has_two_plural_forms_zero_taking_the_plural(catalogs, lang):
    assert catalogs[lang].plural_forms == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_message_with_a_count_is_a_plural_message(catalogs, lang):
    # t("…", count=n) would give "1 events": a count goes through t.plural("…", n).
    singular_with_count = [
        message_id(m)
        for m in catalogs[lang]
        if m.id and not m.pluralizable and "count" in placeholders(m.string)
    ]
    assert singular_with_count == []


# One word for one thing: the messages that name the same enumeration's field ("status",
# "kind", "topic"…) in different places say the same thing (issue 14: not "Estatus" in the
# sidebar and "Estado" in a table), and what docs/glossary.md says they say.
FIELD_WORDS = sorted({name.rsplit("_", 1)[-1] for name in ENUMERATIONS} | {"country"})
GLOSSARY = PROJECT / "docs" / "glossary.md"


def glossary_table(heading: str) -> list[list[str]]:
    """The rows of the table under ``## heading`` in the glossary, cells stripped."""
    section = GLOSSARY.read_text(encoding="utf-8").split(f"\n## {heading}\n", 1)[1]
    lines = [line for line in section.split("\n## ", 1)[0].splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def glossary_field_words() -> dict[str, dict[str, str]]:
    return {word: {"en": en, "es": es} for word, en, es in glossary_table("Fields")}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("word", FIELD_WORDS)
def test_messages_that_name_the_same_field_use_one_word(catalogs, lang, word):
    named = {
        message_id(m): m.string
        for m in catalogs[lang]
        if m.id
        and not m.pluralizable
        and not message_id(m).startswith("enum.")
        and message_id(m).rsplit(".", 1)[-1] == word
    }
    if named:
        assert set(named.values()) == {glossary_field_words()[word][lang]}, named


def test_the_glossary_gives_every_code_its_one_label_in_every_language():
    assert glossary_table("Codes") == [
        [name, code, label(name, code, "en"), label(name, code, "es")]
        for name, codes in ENUMERATIONS.items()
        for code in codes
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", list(ENUMERATIONS))
def test_no_two_codes_of_an_enumeration_share_a_label(name, lang):
    labels = [label(name, code, lang).casefold() for code in ENUMERATIONS[name]]
    assert len(set(labels)) == len(labels), labels


def spanish_texts(catalogs) -> list[str]:
    """Every Spanish text the reader may see: the catalog's messages and the data's
    translations."""
    texts = [text for m in catalogs["es"] if m.id for text in texts_of(m)]
    tour = load_tour(shipped_tour())
    return texts + list(tour.translations.loc[tour.translations["lang"] == "es", "text"])


def _words(cell: str) -> list[str]:
    """The words of a glossary cell: its comma-separated phrases, without any remark in
    parentheses."""
    return [word.strip() for word in re.sub(r"\([^)]*\)", "", cell).split(",") if word.strip()]


def test_the_spanish_words_the_glossary_rules_out_are_nowhere(catalogs):
    texts = spanish_texts(catalogs)
    for thing, _, _, wrong in glossary_table("Words"):
        for word in _words(wrong):
            pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
            used = [text for text in texts if pattern.search(text)]
            assert used == [], f"{thing}: “{word}” in {used[:3]}"


def test_the_spanish_words_the_glossary_gives_are_the_ones_in_use(catalogs):
    texts = " ".join(spanish_texts(catalogs)).casefold()
    for thing, _, spanish, _ in glossary_table("Words"):
        for word in _words(spanish):
            assert word.casefold() in texts, f"{thing}: “{word}” is not used"


# Counts: every plural message, with 0, 1 and 2, in both languages. The list is the
# template's, which the test above holds equal to what the code uses.


def counted_messages() -> list[str]:
    with TEMPLATE.open("rb") as file:
        return [message_id(m) for m in read_po(file) if m.pluralizable]


def word_after(text: str, number: str) -> str:
    """The word right after ``number`` in ``text``: the thing counted."""
    found = re.search(rf"(?<![\d,.]){re.escape(number)}(?![\d,.]\d)\W*(\w+)", text)
    assert found, f"no word after the count {number} in {text!r}"
    return found.group(1)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", counted_messages())
def test_a_counted_message_reads_right_with_0_1_and_2(catalogs, key, lang):
    (message,) = [m for m in catalogs[lang] if m.id and message_id(m) == key]
    names = set().union(*(placeholders(text) for text in message.string)) - {"count"}
    t = translator(lang)
    zero, one, two = (t.plural(key, n, **{name: name.upper() for name in names}) for n in (0, 1, 2))
    for count, text in ((0, zero), (1, one), (2, two)):
        assert format_decimal(count, locale=t.locale) in text
    # 0 takes the plural form in both languages: "0 visits", "0 visitas", never "0 visit".
    assert zero.replace("0", "2") == two
    # The counted word agrees: "1 event" / "2 events", never "1 events" or "1 eventos". An
    # English adjective does not inflect ("1 held", "2 held"); a plural noun ends in -s.
    singular, plural = word_after(one, "1"), word_after(two, "2")
    assert singular != plural or not plural.endswith("s"), (one, two)
    if lang == "es":
        # Spanish inflects the noun, adjective or participle after every count.
        assert one.replace("1", "2") != two, (one, two)


# Each check on a small broken catalog: a message the code uses (map.caption) and a counted
# one (quotes.count).


def catalog_of(messages: dict[str, str | tuple[str, str]], locale: str | None = "es") -> Catalog:
    catalog = Catalog(locale=locale)
    catalog.mime_headers = [("Plural-Forms", "nplurals=2; plural=(n != 1);")]
    for msgid, text in messages.items():
        catalog.add((msgid, msgid) if isinstance(text, tuple) else msgid, text)
    return catalog


USED = catalog_of({"map.caption": "", "quotes.count": ("", "")}, locale=None)
GOOD = {
    "map.caption": "Se muestran {places}.",
    "quotes.count": ("{count} cita coincide.", "{count} citas coinciden."),
}
ENGLISH = catalog_of(
    {
        "map.caption": "{places} shown.",
        "quotes.count": ("{count} quote matches.", "{count} quotes match."),
    },
    locale="en",
)


def test_a_complete_catalog_passes_every_check():
    good = catalog_of(GOOD)
    assert missing_messages(USED, good) == []
    assert fuzzy_messages(good) == []
    assert unused_messages(USED, good) == []
    assert kind_mismatches(USED, good) == []
    assert placeholder_mismatches({"en": ENGLISH, "es": good}) == {}


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param({"quotes.count": GOOD["quotes.count"]}, id="missing"),
        pytest.param({**GOOD, "map.caption": ""}, id="untranslated"),
    ],
)
def test_a_missing_or_untranslated_message_is_found(broken):
    assert missing_messages(USED, catalog_of(broken)) == ["map.caption"]


def test_an_untranslated_plural_form_is_found():
    broken = catalog_of({**GOOD, "quotes.count": ("{count} cita coincide.", "")})
    assert missing_messages(USED, broken) == ["quotes.count"]


def test_a_fuzzy_translation_is_found():
    broken = catalog_of(GOOD)
    broken["map.caption"].flags.add("fuzzy")
    assert fuzzy_messages(broken) == ["map.caption"]


def test_a_message_the_code_does_not_use_is_found_obsolete_ones_too():
    broken = catalog_of({**GOOD, "panel.stops": "Escalas: {count}"})
    broken.obsolete["language.es"] = Message("language.es", "Español")
    assert unused_messages(USED, broken) == ["language.es", "panel.stops"]


def test_a_counted_message_held_as_singular_is_found():
    broken = catalog_of({**GOOD, "quotes.count": "{count} citas coinciden."})
    assert kind_mismatches(USED, broken) == ["quotes.count"]


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        pytest.param(
            {**GOOD, "map.caption": "Se muestran {lugares}."}, "map.caption", id="renamed"
        ),
        pytest.param(
            {**GOOD, "quotes.count": ("Una cita coincide.", "{count} citas coinciden.")},
            "quotes.count",
            id="singular form without the count",
        ),
    ],
)
def test_placeholders_that_differ_are_found(broken, expected):
    assert list(placeholder_mismatches({"en": ENGLISH, "es": catalog_of(broken)})) == [expected]


def test_a_hand_edit_that_babel_would_rewrite_is_found():
    written = BytesIO()
    write_po(written, catalog_of(GOOD))
    text = written.getvalue().decode("utf-8")
    assert canonical_text(text) == text
    # The same message, its text moved to a line of its own: read alike, written differently.
    rewrapped = text.replace('msgstr "Se muestran {places}."', 'msgstr ""\n"Se muestran {places}."')
    assert rewrapped != text
    assert canonical_text(rewrapped) == text


# The extraction method, on small sources, with the keywords and comment tags of pyproject.toml.

EXTRACTION = BABEL_SETTINGS["extract_messages"]


def extracted_from(source: str) -> list[tuple[str | tuple[str, ...], list[str]]]:
    found = extract(
        extract_python,
        BytesIO(source.encode("utf-8")),
        keywords=parse_keywords(EXTRACTION["keywords"]),
        comment_tags=EXTRACTION["add_comments"],
        strip_comment_tags=True,
    )
    return [(message, comments) for _, message, comments, _ in found]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('t("app.title")', [("app.title", [])], id="a call"),
        pytest.param(
            "f\"**{md(t('field.date'))}:** {date}\"", [("field.date", [])], id="inside an f-string"
        ),
        pytest.param(
            "t.plural('quotes.count', len(found), table=table)",
            [(("quotes.count", "quotes.count"), [])],
            id="the plural call",
        ),
        pytest.param(
            't("itinerary.selected" if chosen else "itinerary.select", place=name)',
            [("itinerary.selected", []), ("itinerary.select", [])],
            id="either of two ids",
        ),
        pytest.param(
            'ignore("place", N_("notice.reason.unknown_place"))',
            [("notice.reason.unknown_place", [])],
            id="a marker",
        ),
        pytest.param(
            '# Translators: The size of an ensemble.\nt.plural("panel.members", 14)',
            [(("panel.members", "panel.members"), ["The size of an ensemble."])],
            id="a comment for translators",
        ),
        pytest.param('t(key)\nt(f"sources.table.{table}")', [], id="dynamic ids"),
        pytest.param('t.label("event_kind", kind)', [], id="not a keyword"),
    ],
)
def test_extraction_finds_the_ids_the_code_names(source, expected):
    assert extracted_from(source) == expected


def test_the_label_of_every_code_of_every_enumeration_is_extracted(extracted):
    ids = {message_id(m) for m in extracted if m.id}
    labels = {f"enum.{name}.{code}" for name, codes in ENUMERATIONS.items() for code in codes}
    assert labels <= ids
