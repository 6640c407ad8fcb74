"""Numbers written in words, in Odia, Hindi and English, in native script or Latin letters.

People type "dui sha pachas", "ଦୁଇ ଶହ ପଚାଶ", "ढाई सौ", "sade teen sau", "two
hundred and fifty" or "2.5k". :func:`find_number_words` finds such phrases in
already-normalised text (see :func:`bot.understanding.normalize.normalize`) and
:func:`digitize` rewrites each one as digits, so that the digit scanner in
:mod:`bot.understanding.numbers` reads "domestic 2.5k units" as 2500 units.

The vocabulary is data, in :mod:`bot.understanding.number_words_data`. The
grammar is the same for every language:

* a *group* is an optional fraction word ("sawa", "sade", "paune"), then a
  number 0-99 (one word, or English tens + ones: "twenty five", "twenty-five"),
  or digits directly before a multiplier ("2.5 k", "1.5 lakh", "3 sau");
* "hundred" multiplies the group; a following number 0-99 is added, with an
  optional "and"/"aur"/"ଓ" ("two hundred and fifty", "do sau pachas");
* thousand, lakh, million and crore close a group and must come in falling
  order ("1 lakh 20 hazaar"); a multiplier with no number before it means one
  of it ("hazaar", "ଶହେ"), an English article too ("a hundred");
* in English a lone 1-9 before 10-99 says hundreds, as prices are read out:
  "two fifty" = 250, "one twenty five" = 125;
* "point" and digit words make a decimal part ("three point five" = 3.5);
* "sade teen sau" = (3 + 1/2) × 100, "paune sau" = 0.75 × 100; "dedh" (1.5)
  and "dhai" (2.5) are numbers in their own right ("dedh sau" = 150).

Which phrases count (the false-positive rule)
---------------------------------------------
Short Latin words are everyday words too ("do you", "mujhe do", "char",
"saath" = with). A phrase is *strong*, and always counts, if it has a
multiplier with a number before it ("do sau", "2 hazaar", "a hundred") or a
strong word ("pachas", "fifty", "ପଚାଶ", "ଶହେ"). Otherwise it is *weak* and
counts only (a) directly before a unit word ("do unit", "dedh kw") or after a
rupee mark, or (b) when the whole message is number words ("do", "ek."). A
phrase of *bound* words only ("na", Odia 9 but also "no") never counts alone.
Digits are never touched except when a multiplier follows them.

Every function is pure, linear in the length of its input and never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

from bot.understanding import number_words_data as data
from bot.understanding.normalize import normalize
from bot.understanding.text import fold, is_word_char
from bot.understanding.vocabulary import RUPEE_PREFIXES, UNIT_WORDS

WordKind = Literal[
    "number", "modifier", "multiplier", "digit_multiplier", "connector", "article", "point"
]
Strength = Literal["strong", "weak", "bound"]


@dataclass(frozen=True)
class _Word:
    """What one spelling means to the phrase grammar."""

    kind: WordKind
    value: Decimal
    strength: Strength = "strong"
    #: English tens ("twenty") that take a following English 1-9.
    takes_ones: bool = False
    #: English 1-9, which may follow English tens.
    joins_tens: bool = False
    #: English 10-99 ("fifty", "twelve"), which after a lone English 1-9 say
    #: hundreds the way prices are read out: "two fifty" = 250.
    spoken_hundreds: bool = False


@dataclass(frozen=True)
class NumberPhrase:
    """One number written in words, found in normalised text.

    ``start``/``end`` cover the whole phrase (digits and multiplier included,
    "2.5k"); ``strength`` says whether it counts on its own (module docstring).
    """

    start: int
    end: int
    value: Decimal
    strength: Strength


def _key(word: str) -> str:
    """Lookup key of one normalised word: Indic spelling noise folded, Latin exact."""
    return word if word.isascii() else fold(word)


def _spellings(text: str) -> list[str]:
    """Normalised spellings from a space-separated data string."""
    return [_key(normalize(spelling)) for spelling in text.split()]


def _build_lexicon() -> dict[str, _Word]:
    """One lookup table from the data module; a spelling with two meanings is a data bug."""
    lexicon: dict[str, _Word] = {}

    def add(spelling: str, word: _Word) -> None:
        known = lexicon.get(spelling)
        if known is not None and known != word:
            raise ValueError(f"number word {spelling!r} means both {known} and {word}")
        lexicon[spelling] = word

    for table in (
        data.ODIA_NUMBERS,
        data.HINDI_NUMBERS,
        data.HINDI_LATIN_NUMBERS,
        data.ODIA_LATIN_NUMBERS,
    ):
        for value, spellings in table.items():
            for spelling in _spellings(spellings):
                add(spelling, _Word("number", Decimal(value)))
    for value, spellings in data.ENGLISH_ONES.items():
        for spelling in _spellings(spellings):
            add(
                spelling,
                _Word(
                    "number",
                    Decimal(value),
                    joins_tens=1 <= value <= 9,
                    spoken_hundreds=value >= 10,
                ),
            )
    for value, spellings in data.ENGLISH_TENS.items():
        for spelling in _spellings(spellings):
            add(spelling, _Word("number", Decimal(value), takes_ones=True, spoken_hundreds=True))
    for fraction, spellings in data.FRACTION_NUMBERS.items():
        for spelling in _spellings(spellings):
            add(spelling, _Word("number", fraction))
    for delta, spellings in data.FRACTION_MODIFIERS.items():
        for spelling in _spellings(spellings):
            add(spelling, _Word("modifier", delta))
    one_multipliers = set(_spellings(data.ONE_MULTIPLIERS))
    for value, spellings in data.MULTIPLIERS.items():
        for spelling in _spellings(spellings):
            strength: Strength = "strong" if spelling in one_multipliers else "weak"
            add(spelling, _Word("multiplier", Decimal(value), strength))
    for value, spellings in data.DIGIT_MULTIPLIERS.items():
        for spelling in _spellings(spellings):
            add(spelling, _Word("digit_multiplier", Decimal(value), "weak"))
    for spelling in _spellings(data.CONNECTORS):
        add(spelling, _Word("connector", Decimal(0), "weak"))
    for spelling in _spellings(data.ARTICLES):
        add(spelling, _Word("article", Decimal(1), "weak"))
    for spelling in _spellings(data.DECIMAL_POINTS):
        add(spelling, _Word("point", Decimal(0), "weak"))
    levels: tuple[tuple[Strength, str], ...] = (
        ("weak", data.WEAK_WORDS),
        ("bound", data.BOUND_WORDS),
    )
    for level, words in levels:
        for spelling in _spellings(words):
            if spelling not in lexicon:
                raise ValueError(f"{level} word {spelling!r} is not a number word")
            lexicon[spelling] = replace(lexicon[spelling], strength=level)
    return lexicon


LEXICON: Final[dict[str, _Word]] = _build_lexicon()
# Multipliers that may be glued to the number before them ("ଦୁଇଶହ", "duisaha").
_MULTIPLIER_KEYS: Final = frozenset(k for k, w in LEXICON.items() if w.kind == "multiplier")
# Grouped by length, longest first, so a word costs one set lookup per length.
_GLUED_MULTIPLIERS: Final = tuple(
    (length, frozenset(k for k in _MULTIPLIER_KEYS if len(k) == length))
    for length in sorted({len(k) for k in _MULTIPLIER_KEYS}, reverse=True)
)
_UNIT_ALIASES: Final = tuple(
    sorted({normalize(alias) for aliases in UNIT_WORDS.values() for alias in aliases}, key=len)[
        ::-1
    ]
)
_RUPEE_MARKS: Final = tuple(sorted({normalize(mark) for mark in RUPEE_PREFIXES}, key=len)[::-1])
_PLAIN_DIGITS: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# What may stand between two words of one phrase: a space or a hyphen
# ("twenty-five"); after a multiplier also a comma ("two thousand, five hundred").
_JOINING_GAPS: Final = frozenset({"", " ", "-", " -", "- ", " - "})
_GAPS_AFTER_MULTIPLIER: Final = _JOINING_GAPS | {",", ", "}


@dataclass(frozen=True)
class _Token:
    """A digit run or one (part of a) word, with its span in the text."""

    start: int
    end: int
    digits: Decimal | None
    word: _Word | None
    #: True for the first half of a glued word ("ଦୁଇ" of "ଦୁଇଶହ"): a phrase may not end there.
    glued: bool = False


def _is_ascii_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def _word_tokens(text: str, start: int, end: int) -> list[_Token]:
    """Tokens for one word: itself, or a number glued to a multiplier, or nothing."""
    key = _key(text[start:end])
    word = LEXICON.get(key)
    if word is not None:
        return [_Token(start, end, None, word)]
    for length, suffixes in _GLUED_MULTIPLIERS:
        if len(key) > length and key[-length:] in suffixes:
            head = LEXICON.get(key[:-length])
            if head is not None and head.kind == "number":
                return [
                    _Token(start, end, None, head, glued=True),
                    _Token(start, end, None, LEXICON[key[-length:]]),
                ]
    return [_Token(start, end, None, None)]


def _tokenize(text: str) -> list[_Token]:
    """Split text into digit runs, words and "&"; everything else separates them."""
    tokens: list[_Token] = []
    position = 0
    length = len(text)
    while position < length:
        ch = text[position]
        start = position
        if _is_ascii_digit(ch):
            while position < length and (_is_ascii_digit(text[position]) or text[position] in ".,"):
                position += 1
            run = text[start:position].rstrip(".,")
            position = start + len(run)
            value: Decimal | None = None
            if _PLAIN_DIGITS.fullmatch(run) and len(run) <= 20:
                try:
                    value = Decimal(run)
                except InvalidOperation:  # pragma: no cover - the pattern admits only literals
                    value = None
            tokens.append(_Token(start, position, value, None))
        elif is_word_char(ch):
            while (
                position < length
                and is_word_char(text[position])
                and not _is_ascii_digit(text[position])
            ):
                position += 1
            tokens.extend(_word_tokens(text, start, position))
        elif ch == "&":
            position += 1
            tokens.append(_Token(start, position, None, LEXICON.get("&")))
        else:
            position += 1
    return tokens


def _joined(text: str, before: _Token, after: _Token) -> bool:
    """True if two tokens may belong to one phrase, judged by what lies between them."""
    if before.glued:
        return True
    gap = text[before.end : after.start]
    if before.word is not None and before.word.kind in ("multiplier", "digit_multiplier"):
        return gap in _GAPS_AFTER_MULTIPLIER
    return gap in _JOINING_GAPS


Stage = Literal[
    "start", "digits", "atom", "tens", "hundred", "hundred_tens", "hundred_atom", "big", "decimal"
]


# Stages after which a decimal point may follow: a whole number has been read.
_WHOLE_STAGES: Final = ("atom", "tens", "hundred", "hundred_atom", "hundred_tens")


def _decimal_digits(text: str, tokens: list[_Token], point: int) -> list[int]:
    """The digits 0-9 written as words right after the point at ``tokens[point]``."""
    digits: list[int] = []
    index = point + 1
    while index < len(tokens) and _joined(text, tokens[index - 1], tokens[index]):
        word = tokens[index].word
        if word is None or word.kind != "number" or tokens[index].glued:
            break
        if word.value != word.value.to_integral_value() or not 0 <= word.value <= 9:
            break
        digits.append(int(word.value))
        index += 1
    return digits


def _digits_complete(
    text: str, tokens: list[_Token], index: int, stage: str, smallest_big: Decimal | None
) -> bool:
    """True if the digits at ``tokens[index]`` end a phrase of words ("do sau 50").

    Only whole numbers smaller than the multiplier before them, after a plain
    space (or "and"): "2 hazaar, 500" stays two numbers.
    """
    digits = tokens[index].digits
    if digits is None or digits != digits.to_integral_value() or index == 0:
        return False
    previous = tokens[index - 1]
    if previous.word is None or previous.word.kind not in ("multiplier", "connector"):
        return False  # not after "2k": "2k 500" may be two amounts
    if text[previous.end : tokens[index].start] != " ":
        return False
    if stage == "hundred":
        return digits < 100
    return stage == "big" and smallest_big is not None and digits < smallest_big


def _parse_at(text: str, tokens: list[_Token], first: int) -> tuple[int, Decimal, Strength] | None:
    """The longest number phrase starting at ``tokens[first]``.

    Returns (index after its last token, value, strength) or None. Work is
    proportional to the tokens consumed plus one.
    """
    total = Decimal(0)
    current = Decimal(0)
    stage: Stage = "start"
    modifier: Decimal | None = None
    article = False
    after_connector = False
    lone_ones = False  # the phrase so far is one English word 1-9 ("two" of "two fifty")
    smallest_big: Decimal | None = None
    strong = False
    bound = False
    best: tuple[int, Decimal, Strength] | None = None
    index = first
    while index < len(tokens):
        token = tokens[index]
        if index > first and not _joined(text, tokens[index - 1], token):
            break
        word = token.word
        if token.digits is not None:
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            multiplied = (
                following is not None
                and following.word is not None
                and following.word.kind in ("multiplier", "digit_multiplier")
                and _joined(text, token, following)
            )
            if modifier is not None or article:
                break
            if multiplied and stage in ("start", "big"):
                # Digits before a multiplier: "2.5k", "1.5 lakh", "3 sau".
                current, stage = token.digits, "digits"
            elif (
                multiplied
                or not strong  # "hazaar 500" is not 1500
                or not _digits_complete(text, tokens, index, stage, smallest_big)
            ):
                break
            else:
                # Digits that finish a phrase: "2 hazaar 500", "do sau 50".
                current += token.digits
                stage = "hundred_atom"
                after_connector = False
        elif word is None:
            break
        elif word.kind == "number":
            if article:
                break
            if stage in ("start", "big"):
                if modifier is not None:
                    if word.value != word.value.to_integral_value() or word.value == 0:
                        break
                    current, modifier = word.value + modifier, None
                else:
                    current = word.value
                stage = "tens" if word.takes_ones else "atom"
            elif stage == "tens" and word.joins_tens:
                current, stage = current + word.value, "atom"
            elif lone_ones and index == first + 1 and word.spoken_hundreds:
                # "two fifty" = 250, "one twenty five" = 125.
                current = current * 100 + word.value
                stage = "hundred_tens" if word.takes_ones else "hundred_atom"
            elif stage == "hundred" and word.value == word.value.to_integral_value():
                current += word.value
                stage = "hundred_tens" if word.takes_ones else "hundred_atom"
            elif stage == "hundred_tens" and word.joins_tens:
                current, stage = current + word.value, "hundred_atom"
            else:
                break
            lone_ones = index == first and word.joins_tens and modifier is None
            after_connector = False
            strong = strong or word.strength == "strong"
            bound = bound or word.strength == "bound"
        elif word.kind == "modifier":
            if stage not in ("start", "big") or modifier is not None or article or after_connector:
                break
            modifier = word.value
        elif word.kind in ("multiplier", "digit_multiplier"):
            if after_connector or (word.kind == "digit_multiplier" and stage != "digits"):
                break
            counted = stage in ("digits", "atom", "tens", "hundred_atom", "hundred_tens", "decimal")
            counted = counted or modifier is not None or article
            one = Decimal(1) + (modifier or 0)
            if word.value == 100:
                if stage in ("digits", "atom", "tens", "decimal"):
                    current = current * 100
                elif stage in ("start", "big"):
                    current = one * 100
                else:
                    break
                stage = "hundred"
            else:
                if smallest_big is not None and word.value >= smallest_big:
                    break
                if stage in ("start", "big"):
                    if stage == "big" and modifier is None:
                        break
                    total += one * word.value
                else:
                    total += current * word.value
                current, stage, smallest_big = Decimal(0), "big", word.value
            modifier, article = None, False
            strong = strong or counted or word.strength == "strong"
        elif word.kind == "point":
            # "three point five": the words after it are digits of the decimal part.
            decimals = _decimal_digits(text, tokens, index)
            if stage not in _WHOLE_STAGES or modifier is not None or not decimals:
                break
            fraction = Decimal("0." + "".join(str(digit) for digit in decimals))
            current, stage, strong = current + fraction, "decimal", True
            index += len(decimals)
        elif word.kind == "connector":
            if stage not in ("hundred", "big") or after_connector:
                break
            after_connector = True
        else:  # article: only first, and only before a multiplier
            if index != first:
                break
            article = True
        index += 1
        complete = (
            stage not in ("start", "digits")
            and modifier is None
            and not article
            and not after_connector
            and not token.glued
        )
        if complete:
            level: Strength = "strong" if strong else ("bound" if bound else "weak")
            best = (index, total + current, level)
    return best


def _candidates(text: str, tokens: list[_Token]) -> list[NumberPhrase]:
    """Every maximal number phrase, left to right, whatever its strength."""
    phrases: list[NumberPhrase] = []
    index = 0
    while index < len(tokens):
        parsed = _parse_at(text, tokens, index)
        if parsed is None:
            index += 1
            continue
        end_index, value, strength = parsed
        phrases.append(
            NumberPhrase(tokens[index].start, tokens[end_index - 1].end, value, strength)
        )
        index = end_index
    return phrases


def _starts_with_word(text: str, position: int, words: tuple[str, ...]) -> bool:
    """True if one of ``words`` starts at ``position`` and is not glued to a following word."""
    for word in words:
        end = position + len(word)
        if text.startswith(word, position) and not (
            is_word_char(word[-1]) and end < len(text) and is_word_char(text[end])
        ):
            return True
    return False


def _unit_follows(text: str, end: int) -> bool:
    """True if a unit word (units, kw, ₹, ଟଙ୍କା, रुपये ...) follows ``end``."""
    position = end + 1 if text[end : end + 1] == " " else end
    return _starts_with_word(text, position, _UNIT_ALIASES)


def _rupee_precedes(text: str, start: int) -> bool:
    """True if a rupee mark ("₹", "rs", "रु") stands right before ``start``."""
    position = start - 1 if start > 0 and text[start - 1] == " " else start
    for mark in _RUPEE_MARKS:
        mark_start = position - len(mark)
        if (
            mark_start >= 0
            and text.startswith(mark, mark_start)
            and not (
                is_word_char(mark[0]) and mark_start > 0 and is_word_char(text[mark_start - 1])
            )
        ):
            return True
    return False


def _only_numbers(text: str, phrases: list[NumberPhrase]) -> bool:
    """True if nothing but these phrases and punctuation is in ``text``."""
    position = 0
    for phrase in phrases:
        if any(is_word_char(ch) for ch in text[position : phrase.start]):
            return False
        position = phrase.end
    return not any(is_word_char(ch) for ch in text[position:])


def find_number_words(text: str, *, truncated: bool = False) -> list[NumberPhrase]:
    """The number phrases in normalised ``text`` that count (see the module docstring).

    ``truncated`` says the text was cut in the middle of its last word, which
    is then ignored together with any phrase it might have continued.

    >>> [(p.value, p.strength) for p in find_number_words("dui sha pachas")]
    [(Decimal('250'), 'strong')]
    >>> find_number_words("do you know the rate")
    []
    """
    tokens = _tokenize(text)
    cut_at: int | None = None
    if truncated and tokens and tokens[-1].end == len(text) and tokens[-1].digits is None:
        cut_at = tokens[-1].start
        while tokens and tokens[-1].start == cut_at:
            tokens.pop()
    phrases = _candidates(text, tokens)
    if cut_at is not None:
        phrases = [p for p in phrases if text[p.end : cut_at] not in _GAPS_AFTER_MULTIPLIER]
    countable = [p for p in phrases if p.strength != "bound"]
    whole_message = cut_at is None and _only_numbers(text, countable)
    return [
        phrase
        for phrase in countable
        if phrase.strength == "strong"
        or whole_message
        or _unit_follows(text, phrase.end)
        or _rupee_precedes(text, phrase.start)
    ]


def format_digits(value: Decimal) -> str:
    """Plain digits for a value: 2500, 2.5, 150 (never "2.5E+3")."""
    return format(value.normalize(), "f")


def digitize(text: str, *, truncated: bool = False) -> str:
    """Rewrite normalised ``text`` with every counting number phrase as digits.

    >>> digitize("domestic 2.5k units")
    'domestic 2500 units'
    >>> digitize("ढाई सौ यूनिट")
    '250 यूनिट'
    """
    phrases = find_number_words(text, truncated=truncated)
    if not phrases:
        return text
    parts: list[str] = []
    position = 0
    for phrase in phrases:
        parts.append(text[position : phrase.start])
        if phrase.start > 0 and is_word_char(text[phrase.start - 1]):
            parts.append(" ")
        parts.append(format_digits(phrase.value))
        if phrase.end < len(text) and is_word_char(text[phrase.end]):
            parts.append(" ")
        position = phrase.end
    parts.append(text[position:])
    return "".join(parts)
