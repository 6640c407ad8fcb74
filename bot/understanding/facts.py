"""Every fact one message holds, each with where it was found.

People rarely answer only the question they were asked: "ମୋର କୁଟୀର ଜ୍ୟୋତି କନେକ୍ସନ, ଏ ମାସ ୪୫
ୟୁନିଟ ହେଇଛି" gives the category and the units at once, "yes village" answers a yes/no question and
says where the connection is, and "pump 400 units 5 hp" gives a category, units and a load. The
conversation runs :func:`extract` on every message, keeps every fact it finds and asks only for
what is still missing.

Spans are character offsets into :attr:`Facts.text`, the message as the number scanner read it
(normalised: NFC, casefolded, native digits as ASCII, numbers in words as digits). Like the rest
of :mod:`bot.understanding`, extraction is pure, never raises and reads at most the first
:data:`~bot.understanding.numbers.MAX_INPUT_CHARS` characters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal, get_args

from bot.understanding.fact_words import (
    ANSWER_WORDS,
    EBILL_WORDS,
    NEGATION_WORDS,
    NUMBER_LABELS,
    PAPER_BILL_WORDS,
    PLACE_WORDS,
    SMALL_TALK_WORDS,
    SMART_METER_WORDS,
)
from bot.understanding.matching import match_category, match_command, match_language
from bot.understanding.normalize import normalize
from bot.understanding.numbers import NumberToken, parse_readings, scan
from bot.understanding.text import is_word_char
from bot.understanding.vocabulary import (
    AMBIGUOUS_CATEGORY_WORDS,
    CATEGORY_WORDS,
    LANGUAGE_WORDS,
    Command,
)

FactKind = Literal[
    "category",
    "category_options",
    "number",
    "units",
    "load",
    "readings",
    "bill_amount",
    "answer",
    "place",
    "smart_meter",
    "ebill",
    "language",
    "command",
    "small_talk",
]
#: Every kind of fact, in the order :func:`extract` looks for them.
FACT_KINDS: Final[tuple[FactKind, ...]] = get_args(FactKind)
#: Kinds that give a figure (units, load, readings, a bill…).
FIGURE_KINDS: Final[tuple[FactKind, ...]] = (
    "number",
    "units",
    "load",
    "readings",
    "bill_amount",
)
#: Kinds that make a message more than small talk or a command: something to keep.
SUBSTANCE_KINDS: Final[tuple[FactKind, ...]] = (
    "category",
    "category_options",
    *FIGURE_KINDS,
    "place",
    "smart_meter",
    "ebill",
)

#: One horsepower in kW: a pump's load given in HP is converted at once.
KW_PER_HP: Final = Decimal("0.746")
#: Two bare numbers this long (or longer) are meter readings, not units and load.
READING_MIN_DIGITS: Final = 4
#: How many words on either side of a place, smart meter or e-bill a negation may stand.
NEGATION_REACH: Final = 3
#: How many words before a number its label may stand ("units consumed 1,250").
LABEL_REACH: Final = 2
#: Yes/no words count as an answer only near the start of a longer message ("yes village",
#: "ହଁ, ଗାଁରେ"); further in, "na" or "no" is usually part of a sentence.
ANSWER_LEAD_WORDS: Final = 2

Answer = Literal["yes", "no", "dont_know"]
Place = Literal["rural", "urban"]
SmallTalk = Literal["thanks", "ok"]


def _normalized(phrases: Iterable[str]) -> tuple[str, ...]:
    """Spellings as :func:`~bot.understanding.normalize.normalize` writes them, longest first."""
    return tuple(sorted({normalize(p) for p in phrases}, key=len, reverse=True))


_ANSWERS: Final = {answer: _normalized(words) for answer, words in ANSWER_WORDS.items()}
_PLACES: Final = {place: _normalized(words) for place, words in PLACE_WORDS.items()}
_SMART_METER: Final = _normalized(SMART_METER_WORDS)
_EBILL: Final = _normalized(EBILL_WORDS)
_PAPER_BILL: Final = _normalized(PAPER_BILL_WORDS)
_NEGATION: Final = _normalized(NEGATION_WORDS)
_SMALL_TALK: Final = {kind: _normalized(words) for kind, words in SMALL_TALK_WORDS.items()}
_CATEGORY_SPELLINGS: Final = {
    cid: _normalized(spellings) for cid, spellings in CATEGORY_WORDS.items()
}
_AMBIGUOUS_SPELLINGS: Final = _normalized(AMBIGUOUS_CATEGORY_WORDS)
_LANGUAGE_SPELLINGS: Final = {
    code: _normalized(spellings) for code, spellings in LANGUAGE_WORDS.items()
}
#: A "no" that opens a message answers the question; it does not negate what follows.
_NO_LEAD: Final = frozenset(_ANSWERS["no"])
_UNIT_LABELS: Final = _normalized(NUMBER_LABELS["units"])
_LOAD_LABELS: Final = _normalized(NUMBER_LABELS["load"])
_BILL_LABELS: Final = _normalized(NUMBER_LABELS["bill"])


@dataclass(frozen=True, slots=True)
class Load:
    """A sanctioned load or contract demand: kW or kVA (HP is converted to kW)."""

    value: Decimal
    unit: Literal["kw", "kva"]
    #: What the user wrote it in, so a reply can say "5 HP = 3.73 kW".
    written_unit: Literal["kw", "kva", "hp"]
    written_value: Decimal


@dataclass(frozen=True, slots=True)
class Fact:
    """One thing the message says, and where: ``text[start:end]`` of :class:`Facts`.

    ``value`` by ``kind``: ``category`` a category id; ``category_options`` a tuple of ids (a
    word such as "industry" that names several); ``number`` a bare :class:`~decimal.Decimal` with
    no unit (its meaning depends on the question asked); ``units`` a Decimal (kWh or kVAh);
    ``load`` a :class:`Load`; ``readings`` a (previous, present) pair of Decimals;
    ``bill_amount`` Decimal rupees; ``answer`` "yes", "no" or "dont_know"; ``place`` "rural" or
    "urban"; ``smart_meter`` and ``ebill`` a bool; ``language`` a language code the message
    names; ``command`` a :class:`~bot.understanding.vocabulary.Command` (the whole message is
    one); ``small_talk`` "thanks" or "ok".
    """

    kind: FactKind
    value: object
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Facts:
    """The facts of one message, in the order they were typed."""

    text: str
    facts: tuple[Fact, ...]

    def all(self, kind: FactKind) -> list[object]:
        """Every value of ``kind``, in typed order."""
        return [fact.value for fact in self.facts if fact.kind == kind]

    def get(self, kind: FactKind) -> object | None:
        """The first value of ``kind``, or None."""
        for fact in self.facts:
            if fact.kind == kind:
                return fact.value
        return None

    def has(self, *kinds: FactKind) -> bool:
        """Whether any fact of these kinds was found."""
        return any(fact.kind in kinds for fact in self.facts)

    @property
    def figures(self) -> bool:
        """Whether the message gives a number of any kind (units, load, readings, a bill…)."""
        return self.has(*FIGURE_KINDS)


def _phrase_spans(text: str, phrases: Iterable[str]) -> list[tuple[int, int]]:
    """Where each phrase occurs in ``text`` as whole words."""
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        start = text.find(phrase)
        while start != -1:
            end = start + len(phrase)
            before_ok = start == 0 or not is_word_char(text[start - 1])
            after_ok = end == len(text) or not is_word_char(text[end])
            if before_ok and after_ok:
                spans.append((start, end))
            start = text.find(phrase, start + 1)
    return spans


def _first_span(text: str, phrases: Iterable[str]) -> tuple[int, int] | None:
    spans = _phrase_spans(text, phrases)
    return min(spans, key=lambda span: (span[0], -span[1])) if spans else None  # longest first


def _span_of(words: str, spellings: Iterable[str]) -> tuple[int, int]:
    """Where a listed spelling stands; a typo ("gharelo") matched fuzzily has no listed
    spelling to find, so its span is the words of the message (trimmed)."""
    span = _first_span(words, spellings)
    if span is not None:
        return span
    stripped = words.strip()
    start = words.find(stripped) if stripped else 0
    return start, start + len(stripped)


def _negated_near(text: str, span: tuple[int, int]) -> bool:
    """Whether a negation belongs to the words at ``span``: up to :data:`NEGATION_REACH` words
    after them ("gaon me nahi", "ଗାଁରେ ନୁହେଁ") or before them ("not in a village"), within the
    same clause. A leading "no," answers the question and negates nothing here."""
    start, end = span
    before = re.split(r"[,.;!?।]", text[:start])[-1].split()[-NEGATION_REACH:]
    after = re.split(r"[,.;!?।]", text[end:])[0].split()[:NEGATION_REACH]
    opening = len(before) == len(text[:start].split()) and before and before[0] in _NO_LEAD
    if opening and len(before) > 1:
        # "no it is in the city": the opening "no" answers the question. Right before the
        # words ("no smart meter", "no village") it negates them.
        before = before[1:]
    window = " " + " ".join([*before, "|", *after]) + " "
    return bool(_phrase_spans(window, _NEGATION))


def _label_before(text: str, start: int, labels: Iterable[str]) -> bool:
    """Whether one of ``labels`` stands within :data:`LABEL_REACH` words before ``start``."""
    words = re.split(r"[,;!?।]", text[:start])[-1].split()[-LABEL_REACH:]
    return bool(_phrase_spans(" ".join(words), labels))


def _label_near(text: str, token: NumberToken, labels: Iterable[str]) -> bool:
    """Whether one of ``labels`` stands within :data:`LABEL_REACH` words of ``token``."""
    after = re.split(r"[,;!?।]", text[token.end :])[0].split()[:LABEL_REACH]
    return _label_before(text, token.start, labels) or bool(_phrase_spans(" ".join(after), labels))


def _bare_number(text: str, token: NumberToken) -> Fact:
    """A number without a unit word after it: its label, if one stands near, says what it is.

    "units consumed 1,250" and "ଲୋଡ୍ ୧" name the figure before it; "bill 1200 aaya" and
    "2 हज़ार का बिल" are an amount of money (a bill is paid in rupees, never in units).
    """
    if _label_before(text, token.start, _UNIT_LABELS):
        return Fact("units", token.value, token.start, token.end)
    if _label_before(text, token.start, _LOAD_LABELS):
        load = Load(token.value, "kw", "kw", token.value)
        return Fact("load", load, token.start, token.end)
    if _label_near(text, token, _BILL_LABELS) and not _phrase_spans(text, _UNIT_LABELS):
        return Fact("bill_amount", token.value, token.start, token.end)
    return Fact("number", token.value, token.start, token.end)


def _numbers(message: str, text: str, tokens: Sequence[NumberToken]) -> list[Fact]:
    """Numbers with their meaning: units, load, rupees, readings, or bare."""
    facts: list[Fact] = []
    bare = [token for token in tokens if token.unit is None]
    readings_pair = (
        len(bare) == 2
        and not any(token.unit == "units" for token in tokens)
        and all(len(str(int(token.value))) >= READING_MIN_DIGITS for token in bare)
    )
    if readings_pair:
        first, second = bare
        # Labels ("present 12710 previous 12450") may reverse the typed order.
        labelled = parse_readings(message) if len(tokens) == 2 else None
        pair = labelled or (first.value, second.value)
        facts.append(Fact("readings", pair, first.start, second.end))
    for token in tokens:
        if token.unit is None:
            if not readings_pair:
                facts.append(_bare_number(text, token))
        elif token.unit == "units":
            facts.append(Fact("units", token.value, token.unit_start, token.unit_end))
        elif token.unit == "rupees":
            facts.append(Fact("bill_amount", token.value, token.unit_start, token.unit_end))
        else:
            written: Literal["kw", "kva", "hp"] = token.unit
            value = token.value * KW_PER_HP if written == "hp" else token.value
            unit: Literal["kw", "kva"] = "kva" if written == "kva" else "kw"
            load = Load(value, unit, written, token.value)
            facts.append(Fact("load", load, token.unit_start, token.unit_end))
    return facts


def _words_only(text: str, tokens: Sequence[NumberToken]) -> str:
    """``text`` with the numbers and their unit words blanked out (same length)."""
    chars = list(text)
    for token in tokens:
        for position in range(token.unit_start, token.unit_end):
            chars[position] = " "
    return "".join(chars)


def _answer(words: str) -> Fact | None:
    """A yes / no / don't-know near the start, or a don't-know anywhere."""
    lead_end = 0
    for count, match in enumerate(re.finditer(r"\S+", words), start=1):
        lead_end = match.end()
        if count == ANSWER_LEAD_WORDS:
            break
    for answer in ("dont_know", "yes", "no"):
        spans = _phrase_spans(words, _ANSWERS[answer])
        if answer != "dont_know":
            spans = [span for span in spans if span[0] < lead_end]
        if spans:
            start, end = min(spans)
            return Fact("answer", answer, start, end)
    return None


def _flag(words: str, kind: FactKind, phrases: Iterable[str]) -> Fact | None:
    span = _first_span(words, phrases)
    if span is None:
        return None
    return Fact(kind, not _negated_near(words, span), *span)


def _paper_bill(words: str) -> Fact | None:
    span = _first_span(words, _PAPER_BILL)
    return None if span is None else Fact("ebill", False, *span)


def _place(words: str) -> Fact | None:
    for place in ("rural", "urban"):
        span = _first_span(words, _PLACES[place])
        if span is not None:
            value: Place = place
            if _negated_near(words, span):
                value = "urban" if place == "rural" else "rural"
            return Fact("place", value, *span)
    return None


def _small_talk(words: str) -> Fact | None:
    for kind in ("thanks", "ok"):
        span = _first_span(words, _SMALL_TALK[kind])
        if span is not None:
            return Fact("small_talk", kind, *span)
    return None


#: Messages up to this long are read once per process and remembered (most are short and
#: recur: "1", "yes", "250", "domestic 250"); longer ones are read every time and not kept.
SHORT_MESSAGE_CHARS: Final = 48


def extract(message: str) -> Facts:
    """Every fact in ``message``; see :class:`Fact` for what each kind's value is."""
    if len(message) <= SHORT_MESSAGE_CHARS:
        return _extract_short(message)
    return _extract(message)


@functools.lru_cache(maxsize=4096)
def _extract_short(message: str) -> Facts:
    # Facts are frozen and hold immutable values: sharing one between turns is safe.
    return _extract(message)


def _extract(message: str) -> Facts:
    scanned = scan(message)
    text = scanned.text
    facts = [] if scanned.malformed else _numbers(message, text, scanned.tokens)
    words = _words_only(text, scanned.tokens)
    command = match_command(message)
    if command is not None:
        facts.append(Fact("command", command, 0, len(text)))
    category = match_category(words)
    if category.kind in ("exact", "fuzzy") and category.value is not None:
        span = _span_of(words, _CATEGORY_SPELLINGS[category.value])
        facts.append(Fact("category", category.value, *span))
    elif category.kind == "ambiguous" and category.candidates:
        span = _span_of(words, _AMBIGUOUS_SPELLINGS)
        facts.append(Fact("category_options", tuple(category.candidates), *span))
    language = match_language(words)
    if language is not None:
        span = _span_of(words, _LANGUAGE_SPELLINGS[language])
        facts.append(Fact("language", language, *span))
    for found in (
        _answer(words),
        _place(words),
        _flag(words, "smart_meter", _SMART_METER),
        _paper_bill(words) or _flag(words, "ebill", _EBILL),
        _small_talk(words),
    ):
        if found is not None:
            facts.append(found)
    if command in (Command.YES, Command.NO, Command.DONT_KNOW) and not any(
        fact.kind == "answer" for fact in facts
    ):
        value = {Command.YES: "yes", Command.NO: "no", Command.DONT_KNOW: "dont_know"}[command]
        facts.append(Fact("answer", value, 0, len(text)))
    facts.sort(key=lambda fact: (fact.start, FACT_KINDS.index(fact.kind)))
    return Facts(text, tuple(facts))


__all__ = [
    "FACT_KINDS",
    "FIGURE_KINDS",
    "SUBSTANCE_KINDS",
    "Answer",
    "Fact",
    "FactKind",
    "Facts",
    "Load",
    "extract",
]
