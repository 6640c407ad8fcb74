"""The corpus of real-looking messages: its schema, its size, and floors on what Bijuli understands.

The floors sit a little below the figures measured when they were set (see
``bench/understanding_report.py`` for the full report); raise them as understanding improves,
never lower them to make a change pass. Every piece measured (the extractor, the Latin-script
language guesser, the FAQ matcher) must be present: a missing one fails.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from bench.understanding_report import (
    FACT_KEYS,
    LENIENT_UNITS,
    CorpusError,
    Entry,
    Pieces,
    Report,
    load_corpus,
    measure,
    same_value,
    score_key,
)

MIN_MESSAGES = 300
MIN_PER_LANGUAGE = 100
MIN_LATIN = {"or": 35, "hi": 35}


@pytest.fixture(scope="module")
def corpus() -> list[Entry]:
    return load_corpus()


@pytest.fixture(scope="module")
def report(corpus: list[Entry]) -> Report:
    return measure(corpus)


# --- the corpus itself ---------------------------------------------------------------------------


def test_corpus_is_big_enough(corpus: list[Entry]) -> None:
    assert len(corpus) >= MIN_MESSAGES
    per_language = Counter(entry.language for entry in corpus)
    for language in ("or", "hi", "en"):
        assert per_language[language] >= MIN_PER_LANGUAGE, language
    latin = Counter(entry.language for entry in corpus if entry.script == "latin")
    for language, minimum in MIN_LATIN.items():
        assert latin[language] >= minimum, language


def test_every_file_holds_its_own_language(corpus: list[Entry]) -> None:
    for entry in corpus:
        assert entry.file == f"{entry.language}.yaml", (entry.file, entry.text)


def test_corpus_covers_every_fact_kind(corpus: list[Entry]) -> None:
    kinds = {key for entry in corpus for key, _ in entry.facts}
    assert kinds >= set(FACT_KEYS)


def _write_corpus(directory: Path, extra: str) -> Path:
    """A minimal valid corpus with ``extra`` appended to the English file's one message."""
    for language in ("or", "hi", "en"):
        body = (
            "messages:\n"
            f"  - text: 'sample {language}'\n"
            f"    language: {language}\n"
            "    script: native\n"
            "    facts: {}\n"
        )
        if language == "en":
            body += extra
        (directory / f"{language}.yaml").write_text(body, encoding="utf-8")
    return directory


def test_loader_accepts_a_minimal_corpus(tmp_path: Path) -> None:
    assert len(load_corpus(_write_corpus(tmp_path, ""))) == 3


@pytest.mark.parametrize(
    ("extra", "complaint"),
    [
        ("    colour: red\n", "unknown keys"),
        ("  - {text: x, language: en, script: native, facts: {cat: '2'}}\n", "unknown fact"),
        ("  - {text: x, language: en, script: native, facts: {category: '99'}}\n", "category"),
        ("  - {text: x, language: fr, script: native, facts: {}}\n", "language"),
        ("  - {text: x, language: en, script: cursive, facts: {}}\n", "script"),
        ("  - {text: x, language: en, script: native, facts: {units: lots}}\n", "number"),
        ("  - {text: x, language: en, script: native, facts: {readings: [1]}}\n", "pair"),
        ("  - {text: x, language: en, script: native, facts: {question: weather}}\n", "weather"),
        ("  - {text: x, language: en, script: native, facts: {command: dance}}\n", "dance"),
        ("  - {text: x, language: en, script: native, facts: {ebill: maybe}}\n", "true or false"),
        ("  - {text: x, language: en, script: native}\n", "missing"),
        ("  - {text: 'sample en', language: en, script: native, facts: {}}\n", "duplicate"),
    ],
)
def test_loader_rejects_a_broken_corpus(tmp_path: Path, extra: str, complaint: str) -> None:
    with pytest.raises(CorpusError, match=complaint):
        load_corpus(_write_corpus(tmp_path, extra))


# --- the scoring rules ---------------------------------------------------------------------------


def test_a_wrong_value_is_both_missed_and_spurious() -> None:
    tally, missed, spurious = score_key("units", [Decimal(250)], [Decimal(25)], tolerated=False)
    assert (tally.right, missed, spurious) == (0, [Decimal(250)], [Decimal(25)])


def test_a_tolerated_extra_fact_costs_no_precision() -> None:
    tally, _, spurious = score_key("category", [], ["1.a"], tolerated=True)
    assert tally.spurious == 0
    assert spurious == []


def test_loads_match_within_the_hp_rounding_and_options_by_inclusion() -> None:
    assert same_value("load_kw", Decimal("3.73"), Decimal(5) * Decimal("0.746"))
    assert not same_value("load_kw", Decimal("3.73"), Decimal(5))
    assert same_value("category_options", frozenset({"7", "8"}), frozenset({"7", "8", "23"}))
    assert not same_value("category_options", frozenset({"7", "8"}), frozenset({"7"}))


def test_an_extractor_that_finds_nothing_scores_nothing(corpus: list[Entry]) -> None:
    blind = Pieces(
        extract=lambda text: None,
        language=lambda text: (None, None),
        language_source="none",
        question=lambda text: None,
    )
    nothing = measure(corpus, blind)
    assert nothing.facts_overall().right == 0
    assert nothing.facts_overall().recall == 0
    assert nothing.number_accuracy["all"][0] == 0


# --- floors on today's understanding -------------------------------------------------------------
# First measured (before the fixes the corpus led to): facts P 94.0 % / R 90.1 % over all.
# Raised after them (P 98.9 % / R 98.5 %); the corpus is no longer unseen, so outside tests with
# new messages remain the real measure.

FACT_FLOORS = {
    # language: (precision, recall), all kinds pooled, strict units
    "or": (0.97, 0.95),
    "hi": (0.97, 0.97),
    "en": (0.97, 0.96),
    "all": (0.97, 0.96),
}


@pytest.mark.parametrize("language", sorted(FACT_FLOORS))
def test_facts_floor(report: Report, language: str) -> None:
    precision_floor, recall_floor = FACT_FLOORS[language]
    overall = report.facts_overall(language)
    assert (overall.precision or 0.0) >= precision_floor
    assert (overall.recall or 0.0) >= recall_floor


KIND_RECALL_FLOORS = {
    "category": 0.96,
    "units": 0.95,
    LENIENT_UNITS: 0.97,
    "load_kw": 0.97,
    "readings": 0.97,
    "bill_amount": 0.95,
    "answer": 0.97,
    "place": 0.90,
    "smart_meter": 0.97,
    "ebill": 0.90,
    "language_name": 0.97,
    "command": 0.90,
    "small_talk": 0.97,
}


@pytest.mark.parametrize("kind", sorted(KIND_RECALL_FLOORS))
def test_recall_floor_per_kind(report: Report, kind: str) -> None:
    recall = report.tally(kind).recall
    assert (recall or 0.0) >= KIND_RECALL_FLOORS[kind]


KIND_PRECISION_FLOORS = {
    "category": 0.95,
    "units": 0.95,
    "load_kw": 0.97,
    "readings": 0.97,
    "bill_amount": 0.97,
    "answer": 0.95,
    "place": 0.97,
    "command": 0.90,
    "small_talk": 0.97,
}


@pytest.mark.parametrize("kind", sorted(KIND_PRECISION_FLOORS))
def test_precision_floor_per_kind(report: Report, kind: str) -> None:
    precision = report.tally(kind).precision
    assert (precision or 0.0) >= KIND_PRECISION_FLOORS[kind]


def test_figures_floor(report: Report) -> None:
    floors = {
        "ASCII digits": 0.97,
        "native digits": 0.97,
        "in words": 0.92,
        "k / lakh / hazar": 0.90,
        "all": 0.96,
    }
    for form, floor in floors.items():
        right, total = report.number_accuracy[form]
        assert total > 0, form
        assert right / total >= floor, form


def test_native_script_language_floor(report: Report) -> None:
    for group in ("Odia, native script (incl. mixed)", "Hindi, native script (incl. mixed)"):
        right, _, total = report.language_accuracy[group]
        assert right / total >= 0.98, group


def test_latin_script_language_floor(report: Report) -> None:
    assert report.pieces.language_source.startswith("guess_language")
    floors = {"Odia, Latin script": 0.80, "Hindi, Latin script": 0.92, "English": 0.82}
    for group, floor in floors.items():
        right, abstained, total = report.language_accuracy[group]
        wrong = total - right - abstained
        assert right / total >= floor, group
        # A wrong guess switches the reply's language; an abstention keeps it.
        assert wrong / total <= 0.08, group


def test_question_floor(report: Report) -> None:
    assert report.pieces.question is not None
    tally = report.tally("question")
    assert (tally.precision or 0.0) >= 0.95
    assert (tally.recall or 0.0) >= 0.86
