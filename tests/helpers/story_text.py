"""The received story made comparable with the data: its encoding damage repaired with the
repairs the Sources page lists (goodwill.story.MOJIBAKE_REPAIRS), its whitespace evened."""

from goodwill.story import MOJIBAKE_REPAIRS


def repair_text(text: str) -> str:
    """The text with every known damaged sequence replaced by its true reading, in the
    table's order."""
    for damaged, true in MOJIBAKE_REPAIRS:
        text = text.replace(damaged, true)
    return text


def normalise_whitespace(text: str) -> str:
    """Collapse runs of whitespace (line and paragraph breaks included) to single spaces,
    so an excerpt that spans paragraphs can be found in the story."""
    return " ".join(text.split())
