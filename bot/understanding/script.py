"""Guess the language of a message from its script and, in Latin script, its words.

Odia and Devanagari letters name their language outright. Latin letters do
not: "mora ghara bijuli bill kete heba" is Odia and "bijli ka bill kitna hoga"
is Hindi, typed on a Latin keyboard. For Latin words the guess therefore
weighs each word by the data in :mod:`bot.understanding.language_words`.

Every word adds evidence; the language with the most wins:

1. A word in Odia or Devanagari script weighs
   :data:`~bot.understanding.language_words.NATIVE_WORD_WEIGHT` for its
   language, more than any Latin word, so "ମୋ ଘର electricity bill" is Odia;
   yet a long English text that quotes one Odia word stays English.
2. A Latin word adds its class weights: Latin-script Odia or Hindi words weigh
   twice an English word, and shared or loan words ("ghar", "bill", "unit")
   little or nothing, so the words that only one language uses decide.
3. Ties: Odia or Hindi beat English, and Odia beats Hindi (an Odisha service),
   but only when some word actually tells the tied languages apart; a tie made
   only of shared words ("ghar 250") has no answer. No signal at all (digits,
   emoji, "250 units") gives None.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

from rapidfuzz import process as rf_process
from rapidfuzz.distance import Levenshtein

from bot.understanding.language_words import (
    CLASS_WEIGHTS,
    NATIVE_WORD_WEIGHT,
    SUFFIX_CLASSES,
    SUFFIX_MIN_LETTERS,
    WORDS,
    WordClass,
)
from bot.understanding.text import fold, process

Language = Literal["or", "hi", "en"]

#: Only the start of a message is read, so a long paste costs a bounded amount.
MAX_LANGUAGE_CHARS: Final = 500
#: How many deciding words a guess keeps as its evidence.
MAX_EVIDENCE_WORDS: Final = 5

_ODIA = range(0x0B00, 0x0B80)
_DEVANAGARI = range(0x0900, 0x0980)
# Tie-break order: Odia before Hindi (an Odisha service), both before English
# (Latin-script Odia and Hindi words outweigh English ones).
_TIE_ORDER: tuple[Language, ...] = ("or", "hi", "en")
_NO_WEIGHTS: Mapping[Language, float] = MappingProxyType({})


class LanguageWordsError(ValueError):
    """The Latin word tables list one spelling under two classes."""


@dataclass(frozen=True)
class LanguageGuess:
    """The language a message is written in, and why.

    ``latin`` is True when Latin-script Odia or Hindi words decided, so the
    bot can answer in Odia or Hindi script and offer English in one line.
    ``score`` is the winning language's weight (for a native-script decision,
    its number of words); ``evidence`` holds up to five words that counted
    for it, as normalised text.
    """

    language: Language
    latin: bool
    score: float
    evidence: tuple[str, ...]


def _script_of(ch: str) -> Language | None:
    """Return the language whose script ``ch`` belongs to, if ``ch`` is a letter.

    Vowel signs and viramas (categories Mn/Mc) count as letters in Indic
    scripts because they carry the word's sound; digits never count, so a
    message of only ୨୫୦ has no language. Latin letters report "en" here only
    to mean "Latin script".
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


def _word_script(word: str) -> Language | None:
    """The script most of ``word``'s letters use ("en" meaning Latin), or None."""
    counts: dict[Language, int] = {"or": 0, "hi": 0, "en": 0}
    for ch in word:
        script = _script_of(ch)
        if script is not None:
            counts[script] += 1
    best = max(counts.values())
    if best == 0:
        return None
    return next(script for script in _TIE_ORDER if counts[script] == best)


def _letters_only(word: str) -> str:
    """``word`` without digits, so "2kw" reads "kw" and "250" reads ""."""
    return "".join(ch for ch in word if not ch.isdigit())


def build_word_indexes(
    words: Mapping[WordClass, tuple[str, ...]],
) -> tuple[Mapping[str, WordClass], Mapping[str, WordClass]]:
    """Index every spelling by its processed form and, when unambiguous, its folded form.

    Folding collapses doubled letters, which can make two different words meet
    ("too" and "to"); such folded keys are dropped, so only the exact spelling
    finds them.
    """
    exact: dict[str, WordClass] = {}
    folded: dict[str, WordClass | None] = {}
    for word_class, spellings in words.items():
        for spelling in spellings:
            key = process(spelling)
            previous = exact.get(key)
            if previous is not None and previous is not word_class:
                raise LanguageWordsError(
                    f"{spelling!r} is listed under both {previous.name} and {word_class.name}"
                )
            exact[key] = word_class
            loose = fold(key)
            if loose in folded and folded[loose] is not word_class:
                folded[loose] = None
            else:
                folded[loose] = word_class
    unambiguous = {key: value for key, value in folded.items() if value is not None}
    return MappingProxyType(exact), MappingProxyType(unambiguous)


EXACT_INDEX, FOLDED_INDEX = build_word_indexes(WORDS)


def classify_latin_word(word: str) -> WordClass | None:
    """Return the class of one processed Latin word, or None when it is unknown.

    Looks up the exact spelling, then the folded one ("kitnaa" → "kitna"),
    then a telling ending ("asuchi", "aayega", "calculation").
    """
    found = EXACT_INDEX.get(word) or FOLDED_INDEX.get(fold(word))
    if found is not None:
        return found
    if len(word) >= SUFFIX_MIN_LETTERS:
        for word_class, endings in SUFFIX_CLASSES.items():
            if word.endswith(endings):
                return word_class
    return _typo_class(word)


#: A word this long or longer that is one letter away from listed words of one class is taken
#: as a typo of them ("domestik", "electrcity"); shorter words are too easily another word.
TYPO_MIN_LETTERS: Final = 6
_LISTED: Final = tuple(EXACT_INDEX)


def _typo_class(word: str) -> WordClass | None:
    """The class of the listed words one edit from ``word``, if they agree on one."""
    if len(word) < TYPO_MIN_LETTERS or not word.isascii():
        return None
    near = rf_process.extract(
        word, _LISTED, scorer=Levenshtein.distance, score_cutoff=1, limit=None
    )
    classes = {EXACT_INDEX[choice] for choice, _distance, _index in near}
    return classes.pop() if len(classes) == 1 else None


def _weights(word: str) -> Mapping[Language, float]:
    word_class = classify_latin_word(word)
    return _NO_WEIGHTS if word_class is None else CLASS_WEIGHTS[word_class]


def _break_tie(tied: list[Language], weights: Iterable[Mapping[Language, float]]) -> bool:
    """True when some word weighs the tied languages differently.

    Only then may the fixed order (Odia, Hindi, English) settle the tie; a tie
    made of shared words alone carries no information about which it is.
    """
    for word_weights in weights:
        values = {word_weights.get(language, 0.0) for language in tied}
        if len(values) > 1:
            return True
    return False


def _word_weights(word: str, script: Language) -> Mapping[Language, float]:
    """The evidence one word gives, by its script and, in Latin, its class."""
    if script == "en":
        return _weights(word)
    return MappingProxyType({script: NATIVE_WORD_WEIGHT})


def guess_language(text: str) -> LanguageGuess | None:
    """Return the language of ``text`` with its evidence, or None without a signal.

    See the module docstring for the rules. Reads at most the first
    :data:`MAX_LANGUAGE_CHARS` characters and never raises.

    >>> guess = guess_language("mora ghara bijuli bill kete heba")
    >>> guess.language, guess.latin, guess.evidence[:3]
    ('or', True, ('mora', 'ghara', 'bijuli'))
    >>> guess_language("250 units") is None
    True
    """
    if len(text) <= SHORT_TEXT_CHARS:
        return _guess_short(text)
    return _guess(text)


#: Texts up to this long are guessed once per process and remembered (most messages are short
#: and recur); longer ones are guessed every time and not kept.
SHORT_TEXT_CHARS: Final = 48


@functools.lru_cache(maxsize=4096)
def _guess_short(text: str) -> LanguageGuess | None:
    # A guess is frozen and holds only immutable values: sharing it between turns is safe.
    return _guess(text)


def _guess(text: str) -> LanguageGuess | None:
    weighed: list[tuple[str, Language, Mapping[Language, float]]] = []
    for raw in process(text[:MAX_LANGUAGE_CHARS]).split():
        word = _letters_only(raw)
        script = _word_script(word)
        if script is not None:
            weighed.append((word, script, _word_weights(word, script)))

    scores: dict[Language, float] = {"or": 0.0, "hi": 0.0, "en": 0.0}
    for _, _, weights in weighed:
        for language, weight in weights.items():
            scores[language] += weight
    best = max(scores.values())
    if best <= 0:
        return None
    tied = [language for language in _TIE_ORDER if scores[language] == best]
    if len(tied) > 1 and not _break_tie(tied, (weights for _, _, weights in weighed)):
        return None
    winner = tied[0]

    # The evidence is the words that counted for the winner; a guess is "latin"
    # when none of them was written in the winner's own script.
    evidence: list[str] = []
    native = False
    for word, script, weights in weighed:
        if weights.get(winner, 0.0) <= 0:
            continue
        native = native or script == winner != "en"
        if word not in evidence and len(evidence) < MAX_EVIDENCE_WORDS:
            evidence.append(word)
    return LanguageGuess(winner, winner != "en" and not native, best, tuple(evidence))


def detect_language(text: str) -> Language | None:
    """Return ``"or"``, ``"hi"`` or ``"en"`` for ``text``, or None without a signal.

    The language of :func:`guess_language`: Odia or Devanagari script decides,
    and Latin-script Odia and Hindi are told from English by their words.
    """
    guess = guess_language(text)
    return None if guess is None else guess.language
