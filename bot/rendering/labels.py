"""Translated names for the codes tariff_core uses: bill lines, rebates, notes, meters.

The codes are closed enums of :mod:`tariff_core.codes`; every member has a label here (or, for
an engine note the consumer is not told, an explicit ``None``), and a code without one fails
loudly (``KeyError``/``ValueError``) instead of being shown under another code's name.
``tests/rendering/test_rendering_labels.py`` checks every member in every language.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from babel.dates import format_date

from bot import messages as m
from bot.categories import NAMES
from bot.i18n.catalogs import Language, Translator
from bot.i18n.formatting import BABEL_LOCALES, format_number, format_rupees
from bot.tariff_source import active_tariff
from tariff_core import Category, Line, LineCode, Note, NoteCode, NoteKind, RebateCode
from tariff_core.schema import DemandRange

#: The label of every rebate code.
REBATE_LABELS: Final[Mapping[RebateCode, str]] = {
    RebateCode.PROMPT_PAYMENT: m.REBATE_PROMPT_PAYMENT,
    RebateCode.RURAL: m.REBATE_RURAL,
    RebateCode.DIGITAL: m.REBATE_DIGITAL,
    RebateCode.EBILL: m.REBATE_EBILL,
    RebateCode.PREPAID: m.REBATE_PREPAID,
    RebateCode.LOAD_FACTOR: m.REBATE_LOAD_FACTOR,
    RebateCode.STEEL_LOAD_FACTOR: m.REBATE_STEEL,
    RebateCode.ALUMINIUM_LOAD_FACTOR: m.REBATE_ALUMINIUM,
    RebateCode.RAILWAY_TRACTION: m.REBATE_RAILWAY,
    RebateCode.SC_ST_HOSTEL: m.REBATE_SC_ST_HOSTEL,
    RebateCode.SWAJALA_DHARA: m.REBATE_SWAJALA_DHARA,
    RebateCode.MEGA_LIFT: m.REBATE_MEGA_LIFT,
    RebateCode.MARCH_SPECIAL: m.REBATE_MARCH,
}

#: The general label of every line code (line_label refines energy, fixed and demand lines
#: with the line's own facts: its slab, its kW, its demand).
LINE_LABELS: Final[Mapping[LineCode, str]] = {
    LineCode.ENERGY: m.LINE_ENERGY,
    LineCode.TOD: m.LINE_TOD_SOLAR,
    LineCode.FIXED: m.LINE_FIXED_FIRST,
    LineCode.DEMAND: m.LINE_DEMAND,
    LineCode.OVERDRAWAL: m.LINE_OVERDRAWAL,
    LineCode.CUSTOMER_SERVICE: m.LINE_CUSTOMER_SERVICE,
    LineCode.METER_RENT: m.LINE_METER_RENT,
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

#: Every engine note: the message that says it briefly under an estimate's "Assumed:", or None
#: for a note the bot does not repeat there (it is said elsewhere, e.g. the Kutir Jyoti line, or
#: it is for the API's readers). A new NoteCode must be added here, by decision.
ENGINE_NOTE_MESSAGES: Final[Mapping[NoteCode, str | None]] = {
    NoteCode.CONTRACT_DEMAND_BILLED: m.NOTE_CONTRACT_DEMAND_BILLED,
    NoteCode.KUTIR_JYOTI_ABOVE_LIMIT: m.NOTE_KUTIR_JYOTI_ABOVE,
    **{
        code: None
        for code in NoteCode
        if code not in (NoteCode.CONTRACT_DEMAND_BILLED, NoteCode.KUTIR_JYOTI_ABOVE_LIMIT)
    },
}

#: Assumption notes worth showing, by the assumption's name in the order's data. Names are data
#: (a new order may add one): any other assumption is summed up as NOTE_TARIFF_READING.
ASSUMPTION_MESSAGES: Final[Mapping[str, str]] = {
    "single_phase_max_kw": m.NOTE_SINGLE_PHASE,
    "digital_rebate_base": m.NOTE_DIGITAL_BASE,
    "billing_demand_floor_percent": m.NOTE_DEMAND_FLOOR,
    "load_factor_uses_contract_demand": m.NOTE_LF_CONTRACT,
    "prompt_payment_percent_rebate_dps": m.NOTE_REBATE_DPS,
    "dps_percent_per_month_other": m.NOTE_DPS_RATE,
    "rural_meter_is_correct": m.NOTE_RURAL_METER,
}


def category_name(category_id: str, t: Translator) -> str:
    """The translated short name of a category; a demand range in it comes from the data."""
    name = NAMES[category_id]
    if "{range}" not in name:
        return t.gettext(name)
    order = active_tariff().orders[-1]
    demand_range = order.categories[category_id].contract_demand_range
    return t.format(name, range=demand_range_text(demand_range, order.categories[category_id], t))


def demand_range_text(demand_range: DemandRange | None, category: Category, t: Translator) -> str:
    """A category's demand range as people say it: "110 kVA and above", "70 to 110 kVA"."""
    if demand_range is None:
        return ""
    unit = category.demand_unit.value
    low = demand_range.at_least if demand_range.at_least is not None else demand_range.above
    high = demand_range.below if demand_range.below is not None else demand_range.up_to
    if low is not None and high is not None:
        return t.format(m.RANGE_BETWEEN, low=number(low, t), high=number(high, t), unit=unit)
    if low is not None:
        return t.format(m.RANGE_FROM, value=number(low, t), unit=unit)
    if high is not None:
        return t.format(m.RANGE_BELOW, value=number(high, t), unit=unit)
    return ""


def month_name(month: str, t: Translator) -> str:
    """``2026-05`` as "May 2026" in the user's language."""
    return _month_name(month, t.lang)


@functools.lru_cache(maxsize=256)
def _month_name(month: str, lang: Language) -> str:
    # Babel parses its pattern and looks the locale up on every call: once a month and language.
    year, number = (int(part) for part in month.split("-"))
    return format_date(dt.date(year, number, 1), "MMMM y", locale=BABEL_LOCALES[lang])


def money(amount: Decimal, t: Translator) -> str:
    """Rupees with Indian grouping."""
    return format_rupees(amount, t.lang)


def number(value: Decimal, t: Translator) -> str:
    """A quantity with Indian grouping and at most two decimals."""
    return format_number(value, t.lang)


def unit_word(unit: str, t: Translator) -> str:
    """ "units" for kWh (the word people use), else the unit's symbol."""
    return t.gettext(m.UNITS_WORD) if unit == "kWh" else unit


def rebate_label(code: str, t: Translator) -> str:
    """The translated label of a rebate; an unknown code raises ``ValueError``."""
    return t.gettext(REBATE_LABELS[RebateCode(code)])


def line_label(line: Line, t: Translator) -> str:
    """The translated label of a bill line; an unknown code raises ``ValueError``."""
    p = line.params
    code = LineCode(line.code)
    if code is LineCode.ENERGY:
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
    if code is LineCode.TOD:
        message = m.LINE_TOD_SOLAR if p.get("period") == "solar" else m.LINE_TOD_PEAK
        return t.format(message, percent=percent(Decimal(p["percent"]), t))
    if code is LineCode.FIXED:
        part = p.get("part")
        if part == "kutir_jyoti":
            return t.gettext(m.LINE_KUTIR_JYOTI)
        if part == "additional":
            return t.format(m.LINE_FIXED_MORE, count=number(line.quantity, t), unit=line.unit)
        return t.format(m.LINE_FIXED_FIRST, unit=line.unit)
    demand = f"{number(line.quantity, t)} {line.unit}"
    if code is LineCode.DEMAND:
        return t.format(m.LINE_DEMAND, demand=demand)
    if code is LineCode.OVERDRAWAL:
        return t.format(m.LINE_OVERDRAWAL, demand=demand)
    return t.gettext(LINE_LABELS[code])


def note_text(note: Note, t: Translator) -> str | None:
    """A brief translated statement of an assumption note, or None if not shown."""
    if note.code == "default_contract_demand":
        return t.format(m.NOTE_DEFAULT_LOAD, value=note.params["demand"], unit=note.params["unit"])
    if note.code == "default_meter":
        meter = METER_NAMES.get(note.params.get("meter", ""))
        return t.format(m.NOTE_DEFAULT_METER, meter=t.gettext(meter)) if meter else None
    if note.kind is NoteKind.ASSUMPTION:
        message = ASSUMPTION_MESSAGES.get(note.code)
    else:
        message = ENGINE_NOTE_MESSAGES[NoteCode(note.code)]
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
