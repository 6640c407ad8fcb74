"""Reading a short reply that lists appliances, in Odia, Hindi and English, in native script or
Latin letters, with digits or number words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.appliances import parse_appliance_reply

D = Decimal
Row = tuple[str, int, Decimal | None]


def read(text: str) -> list[Row]:
    return [
        (item.appliance.value, item.count, item.hours_per_day)
        for item in parse_appliance_reply(text).items
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "3 fan, 5 led, 1 fridge, tv 4 hours",
            [("fan", 3, None), ("led_bulb", 5, None), ("fridge", 1, None), ("tv", 1, D(4))],
        ),
        ("fan 3 led 5", [("fan", 3, None), ("led_bulb", 5, None)]),
        ("3 fan 5 led 1 fridge", [("fan", 3, None), ("led_bulb", 5, None), ("fridge", 1, None)]),
        ("3 Fans 12 hrs\n2 tubelights", [("fan", 3, D(12)), ("tube_light", 2, None)]),
        ("2 T.V., 1 A.C. 6 hours", [("tv", 2, None), ("ac", 1, D(6))]),
        ("two fans and one cooler", [("fan", 2, None), ("cooler", 1, None)]),
        ("bldc 2; tube light x 4", [("bldc_fan", 2, None), ("tube_light", 4, None)]),
        ("2 5 star fan", [("fan_5_star", 2, None)]),
        ("2 fan 5 star", [("fan_5_star", 2, None)]),
        ("1 led tube, 1 tube", [("led_tube", 1, None), ("tube_light", 1, None)]),
        # Hindi, Latin letters and Devanagari
        ("do pankhe aur teen bulb", [("fan", 2, None), ("led_bulb", 3, None)]),
        ("TV 5 ghante, AC 2", [("tv", 1, D(5)), ("ac", 2, None)]),
        (
            "3 पंखे, 2 ट्यूबलाइट, टीवी 4 घंटे",
            [("fan", 3, None), ("tube_light", 2, None), ("tv", 1, D(4))],
        ),
        ("दो पंखे और एक कूलर", [("fan", 2, None), ("cooler", 1, None)]),
        ("पंखा ३", [("fan", 3, None)]),
        # Odia, Latin letters and Odia script, with Odia digits and counters
        ("dui ta pankha 12 ghanta, gote fridge", [("fan", 2, D(12)), ("fridge", 1, None)]),
        ("ପଙ୍ଖା ୩ଟା, ଟିଭି ୪ ଘଣ୍ଟା", [("fan", 3, None), ("tv", 1, D(4))]),
        ("ତିନି ପଙ୍ଖା, ଦୁଇ ବଲ୍ବ", [("fan", 3, None), ("led_bulb", 2, None)]),
        ("୨ ଟା ଟ୍ୟୁବଲାଇଟ ଓ ୧ ମିକ୍ସି", [("tube_light", 2, None), ("mixer", 1, None)]),
    ],
)
def test_replies_are_read_item_by_item(text: str, expected: list[Row]) -> None:
    reply = parse_appliance_reply(text)
    assert read(text) == expected
    assert reply.leftover == ()
    assert reply.understood


def test_a_fridge_takes_its_size_stars_and_type() -> None:
    (fridge,) = parse_appliance_reply("fridge 250 litre 3 star frost free").items
    assert (fridge.litres, fridge.stars, fridge.fridge_type) == (D(250), 3, "frost_free")
    (fridge,) = parse_appliance_reply("फ्रिज 190 लीटर 5 स्टार").items
    assert (fridge.litres, fridge.stars, fridge.fridge_type) == (D(190), 5, None)
    (fridge,) = parse_appliance_reply("ଫ୍ରିଜ 190 ଲିଟର 4 ଷ୍ଟାର").items
    assert (fridge.litres, fridge.stars) == (D(190), 4)


@pytest.mark.parametrize(
    ("text", "items", "leftover"),
    [
        ("hello world 7", [], ("hello", "world", "7")),
        ("2.5 fan", [], ("fan",)),  # not a whole number of fans
        ("fan 30 hours", [], ("fan",)),  # more hours than a day has
        ("3 fan, 4 toasters", [("fan", 3, None)], ("toasters", "4")),
        ("fridge 10 hours", [("fridge", 1, None)], ("hours",)),
        ("", [], ()),
    ],
)
def test_what_cannot_be_used_is_left_over(
    text: str, items: list[Row], leftover: tuple[str]
) -> None:
    reply = parse_appliance_reply(text)
    assert read(text) == items
    assert sorted(reply.leftover) == sorted(leftover)
    assert reply.understood == bool(items)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_read_without_raising(text: str) -> None:
    reply = parse_appliance_reply(text)
    assert all(1 <= item.count <= 100 for item in reply.items)


def test_a_long_paste_is_cut() -> None:
    reply = parse_appliance_reply("1 fan, " * 1000)
    assert 0 < len(reply.items) <= 100
