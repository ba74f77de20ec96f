"""Hostile text: a corpus of payloads, and a copy of the shipped package that carries them.

Every payload tries to become markup, run a script, fetch from the network or read as
something it is not. One that ran would set ``window.pwned`` (or ``parent.pwned``, from
inside the map's iframe) or open a dialog; one that became an image or a stylesheet would
fetch from ``203.0.113.7`` (TEST-NET-3: never a real host). The tests check that each
shows as the characters it is, wherever the data's text appears.

The payloads pass the validator on purpose: no control characters, no cell over 20,000
characters and no encoding-damage fragments, so the hostile copy is a *valid* package and
the app shows it rather than its problems. Only text is hostile: ids, enumerations,
patterns, dates, numbers and booleans keep their shipped values. Every translated text has
a translation, itself a payload (:func:`translation_of`), so that a Spanish page shows the
project's wording translated and the source's words beside their translation.
"""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd

from goodwill.dataset import TABLE_NAMES, Tour
from goodwill.descriptor import DESCRIPTOR_NAME
from goodwill.expectations import address_problem
from goodwill.paths import shipped_tour
from goodwill.translations import (
    DESCRIPTOR_TABLE,
    ROW_IDS,
    TARGET_LANGUAGES,
    TRANSLATED_FIELDS,
    TRANSLATION_COLUMNS,
    TRANSLATIONS_TABLE,
    descriptor_texts,
)

#: Where a payload that became an image, a stylesheet or a link target would go.
TRAP_HOST = "203.0.113.7"
#: What a payload that ran would do, in the page and from inside the map's iframe.
_PWN = "window.pwned=1;try{parent.pwned=1;top.pwned=1}catch(e){}"

_END = " …the end"
_LONG_UNIT = "<b>long</b> [ten thousand](javascript:" + _PWN + ") "
LONG_PAYLOAD = (_LONG_UNIT * 200)[: 10_000 - len(_END)] + _END
assert len(LONG_PAYLOAD) == 10_000

#: The corpus, most dangerous first (the first ones land in place names and quotes).
PAYLOADS: tuple[str, ...] = (
    # Jinja, which renders the map (branca renders each script a second time as a
    # template): evaluated, it would print 49, an element name and the server's pid.
    "{{ 7*7 }} {% if true %}jinja{% endif %} {{ this._parent.get_name() }} "
    "{{ this.__init__.__globals__.__builtins__.__import__(dict(os=1)|first).getpid() }}",
    "{{ unclosed {% endif %} {# comment",
    # Line and paragraph separators (and NEL), which end a JavaScript line in some parsers:
    # in a place name, one made the timeline's Vega expression fail and the chart empty.
    "Nogales\u2028Sonora\u2029Heroica\u0085Nogales 'a\u2028b' \"c\u2029d\"",
    # Script and event-handler markup.
    f"<script>{_PWN};alert('script')</script>",
    f"<img src=x onerror=\"{_PWN};alert('img')\">",
    f"<svg onload=\"{_PWN};alert('svg')\"><circle r=9 /></svg>",
    f'<iframe src="javascript:{_PWN}"></iframe>',
    f'<details open ontoggle="{_PWN}">toggle</details>',
    f"</script><script>{_PWN};alert('breakout')</script>",
    # Links and images in Markdown and HTML; images would fetch from the trap host.
    f"[click me](javascript:{_PWN}) and [evil][ref]\n\n[ref]: javascript:{_PWN}",
    f'<a href="javascript:{_PWN}">html link</a> <javascript:{_PWN}>',
    f"![tracker](http://{TRAP_HOST}/md-image.png) ![x][img]\n\n[img]: http://{TRAP_HOST}/ref.png",
    f"[external](http://{TRAP_HOST}/md-link) <http://{TRAP_HOST}/autolink> "
    f"https://{TRAP_HOST}/bare www.example.invalid evil@example.invalid",
    f'<img src="http://{TRAP_HOST}/html-image.png" alt="pixel">',
    # Markdown structure smuggled in with line breaks, and Streamlit's own directives.
    "# Heading\n\n- list item\n1. numbered\n\n| a | b |\n|---|---|\n| c | d |\n\n> quote\n\n---",
    "**bold** _italic_ ~~struck~~ `code` ```fenced``` :red[red text] :material/warning: :smile:",
    # HTML comments, entities, attribute breakouts.
    "<!-- hidden comment --> shown after the comment <!-- unclosed",
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#106;avascript: &#x3C;b&#x3E;",
    f'" onmouseover="{_PWN}" autofocus onfocus="{_PWN}" x="',
    f"' onmouseover='{_PWN}' x='",
    # Script-context breakouts: template literals, JSON, Jinja.
    f"`${{{_PWN}}}` ${{parent.pwned=1}} ``double``",
    f"\"}}]}}');{_PWN};//",
    f'"]}}]</script><script>{_PWN}</script>{{"',
    # CSS.
    f"</style><style>body{{background:url(http://{TRAP_HOST}/css.png)}}*{{display:none}}</style>",
    f'<div style="background:url(http://{TRAP_HOST}/inline.png);position:fixed;inset:0">css</div>',
    # Text that reads as something it is not.
    "\u202egnp.exe\u202c reversed \u2066isolate\u2069 \u202bembedding\u202c",
    "mc\u200ballen zero\u200dwidth\u2060joiner \ufeffbom",
    "Z\u0337\u0322a\u0335l\u0338g\u0334o 👍🏽 ﷽ ｆｕｌｌｗｉｄｔｈ",
    # LaTeX (Streamlit renders $…$).
    r"$\alert{1}$ $$\int_0^1 x\,dx$$ \(x^2\) \[y\] $5 and $6",
    # Every kind of quote mark.
    "' \" ` ‘ ’ “ ” „ ‟ « » ‹ › 「 」 『 』 ＂ ＇ ′ ″",
    # Spreadsheet formulas (CSV injection).
    f'=HYPERLINK("http://{TRAP_HOST}/csv","click") +1+1 -2 @SUM(A1)',
    # Very long.
    LONG_PAYLOAD,
)

#: Addresses for the ``url`` column. The validator accepts only web addresses (http or
#: https, a host, no user name) and files of the package: the hostile package carries the
#: accepted ones (:data:`ACCEPTED_URL_PAYLOADS`), and the renderers meet all of them in
#: memory, as a second wall.
URL_PAYLOADS: tuple[str, ...] = (
    # Jinja, which renders the map (branca renders each script a second time as a
    # template): evaluated, it would print 49, an element name and the server's pid.
    "{{ 7*7 }} {% if true %}jinja{% endif %} {{ this._parent.get_name() }} "
    "{{ this.__init__.__globals__.__builtins__.__import__(dict(os=1)|first).getpid() }}",
    "{{ unclosed {% endif %} {# comment",
    f"javascript:{_PWN}",
    f" JaVaScRiPt:{_PWN}",
    f"data:text/html,<script>{_PWN}</script>",
    f"https://www.cbp.gov@{TRAP_HOST}/user-name-hides-the-host",
    f'https://{TRAP_HOST}/x?q=")<script>{_PWN}</script>(&r=[a](b)"onmouseover="{_PWN}"',
    f"http://{TRAP_HOST}/)![x](http://{TRAP_HOST}/link-image.png)<http://{TRAP_HOST}/a>"
    ":material/warning::red[red]",
    # A look-alike host (Cyrillic о in "gоv"): the link must show it as it is.
    "https://www.cbp.g\u043ev/newsroom",
)
ACCEPTED_URL_PAYLOADS: tuple[str, ...] = tuple(
    url for url in URL_PAYLOADS if address_problem(url, shipped_tour()) is None
)


def markdown_image(table: str, column: str) -> str:
    """A Markdown image (and an autolink) that names its field: fetched, it would show in
    the trap host's log which field leaked."""
    return (
        f"![pixel](http://{TRAP_HOST}/{table}-{column}.png) "
        f"<http://{TRAP_HOST}/{table}-{column}-autolink> http://{TRAP_HOST}/{table}-{column}"
    )


def is_text_field(field: dict) -> bool:
    """A free-text column: a string with no enumeration and no pattern (ids, codes and
    references have one of them, and must stay valid)."""
    constraints = field.get("constraints", {})
    return (
        field.get("type", "string") == "string"
        and "enum" not in constraints
        and "pattern" not in constraints
    )


def text_fields(descriptor: dict) -> dict[str, list[str]]:
    """``{table: [free-text columns]}`` of a package descriptor."""
    return {
        resource["name"]: [
            field["name"] for field in resource["schema"]["fields"] if is_text_field(field)
        ]
        for resource in descriptor["resources"]
    }


def translation_of(payload: str) -> str:
    """The translation a hostile tour gives a text holding ``payload``: the next payload
    of the corpus, so that the original and its translation are told apart on a page.
    (Never the very long one, which the originals already carry everywhere: parsing it
    is most of the tests' time.)"""
    others = [other for other in PAYLOADS if other != LONG_PAYLOAD]
    return others[(others.index(payload) + 1) % len(others)] if payload in others else others[0]


def payload_for(table: str, column: str, row: int) -> str:
    """The payload of one cell: rows of a column, and columns of a table, get different
    ones, so that every payload lands in many fields and every field gets many payloads."""
    if column == "url":
        return ACCEPTED_URL_PAYLOADS[row % len(ACCEPTED_URL_PAYLOADS)]
    tables = (*TABLE_NAMES, TRANSLATIONS_TABLE)
    offset = _COLUMN_OFFSETS.get(column, tables.index(table) * 5 + len(column))
    return PAYLOADS[(row + offset) % len(PAYLOADS)]


# Place names, localities and quote texts start at the head of the corpus, where the
# markup, images and links are: they show in the most places (tooltips, buttons, lanes).
_COLUMN_OFFSETS = {"name": 0, "locality": 4, "text": 0, "admin_area": 9, "description": 13}


def write_hostile_package(target: Path, source: Path | None = None) -> Path:
    """A copy of the package at ``source`` (the shipped tour by default) in ``target`` (a
    new folder) with every free-text cell of every table, empty or not, replaced by a
    payload, and the last row of every text field by its own :func:`markdown_image`;
    also the package's title, description and rights, its licences' titles and addresses,
    and its fields' descriptions, which the app shows. Every translated text gets a
    translation that is the next payload (:func:`translation_of`). Returns ``target``."""
    shutil.copytree(source or shipped_tour(), target)
    descriptor_file = target / DESCRIPTOR_NAME
    descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
    for table, columns in text_fields(descriptor).items():
        if table != TRANSLATIONS_TABLE:
            _edit_csv(target / f"{table}.csv", _with_payloads(table, columns))
    descriptor["title"] = PAYLOADS[0]
    descriptor["description"] = PAYLOADS[1] + " " + PAYLOADS[8]
    descriptor["rights"] = PAYLOADS[6] + " " + PAYLOADS[22]
    for number, license_ in enumerate(descriptor.get("licenses", [])):
        license_["title"] = PAYLOADS[(number + 2) % len(PAYLOADS)]
        license_["path"] = URL_PAYLOADS[-1]
    for resource in descriptor["resources"]:
        for number, field in enumerate(resource["schema"]["fields"]):
            field["description"] = payload_for(resource["name"], "description", number)
    descriptor_file.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), "utf-8")
    _write_translations(target, descriptor)
    return target


def _with_payloads(table: str, columns: list[str]):
    def edit(rows: list[dict]) -> None:
        for number, row in enumerate(rows):
            for column in columns:
                row[column] = payload_for(table, column, number)
        for column in columns:
            if column != "url":
                rows[-1][column] = markdown_image(table, column)

    return edit


def _edit_csv(file: Path, edit) -> None:
    with file.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    edit(rows)
    with file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def _write_translations(package: Path, descriptor: dict) -> None:
    """translations.csv made again: a translation of every translated text of the package
    (its cells and its descriptor's texts) into every language, each the next payload."""
    texts = []
    for table, fields in TRANSLATED_FIELDS.items():
        with (package / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                texts += [(table, row[ROW_IDS[table]], field, row[field]) for field in fields]
    texts += [
        (DESCRIPTOR_TABLE, row_id, field, text)
        for (row_id, field), (_, text) in descriptor_texts(descriptor).items()
    ]
    with (package / f"{TRANSLATIONS_TABLE}.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(TRANSLATION_COLUMNS)
        for lang in TARGET_LANGUAGES:
            writer.writerows(
                [table, row_id, field, lang, text, _translated(text)]
                for table, row_id, field, text in texts
            )


def _translated(text: str) -> str:
    if text in PAYLOADS:
        return translation_of(text)
    # The package's title, description and rights join two payloads: each is translated.
    # A field's Markdown image (markdown_image) is its own translation: it stays a trap.
    parts = [payload for payload in PAYLOADS if payload in text]
    return " ".join(map(translation_of, parts)) if parts else text


def tour_with_payload(tour: Tour, payload: str, url: str | None = None) -> Tour:
    """``tour`` in memory with every free-text cell set to ``payload`` (and every source's
    address to ``url``, when given), and every translation to :func:`translation_of` it:
    each renderer then meets each payload in each field, in each language."""
    descriptor = json.loads((tour.path / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    tables = {}
    for table, columns in text_fields(descriptor).items():
        frame = getattr(tour, table).copy()
        for column in columns:
            if column == "url":
                if url is None:
                    continue
                value = url
            elif (table, column) == (TRANSLATIONS_TABLE, "text"):
                value = translation_of(payload)
            else:
                value = payload
            frame[column] = pd.Series([value] * len(frame), dtype=object, index=frame.index)
        tables[table] = frame
    licenses = tuple(
        replace(license_, title=payload, path=url or license_.path) for license_ in tour.licenses
    )
    return replace(tour, description=payload, rights=payload, licenses=licenses, **tables)
