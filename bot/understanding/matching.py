"""Match free text against the vocabulary tables: exact synonyms first, then a
guarded fuzzy match (rapidfuzz) that must clear a threshold *and* beat the
runner-up by a margin, otherwise the result is reported as ambiguous so the
conversation can ask instead of guessing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Generic, Literal, TypeVar

from rapidfuzz import fuzz, process

from bot.understanding.normalize import normalize
from bot.understanding.text import fold
from bot.understanding.text import process as process_text
from bot.understanding.vocabulary import (
    AMBIGUOUS_CATEGORY_WORDS,
    CATEGORY_WORDS,
    COMMAND_EMOJI,
    COMMAND_WORDS,
    LANGUAGE_WORDS,
    POLITE_WORDS,
    Command,
)

T = TypeVar("T")
MatchKind = Literal["exact", "fuzzy", "ambiguous", "none"]

#: Lowest rapidfuzz ``ratio`` (0–100) accepted as a typo of a known word.
#: 85 admits one wrong letter in a 7-letter word ("gharelo", "domestik").
FUZZY_THRESHOLD: Final = 85.0
#: How far the best value must lead every other value; closer than this the
#: result is "ambiguous" and lists the contenders.
FUZZY_MARGIN: Final = 5.0
#: Shorter queries are only matched exactly: one typo in "ha" or "kw" is a
#: different word, not a misspelling.
FUZZY_MIN_LENGTH: Final = 4
#: Commands act immediately (STOP unsubscribes), so fuzzy command matching
#: needs a longer message than category matching does.
COMMAND_FUZZY_MIN_LENGTH: Final = 5
#: Commands are short; a longer message is content, not a command.
COMMAND_MAX_CHARS: Final = 40
#: Only the start of a long paste is examined, which bounds the work per message.
MAX_INPUT_CHARS: Final = 500
#: Longest n-gram tried for fuzzy matching inside a sentence.
FUZZY_MAX_NGRAM: Final = 3


class VocabularyError(ValueError):
    """A vocabulary table maps one spelling to two different values."""


@dataclass(frozen=True)
class Match(Generic[T]):
    """The outcome of matching text against a vocabulary table.

    ``kind`` is ``"exact"`` (a listed spelling), ``"fuzzy"`` (a confident typo
    match), ``"ambiguous"`` (several values fit; ``value`` is None and
    ``candidates`` lists them best first) or ``"none"``.
    """

    kind: MatchKind
    value: T | None = None
    candidates: tuple[T, ...] = ()
    score: float = 0.0


@dataclass(frozen=True)
class PhraseIndex(Generic[T]):
    """Lookup structures built once from a vocabulary table."""

    exact: Mapping[str, tuple[T, ...]]
    fuzzy_keys: tuple[str, ...]
    fuzzy_values: tuple[tuple[T, ...], ...]
    folded: Mapping[str, tuple[T, ...]]
    longest_phrase: int


def _merge(first: Sequence[T], second: Iterable[T]) -> tuple[T, ...]:
    """Union of two value sequences, keeping first-seen order."""
    merged = list(first)
    merged.extend(value for value in second if value not in merged)
    return tuple(merged)


def build_index(
    table: Mapping[T, tuple[str, ...]],
    ambiguous: Mapping[str, tuple[T, ...]] | None = None,
) -> PhraseIndex[T]:
    """Build a :class:`PhraseIndex` from ``value -> spellings`` (and optional
    ``spelling -> several values``).

    Raises :class:`VocabularyError` if a spelling (after processing) is listed
    under two values, or processes to nothing: a data mistake must fail at
    import, not silently pick one meaning.
    """
    exact: dict[str, tuple[T, ...]] = {}
    entries: list[tuple[str, tuple[T, ...]]] = [
        (word, (value,)) for value, words in table.items() for word in words
    ]
    entries.extend((ambiguous or {}).items())
    for word, values in entries:
        key = process_text(word)
        if not key:
            raise VocabularyError(f"vocabulary entry {word!r} is empty after processing")
        if key in exact and exact[key] != values:
            raise VocabularyError(
                f"vocabulary entry {word!r} means both {exact[key]!r} and {values!r}; "
                "move it to one value or to the ambiguous table"
            )
        exact[key] = values
    folded: dict[str, tuple[T, ...]] = {}
    for key, values in exact.items():
        folded_key = fold(key)
        folded[folded_key] = _merge(folded.get(folded_key, ()), values)
    return PhraseIndex(
        exact=MappingProxyType(exact),
        fuzzy_keys=tuple(folded),
        fuzzy_values=tuple(folded.values()),
        folded=MappingProxyType(folded),
        longest_phrase=max(len(key.split()) for key in exact),
    )


CATEGORY_INDEX: Final = build_index(CATEGORY_WORDS, AMBIGUOUS_CATEGORY_WORDS)
COMMAND_INDEX: Final = build_index(COMMAND_WORDS)
LANGUAGE_INDEX: Final = build_index(LANGUAGE_WORDS)
_POLITE: Final = frozenset(process_text(word) for word in POLITE_WORDS)


def _fuzzy_hits(index: PhraseIndex[T], query: str) -> list[tuple[T, float]]:
    """(value, score) for every key close to the folded ``query``."""
    hits: list[tuple[T, float]] = []
    cutoff = FUZZY_THRESHOLD - FUZZY_MARGIN
    for _choice, score, position in process.extract(
        query, index.fuzzy_keys, scorer=fuzz.ratio, limit=None, score_cutoff=cutoff
    ):
        hits.extend((value, score) for value in index.fuzzy_values[position])
    return hits


def _best_per_value(hits: Iterable[tuple[T, float]]) -> dict[T, float]:
    """Highest score per value, keeping the order values were first seen."""
    best: dict[T, float] = {}
    for value, score in hits:
        if score > best.get(value, -1.0):
            best[value] = score
    return best


def _decide(best: Mapping[T, float]) -> Match[T]:
    """Turn per-value fuzzy scores into a match, applying threshold and margin."""
    if not best:
        return Match("none")
    # sorted() is stable, so equal scores keep the order values were first seen.
    ranked = sorted(best.items(), key=lambda item: -item[1])
    top_value, top_score = ranked[0]
    if top_score < FUZZY_THRESHOLD:
        return Match("none")
    close = tuple(value for value, score in ranked if top_score - score < FUZZY_MARGIN)
    if len(close) == 1:
        return Match("fuzzy", top_value, close, top_score)
    return Match("ambiguous", None, close, top_score)


def _exact_hits(index: PhraseIndex[T], words: Sequence[str]) -> list[tuple[T, ...]]:
    """Values of listed phrases found in ``words``, in typed order (longest phrases win).

    "poultry farm" is one phrase (allied agriculture), so the "farm" inside it
    (irrigation) must not also count; phrases inside a longer hit are ignored.
    """
    hits: list[tuple[int, int, tuple[T, ...]]] = []
    for size in range(min(index.longest_phrase, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            end = start + size
            values = index.exact.get(" ".join(words[start:end]))
            if values is None:
                continue
            if any(s <= start and end <= e for s, e, _ in hits):
                continue
            hits.append((start, end, values))
    hits.sort(key=lambda hit: hit[0])
    return [values for _start, _end, values in hits]


def _exact_match(hits: Sequence[tuple[T, ...]]) -> Match[T]:
    """One value across all exact hits is a match; several are ambiguous."""
    found: tuple[T, ...] = ()
    for values in hits:
        found = _merge(found, values)
    if not found:
        return Match("none")
    if len(found) == 1:
        return Match("exact", found[0], found, 100.0)
    return Match("ambiguous", None, found, 100.0)


Span = tuple[int, int]


def _ngrams(words: Sequence[str], longest: int) -> dict[str, list[Span]]:
    """Folded word n-grams (up to ``longest`` words) without digits, with their spans."""
    grams: dict[str, list[Span]] = {}
    for size in range(1, min(longest, len(words)) + 1):
        for start in range(len(words) - size + 1):
            gram = fold(" ".join(words[start : start + size]))
            if any(ch.isdigit() for ch in gram):
                continue
            if len(gram.replace(" ", "")) < FUZZY_MIN_LENGTH:
                continue
            grams.setdefault(gram, []).append((start, start + size))
    return grams


def _fuzzy_in_sentence(index: PhraseIndex[T], words: Sequence[str]) -> Match[T]:
    """Fuzzy-match n-grams of ``words``; a confident hit shadows the n-grams inside it.

    Without shadowing, a typo of "agro industry" would also find "industry"
    inside it and report a false ambiguity.
    """
    scored: list[tuple[Span, T, float]] = []
    for gram, spans in _ngrams(words, min(FUZZY_MAX_NGRAM, index.longest_phrase)).items():
        for value, score in _fuzzy_hits(index, gram):
            scored.extend((span, value, score) for span in spans)
    values_at: dict[Span, list[T]] = {}
    for span, value, _score in scored:
        values_at.setdefault(span, []).append(value)
    confident = [(span, value, score) for span, value, score in scored if score >= FUZZY_THRESHOLD]

    def shadowed(span: Span, score: float) -> bool:
        # A longer confident hit hides a shorter one inside it when it scores
        # at least as well, or when it merely narrows the shorter one down
        # ("medum industry" is one of the sizes "industry" could mean).
        start, end = span
        return any(
            s <= start
            and end <= e
            and (s, e) != span
            and (outer >= score or value in values_at[span])
            for (s, e), value, outer in confident
        )

    kept = ((value, score) for span, value, score in scored if not shadowed(span, score))
    return _decide(_best_per_value(kept))


def match_phrase(index: PhraseIndex[T], text: str) -> Match[T]:
    """Match the phrases of ``index`` anywhere in ``text`` (exact, then fuzzy)."""
    words = process_text(text[:MAX_INPUT_CHARS]).split()
    if not words:
        return Match("none")
    hits = _exact_hits(index, words)
    exact = _exact_match(hits)
    if exact.kind == "exact":
        return exact
    fuzzy = _fuzzy_in_sentence(index, words)
    if exact.kind == "ambiguous":
        # "smal industry" holds the exact but vague "industry"; a confident
        # fuzzy hit on the longer "small industry" settles it, provided every
        # exact hit allows that value. "ghar o dokan" names two categories
        # outright, and no typo match may overrule that.
        if fuzzy.kind == "fuzzy" and all(fuzzy.value in values for values in hits):
            return fuzzy
        return exact
    return fuzzy


def match_category(text: str) -> Match[str]:
    """Match a tariff category mentioned anywhere in ``text``.

    >>> match_category("gharelu").value
    '1.b'
    >>> match_category("industry").kind
    'ambiguous'
    """
    return match_phrase(CATEGORY_INDEX, text)


def match_language(text: str) -> str | None:
    """Return the language code ("or", "hi", "en") named in ``text``, if exactly one."""
    result = match_phrase(LANGUAGE_INDEX, text)
    return result.value if result.kind in ("exact", "fuzzy") else None


# Emoji variation selector and skin-tone modifiers: "👍🏽" is still "👍".
_EMOJI_NOISE = {0xFE0F: None, **dict.fromkeys(range(127995, 128000))}


def _emoji_command(text: str) -> Command | None:
    """Return the command for a message made only of one repeated command emoji."""
    symbols = set(unicodedata.normalize("NFC", text).translate(_EMOJI_NOISE).replace(" ", ""))
    if len(symbols) != 1:
        return None
    return COMMAND_EMOJI.get(symbols.pop())


def match_command(text: str) -> Command | None:
    """Return the command ``text`` is, if the *whole* message is one.

    Strict on purpose: a command changes state (STOP unsubscribes), so only an
    exact phrase, a close typo of the whole message, or a command emoji counts.
    Courtesy words ("please", "ଦୟାକରି") and repeats ("ok ok") are ignored. A
    message with digits or any other content is never a command: "bus stop 250"
    is not STOP.
    """
    if len(normalize(text[: COMMAND_MAX_CHARS * 4])) > COMMAND_MAX_CHARS:
        return None
    emoji = _emoji_command(text)
    if emoji is not None:
        return emoji
    words: list[str] = []
    for word in process_text(text).split():
        if word not in _POLITE and (not words or words[-1] != word):
            words.append(word)
    phrase = " ".join(words)
    if not phrase or any(ch.isdigit() for ch in phrase):
        return None
    exact = COMMAND_INDEX.exact.get(phrase)
    if exact is not None:
        return exact[0]
    folded = fold(phrase)
    same_fold = COMMAND_INDEX.folded.get(folded)
    if same_fold is not None:
        return same_fold[0] if len(same_fold) == 1 else None
    if len(folded.replace(" ", "")) < COMMAND_FUZZY_MIN_LENGTH:
        return None
    result = _decide(_best_per_value(_fuzzy_hits(COMMAND_INDEX, folded)))
    return result.value if result.kind == "fuzzy" else None
