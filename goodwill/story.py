"""The source story's text: the encoding damage it arrived with, and its repairs.

The received text was mis-decoded along the way, and not uniformly: its closing quotation
marks survived while its opening ones did not, so no single codec round-trip (nor ``ftfy``)
restores it. The repairs are therefore an explicit table, one entry per damaged sequence
found in the story, each tested against the received text.
"""

from __future__ import annotations

import re

#: Damaged sequence -> true character(s). Order matters: the em dash's damaged form ends in
#: a genuine closing quote mark, so it must be repaired before anything that touches quotes.
MOJIBAKE_REPAIRS: tuple[tuple[str, str], ...] = (
    ("β€”", "—"),  # em dash
    ("β€œ", "“"),  # left double quotation mark
    ("Γ‘", "á"),  # á, as in Damián
)

# Fragments that only appear in mis-decoded text: the repairs above, and the common
# UTF-8-read-as-Latin-1 forms (â€™, Ã©, …) for text damaged the more usual way.
_DAMAGE = re.compile(r"β€|Γ‘|â€|Ã[\u0080-\u00bf]")


def damaged_fragments(text: str) -> list[str]:
    """The fragments of ``text`` that look mis-decoded; empty when the text looks clean."""
    return _DAMAGE.findall(text)


def repair_text(text: str) -> str:
    """``text`` with every known damaged sequence replaced by its true reading, in the
    table's order: the received story as the data quotes it."""
    for damaged, true in MOJIBAKE_REPAIRS:
        text = text.replace(damaged, true)
    return text
