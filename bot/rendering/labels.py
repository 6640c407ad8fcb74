"""Translated names for the codes tariff_core uses: bill lines, rebates, notes, meters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date

from bot import messages as m
from bot.categories import NAMES
from bot.i18n.catalogs import Translator
from bot.i18n.formatting import BABEL_LOCALES, format_number, format_rupees
from tariff_core import Line, Note

REBATE_LABELS = {
    "prompt_payment": m.REBATE_PROMPT_PAYMENT,
    "rural": m.REBATE_RURAL,
    "digital": m.REBATE_DIGITAL,
    "ebill": m.REBATE_EBILL,
    "prepaid": m.REBATE_PREPAID,
    "load_factor": m.REBATE_LOAD_FACTOR,
    "steel_load_factor": m.REBATE_STEEL,
    "aluminium_load_factor": m.REBATE_ALUMINIUM,
    "railway_traction": m.REBATE_RAILWAY,
    "sc_st_hostel": m.REBATE_SC_ST_HOSTEL,
    "swajala_dhara": m.REBATE_SWAJALA_DHARA,
    "mega_lift": m.REBATE_MEGA_LIFT,
    "march_special": m.REBATE_MARCH,
}

METER_NAMES = {
    "single-phase-static": m.METER_SINGLE_PHASE_STATIC,
    "single-phase-smart": m.METER_SINGLE_PHASE_SMART,
    "three-phase-whole-current": m.METER_THREE_PHASE,
    "three-phase-lt-ct": m.METER_LT_CT,
    "ht-ct-11kv": m.METER_HT_CT,
    "ht-ct-33kv": m.METER_HT_CT,
    "httv": m.METER_HTTV,
}

#: Notes worth showing the consumer, by code, with the message that says them briefly.
NOTE_MESSAGES = {
    "single_phase_max_kw": m.NOTE_SINGLE_PHASE,
    "digital_rebate_base": m.NOTE_DIGITAL_BASE,
    "billing_demand_floor_percent": m.NOTE_DEMAND_FLOOR,
    "load_factor_uses_contract_demand": m.NOTE_LF_CONTRACT,
    "prompt_payment_percent_rebate_dps": m.NOTE_REBATE_DPS,
    "dps_percent_per_month_other": m.NOTE_DPS_RATE,
    "contract_demand_billed": m.NOTE_CONTRACT_DEMAND_BILLED,
    "rural_meter_is_correct": m.NOTE_RURAL_METER,
}


def category_name(category_id: str, t: Translator) -> str:
    """The translated short name of a category."""
    return t.gettext(NAMES[category_id])


def month_name(month: str, t: Translator) -> str:
    """``2026-05`` as "May 2026" in the user's language."""
    year, number = (int(part) for part in month.split("-"))
    return format_date(dt.date(year, number, 1), "MMMM y", locale=BABEL_LOCALES[t.lang])


def money(amount: Decimal, t: Translator) -> str:
    """Rupees with Indian grouping."""
    return format_rupees(amount, t.lang)


def number(value: Decimal, t: Translator) -> str:
    """A quantity with Indian grouping and at most two decimals."""
    return format_number(value, t.lang)


def unit_word(unit: str, t: Translator) -> str:
    """ "units" for kWh (the word people use), else the unit's symbol."""
    return t.gettext(m.UNITS_WORD) if unit == "kWh" else unit


def line_label(line: Line, t: Translator) -> str:
    """The translated label of a bill line."""
    p = line.params
    if line.code == "energy":
        slab = p.get("slab")
        if slab == "flat":
            return t.gettext(m.LINE_ENERGY)
        if slab in ("lf_up_to", "lf_above"):
            msg = m.LINE_ENERGY_LF_UP_TO if slab == "lf_up_to" else m.LINE_ENERGY_LF_ABOVE
            return t.format(msg, threshold=p["threshold"])
        if slab == "ev":
            return t.gettext(m.LINE_ENERGY_EV)
        if slab == "educational_share":
            return t.format(m.LINE_ENERGY_EDUCATION, percent=p["percent"])
        if slab == "cgp":
            return t.gettext(m.LINE_ENERGY_CGP)
        if slab == "cgp_peak":
            return t.gettext(m.LINE_ENERGY_CGP_PEAK)
        if p.get("slab_to"):
            return t.format(m.LINE_ENERGY_SLAB, first=p["slab_from"], last=p["slab_to"])
        return t.format(m.LINE_ENERGY_ABOVE, limit=int(p["slab_from"]) - 1)
    if line.code == "tod":
        return t.gettext(m.LINE_TOD_SOLAR if p.get("period") == "solar" else m.LINE_TOD_PEAK)
    if line.code == "fixed":
        part = p.get("part")
        if part == "kutir_jyoti":
            return t.gettext(m.LINE_KUTIR_JYOTI)
        if part == "additional":
            return t.format(m.LINE_FIXED_MORE, count=number(line.quantity, t), unit=line.unit)
        return t.format(m.LINE_FIXED_FIRST, unit=line.unit)
    demand = f"{number(line.quantity, t)} {line.unit}"
    if line.code == "demand":
        return t.format(m.LINE_DEMAND, demand=demand)
    if line.code == "overdrawal":
        return t.format(m.LINE_OVERDRAWAL, demand=demand)
    if line.code == "customer_service":
        return t.gettext(m.LINE_CUSTOMER_SERVICE)
    return t.gettext(m.LINE_METER_RENT)


def note_text(note: Note, t: Translator) -> str | None:
    """A brief translated statement of an assumption note, or None if not shown."""
    if note.code == "default_contract_demand":
        return t.format(m.NOTE_DEFAULT_LOAD, value=note.params["demand"], unit=note.params["unit"])
    if note.code == "default_meter":
        meter = METER_NAMES.get(note.params.get("meter", ""))
        return t.format(m.NOTE_DEFAULT_METER, meter=t.gettext(meter)) if meter else None
    message = NOTE_MESSAGES.get(note.code)
    if message is None:
        return None
    value = note.params.get("value", "")
    percent = f"{number(Decimal(value), t)}%" if _is_number(value) else ""
    return t.format(message, percent=percent, value=value)


def percent(value: Decimal, t: Translator) -> str:
    """A percentage such as ``10%``."""
    return f"{number(value, t)}%"


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True
