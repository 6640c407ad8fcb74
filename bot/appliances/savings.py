"""What one change saves: the units a month a swap saves (a 20 W LED tube for a 40 W tube light,
a BLDC fan for an ordinary one, a 5-star fridge for an older one), and, for a consumer's
category and month, the rupees: the bill estimated by tariff_core with and without those units,
so the figure is exact for that consumer's slab, duty and on-time rebate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from bot.appliances.estimate import ApplianceUnits, ItemUnits, round_tenth
from bot.appliances.table import ApplianceId, ApplianceTable, Swap, default_table
from tariff_core import BillEstimate, BillRequest, Tariff, estimate
from tariff_core.models import Amount, Money

_MONTHS = Decimal(12)


class Saving(BaseModel):
    """One change and what it saves a month."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    swap: str = Field(description="Which change (a swap id of the table).")
    replace: ApplianceId
    to: ApplianceId
    count: int = Field(description="How many are replaced.")
    stars: int | None = Field(default=None, description="A fridge's stars after the change.")
    kwh_per_month: Amount = Field(description="Units a month saved, rounded to 0.1.")
    rupees_per_month: Money | None = Field(
        default=None,
        description="Rupees a month saved on the bill paid by the due date (before its "
        "round-off to the rupee), for the category and month given; null without them.",
    )


class BillBasis(BaseModel):
    """The bill the rupee savings are measured against."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    category: str
    month: str = Field(description="YYYY-MM")
    units: Amount
    payable_by_due_date: Money = Field(description="Before the round-off to the rupee.")


def unit_savings(units: ApplianceUnits, table: ApplianceTable | None = None) -> tuple[Saving, ...]:
    """Every swap that saves units for these appliances, the largest saving first.

    A line is swapped as a whole (all its count, the same hours and days); a fridge only when
    its size is known or assumed, for a 5-star fridge of the same size and type.
    """
    table = table or default_table()
    found: list[Saving] = []
    for swap in table.swaps:
        saved = Decimal(0)
        count = 0
        for line in units.items:
            if line.appliance is not swap.replace:
                continue
            after = _after(line, swap, table)
            if after is None or after >= line.kwh_per_month:
                continue
            saved += line.kwh_per_month - after
            count += line.count
        if saved > 0:
            found.append(
                Saving(
                    swap=swap.id,
                    replace=swap.replace,
                    to=swap.with_,
                    count=count,
                    stars=swap.stars,
                    kwh_per_month=saved,
                )
            )
    return tuple(sorted(found, key=lambda saving: -saving.kwh_per_month))


def savings(
    units: ApplianceUnits,
    *,
    category: str,
    month: dt.date,
    tariff: Tariff | None = None,
    table: ApplianceTable | None = None,
) -> tuple[BillBasis, tuple[Saving, ...]]:
    """:func:`unit_savings` with the rupees each saves for ``category`` in ``month``.

    The bill is estimated for the appliances' ``units_for_bill`` and again for that less each
    swap's units; the difference of what is payable by the due date (before the round-off) is
    the saving. Raises tariff_core's errors (unknown category, no order for the month, a
    category that needs a load or demand to be billed).
    """
    base_request = BillRequest(category=category, month=month, units=units.units_for_bill)
    base = estimate(base_request, tariff).payable_by_due_date_detail.before_rounding

    def bill_for(count: Decimal) -> BillEstimate:
        return estimate(base_request.model_copy(update={"units": count}), tariff)

    priced = price_savings(units, bill_for, table)
    basis = BillBasis(
        category=base_request.category,
        month=month.strftime("%Y-%m"),
        units=units.units_for_bill,
        payable_by_due_date=base,
    )
    return basis, tuple(priced)


def price_savings(
    units: ApplianceUnits,
    bill_for: Callable[[Decimal], BillEstimate | None],
    table: ApplianceTable | None = None,
) -> tuple[Saving, ...]:
    """Each change of :func:`unit_savings` with what it saves in rupees on one consumer's bill,
    the most first: ``bill_for(units)`` is that consumer's bill (all their other answers kept)
    for a number of units; the saving is what is payable by the due date (before the round-off)
    for the appliances' units less what it is for that less the change's units. A change whose
    bill cannot be made keeps its units only."""
    base = bill_for(units.units_for_bill)
    found = unit_savings(units, table)
    if base is None:
        return found
    before = base.payable_by_due_date_detail.before_rounding
    priced = []
    for saving in found:
        after = bill_for(max(units.units_for_bill - saving.kwh_per_month, Decimal(0)))
        if after is None:
            priced.append(saving)
            continue
        rupees = before - after.payable_by_due_date_detail.before_rounding
        priced.append(saving.model_copy(update={"rupees_per_month": rupees}))
    priced.sort(key=lambda s: -(s.rupees_per_month or Decimal(0)))
    return tuple(priced)


def _after(line: ItemUnits, swap: Swap, table: ApplianceTable) -> Decimal | None:
    """The line's units a month after the swap (rounded like a line), or None if it cannot
    be worked out (a fridge known only by its label's kWh, without its size)."""
    if swap.replace is ApplianceId.FRIDGE:
        if line.litres is None or swap.stars is None:
            return None
        labels = table.fridge
        fridge_type = line.fridge_type or labels.default_type
        per_year = labels.kwh_a_year(fridge_type, line.litres, swap.stars)
        return round_tenth(per_year * line.count / _MONTHS)
    replacement = table.appliance(swap.with_)
    assert replacement.watts is not None  # only the fridge has none, checked at load
    assert line.hours_per_day is not None, "a watts-and-hours line"
    assert line.days_per_month is not None, "a watts-and-hours line"
    kwh = replacement.watts * line.hours_per_day * line.days_per_month * line.count / 1000
    return round_tenth(kwh)
