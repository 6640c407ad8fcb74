"""normalize(): the matching key used everywhere in bot.understanding."""

import unicodedata

import pytest

from bot.understanding import normalize

ZWJ = "\u200d"
ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        ("   ", ""),
        ("Domestic", "domestic"),
        ("  DOMESTIC   250  ", "domestic 250"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),  # casefold, not lower
        ("a\tb\nc", "a b c"),
        ("a\u00a0b", "a b"),  # no-break space from WhatsApp Web
        ("୨୫୦", "250"),
        ("२५०", "250"),
        ("ମୋର ୨୫୦ ୟୁନିଟ", "ମୋର 250 ୟୁନିଟ"),
        ("घरेलू ३०० यूनिट", "घरेलू 300 यूनिट"),
        ("১২", "12"),  # Bengali digits from a neighbouring keyboard
        ("１２", "12"),  # full-width digits
        ("12,450.5", "12,450.5"),  # separators are kept for the number parser
        (f"ୟୁନିଟ୍{ZWNJ}", "ୟୁନିଟ୍"),
        (f"क्{ZWJ}ष", "क्ष"),
        ("\ufeffstop", "stop"),
        ("a\u200bb", "ab"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_precomposed_and_decomposed_nukta_agree() -> None:
    precomposed = "\u0b13\u0b5c\u0b3f\u0b06"  # ଓ ଡ଼(U+0B5C) ି ଆ
    decomposed = "\u0b13\u0b21\u0b3c\u0b3f\u0b06"
    assert normalize(precomposed) == normalize(decomposed)
    assert normalize("\u095c") == normalize("\u0921\u093c")  # Devanagari ड़


def test_vowel_signs_and_virama_survive() -> None:
    word = "ଘରୋଇ ଶିଳ୍ପ"
    assert normalize(word) == unicodedata.normalize("NFC", word)


def test_idempotent_on_examples() -> None:
    for text in ["ଘରୋଇ ୨୫୦", "Gharelu 180 UNIT", f"ଓଡ଼ିଆ{ZWNJ}", "  हाँ  "]:
        once = normalize(text)
        assert normalize(once) == once
