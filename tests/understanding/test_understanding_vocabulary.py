"""The vocabulary tables are data; these tests keep them consistent."""

import pytest

from bot.understanding import Command, match_category, match_command, match_language
from bot.understanding.matching import (
    CATEGORY_INDEX,
    COMMAND_INDEX,
    LANGUAGE_INDEX,
    VocabularyError,
    build_index,
)
from bot.understanding.numbers import parse_quantity
from bot.understanding.text import process
from bot.understanding.vocabulary import (
    AMBIGUOUS_CATEGORY_WORDS,
    CATEGORY_WORDS,
    COMMAND_WORDS,
    LANGUAGE_WORDS,
    UNIT_WORDS,
)

EXPECTED_CATEGORIES = {"1.a", "1.b", "2", "3", "4", "5", "6", "7", "8", "9", "10", "23", "30"}


def test_category_ids() -> None:
    assert set(CATEGORY_WORDS) == EXPECTED_CATEGORIES
    for values in AMBIGUOUS_CATEGORY_WORDS.values():
        assert set(values) <= EXPECTED_CATEGORIES
        assert len(values) > 1


def test_every_command_has_words() -> None:
    assert set(COMMAND_WORDS) == set(Command)


def test_every_table_entry_matches_itself() -> None:
    for category, words in CATEGORY_WORDS.items():
        for word in words:
            assert match_category(word).value == category, word
    for command, words in COMMAND_WORDS.items():
        for word in words:
            assert match_command(word) is command, word
    for code, words in LANGUAGE_WORDS.items():
        for word in words:
            assert match_language(word) == code, word


def test_every_unit_word_is_recognised() -> None:
    for unit, words in UNIT_WORDS.items():
        for word in words:
            quantity = parse_quantity(f"7 {word}")
            assert quantity is not None, word
            assert quantity.unit == unit, word


@pytest.mark.parametrize("index", [CATEGORY_INDEX, COMMAND_INDEX, LANGUAGE_INDEX])
def test_folding_never_merges_distinct_values(index: object) -> None:
    # Folding (vowel length, nukta, doubled letters) must not make two listed
    # spellings of *different* values look the same; only the deliberate
    # ambiguous entries may carry several values.
    deliberate = set(AMBIGUOUS_CATEGORY_WORDS.values())
    for key, values in index.folded.items():  # type: ignore[attr-defined]
        assert len(values) == 1 or values in deliberate, key


def test_variant_spellings_present() -> None:
    # People type both nukta and plain forms, with and without chandrabindu.
    odia = LANGUAGE_WORDS["or"]
    assert "ଓଡ଼ିଆ" in odia
    assert "ଓଡିଆ" in odia
    yes = COMMAND_WORDS[Command.YES]
    assert "हाँ" in yes
    assert "हां" in yes
    english = LANGUAGE_WORDS["en"]
    assert "अंग्रेज़ी" in english
    assert "अंग्रेजी" in english


def test_latin_script_odia_and_hindi_present() -> None:
    latin = {process(w) for words in CATEGORY_WORDS.values() for w in words}
    latin |= set(AMBIGUOUS_CATEGORY_WORDS)
    for word in ["gharelu", "ghareloo", "gharoi", "ghoroi", "dukan", "dokan", "kheti", "chasa"]:
        assert word in latin
    for word in ["krushi", "sinchai", "karkhana", "laghu udyog", "kutir jyoti", "kutirjyoti"]:
        assert word in latin
    assert "bpl" in latin


def test_conflicting_entry_fails_loudly() -> None:
    with pytest.raises(VocabularyError, match="means both"):
        build_index({"1.b": ("ghar",), "2": ("Ghar",)})


def test_empty_entry_fails_loudly() -> None:
    with pytest.raises(VocabularyError, match="empty"):
        build_index({"1.b": ("?!",)})


def test_tables_are_read_only() -> None:
    with pytest.raises(TypeError):
        CATEGORY_WORDS["99"] = ("x",)  # type: ignore[index]
