"""Beyond one estimate: units from meter readings, the units behind a bill amount, and what
each choice (paying on time, digitally, e-bill, prepaid, solar hours) saves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from tariff_core.engine import coerce_request, estimate
from tariff_core.errors import InvalidRequestError
from tariff_core.models import BillEstimate, BillRequest, Money
from tariff_core.money import ZERO
from tariff_core.money import format_rupees as inr
from tariff_core.registry import Tariff

#: Days late assumed by the what-if comparison when the request gives none.
DEFAULT_DAYS_LATE = 30
#: The reverse search never looks beyond this many units.
MAX_REVERSE_UNITS = 10**9
#: Request fields whose InvalidRequestError means "more units than the connection can draw".
_IMPLAUSIBLE_FIELDS = ("units", "kwh")


@dataclass(frozen=True)
class Readings:
    """Units worked out from two meter readings."""

    units: Decimal
    rolled_over: bool
    multiplying_factor: Decimal


def units_from_readings(
    previous: Decimal,
    present: Decimal,
    multiplying_factor: Decimal = Decimal(1),
    meter_digits: int | None = None,
) -> Readings:
    """Units between two readings, times the meter's multiplying factor.

    A present reading below the previous one means the register rolled over past its largest
    value; the meter's digit count (given, or that of the previous reading) fixes where.
    """
    if previous < 0 or present < 0:
        raise InvalidRequestError("meter readings cannot be negative", field="readings")
    if multiplying_factor <= 0:
        raise InvalidRequestError("the multiplying factor must be positive", field="mf")
    if present >= previous:
        return Readings((present - previous) * multiplying_factor, False, multiplying_factor)
    digits = meter_digits or len(str(int(previous)))
    capacity = Decimal(10) ** digits
    if previous >= capacity:
        raise InvalidRequestError(
            f"the previous reading {previous} does not fit a {digits}-digit meter", field="readings"
        )
    units = (capacity - previous + present) * multiplying_factor
    return Readings(units, True, multiplying_factor)


class ReverseEstimate(BaseModel):
    """The units whose bill comes closest to an amount without exceeding it."""

    model_config = ConfigDict(frozen=True)

    amount: Money
    units_low: Decimal
    units_high: Decimal
    exact: bool
    bill_at_units: Money


def _gross(est: BillEstimate) -> Decimal:
    """What the bill shows before rebates: the charges and the duty."""
    return est.charges_total + est.electricity_duty.amount


def units_for_bill(
    request: BillRequest | Mapping[str, Any], amount: Decimal, tariff: Tariff | None = None
) -> ReverseEstimate:
    """Whole units whose bill (charges plus duty, before rebates) is closest to ``amount``.

    ``request`` gives everything but the units (its units are ignored). Where several unit counts
    give the same bill (Kutir Jyoti's fixed sum) the whole range is returned. For HT/EHT, kWh is
    scaled with the units so the load factor stays as given. The search assumes the bill grows
    with the units; a steel plant's banded load-factor rebate lowers the duty at a band's edge
    (D3), where the units found may not reproduce the amount (``exact`` is then False).
    """
    base = coerce_request(request)
    if amount < 0:
        raise InvalidRequestError("the bill amount cannot be negative", field="amount")
    ratio = base.kwh / base.units if base.kwh is not None and base.units else None

    def bill(units: int) -> Decimal | None:
        """The bill for ``units``, or None where the connection cannot draw that many."""
        update: dict[str, Any] = {"units": Decimal(units), "solar_units": ZERO, "peak_units": ZERO}
        if ratio is not None:
            update["kwh"] = Decimal(units) * ratio
        try:
            return _gross(estimate(base.model_copy(update=update), tariff))
        except InvalidRequestError as exc:
            if units > 0 and exc.field in _IMPLAUSIBLE_FIELDS:
                return None  # past the most the connection can draw: above any bill it gets
            raise

    def within(units: int) -> bool:
        at = bill(units)
        return at is not None and at <= amount

    def plausible_bill(units: int) -> Decimal:
        at = bill(units)
        assert at is not None, "units at or below a plausible count are plausible"
        return at

    zero = plausible_bill(0)
    if zero > amount:
        raise InvalidRequestError(
            f"{inr(amount)} is below the bill for zero units ({zero}): check the amount",
            field="amount",
        )
    high = 1
    while within(high):
        high *= 2
        if high > MAX_REVERSE_UNITS:
            raise InvalidRequestError("the amount is too large to be one month's bill", "amount")
    low_ok, high_bad = high // 2 if high > 1 else 0, high
    while high_bad - low_ok > 1:  # largest u with bill(u) <= amount
        middle = (low_ok + high_bad) // 2
        if within(middle):
            low_ok = middle
        else:
            high_bad = middle
    at = plausible_bill(low_ok)
    if at != amount and bill(high_bad) is None:
        raise InvalidRequestError(
            f"{inr(amount)} is more than this connection can be billed in a month ({inr(at)} at "
            f"{low_ok} units, the most it can draw): check the amount or the contract demand",
            field="amount",
        )
    first, last_bad = -1, low_ok  # smallest u with bill(u) == at
    while last_bad - first > 1:
        middle = (first + last_bad) // 2
        if plausible_bill(middle) >= at:
            last_bad = middle
        else:
            first = middle
    return ReverseEstimate(
        amount=amount,
        units_low=Decimal(last_bad),
        units_high=Decimal(low_ok),
        exact=at == amount,
        bill_at_units=at,
    )


class Scenario(BaseModel):
    """One choice and what the bill would be with it."""

    model_config = ConfigDict(frozen=True)

    code: str
    label: str
    payable: Money
    difference: Money  # against the baseline: negative saves money


class Comparison(BaseModel):
    """The baseline (as requested, paid on time) and the alternatives."""

    model_config = ConfigDict(frozen=True)

    baseline: Money
    scenarios: list[Scenario]


def compare(request: BillRequest | Mapping[str, Any], tariff: Tariff | None = None) -> Comparison:
    """What-if: the bill paid on time as requested, against late payment and each choice."""
    base = coerce_request(request)
    first = estimate(base, tariff)
    baseline = first.payable_by_due_date
    scenarios: list[Scenario] = []

    def add(code: str, label: str, payable: Decimal) -> None:
        scenarios.append(
            Scenario(code=code, label=label, payable=payable, difference=payable - baseline)
        )

    days = base.days_late if base.days_late is not None else DEFAULT_DAYS_LATE
    late = estimate(base.model_copy(update={"days_late": days}), tariff)
    add("late", f"Pay {days} days after the due date", late.payable_after_due_date)
    for code, flag, label in (
        ("digital", "pays_digitally", "Pay digitally by the due date"),
        ("ebill", "ebill", "Switch to e-bill"),
        ("prepaid", "prepaid", "Move to a prepaid meter"),
    ):
        option = first.rebate(code)
        if option is not None and not option.counted:
            changed = estimate(base.model_copy(update={flag: True}), tariff)
            add(code, label, changed.payable_by_due_date)
    if base.peak_units and any(line.code == "tod" for line in first.lines):
        moved = base.model_copy(
            update={"solar_units": base.solar_units + base.peak_units, "peak_units": ZERO}
        )
        add(
            "solar_shift",
            "Move peak-hour use to solar hours",
            estimate(moved, tariff).payable_by_due_date,
        )
    return Comparison(baseline=baseline, scenarios=scenarios)
