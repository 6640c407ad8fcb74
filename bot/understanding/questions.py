"""Recognise a question about Bijuli's FAQ topics, at any step of the conversation.

A message asks an FAQ question when it is a question (a "?" or a question word such as କଣ, क्या,
what, kana, kya) **and** names a topic (କୁଟୀର ଜ୍ୟୋତି, DPS, smart meter, ...). A topic without a
question ("କୁଟୀର ଜ୍ୟୋତି") is an answer to the pending question, and a question without a topic
("kemiti acha?") is not an FAQ; both give ``None``. So does "how much is my bill" in any of its
forms ("bill kete heba", "बिल कितना होगा"): that is the main request, an estimate.

How a topic is chosen, in order:

1. A rebate word (ରିହାତି, छूट, rebate) makes it a rebate question; a qualifier next to it names
   which rebate (UPI → digital, village → rural, ...), else the rebates in general.
2. Otherwise the longest topic phrase in the message wins ("after due date" is DPS, "due date"
   alone the due date). Two words anywhere in the message can name a topic together
   (:data:`TOPIC_PAIRS`: a bill word with "high" or "why" asks about a high bill, "meter" with
   "read" how to read it). Equal lengths go to the more specific topic (:data:`TOPIC_PRIORITY`).
3. Paying asked with "when" ("bill kebe deba") is the due-date question.

Then the amount rule: "how much" with a bill word is an estimate request, unless the topic's
answer is itself an amount (DPS, rebates, Kutir Jyoti) and the message gives no number. A number
with only a "?" ("kutir jyoti 25 unit?") is a quick request, not a question.

Pure: never raises, reads at most :data:`MAX_QUESTION_CHARS` characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Generic, TypeVar

from bot.understanding.question_words import (
    AMOUNT_TOPICS,
    AMOUNT_WORDS,
    BILL_WORDS,
    LATIN_ENDINGS,
    MIN_STEM_LETTERS,
    NOT_TOPIC_WORDS,
    ODIA_ENDINGS,
    QUESTION_MARKS,
    QUESTION_WORDS,
    REBATE_KINDS,
    REBATE_WORDS,
    TOPIC_NUMBERS,
    TOPIC_PAIRS,
    TOPIC_PRIORITY,
    TOPIC_WORDS,
    WHEN_WORDS,
    FaqTopic,
)
from bot.understanding.text import fold, process

__all__ = ["MAX_QUESTION_CHARS", "FaqTopic", "match_question"]

#: Only the start of a message is read: a question is short, and this bounds the work.
MAX_QUESTION_CHARS: Final = 300

V = TypeVar("V")


def _key(text: str) -> tuple[str, ...]:
    """The matching key of a word or phrase: normalised, punctuation removed, folded."""
    return tuple(fold(process(text)).split())


_ODIA: Final = tuple(key for ending in ODIA_ENDINGS for key in _key(ending))
_LATIN: Final = LATIN_ENDINGS


def _forms(word: str) -> frozenset[str]:
    """A message word and the stems left when one case ending or plural ending is taken off."""
    forms = {word}
    endings = _LATIN if word.isascii() else _ODIA
    for ending in endings:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= MIN_STEM_LETTERS:
            forms.add(stem)
    return frozenset(forms)


@dataclass(frozen=True)
class _Table(Generic[V]):
    """Phrases (tuples of keys) indexed by their first key, each with the value it means."""

    index: dict[str, list[tuple[tuple[str, ...], V]]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, V]]) -> _Table[V]:
        """Index ``(spelling, value)`` pairs; empty spellings are skipped."""
        table: _Table[V] = cls()
        for spelling, value in entries:
            key = _key(spelling)
            if key:
                table.index.setdefault(key[0], []).append((key, value))
        return table

    def find(self, words: Sequence[frozenset[str]]) -> list[tuple[int, int, V]]:
        """Every ``(start, length, value)`` whose phrase occurs in ``words`` (forms per word)."""
        found: list[tuple[int, int, V]] = []
        for start, forms in enumerate(words):
            for form in forms:
                for phrase, value in self.index.get(form, ()):
                    end = start + len(phrase)
                    if end <= len(words) and all(
                        phrase[i] in words[start + i] for i in range(1, len(phrase))
                    ):
                        found.append((start, len(phrase), value))
        return found

    def longest(self, words: Sequence[frozenset[str]]) -> int:
        """The length in words of the longest phrase found, 0 if none."""
        return max((length for _, length, _ in self.find(words)), default=0)


def _flag(words: Iterable[str]) -> _Table[bool]:
    return _Table.build((word, True) for word in words)


def _topics(table: Mapping[FaqTopic, tuple[str, ...]]) -> _Table[FaqTopic]:
    return _Table.build((word, topic) for topic, words in table.items() for word in words)


_QUESTION: Final = _flag(QUESTION_WORDS)
_AMOUNT: Final = _flag(AMOUNT_WORDS)
_BILL: Final = _flag(BILL_WORDS)
_WHEN: Final = _flag(WHEN_WORDS)
_REBATE: Final = _flag(REBATE_WORDS)
_REBATE_KINDS: Final = tuple((kind, _flag(words)) for kind, words in REBATE_KINDS.items())
_TOPIC: Final = _topics(TOPIC_WORDS)
_PAIRS: Final = tuple(
    (rule.topic, _flag(rule.first), _flag(rule.second), rule.length) for rule in TOPIC_PAIRS
)
_NOT_TOPIC: Final = _flag(NOT_TOPIC_WORDS)
_RANK: Final = {topic: len(TOPIC_PRIORITY) - i for i, topic in enumerate(TOPIC_PRIORITY)}
_TOPIC_NUMBERS: Final = frozenset(TOPIC_NUMBERS)


def _without_blocked(words: list[frozenset[str]]) -> list[frozenset[str]]:
    """Blank out phrases that only look like a topic word ("kutir udyog", "load factor")."""
    blanked = list(words)
    for start, length, _ in _NOT_TOPIC.find(words):
        for i in range(start, start + length):
            blanked[i] = frozenset()
    return blanked


def _choose_topic(words: Sequence[frozenset[str]]) -> FaqTopic | None:
    """The topic the words name, by the rules in the module docstring."""
    if _REBATE.longest(words):
        for kind, qualifiers in _REBATE_KINDS:
            if qualifiers.longest(words):
                return kind
        return FaqTopic.REBATES
    candidates = [(length, _RANK[topic], topic) for _, length, topic in _TOPIC.find(words)]
    for topic, first, second, length in _PAIRS:
        if first.longest(words) and second.longest(words):
            candidates.append((length, _RANK[topic], topic))
    if not candidates:
        return None
    topic = max(candidates)[2]
    if topic is FaqTopic.PAYMENT and _WHEN.longest(words):
        return FaqTopic.DUE_DATE
    return topic


#: A message without a question mark asks only if it is this many words, all topic words.
TOPIC_ONLY_WORDS: Final = (2, 4)
#: Topics whose words are also answers to the bot (a category, an offer): never asked unmarked.
ANSWER_LIKE_TOPICS: Final = frozenset(
    {
        FaqTopic.KUTIR_JYOTI,
        FaqTopic.SMART_METER,
        FaqTopic.SANCTIONED_LOAD,
        FaqTopic.REBATE_EBILL,
        FaqTopic.METER_READING,
    }
)


def _all_topic_words(words: Sequence[frozenset[str]]) -> bool:
    """Whether every word belongs to a topic, rebate or qualifier phrase."""
    covered = [False] * len(words)

    def cover(table: _Table[Any]) -> None:
        for start, length, _value in table.find(words):
            covered[start : start + length] = [True] * length

    cover(_TOPIC)
    cover(_REBATE)
    for _kind, qualifiers in _REBATE_KINDS:
        cover(qualifiers)
    for _topic, first, second, _length in _PAIRS:
        cover(first)
        cover(second)
    return all(covered)


def match_question(text: str) -> FaqTopic | None:
    """The FAQ topic the message asks about, or ``None`` when it asks no FAQ question.

    >>> match_question("କୁଟୀର ଜ୍ୟୋତି କଣ?")
    <FaqTopic.KUTIR_JYOTI: 'kutir_jyoti'>
    >>> match_question("DPS?")
    <FaqTopic.DPS: 'dps'>
    >>> match_question("କୁଟୀର ଜ୍ୟୋତି") is None, match_question("bill kete heba") is None
    (True, True)
    """
    if not isinstance(text, str):
        return None
    head = text[:MAX_QUESTION_CHARS]
    plain = fold(process(head)).split()
    if not plain:
        return None
    words = _without_blocked([_forms(word) for word in plain])
    asks = bool(_QUESTION.longest(words))
    marked = asks or any(mark in head for mark in QUESTION_MARKS)
    if not marked and not TOPIC_ONLY_WORDS[0] <= len(plain) <= TOPIC_ONLY_WORDS[1]:
        return None
    topic = _choose_topic(words)
    if topic is None:
        return None
    if not marked and (topic in ANSWER_LIKE_TOPICS or not _all_topic_words(words)):
        # Without "?" or a question word, only a short message made of topic words alone
        # ("late payment surcharge", "customer care number") asks; "smart meter" or "kutir
        # jyoti" alone answers the bot's own questions and offers.
        return None
    has_number = any(
        any(ch.isdigit() for ch in word) and word not in _TOPIC_NUMBERS for word in plain
    )
    if has_number and not asks:
        return None  # "kutir jyoti 25 unit?" is a quick request
    asks_amount = bool(_AMOUNT.longest(words) and _BILL.longest(words))
    if asks_amount and (has_number or topic not in AMOUNT_TOPICS):
        return None  # "how much will my bill be": the estimate, not an FAQ
    return topic
