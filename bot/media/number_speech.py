"""Numbers as words of Odia, Hindi and English, for a voice to speak.

A text-to-speech voice reads the digits "250" in its own way (``espeak-ng``'s Odia voice even
reads them differently from the words), so every number in a spoken script is written out:
``250`` → "ଦୁଇ ଶହ ପଚାଶ" / "दो सौ पचास" / "two hundred and fifty", and an amount in rupees and
paise → "ଦୁଇ ଶହ ପଚାଶ ଟଙ୍କା ପଚାଶ ପଇସା".

The words are the ones the bot already *reads* (:mod:`bot.understanding.number_words_data`): the
first spelling of each entry is the standard one, so the reading and the speaking vocabulary
cannot drift apart. The grammar is the Indian system in all three languages, as bills in Odisha
are read: hundred, thousand, lakh (10⁵), crore (10⁷), with a number of crores written in the same
way ("ek hazaar crore"). Odia says "ଶହେ" for one hundred ("ଶହେ ପାଞ୍ଚ" = 105); English puts "and"
before the last part below a hundred ("one thousand and five"), as Indian English does.

Decimals are read digit by digit after the language's word for the point ("two point five"),
which comes from the catalogs, as do the words for rupees and paise.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from bot.i18n.catalogs import Language, Translator
from bot.media import messages as mm
from bot.understanding import number_words_data as data

__all__ = [
    "decimal_words",
    "integer_words",
    "rupees_words",
]

#: Unicode letters of each language's script; English takes the Latin spellings.
_SCRIPT_RANGES: Final[Mapping[Language, tuple[int, int]]] = {
    "or": (0x0B00, 0x0B7F),
    "hi": (0x0900, 0x097F),
    "en": (0x0041, 0x007A),
}
_PAISA: Final = Decimal("0.01")


def _in_script(word: str, language: Language) -> bool:
    low, high = _SCRIPT_RANGES[language]
    return all(low <= ord(char) <= high for char in word)


def _first_in_script(spellings: str, language: Language) -> str:
    """The first spelling in ``language``'s script: the data lists the standard one first."""
    for word in spellings.split():
        if _in_script(word, language):
            return word
    raise LookupError(f"no {language} spelling among {spellings!r}")


def _below_hundred_table(language: Language) -> dict[int, str]:
    """0-99 as one word each (Odia, Hindi) or as tens and ones (English)."""
    if language == "or":
        return {n: spellings.split()[0] for n, spellings in data.ODIA_NUMBERS.items()}
    if language == "hi":
        return {n: spellings.split()[0] for n, spellings in data.HINDI_NUMBERS.items()}
    ones = {n: spellings.split()[0] for n, spellings in data.ENGLISH_ONES.items()}
    tens = {n: spellings.split()[0] for n, spellings in data.ENGLISH_TENS.items()}
    table = dict(ones)
    for ten, word in tens.items():
        table[ten] = word
        for one in range(1, 10):
            table[ten + one] = f"{word} {ones[one]}"
    return table


_BELOW_HUNDRED: Final[Mapping[Language, Mapping[int, str]]] = {
    language: _below_hundred_table(language) for language in ("or", "hi", "en")
}
_SCALE_VALUES: Final = (10_000_000, 100_000, 1000, 100)
#: Hundred, thousand, lakh and crore in each language, from the reading data.
_SCALES: Final[Mapping[Language, Mapping[int, str]]] = {
    language: {
        value: _first_in_script(data.MULTIPLIERS[value], language) for value in _SCALE_VALUES
    }
    for language in ("or", "hi", "en")
}
#: Odia's word for one hundred by itself ("ଶହେ"), from the reading data.
_ODIA_ONE_HUNDRED: Final = _first_in_script(data.ONE_MULTIPLIERS, "or")
#: English joins the last part below a hundred with "and", from the reading data.
_ENGLISH_AND: Final = _first_in_script(data.CONNECTORS, "en")


def integer_words(value: int, language: Language) -> str:
    """A whole number of 0 or more as words: ``1250`` → "one thousand two hundred and fifty".

    Raises :class:`ValueError` for a negative number (say the sign with its own word).
    """
    if value < 0:
        raise ValueError(f"integer_words takes a number of 0 or more, got {value}")
    if value == 0:
        return _BELOW_HUNDRED[language][0]
    return " ".join(_words(value, language))


def _words(value: int, language: Language) -> list[str]:
    below = _BELOW_HUNDRED[language]
    scales = _SCALES[language]
    words: list[str] = []
    crores, rest = divmod(value, 10_000_000)
    if crores:  # a number of crores is itself said in full: "ek hazaar crore"
        words += [*_words(crores, language), scales[10_000_000]]
    for scale in (100_000, 1000):
        count, rest = divmod(rest, scale)
        if count:
            words += [below[count], scales[scale]]
    hundreds, rest = divmod(rest, 100)
    if hundreds == 1 and language == "or":
        words.append(_ODIA_ONE_HUNDRED)
    elif hundreds:
        words += [below[hundreds], scales[100]]
    if rest:
        if words and language == "en":
            words.append(_ENGLISH_AND)
        words.append(below[rest])
    return words


def decimal_words(value: Decimal | int, t: Translator, max_decimals: int = 2) -> str:
    """A number with up to ``max_decimals`` decimals (rounded half-up) as words: ``2.5`` →
    "two point five", ``-3`` → "minus three"; trailing zeros are not said."""
    exact = Decimal(value).quantize(Decimal(1).scaleb(-max_decimals), rounding=ROUND_HALF_UP)
    sign = t.gettext(mm.SPOKEN_MINUS) + " " if exact < 0 else ""
    whole, _, fraction = format(abs(exact), "f").partition(".")
    fraction = fraction.rstrip("0")
    words = integer_words(int(whole), t.lang)
    if fraction:
        digits = " ".join(_BELOW_HUNDRED[t.lang][int(digit)] for digit in fraction)
        words = f"{words} {t.gettext(mm.SPOKEN_POINT)} {digits}"
    return sign + words


def rupees_words(amount: Decimal | int, t: Translator) -> str:
    """An amount rounded half-up to the paisa, in words of rupees and paise: ``250.50`` →
    "ଦୁଇ ଶହ ପଚାଶ ଟଙ୍କା ପଚାଶ ପଇସା" / "दो सौ पचास रुपये पचास पैसे" /
    "two hundred and fifty rupees and fifty paise"; no paise are said when there are none."""
    exact = Decimal(amount).quantize(_PAISA, rounding=ROUND_HALF_UP)
    sign = t.gettext(mm.SPOKEN_MINUS) + " " if exact < 0 else ""
    rupees, paise = divmod(int(abs(exact) * 100), 100)
    said_rupees = t.format_plural(mm.SPOKEN_RUPEES, rupees, amount=integer_words(rupees, t.lang))
    if not paise:
        return sign + said_rupees
    said_paise = t.format_plural(mm.SPOKEN_PAISE, paise, amount=integer_words(paise, t.lang))
    if not rupees:
        return sign + said_paise
    return sign + t.format(mm.SPOKEN_RUPEES_AND_PAISE, rupees=said_rupees, paise=said_paise)
