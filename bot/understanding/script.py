"""Guess the language of a message from the Unicode script of its letters."""

from __future__ import annotations

import unicodedata
from typing import Literal

Language = Literal["or", "hi", "en"]

_ODIA = range(0x0B00, 0x0B80)
_DEVANAGARI = range(0x0900, 0x0980)


def _script_of(ch: str) -> Language | None:
    """Return the language whose script ``ch`` belongs to, if ``ch`` is a letter.

    Vowel signs and viramas (categories Mn/Mc) count as letters in Indic
    scripts because they carry the word's sound; digits never count, so a
    message of only ୨୫୦ has no language.
    """
    category = unicodedata.category(ch)
    if not (category.startswith("L") or category.startswith("M")):
        return None
    code = ord(ch)
    if code in _ODIA:
        return "or"
    if code in _DEVANAGARI:
        return "hi"
    if category.startswith("L") and (ch.isascii() or "LATIN" in unicodedata.name(ch, "")):
        return "en"
    return None


def detect_language(text: str) -> Language | None:
    """Return ``"or"``, ``"hi"`` or ``"en"`` by the script most of the letters use.

    Latin letters count as English even when the words are Odia or Hindi typed
    in Latin ("gharelu"): the reply should then be readable in Latin script.
    Returns ``None`` when there are no letters (digits, emoji, punctuation).
    On a tie an Indic script wins over Latin, because Latin words such as "kw"
    or "unit" are routinely mixed into Odia and Hindi messages; Odia wins over
    Devanagari because this is an Odisha service.
    """
    counts: dict[Language, int] = {"or": 0, "hi": 0, "en": 0}
    for ch in text:
        language = _script_of(ch)
        if language is not None:
            counts[language] += 1
    best = max(counts.values())
    if best == 0:
        return None
    # dict order ("or", "hi", "en") is the tie-break order described above.
    return next(language for language, count in counts.items() if count == best)
