"""The estimate: a :class:`BillRequest` in, an itemised :class:`BillEstimate` out."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from tariff_core import charges
from tariff_core.context import BillContext, build_context
from tariff_core.errors import InvalidRequestError
from tariff_core.models import (
    BillEstimate,
    BillRequest,
    CategorySummary,
    DutyConfidence,
    DutyStatus,
    ElectricityDuty,
    LatePayment,
    Line,
    NoteKind,
    Payable,
    RebateOption,
    RebateTiming,
)
from tariff_core.money import HUNDRED, ZERO, to_paisa, to_rupee
from tariff_core.rebates import rebate_options
from tariff_core.registry import Tariff, default_tariff, resolve_category
from tariff_core.schema import SlabMethod

_DAYS_PER_MONTH_FOR_DPS = Decimal(30)  # note (v): 1 % a month, charged per day of delay


def coerce_request(request: BillRequest | Mapping[str, Any]) -> BillRequest:
    """Validate a mapping into a :class:`BillRequest`, raising :class:`InvalidRequestError`."""
    if isinstance(request, BillRequest):
        return request
    try:
        return BillRequest.model_validate(request)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "request"
        given = f" (got {first['input']!r})" if first["type"] != "missing" else ""
        raise InvalidRequestError(f"{field}: {first['msg']}{given}", field=field) from exc


def estimate(
    request: BillRequest | Mapping[str, Any], tariff: Tariff | None = None
) -> BillEstimate:
    """Itemise one month's bill for ``request`` under the order in force that month."""
    request = coerce_request(request)
    tariff = tariff or default_tariff()
    order = tariff.order_for(request.month)
    requested_id, category = resolve_category(order, request.category)
    billed_id = requested_id
    fixed = category.energy.fixed_monthly
    if fixed is not None and request.units > fixed.max_units * request.months:  # M5
        billed_id = fixed.above_limit_billed_as
    ctx = build_context(order, request, requested_id, billed_id)
    if billed_id != requested_id:
        assert fixed is not None
        ctx.note(
            "kutir_jyoti_above_limit",
            NoteKind.TARIFF_CHANGE,
            f"Above {fixed.max_units} units a month Kutir Jyoti is billed as Domestic: the "
            "whole month at the domestic slabs, with fixed charge and meter rent.",
            category.energy.reference,
            limit=fixed.max_units,
            units=request.units,
        )
    return _assemble(tariff, ctx)


def _charge_lines(ctx: BillContext) -> list[Line]:
    if ctx.category.energy.method is SlabMethod.FIXED_MONTHLY:
        return charges.kutir_jyoti_lines(ctx)
    energy = charges.energy_lines(ctx)
    return [
        *energy,
        *charges.tod_lines(ctx, energy),
        *charges.fixed_lines(ctx),
        *charges.demand_lines(ctx),
        *charges.customer_service_lines(ctx),
        *charges.meter_rent_lines(ctx),
    ]


def _assemble(tariff: Tariff, ctx: BillContext) -> BillEstimate:
    lines = _charge_lines(ctx)
    charges_total = sum((ln.amount for ln in lines), ZERO)
    kutir_jyoti = ctx.category.energy.method is SlabMethod.FIXED_MONTHLY
    rebates = [] if kutir_jyoti else rebate_options(ctx, lines, charges_total)
    duty = _duty(tariff, ctx, lines, rebates)
    # A rebate can bring a bill down to nothing, never below it (a Rs 10 e-bill discount on a
    # zero bill is not Rs 10 owed to the consumer).
    by_due = max(charges_total + duty.amount - _counted(rebates, on_time=True), ZERO)
    after_due_before_dps = max(charges_total - _counted(rebates, on_time=False), ZERO)
    late = _late_payment(ctx, after_due_before_dps)
    after_due = after_due_before_dps + duty.amount + (late.amount if late else ZERO)
    for note in ctx.category.classification_notes:
        ctx.note("classification", NoteKind.ELIGIBILITY, note, ctx.category.reference)
    ctx.note(
        "estimate_only",
        NoteKind.INFO,
        "This is an estimate under the tariff order; your discom's bill is the final word.",
        "",
    )
    order = ctx.order.order
    by_due_payable = _payable(by_due)
    after_due_payable = _payable(after_due)
    category = ctx.category
    return BillEstimate.from_engine(
        category=ctx.requested_id,
        billed_as=CategorySummary(
            id=ctx.category_id,
            slug=category.slug,
            name=category.name,
            voltage=category.voltage.value,
        ),
        month=f"{ctx.month.year:04d}-{ctx.month.month:02d}",
        tariff=order.label,
        units=ctx.units,
        unit=ctx.energy_unit,
        contract_demand=ctx.contract_demand,
        demand_unit=ctx.demand_unit,
        load_factor_percent=ctx.load_factor.quantize(Decimal("0.01"))
        if ctx.load_factor is not None
        else None,
        lines=lines,
        charges_total=charges_total,
        electricity_duty=duty,
        rebates=rebates,
        late_payment=late,
        payable_by_due_date=by_due_payable.amount,
        payable_after_due_date=after_due_payable.amount,
        payable_by_due_date_detail=by_due_payable,
        payable_after_due_date_detail=after_due_payable,
        notes=ctx.notes,
        assumptions=ctx.assumptions,
    )


_ON_TIME = {
    RebateTiming.ALWAYS,
    RebateTiming.BY_DUE_DATE,
    RebateTiming.DIGITAL_BY_DUE_DATE,
    RebateTiming.EBILL,
    RebateTiming.PREPAID,
}
_LATE = {RebateTiming.ALWAYS, RebateTiming.EBILL, RebateTiming.PREPAID}


def _counted(rebates: list[RebateOption], on_time: bool) -> Decimal:
    timings = _ON_TIME if on_time else _LATE
    return sum((r.amount for r in rebates if r.counted and r.timing in timings), ZERO)


def _payable(amount: Decimal) -> Payable:
    rounded = to_rupee(amount)
    return Payable(before_rounding=amount, round_off=rounded - amount, amount=rounded)


def _duty(
    tariff: Tariff, ctx: BillContext, lines: list[Line], rebates: list[RebateOption]
) -> ElectricityDuty:
    """Electricity duty on the energy charge (INTERPRETATION D3), from the dated duty data."""
    not_levied = tariff.duty_not_levied(ctx.category_id, ctx.month)
    if not_levied is not None:
        ctx.note(
            "duty_not_levied",
            NoteKind.INFO,
            f"No electricity duty: {not_levied.reason}",
            not_levied.reference,
        )
        return ElectricityDuty(
            included=True,
            amount=ZERO,
            source=not_levied.reason,
            status=DutyStatus.NOT_LEVIED,
        )
    rate = tariff.duty_rate(ctx.category_id, ctx.month)
    if rate is None:
        ctx.note(
            "duty_excluded",
            NoteKind.INFO,
            "Electricity duty (a state levy) is not included: we have no sourced rate for "
            "this category.",
            "INTERPRETATION D3",
        )
        return ElectricityDuty(
            included=False, amount=ZERO, rate_percent=None, base=None, status=DutyStatus.EXCLUDED
        )
    levied_on = tariff.duty.levied_on
    energy = sum((ln.amount for ln in lines if ln.code in levied_on.charge_lines), ZERO)
    # Only a rebate the consumer gets whatever the payment date lowers the energy charge the
    # duty is billed on; one earned by paying on time is not known when the bill is made.
    lowered_by = sum(
        (
            r.amount
            for r in rebates
            if r.code in levied_on.less_rebates and r.counted and r.timing is RebateTiming.ALWAYS
        ),
        ZERO,
    )
    base = max(energy - lowered_by, ZERO)
    amount = to_paisa(base * rate.percent_of_energy_charge / HUNDRED)
    approximate = rate.confidence is DutyConfidence.LOW
    if approximate:
        ctx.note(
            "duty_approximate",
            NoteKind.INFO,
            f"Electricity duty at {rate.percent_of_energy_charge} % of the energy charge is "
            f"approximate: the rate is read from one bill ({rate.source}).",
            levied_on.reference,
            percent=rate.percent_of_energy_charge,
            source=rate.source,
        )
    return ElectricityDuty(
        included=True,
        amount=amount,
        rate_percent=rate.percent_of_energy_charge,
        base=base,
        source=rate.source,
        status=DutyStatus.INCLUDED,
        confidence=rate.confidence,
        approximate=approximate,
    )


def _late_payment(ctx: BillContext, unpaid: Decimal) -> LatePayment | None:
    days = ctx.request.days_late
    rule = ctx.category.late_payment
    if days is None:
        return None
    cd = ctx.contract_demand or ZERO
    if rule is None or (rule.min_contract_demand is not None and cd < rule.min_contract_demand):
        ctx.note(
            "no_late_payment_surcharge",
            NoteKind.INFO,
            "No delayed payment surcharge for this category, but the prompt-payment rebates "
            "are lost after the due date.",
            "INTERPRETATION D1",
        )
        return None
    if rule.assumption is not None:
        ctx.assume(rule.assumption)
        percent = ctx.assumption_value(rule.assumption)
    else:
        assert rule.percent_per_month is not None
        percent = rule.percent_per_month
    amount = to_paisa(unpaid * percent / HUNDRED * Decimal(days) / _DAYS_PER_MONTH_FOR_DPS)
    return LatePayment(
        days_late=days,
        percent_per_month=percent,
        base=unpaid,
        amount=amount,
        reference=rule.reference,
    )
