"""Rupees and numbers: Indian grouping in all three languages, half-up rounding, ASCII digits."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.i18n import LANGUAGES, format_number, format_rupees, format_rupees_whole


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("123456.5"), "₹1,23,456.50"),
        (Decimal("123456.78"), "₹1,23,456.78"),
        (Decimal(0), "₹0.00"),
        (Decimal("0.5"), "₹0.50"),
        (Decimal("1e7"), "₹1,00,00,000.00"),
        (Decimal("999.995"), "₹1,000.00"),
        (Decimal("2.345"), "₹2.35"),  # half-up to the paisa (Babel alone: half-even, ₹2.34)
        (Decimal("2.344999"), "₹2.34"),
        (Decimal("-123456.5"), "-₹1,23,456.50"),
        (Decimal("-0.001"), "₹0.00"),  # never "-₹0.00"
        (Decimal("-0.005"), "-₹0.01"),
        (1500, "₹1,500.00"),
    ],
)
def test_format_rupees(lang: str, amount: Decimal, expected: str) -> None:
    assert format_rupees(amount, lang) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("1234.5"), "₹1,235"),
        (Decimal("1234.49"), "₹1,234"),
        (Decimal("12345678"), "₹1,23,45,678"),
        (Decimal("-0.4"), "₹0"),
        (Decimal("-99.5"), "-₹100"),
    ],
)
def test_format_rupees_whole(lang: str, amount: Decimal, expected: str) -> None:
    assert format_rupees_whole(amount, lang) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("value", "max_decimals", "expected"),
    [
        (Decimal(250), 2, "250"),
        (Decimal("250.00"), 2, "250"),
        (Decimal("2.5"), 2, "2.5"),
        (Decimal("2.50"), 2, "2.5"),
        (Decimal(123456), 2, "1,23,456"),
        (Decimal("1234567.891"), 2, "12,34,567.89"),
        (Decimal("0.125"), 2, "0.13"),
        (Decimal("0.004"), 2, "0"),
        (Decimal("2.5"), 0, "3"),
        (Decimal("7.0625"), 3, "7.063"),
        (Decimal("-1500.5"), 2, "-1,500.5"),
        (Decimal("-0.001"), 2, "0"),
        (42, 2, "42"),
    ],
)
def test_format_number(lang: str, value: Decimal, max_decimals: int, expected: str) -> None:
    assert format_number(value, lang, max_decimals) == expected


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError, match="expected a Decimal or int, got float"):
        format_rupees(1.5, "en")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got bool"):
        format_number(True, "en")


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_non_finite_is_refused(value: Decimal) -> None:
    with pytest.raises(ValueError, match="non-finite"):
        format_rupees(value, "or")


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="max_decimals"):
        format_number(Decimal(1), "en", -1)
    with pytest.raises(ValueError, match="unknown language"):
        format_rupees(Decimal(1), "en_IN")


amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=4
)


@given(amount=amounts, lang=st.sampled_from(LANGUAGES))
def test_rupees_round_trip_to_the_paisa(amount: Decimal, lang: str) -> None:
    text = format_rupees(amount, lang)
    assert text.isascii() or text.replace("₹", "").isascii()  # ASCII digits only
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("-").removeprefix("₹")
    assert sign * Decimal(digits.replace(",", "")) == amount.quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    whole = digits.split(".")[0]
    groups = whole.split(",")
    assert len(groups[-1]) == 3 or len(groups) == 1
    assert all(len(group) == 2 for group in groups[1:-1])


@given(value=amounts, lang=st.sampled_from(LANGUAGES))
def test_number_round_trip_and_no_trailing_zeros(value: Decimal, lang: str) -> None:
    text = format_number(value, lang)
    assert text.isascii()
    assert Decimal(text.replace(",", "")) == value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if "." in text:
        assert not text.endswith("0")


def test_an_amount_written_before_is_written_alike_and_floats_are_still_refused() -> None:
    first = format_rupees(Decimal("1234.5"), "or")
    assert format_rupees(Decimal("1234.50"), "or") == first == "₹1,234.50"
    assert format_rupees(Decimal("1234.5"), "hi") == "₹1,234.50"
    assert format_rupees(1234, "en") == "₹1,234.00"
    with pytest.raises(TypeError, match="got float"):  # equal to a remembered Decimal, still
        format_rupees(1234.5, "or")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got bool"):
        format_rupees(True, "or")
    with pytest.raises(ValueError, match="non-finite"):
        format_rupees(Decimal("NaN"), "or")
