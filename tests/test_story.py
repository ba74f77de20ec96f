"""The repairs to the received story restore its true characters, and no others."""

import pytest

from goodwill.story import MOJIBAKE_REPAIRS, damaged_fragments, repair_text


def test_every_repair_is_needed_by_the_received_story(received_story):
    for damaged, _ in MOJIBAKE_REPAIRS:
        assert damaged in received_story


def test_repaired_story_has_no_damage_left(received_story):
    assert damaged_fragments(received_story)
    assert damaged_fragments(repair_text(received_story)) == []


def test_repaired_story_has_seven_opening_quotes_one_dash_and_damian(received_story):
    repaired = repair_text(received_story)
    assert repaired.count("“") == 7
    assert repaired.count("—") == 1
    assert "Damián Canales" in repaired


def test_em_dash_is_repaired_before_its_closing_quote_mark_is_mistaken_for_text():
    assert repair_text("education β€” that") == "education — that"


def test_genuine_closing_quotes_and_apostrophes_are_left_alone():
    assert repair_text("“It’s here,” he said.") == "“It’s here,” he said."


@pytest.mark.parametrize("damaged", ["DamiΓ‘n", "β€œquote", "donâ€™t", "cafÃ©"])
def test_damaged_fragments_are_found(damaged):
    assert damaged_fragments(damaged)


@pytest.mark.parametrize("clean", ["Damián", "“quote”", "don’t", "café", "Ñandú — ¿qué?"])
def test_clean_text_is_not_flagged(clean):
    assert damaged_fragments(clean) == []
