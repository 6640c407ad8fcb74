"""Units a month from the appliances at home: watts × hours a day × days ÷ 1000, and a fridge
from its BEE label (kWh a year ÷ 12).

Everything here is pure and exact (Decimal) until the stated rounding: each appliance's units
a month are rounded half up to 0.1 unit, the total is the sum of those rounded lines (so a
reader can add them up), and the units for a bill are that total rounded half up to a whole
unit. Every result carries ``approximate=True`` and :data:`APPROXIMATION_NOTE`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.appliances.table import (
    ApplianceId,
    ApplianceTable,
    FridgeType,
    Stars,
    default_table,
)
from tariff_core.models import Amount

#: Most of one appliance a request may list (a home with more is a business).
MAX_COUNT: Final = 100
#: Most lines a request may list (each appliance once, and some twice with other hours).
MAX_ITEMS: Final = 40
#: How many appliances "the most" names.
TOP_COUNT: Final = 3
#: Said with every answer (the conversation says it in the user's language).
APPROXIMATION_NOTE: Final = (
    "This is an approximation from typical wattages and hours of use, not a meter reading: "
    "your meter's units are what you are billed for."
)

_TENTH: Final = Decimal("0.1")
_WHOLE: Final = Decimal(1)
_HUNDRED: Final = Decimal(100)
_MONTHS: Final = Decimal(12)
_WATT_HOURS_PER_KWH: Final = Decimal(1000)

Method = Literal["watts_hours", "fridge_label", "fridge_stars", "fridge_assumed"]
"""How a line was worked out: watts × hours × days; a fridge from the kWh a year printed on
its label, from the BEE star band of its size and stars, or from the assumed fridge."""

_FRIDGE_ONLY: Final = ("label_kwh_per_year", "litres", "stars", "fridge_type")
_NOT_FOR_FRIDGE: Final = ("hours_per_day", "watts")


def round_tenth(value: Decimal) -> Decimal:
    """``value`` rounded half up to 0.1 (the precision of every line)."""
    return value.quantize(_TENTH, rounding=ROUND_HALF_UP)


class ApplianceItem(BaseModel):
    """Some of one appliance at home: how many, and what is known of their use.

    Only ``appliance`` is needed; the table's typical watts and hours fill the rest. A fridge
    takes its label's ``label_kwh_per_year``, or its ``litres`` and ``stars`` (and type).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    appliance: ApplianceId = Field(description="Which appliance (see the list of ids).")
    count: int = Field(default=1, ge=1, le=MAX_COUNT, description="How many of them.")
    hours_per_day: Decimal | None = Field(
        default=None,
        gt=0,
        le=24,
        max_digits=6,
        decimal_places=2,
        description="Hours a day each is on (default: the table's typical hours).",
    )
    watts: Decimal | None = Field(
        default=None,
        gt=0,
        le=10_000,
        max_digits=7,
        decimal_places=1,
        description="The rating plate's watts (default: the table's typical watts).",
    )
    label_kwh_per_year: Decimal | None = Field(
        default=None,
        gt=0,
        le=5_000,
        max_digits=7,
        decimal_places=1,
        description="Fridge only: the kWh a year printed on its BEE star label.",
    )
    litres: Decimal | None = Field(
        default=None,
        ge=20,
        le=1_500,
        max_digits=6,
        decimal_places=1,
        description="Fridge only: its rated volume in litres.",
    )
    stars: Stars | None = Field(default=None, description="Fridge only: its BEE stars, 1 to 5.")
    fridge_type: FridgeType | None = Field(
        default=None, description="Fridge only: direct-cool (most single-door) or frost-free."
    )

    @model_validator(mode="after")
    def _fields_fit_the_appliance(self) -> Self:
        is_fridge = self.appliance is ApplianceId.FRIDGE
        wrong = _NOT_FOR_FRIDGE if is_fridge else _FRIDGE_ONLY
        given = [name for name in wrong if getattr(self, name) is not None]
        if given and is_fridge:
            raise ValueError(
                f"a fridge is estimated from its label: give label_kwh_per_year, or litres and "
                f"stars, not {given[0]}"
            )
        if given:
            raise ValueError(f"{given[0]} is for a fridge only")
        return self


class ItemUnits(BaseModel):
    """One line of the estimate: an item and its units a month."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    appliance: ApplianceId
    count: int
    method: Method
    watts: Amount | None = Field(description="Watts of each (None for a fridge).")
    hours_per_day: Amount | None = Field(description="Hours a day of each (None for a fridge).")
    days_per_month: Amount | None = Field(description="Days a month counted (None for a fridge).")
    hours_assumed: bool = Field(description="The hours a day are the table's typical hours.")
    fridge_type: FridgeType | None = None
    litres: Amount | None = None
    stars: int | None = None
    kwh_per_year_each: Amount | None = Field(
        default=None, description="A fridge's kWh a year (its label's, or its star band's)."
    )
    kwh_per_month: Amount = Field(description="Units a month of all of them, rounded to 0.1.")
    sources: tuple[str, ...] = Field(description="Keys of the sources of this line's figures.")


class TopUser(BaseModel):
    """One appliance among those that use the most (all its lines together)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    appliance: ApplianceId
    kwh_per_month: Amount
    percent: Amount = Field(description="Its share of the total, rounded to a whole percent.")


class ApplianceUnits(BaseModel):
    """Units a month from a list of appliances: per line, in total, and who uses the most."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    approximate: Literal[True] = Field(default=True, description="Always true: typical figures.")
    note: str = Field(default=APPROXIMATION_NOTE)
    rounding: str
    items: tuple[ItemUnits, ...]
    total_kwh_per_month: Amount = Field(description="The sum of the rounded lines.")
    units_for_bill: Amount = Field(description="The total rounded half up to a whole unit.")
    top: tuple[TopUser, ...] = Field(description="The appliances that use the most, most first.")
    sources: tuple[str, ...] = Field(description="Keys of every source the answer rests on.")


def estimate_units(
    items: list[ApplianceItem] | tuple[ApplianceItem, ...], table: ApplianceTable | None = None
) -> ApplianceUnits:
    """Units a month of ``items`` (see the module docstring for the rounding)."""
    table = table or default_table()
    lines = tuple(_line(item, table) for item in items)
    total = sum((line.kwh_per_month for line in lines), Decimal(0))
    sources = tuple(dict.fromkeys(key for line in lines for key in line.sources))
    return ApplianceUnits(
        rounding=table.rounding,
        items=lines,
        total_kwh_per_month=total,
        units_for_bill=total.quantize(_WHOLE, rounding=ROUND_HALF_UP),
        top=_top(lines, total),
        sources=sources,
    )


def item_kwh(item: ApplianceItem, table: ApplianceTable | None = None) -> Decimal:
    """The exact (unrounded) units a month of one item."""
    return _exact(item, table or default_table())[0]


def _exact(item: ApplianceItem, table: ApplianceTable) -> tuple[Decimal, ItemUnits]:
    """The item's exact units a month, and its line (rounded)."""
    if item.appliance is ApplianceId.FRIDGE:
        return _fridge(item, table)
    row = table.appliance(item.appliance)
    assert row.watts is not None, "checked at load"
    assert row.hours_a_day is not None, "checked at load"
    watts = item.watts if item.watts is not None else row.watts
    hours = item.hours_per_day if item.hours_per_day is not None else row.hours_a_day
    days = row.days_a_month if row.days_a_month is not None else table.days_a_month
    exact = watts * hours * days * item.count / _WATT_HOURS_PER_KWH
    sources = tuple(
        key
        for key, used in (
            (row.watts_source, item.watts is None),
            (row.hours_source, item.hours_per_day is None),
            (row.days_source, True),
        )
        if used and key is not None
    )
    line = ItemUnits(
        appliance=item.appliance,
        count=item.count,
        method="watts_hours",
        watts=watts,
        hours_per_day=hours,
        days_per_month=days,
        hours_assumed=item.hours_per_day is None,
        kwh_per_month=round_tenth(exact),
        sources=tuple(dict.fromkeys(sources)),
    )
    return exact, line


def _fridge(item: ApplianceItem, table: ApplianceTable) -> tuple[Decimal, ItemUnits]:
    labels = table.fridge
    fridge_type = item.fridge_type or labels.default_type
    litres = item.litres
    stars = item.stars
    sources: tuple[str, ...]
    method: Method
    if item.label_kwh_per_year is not None:
        per_year, method, sources = item.label_kwh_per_year, "fridge_label", ()
    elif litres is not None or stars is not None:
        # A size without stars, or stars without a size: the rest is the assumed fridge's.
        litres = litres if litres is not None else labels.default_litres
        stars = stars if stars is not None else labels.default_stars
        per_year, method = labels.kwh_a_year(fridge_type, litres, stars), "fridge_stars"
        assumed = item.litres is None or item.stars is None
        sources = (labels.source, labels.default_source) if assumed else (labels.source,)
    else:
        litres, stars = labels.default_litres, labels.default_stars
        per_year, method = labels.kwh_a_year(fridge_type, litres, stars), "fridge_assumed"
        sources = (labels.source, labels.default_source)
    exact = per_year * item.count / _MONTHS
    line = ItemUnits(
        appliance=item.appliance,
        count=item.count,
        method=method,
        watts=None,
        hours_per_day=None,
        days_per_month=None,
        hours_assumed=False,
        fridge_type=fridge_type if method != "fridge_label" or item.fridge_type else None,
        litres=litres,
        stars=stars,
        kwh_per_year_each=per_year,
        kwh_per_month=round_tenth(exact),
        sources=sources,
    )
    return exact, line


def _line(item: ApplianceItem, table: ApplianceTable) -> ItemUnits:
    return _exact(item, table)[1]


def _top(lines: tuple[ItemUnits, ...], total: Decimal) -> tuple[TopUser, ...]:
    """The appliances using the most, their lines added up; ties keep the order given."""
    by_appliance: dict[ApplianceId, Decimal] = {}
    for line in lines:
        by_appliance[line.appliance] = by_appliance.get(line.appliance, Decimal(0)) + (
            line.kwh_per_month
        )
    ranked = sorted(by_appliance.items(), key=lambda pair: -pair[1])
    return tuple(
        TopUser(
            appliance=appliance,
            kwh_per_month=kwh,
            percent=(kwh * _HUNDRED / total).quantize(_WHOLE, rounding=ROUND_HALF_UP),
        )
        for appliance, kwh in ranked[:TOP_COUNT]
        if kwh > 0
    )
