""" "Don't know the units?" on the console: the appliances at home read from the estimate form,
and what the result page says of them.

The form has a row per appliance (``count_<id>``, ``hours_<id>``) and, for a fridge, the kWh a
year on its BEE label (``fridge_kwh``) or its size, stars and type (``fridge_litres``,
``fridge_stars``, ``fridge_type``). :func:`read_appliances` turns them into
:class:`~bot.appliances.ApplianceItem` s (or a message per field); the units for the bill are
:func:`~bot.appliances.estimate_units`' ``units_for_bill``.

The result page says the units are approximate, which appliances use the most, and what the
best change saves in rupees for this consumer: :func:`priced_savings` estimates the bill with
the same inputs, and again with the units each change saves fewer (as the conversation does).
The wording is the bot's own (:mod:`bot.appliances.names`, :mod:`bot.rendering.appliances`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final, get_args

from pydantic import ValidationError

from bot.appliances import (
    ApplianceId,
    ApplianceItem,
    ApplianceUnits,
    Saving,
    default_table,
)
from bot.appliances import names as n
from bot.appliances.savings import price_savings
from bot.appliances.table import FridgeType
from bot.console import messages as cm
from bot.i18n.catalogs import Translator
from bot.rendering.appliances import (
    appliance_lines,
    appliance_name,
    fridge_assumed_line,
    saving_line,
    top_users_line,
    total_line,
)
from tariff_core import BillEstimate, BillRequest, TariffError, estimate

__all__ = [
    "APPLIANCE_ORDER",
    "FRIDGE_FIELDS",
    "FRIDGE_TYPES",
    "ApplianceRow",
    "ApplianceView",
    "appliance_rows",
    "appliance_view",
    "count_field",
    "hours_field",
    "items_from_inputs",
    "priced_savings",
    "read_appliances",
]

#: The form's rows: fans, then lights, then the rest, most common first within each.
APPLIANCE_ORDER: Final[tuple[ApplianceId, ...]] = (
    ApplianceId.FAN,
    ApplianceId.FAN_5_STAR,
    ApplianceId.BLDC_FAN,
    ApplianceId.TUBE_LIGHT,
    ApplianceId.LED_TUBE,
    ApplianceId.LED_BULB,
    ApplianceId.CFL,
    ApplianceId.FRIDGE,
    ApplianceId.TV,
    ApplianceId.COOLER,
    ApplianceId.AC,
    ApplianceId.WATER_PUMP,
    ApplianceId.GEYSER,
    ApplianceId.IRON,
    ApplianceId.MIXER,
    ApplianceId.WASHING_MACHINE,
    ApplianceId.MOSQUITO_REPELLER,
)
#: The fridge's own fields: its label's kWh a year, or its size, stars and type.
FRIDGE_FIELDS: Final = ("fridge_kwh", "fridge_litres", "fridge_stars", "fridge_type")
#: The fridge types, as the form's choice names them.
FRIDGE_TYPES: Final[dict[FridgeType, str]] = {
    "direct_cool": cm.FRIDGE_DIRECT_COOL,
    "frost_free": cm.FRIDGE_FROST_FREE,
}
assert set(FRIDGE_TYPES) == set(get_args(FridgeType)), "every fridge type has its name"


def count_field(appliance: ApplianceId) -> str:
    """The form field of how many of ``appliance``."""
    return f"count_{appliance.value}"


def hours_field(appliance: ApplianceId) -> str:
    """The form field of the hours a day of ``appliance``."""
    return f"hours_{appliance.value}"


@dataclass(frozen=True)
class ApplianceRow:
    """One row of the form: the appliance, its fields, its name and its usual hours."""

    id: str
    name: str
    count: str
    hours: str
    usual_hours: str  # plain digits, as the placeholder of the hours field


def appliance_rows(t: Translator) -> list[ApplianceRow]:
    """The form's rows in the agent's language."""
    table = default_table()
    rows = []
    for appliance in APPLIANCE_ORDER:
        usual = table.appliance(appliance).hours_a_day
        rows.append(
            ApplianceRow(
                id=appliance.value,
                name=appliance_name(appliance, t),
                count=count_field(appliance),
                hours=hours_field(appliance),
                usual_hours="" if usual is None else format(usual.normalize(), "f"),
            )
        )
    return rows


def read_appliances(
    values: Mapping[str, str], parse: Callable[[str], Decimal | None]
) -> tuple[list[ApplianceItem], dict[str, str]]:
    """The appliances listed in the form ``values`` and a message per field in error.

    ``parse(text)`` reads a number as the form's other fields are read (native digits, commas),
    or None. A row with no count (or 0) is skipped, unless it is the fridge and one of its
    own figures is given: then it is one fridge.
    """
    items: list[ApplianceItem] = []
    errors: dict[str, str] = {}
    for appliance in APPLIANCE_ORDER:
        fields: dict[str, Any] = {"appliance": appliance}
        count_text = values.get(count_field(appliance), "").strip()
        count = parse(count_text) if count_text else Decimal(0)
        if count is None or count != count.to_integral_value() or count > 100:
            errors[count_field(appliance)] = cm.ERROR_COUNT
            continue
        if appliance is ApplianceId.FRIDGE:
            problem = _fridge_fields(values, parse, fields)
            if problem:
                errors["fridge_kwh"] = cm.ERROR_FRIDGE
                continue
            if not count and len(fields) > 1:
                count = Decimal(1)
        else:
            hours_text = values.get(hours_field(appliance), "").strip()
            if hours_text:
                hours = parse(hours_text)
                if hours is None:
                    errors[hours_field(appliance)] = cm.ERROR_HOURS
                    continue
                fields["hours_per_day"] = hours
        if not count:
            continue
        fields["count"] = int(count)
        try:
            items.append(ApplianceItem.model_validate(fields))
        except ValidationError as exc:
            wrong = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
            if "hours_per_day" in wrong:
                errors[hours_field(appliance)] = cm.ERROR_HOURS
            elif wrong & {"label_kwh_per_year", "litres", "stars", "fridge_type"}:
                errors["fridge_kwh"] = cm.ERROR_FRIDGE
            else:
                errors[count_field(appliance)] = cm.ERROR_COUNT
    return items, errors


def _fridge_fields(
    values: Mapping[str, str], parse: Callable[[str], Decimal | None], fields: dict[str, Any]
) -> bool:
    """Put the fridge's figures given in ``values`` into ``fields``; True if one is unreadable."""
    for name, key in (("fridge_kwh", "label_kwh_per_year"), ("fridge_litres", "litres")):
        text = values.get(name, "").strip()
        if text:
            value = parse(text)
            if value is None:
                return True
            fields[key] = value
    stars = values.get("fridge_stars", "").strip()
    if stars:
        if stars not in ("1", "2", "3", "4", "5"):
            return True
        fields["stars"] = int(stars)
    fridge_type = values.get("fridge_type", "").strip()
    if fridge_type:
        if fridge_type not in FRIDGE_TYPES:
            return True
        fields["fridge_type"] = fridge_type
    if "label_kwh_per_year" in fields:  # the label says it all: size and stars are not needed
        for key in ("litres", "stars", "fridge_type"):
            fields.pop(key, None)
    return False


def items_from_inputs(inputs: Mapping[str, Any]) -> list[ApplianceItem] | None:
    """The appliances a log entry's units came from, or None when they were typed or read."""
    listed = inputs.get("appliances")
    if not isinstance(listed, list):
        return None
    return [ApplianceItem.model_validate(item) for item in listed]


def priced_savings(units: ApplianceUnits, request: BillRequest) -> tuple[Saving, ...]:
    """Each change's saving in rupees on this consumer's bill, the most first: ``request``
    (the bill of the appliances' units, with all the other inputs) with fewer units."""

    def bill_for(count: Decimal) -> BillEstimate | None:
        try:
            return estimate(BillRequest.model_validate({**request.model_dump(), "units": count}))
        except (TariffError, ValueError):
            return None

    return price_savings(units, bill_for)


@dataclass(frozen=True)
class ApplianceView:
    """What the result page says of the appliances, in the consumer's language."""

    total: str
    rows: list[str]
    fridge_assumed: str
    top: str
    saving: str
    approximate: str


def appliance_view(
    units: ApplianceUnits, savings: Sequence[Saving], t: Translator
) -> ApplianceView:
    """The appliances' units, line by line, the ones that use the most, the best change and
    that it is an approximation: the sentences the bot sends (bot.rendering.appliances)."""
    return ApplianceView(
        total=total_line(units, t),
        rows=appliance_lines(units, t),
        fridge_assumed=fridge_assumed_line(units, t),
        top=top_users_line(units, t),
        saving=saving_line(savings[0], t) if savings else "",
        approximate=t.gettext(n.APPLIANCES_APPROXIMATE),
    )
