"""The compiled formatters write exactly what Babel writes with the same patterns.

bot.i18n.formatting no longer calls Babel per amount (it reads each language's symbols once and
groups digits itself). Babel stays the reference: these tests format the same rounded amounts
with ``babel.numbers`` and the documented patterns and require the same text, in every language.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.i18n import LANGUAGES, format_number, format_rupees, format_rupees_whole
from bot.i18n.formatting import (
    BABEL_LOCALES,
    CURRENCY,
    NUMBER_PATTERN,
    RUPEES_PATTERN,
    WHOLE_RUPEES_PATTERN,
)

# Amounts as bills hold them (paise, fractions of a paisa from rates), up to ten thousand crore,
# and integers of any length a bill could show.
amounts = st.one_of(
    st.decimals(min_value=Decimal("-1e11"), max_value=Decimal("1e11"), allow_nan=False, places=4),
    st.decimals(min_value=Decimal("-1e3"), max_value=Decimal("1e3"), allow_nan=False, places=1),
    st.integers(min_value=-(10**15), max_value=10**15).map(Decimal),
)
languages = st.sampled_from(LANGUAGES)


def babel_rupees(amount: Decimal, lang: str, pattern: str, step: Decimal) -> str:
    """What the formatter wrote before: Babel on the amount rounded half-up to ``step``."""
    rounded = amount.quantize(step, rounding=ROUND_HALF_UP)
    rounded = rounded if rounded else abs(rounded)
    return str(
        format_currency(
            rounded, CURRENCY, format=pattern, locale=BABEL_LOCALES[lang], currency_digits=False
        )
    )


def babel_number(value: Decimal, lang: str, max_decimals: int) -> str:
    step = Decimal(1).scaleb(-max_decimals)
    rounded = value.quantize(step, rounding=ROUND_HALF_UP)
    rounded = rounded if rounded else abs(rounded)
    pattern = NUMBER_PATTERN + ("." + "#" * max_decimals if max_decimals else "")
    return str(format_decimal(rounded, format=pattern, locale=BABEL_LOCALES[lang]))


@settings(max_examples=600)
@given(amount=amounts, lang=languages)
@example(amount=Decimal("-0.004"), lang="or")
@example(amount=Decimal("-0.005"), lang="hi")
@example(amount=Decimal("99999.995"), lang="en")
@example(amount=Decimal("1E+7"), lang="or")
@example(amount=Decimal("0.0001"), lang="hi")
def test_rupees_as_babel_writes_them(amount: Decimal, lang: str) -> None:
    assert format_rupees(amount, lang) == babel_rupees(
        amount, lang, RUPEES_PATTERN, Decimal("0.01")
    )


@settings(max_examples=600)
@given(amount=amounts, lang=languages)
@example(amount=Decimal("-0.5"), lang="or")
@example(amount=Decimal("1234.5"), lang="en")
@example(amount=Decimal("1E+2"), lang="hi")
def test_whole_rupees_as_babel_writes_them(amount: Decimal, lang: str) -> None:
    assert format_rupees_whole(amount, lang) == babel_rupees(
        amount, lang, WHOLE_RUPEES_PATTERN, Decimal(1)
    )


@settings(max_examples=600)
@given(value=amounts, lang=languages, max_decimals=st.integers(min_value=0, max_value=4))
@example(value=Decimal("2.50"), lang="or", max_decimals=2)
@example(value=Decimal("0.001"), lang="hi", max_decimals=2)
@example(value=Decimal("-0.004"), lang="en", max_decimals=2)
@example(value=Decimal("1E+3"), lang="or", max_decimals=0)
def test_numbers_as_babel_writes_them(value: Decimal, lang: str, max_decimals: int) -> None:
    assert format_number(value, lang, max_decimals) == babel_number(value, lang, max_decimals)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_length_of_integer_part(lang: str) -> None:
    # Each digit count from 1 to 18 crosses a grouping boundary somewhere.
    for length in range(1, 19):
        value = Decimal("9" * length + ".5")
        assert format_rupees(value, lang) == babel_rupees(
            value, lang, RUPEES_PATTERN, Decimal("0.01")
        )
        assert format_number(-value, lang, 1) == babel_number(-value, lang, 1)
