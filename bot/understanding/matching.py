"""Match free text against the vocabulary tables: exact synonyms first, then a
guarded fuzzy match (rapidfuzz) that must clear a threshold *and* beat the
runner-up by a margin, otherwise the result is reported as ambiguous so the
conversation can ask instead of guessing.

Fuzzy scores come from one of two measures, chosen by the script of the text:

* Latin text: rapidfuzz ``ratio`` on the folded text (one letter is one code
  point, and 85 admits one wrong letter in a 7-letter word).
* Odia or Devanagari text: an edit distance counted in grapheme clusters
  (:mod:`bot.understanding.graphemes`), with an allowance that grows with the
  length of the message: one wrong letter for 3–6 letters, two from 7 letters
  on, none for 1–2. A code-point ratio is wrong here: ``ଘରୋୟ`` for ``ଘରୋଇ`` is
  one letter off but scores 75, while a dropped virama in a long word costs
  almost nothing. The distance is mapped onto the same 0–100 scale (see
  :func:`_akshara_score`) so threshold, margin and shadowing work unchanged;
  two values the same number of edits away are ambiguous.

Bench: ``bench/fuzzy_typos.py`` measures recall on generated typos and wrong
matches on ordinary words, against the code-point-only algorithm.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Generic, Literal, TypeVar

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.understanding.graphemes import clusters, is_akshara_text, letter_count
from bot.understanding.normalize import normalize
from bot.understanding.text import fold
from bot.understanding.text import process as process_text
from bot.understanding.vocabulary import (
    AMBIGUOUS_CATEGORY_WORDS,
    CATEGORY_WORDS,
    COMMAND_EMOJI,
    COMMAND_WORDS,
    LANGUAGE_WORDS,
    ODIA_CASE_ENDINGS,
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
#: A stem shorter than this (code points) is not split off an inflected word.
MIN_STEM_CHARS: Final = 2
#: Longest n-gram tried for fuzzy matching inside a sentence.
FUZZY_MAX_NGRAM: Final = 3
#: Odia/Devanagari spellings shorter than this many letters (grapheme
#: clusters) are only matched exactly, and Odia/Devanagari text this short is
#: never scored by letter edits: one wrong letter in ``ଘର`` or ``घर`` is
#: another word.
FUZZY_MIN_LETTERS: Final = 3
#: From this many letters on, an Odia/Devanagari typo may be two letters off.
FUZZY_TWO_EDITS_LETTERS: Final = 7
#: The same for commands, whose letter-edit typo is one wrong letter and
#: nothing else: an added letter is usually a suffix that makes another word
#: (``ଆରମ୍ଭରୁ``, "from the start", is not START). ``ବନ୍ଦ``/``बन्द`` (STOP) have
#: three letters, so they are exact-only: ``बन्दर`` (monkey) or ``ବନ୍ଦର`` (port)
#: is one letter away, not STOP.
COMMAND_FUZZY_MIN_LETTERS: Final = 4
#: Language names are looked for in every message and switch the reply
#: language, so letter edits need 4 letters: ``ବନ୍ଦୀ`` (prisoner) is one letter
#: from ``ହିନ୍ଦୀ`` (Hindi).
LANGUAGE_EDIT_MIN_LETTERS: Final = 4
# Levenshtein weights (insert, delete, substitute) of command letter edits:
# with a cutoff of one edit, only a substitution fits.
_SUBSTITUTION_ONLY: Final = (2, 2, 1)
_ANY_EDIT: Final = (1, 1, 1)
# Interned clusters are encoded as code points from Supplementary Private Use
# Area-A, so rapidfuzz compares cluster sequences as plain strings (in C++).
# A cluster that no vocabulary spelling contains gets the sentinel, which by
# construction equals no key cluster.
_CLUSTER_CODE_BASE: Final = 0xF0000
_UNKNOWN_CLUSTER: Final = chr(0x10FFFD)


@dataclass(frozen=True)
class FuzzyRules:
    """How forgiving fuzzy matching is for one vocabulary table."""

    #: Fewest code points (spaces excluded) of a query scored by ``ratio``.
    min_length: int
    #: Fewest letters of an Odia/Devanagari spelling that may be a fuzzy target.
    min_letters: int
    #: Fewest letters of an Odia/Devanagari query, and spelling, scored by letter edits.
    edit_min_letters: int
    #: From this many letters on, two wrong letters are forgiven (None: never).
    two_edits_from: int | None
    #: Letter edits are substitutions only (no added or dropped letter).
    substitution_only: bool = False


CATEGORY_RULES: Final = FuzzyRules(
    FUZZY_MIN_LENGTH, FUZZY_MIN_LETTERS, FUZZY_MIN_LETTERS, FUZZY_TWO_EDITS_LETTERS
)
COMMAND_RULES: Final = FuzzyRules(
    COMMAND_FUZZY_MIN_LENGTH,
    COMMAND_FUZZY_MIN_LETTERS,
    COMMAND_FUZZY_MIN_LETTERS,
    None,
    substitution_only=True,
)
LANGUAGE_RULES: Final = FuzzyRules(
    FUZZY_MIN_LENGTH, FUZZY_MIN_LETTERS, LANGUAGE_EDIT_MIN_LETTERS, FUZZY_TWO_EDITS_LETTERS
)


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
    #: Letters (grapheme clusters, spaces excluded) of each fuzzy key.
    key_letters: tuple[int, ...]
    #: Code for every grapheme cluster of the Odia/Devanagari fuzzy keys.
    cluster_codes: Mapping[str, str]
    #: Odia/Devanagari fuzzy keys of at least FUZZY_MIN_LETTERS letters,
    #: encoded one character per cluster, and their positions in fuzzy_keys.
    akshara_keys: tuple[str, ...]
    akshara_positions: tuple[int, ...]
    #: Every word of every listed phrase: a word outside it may be an inflected form.
    words: frozenset[str] = frozenset()


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
    key_letters = tuple(letter_count(key) for key in folded)
    akshara = [
        position
        for position, key in enumerate(folded)
        if is_akshara_text(key) and key_letters[position] >= FUZZY_MIN_LETTERS
    ]
    fuzzy_keys = tuple(folded)
    codes: dict[str, str] = {" ": " "}
    for position in akshara:
        for cluster in clusters(fuzzy_keys[position]):
            codes.setdefault(cluster, chr(_CLUSTER_CODE_BASE + len(codes)))
    return PhraseIndex(
        exact=MappingProxyType(exact),
        fuzzy_keys=fuzzy_keys,
        fuzzy_values=tuple(folded.values()),
        folded=MappingProxyType(folded),
        longest_phrase=max(len(key.split()) for key in exact),
        words=frozenset(word for key in exact for word in key.split()),
        key_letters=key_letters,
        cluster_codes=MappingProxyType(codes),
        akshara_keys=tuple(_encode(codes, fuzzy_keys[position]) for position in akshara),
        akshara_positions=tuple(akshara),
    )


def _encode(codes: Mapping[str, str], text: str) -> str:
    """``text`` as one character per grapheme cluster (see ``_CLUSTER_CODE_BASE``)."""
    return "".join(codes.get(cluster, _UNKNOWN_CLUSTER) for cluster in clusters(text))


CATEGORY_INDEX: Final = build_index(CATEGORY_WORDS, AMBIGUOUS_CATEGORY_WORDS)
COMMAND_INDEX: Final = build_index(COMMAND_WORDS)
LANGUAGE_INDEX: Final = build_index(LANGUAGE_WORDS)
_POLITE: Final = frozenset(process_text(word) for word in POLITE_WORDS)


def _allowed_edits(letters: int, rules: FuzzyRules) -> int:
    """Wrong letters (grapheme clusters) forgiven in Odia/Devanagari text of ``letters`` letters."""
    if letters < rules.edit_min_letters:
        return 0
    if rules.two_edits_from is None or letters < rules.two_edits_from:
        return 1
    return 2


def _akshara_score(edits: int, allowed: int) -> float:
    """Map ``edits`` (at most ``allowed``, which is at least 1) onto 0–100.

    Exactly ``allowed`` edits lands on FUZZY_THRESHOLD, each edit fewer is
    worth the same share of the rest, so one more edit always costs more than
    FUZZY_MARGIN: values the same number of edits away tie (ambiguous), and a
    closer value always wins.
    """
    return 100.0 - (100.0 - FUZZY_THRESHOLD) * edits / allowed


def _fuzzy_hits(index: PhraseIndex[T], query: str, rules: FuzzyRules) -> list[tuple[T, float]]:
    """(value, score) for every key close to the folded ``query``.

    Every query long enough gets the code-point ``ratio``, as Latin text always
    did. Odia/Devanagari queries also get the letter-edit score (a value keeps
    its better score, so a typo the ratio accepted is still accepted), and
    neither score may target an Odia/Devanagari spelling shorter than
    ``rules.min_letters``.
    """
    min_letters = rules.min_letters
    akshara = is_akshara_text(query)
    positions: list[tuple[int, float]] = []
    if len(query.replace(" ", "")) >= rules.min_length:
        for _choice, score, position in process.extract(
            query,
            index.fuzzy_keys,
            scorer=fuzz.ratio,
            limit=None,
            score_cutoff=FUZZY_THRESHOLD - FUZZY_MARGIN,
        ):
            if not akshara or index.key_letters[position] >= min_letters:
                positions.append((position, score))
    allowed = _allowed_edits(letter_count(query), rules) if akshara else 0
    if allowed:
        for _choice, edits, found in process.extract(
            _encode(index.cluster_codes, query),
            index.akshara_keys,
            scorer=Levenshtein.distance,
            limit=None,
            score_cutoff=allowed,
            scorer_kwargs={"weights": _SUBSTITUTION_ONLY if rules.substitution_only else _ANY_EDIT},
        ):
            position = index.akshara_positions[found]
            if index.key_letters[position] >= rules.edit_min_letters:
                positions.append((position, _akshara_score(edits, allowed)))
    hits = [
        (value, score) for position, score in positions for value in index.fuzzy_values[position]
    ]
    if akshara:
        # Folding removes only spelling noise (``ଚାଷ୍`` is ``ଚାଷ``), so a short
        # word that folds onto a key is that key, not a typo of it.
        hits.extend((value, 100.0) for value in index.folded.get(query, ()))
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
    """Folded word n-grams (up to ``longest`` words) without digits, with their spans.

    Grams too short for a fuzzy match are dropped later, by :func:`_fuzzy_hits`.
    """
    grams: dict[str, list[Span]] = {}
    for size in range(1, min(longest, len(words)) + 1):
        for start in range(len(words) - size + 1):
            gram = fold(" ".join(words[start : start + size]))
            if any(ch.isdigit() for ch in gram):
                continue
            grams.setdefault(gram, []).append((start, start + size))
    return grams


def _fuzzy_in_sentence(index: PhraseIndex[T], words: Sequence[str], rules: FuzzyRules) -> Match[T]:
    """Fuzzy-match n-grams of ``words``; a confident hit shadows the n-grams inside it.

    Without shadowing, a typo of "agro industry" would also find "industry"
    inside it and report a false ambiguity.
    """
    scored: list[tuple[Span, T, float]] = []
    for gram, spans in _ngrams(words, min(FUZZY_MAX_NGRAM, index.longest_phrase)).items():
        for value, score in _fuzzy_hits(index, gram, rules):
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


def _uninflected(index: PhraseIndex[T], word: str) -> str:
    """``word`` without an Odia case ending when that leaves a listed word: ଘରର → ଘର,
    ଦୋକାନରେ → ଦୋକାନ (Odia writes case endings on the word; Hindi writes them apart)."""
    if word in index.words:
        return word
    for ending in ODIA_CASE_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= MIN_STEM_CHARS and stem in index.words:
            return stem
    return word


def match_phrase(index: PhraseIndex[T], text: str, rules: FuzzyRules = CATEGORY_RULES) -> Match[T]:
    """Match the phrases of ``index`` anywhere in ``text`` (exact, then fuzzy by ``rules``)."""
    words = [_uninflected(index, word) for word in process_text(text[:MAX_INPUT_CHARS]).split()]
    if not words:
        return Match("none")
    hits = _exact_hits(index, words)
    exact = _exact_match(hits)
    if exact.kind == "exact":
        return exact
    fuzzy = _fuzzy_in_sentence(index, words, rules)
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
    result = match_phrase(LANGUAGE_INDEX, text, LANGUAGE_RULES)
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
    result = _decide(_best_per_value(_fuzzy_hits(COMMAND_INDEX, folded, COMMAND_RULES)))
    return result.value if result.kind == "fuzzy" else None
