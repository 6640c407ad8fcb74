"""extract(): every fact in a message, each with the span it was found at."""

from __future__ import annotations

from decimal import Decimal

import pytest

import bot.understanding.facts as facts_module
from bot.understanding import Command
from bot.understanding.facts import FACT_KINDS, Load, extract


def _facts(message: str) -> dict[str, object]:
    facts = extract(message)
    return {fact.kind: fact.value for fact in facts.facts}


def _spans(message: str) -> dict[str, str]:
    facts = extract(message)
    return {fact.kind: facts.text[fact.start : fact.end] for fact in facts.facts}


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "ମୋର କୁଟୀର ଜ୍ୟୋତି କନେକ୍ସନ, ଏ ମାସ ୪୫ ୟୁନିଟ ହେଇଛି, ବିଲ କେତେ ହେବ?",
            {"category": "1.a", "units": Decimal(45)},
        ),
        ("pump 400 units 5 hp", {"category": "3", "units": Decimal(400)}),
        ("domestic 2.5k units", {"category": "1.b", "units": Decimal(2500)}),
        ("250", {"number": Decimal(250)}),
        ("12450 12710", {"readings": (Decimal(12450), Decimal(12710))}),
        ("present 12710 previous 12450", {"readings": (Decimal(12450), Decimal(12710))}),
        ("bill was ₹1200", {"bill_amount": Decimal(1200)}),
        ("bill 1200 aaya", {"bill_amount": Decimal(1200)}),
        ("units consumed 1,250", {"units": Decimal(1250)}),
        ("yes village", {"answer": "yes", "place": "rural"}),
        ("ହଁ, ଗାଁରେ", {"answer": "yes", "place": "rural"}),
        ("हाँ गाँव में", {"answer": "yes", "place": "rural"}),
        ("no it is in the city", {"answer": "no", "place": "urban"}),
        ("gaon me nahi", {"place": "urban"}),
        ("smart meter nahi hai", {"smart_meter": False}),
        ("हमारे यहाँ स्मार्ट मीटर लगा है", {"smart_meter": True}),
        ("bill email pe aata hai", {"ebill": True}),
        ("नहीं, कागज़ वाला बिल आता है", {"answer": "no", "ebill": False}),
        ("don't know", {"answer": "dont_know", "command": Command.DONT_KNOW}),
        ("ଜାଣିନି", {"answer": "dont_know"}),
        ("hindi me batao", {"language": "hi"}),
        ("thanks", {"small_talk": "thanks"}),
        ("ଧନ୍ୟବାଦ", {"small_talk": "thanks"}),
        ("factory 300", {"category_options": ("7", "8", "23"), "number": Decimal(300)}),
    ],
)
def test_every_fact_is_found(message: str, expected: dict[str, object]) -> None:
    found = _facts(message)
    for kind, value in expected.items():
        assert found.get(kind) == value, (message, found)


def test_a_load_in_horsepower_is_converted_to_kilowatts() -> None:
    load = _facts("pump 400 units 5 hp")["load"]
    assert isinstance(load, Load)
    assert (load.value, load.unit, load.written_unit) == (Decimal("3.730"), "kw", "hp")


def test_spans_point_at_the_words_that_said_it() -> None:
    spans = _spans("ମୋର କୁଟୀର ଜ୍ୟୋତି କନେକ୍ସନ, ଏ ମାସ ୪୫ ୟୁନିଟ")
    assert spans == {"category": "କୁଟୀର ଜ୍ୟୋତି", "units": "45 ୟୁନିଟ"}
    assert _spans("pump 400 units 5 hp") == {
        "category": "pump",
        "units": "400 units",
        "load": "5 hp",
    }


def test_nothing_in_ordinary_chatter() -> None:
    assert extract("kemiti achhanti sabu").facts == ()


def test_fact_kinds_are_declared_once() -> None:
    assert len(FACT_KINDS) == len(set(FACT_KINDS))


@pytest.mark.parametrize(
    "message",
    [
        "delete my data",
        "delete",
        "remove my data",
        "please delete my number",
        "ମୋ ତଥ୍ୟ ବିଲୋପ କର",
        "ମୋର ସବୁ ତଥ୍ୟ ବିଲୋପ କରନ୍ତୁ",
        "ମୋ ନମ୍ବର ହଟାନ୍ତୁ",
        "मेरा डेटा मिटा दो",
        "मेरी जानकारी हटा दो",
        "mera data delete karo",
    ],
)
def test_delete_my_data_as_people_say_it(message: str) -> None:
    assert extract(message).get("command") is Command.DELETE_DATA


@pytest.mark.parametrize("message", ["my number is 98765", "delete 250", "remove the meter"])
def test_other_sentences_are_not_a_deletion(message: str) -> None:
    assert extract(message).get("command") is not Command.DELETE_DATA


def test_short_messages_are_read_once_and_long_ones_are_never_kept() -> None:
    short = "domestic 250 units"
    assert extract(short) is extract(short)  # remembered: the same (frozen) facts
    assert extract(short) == facts_module._extract(short)  # …and what a fresh reading gives
    long = "my home is in a village and we used 250 units this month, load 2 kW " * 2
    assert len(long) > facts_module.SHORT_MESSAGE_CHARS
    kept = facts_module._extract_short.cache_info().currsize
    first, second = extract(long), extract(long)
    assert first == second
    assert first is not second
    assert facts_module._extract_short.cache_info().currsize == kept  # not remembered
