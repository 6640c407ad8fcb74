"""What an estimate works from: the request resolved against the order in force.

:class:`BillContext` settles, once, everything the charge and rebate rules share: the billed
category, hours in the month, contract demand (or its default), phase, meter, load factor and
whether ToD applies; and it collects the notes and the assumptions used along the way.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from tariff_core.codes import Ask, NoteCode, code_of
from tariff_core.errors import InvalidRequestError, MissingFigureError
from tariff_core.models import BillRequest, Note, NoteKind, Phase
from tariff_core.money import HALF, HUNDRED, ZERO, round_to_half
from tariff_core.schema import (
    Category,
    CgpDrawal,
    DemandUnit,
    SlabMethod,
    TariffOrder,
    ToDProvision,
    Voltage,
)

_FIGURE_NAMES = {
    Ask.CONTRACT_DEMAND: "contract demand",
    Ask.KWH: "kWh reading of the month (for the load factor)",
    Ask.MAX_DEMAND: "maximum demand recorded in the month",
}


#: Notes whose every field is fixed, shared by all estimates (notes are immutable).
_CONSTANT_NOTES: dict[tuple[str, NoteKind, str, str], Note] = {}


@dataclass(slots=True)
class BillContext:
    """The resolved facts of one bill, and the notes gathered while computing it."""

    order: TariffOrder
    request: BillRequest
    requested_id: str
    category_id: str
    category: Category
    month: dt.date
    days_in_month: int
    hours: Decimal
    units: Decimal
    contract_demand: Decimal | None
    contract_demand_defaulted: bool
    phase: Phase
    meter: str | None
    load_factor: Decimal | None
    tod: ToDProvision | None
    #: kW or kVA, and kWh or kVAh: read once, used by most lines.
    demand_unit: str = ""
    energy_unit: str = ""
    #: Whole months the bill covers (M5); ``hours`` already spans all of them.
    months: int = 1
    #: The phase was read from the demand (note xv), not given: say so where it matters (X9).
    phase_assumed: bool = False
    #: The CGP drawal scheme (notes vi-viii) the bill applies: the one asked for, if its
    #: conditions hold (X3).
    cgp: CgpDrawal | None = None
    notes: list[Note] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    _note_codes: set[str] = field(default_factory=set)

    # -- notes ---------------------------------------------------------------------------------
    def note(
        self, code: str, kind: NoteKind, text: str, reference: str = "", **params: object
    ) -> None:
        """Record a note for the reader of the estimate (once per code)."""
        if code in self._note_codes:
            return
        if kind is not NoteKind.ASSUMPTION:
            code = code_of(
                NoteCode, code
            )  # the engine's notes are a closed set; data names its own
        self._note_codes.add(code)
        if params:
            made = Note(
                code=code,
                kind=kind,
                text=text,
                reference=reference,
                params={k: str(v) for k, v in params.items()},
            )
        else:
            # A note with no facts of its own is the same in every estimate: built once.
            key = (code, kind, text, reference)
            made = _CONSTANT_NOTES.get(key) or _CONSTANT_NOTES.setdefault(
                key, Note(code=code, kind=kind, text=text, reference=reference)
            )
        self.notes.append(made)

    def assume(self, name: str, **params: object) -> None:
        """Record that the estimate rests on the named assumption of the order's data."""
        if name in self.assumptions:
            return
        assumption = self.order.assumptions[name]
        self.assumptions.append(name)
        if not params:
            if name in self._note_codes:
                return
            self._note_codes.add(name)
            self.notes.append(assumption.note(name))
            return
        params.setdefault("value", assumption.value)
        self.note(name, NoteKind.ASSUMPTION, assumption.statement, assumption.basis, **params)

    def assumption_value(self, name: str) -> Decimal:
        """A numeric assumption's value."""
        return self.order.assumptions[name].number

    def phase_used(self) -> Phase:
        """The phase, for a rule that depends on it: records the single-phase limit it was
        read from when the request did not say (INTERPRETATION X9)."""
        if self.phase_assumed:
            self.assume(_single_phase_limit(self.category))
        return self.phase

    # -- facts ---------------------------------------------------------------------------------
    @property
    def voltage(self) -> Voltage:
        """Supply level of the billed category."""
        return self.category.voltage

    def kwh_for_load_factor(self) -> Decimal | None:
        """kWh used for the load factor: LT bills in kWh, HT/EHT give kWh separately."""
        if self.request.kwh is not None:
            return self.request.kwh
        if self.category.energy.billed_in.value == "kWh":
            return self.units
        return None


def build_context(
    order: TariffOrder, request: BillRequest, requested_id: str, category_id: str
) -> BillContext:
    """Resolve ``request`` against ``order`` for the category actually billed."""
    category = order.categories[category_id]
    month = request.month.replace(day=1)
    days = calendar.monthrange(month.year, month.month)[1]
    hours = Decimal(_period_days(month, request.months, days) * 24)
    ctx = BillContext(
        order=order,
        request=request,
        requested_id=requested_id,
        category_id=category_id,
        category=category,
        month=month,
        days_in_month=days,
        hours=hours,
        units=request.units,
        contract_demand=request.contract_demand,
        contract_demand_defaulted=False,
        phase=Phase.SINGLE,
        meter=None,
        load_factor=None,
        tod=None,
        demand_unit=category.demand_unit.value,
        energy_unit=category.energy.billed_in.value,
        months=request.months,
    )
    _check_required(ctx)
    _check_demands(ctx)
    _settle_contract_demand(ctx)
    _check_category_range(ctx)
    _check_plausible(ctx)
    ctx.phase = _phase(ctx)
    ctx.phase_assumed = ctx.request.phase is None and ctx.voltage is Voltage.LT
    ctx.meter = _meter(ctx)
    ctx.load_factor = _load_factor(ctx)
    ctx.cgp = _cgp_scheme(ctx)
    ctx.tod = _tod(ctx)
    return ctx


def _period_days(month: dt.date, months: int, first_month_days: int) -> int:
    """Calendar days of the ``months`` whole months starting at ``month`` (M5)."""
    if months == 1:
        return first_month_days
    total = 0
    year, index = month.year, month.month
    for _ in range(months):
        total += calendar.monthrange(year, index)[1]
        year, index = (year + 1, 1) if index == 12 else (year, index + 1)
    return total


def _check_required(ctx: BillContext) -> None:
    request = ctx.request
    for ask in ctx.category.requires:
        value = getattr(request, ask.value, None)
        if value is None:
            raise MissingFigureError(ctx.category_id, ask.value, _FIGURE_NAMES[ask])


def _figure(value: Decimal) -> str:
    """A request's figure as people write it: ``1000000000``, not ``1E+9``."""
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"


_DEMAND_FIELDS = {
    "contract_demand": "contract demand",
    "max_demand": "recorded maximum demand",
    "fy_highest_demand": "highest demand of the financial year",
}


def _check_demands(ctx: BillContext) -> None:
    """Refuse a demand no connection at this voltage has (X8), and a financial year's highest
    demand below the month's own (X1)."""
    request = ctx.request
    unit = ctx.demand_unit
    ceiling = ctx.assumption_value(f"max_plausible_demand_{ctx.voltage.value.lower()}")
    for name, what in _DEMAND_FIELDS.items():
        value = getattr(request, name)
        if value is not None and value > ceiling:
            raise InvalidRequestError(
                f"a {what} of {_figure(value)} {unit} is more than any {ctx.voltage.value} "
                f"connection has (at most {_figure(ceiling)} {unit}): check the figure and "
                f"its unit",
                field=name,
            )
    recorded, highest = request.max_demand, request.fy_highest_demand
    if recorded is not None and highest is not None and highest < recorded:
        raise InvalidRequestError(
            f"the highest demand of the financial year ({_figure(highest)} {unit}) cannot be "
            f"below this month's recorded demand ({_figure(recorded)} {unit}): give the year's "
            f"highest, this month included",
            field="fy_highest_demand",
        )


def _recorded_is_contract_demand(ctx: BillContext) -> bool:
    """Note (xiii): below 110 kVA a meter's recorded demand is the contract demand."""
    return ctx.category.minimum_fixed_charge is not None and bool(ctx.request.max_demand)


def _check_category_range(ctx: BillContext) -> None:
    """Refuse a contract demand outside the range of its category's row (X8)."""
    allowed = ctx.category.contract_demand_range
    demand = ctx.contract_demand
    if allowed is None or demand is None or ctx.contract_demand_defaulted:
        return
    broken = allowed.problem(demand)
    if broken is None:
        return
    unit = ctx.demand_unit
    if _recorded_is_contract_demand(ctx):
        field, what = "max_demand", f"a recorded demand of {_figure(demand)} {unit} (note xiii)"
    else:
        field, what = "contract_demand", f"a contract demand of {_figure(demand)} {unit}"
    raise InvalidRequestError(
        f"{what} is outside category {ctx.category_id} ({ctx.category.name}), which is for "
        f"{broken} {unit} ({allowed.reference}): check the figure, or choose the category "
        f"that fits it",
        field=field,
    )


def _settle_contract_demand(ctx: BillContext) -> None:
    recorded = ctx.request.max_demand
    if _recorded_is_contract_demand(ctx) and recorded:
        # Note (xiii): below 110 kVA a meter's recorded demand, rounded to the nearest 0.5, *is*
        # the contract demand, for the fixed charge and for everything else that depends on it
        # (phase, DPS threshold, ToD eligibility, load factor).
        rounded = max(round_to_half(recorded), HALF)
        ctx.note(
            "recorded_demand_used",
            NoteKind.INFO,
            f"The recorded demand, {recorded} rounded to {rounded} {ctx.demand_unit}, is taken "
            "as the contract demand.",
            "Note (xiii)",
            recorded=recorded,
            rounded=rounded,
            unit=ctx.demand_unit,
        )
        ctx.contract_demand = rounded
        return
    if ctx.contract_demand is not None:
        return
    if (
        ctx.category.energy.method is SlabMethod.FIXED_MONTHLY
        and ctx.category_id == ctx.requested_id
    ):
        return  # Kutir Jyoti within its limit bills no demand at all
    if ctx.voltage is Voltage.LT:
        default = ctx.assumption_value("default_contract_demand")
        floor = ctx.category.contract_demand_range
        if floor is not None and floor.at_least is not None and floor.at_least > default:
            default = floor.at_least  # a medium industry is at least its category's 22 kVA
        ctx.contract_demand = default
        ctx.contract_demand_defaulted = True
        ctx.assume("default_contract_demand", demand=ctx.contract_demand, unit=ctx.demand_unit)


def _check_plausible(ctx: BillContext) -> None:
    request = ctx.request
    if ctx.months > 1 and request.first_or_final_bill_days is not None:
        raise InvalidRequestError(
            "a bill covers either several whole months (months) or part of one month "
            "(first_or_final_bill_days), not both: give one of them",
            field="months",
        )
    if request.solar_units + request.peak_units > ctx.units:
        raise InvalidRequestError(
            f"solar-hour ({request.solar_units}) and peak-hour ({request.peak_units}) units "
            f"add up to more than the {ctx.units} units of the month: give a split within it",
            field="solar_units",
        )
    if (
        request.kwh is not None
        and ctx.category.energy.billed_in.value == "kVAh"
        and request.kwh > ctx.units
    ):
        raise InvalidRequestError(
            f"kWh ({request.kwh}) cannot exceed kVAh ({ctx.units}): check the two readings",
            field="kwh",
        )
    if request.meter_installed is not None and request.meter_installed.replace(day=1) > ctx.month:
        raise InvalidRequestError(
            "the meter was installed after the month being billed: check the installation month",
            field="meter_installed",
        )
    # A connection cannot draw more than its demand for every hour of the month.
    demands = [d for d in (ctx.contract_demand, request.max_demand, request.fy_highest_demand) if d]
    if demands and not ctx.contract_demand_defaulted:
        most = max(demands) * ctx.hours
        if ctx.units > most and request.kwh is None:
            raise InvalidRequestError(
                f"{ctx.units} units is more than a {max(demands)} {ctx.demand_unit} connection "
                f"can draw in {ctx.hours / 24} days ({most} at full load): check the units "
                f"or the contract demand",
                field="units",
            )
    else:
        # No demand given: the most any connection of this voltage can take (X8).
        limit = ctx.assumption_value(
            "lt_max_contract_demand"
            if ctx.voltage is Voltage.LT
            else f"max_plausible_demand_{ctx.voltage.value.lower()}"
        )
        ceiling = limit * ctx.hours
        if ctx.units > ceiling:
            raise InvalidRequestError(
                f"{_figure(ctx.units)} units is more than any {ctx.voltage.value} connection "
                f"can draw in a month ({_figure(ceiling)} at {_figure(limit)} kVA, full load): "
                f"check the units",
                field="units",
            )
    cd = ctx.contract_demand
    if request.kwh is not None and cd and request.kwh > cd * ctx.hours:
        raise InvalidRequestError(
            f"{_figure(request.kwh)} kWh would be a load factor above 100 % on "
            f"{_figure(cd)} {ctx.demand_unit} ({_figure(cd * ctx.hours)} kWh at full load "
            f"every hour): check kWh or the contract demand",
            field="kwh",
        )


def _phase(ctx: BillContext) -> Phase:
    if ctx.request.phase is not None:
        return ctx.request.phase
    if ctx.voltage is not Voltage.LT:
        return Phase.THREE
    demand = ctx.contract_demand or ZERO
    limit = ctx.assumption_value(_single_phase_limit(ctx.category))
    return Phase.SINGLE if demand <= limit else Phase.THREE


def _single_phase_limit(category: Category) -> str:
    """The assumption naming note (xv)'s single-phase limit in the category's demand unit."""
    if category.demand_unit is DemandUnit.KW:
        return "single_phase_max_kw"
    return "single_phase_max_kva"


def _meter(ctx: BillContext) -> str | None:
    if ctx.request.meter is not None:
        return ctx.request.meter.value
    defaults = ctx.category.default_meter
    if ctx.phase is not Phase.SINGLE:
        return defaults.three_phase
    if ctx.request.smart_meter and defaults.single_phase_smart is not None:
        return defaults.single_phase_smart
    return defaults.single_phase


def _load_factor(ctx: BillContext) -> Decimal | None:
    kwh = ctx.kwh_for_load_factor()
    if kwh is None or not ctx.contract_demand or ctx.contract_demand_defaulted:
        return None  # a load factor on an assumed 1 kW would only mislead
    if ctx.category.energy.method is SlabMethod.LOAD_FACTOR:
        ctx.assume("load_factor_uses_contract_demand")
    return kwh * HUNDRED / (ctx.contract_demand * ctx.hours)


def _cgp_scheme(ctx: BillContext) -> CgpDrawal | None:
    """The CGP scheme asked for, if this industry may draw under it this month (X3); a scheme
    whose condition fails is not applied, and a note names the condition."""
    asked = ctx.request.cgp_scheme
    if asked is None:
        return None
    scheme = ctx.order.provisions.cgp[asked.value]
    if ctx.category_id not in scheme.categories:
        raise InvalidRequestError(
            f"the CGP scheme of {scheme.reference} is for categories "
            f"{', '.join(scheme.categories)}, not {ctx.category_id}",
            field="cgp_scheme",
        )
    cd = ctx.contract_demand or ZERO
    lf = ctx.load_factor
    unit = ctx.demand_unit
    failed: str | None = None
    if scheme.above_contract_demand_kva is not None and cd <= scheme.above_contract_demand_kva:
        failed = (
            f"contract demand above {_figure(scheme.above_contract_demand_kva)} {unit}; "
            f"this connection's is {_figure(cd)} {unit}"
        )
    elif scheme.up_to_contract_demand_kva is not None and cd > scheme.up_to_contract_demand_kva:
        failed = (
            f"contract demand up to {_figure(scheme.up_to_contract_demand_kva)} {unit}; "
            f"this connection's is {_figure(cd)} {unit}"
        )
    elif scheme.min_load_factor_percent is not None and (
        lf is None or lf < scheme.min_load_factor_percent
    ):
        shown = "not known" if lf is None else f"{lf:.2f} %"
        failed = (
            f"a load factor of at least {_figure(scheme.min_load_factor_percent)} % in the "
            f"month; this month's is {shown}"
        )
    elif scheme.supply_meters and ctx.meter not in scheme.supply_meters:
        failed = (
            f"a 33 kV connection (meter {', '.join(scheme.supply_meters)}); this request's "
            f"meter is {ctx.meter or 'not named'}"
        )
    if failed is None:
        return scheme
    ctx.note(
        "cgp_scheme_condition_failed",
        NoteKind.ELIGIBILITY,
        f"The scheme of {scheme.reference} is for {failed}: the bill is worked without it.",
        scheme.reference,
        scheme=asked.value,
        condition=failed,
    )
    return None


def _tod(ctx: BillContext) -> ToDProvision | None:
    """The ToD provision if it applies to this consumer this month (note ix)."""
    provision = ctx.order.provisions.tod.at(ctx.month)
    if provision is None:
        return None
    if ctx.category_id in provision.excluded_categories:
        return None
    if not ctx.contract_demand or ctx.contract_demand <= provision.min_contract_demand_kw:
        return None
    smart = ctx.request.smart_meter
    if smart is None:
        if ctx.meter is None and ctx.voltage is Voltage.EHT:
            ctx.assume("eht_meter_is_amr")
            smart = True
        else:
            smart = ctx.meter in provision.smart_meter_types
            if smart and ctx.request.meter is None:
                ctx.assume("default_meter_is_amr")  # X9: ToD rests on a meter we assumed
    return provision if smart else None
