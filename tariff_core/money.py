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


def format_rupees(amount: Decimal) -> str:
    """``amount`` as Indian readers write money: ``₹12,83,750.00`` (lakh and crore grouping:
    the last three digits, then pairs), rounded half-up to the paisa; ``-₹750.33`` below zero.

    The bot formats through Babel per language; this is the engine's own, for its CLI, so that
    tariff_core needs nothing from ``bot``.
    """
    paid = to_paisa(amount)
    whole, _, paise = f"{abs(paid):.2f}".partition(".")
    head, groups = whole[:-3], [whole[-3:]]
    while head:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return f"{'-' if paid < 0 else ''}₹{','.join(groups)}.{paise}"
