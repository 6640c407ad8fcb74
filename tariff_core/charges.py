"""The charge lines of a bill: energy, ToD, fixed or demand, overdrawal, customer service, meter
rent. Each function reads a :class:`BillContext` and returns lines; none subtracts a rebate."""

from __future__ import annotations

from decimal import Decimal

from tariff_core.codes import LineCode, code_of
from tariff_core.context import BillContext
from tariff_core.errors import InvalidRequestError, MissingFigureError
from tariff_core.models import Line, NoteKind
from tariff_core.money import (
    HUNDRED,
    ZERO,
    ceil_whole,
    paise_to_rupees,
    to_paisa,
)
from tariff_core.schema import Category, SlabMethod

ONE = Decimal(1)
#: A blended or prorated rate is shown to at least four places, more where the quantity needs
#: them for quantity x rate to give the amount (X7).
SHOWN_RATE_PLACES = 4
_MOST_RATE_PLACES = 20


def shown_rate(quantity: Decimal, rate: Decimal, amount: Decimal) -> Decimal:
    """``rate`` cut to the fewest places (four at least) with which ``quantity`` × it still
    rounds to ``amount``: a rate of the order (5.85) is shown as it is."""
    exponent = rate.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= -SHOWN_RATE_PLACES:
        return rate
    for places in range(SHOWN_RATE_PLACES, _MOST_RATE_PLACES + 1):
        cut = rate.quantize(Decimal(1).scaleb(-places))
        if to_paisa(quantity * cut) == amount:
            return cut
    return rate


def line(
    code: str,
    label: str,
    quantity: Decimal,
    unit: str,
    rate: Decimal,
    reference: str,
    amount: Decimal | None = None,
    **params: object,
) -> Line:
    """A bill line; ``amount`` defaults to quantity × rate rounded half-up to the paisa, and a
    rate with many places (blended, prorated) is shown to the places that reproduce it (X7)."""
    paid = to_paisa(quantity * rate) if amount is None else to_paisa(amount)
    return Line(
        code=code_of(LineCode, code),  # an unknown code fails here, not silently in a reader
        label=label,
        quantity=quantity,
        unit=unit,
        rate=rate if amount is not None else shown_rate(quantity, rate, paid),
        amount=paid,
        reference=reference,
        params={k: str(v) for k, v in params.items()},
    )


def energy_lines(ctx: BillContext) -> list[Line]:
    """Energy charge lines, one per slab used (E1-E4, E6, E7, notes vi-viii)."""
    request = ctx.request
    provisions = ctx.order.provisions
    multiplier = provisions.temporary.energy_multiplier if request.temporary else ONE
    if request.temporary:
        ctx.note(
            "temporary_connection",
            NoteKind.INFO,
            "Temporary connection: energy charges are 10 % higher.",
            provisions.temporary.reference,
        )
    unit = ctx.energy_unit
    ev = provisions.ev_charging
    if request.ev_charging_station and ctx.category_id in ev.categories:
        ctx.note(
            "ev_single_part",
            NoteKind.INFO,
            "Public EV charging: a single-part tariff of Rs 5.00 a unit, "
            "no fixed or demand charge.",
            ev.reference,
        )
        return [
            line(
                "energy",
                "EV charging energy",
                ctx.units,
                unit,
                ev.rupees_per_unit * multiplier,
                ev.reference,
                slab="ev",
            )
        ]
    units = ctx.units
    lines: list[Line] = []
    cgp = _cgp_lines(ctx, multiplier)
    if cgp:
        units -= sum((ln.quantity for ln in cgp), ZERO)
    edu = provisions.educational_institution
    if request.educational_institution and ctx.category_id in edu.categories:
        share = units * edu.share_percent / HUNDRED
        other = ctx.order.categories[edu.share_billed_as].energy.slabs[0]
        lines.append(
            line(
                "energy",
                f"{edu.share_percent} % at the HT bulk domestic rate",
                share,
                unit,
                paise_to_rupees(other.paise) * multiplier,
                edu.reference,
                slab="educational_share",
                percent=edu.share_percent,
            )
        )
        units -= share
    lines.extend(_category_energy(ctx, ctx.category, units, multiplier))
    lines.extend(cgp)
    return lines


def _category_energy(
    ctx: BillContext, category: Category, units: Decimal, multiplier: Decimal
) -> list[Line]:
    energy = category.energy
    unit = energy.billed_in.value
    if energy.method is SlabMethod.LOAD_FACTOR:
        return _load_factor_energy(ctx, units, multiplier)
    if energy.method is SlabMethod.FLAT:
        rate = paise_to_rupees(energy.slabs[0].paise) * multiplier
        return [line("energy", "Energy charge", units, unit, rate, energy.reference, slab="flat")]
    lines: list[Line] = []
    lower = ZERO
    # M5: a bill for several whole months widens every slab by the months it covers.
    widen = Decimal(ctx.months)
    for slab in energy.slabs:
        upper = slab.up_to * widen if slab.up_to is not None else None
        if units <= lower and lines:
            break
        in_slab = (min(units, upper) if upper is not None else units) - lower
        in_slab = max(in_slab, ZERO)
        rate = paise_to_rupees(slab.paise) * multiplier
        first = lower + 1
        label = (
            f"Energy {first}-{upper} units" if upper is not None else f"Energy above {lower} units"
        )
        lines.append(
            line(
                "energy",
                label,
                in_slab,
                unit,
                rate,
                energy.reference,
                slab_from=first,
                slab_to=upper if upper is not None else "",
            )
        )
        if upper is None:
            break
        lower = upper
    return lines


def _load_factor_energy(ctx: BillContext, units: Decimal, multiplier: Decimal) -> list[Line]:
    """HT/EHT energy by the graded load-factor table (E3)."""
    table_name = ctx.category.energy.load_factor_table
    assert table_name is not None
    table = ctx.order.provisions.load_factor_tables[table_name]
    lf = ctx.load_factor
    assert lf is not None, "load-factor categories require kWh and contract demand"
    high_rate = paise_to_rupees(table.up_to_threshold.paise) * multiplier
    low_rate = paise_to_rupees(table.above_threshold.paise) * multiplier
    threshold = table.threshold_percent
    if lf <= threshold:
        return [
            line(
                "energy",
                f"Energy at load factor up to {threshold} %",
                units,
                "kVAh",
                high_rate,
                table.reference,
                slab="lf_up_to",
                threshold=threshold,
            )
        ]
    high_units = units * threshold / lf
    return [
        line(
            "energy",
            f"Energy at load factor up to {threshold} %",
            high_units,
            "kVAh",
            high_rate,
            table.reference,
            slab="lf_up_to",
            threshold=threshold,
        ),
        line(
            "energy",
            f"Energy at load factor above {threshold} %",
            units - high_units,
            "kVAh",
            low_rate,
            table.reference,
            slab="lf_above",
            threshold=threshold,
        ),
    ]


def _cgp_lines(ctx: BillContext, multiplier: Decimal) -> list[Line]:
    """Incremental drawal of an industry under a CGP scheme (notes vi-viii)."""
    request = ctx.request
    scheme = ctx.cgp  # None also when the scheme's conditions fail (X3, context)
    if scheme is None:
        return []
    if request.incremental_kvah is None:
        raise MissingFigureError(ctx.category_id, "incremental_kvah", "kVAh drawn under the scheme")
    incremental = request.incremental_kvah
    if incremental > ctx.units:
        raise InvalidRequestError(
            "the incremental kVAh cannot exceed the month's kVAh", field="incremental_kvah"
        )
    peak = request.incremental_peak_kvah or ZERO
    if peak > incremental:
        raise InvalidRequestError(
            "incremental peak kVAh cannot exceed the incremental kVAh",
            field="incremental_peak_kvah",
        )
    lines: list[Line] = []
    if scheme.peak_rupees_per_kvah is not None and peak:
        lines.append(
            line(
                "energy",
                "Incremental drawal in peak hours",
                peak,
                "kVAh",
                scheme.peak_rupees_per_kvah * multiplier,
                scheme.reference,
                slab="cgp_peak",
            )
        )
        incremental -= peak
    lines.append(
        line(
            "energy",
            "Incremental drawal",
            incremental,
            "kVAh",
            scheme.rupees_per_kvah * multiplier,
            scheme.reference,
            slab="cgp",
        )
    )
    return lines


_CGP_SLABS = ("cgp", "cgp_peak")


def tod_lines(ctx: BillContext, energy: list[Line]) -> list[Line]:
    """ToD adjustments on the normal rate for solar and peak hours (E5)."""
    request = ctx.request
    provision = ctx.tod
    if provision is None:
        if (request.solar_units or request.peak_units) and ctx.order.provisions.tod.at(ctx.month):
            ctx.note(
                "tod_not_applicable",
                NoteKind.ELIGIBILITY,
                "ToD does not apply: it is for smart or AMR meters with contract demand above "
                "10 kW, except irrigation and agriculture.",
                "Note (ix)",
            )
        elif request.solar_units or request.peak_units:
            starts = sorted(d for d, tod in ctx.order.provisions.tod.values.items() if tod)
            later = [d for d in starts if d > ctx.month]
            ctx.note(
                "tod_not_yet",
                NoteKind.ELIGIBILITY,
                f"ToD applies only from {later[0]:%d %B %Y}."
                if later
                else "ToD does not apply in this tariff.",
                "Note (ix)",
            )
        return []
    if not (request.solar_units or request.peak_units):
        ctx.note(
            "tod_no_split",
            NoteKind.INFO,
            "ToD applies to this connection: units in solar hours (8 AM-4 PM) cost 10 % less "
            "and in peak hours (6 PM-midnight) 10 % more. Give the split to see it.",
            provision.reference,
        )
        return []
    units_with_tod = ctx.units
    if ctx.cgp is not None and ctx.cgp.peak_rupees_per_kvah is not None:
        # X3: note (vii)'s incremental drawal has its own peak price and no ToD.
        incremental = [ln for ln in energy if ln.params.get("slab") in _CGP_SLABS]
        energy = [ln for ln in energy if ln.params.get("slab") not in _CGP_SLABS]
        units_with_tod -= sum((ln.quantity for ln in incremental), ZERO)
        ctx.assume("cgp_vii_tod_split_excludes_incremental")
        if request.solar_units + request.peak_units > units_with_tod:
            raise InvalidRequestError(
                f"under {ctx.cgp.reference} the solar- and peak-hour units are of the "
                f"{units_with_tod} kVAh within the scheme's limit: give a split within it",
                field="solar_units",
            )
    if not units_with_tod:
        return []
    normal_rate = sum((ln.amount for ln in energy), ZERO) / units_with_tod
    unit = ctx.energy_unit
    lines: list[Line] = []
    for period, units, factor in (
        ("solar", request.solar_units, provision.solar_factor),
        ("peak", request.peak_units, provision.peak_factor),
    ):
        if not units:
            continue
        rate = normal_rate * (factor - ONE)  # negative in solar hours: a discount
        percent = f"{(abs(factor - ONE) * HUNDRED).normalize():f}"  # from the data, for labels
        change = f"{percent} % {'less' if factor < ONE else 'more'}"
        lines.append(
            line(
                "tod",
                f"ToD {period} hours ({change})",
                units,
                unit,
                rate,  # shown to the places that reproduce the amount (X6)
                provision.reference,
                period=period,
                percent=percent,
            )
        )
    return lines


def fixed_lines(ctx: BillContext) -> list[Line]:
    """LT monthly minimum fixed charge, charged every month (F1, note xiii)."""
    charge = ctx.category.minimum_fixed_charge
    if charge is None or _single_part(ctx):
        return []
    demand = ctx.contract_demand  # the recorded demand where known (note xiii, context)
    assert demand is not None
    billed = max(ceil_whole(demand), ONE)
    unit = ctx.demand_unit
    factor = _proration(ctx)
    # M5: the rate shown is for the whole period, so quantity x rate still gives the amount.
    months = Decimal(ctx.months)
    period = f" for {ctx.months} months" if ctx.months > 1 else ""
    lines = [
        _with_months(
            ctx,
            line(
                "fixed",
                f"Fixed charge, first {unit}{period}",
                ONE,
                unit,
                charge.first.rupees * months * factor,  # the rate used, prorated (X7)
                charge.reference,
                part="first",
            ),
        )
    ]
    if billed > ONE:
        extra = billed - ONE
        lines.append(
            _with_months(
                ctx,
                line(
                    "fixed",
                    f"Fixed charge, {extra} more {unit}{period}",
                    extra,
                    unit,
                    charge.additional.rupees * months * factor,
                    charge.reference,
                    part="additional",
                ),
            )
        )
    return lines


def _with_months(ctx: BillContext, made: Line) -> Line:
    """``made``, with ``months`` in its params when the bill covers several months (M5)."""
    if ctx.months > 1:
        made.params["months"] = str(ctx.months)
    return made


def demand_lines(ctx: BillContext) -> list[Line]:
    """Demand charge on the billing demand, and overdrawal above the permitted limit (F2, F3)."""
    charge = ctx.category.demand_charge
    if charge is None or not charge.rate.rupees or _single_part(ctx):
        return []
    request = ctx.request
    provisions = ctx.order.provisions
    if request.mega_lift and ctx.category_id in provisions.mega_lift.categories:
        ctx.note(
            "mega_lift_no_demand_charge",
            NoteKind.INFO,
            "Mega lift consumers pay no demand charge.",
            provisions.mega_lift.reference,
        )
        return []
    cd = ctx.contract_demand
    assert cd is not None
    unit = ctx.demand_unit
    recorded = request.max_demand
    reference = charge.reference
    # X2: note (xxii) overrides note (xiv), so the ice factory is settled first.
    if request.ice_factory_restriction and ctx.category_id in provisions.ice_factory.categories:
        billing = recorded if recorded is not None else cd
        reference = provisions.ice_factory.reference
        ctx.note(
            "ice_factory",
            NoteKind.INFO,
            "During the fisheries restriction the demand charge is on the actual maximum demand.",
            reference,
        )
    elif request.fy_highest_demand is not None and cd < (
        below := ctx.assumption_value("fy_highest_demand_below_kva")
    ):
        billing = request.fy_highest_demand
        reference = "Note (xiv)"
        ctx.note(
            "fy_highest_demand",
            NoteKind.INFO,
            f"Contract demand below {below} kVA: the year's highest recorded demand is billed.",
            reference,
        )
    elif recorded is not None:
        floor = cd * ctx.assumption_value("billing_demand_floor_percent") / HUNDRED
        if recorded < floor:
            ctx.assume("billing_demand_floor_percent")
        billing = max(recorded, floor)
    else:
        billing = cd
        ctx.note(
            "contract_demand_billed",
            NoteKind.INFO,
            "No recorded maximum demand given: the contract demand is billed.",
            reference,
        )
    factor = _proration(ctx)
    rate = charge.rate.rupees * ctx.months  # M5: the period's rate, one month's when 1
    lines = [
        line(
            "demand",
            "Demand charge",
            billing,
            unit,
            rate * factor,  # the rate used, prorated in a first or final bill (X7)
            reference,
        )
    ]
    over = _overdrawal(ctx, cd, recorded)
    if over:
        lines.append(over)
    return lines


def _overdrawal(ctx: BillContext, cd: Decimal, recorded: Decimal | None) -> Line | None:
    if recorded is None or recorded <= cd:
        return None
    request = ctx.request
    provisions = ctx.order.provisions
    rule = provisions.overdrawal
    charge = ctx.category.demand_charge
    assert charge is not None
    if request.cgp_scheme is not None and ctx.cgp is not None:  # X3: only when it applies
        if request.cgp_scheme.value == "vii":
            return None
        allowance = Decimal(200)
        reference = provisions.cgp[request.cgp_scheme.value].reference
    elif ctx.category_id in rule.railway_categories:
        allowance, reference = rule.railway_allowance_percent, rule.railway_reference
    elif ctx.category.industry and not request.peak_overdrawal:
        ctx.assume("overdrawal_outside_peak_hours")
        allowance, reference = rule.industry_allowance_percent, rule.industry_reference
    else:
        allowance, reference = HUNDRED, rule.reference
    limit = cd * allowance / HUNDRED
    if recorded <= limit:
        return None
    excess = recorded - limit
    return line(
        "overdrawal",
        f"Overdrawal above {allowance} % of contract demand",
        excess,
        ctx.demand_unit,
        charge.rate.rupees,
        reference,
        allowance=allowance,
    )


def customer_service_lines(ctx: BillContext) -> list[Line]:
    """The monthly customer service charge (F4)."""
    charge = ctx.category.customer_service_charge
    if charge is None or _single_part(ctx):
        return []
    return [
        line(
            "customer_service",
            "Customer service charge",
            Decimal(ctx.months),
            "month",
            charge.rupees_per_month,
            charge.reference,
        )
    ]


def meter_rent_lines(ctx: BillContext) -> list[Line]:
    """Monthly meter rent by meter type, within its collection period (F5, note xviii)."""
    rent = ctx.order.provisions.meter_rent
    request = ctx.request
    if request.meter_under_grant_scheme:
        ctx.note(
            "meter_grant_scheme",
            NoteKind.INFO,
            "Meters under grant-based government schemes carry no meter rent.",
            rent.reference,
        )
        return []
    meter = ctx.meter
    if meter is None:
        ctx.note(
            "no_meter_rent_eht",
            NoteKind.INFO,
            "The order lists no meter rent for EHT meters.",
            rent.reference,
        )
        return []
    if request.meter is None:
        defaults = ctx.category.default_meter
        if defaults.single_phase != defaults.three_phase:
            ctx.phase_used()  # X9: the meter was chosen by a phase read from the demand
        ctx.assume("default_meter", meter=meter)
    months = rent.collection_months.get(meter, rent.default_collection_months)
    installed = request.meter_installed
    rent_months = ctx.months
    if installed is not None:
        ctx.assume("meter_rent_first_month_is_installation_month")
        elapsed = (ctx.month.year - installed.year) * 12 + ctx.month.month - installed.month + 1
        # M5: of the months a bill covers, only those within the collection period pay rent.
        rent_months = max(min(ctx.months, months - elapsed + 1), 0)
        if rent_months == 0:
            ctx.note(
                "meter_rent_paid_off",
                NoteKind.INFO,
                f"Meter rent is collected for {months} months only; this meter has paid it.",
                rent.reference,
                months=months,
            )
            return []
    amount = rent.rupees_per_month[meter]
    return [
        line(
            "meter_rent",
            "Meter rent",
            Decimal(rent_months),
            "month",
            amount,
            rent.reference,
            meter=meter,
        )
    ]


def kutir_jyoti_lines(ctx: BillContext) -> list[Line]:
    """Kutir Jyoti within its unit limit: one fixed monthly sum and nothing else (E2)."""
    fixed = ctx.category.energy.fixed_monthly
    assert fixed is not None
    return [
        line(
            "fixed",
            "Kutir Jyoti fixed monthly charge",
            Decimal(ctx.months),
            "month",
            fixed.rupees_per_month,
            ctx.category.energy.reference,
            part="kutir_jyoti",
        )
    ]


def _single_part(ctx: BillContext) -> bool:
    ev = ctx.order.provisions.ev_charging
    return ctx.request.ev_charging_station and ctx.category_id in ev.categories


def _proration(ctx: BillContext) -> Decimal:
    """Fixed and demand charges are prorated by days only in a first or final bill (M4)."""
    days = ctx.request.first_or_final_bill_days
    if days is None or days >= ctx.days_in_month:
        return ONE
    ctx.note(
        "prorated",
        NoteKind.INFO,
        f"First or final bill: fixed and demand charges for {days} of {ctx.days_in_month} days.",
        "INTERPRETATION M4",
        days=days,
        month_days=ctx.days_in_month,
    )
    return Decimal(days) / Decimal(ctx.days_in_month)
