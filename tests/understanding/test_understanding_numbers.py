"""parse_number, parse_quantity, find_quantities and parse_readings."""

from decimal import Decimal

import pytest

from bot.understanding import (
    Quantity,
    find_quantities,
    parse_number,
    parse_quantity,
    parse_readings,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("250", D(250)),
        ("  250  ", D(250)),
        ("250 units", D(250)),
        ("250units", D(250)),
        ("250kwh", D(250)),
        ("ମୋର ୨୫୦ ୟୁନିଟ", D(250)),
        ("୨୫୦", D(250)),
        ("२५०", D(250)),
        ("मेरा ३०० यूनिट", D(300)),
        ("1,23,456", D(123456)),
        ("12,34,56,789", D(123456789)),
        ("123,456", D(123456)),
        ("1,234,567", D(1234567)),
        ("1,000", D(1000)),
        ("2.5", D("2.5")),
        ("0.5 kw", D("0.5")),
        ("1,23,456.75", D("123456.75")),
        ("୧,୨୩,୪୫୬", D(123456)),
        ("250.", D(250)),  # full stop ending the sentence
        ("250, please", D(250)),
        ("it was 250 units. yes 250", D(250)),  # same number twice is not ambiguous
        ("250 and 250.0", D(250)),
        ("Rs. 250/-", D(250)),
        ("₹1,200.50", D("1200.50")),
        ("007", D(7)),
        ("about 180 unit only", D(180)),
        ("bus stop 250", D(250)),
    ],
)
def test_parse_number(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "no number here",
        "ଘରୋଇ",
        "👍",
        "1,2,3",  # malformed grouping
        "12,3456",
        "1,23,4567",
        "1,2345,678",
        "2,5",  # decimal comma is not used in India; refuse rather than guess
        "1.2.3",
        "250 300",  # two different numbers are ambiguous
        "180 unit 2 kw",
        "12/03/2024",
        "1" * 25,  # a pasted identifier, not a quantity
    ],
)
def test_parse_number_none(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("250", D(250), None),
        ("250 units", D(250), "units"),
        ("250 unit", D(250), "units"),
        ("250 UNITS", D(250), "units"),
        ("250kwh", D(250), "units"),
        ("250 kWh", D(250), "units"),
        ("250 yunit", D(250), "units"),
        ("୨୫୦ ୟୁନିଟ", D(250), "units"),
        ("୨୫୦ ୟୁନିଟ୍", D(250), "units"),
        ("୨୫୦ ୟୁନିଟ୍\u200c", D(250), "units"),
        ("300 यूनिट", D(300), "units"),
        ("300 यूनिट्स", D(300), "units"),
        ("units: 250", D(250), "units"),  # the only unit named, before the number
        ("2 kw", D(2), "kw"),
        ("2kw", D(2), "kw"),
        ("2 KW", D(2), "kw"),
        ("2.5 kilowatt", D("2.5"), "kw"),
        ("2 kilo watt", D(2), "kw"),
        ("୨ କିଲୋୱାଟ", D(2), "kw"),
        ("2 किलोवाट", D(2), "kw"),
        ("load in kw is 2", D(2), "kw"),
        ("5 kva", D(5), "kva"),
        ("5 KVA", D(5), "kva"),
        ("5 केवीए", D(5), "kva"),
        ("3 hp", D(3), "hp"),
        ("3 horse power", D(3), "hp"),
        ("3 ହର୍ସପାୱାର", D(3), "hp"),
        ("3 हॉर्सपावर", D(3), "hp"),
        ("₹250", D(250), "rupees"),
        ("₹ 250", D(250), "rupees"),
        ("250₹", D(250), "rupees"),
        ("Rs 250", D(250), "rupees"),
        ("Rs.250", D(250), "rupees"),
        ("rs. 1,250", D(1250), "rupees"),
        ("250 rs", D(250), "rupees"),
        ("250 rupees", D(250), "rupees"),
        ("250 rupaye", D(250), "rupees"),
        ("250 ଟଙ୍କା", D(250), "rupees"),
        ("୨୫୦ ଟଙ୍କା", D(250), "rupees"),
        ("250 रुपये", D(250), "rupees"),
        ("250 रुपए", D(250), "rupees"),
        ("रु 250", D(250), "rupees"),
        ("रु. 250", D(250), "rupees"),
        ("250 units. yes 250 units", D(250), "units"),
        ("kw or kva? 2", D(2), None),  # two units named, none attached: unit unknown
    ],
)
def test_parse_quantity(text: str, value: Decimal, unit: str | None) -> None:
    assert parse_quantity(text) == Quantity(value, unit)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "units",
        "250 units 2 kw",
        "250 units or 250 rupees",  # same number, different units: ambiguous
        "1,2,3 units",
    ],
)
def test_parse_quantity_none(text: str) -> None:
    assert parse_quantity(text) is None


def test_unit_word_needs_a_word_boundary() -> None:
    # "rs" must not be read inside "hrs", nor "hp" inside "hpx", nor "unit" in "unity".
    assert parse_quantity("5 hrs") == Quantity(D(5), None)
    assert parse_quantity("5 hpx") == Quantity(D(5), None)
    assert parse_quantity("250 unity") == Quantity(D(250), None)
    assert parse_quantity("250 kwhx") == Quantity(D(250), None)


def test_longest_unit_wins() -> None:
    assert parse_quantity("250 kwh") == Quantity(D(250), "units")
    assert parse_quantity("2 kw") == Quantity(D(2), "kw")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gharelu 180 unit 2 kw", [Quantity(D(180), "units"), Quantity(D(2), "kw")]),
        ("घरेलू 300 यूनिट 2 किलोवाट", [Quantity(D(300), "units"), Quantity(D(2), "kw")]),
        ("ଘରୋଇ ୨୫୦ ୟୁନିଟ", [Quantity(D(250), "units")]),
        ("ଘରୋଇ ୨୫୦ ୟୁନିଟ ୨ କିଲୋୱାଟ", [Quantity(D(250), "units"), Quantity(D(2), "kw")]),
        ("domestic 250", [Quantity(D(250), None)]),
        ("250 units domestic", [Quantity(D(250), "units")]),
        ("shop 5kva 1,200 units", [Quantity(D(5), "kva"), Quantity(D(1200), "units")]),
        ("pump 3 hp 400 units", [Quantity(D(3), "hp"), Quantity(D(400), "units")]),
        ("bill ₹1,250 for 180 units", [Quantity(D(1250), "rupees"), Quantity(D(180), "units")]),
        ("Rs 500 250 units", [Quantity(D(500), "rupees"), Quantity(D(250), "units")]),
        # A rupee word already used by 300 is not reused for 180.
        ("300 rs 180", [Quantity(D(300), "rupees"), Quantity(D(180), None)]),
        ("12450 12710", [Quantity(D(12450), None), Quantity(D(12710), None)]),
        ("1,2,3 and 250 units", [Quantity(D(250), "units")]),  # malformed number skipped
        ("", []),
        ("no numbers", []),
        ("👍👍", []),
    ],
)
def test_find_quantities(text: str, expected: list[Quantity]) -> None:
    assert find_quantities(text) == expected


@pytest.mark.parametrize(
    ("text", "previous", "present"),
    [
        ("12450 12710", 12450, 12710),
        ("12450 to 12710", 12450, 12710),
        ("12450-12710", 12450, 12710),
        ("12450 - 12710", 12450, 12710),
        ("12450,12710", 12450, 12710),  # no grouping has 5-digit groups: a list
        ("12450, 12710", 12450, 12710),
        ("12,450 12,710", 12450, 12710),
        ("12450/12710", 12450, 12710),
        ("previous 12450 present 12710", 12450, 12710),
        ("Previous reading: 12450, present reading: 12710.", 12450, 12710),
        ("old 12450 new 12710", 12450, 12710),
        ("୧୨୪୫୦ ୧୨୭୧୦", 12450, 12710),
        ("ପୂର୍ବ ୧୨୪୫୦ ବର୍ତ୍ତମାନ ୧୨୭୧୦", 12450, 12710),
        ("ପୁରୁଣା 12450 ରୁ ନୂଆ 12710", 12450, 12710),
        ("पिछला १२४५० वर्तमान १२७१०", 12450, 12710),
        ("12450 se 12710", 12450, 12710),
        ("pichla 12450 abhi 12710", 12450, 12710),
        ("12450.5 12710.25", D("12450.5"), D("12710.25")),
        ("12450 units 12710 units", 12450, 12710),
        # The caller handles roll-over: a smaller second reading is kept as typed.
        ("99950 00120", 99950, 120),
        ("12710 12450", 12710, 12450),
        # Labels that say the present reading came first swap the pair.
        ("present 12710 previous 12450", 12450, 12710),
        ("current 12710, last 12450", 12450, 12710),
        ("new 12710 old 12450", 12450, 12710),
        # Contradictory labels: keep the typed order.
        ("new 12450 new 12710", 12450, 12710),
        ("वर्तमान 12710 पिछला 12450", 12450, 12710),
        ("ବର୍ତ୍ତମାନ 12710 ପୂର୍ବ 12450", 12450, 12710),
    ],
)
def test_parse_readings(text: str, previous: Decimal | int, present: Decimal | int) -> None:
    assert parse_readings(text) == (D(previous), D(present))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12450",
        "12450 12710 12900",
        "no readings",
        "2 kw 12450",  # a load is not a reading
        "₹250 12450",
        "12450 rs 12710",
        "1,2,3 12450",
        "👍",
    ],
)
def test_parse_readings_none(text: str) -> None:
    assert parse_readings(text) is None
