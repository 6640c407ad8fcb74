"""Money arithmetic: Decimal rupees, rounded half-up to the paisa per line (INTERPRETATION M1)."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

PAISA = Decimal("0.01")
RUPEE = Decimal("1")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
HALF = Decimal("0.5")


def to_paisa(amount: Decimal) -> Decimal:
    """Round ``amount`` half-up to the paisa."""
    return amount.quantize(PAISA, rounding=ROUND_HALF_UP)


def to_rupee(amount: Decimal) -> Decimal:
    """Round ``amount`` half-up to the rupee, keeping two decimals (INTERPRETATION M3)."""
    return amount.quantize(RUPEE, rounding=ROUND_HALF_UP).quantize(PAISA)


def paise_to_rupees(paise: Decimal) -> Decimal:
    """A rate in paise as rupees."""
    return paise / HUNDRED


def ceil_whole(value: Decimal) -> Decimal:
    """The smallest whole number not below ``value``."""
    return value.to_integral_value(rounding=ROUND_CEILING)


def round_to_half(value: Decimal) -> Decimal:
    """``value`` rounded to the nearest 0.5, halves up (note xiii)."""
    return (value * 2).quantize(RUPEE, rounding=ROUND_HALF_UP) / 2


def percent_of(base: Decimal, percent: Decimal) -> Decimal:
    """``percent`` % of ``base``, unrounded."""
    return base * percent / HUNDRED
