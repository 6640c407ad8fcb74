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
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from babel.numbers import format_currency, format_decimal

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


def format_rupees(amount: Decimal | int, lang: str) -> str:
    """Format an amount in rupees and paise: ``Decimal("123456.5")`` → ``₹1,23,456.50``."""
    locale = BABEL_LOCALES[parse_language(lang)]
    value = _round_half_up(amount, PAISA)
    return str(
        format_currency(
            value, CURRENCY, format=RUPEES_PATTERN, locale=locale, currency_digits=False
        )
    )


def format_rupees_whole(amount: Decimal | int, lang: str) -> str:
    """Format an amount rounded half-up to whole rupees: ``Decimal("1234.5")`` → ``₹1,235``."""
    locale = BABEL_LOCALES[parse_language(lang)]
    value = _round_half_up(amount, RUPEE)
    return str(
        format_currency(
            value, CURRENCY, format=WHOLE_RUPEES_PATTERN, locale=locale, currency_digits=False
        )
    )


def format_number(value: Decimal | int, lang: str, max_decimals: int = 2) -> str:
    """Format a plain number with Indian grouping and no needless trailing zeros.

    ``250`` → ``"250"``, ``Decimal("2.50")`` → ``"2.5"``, ``123456`` → ``"1,23,456"``; more than
    ``max_decimals`` decimals are rounded half-up.
    """
    if max_decimals < 0:
        raise ValueError(f"max_decimals must be 0 or more, got {max_decimals}")
    locale = BABEL_LOCALES[parse_language(lang)]
    rounded = _round_half_up(value, Decimal(1).scaleb(-max_decimals))
    pattern = NUMBER_PATTERN + ("." + "#" * max_decimals if max_decimals else "")
    return str(format_decimal(rounded, format=pattern, locale=locale))
