"""Is my bill right? A printed bill against what the tariff order gives for its period.

:func:`check_bill` takes what a printed bill says (category, load, units or two readings, the
billing period, and whichever amounts the bill prints), computes the bill the order gives for
that period, and explains every difference line by line. Where the arithmetic shows a likely
cause (arrears or a surcharge carried over, a bill for several months, duty, meter rent after its
60 or 96 months, a load or category that does not fit, a reading that rolled over) the result
names it as a :class:`Finding`; where the bill agrees to the rupee it says so.

The number of months a bill covers and a first or final bill's days are facts of the request
(INTERPRETATION M4, M5), never guessed; when the printed figures fit another number of months,
that is reported as a finding, and the comparison stays on the months given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tariff_core.analysis import units_from_readings
from tariff_core.engine import estimate
from tariff_core.errors import InvalidRequestError, TariffError
from tariff_core.models import BillEstimate, BillRequest, MeterType, Money, RebateTiming
from tariff_core.money import HUNDRED, ZERO, ceil_whole, to_paisa, to_rupee
from tariff_core.money import format_rupees as inr
from tariff_core.registry import Tariff, default_tariff, resolve_category
from tariff_core.schema import SlabMethod, Voltage

#: Two amounts agree when they differ by less than a rupee: bills print rupees, round lines and
#: round the total (INTERPRETATION M3), so a smaller difference is rounding, not an error.
AGREEMENT_TOLERANCE = Decimal("1.00")
#: Bills of more months than this are not tried when looking for the months a total fits.
MAX_MONTHS_TRIED = 6
#: Loads tried (whole kW or kVA from 1) when looking for the load a total fits.
MAX_LOAD_TRIED = 20
#: A duty implied by the total is believed only within this band of the energy charge (%).
PLAUSIBLE_DUTY_PERCENT = (Decimal("0.5"), Decimal(15))
#: Characters of a field name repeated in an error message.
MAX_FIELD_NAME = 60
#: A printed period longer than this many days is not one month.
ONE_MONTH_MAX_DAYS = 35
#: Average days in a month, to say how many months a printed period spans.
DAYS_PER_MONTH = Decimal("30.44")
_STRICT = ConfigDict(extra="forbid", frozen=True)
_VALUE = {"slots": True, "kw_only": True}

_PrintedMoney = Annotated[Decimal | None, Field(default=None, ge=0, le=10**9)]


class PrintedAmounts(BaseModel):
    """The amounts a bill prints, in rupees; leave out what the bill does not show."""

    model_config = _STRICT

    energy: _PrintedMoney = Field(default=None, description="Energy charge of the period.")
    fixed: _PrintedMoney = Field(
        default=None, description="Fixed charge (MMFC) or demand charge of the period."
    )
    meter_rent: _PrintedMoney = Field(default=None, description="Meter rent.")
    duty: _PrintedMoney = Field(default=None, description="Electricity duty (ED).")
    dps: _PrintedMoney = Field(
        default=None, description="Delayed payment surcharge (DPS) on the bill."
    )
    arrears: _PrintedMoney = Field(default=None, description="Arrears of earlier bills.")
    rebate: _PrintedMoney = Field(
        default=None, description="Rebate printed for paying by the due date."
    )
    total: _PrintedMoney = Field(
        default=None,
        description="Total amount payable as printed (charges, duty, arrears and DPS).",
    )


class BillCheckRequest(BaseModel):
    """What a printed bill says, as much as the consumer can read from it.

    Give ``units`` or both readings (or both, to check one against the other). ``months`` is the
    number of whole months the bill covers (a provisional, average or late-read bill, M5), and
    ``first_or_final_bill_days`` the days of a part-month first or final bill (M4).
    """

    model_config = _STRICT

    category: str = Field(
        max_length=60, description="Serial number of the schedule (`1.b`, `2`) or a slug."
    )
    period_from: dt.date = Field(
        description="First day of the billing period (YYYY-MM: its first month)."
    )
    period_to: dt.date | None = Field(default=None, description="Last day of the billing period.")
    months: int = Field(default=1, ge=1, le=12, description="Whole months the bill covers (M5).")
    first_or_final_bill_days: int | None = Field(
        default=None, ge=1, le=31, description="Days of supply in a first or final bill (M4)."
    )
    units: Decimal | None = Field(default=None, ge=0, le=10**9, description="Units billed.")
    previous_reading: Decimal | None = Field(default=None, ge=0, le=10**10)
    present_reading: Decimal | None = Field(default=None, ge=0, le=10**10)
    multiplying_factor: Decimal = Field(default=Decimal(1), gt=0, le=100000)
    meter_digits: int | None = Field(default=None, ge=3, le=9, description="Register digits.")
    contract_demand: Decimal | None = Field(
        default=None, gt=0, le=10**6, description="Load (contract demand) printed, kW or kVA."
    )
    meter: MeterType | None = Field(default=None, description="Meter type (note xviii).")
    smart_meter: bool | None = Field(default=None, description="Smart or AMR meter.")
    meter_installed: dt.date | None = Field(
        default=None, description="Month the meter was installed (meter rent's 60/96 months)."
    )
    rural: bool = Field(default=False, description="Rural LT domestic consumer (note xxv).")
    printed: PrintedAmounts = Field(default_factory=PrintedAmounts)

    @field_validator("period_from", "period_to", "meter_installed", mode="before")
    @classmethod
    def _accept_year_month(cls, value: Any) -> Any:
        """Accept ``YYYY-MM`` as the first day of that month."""
        if isinstance(value, str) and len(value) == 7 and value[4] == "-":
            return f"{value}-01"
        return value

    @model_validator(mode="after")
    def _units_given(self) -> Self:
        """Units, or both readings, are needed; a period cannot end before it starts."""
        readings = (self.previous_reading, self.present_reading)
        if self.units is None and None in readings:
            raise ValueError("give the units billed, or both meter readings")
        if (readings[0] is None) != (readings[1] is None):
            raise ValueError("give both meter readings (previous and present), or neither")
        if self.period_to is not None and self.period_to < self.period_from:
            raise ValueError("the billing period ends before it starts: check the dates")
        return self


class CheckItem(StrEnum):
    """The amounts of a bill that are compared."""

    ENERGY = "energy"
    FIXED = "fixed"
    METER_RENT = "meter_rent"
    DUTY = "duty"
    DPS = "dps"
    ARREARS = "arrears"
    REBATE = "rebate"
    TOTAL = "total"


class Verdict(StrEnum):
    """The answer to "is my bill right?"."""

    AGREES = "agrees"  # every printed amount agrees to the rupee
    EXPLAINED = "explained"  # it differs, and every difference has a named cause
    DIFFERS = "differs"  # some difference has no cause the arithmetic can show


@dataclass(**_VALUE)
class CheckLine:
    """One printed amount against the amount the order gives."""

    item: CheckItem
    printed: Money | None
    expected: Money
    difference: Annotated[Money | None, Field(description="printed - expected")]
    agrees: bool | None


@dataclass(**_VALUE)
class Finding:
    """A likely cause of a difference, or a fact about the bill the reader should know."""

    code: Annotated[str, Field(description="What was found; the bot translates from it.")]
    item: CheckItem
    text: Annotated[str, Field(description="English explanation.")]
    amount: Money | None = None
    explains_difference: bool = True
    ask_discom: Annotated[bool, Field(description="Worth raising with the discom.")] = False
    params: dict[str, str] = field(default_factory=dict)


class BillCheck(BaseModel):
    """A printed bill compared with the order, with every difference explained."""

    model_config = _STRICT

    category: str
    billed_as: str
    period_from: dt.date
    period_to: dt.date | None
    months: int
    units: Money
    rolled_over: bool
    estimate: BillEstimate = Field(description="The bill the order gives for this period.")
    expected_total: Money = Field(
        description="Charges and duty of the period plus the arrears and DPS printed."
    )
    lines: list[CheckLine]
    findings: list[Finding]
    verdict: Verdict
    agrees_to_rupee: bool = Field(description="Every printed amount agrees within a rupee.")

    def finding(self, code: str) -> Finding | None:
        """The finding with ``code``, if any."""
        return next((f for f in self.findings if f.code == code), None)

    def line(self, item: CheckItem) -> CheckLine | None:
        """The comparison of ``item``, if the bill printed it or it is the total."""
        return next((ln for ln in self.lines if ln.item is item), None)


def coerce_check_request(request: BillCheckRequest | Mapping[str, Any]) -> BillCheckRequest:
    """Validate a mapping into a :class:`BillCheckRequest`, raising InvalidRequestError."""
    if isinstance(request, BillCheckRequest):
        return request
    try:
        return BillCheckRequest.model_validate(request)
    except ValidationError as exc:
        first = exc.errors()[0]
        # Never the input itself, and only the start of a field name: a request may be huge.
        where = (".".join(str(part) for part in first["loc"]) or "request")[:MAX_FIELD_NAME]
        raise InvalidRequestError(f"{where}: {first['msg']}", field=where) from exc


def check_bill(
    request: BillCheckRequest | Mapping[str, Any], tariff: Tariff | None = None
) -> BillCheck:
    """Compare a printed bill with the order's bill for its period and explain each difference."""
    req = coerce_check_request(request)
    tariff = tariff or default_tariff()
    findings: list[Finding] = []
    units, rolled_over = _units(req, findings)
    base = _bill_request(req, units)
    est = _estimate_or_explain(base, tariff, findings)
    _period_findings(req, findings)
    printed = req.printed
    comparer = _Comparer(req, base, est, tariff, findings)
    lines = comparer.compare_lines()
    total_line = comparer.compare_total(lines)
    if total_line is not None:
        lines.append(total_line)
    unexplained = [
        ln
        for ln in lines
        if ln.agrees is False
        and not any(f.item is ln.item and f.explains_difference for f in findings)
    ]
    agrees = all(ln.agrees is not False for ln in lines)
    problems = any(f.ask_discom for f in findings)
    if agrees and not problems:
        verdict = Verdict.AGREES
    elif unexplained:
        verdict = Verdict.DIFFERS
    else:
        verdict = Verdict.EXPLAINED
    if agrees and printed.total is not None:
        findings.insert(
            0,
            Finding(
                code="agrees",
                item=CheckItem.TOTAL,
                text=f"The bill's total of {inr(printed.total)} agrees to the rupee with the "
                "tariff order.",
                amount=printed.total,
                explains_difference=False,
                params={"total": f"{printed.total:.2f}"},
            ),
        )
    return BillCheck(
        category=req.category,
        billed_as=est.billed_as.id,
        period_from=req.period_from,
        period_to=req.period_to,
        months=req.months,
        units=units,
        rolled_over=rolled_over,
        estimate=est,
        expected_total=comparer.expected_total,
        lines=lines,
        findings=findings,
        verdict=verdict,
        agrees_to_rupee=agrees,
    )


# -- the request ------------------------------------------------------------------------------


def _units(req: BillCheckRequest, findings: list[Finding]) -> tuple[Decimal, bool]:
    """The units to bill: as printed, or from the readings (which may have rolled over)."""
    if req.previous_reading is None or req.present_reading is None:
        assert req.units is not None  # the request's validator guarantees one or the other
        return req.units, False
    readings = units_from_readings(
        req.previous_reading, req.present_reading, req.multiplying_factor, req.meter_digits
    )
    if readings.rolled_over:
        findings.append(
            Finding(
                code="reading_rolled_over",
                item=CheckItem.ENERGY,
                text=f"The present reading ({req.present_reading}) is below the previous one "
                f"({req.previous_reading}): the meter's register went past its largest value "
                f"and started again, so {readings.units} units were used, not a negative number.",
                explains_difference=False,
                params={"units": f"{readings.units}"},
            )
        )
    if req.units is not None and abs(req.units - readings.units) >= AGREEMENT_TOLERANCE:
        findings.append(
            Finding(
                code="units_differ_from_readings",
                item=CheckItem.ENERGY,
                text=f"The bill prints {req.units} units, but its readings give "
                f"{readings.units}: the bill may be provisional (average units, not the "
                "meter's), or a reading was misprinted. The printed units are checked.",
                explains_difference=False,
                ask_discom=True,
                params={"printed": f"{req.units}", "from_readings": f"{readings.units}"},
            )
        )
        return req.units, readings.rolled_over
    return readings.units, readings.rolled_over


def _bill_request(req: BillCheckRequest, units: Decimal) -> BillRequest:
    return BillRequest(
        category=req.category,
        month=req.period_from,
        units=units,
        contract_demand=req.contract_demand,
        meter=req.meter,
        smart_meter=req.smart_meter,
        meter_installed=req.meter_installed,
        rural=req.rural,
        first_or_final_bill_days=req.first_or_final_bill_days,
        months=req.months,
    )


def _estimate_or_explain(
    base: BillRequest, tariff: Tariff, findings: list[Finding]
) -> BillEstimate:
    """The period's bill; when the load cannot draw the units, bill the smallest load that can
    and say so (the bill's load, or its units, is wrong)."""
    try:
        return estimate(base, tariff)
    except InvalidRequestError as exc:
        if exc.field != "units" or base.contract_demand is None:
            raise
    order = tariff.order_for(base.month)
    _, category = resolve_category(order, base.category)
    if category.voltage is not Voltage.LT:
        raise InvalidRequestError(
            f"{base.units} units cannot be drawn on {base.contract_demand} in the period: "
            "check the units and the contract demand printed",
            field="units",
        )
    hours = _period_hours(base.month, base.months)
    needed = max(ceil_whole(base.units / hours), Decimal(1))
    findings.append(
        Finding(
            code="load_cannot_draw_units",
            item=CheckItem.FIXED,
            text=f"{base.units} units cannot be drawn on a {base.contract_demand} "
            f"{category.demand_unit.value} load in the period even at full load all day: the "
            f"load on the bill, or the units, is wrong. Checked at {needed} "
            f"{category.demand_unit.value}, the smallest load that can draw them.",
            ask_discom=True,
            params={
                "units": f"{base.units}",
                "load": f"{base.contract_demand}",
                "needed": f"{needed}",
                "unit": category.demand_unit.value,
            },
        )
    )
    return estimate(base.model_copy(update={"contract_demand": needed}), tariff)


def _period_hours(month: dt.date, months: int) -> Decimal:
    start = month.replace(day=1)
    year, index = start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12
    end = dt.date(year, index + 1, 1)
    return Decimal((end - start).days * 24)


def _period_findings(req: BillCheckRequest, findings: list[Finding]) -> None:
    """What the printed period says about the months the bill covers (never acted on)."""
    if req.months > 1:
        findings.append(
            Finding(
                code="several_months",
                item=CheckItem.ENERGY,
                text=f"This bill covers {req.months} months: each slab is {req.months} times "
                f"as wide and the fixed charge and meter rent are {req.months} months' "
                "(INTERPRETATION M5).",
                explains_difference=False,
                params={"months": str(req.months)},
            )
        )
    if req.period_to is None:
        return
    days = (req.period_to - req.period_from).days + 1
    spanned = (Decimal(days) / DAYS_PER_MONTH).quantize(Decimal(1))
    if req.months == 1 and req.first_or_final_bill_days is None and days > ONE_MONTH_MAX_DAYS:
        findings.append(
            Finding(
                code="period_longer_than_months",
                item=CheckItem.ENERGY,
                text=f"The printed period is {days} days, about {spanned} months, but the "
                "bill was checked as one month: if it is a provisional or late-read bill for "
                f"{spanned} months, check it with months = {spanned}.",
                explains_difference=False,
                params={"days": str(days), "months": f"{spanned}"},
            )
        )


# -- the comparison ---------------------------------------------------------------------------


class _Comparer:
    """Compares the printed amounts with the estimate and looks for the causes of differences."""

    def __init__(
        self,
        req: BillCheckRequest,
        base: BillRequest,
        est: BillEstimate,
        tariff: Tariff,
        findings: list[Finding],
    ) -> None:
        self.req = req
        self.printed = req.printed
        self.base = base
        self.est = est
        self.tariff = tariff
        self.findings = findings
        duty = est.electricity_duty
        self.duty_known = duty.included
        # Without a sourced rate the printed duty is taken as printed (and said to be unchecked).
        self.duty = duty.amount if duty.included else (self.printed.duty or ZERO)
        # A DPS the order does not levy on this bill is not part of what it should total.
        self.dps_levied = self._dps_levied()
        self.dps = (self.printed.dps or ZERO) if self.dps_levied else ZERO
        carried = (self.printed.arrears or ZERO) + self.dps
        self.expected_total = to_rupee(est.charges_total + self.duty + carried)

    def rent_months(self) -> str:
        """How long meter rent is collected (note xviii), from the order: "60 months (96 for a
        single-phase-smart meter)"."""
        rent = self.tariff.order_for(self.base.month).provisions.meter_rent
        longer = ", ".join(
            f"{months} for a {meter} meter" for meter, months in rent.collection_months.items()
        )
        text = f"{rent.default_collection_months} months"
        return f"{text} ({longer})" if longer else text

    def _dps_levied(self) -> bool:
        """Whether the order levies a delayed payment surcharge on this category and load."""
        order = self.tariff.order_for(self.base.month)
        rule = order.categories[self.est.billed_as.id].late_payment
        demand = self.est.contract_demand or ZERO
        return rule is not None and (
            rule.min_contract_demand is None or demand >= rule.min_contract_demand
        )

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    # -- lines ---------------------------------------------------------------------------------
    def compare_lines(self) -> list[CheckLine]:
        est = self.est
        printed = self.printed
        lines: list[CheckLine] = []
        computed = {
            CheckItem.ENERGY: est.line_total("energy") + est.line_total("tod"),
            CheckItem.FIXED: est.line_total("fixed")
            + est.line_total("demand")
            + est.line_total("overdrawal"),
            CheckItem.METER_RENT: est.line_total("meter_rent"),
            CheckItem.DUTY: est.electricity_duty.amount,
            CheckItem.REBATE: _on_time_rebate(est),
        }
        checks: dict[CheckItem, Callable[[Decimal, Decimal], None]] = {
            CheckItem.ENERGY: self._energy_cause,
            CheckItem.FIXED: self._fixed_cause,
            CheckItem.METER_RENT: self._meter_rent_cause,
            CheckItem.DUTY: self._duty_cause,
            CheckItem.REBATE: self._rebate_cause,
        }
        for item, expected in computed.items():
            value: Decimal | None = getattr(printed, item.value)
            if value is None:
                continue
            if item is CheckItem.DUTY and not self.duty_known:
                lines.append(_line(item, value, value))
                self._duty_unsourced(value)
                continue
            made = _line(item, value, expected)
            lines.append(made)
            if made.agrees is False:
                checks[item](value, expected)
        if printed.dps is not None:
            lines.append(_line(CheckItem.DPS, printed.dps, self.dps))
            self._dps_finding(printed.dps)
        if printed.arrears is not None:
            lines.append(_line(CheckItem.ARREARS, printed.arrears, printed.arrears))
            if printed.arrears:
                self.add(
                    Finding(
                        code="arrears_carried_over",
                        item=CheckItem.ARREARS,
                        text=f"{inr(printed.arrears)} of arrears are carried over from earlier "
                        "bills: they are not this period's charges. Compare them with your last "
                        "bill and receipts.",
                        amount=printed.arrears,
                        explains_difference=False,
                        params={"amount": f"{printed.arrears:.2f}"},
                    )
                )
        return lines

    def _energy_cause(self, printed: Decimal, expected: Decimal) -> None:
        difference = printed - expected
        months = self._months_fitting(
            lambda e: e.line_total("energy") + e.line_total("tod"), printed
        )
        if months is not None:
            self._months_finding(CheckItem.ENERGY, months, difference)
            return
        other = self._category_fitting_energy(printed)
        if other is not None:
            self.add(
                Finding(
                    code="energy_fits_other_category",
                    item=CheckItem.ENERGY,
                    text=f"The energy charge printed, {inr(printed)}, is what {other[1]} "
                    f"(category {other[0]}) pays for {self.est.units} units, not "
                    f"{self.est.billed_as.name}: check the category on the bill.",
                    amount=difference,
                    ask_discom=True,
                    params={"category": other[0], "name": other[1]},
                )
            )
            return
        self.add(
            Finding(
                code="energy_differs",
                item=CheckItem.ENERGY,
                text=f"The energy charge printed, {inr(printed)}, differs from the order's "
                f"{inr(expected)} for {self.est.units} units, and no other number of months or "
                "category fits it: ask your discom how it was computed.",
                amount=difference,
                explains_difference=False,
                ask_discom=True,
                params={"printed": f"{printed:.2f}", "expected": f"{expected:.2f}"},
            )
        )

    def _fixed_cause(self, printed: Decimal, expected: Decimal) -> None:
        difference = printed - expected
        order = self.tariff.order_for(self.base.month)
        category = order.categories[self.est.billed_as.id]
        charge = category.minimum_fixed_charge
        months = Decimal(self.req.months)
        if charge is not None and self.req.first_or_final_bill_days is None:
            first = charge.first.rupees * months
            additional = charge.additional.rupees * months
            if printed < first and printed > 0:
                days = to_paisa(printed / first * Decimal(self.est_days()))
                self.add(
                    Finding(
                        code="fixed_looks_prorated",
                        item=CheckItem.FIXED,
                        text=f"The fixed charge printed, {inr(printed)}, is less than one kW's "
                        f"{inr(first)}: it looks prorated for about {days.quantize(Decimal(1))} "
                        "days, as in a first or final bill (INTERPRETATION M4).",
                        amount=difference,
                        params={"days": f"{days.quantize(Decimal(1))}"},
                    )
                )
                return
            load = (printed - first) / additional + 1 if additional else None
            if load is not None and load >= 1 and load == load.to_integral_value():
                unit = self.est.demand_unit
                self.add(
                    Finding(
                        code="fixed_fits_other_load",
                        item=CheckItem.FIXED,
                        text=f"The fixed charge printed, {inr(printed)}, is the charge for a "
                        f"{load.normalize():f} {unit} load, not {self.est.contract_demand} {unit}: "
                        "the load on the bill differs from yours. If your sanctioned load is "
                        "lower, ask your discom to correct it.",
                        amount=difference,
                        ask_discom=True,
                        params={
                            "load": f"{load.normalize():f}",
                            "given": f"{self.est.contract_demand}",
                            "unit": unit,
                        },
                    )
                )
                return
        months_fit = self._months_fitting(
            lambda e: e.line_total("fixed") + e.line_total("demand"), printed
        )
        if months_fit is not None:
            self._months_finding(CheckItem.FIXED, months_fit, difference)
            return
        self._unexplained(CheckItem.FIXED, printed, expected)

    def est_days(self) -> int:
        month = self.base.month
        return int(_period_hours(month, 1) / 24)

    def _meter_rent_cause(
        self, printed: Decimal, expected: Decimal, item: CheckItem = CheckItem.METER_RENT
    ) -> None:
        difference = printed - expected
        order = self.tariff.order_for(self.base.month)
        rent = order.provisions.meter_rent
        if (
            expected == ZERO
            and printed > 0
            and any(n.code == "meter_rent_paid_off" for n in self.est.notes)
        ):
            meter = self.base.meter.value if self.base.meter else ""
            limit = rent.collection_months.get(meter, rent.default_collection_months)
            self.add(
                Finding(
                    code="meter_rent_after_period",
                    item=item,
                    text=f"Meter rent of {inr(printed)} is charged, but a meter installed in "
                    f"{self.req.meter_installed:%m/%Y} has paid its {limit} months of rent "
                    "(note xviii): ask your discom to stop it and refund what was charged since.",
                    amount=difference,
                    ask_discom=True,
                    params={
                        "months": str(limit),
                        "installed": f"{self.req.meter_installed:%Y-%m}",
                    },
                )
            )
            return
        if printed == ZERO and expected > 0:
            self.add(
                Finding(
                    code="no_meter_rent_printed",
                    item=CheckItem.METER_RENT,
                    text=f"The bill charges no meter rent: a meter past its {self.rent_months()} "
                    "or supplied under a government scheme pays none.",
                    amount=difference,
                    params={},
                )
            )
            return
        per_month = printed / Decimal(self.req.months)
        fitting = [m for m, r in rent.rupees_per_month.items() if r == per_month]
        if fitting:
            self.add(
                Finding(
                    code="meter_rent_other_meter",
                    item=CheckItem.METER_RENT,
                    text=f"The meter rent printed, {inr(printed)}, is the rent of a {fitting[0]} "
                    "meter: the meter type differs from the one checked.",
                    amount=difference,
                    params={"meter": fitting[0]},
                )
            )
            return
        self._unexplained(CheckItem.METER_RENT, printed, expected)

    def _duty_cause(self, printed: Decimal, expected: Decimal) -> None:
        energy = self.est.electricity_duty.base or ZERO
        percent = (printed * HUNDRED / energy).quantize(Decimal("0.1")) if energy else None
        self.add(
            Finding(
                code="duty_differs",
                item=CheckItem.DUTY,
                text=f"The electricity duty printed, {inr(printed)}, is {percent} % of the energy "
                f"charge; the duty data gives {self.est.electricity_duty.rate_percent} % "
                f"({inr(expected)}). Duty is a state levy on the energy charge only.",
                amount=printed - expected,
                params={
                    "percent": f"{percent}",
                    "expected_percent": f"{self.est.electricity_duty.rate_percent}",
                },
            )
        )

    def _duty_unsourced(self, printed: Decimal) -> None:
        energy = self.est.line_total("energy") + self.est.line_total("tod")
        percent = (printed * HUNDRED / energy).quantize(Decimal("0.1")) if energy else ZERO
        self.add(
            Finding(
                code="duty_not_checked",
                item=CheckItem.DUTY,
                text=f"The electricity duty printed, {inr(printed)} ({percent} % of the energy "
                "charge), is taken as printed: there is no sourced duty rate for this category.",
                amount=printed,
                explains_difference=False,
                params={"amount": f"{printed:.2f}", "percent": f"{percent}"},
            )
        )

    def _rebate_cause(self, printed: Decimal, expected: Decimal) -> None:
        self.add(
            Finding(
                code="rebate_differs",
                item=CheckItem.REBATE,
                text=f"The rebate printed, {inr(printed)}, differs from the order's "
                f"{inr(expected)} for paying by the due date (more is given for digital payment "
                "or an e-bill).",
                amount=printed - expected,
                explains_difference=False,
                params={"printed": f"{printed:.2f}", "expected": f"{expected:.2f}"},
            )
        )

    def _dps_finding(self, dps: Decimal) -> None:
        if not dps:
            return
        demand = self.est.contract_demand or ZERO
        if not self.dps_levied:
            self.add(
                Finding(
                    code="dps_not_in_tariff",
                    item=CheckItem.DPS,
                    text=f"A delayed payment surcharge of {inr(dps)} is charged, but the order "
                    f"levies none on {self.est.billed_as.name} at {demand} "
                    f"{self.est.demand_unit} (note v): ask your discom to remove it.",
                    amount=dps,
                    ask_discom=True,
                    params={"amount": f"{dps:.2f}"},
                )
            )
            return
        self.add(
            Finding(
                code="dps_carried_over",
                item=CheckItem.DPS,
                text=f"{inr(dps)} of delayed payment surcharge is for paying an earlier bill "
                "late: it is not this period's charge.",
                amount=dps,
                explains_difference=False,
                params={"amount": f"{dps:.2f}"},
            )
        )

    # -- the total -----------------------------------------------------------------------------
    def compare_total(self, lines: list[CheckLine]) -> CheckLine | None:
        printed = self.printed.total
        if printed is None:
            return None
        made = _line(CheckItem.TOTAL, printed, self.expected_total)
        if made.agrees is not False:
            return made
        difference = printed - self.expected_total
        if self._lines_explain_total(lines, difference):
            return made
        rebate = _on_time_rebate(self.est)
        if rebate and abs(difference + rebate) < AGREEMENT_TOLERANCE:
            self.add(
                Finding(
                    code="total_after_rebate",
                    item=CheckItem.TOTAL,
                    text=f"The total printed is the amount after the {inr(rebate)} rebate for "
                    "paying by the due date: it agrees.",
                    amount=difference,
                    params={"rebate": f"{rebate:.2f}"},
                )
            )
            return made
        if self._total_cause(printed, difference):
            return made
        self.add(
            Finding(
                code="total_differs",
                item=CheckItem.TOTAL,
                text=f"The bill's total, {inr(printed)}, is {inr(abs(difference))} "
                f"{'more' if difference > 0 else 'less'} than the order gives "
                f"({inr(self.expected_total)}) and no cause fits: look for arrears, a surcharge "
                "or an adjustment on the bill, or ask your discom for the calculation.",
                amount=difference,
                explains_difference=False,
                ask_discom=True,
                params={
                    "printed": f"{printed:.2f}",
                    "expected": f"{self.expected_total:.2f}",
                    "difference": f"{abs(difference):.2f}",
                    "direction": "more" if difference > 0 else "less",
                },
            )
        )
        return made

    def _lines_explain_total(self, lines: list[CheckLine], difference: Decimal) -> bool:
        """The total's difference is the sum of the printed lines' differences (each line's
        own comparison says whether its difference is explained)."""
        charged = {
            CheckItem.ENERGY,
            CheckItem.FIXED,
            CheckItem.METER_RENT,
            CheckItem.DUTY,
            CheckItem.DPS,
        }
        explained = sum(
            (ln.difference or ZERO for ln in lines if ln.item in charged and ln.agrees is False),
            ZERO,
        )
        if not explained or abs(difference - explained) >= AGREEMENT_TOLERANCE:
            return False
        self.add(
            Finding(
                code="total_follows_lines",
                item=CheckItem.TOTAL,
                text="The total differs by exactly the differences of the lines above.",
                amount=difference,
                params={"difference": f"{difference:.2f}"},
            )
        )
        return True

    def _total_cause(self, printed: Decimal, difference: Decimal) -> bool:
        """Try the causes the arithmetic can show on the total alone; True when one fits.

        Each cause is tried first as an exact fit, and only then with a duty the bill may add
        (when the duty is neither sourced nor printed): an unknown duty fits many gaps, so it
        must not hide a cause that fits on its own.
        """
        carried = (self.printed.arrears or ZERO) + (self.printed.dps or ZERO)
        current = printed - carried
        duty_unknown = not self.duty_known and self.printed.duty is None
        for with_duty in (False, True) if duty_unknown else (False,):
            if self._cause_fitting(current, difference, with_duty):
                return True
        return False

    def _fit(self, est: BillEstimate | None, current: Decimal, with_duty: bool) -> Decimal | None:
        """The duty percent that makes ``est`` equal the period's printed charges (0 when it
        fits without duty), or None when it does not fit."""
        if est is None:
            return None
        duty = est.electricity_duty.amount if est.electricity_duty.included else self.duty
        gap = current - est.charges_total - duty
        if abs(gap) < AGREEMENT_TOLERANCE:
            return ZERO
        energy = est.line_total("energy")
        if with_duty and energy and gap > 0:
            percent = gap * HUNDRED / energy
            low, high = PLAUSIBLE_DUTY_PERCENT
            if low <= percent <= high:
                return percent.quantize(Decimal("0.1"))
        return None

    def _cause_fitting(self, current: Decimal, difference: Decimal, with_duty: bool) -> bool:
        def fits(est: BillEstimate | None) -> Decimal | None:
            return self._fit(est, current, with_duty)

        def duty_too(percent: Decimal | None) -> None:
            if percent:
                self._duty_implied(percent, None)

        if with_duty:
            own = fits(self.est)
            if own:
                self._duty_implied(own, difference)
                return True
        if any(n.code == "meter_rent_paid_off" for n in self.est.notes):
            with_rent = self._estimate_with(meter_installed=None)
            percent = fits(with_rent)
            if with_rent is not None and percent is not None:
                rent = with_rent.line_total("meter_rent")
                self._meter_rent_cause(rent, ZERO, CheckItem.TOTAL)
                duty_too(percent)
                return True
        if self.req.months == 1 and self.req.first_or_final_bill_days is None:
            for months in range(2, MAX_MONTHS_TRIED + 1):
                percent = fits(self._estimate_with(months=months))
                if percent is not None:
                    self._months_finding(CheckItem.TOTAL, months, difference)
                    duty_too(percent)
                    return True
        rent = self.est.line_total("meter_rent")
        if rent and self.printed.meter_rent is None:
            percent = fits(self._estimate_with(meter_under_grant_scheme=True))
            if percent is not None:
                self.add(
                    Finding(
                        code="no_meter_rent_printed",
                        item=CheckItem.TOTAL,
                        text=f"The total fits a bill without meter rent ({inr(rent)}): a meter "
                        f"past its {self.rent_months()} pays none.",
                        amount=-rent,
                        params={"rent": f"{rent:.2f}"},
                    )
                )
                duty_too(percent)
                return True
        if self.printed.fixed is None:
            found = self._load_fitting(fits)
            if found is not None:
                load, percent = found
                unit = self.est.demand_unit
                self.add(
                    Finding(
                        code="fixed_fits_other_load",
                        item=CheckItem.TOTAL,
                        text=f"The total fits a {load.normalize():f} {unit} load, not "
                        f"{self.est.contract_demand} {unit}: the load on the bill differs "
                        "from the one checked. If your sanctioned load is lower, ask your "
                        "discom to correct it.",
                        amount=difference,
                        ask_discom=True,
                        params={
                            "load": f"{load.normalize():f}",
                            "given": f"{self.est.contract_demand}",
                            "unit": unit,
                        },
                    )
                )
                duty_too(percent)
                return True
        return False

    def _duty_implied(self, percent: Decimal, difference: Decimal | None) -> None:
        self.add(
            Finding(
                code="duty_in_total",
                item=CheckItem.TOTAL,
                text=f"The rest of the total is electricity duty of about {percent} % of the "
                "energy charge (a state levy outside the tariff order).",
                amount=difference,
                params={"percent": f"{percent}"},
            )
        )

    def _load_fitting(
        self, fits: Callable[[BillEstimate | None], Decimal | None]
    ) -> tuple[Decimal, Decimal] | None:
        """The whole load (up to MAX_LOAD_TRIED) whose bill fits, with its duty percent."""
        given = self.est.contract_demand
        if given is None:
            return None
        for load in range(1, MAX_LOAD_TRIED + 1):
            candidate = Decimal(load)
            if candidate == given:
                continue
            percent = fits(self._estimate_with(contract_demand=candidate))
            if percent is not None:
                return candidate, percent
        return None

    def _months_fitting(
        self, amount: Callable[[BillEstimate], Decimal], printed: Decimal
    ) -> int | None:
        if self.req.months != 1 or self.req.first_or_final_bill_days is not None:
            return None
        for months in range(2, MAX_MONTHS_TRIED + 1):
            other = self._estimate_with(months=months)
            if other is not None and abs(amount(other) - printed) < AGREEMENT_TOLERANCE:
                return months
        return None

    def _months_finding(self, item: CheckItem, months: int, difference: Decimal) -> None:
        if any(f.code == "fits_several_months" for f in self.findings):
            return
        self.add(
            Finding(
                code="fits_several_months",
                item=item,
                text=f"The bill fits {self.est.units} units billed over {months} months "
                f"(slabs and fixed charges {months} times a month's, INTERPRETATION M5): it is "
                "likely a provisional or late-read bill for several months. Check it with "
                f"months = {months} if its period covers them.",
                amount=difference,
                params={"months": str(months)},
            )
        )

    def _category_fitting_energy(self, printed: Decimal) -> tuple[str, str] | None:
        order = self.tariff.order_for(self.base.month)
        for cid, category in order.categories.items():
            if cid == self.est.billed_as.id or category.voltage is not Voltage.LT:
                continue
            if category.energy.method is SlabMethod.FIXED_MONTHLY or category.requires:
                continue
            other = self._estimate_with(category=cid)
            if other is None:
                continue
            energy = other.line_total("energy") + other.line_total("tod")
            if abs(energy - printed) < AGREEMENT_TOLERANCE:
                return cid, category.name
        return None

    def _estimate_with(self, **update: Any) -> BillEstimate | None:
        try:
            return estimate(self.base.model_copy(update=update), self.tariff)
        except TariffError:
            return None

    def _unexplained(self, item: CheckItem, printed: Decimal, expected: Decimal) -> None:
        self.add(
            Finding(
                code=f"{item.value}_differs",
                item=item,
                text=f"The {item.value.replace('_', ' ')} printed, {inr(printed)}, differs from "
                f"the order's {inr(expected)} and no cause fits: ask your discom.",
                amount=printed - expected,
                explains_difference=False,
                ask_discom=True,
                params={"printed": f"{printed:.2f}", "expected": f"{expected:.2f}"},
            )
        )


def _line(item: CheckItem, printed: Decimal, expected: Decimal) -> CheckLine:
    difference = printed - expected
    return CheckLine(
        item=item,
        printed=printed,
        expected=expected,
        difference=difference,
        agrees=abs(difference) < AGREEMENT_TOLERANCE,
    )


def _on_time_rebate(est: BillEstimate) -> Decimal:
    """The rebates the estimate counts when paid by the due date (prompt payment and the like)."""
    return sum(
        (
            r.amount
            for r in est.rebates
            if r.counted and r.timing in (RebateTiming.BY_DUE_DATE, RebateTiming.ALWAYS)
        ),
        ZERO,
    )
