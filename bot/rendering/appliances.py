"""The appliance estimate as text in the user's language: the short list to reply to, and the
units, who uses the most, the one change that saves the most, and that it is an approximation.

Used by the conversation when someone does not know their units (the lead wires it in)::

    t = Translator.load("or")
    ask = render_appliance_menu(t)
    reply = parse_appliance_reply(text)
    units = estimate_units(reply.items)
    _, found = savings(units, category="1.b", month=month)
    text = render_appliance_units(units, t, savings=found, partly_read=bool(reply.leftover))
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from bot.appliances import ApplianceId, ApplianceUnits, Saving, default_table
from bot.appliances import names as n
from bot.i18n.catalogs import Translator
from bot.i18n.formatting import format_rupees_whole
from bot.inbound import Channel
from bot.rendering.labels import number, percent
from bot.rendering.sms_layout import paragraphs

#: The appliances of the short list, most common first (a fridge has no hours to show).
MENU: Final[tuple[ApplianceId, ...]] = (
    ApplianceId.FAN,
    ApplianceId.TUBE_LIGHT,
    ApplianceId.LED_BULB,
    ApplianceId.FRIDGE,
    ApplianceId.TV,
    ApplianceId.COOLER,
    ApplianceId.AC,
    ApplianceId.WATER_PUMP,
)


def appliance_name(appliance: ApplianceId, t: Translator) -> str:
    """The translated short name of an appliance."""
    return t.gettext(n.NAMES[appliance])


def render_appliance_menu(t: Translator) -> str:
    """The question, a short list of appliances with the hours a day assumed, and an example."""
    table = default_table()
    lines = [t.gettext(n.ASK_APPLIANCES)]
    for appliance in MENU:
        hours = table.appliance(appliance).hours_a_day
        name = appliance_name(appliance, t)
        lines.append(
            name
            if hours is None
            else t.format(n.APPLIANCE_HOURS, name=name, hours=number(hours, t))
        )
    lines.append(t.gettext(n.APPLIANCES_EXAMPLE))
    return "\n".join(lines)


def render_appliance_units(
    units: ApplianceUnits,
    t: Translator,
    *,
    savings: Sequence[Saving] = (),
    partly_read: bool = False,
    channel: Channel = "whatsapp",
) -> str:
    """The estimate from appliances: the total, a line per appliance, the fridge assumed (if
    it was), the ones that use the most, the best saving (``savings`` is most first, as
    :func:`bot.appliances.savings` returns it) and the approximation note.

    By SMS each of these is one registered template a paragraph: the total with the
    approximation note first, then each appliance, the fridge assumed and the best saving (the
    biggest users are left out: the appliance lines already give each one's units).

    With no appliance in ``units``, the "none found" answer and how to reply.
    """
    if not units.items:
        return t.gettext(n.APPLIANCES_NOT_FOUND)
    head = [t.gettext(n.APPLIANCES_PARTLY_READ)] if partly_read else []
    head.append(total_line(units, t))
    rows = appliance_lines(units, t)
    fridge = fridge_assumed_line(units, t)
    if fridge:
        rows.append(fridge)
    best = saving_line(savings[0], t) if savings else ""
    approximate = t.gettext(n.APPLIANCES_APPROXIMATE)
    if channel == "sms":
        return paragraphs(["\n".join([*head, approximate]), *rows, best])
    lines = [*head, *rows]
    if len(units.items) > 1 and units.top:
        lines.append(top_users_line(units, t))
    if best:
        lines.append(best)
    lines.append(approximate)
    return "\n".join(lines)


def total_line(units: ApplianceUnits, t: Translator) -> str:
    """ "Your appliances use about N units a month." """
    return t.format(n.APPLIANCES_TOTAL, units=number(units.units_for_bill, t))


def appliance_lines(units: ApplianceUnits, t: Translator) -> list[str]:
    """One line per appliance: how many, and their units a month."""
    return [
        t.format(
            n.APPLIANCE_LINE,
            count=number(Decimal(line.count), t),
            name=appliance_name(line.appliance, t),
            units=number(line.kwh_per_month, t),
        )
        for line in units.items
    ]


def fridge_assumed_line(units: ApplianceUnits, t: Translator) -> str:
    """The fridge taken when its label was not given ("" when none was assumed)."""
    assumed = next((line for line in units.items if line.method == "fridge_assumed"), None)
    if assumed is None or assumed.litres is None or assumed.stars is None:
        return ""
    return t.format(n.FRIDGE_ASSUMED, litres=number(assumed.litres, t), stars=assumed.stars)


def top_users_line(units: ApplianceUnits, t: Translator) -> str:
    """The appliances that use the most, with their share ("" when there are none)."""
    if not units.top:
        return ""
    items = ", ".join(
        t.format(
            n.APPLIANCE_TOP_ITEM,
            name=appliance_name(top.appliance, t),
            units=number(top.kwh_per_month, t),
            percent=percent(top.percent, t),
        )
        for top in units.top
    )
    return t.format(n.APPLIANCES_TOP, items=items)


def saving_line(saving: Saving, t: Translator) -> str:
    """One change and what it saves a month: in whole rupees when priced (the units behind it
    are typical figures), else in units."""
    change = t.gettext(n.CHANGES[saving.swap])
    units = number(saving.kwh_per_month, t)
    if saving.rupees_per_month is None:
        return t.format(n.APPLIANCES_SAVING_UNITS, units=units, change=change)
    return t.format(
        n.APPLIANCES_SAVING_RUPEES,
        # Whole rupees: the saving is "about" (the units behind it are typical figures).
        amount=format_rupees_whole(saving.rupees_per_month, t.lang),
        units=units,
        change=change,
    )
