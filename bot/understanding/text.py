"""Indic-safe processing shared by the matcher and the parsers.

rapidfuzz's ``default_process`` replaces every non-alphanumeric character with
a space, and Python does not count Indic vowel signs or viramas as
alphanumeric, so it turns ``ଘରୋଇ`` into ``ଘର ଇ`` and makes distinct words
collide. These helpers remove only what is really punctuation or a symbol.
"""

from __future__ import annotations

import unicodedata

from bot.understanding.normalize import normalize

# Apostrophes join a word ("don't" -> "dont") instead of splitting it.
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2018\u2019\u02bc`"))
# Vowel signs, viramas and nukta are marks (M*); they are part of a word.
_WORD_CATEGORIES = ("L", "M", "N")


def is_word_char(ch: str) -> bool:
    """Return True for letters, combining marks and digits of any script."""
    return unicodedata.category(ch)[0] in _WORD_CATEGORIES


def process(text: str) -> str:
    """Normalise ``text`` and replace Unicode punctuation and symbols with spaces.

    Letters, marks (including Odia and Devanagari vowel signs and virama) and
    digits survive; apostrophes are dropped so "don't" reads "dont"; whitespace
    is collapsed.

    >>> process("ଘରୋଇ!!  STOP.")
    'ଘରୋଇ stop'
    """
    text = normalize(text).translate(_APOSTROPHES)
    cleaned = "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in text)
    return " ".join(cleaned.split())


# Spelling differences that people make freely and that never distinguish two
# of our vocabulary words: nukta, chandrabindu vs anusvara, vowel length, and
# Odia ୟ vs ଯ. Folding them lets "कृषी" find "कृषि" and "हां" find "हाँ".
_FOLD = str.maketrans(
    {
        # Devanagari
        "\u093c": None,  # nukta
        "\u0901": "\u0902",  # chandrabindu -> anusvara
        "\u0940": "\u093f",  # sign II -> sign I
        "\u0942": "\u0941",  # sign UU -> sign U
        "\u0908": "\u0907",  # letter II -> letter I
        "\u090a": "\u0909",  # letter UU -> letter U
        # Odia
        "\u0b3c": None,  # nukta
        "\u0b01": "\u0b02",  # chandrabindu -> anusvara
        "\u0b40": "\u0b3f",  # sign II -> sign I
        "\u0b42": "\u0b41",  # sign UU -> sign U
        "\u0b08": "\u0b07",  # letter II -> letter I
        "\u0b0a": "\u0b09",  # letter UU -> letter U
        "\u0b5f": "\u0b2f",  # YYA -> YA
    }
)
_VIRAMAS = ("\u094d", "\u0b4d")


def fold(processed: str) -> str:
    """Return a looser key for fuzzy comparison of already-processed text.

    Besides the Indic folds above, doubled Latin letters are collapsed
    ("ghareloo" → "gharelo", "irrigation" → "irigation") and a word-final
    virama is dropped ("ଅଫିସ୍" → "ଅଫିସ"), since both are spelling noise.
    """
    words = []
    for word in processed.translate(_FOLD).split():
        while word.endswith(_VIRAMAS):
            word = word[:-1]
        collapsed: list[str] = []
        for ch in word:
            if not (collapsed and ch == collapsed[-1] and ch.isascii() and ch.isalpha()):
                collapsed.append(ch)
        words.append("".join(collapsed))
    return " ".join(words)
