"""Numbers, quantities and meter readings in free text.

Everything here works on the first :data:`MAX_INPUT_CHARS` characters of the
normalised message, scans with one linear regular expression (no nested
quantifiers, so no catastrophic backtracking) and validates each number
separately, so a long paste costs little and nothing raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

from bot.understanding.normalize import normalize
from bot.understanding.number_words import digitize
from bot.understanding.text import is_word_char
from bot.understanding.vocabulary import (
    ODIA_CASE_ENDINGS,
    PRESENT_READING_WORDS,
    PREVIOUS_READING_WORDS,
    RUPEE_PREFIXES,
    UNIT_WORDS,
    UnitName,
)

#: Only this much of a message is read; nobody types a bill request longer.
MAX_INPUT_CHARS: Final = 500

# A run of digits with embedded separators; validated afterwards, because
# encoding the grouping rules in the scanning pattern invites backtracking.
_RUN = re.compile(r"[0-9][0-9.,]*")
# Plain digits, western grouping (123,456,789) or Indian grouping
# (1,23,45,678), each with an optional decimal part. Applied with fullmatch to
# one short run at a time.
_VALID = re.compile(
    r"(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,2}(?:,[0-9]{2})*,[0-9]{3})(?:\.[0-9]+)?"
)
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# Readings are four or more digits; "12450,12710" is a list, not a grouping.
_LIST_ITEM_MIN_DIGITS: Final = 4
#: Longer digit runs are pasted identifiers or noise, not units or readings.
MAX_NUMBER_CHARS: Final = 20


@dataclass(frozen=True)
class Quantity:
    """A number and the unit written next to it (None if there was none)."""

    value: Decimal
    unit: UnitName | None


@dataclass(frozen=True)
class NumberToken:
    """One number found in normalised text.

    ``start``/``end`` cover the digits; ``unit_start``/``unit_end`` cover the
    number together with its unit word (equal to the digits when unit-less).
    """

    start: int
    end: int
    value: Decimal
    unit: UnitName | None
    unit_start: int
    unit_end: int


@dataclass(frozen=True)
class Scan:
    """All numbers in a message, and whether any number was malformed ("1,2,3")."""

    text: str
    tokens: tuple[NumberToken, ...]
    malformed: bool

    @property
    def quantities(self) -> list[Quantity]:
        """The tokens as :class:`Quantity` values, in order."""
        return [Quantity(token.value, token.unit) for token in self.tokens]


def _aliases(words: Iterable[str]) -> tuple[str, ...]:
    """Normalised spellings, longest first so "kwh" wins over "kw"."""
    return tuple(sorted({normalize(word) for word in words}, key=len, reverse=True))


_UNIT_ALIASES: Final = tuple(
    (alias, unit) for unit, words in UNIT_WORDS.items() for alias in _aliases(words)
)
_UNIT_ALIASES_LONGEST_FIRST: Final = tuple(sorted(_UNIT_ALIASES, key=lambda a: -len(a[0])))
_RUPEE_PREFIXES: Final = _aliases(RUPEE_PREFIXES)
_PREVIOUS_WORDS: Final = _aliases(PREVIOUS_READING_WORDS)
_PRESENT_WORDS: Final = _aliases(PRESENT_READING_WORDS)


def _bounded_after(text: str, end: int, alias: str) -> bool:
    """True if an alias ending at ``end`` is not glued to a following word."""
    return not (is_word_char(alias[-1]) and end < len(text) and is_word_char(text[end]))


def _bounded_before(text: str, start: int, alias: str) -> bool:
    """True if an alias starting at ``start`` is not glued to a preceding word."""
    return not (is_word_char(alias[0]) and start > 0 and is_word_char(text[start - 1]))


def _unit_after(text: str, end: int) -> tuple[UnitName, int] | None:
    """The unit word right after a number ending at ``end``, and where it ends."""
    position = end
    while position < len(text) and text[position] == " ":
        position += 1
    for alias, unit in _UNIT_ALIASES_LONGEST_FIRST:
        alias_end = position + len(alias)
        if not text.startswith(alias, position):
            continue
        if _bounded_after(text, alias_end, alias):
            return unit, alias_end
        for ending in ODIA_CASE_ENDINGS:  # "୨ କିଲୋୱାଟର", "୩୦୦ ୟୁନିଟରେ"
            inflected_end = alias_end + len(ending)
            if text.startswith(ending, alias_end) and _bounded_after(text, inflected_end, ending):
                return unit, inflected_end
    return None


def _rupee_before(text: str, start: int, floor: int) -> int | None:
    """Start of a rupee mark ("₹", "Rs.") right before ``start``, not before ``floor``."""
    position = start
    while position > floor and text[position - 1] == " ":
        position -= 1
    for alias in _RUPEE_PREFIXES:
        alias_start = position - len(alias)
        if (
            alias_start >= floor
            and text.startswith(alias, alias_start)
            and _bounded_before(text, alias_start, alias)
        ):
            return alias_start
    return None


def _numbers_in_run(run: str) -> list[tuple[int, int, Decimal]] | None:
    """Split one digit run into (offset, end, value) numbers; None if malformed."""
    run = run.rstrip(".,")  # a sentence's full stop or comma is not a decimal part
    if len(run) > MAX_NUMBER_CHARS:
        return None
    try:
        if _VALID.fullmatch(run):
            return [(0, len(run), Decimal(run.replace(",", "")))]
        parts = run.split(",")
        if all(
            _PLAIN.fullmatch(part) and len(part.split(".")[0]) >= _LIST_ITEM_MIN_DIGITS
            for part in parts
        ):
            numbers = []
            offset = 0
            for part in parts:
                numbers.append((offset, offset + len(part), Decimal(part)))
                offset += len(part) + 1
            return numbers
    except InvalidOperation:  # pragma: no cover - the patterns admit only valid literals
        return None
    return None


def scan(text: str) -> Scan:
    """Find every number in ``text`` with the unit word attached to it.

    Numbers written in words are read too (:mod:`bot.understanding.number_words`):
    ``Scan.text`` is the normalised text with each of them rewritten as digits.
    A unit word must directly follow the number ("250 units", "2kw"); rupee
    marks may also precede it ("₹250", "Rs. 250"). A unit word already used by
    the previous number is not reused, so in "300 rs 180" only 300 is rupees.
    """
    # A number cut in two by the length cap must not be read as a shorter one.
    cut = len(text) > MAX_INPUT_CHARS and text[MAX_INPUT_CHARS - 1 : MAX_INPUT_CHARS + 1].isdigit()
    word_cut = len(text) > MAX_INPUT_CHARS and all(
        is_word_char(ch) for ch in text[MAX_INPUT_CHARS - 1 : MAX_INPUT_CHARS + 1]
    )
    # Numbers in words ("dui sha pachas", "2.5k") become digits first; every
    # span below refers to this rewritten text, which is what Scan.text holds.
    normalized = digitize(normalize(text[:MAX_INPUT_CHARS]), truncated=word_cut)
    tokens: list[NumberToken] = []
    malformed = False
    consumed = 0
    for run in _RUN.finditer(normalized):
        numbers = _numbers_in_run(run.group())
        if cut and run.end() == len(normalized):
            numbers = None
        if numbers is None:
            malformed = True
            consumed = run.end()
            continue
        for offset, offset_end, value in numbers:
            start, end = run.start() + offset, run.start() + offset_end
            unit: UnitName | None = None
            unit_start, unit_end = start, end
            following = _unit_after(normalized, end)
            if following is not None:
                unit, unit_end = following
            else:
                rupee_start = _rupee_before(normalized, start, consumed)
                if rupee_start is not None:
                    unit, unit_start = "rupees", rupee_start
            tokens.append(NumberToken(start, end, value, unit, unit_start, unit_end))
            consumed = unit_end
    return Scan(normalized, tuple(tokens), malformed)


def _distinct(values: Iterable[Decimal]) -> list[Decimal]:
    """Distinct values in order; 250 and 250.0 are the same number."""
    seen: list[Decimal] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def parse_number(text: str) -> Decimal | None:
    """Return the one number in ``text``, or None if there is none, more than
    one distinct number, or a malformed one ("1,2,3").

    Accepts native digits, Indian ("1,23,456") and western ("123,456")
    grouping and decimals, with words around the number ("250 units", "ମୋର
    ୨୫୦ ୟୁନିଟ"). Repeating the same number ("250 ... yes 250") is fine.
    """
    result = scan(text)
    if result.malformed:
        return None
    values = _distinct(token.value for token in result.tokens)
    return values[0] if len(values) == 1 else None


def find_quantities(text: str) -> list[Quantity]:
    """Every well-formed number in ``text`` with its unit, in the order typed.

    >>> [(str(q.value), q.unit) for q in find_quantities("gharelu 180 unit 2 kw")]
    [('180', 'units'), ('2', 'kw')]
    """
    return scan(text).quantities


def _units_mentioned(text: str) -> set[UnitName]:
    """Unit kinds named anywhere in ``text`` as whole words."""
    found: set[UnitName] = set()
    for alias, unit in _UNIT_ALIASES:
        start = text.find(alias)
        while start != -1:
            end = start + len(alias)
            if _bounded_before(text, start, alias) and _bounded_after(text, end, alias):
                found.add(unit)
                break
            start = text.find(alias, start + 1)
    return found


def parse_quantity(text: str) -> Quantity | None:
    """Return the single quantity in ``text``, or None.

    The unit is the word next to the number; failing that, a unit named
    elsewhere in a short answer ("units: 250", "load in kw is 2") if it is the
    only unit named. Several different numbers, or a malformed one, give None.
    """
    result = scan(text)
    if result.malformed or not result.tokens:
        return None
    distinct = {(token.value, token.unit) for token in result.tokens}
    if len(_distinct(value for value, _ in distinct)) != 1 or len(distinct) != 1:
        return None
    token = result.tokens[0]
    if token.unit is not None:
        return Quantity(token.value, token.unit)
    mentioned = _units_mentioned(result.text)
    unit = mentioned.pop() if len(mentioned) == 1 else None
    return Quantity(token.value, unit)


ReadingLabel = Literal["previous", "present"]


def _label(segment: str) -> ReadingLabel | None:
    """Which reading a stretch of words announces, if it clearly names one."""
    previous = any(_word_in(segment, word) for word in _PREVIOUS_WORDS)
    present = any(_word_in(segment, word) for word in _PRESENT_WORDS)
    if previous == present:
        return None
    return "previous" if previous else "present"


def _word_in(text: str, word: str) -> bool:
    """True if ``word`` occurs in ``text`` as a whole word."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if _bounded_before(text, start, word) and _bounded_after(text, end, word):
            return True
        start = text.find(word, start + 1)
    return False


def _reading_order(text: str, tokens: Sequence[NumberToken]) -> bool:
    """True if labels show the readings were typed present-first."""
    first = _label(text[: tokens[0].start])
    second = _label(text[tokens[0].unit_end : tokens[1].start])
    return (first == "present" and second != "present") or (
        second == "previous" and first != "previous"
    )


def parse_readings(text: str) -> tuple[Decimal, Decimal] | None:
    """Return (previous, present) meter readings from a message with exactly two numbers.

    Any words may separate them ("12450 to 12710", "12450-12710", "ପୂର୍ବ
    12450 ବର୍ତ୍ତମାନ 12710"). The order is as typed, unless labels say the
    present reading came first ("present 12710 previous 12450"). The present
    reading may be smaller than the previous one: the caller handles meter
    roll-over. Numbers tagged as kW, kVA, HP or rupees are not readings.
    """
    result = scan(text)
    if result.malformed or len(result.tokens) != 2:
        return None
    if any(token.unit not in (None, "units") for token in result.tokens):
        return None
    first, second = result.tokens
    if _reading_order(result.text, result.tokens):
        return second.value, first.value
    return first.value, second.value
