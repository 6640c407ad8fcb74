"""How well Bijuli understands what people type: the corpus of real-looking messages, measured.

Run with ``.venv/bin/python bench/understanding_report.py`` (``--misses N`` caps the list of
misses, default 60; ``--misses 0`` hides it). It is also importable: the corpus test loads the
corpus with :func:`load_corpus` and asserts floors on :func:`measure`'s figures.

The corpus lives in ``tests/understanding/corpus/{or,hi,en}.yaml``: each message has the language
the reply should be in, the script it is typed in and the facts a careful human reads in it. The
report runs :func:`bot.understanding.facts.extract` on every message, plus whichever of the
language guesser (``guess_language``, else the script-only ``detect_language``) and the FAQ
matcher (``match_question``) exist when it runs: pieces that are still being written are imported
lazily and reported as "not available" instead of failing.

A fact counts as right when its kind and value match: numbers compare as Decimals (loads within
0.005 kW, since HP is converted at 0.746), readings as ordered pairs, and ``category_options`` when
every expected id is among the ids offered. Kinds a message lists under ``tolerate`` are neither
required nor counted against precision (debatable readings, each with a ``note``). Units are
reported strictly and leniently ("a bare number counted as units"), because a bare number is
right for the conversation whenever units were the question asked.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

import yaml

ROOT: Final = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS_DIR: Final = ROOT / "tests" / "understanding" / "corpus"
TARIFF_FILE: Final = ROOT / "tariff_core" / "data" / "oerc-rst-2026-27.yaml"

LANGUAGES: Final = ("or", "hi", "en")
SCRIPTS: Final = ("native", "latin", "mixed")
ENTRY_KEYS: Final = frozenset({"text", "language", "script", "facts", "note", "tolerate"})

#: Fact keys of the corpus, in report order.
FACT_KEYS: Final = (
    "category",
    "category_options",
    "units",
    "number",
    "load_kw",
    "load_kva",
    "readings",
    "bill_amount",
    "answer",
    "place",
    "smart_meter",
    "ebill",
    "language_name",
    "command",
    "question",
    "small_talk",
)
#: Keys whose value is a figure; each may hold one value or a list of them.
NUMBER_KEYS: Final = frozenset({"units", "number", "bill_amount", "load_kw", "load_kva"})
ANSWERS: Final = frozenset({"yes", "no", "dont_know"})
PLACES: Final = frozenset({"rural", "urban"})
SMALL_TALK: Final = frozenset({"thanks", "ok"})
COMMANDS: Final = frozenset(
    {"menu", "back", "help", "language", "stop", "start", "delete_data", "other", "skip"}
)
QUESTION_TOPICS: Final = frozenset(
    {
        "kutir_jyoti",
        "sanctioned_load",
        "smart_meter",
        "meter_reading",
        "due_date",
        "payment",
        "rebates",
        "rebate_digital",
        "rebate_prompt",
        "rebate_rural",
        "rebate_ebill",
        "rebate_prepaid",
        "dps",
        "tod",
        "high_bill",
        "contact",
    }
)
#: HP → kW conversion leaves three decimals; anything closer than this is the same load.
LOAD_TOLERANCE: Final = Decimal("0.005")
#: The pseudo-key under which units and bare numbers are pooled for the lenient figure.
LENIENT_UNITS: Final = "units|number"

# How a figure is written, for the number-accuracy breakdown.
_NATIVE_DIGIT = re.compile(r"[\u0B66-\u0B6F\u0966-\u096F]")
_ANY_DIGIT = re.compile(r"[0-9\u0B66-\u0B6F\u0966-\u096F]")
_MULTIPLIER = re.compile(
    r"[0-9\u0B66-\u0B6F\u0966-\u096F]\s*"
    r"(k\b|lakh|lac\b|लाख|ଲକ୍ଷ|हज़ार|हजार|ହଜାର|hazar|hazaar|thousand)",
    re.IGNORECASE,
)


class CorpusError(ValueError):
    """The corpus breaks its schema; the message names the file, entry and key."""


@dataclass(frozen=True)
class Entry:
    """One corpus message with the facts a careful reader finds in it."""

    file: str
    index: int
    text: str
    language: str
    script: str
    #: (key, canonical value) pairs; a key may repeat (two bare numbers).
    facts: tuple[tuple[str, object], ...]
    tolerate: frozenset[str]
    note: str

    @property
    def has_letters(self) -> bool:
        """Whether the text has any letter (a language can be guessed from it at all)."""
        return any(unicodedata.category(ch)[0] in "LM" for ch in self.text)

    def expected(self, key: str) -> list[object]:
        """Every expected value of ``key``."""
        return [value for fact_key, value in self.facts if fact_key == key]


# --- loading -------------------------------------------------------------------------------------


def category_ids(tariff_file: Path = TARIFF_FILE) -> frozenset[str]:
    """The category ids of the tariff order in force (the keys under ``categories``)."""
    data = yaml.safe_load(tariff_file.read_text(encoding="utf-8"))
    return frozenset(str(key) for key in data["categories"])


def _decimal(value: object, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise CorpusError(f"{where}: expected a number, got {value!r}")
    try:
        return Decimal(str(value))
    except InvalidOperation as error:
        raise CorpusError(f"{where}: not a number: {value!r}") from error


def _choice(value: object, allowed: Iterable[str], where: str) -> str:
    allowed_set = frozenset(allowed)
    if not isinstance(value, str) or value not in allowed_set:
        raise CorpusError(f"{where}: {value!r} is not one of {sorted(allowed_set)}")
    return value


def _canonical_facts(
    raw: object, categories: frozenset[str], where: str
) -> list[tuple[str, object]]:
    """The ``facts`` mapping as (key, canonical value) pairs, checked against the schema."""
    if not isinstance(raw, Mapping):
        raise CorpusError(f"{where}: facts must be a mapping")
    pairs: list[tuple[str, object]] = []
    for key, value in raw.items():
        at = f"{where}.facts.{key}"
        if key not in FACT_KEYS:
            raise CorpusError(f"{at}: unknown fact key")
        if key in NUMBER_KEYS:
            values = value if isinstance(value, list) else [value]
            pairs.extend((key, _decimal(item, at)) for item in values)
        elif key == "category":
            pairs.append((key, _choice(value, categories, at)))
        elif key == "category_options":
            if not isinstance(value, list) or len(value) < 2:
                raise CorpusError(f"{at}: a list of at least two category ids")
            pairs.append((key, frozenset(_choice(item, categories, at) for item in value)))
        elif key == "readings":
            if not isinstance(value, list) or len(value) != 2:
                raise CorpusError(f"{at}: a [previous, present] pair")
            pairs.append((key, (_decimal(value[0], at), _decimal(value[1], at))))
        elif key in ("smart_meter", "ebill"):
            if not isinstance(value, bool):
                raise CorpusError(f"{at}: true or false")
            pairs.append((key, value))
        else:
            allowed = {
                "answer": ANSWERS,
                "place": PLACES,
                "language_name": LANGUAGES,
                "command": COMMANDS,
                "question": QUESTION_TOPICS,
                "small_talk": SMALL_TALK,
            }[key]
            pairs.append((key, _choice(value, allowed, at)))
    return pairs


def _entry(raw: object, file: str, index: int, categories: frozenset[str]) -> Entry:
    where = f"{file}[{index}]"
    if not isinstance(raw, Mapping):
        raise CorpusError(f"{where}: each message is a mapping")
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise CorpusError(f"{where}: unknown keys {sorted(unknown)}")
    for required in ("text", "language", "script", "facts"):
        if required not in raw:
            raise CorpusError(f"{where}: missing {required!r}")
    text = raw["text"]
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f"{where}: text must be a non-empty string")
    tolerate = raw.get("tolerate", [])
    if not isinstance(tolerate, list) or any(key not in FACT_KEYS for key in tolerate):
        raise CorpusError(f"{where}: tolerate lists fact keys only")
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise CorpusError(f"{where}: note must be a string")
    return Entry(
        file=file,
        index=index,
        text=text,
        language=_choice(raw["language"], LANGUAGES, f"{where}.language"),
        script=_choice(raw["script"], SCRIPTS, f"{where}.script"),
        facts=tuple(_canonical_facts(raw["facts"], categories, where)),
        tolerate=frozenset(tolerate),
        note=note,
    )


def load_corpus(corpus_dir: Path = CORPUS_DIR) -> list[Entry]:
    """Every message of ``{or,hi,en}.yaml``, strictly checked; raises :class:`CorpusError`."""
    categories = category_ids()
    entries: list[Entry] = []
    seen: set[tuple[str, str]] = set()
    for language in LANGUAGES:
        path = corpus_dir / f"{language}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, Mapping) or set(data) != {"messages"}:
            raise CorpusError(f"{path.name}: the file holds one key, 'messages'")
        for index, raw in enumerate(data["messages"]):
            entry = _entry(raw, path.name, index, categories)
            if (entry.text, entry.language) in seen:
                raise CorpusError(f"{path.name}[{index}]: duplicate message {entry.text!r}")
            seen.add((entry.text, entry.language))
            entries.append(entry)
    return entries


# --- the pieces under test -----------------------------------------------------------------------


@dataclass(frozen=True)
class Pieces:
    """The understanding functions available right now (None: not written yet)."""

    extract: Callable[[str], object]
    #: text → (language or None, Latin flag or None when the piece cannot tell)
    language: Callable[[str], tuple[str | None, bool | None]]
    language_source: str
    question: Callable[[str], str | None] | None


def _optional(module: str, name: str) -> Callable[..., object] | None:
    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None
    return found if callable(found) else None


def load_pieces() -> Pieces:
    """Import extract (required) and the optional pieces that exist today."""
    from bot.understanding.facts import extract
    from bot.understanding.script import detect_language

    guess = _optional("bot.understanding.script", "guess_language")
    if guess is not None:
        guesser = guess

        def language(text: str) -> tuple[str | None, bool | None]:
            guessed = guesser(text)
            code = getattr(guessed, "language", guessed)
            latin = getattr(guessed, "latin", None)
            return (
                code if isinstance(code, str) else None,
                latin if isinstance(latin, bool) else None,
            )

        source = "guess_language"
    else:

        def language(text: str) -> tuple[str | None, bool | None]:
            return detect_language(text), None

        source = "detect_language (script only; guess_language not available)"

    matcher = _optional("bot.understanding.questions", "match_question")
    question: Callable[[str], str | None] | None = None
    if matcher is not None:
        found_matcher = matcher

        def question(text: str) -> str | None:
            topic = found_matcher(text)
            return topic if isinstance(topic, str) else getattr(topic, "value", None)

    return Pieces(extract, language, source, question)


def got_facts(facts: object) -> list[tuple[str, object]]:
    """What :func:`extract` found, as (corpus key, canonical value) pairs.

    Yes/no/don't-know commands are left out: ``extract`` already reports them as answers.
    """
    pairs: list[tuple[str, object]] = []
    for fact in getattr(facts, "facts", ()):
        kind, value = fact.kind, fact.value
        if kind == "load":
            key = "load_kva" if value.unit == "kva" else "load_kw"
            pairs.append((key, Decimal(value.value)))
        elif kind == "category_options":
            pairs.append((kind, frozenset(str(item) for item in value)))
        elif kind == "readings":
            pairs.append((kind, (Decimal(value[0]), Decimal(value[1]))))
        elif kind in ("number", "units", "bill_amount"):
            pairs.append((kind, Decimal(value)))
        elif kind == "language":
            pairs.append(("language_name", str(value)))
        elif kind == "command":
            command = str(getattr(value, "value", value))
            if command in COMMANDS:
                pairs.append((kind, command))
        else:
            pairs.append((kind, value))
    return pairs


# --- scoring -------------------------------------------------------------------------------------


def same_value(key: str, expected: object, got: object) -> bool:
    """Whether a found value is the expected one (see the module docstring for the rules)."""
    if key in ("load_kw", "load_kva") and isinstance(expected, Decimal):
        return isinstance(got, Decimal) and abs(expected - got) <= LOAD_TOLERANCE
    if key == "category_options" and isinstance(expected, frozenset):
        return isinstance(got, frozenset) and expected <= got
    return bool(expected == got)


@dataclass
class Tally:
    """Right, spurious and missed facts of one kind."""

    right: int = 0
    spurious: int = 0
    missed: int = 0

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        self.right += other.right
        self.spurious += other.spurious
        self.missed += other.missed

    @property
    def precision(self) -> float | None:
        """Right over everything found; None when nothing was found."""
        found = self.right + self.spurious
        return self.right / found if found else None

    @property
    def recall(self) -> float | None:
        """Right over everything expected; None when nothing was expected."""
        wanted = self.right + self.missed
        return self.right / wanted if wanted else None


def score_key(
    key: str, expected: Sequence[object], got: Sequence[object], tolerated: bool
) -> tuple[Tally, list[object], list[object]]:
    """Match expected against found values of one key: the tally, the missed, the spurious."""
    remaining = list(got)
    missed: list[object] = []
    tally = Tally()
    for value in expected:
        match = next((g for g in remaining if same_value(key, value, g)), None)
        if match is None:
            missed.append(value)
        else:
            remaining.remove(match)
            tally.right += 1
    tally.missed = len(missed)
    spurious = [] if tolerated else remaining
    tally.spurious = len(spurious)
    return tally, missed, spurious


@dataclass(frozen=True)
class Outcome:
    """One message as the pieces read it."""

    entry: Entry
    got: tuple[tuple[str, object], ...]
    language: str | None
    latin: bool | None
    #: key → (missed values, spurious values), only keys with a problem.
    problems: Mapping[str, tuple[list[object], list[object]]]
    tallies: Mapping[str, Tally]


def read_message(entry: Entry, pieces: Pieces) -> Outcome:
    """Run every piece on one message and score it."""
    got = got_facts(pieces.extract(entry.text))
    if pieces.question is not None:
        topic = pieces.question(entry.text)
        if topic is not None:
            got.append(("question", topic))
    language, latin = pieces.language(entry.text)
    tallies: dict[str, Tally] = {}
    problems: dict[str, tuple[list[object], list[object]]] = {}
    keys = [key for key in FACT_KEYS if key != "question" or pieces.question is not None]
    for key in keys:
        found = [value for got_key, value in got if got_key == key]
        tally, missed, spurious = score_key(key, entry.expected(key), found, key in entry.tolerate)
        tallies[key] = tally
        if missed or spurious:
            problems[key] = (missed, spurious)
    # Lenient: a bare number and units are one pool (what was asked decides the meaning).
    pooled_expected = entry.expected("units") + entry.expected("number")
    pooled_got = [value for got_key, value in got if got_key in ("units", "number")]
    tolerated = bool({"units", "number"} & entry.tolerate)
    tallies[LENIENT_UNITS] = score_key("units", pooled_expected, pooled_got, tolerated)[0]
    return Outcome(entry, tuple(got), language, latin, problems, tallies)


def number_forms(text: str) -> list[str]:
    """How the figures of ``text`` are written: in words, native digits, k/lakh/hazar, digits."""
    if not _ANY_DIGIT.search(text):
        return ["in words"]
    forms = []
    if _NATIVE_DIGIT.search(text):
        forms.append("native digits")
    if _MULTIPLIER.search(text):
        forms.append("k / lakh / hazar")
    return forms or ["ASCII digits"]


def numbers_right(outcome: Outcome) -> bool:
    """Every expected figure was found (kind aside) and no stray figure was added."""
    expected = [v for key, v in outcome.entry.facts if key in NUMBER_KEYS]
    expected += [v for key, v in outcome.entry.facts if key == "readings"]
    got = [v for key, v in outcome.got if key in NUMBER_KEYS or key == "readings"]
    remaining = list(got)
    for value in expected:
        match = next(
            (
                g
                for g in remaining
                if type(g) is type(value)
                and (
                    abs(g - value) <= LOAD_TOLERANCE
                    if isinstance(g, Decimal) and isinstance(value, Decimal)
                    else g == value
                )
            ),
            None,
        )
        if match is None:
            return False
        remaining.remove(match)
    return not remaining


def language_group(entry: Entry) -> str:
    """The row of the language-detection table a message belongs to."""
    if not entry.has_letters:
        return "no letters (digits, emoji)"
    names = {"or": "Odia", "hi": "Hindi", "en": "English"}
    if entry.language == "en":
        return "English"
    if entry.script == "latin":
        return f"{names[entry.language]}, Latin script"
    return f"{names[entry.language]}, native script (incl. mixed)"


@dataclass
class Report:
    """Every figure the report prints; the corpus test asserts floors on these."""

    pieces: Pieces
    outcomes: list[Outcome]
    #: (language or "all") → key → tally
    tallies: dict[str, dict[str, Tally]] = field(default_factory=dict)
    #: group → (right, abstained, total); abstained: the guesser returned None (the
    #: conversation then keeps its language), which is neither right nor wrong.
    language_accuracy: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    latin_flag_accuracy: tuple[int, int] | None = None
    #: form → (right, total)
    number_accuracy: dict[str, tuple[int, int]] = field(default_factory=dict)

    def tally(self, key: str, language: str = "all") -> Tally:
        """The tally of one key for one language (or all)."""
        return self.tallies.get(language, {}).get(key, Tally())

    def facts_overall(self, language: str = "all") -> Tally:
        """All fact kinds pooled (strict units), except FAQ questions."""
        total = Tally()
        for key, tally in self.tallies.get(language, {}).items():
            if key not in (LENIENT_UNITS, "question"):
                total.add(tally)
        return total


def measure(entries: Sequence[Entry], pieces: Pieces | None = None) -> Report:
    """Run the pieces over the corpus and compute every figure."""
    pieces = pieces or load_pieces()
    report = Report(pieces, [read_message(entry, pieces) for entry in entries])
    for outcome in report.outcomes:
        for language in ("all", outcome.entry.language):
            per_key = report.tallies.setdefault(language, {})
            for key, tally in outcome.tallies.items():
                per_key.setdefault(key, Tally()).add(tally)
        group = language_group(outcome.entry)
        right, abstained, total = report.language_accuracy.get(group, (0, 0, 0))
        report.language_accuracy[group] = (
            right + (outcome.language == outcome.entry.language),
            abstained + (outcome.language is None),
            total + 1,
        )
        expected_figures = any(
            key in NUMBER_KEYS or key == "readings" for key, _ in outcome.entry.facts
        )
        if expected_figures:
            for form in [*number_forms(outcome.entry.text), "all"]:
                right, total = report.number_accuracy.get(form, (0, 0))
                report.number_accuracy[form] = (right + numbers_right(outcome), total + 1)
    flags = [
        (o.latin, o.entry.script == "latin")
        for o in report.outcomes
        if o.latin is not None and o.entry.has_letters
    ]
    if flags:
        report.latin_flag_accuracy = (sum(got == want for got, want in flags), len(flags))
    return report


# --- printing ------------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def _show(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, frozenset):
        return "{" + ",".join(sorted(str(v) for v in value)) + "}"
    if isinstance(value, tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)


def _pairs(pairs: Iterable[tuple[str, object]]) -> str:
    return ", ".join(f"{key}={_show(value)}" for key, value in pairs) or "(nothing)"


def miss_kinds(report: Report) -> Counter[str]:
    """How often each kind of miss happens: '<key> missed' or '<key> spurious'."""
    counts: Counter[str] = Counter()
    for outcome in report.outcomes:
        for key, (missed, spurious) in outcome.problems.items():
            if missed:
                counts[f"{key} missed"] += len(missed)
            if spurious:
                counts[f"{key} spurious"] += len(spurious)
    return counts


def render(report: Report, misses: int = 60) -> str:
    """The whole report as plain text."""
    lines: list[str] = []
    entries = [o.entry for o in report.outcomes]
    by_language = Counter(e.language for e in entries)
    latin = Counter(e.language for e in entries if e.script == "latin")
    lines.append(
        f"Corpus: {len(entries)} messages ("
        + ", ".join(f"{lang} {by_language[lang]}, {latin[lang]} Latin" for lang in LANGUAGES)
        + ")"
    )
    lines.append(f"Language guesser: {report.pieces.language_source}")
    lines.append(
        "FAQ matcher: "
        + ("match_question" if report.pieces.question else "not available (no figures)")
    )
    lines.append("")
    header = f"{'fact kind':<18}" + "".join(
        f" | {lang:>3} P   {lang:>3} R  " for lang in (*LANGUAGES, "all")
    )
    lines.append("Facts: precision (P) and recall (R) per language")
    lines.append(header)
    lines.append("-" * len(header))
    keys = [*FACT_KEYS, LENIENT_UNITS]
    if report.pieces.question is None:
        keys.remove("question")
    for key in keys:
        label = "units (lenient)" if key == LENIENT_UNITS else key
        row = f"{label:<18}"
        for lang in (*LANGUAGES, "all"):
            tally = report.tally(key, lang)
            row += f" | {_percent(tally.precision)} {_percent(tally.recall)}"
        expected_all = report.tally(key).right + report.tally(key).missed
        lines.append(f"{row}   n={expected_all}")
    row = f"{'ALL (strict)':<18}"
    for lang in (*LANGUAGES, "all"):
        tally = report.facts_overall(lang)
        row += f" | {_percent(tally.precision)} {_percent(tally.recall)}"
    lines.append("-" * len(header))
    lines.append(row)
    lines.append("")
    lines.append("Language of the reply: right / abstained (None: keep the conversation's) / wrong")
    for group in sorted(report.language_accuracy):
        right, abstained, total = report.language_accuracy[group]
        wrong = total - right - abstained
        lines.append(
            f"  {group:<34} {right:>4}/{total:<4} {_percent(right / total)}"
            f"   abstained {abstained:>3}   wrong {wrong:>3} {_percent(wrong / total)}"
        )
    if report.latin_flag_accuracy is not None:
        right, total = report.latin_flag_accuracy
        lines.append(f"  {'Latin-script flag':<34} {right:>4}/{total:<4} {_percent(right / total)}")
    else:
        lines.append("  Latin-script flag                  not available")
    wrong_guesses = [
        o
        for o in report.outcomes
        if o.language is not None and o.language != o.entry.language and o.entry.has_letters
    ]
    for outcome in wrong_guesses[:misses]:
        entry = outcome.entry
        lines.append(
            f"    wrong: {entry.text!r} ({entry.language}, {entry.script}) -> {outcome.language}"
        )
    lines.append("")
    lines.append("Figures right (every expected number found, nothing extra), by how written")
    for form in ("ASCII digits", "native digits", "in words", "k / lakh / hazar", "all"):
        right, total = report.number_accuracy.get(form, (0, 0))
        shown = _percent(right / total) if total else "   -  "
        lines.append(f"  {form:<34} {right:>4}/{total:<4} {shown}")
    lines.append("")
    lines.append("Kinds of misses (count)")
    for kind, count in miss_kinds(report).most_common():
        lines.append(f"  {kind:<34} {count:>4}")
    if misses > 0:
        failed = [o for o in report.outcomes if o.problems]
        lines.append("")
        lines.append(f"Misses: {len(failed)} messages, first {min(misses, len(failed))}")
        for outcome in failed[:misses]:
            entry = outcome.entry
            lines.append(f"  [{entry.file}:{entry.index}] {entry.text}")
            lines.append(f"      expected: {_pairs(entry.facts)}")
            lines.append(f"      got:      {_pairs(outcome.got)}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report; always exits 0 (it measures, the corpus test asserts)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--misses", type=int, default=60, help="how many misses to list")
    args = parser.parse_args(argv)
    print(render(measure(load_corpus()), misses=args.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
