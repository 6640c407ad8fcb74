"""Money and numbers in the reader's language, with Indian digit grouping (1,23,456.50).

Decisions:

* **Indian grouping in every language.** Bills in Odisha group lakhs and crores, so the patterns
  are explicit (``¤#,##,##0.00``): Babel's CLDR currency pattern for ``or`` would otherwise give
  Western grouping (``₹123,456.78``).
* **ASCII digits (0-9) everywhere**, also in Odia and Hindi replies. Printed bills, meters and SMS
  use them, and users type them. (Babel prints 0-9 even with ``numbering_system="orya"``; native
  digits would need a mapping of our own, and we deliberately have none.)
* **Half-up rounding to the paisa** (``2.345`` → ``2.35``), as on a bill; Babel alone would round
  half-even. Amounts are quantized with :data:`decimal.ROUND_HALF_UP` before formatting.
* **Negative amounts** are written ``-₹1,234.50`` (Babel's rendering, in all three languages), and a
  value that rounds to zero is never shown as ``-₹0.00``.
* Money is :class:`~decimal.Decimal` (or ``int``); a ``float`` is refused with ``TypeError``.
* **Compiled once, not parsed per call.** The patterns below are what Babel would apply, but
  Babel parses a pattern and looks up the locale's symbols on every call, a third of a quick
  estimate's turn. So each language's symbols are read from Babel once and the (fixed) Indian
  grouping is done here; tests compare the output with Babel's over many amounts.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from babel.numbers import (
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
)

from bot.i18n.catalogs import Language, parse_language

__all__ = [
    "BABEL_LOCALES",
    "format_number",
    "format_rupees",
    "format_rupees_whole",
]

BABEL_LOCALES: Final[Mapping[Language, str]] = {"or": "or_IN", "hi": "hi_IN", "en": "en_IN"}
"""The Babel (CLDR) locale used to format numbers for each language."""

CURRENCY: Final = "INR"
RUPEES_PATTERN: Final = "¤#,##,##0.00"
"""Rupees and paise with Indian grouping: ``₹1,23,456.50``."""
WHOLE_RUPEES_PATTERN: Final = "¤#,##,##0"
"""Whole rupees with Indian grouping, for compact SMS lines: ``₹1,23,457``."""
NUMBER_PATTERN: Final = "#,##,##0"
"""Integer part of a plain number with Indian grouping; decimals are appended as needed."""

PAISA: Final = Decimal("0.01")
RUPEE: Final = Decimal(1)


def _exact(value: Decimal | int) -> Decimal:
    """Return ``value`` as a finite Decimal; refuse floats (inexact) and NaN/infinity."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"expected a Decimal or int, got {type(value).__name__}: {value!r}")
    exact = Decimal(value)
    if not exact.is_finite():
        raise ValueError(f"cannot format a non-finite amount: {value!r}")
    return exact


def _round_half_up(value: Decimal | int, step: Decimal) -> Decimal:
    """Round to a multiple of ``step`` half-up, turning ``-0`` into ``0``."""
    rounded = _exact(value).quantize(step, rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)


@dataclass(frozen=True)
class _Symbols:
    """One language's number symbols, as Babel's CLDR data gives them (Latin digits)."""

    decimal: str
    group: str
    minus: str
    rupee: str


@functools.cache
def _symbols(lang: Language) -> _Symbols:
    locale = BABEL_LOCALES[lang]
    return _Symbols(
        decimal=get_decimal_symbol(locale),
        group=get_group_symbol(locale),
        minus=get_minus_sign_symbol(locale),
        rupee=get_currency_symbol(CURRENCY, locale),
    )


def _indian_grouping(digits: str, group: str) -> str:
    """``"12345678"`` → ``"1,23,45,678"``: the last three digits, then pairs (``#,##,##0``)."""
    if len(digits) <= 3:
        return digits
    head, last3 = digits[:-3], digits[-3:]
    pairs = []
    while len(head) > 2:
        pairs.append(head[-2:])
        head = head[:-2]
    pairs.append(head)
    return group.join(reversed(pairs)) + group + last3


def _compose(value: Decimal, symbols: _Symbols, prefix: str, fraction_digits: int | None) -> str:
    """Write a rounded ``value``: sign, ``prefix`` (the rupee sign or nothing), grouped integer
    part, and either exactly ``fraction_digits`` decimals or (None) its own without trailing
    zeros."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: _exact refused NaN and infinity
    text = "".join(map(str, digits))
    if exponent >= 0:
        integer, fraction = text + "0" * exponent, ""
    else:
        text = text.rjust(-exponent + 1, "0")
        integer, fraction = text[:exponent], text[exponent:]
    integer = integer.lstrip("0") or "0"
    if fraction_digits is None:
        fraction = fraction.rstrip("0")
    else:
        fraction = fraction[:fraction_digits].ljust(fraction_digits, "0")
    written = prefix + _indian_grouping(integer, symbols.group)
    if fraction:
        written += symbols.decimal + fraction
    return symbols.minus + written if sign else written


def format_rupees(amount: Decimal | int, lang: str) -> str:
    """Format an amount in rupees and paise: ``Decimal("123456.5")`` → ``₹1,23,456.50``."""
    if type(amount) is Decimal and amount.is_finite():
        return _rupees_remembered(amount, lang)
    return _rupees(amount, lang)


def _rupees(amount: Decimal | int, lang: str) -> str:
    symbols = _symbols(parse_language(lang))
    return _compose(_round_half_up(amount, PAISA), symbols, symbols.rupee, 2)


# An estimate prints a dozen amounts, and the same ones come back turn after turn (the same
# bills, their rebates): each is written once. Only finite Decimals come here (equal values
# print alike once rounded to the paisa), so a float never meets a Decimal's entry.
_rupees_remembered = functools.lru_cache(maxsize=8192)(_rupees)


def format_rupees_whole(amount: Decimal | int, lang: str) -> str:
    """Format an amount rounded half-up to whole rupees: ``Decimal("1234.5")`` → ``₹1,235``."""
    symbols = _symbols(parse_language(lang))
    return _compose(_round_half_up(amount, RUPEE), symbols, symbols.rupee, 0)


def format_number(value: Decimal | int, lang: str, max_decimals: int = 2) -> str:
    """Format a plain number with Indian grouping and no needless trailing zeros.

    ``250`` → ``"250"``, ``Decimal("2.50")`` → ``"2.5"``, ``123456`` → ``"1,23,456"``; more than
    ``max_decimals`` decimals are rounded half-up.
    """
    if max_decimals < 0:
        raise ValueError(f"max_decimals must be 0 or more, got {max_decimals}")
    symbols = _symbols(parse_language(lang))
    rounded = _round_half_up(value, Decimal(1).scaleb(-max_decimals))
    return _compose(rounded, symbols, "", None)
