"""The assisted-estimate form: which fields a category needs, and reading them into a bill.

Only the fields the chosen category asks for (its ``asks`` in the tariff data) are read; a
value left in a field of another category is ignored. The units come from the units field, else
from the two readings, else from the appliances at home (:mod:`bot.console.appliances`: an
approximation, and the entry keeps the appliances to say so). Numbers may be written with Odia or
Devanagari digits and Indian grouping commas. Problems come back as a message per field (the
messages of :mod:`bot.console.messages`), never as an exception.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from bot.appliances import estimate_units
from bot.console import messages as cm
from bot.console.appliances import read_appliances
from bot.i18n.catalogs import LANGUAGES, Language
from bot.rendering.labels import METER_NAMES
from tariff_core import (
    Ask,
    BillEstimate,
    BillRequest,
    InvalidRequestError,
    MeterType,
    MissingFigureError,
    TariffError,
    estimate,
    units_from_readings,
)
from tariff_core.schema import TariffOrder

__all__ = [
    "ASK_FIELDS",
    "NUMBER_FIELDS",
    "EstimateForm",
    "FormResult",
    "parse_number",
    "read_estimate_form",
    "request_from_inputs",
]

#: The form fields that carry each figure a category may ask for.
ASK_FIELDS: Final[dict[Ask, tuple[str, ...]]] = {
    Ask.UNITS: ("units", "previous_reading", "present_reading", "appliances"),
    Ask.CONTRACT_DEMAND: ("contract_demand",),
    Ask.MAX_DEMAND: ("max_demand",),
    Ask.KWH: ("kwh",),
    Ask.TOD_SPLIT: ("solar_units", "peak_units"),
    Ask.RURAL: ("rural",),
    Ask.METER: ("meter",),
    Ask.EBILL: ("ebill",),
}
#: Figures entered as numbers (the rest are choices and tick boxes).
NUMBER_FIELDS: Final = (
    "units",
    "previous_reading",
    "present_reading",
    "contract_demand",
    "max_demand",
    "kwh",
    "solar_units",
    "peak_units",
)
#: Largest figure accepted in any number field: far above any real meter.
MAX_FIGURE: Final = Decimal(10) ** 10
#: Longest consumer name kept.
MAX_NAME_CHARS: Final = 80

_NATIVE_DIGITS: Final = str.maketrans(
    {**{chr(0x0B66 + d): str(d) for d in range(10)}, **{chr(0x0966 + d): str(d) for d in range(10)}}
)
_GROUPING: Final = re.compile(r"[,\s]")
_MONTH: Final = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_MOBILE: Final = re.compile(r"(?:\+?91|0)?([6-9]\d{9})")


def parse_number(text: str) -> Decimal | None:
    """``text`` as a non-negative Decimal (native digits and commas accepted), or None."""
    cleaned = _GROUPING.sub("", text.translate(_NATIVE_DIGITS))
    if not cleaned or not re.fullmatch(r"\d+(\.\d+)?", cleaned):
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value <= MAX_FIGURE else None


@dataclass
class EstimateForm:
    """What the agent typed (kept to show the form again) and the problems found."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FormResult:
    """A form that estimated: the request, the estimate, the consumer's details."""

    request: BillRequest
    estimate: BillEstimate
    language: Language
    inputs: dict[str, Any]
    consumer_name: str
    consumer_number: str


def read_estimate_form(
    values: dict[str, str], order_for: Any, default_month: dt.date
) -> FormResult | EstimateForm:
    """Read the posted ``values``; ``order_for(month)`` gives the tariff order of a month.

    Returns a :class:`FormResult`, or the :class:`EstimateForm` with its errors.
    """
    form = EstimateForm(values={k: v.strip() for k, v in values.items()})
    got = form.values
    errors = form.errors
    language: Language = "or"
    chosen_language = got.get("consumer_lang", "")
    if chosen_language in LANGUAGES:
        language = chosen_language
    month = _month(got.get("month", ""), default_month)
    if month is None:
        errors["month"] = cm.ERROR_MONTH
        return form
    try:
        order: TariffOrder = order_for(month)
    except TariffError:
        errors["month"] = cm.ERROR_MONTH
        return form
    category_id = got.get("category", "")
    category = order.categories.get(category_id)
    if category is None:
        errors["category"] = cm.ERROR_CATEGORY
        return form
    wanted = {name for ask in category.asks for name in ASK_FIELDS.get(ask, ())}
    numbers: dict[str, Decimal] = {}
    for name in NUMBER_FIELDS:
        text = got.get(name, "")
        if name not in wanted or not text:
            continue
        value = parse_number(text)
        if value is None:
            errors[name] = cm.ERROR_NUMBER
        else:
            numbers[name] = value
    number = _consumer_number(got.get("consumer_number", ""))
    if number is None:
        errors["consumer_number"] = cm.ERROR_PHONE
    if errors:
        return form
    inputs: dict[str, Any] = {"category": category_id, "month": month.strftime("%Y-%m")}
    units = numbers.get("units")
    previous, present = numbers.get("previous_reading"), numbers.get("present_reading")
    if units is None and (previous is None or present is None) and "appliances" in wanted:
        items, problems = read_appliances(got, parse_number)
        if problems:
            errors.update(problems)
            return form
        if items:
            units = estimate_units(items).units_for_bill
            inputs["appliances"] = [
                item.model_dump(mode="json", exclude_none=True) for item in items
            ]
    if units is None:
        if previous is None or present is None:
            errors["units"] = cm.ERROR_UNITS
            return form
        try:
            units = units_from_readings(previous, present).units
        except InvalidRequestError:
            errors["previous_reading"] = cm.ERROR_READINGS
            return form
        inputs["previous_reading"] = str(previous)
        inputs["present_reading"] = str(present)
    request_fields: dict[str, Any] = {"category": category_id, "month": month, "units": units}
    for name in ("contract_demand", "max_demand", "kwh", "solar_units", "peak_units"):
        if name in numbers:
            request_fields[name] = numbers[name]
    if "contract_demand" in request_fields and not request_fields["contract_demand"]:
        errors["contract_demand"] = cm.ERROR_NUMBER
        return form
    if "rural" in wanted and got.get("rural"):
        request_fields["rural"] = True
    if "ebill" in wanted and got.get("ebill"):
        request_fields["ebill"] = True
    if "meter" in wanted and got.get("meter") in METER_NAMES:
        request_fields["meter"] = MeterType(got["meter"])
    try:
        request = BillRequest(**request_fields)
        result = estimate(request)
    except MissingFigureError as exc:
        errors[exc.field if exc.field in wanted else "category"] = cm.ERROR_REQUIRED
        return form
    except (TariffError, ValueError):
        errors["units"] = cm.ERROR_ESTIMATE
        return form
    inputs.update(
        {k: str(v) if isinstance(v, Decimal | MeterType) else v for k, v in request_fields.items()}
    )
    inputs["month"] = month.strftime("%Y-%m")
    return FormResult(
        request=request,
        estimate=result,
        language=language,
        inputs=inputs,
        consumer_name=got.get("consumer_name", "")[:MAX_NAME_CHARS],
        consumer_number=number or "",
    )


#: What a log entry's inputs keep beside the bill request: where its units came from.
UNITS_SOURCES: Final = ("previous_reading", "present_reading", "appliances")


def request_from_inputs(inputs: dict[str, Any]) -> BillRequest:
    """The bill request a log entry's inputs were estimated from."""
    fields = {k: v for k, v in inputs.items() if k not in UNITS_SOURCES}
    return BillRequest.model_validate_json(json.dumps(fields))


def _month(text: str, default: dt.date) -> dt.date | None:
    if not text:
        return default
    match = _MONTH.fullmatch(text)
    return dt.date(int(match[1]), int(match[2]), 1) if match else None


def _consumer_number(text: str) -> str | None:
    """ "" for none, the number as +91XXXXXXXXXX, or None when it is not a mobile number."""
    cleaned = re.sub(r"[\s\-()]", "", text.translate(_NATIVE_DIGITS))
    if not cleaned:
        return ""
    match = _MOBILE.fullmatch(cleaned)
    return f"+91{match[1]}" if match else None
