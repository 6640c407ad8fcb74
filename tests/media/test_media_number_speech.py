"""Numbers as spoken words: read back by the bot's own reader, and as indic-numtowords says them."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from indic_numtowords import num2words

from bot.i18n import LANGUAGES, Language
from bot.i18n.catalogs import Translator
from bot.media.number_speech import decimal_words, integer_words, rupees_words
from bot.understanding.normalize import normalize
from bot.understanding.number_words import digitize
from bot.understanding.text import fold, process

_draw = random.Random(20261130)
#: Every number to 2,000, every scale's edges, and a fixed random sample below 100 crore (the
#: largest indic-numtowords says).
NUMBERS = sorted(
    {
        *range(0, 2001),
        *(edge + step for edge in (10**5, 10**7, 10**8) for step in (-1, 0, 1, 5, 100, 1000)),
        *(_draw.randrange(10**9) for _ in range(1500)),
    }
)


def read_back(words: str) -> str:
    """What the bot's reader (bot.understanding.number_words) makes of ``words``."""
    return digitize(normalize(words))


def same_word(ours: str, theirs: str) -> bool:
    """Two spellings of one word: equal after the reader's folding, or read as one number."""
    return fold(process(ours)) == fold(process(theirs)) or read_back(ours) == read_back(theirs)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_bots_reader_reads_every_spoken_number_back(language: Language) -> None:
    wrong = {n: integer_words(n, language) for n in NUMBERS}
    wrong = {n: words for n, words in wrong.items() if read_back(words) != str(n)}
    assert not wrong, list(wrong.items())[:5]


@pytest.mark.parametrize("language", LANGUAGES)
def test_words_agree_with_indic_numtowords(language: Language) -> None:
    """Word for word, up to spellings the reading data lists for the same number (Odia 45 is
    "ପଞ୍ଚଚାଳିଶ" here and "ପଇଁଚାଳିଶ" there; Hindi 6 "छह" and "छः")."""
    differ = []
    for n in NUMBERS:
        ours, theirs = integer_words(n, language).split(), num2words(n, lang=language).split()
        if len(ours) != len(theirs) or not all(map(same_word, ours, theirs)):
            differ.append((n, " ".join(ours), " ".join(theirs)))
    assert not differ, differ[:5]


@pytest.mark.parametrize(
    ("language", "number", "words"),
    [
        ("or", 250, "ଦୁଇ ଶହ ପଚାଶ"),
        ("or", 105, "ଶହେ ପାଞ୍ଚ"),
        ("or", 120_000, "ଏକ ଲକ୍ଷ କୋଡ଼ିଏ ହଜାର"),
        ("hi", 250, "दो सौ पचास"),
        ("hi", 25_00_00_000, "पच्चीस करोड़"),
        ("hi", 1000_00_00_000, "एक हज़ार करोड़"),
        ("en", 1005, "one thousand and five"),
        ("en", 12_34_567, "twelve lakh thirty four thousand five hundred and sixty seven"),
        ("en", 0, "zero"),
    ],
)
def test_indian_system_words(language: Language, number: int, words: str) -> None:
    assert integer_words(number, language) == words


@pytest.mark.parametrize(
    ("language", "amount", "words"),
    [
        ("or", Decimal("250.50"), "ଦୁଇ ଶହ ପଚାଶ ଟଙ୍କା ପଚାଶ ପଇସା"),
        ("hi", Decimal("250.50"), "दो सौ पचास रुपये पचास पैसे"),
        ("en", Decimal("250.50"), "two hundred and fifty rupees and fifty paise"),
        ("hi", Decimal(1), "एक रुपया"),
        ("en", Decimal("1.01"), "one rupee and one paisa"),
        ("en", Decimal("0.75"), "seventy five paise"),
        ("en", Decimal("1195.00"), "one thousand one hundred and ninety five rupees"),
        ("en", Decimal("2.345"), "two rupees and thirty five paise"),  # half-up to the paisa
        ("en", Decimal("-3"), "minus three rupees"),
    ],
)
def test_rupees_and_paise(language: Language, amount: Decimal, words: str) -> None:
    assert rupees_words(amount, Translator.load(language)) == words


@pytest.mark.parametrize(
    ("language", "value", "words"),
    [
        ("en", Decimal("2.5"), "two point five"),
        ("en", Decimal("2.50"), "two point five"),
        ("en", Decimal("0.05"), "zero point zero five"),
        ("hi", Decimal("1.5"), "एक दशमलव पाँच"),
        ("or", Decimal("12.25"), "ବାର ଦଶମିକ ଦୁଇ ପାଞ୍ଚ"),
        ("en", Decimal(7), "seven"),
    ],
)
def test_decimals_are_read_digit_by_digit(language: Language, value: Decimal, words: str) -> None:
    assert decimal_words(value, Translator.load(language)) == words


def test_a_negative_whole_number_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        integer_words(-1, "en")
