"""Fuzzy matching against one-letter typos: recall, wrong values, and wrong matches on
ordinary words, for the product matcher against the code-point-only matcher it replaced.

Run with ``.venv/bin/python bench/fuzzy_typos.py [--show N]``. It is a script, not a test:
it prints tables and always exits 0.

* Typos: every spelling of every category, command and language (``bot/understanding/
  vocabulary.py``) gets every one-letter typo of four kinds, a letter being a grapheme
  cluster (``bot/understanding/graphemes.py``): ``sub`` (a base letter swapped for a
  neighbouring key in Latin or a confusable letter in Odia/Devanagari: aspirated/plain,
  dental/retroflex, the three sibilants, ଇ/ୟ, ब/व...), ``del`` (one letter dropped),
  ``ins`` (one letter added: the key next to it in Latin, the same consonant again in
  Odia/Devanagari) and ``sign`` (a vowel sign swapped for a confusable one, dropped or
  added, a virama or anusvara dropped; in Latin a vowel swapped). Typos that fold to the
  original (``ି``/``ୀ``, doubled Latin letters) or to a listed spelling are skipped.
  Categories go through ``match_category``, languages through the language index,
  commands through ``match_command`` (the whole message is the typo).
* Ordinary words: ``tests/understanding/data/non_vocabulary_words.txt``, none of which is
  a category, command or language word; any match is a wrong match.
* Baseline: ``old_*`` below is the previous algorithm (rapidfuzz ``ratio`` on folded code
  points, threshold 85, margin 5, no fuzzy match under 4 code points, 5 for commands),
  kept here, not in the product, so both run on the same vocabulary in the same process.
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from bot.understanding import matching  # noqa: E402
from bot.understanding.graphemes import clusters  # noqa: E402
from bot.understanding.matching import (  # noqa: E402
    CATEGORY_INDEX,
    COMMAND_INDEX,
    LANGUAGE_INDEX,
    Match,
    PhraseIndex,
    match_category,
    match_command,
    match_phrase,
)
from bot.understanding.text import fold  # noqa: E402
from bot.understanding.text import process as process_text  # noqa: E402
from bot.understanding.vocabulary import (  # noqa: E402
    CATEGORY_WORDS,
    COMMAND_WORDS,
    LANGUAGE_WORDS,
    Command,
)

NON_VOCABULARY = ROOT / "tests" / "understanding" / "data" / "non_vocabulary_words.txt"
Script = Literal["odia", "devanagari", "latin"]
SCRIPTS: tuple[Script, ...] = ("odia", "devanagari", "latin")
KINDS = ("sub", "del", "ins", "sign")
Outcome = Literal["hit", "asked", "wrong", "exact wrong", "none"]

# --- the previous algorithm (reference only) -----------------------------------------------

OLD_THRESHOLD = 85.0
OLD_MARGIN = 5.0
OLD_MIN_LENGTH = 4
OLD_COMMAND_MIN_LENGTH = 5


def old_fuzzy_hits(index: PhraseIndex[Any], query: str) -> list[tuple[Any, float]]:
    """Code-point ``ratio`` of the folded query against every folded key."""
    hits: list[tuple[Any, float]] = []
    for _choice, score, position in process.extract(
        query,
        index.fuzzy_keys,
        scorer=fuzz.ratio,
        limit=None,
        score_cutoff=OLD_THRESHOLD - OLD_MARGIN,
    ):
        hits.extend((value, score) for value in index.fuzzy_values[position])
    return hits


def old_decide(hits: Iterable[tuple[Any, float]]) -> Match[Any]:
    """Best score per value, then threshold and margin, as before."""
    best: dict[Any, float] = {}
    for value, score in hits:
        if score > best.get(value, -1.0):
            best[value] = score
    if not best:
        return Match("none")
    ranked = sorted(best.items(), key=lambda item: -item[1])
    top_value, top_score = ranked[0]
    if top_score < OLD_THRESHOLD:
        return Match("none")
    close = tuple(value for value, score in ranked if top_score - score < OLD_MARGIN)
    if len(close) == 1:
        return Match("fuzzy", top_value, close, top_score)
    return Match("ambiguous", None, close, top_score)


def old_fuzzy_in_sentence(index: PhraseIndex[Any], words: Sequence[str]) -> Match[Any]:
    """N-grams of at least 4 code points, scored by ratio, with the same shadowing."""
    spans_of: dict[str, list[tuple[int, int]]] = {}
    longest = min(matching.FUZZY_MAX_NGRAM, index.longest_phrase, len(words))
    for size in range(1, longest + 1):
        for start in range(len(words) - size + 1):
            gram = fold(" ".join(words[start : start + size]))
            if any(ch.isdigit() for ch in gram) or len(gram.replace(" ", "")) < OLD_MIN_LENGTH:
                continue
            spans_of.setdefault(gram, []).append((start, start + size))
    scored = [
        (span, value, score)
        for gram, spans in spans_of.items()
        for value, score in old_fuzzy_hits(index, gram)
        for span in spans
    ]
    values_at: dict[tuple[int, int], list[Any]] = defaultdict(list)
    for span, value, _score in scored:
        values_at[span].append(value)
    confident = [(span, value, score) for span, value, score in scored if score >= OLD_THRESHOLD]

    def shadowed(span: tuple[int, int], score: float) -> bool:
        start, end = span
        return any(
            s <= start and end <= e and (s, e) != span and (outer >= score or v in values_at[span])
            for (s, e), v, outer in confident
        )

    return old_decide((value, score) for span, value, score in scored if not shadowed(span, score))


def old_match_phrase(index: PhraseIndex[Any], text: str) -> Match[Any]:
    """The previous ``match_phrase``: exact hits first, then code-point fuzzy."""
    words = process_text(text[: matching.MAX_INPUT_CHARS]).split()
    if not words:
        return Match("none")
    hits = matching._exact_hits(index, words)
    exact = matching._exact_match(hits)
    if exact.kind == "exact":
        return exact
    fuzzy = old_fuzzy_in_sentence(index, words)
    if exact.kind == "ambiguous":
        if fuzzy.kind == "fuzzy" and all(fuzzy.value in values for values in hits):
            return fuzzy
        return exact
    return fuzzy


def old_match_command(text: str) -> Command | None:
    """The previous ``match_command`` for plain text (no emoji in these inputs)."""
    if len(text) > matching.COMMAND_MAX_CHARS:
        return None
    words: list[str] = []
    for word in process_text(text).split():
        if word not in matching._POLITE and (not words or words[-1] != word):
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
    if len(folded.replace(" ", "")) < OLD_COMMAND_MIN_LENGTH:
        return None
    result = old_decide(old_fuzzy_hits(COMMAND_INDEX, folded))
    return result.value if result.kind == "fuzzy" else None


# --- typo generation -----------------------------------------------------------------------


def _pairs(*groups: str) -> dict[str, str]:
    """Each letter of a group -> the other letters of its group(s)."""
    swaps: dict[str, str] = defaultdict(str)
    for group in groups:
        for letter in group:
            swaps[letter] += "".join(other for other in group if other != letter)
    return dict(swaps)


# Odia: aspirated/plain, dental/retroflex, sibilants, nasals, ଲ/ଳ, ଜ/ଯ, ବ/ୱ, ଇ/ୟ, vowels.
ODIA_LETTERS = _pairs(
    *[
        "କଖ",
        "ଗଘ",
        "ଚଛ",
        "ଜଝ",
        "ଟଠ",
        "ଡଢ",
        "ତଥ",
        "ଦଧ",
        "ପଫ",
        "ବଭ",
        "ତଟ",
        "ଦଡ",
        "ଥଠ",
        "ଧଢ",
        "ନଣ",
        "ଲଳ",
        "ଶଷସ",
        "ଜଯ",
        "ବୱ",
        "ଇୟ",
        "ଅଆ",
        "ଉଓ",
        "ଏଐ",
        "ଓଔ",
    ]
)
DEVANAGARI_LETTERS = _pairs(
    *[
        "कख",
        "गघ",
        "चछ",
        "जझ",
        "टठ",
        "डढ",
        "तथ",
        "दध",
        "पफ",
        "बभ",
        "तट",
        "दड",
        "नण",
        "शषस",
        "बव",
        "जय",
        "इय",
        "रड",
        "अआ",
        "उओ",
        "एऐ",
        "ओऔ",
    ]
)
# Vowel signs people confuse; a sign may also be dropped, or AA added to a bare consonant.
SIGN_SWAPS = _pairs(*["ିେ", "ୁୋ", "େୈ", "ୋୌ", "ୃି", "िे", "ुो", "ेै", "ोौ", "ृि"])
AA_SIGN = {"odia": "\u0b3e", "devanagari": "\u093e"}
DROPPABLE_MARKS = frozenset("\u0b4d\u094d\u0b02\u0902\u0b01\u0901")  # virama, anusvara, candrabindu
KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
LATIN_NEIGHBOURS = {
    row[i]: row[max(i - 1, 0) : i] + row[i + 1 : i + 2] for row in KEY_ROWS for i in range(len(row))
}
LATIN_VOWELS = {"a": "eo", "e": "ia", "i": "ey", "o": "ua", "u": "o", "y": "i"}


def script_of(word: str) -> Script:
    """The script of a vocabulary spelling (none mixes scripts)."""
    if any("\u0b00" <= ch <= "\u0b7f" for ch in word):
        return "odia"
    if any("\u0900" <= ch <= "\u097f" for ch in word):
        return "devanagari"
    return "latin"


def _is_vowel_sign(ch: str) -> bool:
    return (
        unicodedata.category(ch) in ("Mn", "Mc")
        and ch not in DROPPABLE_MARKS
        and ("\u0b3e" <= ch <= "\u0b4c" or "\u093e" <= ch <= "\u094c" or ch in "\u0b57\u0b56")
    )


def _is_consonant(ch: str) -> bool:
    return "\u0b15" <= ch <= "\u0b39" or "\u0915" <= ch <= "\u0939" or ch in "\u0b5f\u0b71"


def typos(word: str, script: Script) -> Iterator[tuple[str, str]]:
    """(kind, typo) for every one-letter typo of ``word`` (processed text)."""
    letters = list(clusters(word))
    for i, letter in enumerate(letters):
        if letter.isspace():
            continue
        base, marks = letter[0], letter[1:]
        before, after = letters[:i], letters[i + 1 :]

        def joined(*middle: str) -> str:
            return "".join([*before, *middle, *after])  # noqa: B023

        yield "del", joined()
        if script == "latin":
            for other in LATIN_NEIGHBOURS.get(base, ""):
                yield "sub", joined(other)
            for other in LATIN_NEIGHBOURS.get(base, "")[:1]:
                yield "ins", joined(letter, other)
            for other in LATIN_VOWELS.get(base, ""):
                yield "sign", joined(other)
            continue
        letter_table = ODIA_LETTERS if script == "odia" else DEVANAGARI_LETTERS
        for other in letter_table.get(base, ""):
            yield "sub", joined(other + marks)
        if _is_consonant(base):
            yield "ins", joined(letter, base)
            signs = [ch for ch in marks if _is_vowel_sign(ch)]
            for sign in signs:
                yield "sign", joined(letter.replace(sign, ""))
                for other in SIGN_SWAPS.get(sign, ""):
                    yield "sign", joined(letter.replace(sign, other))
            if not signs and not any(ch in DROPPABLE_MARKS for ch in marks):
                yield "sign", joined(base + AA_SIGN[script] + marks)
        for mark in marks:
            if mark in DROPPABLE_MARKS:
                yield "sign", joined(letter.replace(mark, ""))


# --- evaluation ----------------------------------------------------------------------------

Matcher = Callable[[str], Match[Any]]


def command_as_match(matcher: Callable[[str], Command | None]) -> Matcher:
    """Present a command matcher's answer as a Match, for one way of scoring."""

    def run(text: str) -> Match[Any]:
        found = matcher(text)
        return Match("none") if found is None else Match("fuzzy", found, (found,), 0.0)

    return run


TABLES: dict[str, tuple[Mapping[Any, tuple[str, ...]], PhraseIndex[Any], Matcher, Matcher]] = {
    "category": (
        CATEGORY_WORDS,
        CATEGORY_INDEX,
        lambda text: old_match_phrase(CATEGORY_INDEX, text),
        match_category,
    ),
    "command": (
        COMMAND_WORDS,
        COMMAND_INDEX,
        command_as_match(old_match_command),
        command_as_match(match_command),
    ),
    "language": (
        LANGUAGE_WORDS,
        LANGUAGE_INDEX,
        lambda text: old_match_phrase(LANGUAGE_INDEX, text),
        lambda text: match_phrase(LANGUAGE_INDEX, text, matching.LANGUAGE_RULES),
    ),
}


def outcome(result: Match[Any], expected: Any) -> Outcome:
    """hit: the right value; asked: ambiguous with the right value among the candidates;
    exact wrong: another value because an untouched word of the phrase is itself a listed
    spelling ("poultri farm" holds "farm"), which no fuzzy score decides."""
    if result.kind in ("exact", "fuzzy"):
        if result.value == expected:
            return "hit"
        return "exact wrong" if result.kind == "exact" else "wrong"
    if result.kind == "ambiguous":
        if expected in result.candidates:
            return "asked"
        return "exact wrong" if result.score == 100.0 else "wrong"
    return "none"


def typo_cases(
    table: Mapping[Any, tuple[str, ...]], index: PhraseIndex[Any]
) -> list[tuple[Script, str, Any, str, str]]:
    """(script, kind, expected value, original, typo), deduplicated per typo text."""
    cases: dict[str, tuple[Script, str, Any, str, str]] = {}
    for value, spellings in table.items():
        for spelling in spellings:
            original = process_text(spelling)
            script = script_of(original)
            for kind, typo in typos(original, script):
                key = fold(process_text(typo))
                if not key or key == fold(original) or key in index.folded:
                    continue
                cases.setdefault(typo, (script, kind, value, original, typo))
    return list(cases.values())


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   -  "


def typo_report(show: int) -> None:
    header = (
        f"| {'table':8} | {'script':10} | {'kind':4} | {'typos':>5} | {'old hit':>7} "
        f"| {'new hit':>7} | {'old asked':>9} | {'new asked':>9} | {'old wrong':>9} "
        f"| {'new wrong':>9} | {'exact wrong':>11} |"
    )
    print("## (a) recall and (c) wrong values on one-letter typos\n")
    print("hit: the right value; asked: ambiguous, right value among the candidates;")
    print("wrong: another value by a fuzzy score (or an ambiguity without the right one);")
    print("exact wrong (same for both): another value because the rest of a phrase is a")
    print('listed spelling ("poultri farm" holds "farm"); no fuzzy score is involved.\n')
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
    examples: dict[str, list[str]] = defaultdict(list)
    for name, (table, index, old, new) in TABLES.items():
        cases = typo_cases(table, index)
        counts: Counter[tuple[Script, str, str, Outcome]] = Counter()
        for script, kind, expected, original, typo in cases:
            for label, matcher in (("old", old), ("new", new)):
                result = matcher(typo)
                got = outcome(result, expected)
                counts[script, kind, label, got] += 1
                if got in ("wrong", "exact wrong"):
                    found = result.value if result.kind != "ambiguous" else result.candidates
                    examples[f"{name} {label}"].append(
                        f"{typo} (typo of {original} = {expected}) -> {found}"
                    )
        for script in SCRIPTS:
            for kind in (*KINDS, "all"):
                kinds = KINDS if kind == "all" else (kind,)
                total = sum(1 for c in cases if c[0] == script and c[1] in kinds)

                def n(label: str, got: Outcome) -> int:
                    return sum(counts[script, k, label, got] for k in kinds)  # noqa: B023

                if not total:
                    continue
                print(
                    f"| {name:8} | {script:10} | {kind:4} | {total:5} "
                    f"| {pct(n('old', 'hit'), total):>7} | {pct(n('new', 'hit'), total):>7} "
                    f"| {n('old', 'asked'):9} | {n('new', 'asked'):9} "
                    f"| {n('old', 'wrong'):9} | {n('new', 'wrong'):9} "
                    f"| {n('new', 'exact wrong'):11} |"
                )
    for label in sorted(examples):
        print(f"\nWrong values, {label} ({len(examples[label])}):")
        for line in examples[label][:show]:
            print(f"  {line}")


def non_vocabulary_words() -> list[str]:
    """The entries of the ordinary-words data file."""
    lines = NON_VOCABULARY.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def wrong_match_report(show: int) -> None:
    words = non_vocabulary_words()
    checks: dict[str, tuple[Matcher, Matcher]] = {
        name: (old, new) for name, (_table, _index, old, new) in TABLES.items()
    }
    print(f"\n## (b) wrong matches on {len(words)} ordinary words and phrases\n")
    print(f"| {'matched as':10} | {'old':>4} | {'new':>4} |")
    print(f"|{'-' * 12}|{'-' * 6}|{'-' * 6}|")
    found: dict[str, list[str]] = defaultdict(list)
    for name, (old, new) in checks.items():
        tally = {"old": 0, "new": 0}
        for word in words:
            for label, matcher in (("old", old), ("new", new)):
                result = matcher(word)
                if result.kind != "none":
                    tally[label] += 1
                    what = result.value if result.kind != "ambiguous" else result.candidates
                    found[label].append(f"{word} -> {name} {what}")
        print(f"| {name:10} | {tally['old']:4} | {tally['new']:4} |")
    for label in ("old", "new"):
        if found[label]:
            print(f"\nOrdinary words matched, {label}: " + "; ".join(found[label][:show]))


def timing_report() -> None:
    """Mean time per match_category call, on ordinary words and on a 500-character paste."""
    words = non_vocabulary_words()
    paste = ("ମୋ ଘରୋୟ ବିଲ କେତେ ଟଙ୍କା ଆସିବ ଏହି ମାସ " * 20)[:500]
    print("\n## time per match_category call (one core, same run)\n")
    print(f"| {'input':32} | {'old µs':>8} | {'new µs':>8} |")
    print(f"|{'-' * 34}|{'-' * 10}|{'-' * 10}|")
    for label, texts, rounds in (
        (f"{len(words)} ordinary words", words, 5),
        ("500-char Odia paste", [paste], 20),
    ):
        cells = []
        for matcher in (
            lambda text: old_match_phrase(CATEGORY_INDEX, text),
            match_category,
        ):
            start = time.perf_counter()
            for _ in range(rounds):
                for text in texts:
                    matcher(text)
            cells.append(1e6 * (time.perf_counter() - start) / (rounds * len(texts)))
        print(f"| {label:32} | {cells[0]:8.0f} | {cells[1]:8.0f} |")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--show", type=int, default=12, help="examples listed per failure list")
    args = parser.parse_args(argv)
    typo_report(args.show)
    wrong_match_report(args.show)
    timing_report()


if __name__ == "__main__":
    main()
