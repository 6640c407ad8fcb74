"""Tariff figures for messages: every rate, limit, date and period a message quotes, read from
the :class:`~tariff_core.TariffOrder` in force and formatted for the reader.

Messages carry placeholders (``{kj_limit}``, ``{tod_start}``, ``{rent_months}``…) and never the
figures themselves, so next year's order changes every answer, tip and explanation without a code
change (issue 8: no tariff figure in Python or in a message catalog).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from babel.dates import format_date

from bot.i18n.catalogs import Translator
from bot.i18n.formatting import BABEL_LOCALES
from bot.memo import IdentityMemo
from bot.rendering.labels import category_name, money, number, percent
from tariff_core import TariffOrder
from tariff_core.schema import PercentRebate, ToDProvision

__all__ = ["first_tod", "tariff_figures"]

#: Categories whose rows hold the figures messages quote: Kutir Jyoti, the ordinary home
#: connection (its default meter, load unit) and General Purpose (the DPS rule of note v).
KUTIR_JYOTI: Final = "1.a"
DOMESTIC: Final = "1.b"
GENERAL_PURPOSE: Final = "2"

_HUNDRED: Final = Decimal(100)
_DATE_PATTERN: Final = "d MMMM y"


#: Figures already formatted, by order and translator (a handful of pairs in use).
_FORMATTED: Final[IdentityMemo[dict[str, str]]] = IdentityMemo(64)


def tariff_figures(order: TariffOrder, t: Translator) -> dict[str, str]:
    """Every tariff figure a message may quote, by placeholder name, formatted for the reader.

    The figures depend on the order and the language only, and many replies quote them (the
    greeting, tips, explanations), so each pair is formatted once per process.
    """
    figures = _FORMATTED.get((order, t), None)
    if figures is None:
        figures = _format_figures(order, t)
        _FORMATTED.put((order, t), None, figures)
    return dict(figures)


def _format_figures(order: TariffOrder, t: Translator) -> dict[str, str]:
    provisions = order.provisions
    domestic = order.categories[DOMESTIC]
    figures: dict[str, str] = {
        "digital": percent(provisions.digital.percent, t),
        "prepaid": percent(_percent(provisions.prepaid, order), t),
        "prompt": money(provisions.prompt_payment_rebate_10.paise_per_unit / _HUNDRED, t),
        "prompt_percent": percent(_percent(provisions.prompt_payment_rebate_dps, order), t),
        "rural": money(provisions.rural.paise_per_unit / _HUNDRED, t),
        "ebill": money(provisions.ebill.rupees_per_bill, t),
        "default_load": _load(
            order.assumptions["default_contract_demand"].number, domestic.demand_unit, t
        ),
        "smart_rent": _smart_meter_rent(order, t),
    }
    figures.update(_dates_and_periods(order, t))
    figures.update(_kutir_jyoti(order, t))
    figures.update(_dps(order, t))
    figures.update(_tod(order, t))
    return figures


def _percent(rebate: PercentRebate, order: TariffOrder) -> Decimal:
    """A percentage rebate's rate, from the order or from the assumption it names."""
    if rebate.percent is not None:
        return rebate.percent
    assert rebate.assumption is not None  # the schema requires one of the two
    return order.assumptions[rebate.assumption].number


def _load(value: Decimal, unit: str, t: Translator) -> str:
    return f"{number(value, t)} {unit}"


def _smart_meter_rent(order: TariffOrder, t: Translator) -> str:
    """The monthly rent of the meter a home with a smart meter has (note xviii)."""
    meter = order.categories[DOMESTIC].default_meter.single_phase_smart
    rents = order.provisions.meter_rent.rupees_per_month
    return money(rents[meter], t) if meter in rents else ""


def _kutir_jyoti(order: TariffOrder, t: Translator) -> dict[str, str]:
    category = order.categories.get(KUTIR_JYOTI)
    fixed = category.energy.fixed_monthly if category else None
    if fixed is None:
        return {"kj_limit": "", "kj_amount": "", "kj_billed_as": ""}
    return {
        "kj_limit": number(fixed.max_units, t),
        "kj_amount": money(fixed.rupees_per_month, t),
        "kj_billed_as": category_name(fixed.above_limit_billed_as, t),
    }


def _dps(order: TariffOrder, t: Translator) -> dict[str, str]:
    """General Purpose's DPS rule (note v) and the rate assumed for the other DPS categories."""
    general = order.categories[GENERAL_PURPOSE]
    rule = general.late_payment
    figures = {"dps_min_load": "", "dps_percent": "", "dps_other_percent": ""}
    if rule is not None and rule.percent_per_month is not None:
        figures["dps_percent"] = percent(rule.percent_per_month, t)
        if rule.min_contract_demand is not None:
            figures["dps_min_load"] = _load(rule.min_contract_demand, general.demand_unit, t)
    other = next(
        (
            c.late_payment.assumption
            for c in order.categories.values()
            if c.late_payment is not None and c.late_payment.assumption is not None
        ),
        None,
    )
    if other is not None:
        figures["dps_other_percent"] = percent(order.assumptions[other].number, t)
    return figures


def first_tod(order: TariffOrder) -> tuple[dt.date, ToDProvision] | None:
    """The first date from which the order has time-of-day rates, and those rates."""
    values = order.provisions.tod.values
    for start in sorted(values):
        provision = values[start]
        if provision is not None:
            return start, provision
    return None


def _tod(order: TariffOrder, t: Translator) -> dict[str, str]:
    found = first_tod(order)
    if found is None:
        return {}
    start, provision = found
    return {
        "tod_start": _date(start, t),
        "tod_min_load": _load(provision.min_contract_demand_kw, "kW", t),
        "tod_discount": percent((1 - provision.solar_factor) * _HUNDRED, t),
        "tod_surcharge": percent((provision.peak_factor - 1) * _HUNDRED, t),
        "solar_from": _clock(provision.solar_hours[0], t),
        "solar_to": _clock(provision.solar_hours[1], t),
        "peak_from": _clock(provision.peak_hours[0], t),
    }


def _clock(hour: int, t: Translator) -> str:
    """An hour of the 24-hour clock as the number said on the 12-hour clock (16 → 4)."""
    return number(Decimal(hour % 12 or 12), t)


def _date(day: dt.date, t: Translator) -> str:
    return format_date(day, _DATE_PATTERN, locale=BABEL_LOCALES[t.lang])


def _dates_and_periods(order: TariffOrder, t: Translator) -> dict[str, str]:
    """When the order took effect, and how long meter rent is collected (note xviii)."""
    rent = order.provisions.meter_rent
    smart = order.categories[DOMESTIC].default_meter.single_phase_smart
    return {
        "effective": _date(order.order.effective_from, t),
        "rent_months": number(Decimal(rent.default_collection_months), t),
        "smart_rent_months": number(
            Decimal(rent.collection_months.get(smart or "", rent.default_collection_months)), t
        ),
    }
