"""Rebate options: what the consumer earns or can still earn (INTERPRETATION R1-R6).

Each rebate is computed on its own base from the charge lines; they add, never chain, and they
are never subtracted from the charges total. Whether a payable figure subtracts one depends on
its timing and on what the request says the consumer does (pays digitally, e-bill, prepaid).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from tariff_core.codes import RebateCode
from tariff_core.context import BillContext
from tariff_core.models import Line, NoteKind, Phase, RebateOption, RebateTiming
from tariff_core.money import HUNDRED, ZERO, paise_to_rupees, to_paisa
from tariff_core.schema import LoadFactorRebate, PromptPaymentColumn, SteelBand, Voltage

_TIMELY = RebateTiming.BY_DUE_DATE


def _sum(lines: Iterable[Line], *codes: str) -> Decimal:
    return sum((ln.amount for ln in lines if ln.code in codes), ZERO)


def rebate(
    code: str,
    label: str,
    condition: str,
    timing: RebateTiming,
    amount: Decimal,
    reference: str,
    counted: bool = True,
    **params: object,
) -> RebateOption:
    """A rebate option, its amount rounded half-up to the paisa."""
    return RebateOption(
        code=RebateCode(code),  # an unknown code fails here, not silently in a reader
        label=label,
        condition=condition,
        timing=timing,
        amount=to_paisa(amount),
        reference=reference,
        counted=counted,
        params={k: str(v) for k, v in params.items()},
    )


def rebate_options(
    ctx: BillContext, lines: list[Line], charges_total: Decimal
) -> list[RebateOption]:
    """Every rebate this consumer earns or can earn this month."""
    options: list[RebateOption] = []
    prompt = _prompt_payment(ctx, lines)
    if prompt is not None:
        options.append(prompt)
    for rule in (
        _rural,
        _digital,
        _lt_industry_lf,
        _eht_industry_lf,
        _steel_plant,
        _aluminium,
        _railway,
        _sc_st_hostel,
        _swajala_dhara,
        _mega_lift,
    ):
        found = rule(ctx, lines)
        if found is not None:
            options.append(found)
    march = _march_special(ctx, prompt)
    if march is not None:
        options.append(march)
    options.extend(_choices(ctx, lines))
    return options


def _prompt_payment(ctx: BillContext, lines: list[Line]) -> RebateOption | None:
    provisions = ctx.order.provisions
    column = ctx.category.prompt_payment
    if column is PromptPaymentColumn.REBATE_10:
        rule = provisions.prompt_payment_rebate_10
        return rebate(
            "prompt_payment",
            "Prompt payment rebate",
            "Pay the whole bill by the due date.",
            _TIMELY,
            ctx.units * paise_to_rupees(rule.paise_per_unit),
            rule.reference,
            paise_per_unit=rule.paise_per_unit,
            units=ctx.units,
        )
    if column is PromptPaymentColumn.REBATE_DPS:
        dps_rule = provisions.prompt_payment_rebate_dps
        assert dps_rule.assumption is not None
        percent = ctx.assumption_value(dps_rule.assumption)
        ctx.assume(dps_rule.assumption)
        base = _sum(lines, "energy", "tod", "fixed", "demand", "customer_service")
        return rebate(
            "prompt_payment",
            "Prompt payment rebate",
            "Pay the whole bill by the due date.",
            _TIMELY,
            base * percent / HUNDRED,
            dps_rule.reference,
            percent=percent,
            base=base,
        )
    return None


def _claimed_for(
    ctx: BillContext,
    claimed: bool,
    categories: tuple[str, ...],
    code: str,
    why_not: str,
    reference: str,
) -> bool:
    """Whether a rebate the request claims (a flag) applies to this category; when it is
    claimed for another category, say so in a note instead of silently ignoring the flag."""
    if not claimed:
        return False
    if ctx.category_id in categories:
        return True
    ctx.note(f"{code}_not_applicable", NoteKind.ELIGIBILITY, why_not, reference)
    return False


def _rural(ctx: BillContext, lines: list[Line]) -> RebateOption | None:
    rule = ctx.order.provisions.rural
    if not _claimed_for(
        ctx,
        ctx.request.rural,
        rule.categories,
        "rural",
        "The rural rebate is for LT domestic consumers only.",
        rule.reference,
    ):
        return None
    ctx.assume("rural_meter_is_correct")
    return rebate(
        "rural",
        "Rural rebate",
        "Rural domestic consumer with a correct meter; pay by the due date.",
        _TIMELY,
        ctx.units * paise_to_rupees(rule.paise_per_unit),
        rule.reference,
        paise_per_unit=rule.paise_per_unit,
    )


def _digital(ctx: BillContext, lines: list[Line]) -> RebateOption | None:
    rule = ctx.order.provisions.digital
    if ctx.category_id not in rule.categories:
        return None
    phase = ctx.phase_used()  # notes the single-phase limit when the phase was not given
    if ctx.category_id in rule.single_phase_only and phase is not Phase.SINGLE:
        return None
    ctx.assume("digital_rebate_base")
    base = _sum(lines, *ctx.order.assumptions["digital_rebate_base"].line_codes)
    return rebate(
        "digital",
        "Digital payment rebate",
        "Pay the whole bill digitally (UPI, card, net banking, the discom's app) or at a "
        "Jan Seva Kendra by the due date.",
        RebateTiming.DIGITAL_BY_DUE_DATE,
        base * rule.percent / HUNDRED,
        rule.reference,
        counted=ctx.request.pays_digitally,
        percent=rule.percent,
        base=base,
    )


def _lt_industry_lf(ctx: BillContext, lines: list[Line]) -> RebateOption | None:
    rule = ctx.order.provisions.lt_industry_load_factor
    if ctx.category_id not in rule.categories:
        return None
    lf = ctx.load_factor  # None when the contract demand was only assumed
    if lf is None:
        ctx.note(
            "lt_industry_lf_unknown",
            NoteKind.ELIGIBILITY,
            "Give the contract demand to check the load-factor rebate of note (iv).",
            rule.reference,
        )
        return None
    if lf <= rule.above_load_factor_percent:
        ctx.note(
            "lt_industry_lf_low",
            NoteKind.ELIGIBILITY,
            f"Load factor {lf:.1f} % is not above {rule.above_load_factor_percent} %: no "
            "load-factor rebate.",
            rule.reference,
            load_factor=f"{lf:.1f}",
        )
        return None
    return rebate(
        "load_factor",
        "Load factor rebate",
        f"Load factor above {rule.above_load_factor_percent} %; pay by the due date.",
        _timing(rule.needs_payment_by_due_date),
        _load_factor_rebate_units(ctx.units, lf, rule) * paise_to_rupees(rule.paise_per_unit),
        rule.reference,
        load_factor=f"{lf:.2f}",
    )


def _eht_industry_lf(ctx: BillContext, lines: list[Line]) -> RebateOption | None:
    rule = ctx.order.provisions.eht_industry_load_factor
    lf = ctx.load_factor
    if ctx.category_id not in rule.categories or lf is None:
        return None
    if lf <= rule.above_load_factor_percent:
        return None
    beyond = _load_factor_rebate_units(ctx.units, lf, rule)
    return rebate(
        "load_factor",
        "EHT load factor rebate",
        f"Units beyond {rule.above_load_factor_percent} % load factor.",
        _timing(rule.needs_payment_by_due_date),
        beyond * paise_to_rupees(rule.paise_per_unit),
        rule.reference,
        units_beyond=f"{beyond:.2f}",
        load_factor=f"{lf:.2f}",
    )


def _timing(needs_payment_by_due_date: bool) -> RebateTiming:
    """A rebate the data says is earned only by paying on time, or one earned regardless."""
    return _TIMELY if needs_payment_by_due_date else RebateTiming.ALWAYS


def _load_factor_rebate_units(units: Decimal, lf: Decimal, rule: LoadFactorRebate) -> Decimal:
    """The units a load-factor rebate is paid on: every unit (note iv), or only those beyond
    the threshold load factor, units x (LF - threshold) / LF (note iii)."""
    if rule.applies_to == "all_units":
        return units
    return units * (lf - rule.above_load_factor_percent) / lf


def _steel_band(bands: tuple[SteelBand, ...], lf: Decimal, large: bool) -> Decimal | None:
    for band in bands:
        above = lf >= band.above_percent if band.inclusive_lower else lf > band.above_percent
        below = band.up_to_percent is None or lf <= band.up_to_percent
        if above and below:
            return band.percent_above_6mva if large else band.percent_up_to_6mva
    return None


def _excluded_by_cgp_scheme(ctx: BillContext, code: str) -> bool:
    """Notes (vi) and (viii): an industry drawing under that scheme gets no other scheme's
    benefit, so the load-factor schemes of note (ii) are not offered."""
    scheme = ctx.request.cgp_scheme
    if ctx.cgp is None or not ctx.cgp.excludes_other_schemes:  # X3: a scheme that applies
        return False
    assert scheme is not None
    reference = ctx.order.provisions.cgp[scheme.value].reference
    ctx.note(
        code,
        NoteKind.ELIGIBILITY,
        f"Drawing under the scheme of {reference}, the "
        "industry cannot take the load-factor rebate of note (ii) as well.",
        reference,
    )
    return True


def _steel_plant(ctx: BillContext, lines: list[Line]) -> RebateOption | None:
    rule = ctx.order.provisions.steel_plant
    claimed = ctx.request.steel_plant_without_cgp
    # R6: a mini steel plant that does not say is offered the rebate with its condition; a
    # request under a CGP scheme has said enough.
    offered = not claimed and ctx.category_id in rule.offered_to and ctx.request.cgp_scheme is None
    if not (claimed or offered):
        return None
    if claimed and _excluded_by_cgp_scheme(ctx, "steel_plant_excluded_by_cgp_scheme"):
        return None
    cd = ctx.contract_demand or ZERO
    lf = ctx.load_factor
    if ctx.category_id not in rule.categories or cd < rule.min_contract_demand_kva or lf is None:
        if offered:
            return None
        ctx.note(
            "steel_plant_not_eligible",
            NoteKind.ELIGIBILITY,
            "The steel plant load-factor rebate is for HT steel plants without CGP with "
            "contract demand of 1 MVA and above.",
            rule.reference,
        )
        return None
    percent = _steel_band(rule.bands, lf, cd > rule.split_contract_demand_kva)
    if percent is None:
        if offered:
            return None
        ctx.note(
            "steel_plant_lf_low",
            NoteKind.ELIGIBILITY,
            f"Load factor {lf:.1f} % earns no steel plant rebate.",
            rule.reference,
            load_factor=f"{lf:.1f}",
        )
        return None
    base = _sum(lines, "energy", "tod")
    return rebate(
        "steel_load_factor",
        "Steel plant load factor rebate",
        "HT steel plant without CGP, on the month's load factor."
        if claimed
        else "If this is a steel plant without a CGP: on the month's load factor.",
        RebateTiming.ALWAYS,
        base * percent / HUNDRED,
        rule.reference,
        counted=claimed,
        percent=percent,
        load_factor=f"{lf:.2f}",
    )


def _aluminium(ctx: BillContext, lines: list[Line]) -> RebateOption | None:
    rule = ctx.order.provisions.aluminium
    if not ctx.request.aluminium_arc_furnace:
        return None
    if _excluded_by_cgp_scheme(ctx, "aluminium_excluded_by_cgp_scheme"):
        return None
    cd = ctx.contract_demand or ZERO
    lf = ctx.load_factor
    eligible = (
        ctx.category_id in rule.categories
        and rule.above_contract_demand_kva < cd <= rule.up_to_contract_demand_kva
        and lf is not None
        and ctx.meter in rule.supply_meters  # X4: a 33 kV connection
    )
    if not eligible:
        ctx.note(
            "aluminium_not_eligible",
            NoteKind.ELIGIBILITY,
            "The aluminium rebate is for 33 kV arc furnaces without CGP with contract demand "
            "above 1 MVA up to 6 MVA.",
            rule.reference,
        )
        return None
    assert lf is not None
    if lf <= rule.beyond_load_factor_percent:
        return None
    # X4: the energy charge of the kVAh beyond 85 % LF, all in the lower block of the table.
    graded = [ln for ln in lines if ln.params.get("slab") in ("lf_up_to", "lf_above")]
    lower = next((ln for ln in graded if ln.params.get("slab") == "lf_above"), None)
    if lower is None:
        return None
    beyond = sum((ln.quantity for ln in graded), ZERO) * (lf - rule.beyond_load_factor_percent) / lf
    base = to_paisa(beyond * lower.rate)
    return rebate(
        "aluminium_load_factor",
        "Aluminium industry rebate",
        f"Energy beyond {rule.beyond_load_factor_percent} % load factor.",
        RebateTiming.ALWAYS,
        base * rule.percent / HUNDRED,
        rule.reference,
        percent=rule.percent,
        units_beyond=f"{beyond:.2f}",
        base=base,
    )


def _railway(ctx: BillContext, lines: list[Line]) -> RebateOption | None:
    rule = ctx.order.provisions.railway_traction
    if ctx.category_id not in rule.categories:
        return None
    return rebate(
        "railway_traction",
        "Railway traction rebate",
        "Every unit consumed.",
        _timing(rule.needs_payment_by_due_date),
        ctx.units * rule.rupees_per_unit,
        rule.reference,
    )


def _sc_st_hostel(ctx: BillContext, lines: list[Line]) -> RebateOption | None:
    rule = ctx.order.provisions.sc_st_hostel
    if not _claimed_for(
        ctx,
        ctx.request.sc_st_hostel,
        rule.categories,
        "sc_st_hostel",
        "The SC/ST hostel rebate is under Specified Public Purpose (LT or HT) only.",
        rule.reference,
    ):
        return None
    return rebate(
        "sc_st_hostel",
        "SC/ST hostel rebate",
        "Hostel of a school run by the SC/ST Department.",
        _timing(rule.needs_payment_by_due_date),
        ctx.units * rule.rupees_per_unit,
        rule.reference,
    )


def _swajala_dhara(ctx: BillContext, lines: list[Line]) -> RebateOption | None:
    rule = ctx.order.provisions.swajala_dhara
    if not _claimed_for(
        ctx,
        ctx.request.swajala_dhara,
        rule.categories,
        "swajala_dhara",
        "The Swajala Dhara rebate is under Public Water Works only.",
        rule.reference,
    ):
        return None
    ctx.assume(rule.base)
    base = _sum(lines, *ctx.order.assumptions[rule.base].line_codes)
    return rebate(
        "swajala_dhara",
        "Swajala Dhara rebate",
        "Pay by the due date.",
        _TIMELY,
        base * rule.percent / HUNDRED,
        rule.reference,
        percent=rule.percent,
    )


def _mega_lift(ctx: BillContext, lines: list[Line]) -> RebateOption | None:
    rule = ctx.order.provisions.mega_lift
    if not _claimed_for(
        ctx,
        ctx.request.mega_lift,
        rule.categories,
        "mega_lift",
        "Mega lift consumers are billed as HT or EHT General Purpose.",
        rule.reference,
    ):
        return None
    solar = ctx.request.solar_units
    if not solar:
        ctx.assume("mega_lift_unsplit_units_outside_solar")
    amount = solar * rule.solar_rupees_per_kvah + (ctx.units - solar) * rule.other_rupees_per_kvah
    return rebate(
        "mega_lift",
        "Mega lift rebate",
        f"Rs {rule.solar_rupees_per_kvah} a unit in solar hours, "
        f"Rs {rule.other_rupees_per_kvah} in other hours.",
        RebateTiming.ALWAYS,
        amount,
        rule.reference,
    )


def _march_special(ctx: BillContext, prompt: RebateOption | None) -> RebateOption | None:
    rule = ctx.order.provisions.march_special
    if rule is None:
        return None  # withdrawn by the order in force
    if prompt is None or ctx.month.month != rule.month or ctx.category_id not in rule.categories:
        return None
    if ctx.voltage is not Voltage.LT or ctx.phase_used() is not Phase.SINGLE:
        return None
    return rebate(
        "march_special",
        "Year-end special rebate",
        "Paid all 12 bills of the financial year by their due dates, and this one too.",
        _TIMELY,
        prompt.amount,
        rule.reference,
        counted=ctx.request.paid_on_time_all_year,
    )


def _choices(ctx: BillContext, lines: list[Line]) -> list[RebateOption]:
    """e-bill and prepaid: choices every consumer can make."""
    provisions = ctx.order.provisions
    request = ctx.request
    found = [
        rebate(
            "ebill",
            "e-bill discount",
            "Choose to receive the bill by e-mail or WhatsApp instead of paper.",
            RebateTiming.EBILL,
            provisions.ebill.rupees_per_bill,
            provisions.ebill.reference,
            counted=request.ebill,
        )
    ]
    prepaid = provisions.prepaid
    if ctx.voltage is Voltage.LT or request.prepaid:
        assert prepaid.percent is not None
        if request.prepaid:
            ctx.assume("prepaid_rebate_base")
        found.append(
            rebate(
                "prepaid",
                "Prepaid rebate",
                "Recharge a prepaid (smart) meter instead of paying a monthly bill.",
                RebateTiming.PREPAID,
                _sum(lines, *ctx.order.assumptions["prepaid_rebate_base"].line_codes)
                * prepaid.percent
                / HUNDRED,
                prepaid.reference,
                counted=request.prepaid,
                percent=prepaid.percent,
            )
        )
    return found
