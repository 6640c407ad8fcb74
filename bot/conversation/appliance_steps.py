""" "Don't know your units?": the appliances at home give an approximate figure.

Asked after "don't know" to the units question: the user lists what they use ("3 fan, 5 LED,
1 fridge, TV 4 hours", in any of the three languages); the units a month those use become the
bill's units, said as an approximation, with the appliances that use the most and what one
change saves in rupees on this consumer's own bill (the rest of their answers kept). A units
figure instead (they found the bill after all) is taken as the units.
"""

from __future__ import annotations

from bot.appliances import ApplianceUnits, Saving, estimate_units, parse_appliance_reply
from bot.appliances import names as n
from bot.appliances.savings import price_savings
from bot.conversation.context import TurnContext
from bot.conversation.intake import mark_answered, take_facts
from bot.conversation.outcome import Outcome, Reading, again, go
from bot.conversation.session import State
from bot.rendering.appliances import render_appliance_menu, render_appliance_units


def ask_appliances(ctx: TurnContext) -> str:
    """The short list of appliances with the hours assumed, and how to reply (SMS: just how
    to reply, which fits a message)."""
    if ctx.channel == "sms":
        return f"{ctx.t.gettext(n.ASK_APPLIANCES)} {ctx.t.gettext(n.APPLIANCES_EXAMPLE)}"
    return render_appliance_menu(ctx.t)


def read_appliances(ctx: TurnContext, reading: Reading) -> Outcome:
    """The appliances listed, or a units figure after all."""
    listed = parse_appliance_reply(reading.text)
    if not listed.understood or reading.facts.has("units", "readings", "bill_amount"):
        # The units after all ("250", "250 units", two readings, "bill ₹700").
        outcome = take_facts(ctx, reading, bare_number_is_units=True)
        if outcome is not None:
            return outcome
        if State.UNITS in ctx.session.answers.answered:
            return go()
    if not listed.understood:
        return again(ctx.t.gettext(n.APPLIANCES_NOT_FOUND))
    units = estimate_units(listed.items)
    if units.units_for_bill <= 0:
        return again(ctx.t.gettext(n.APPLIANCES_NOT_FOUND))
    mark_answered(ctx, State.UNITS, units=units.units_for_bill)
    if ctx.bill.request_problem() is not None:
        return again(ctx.t.gettext(n.APPLIANCES_NOT_FOUND))
    text = render_appliance_units(
        units,
        ctx.t,
        savings=_priced(ctx, units),
        partly_read=bool(listed.leftover),
        channel=ctx.channel,
    )
    ctx.say(text)
    return go()


def _priced(ctx: TurnContext, units: ApplianceUnits) -> tuple[Saving, ...]:
    """Each change's saving in rupees on this consumer's bill (all their answers kept)."""
    return price_savings(units, lambda count: ctx.bill.try_estimate(units=count))
