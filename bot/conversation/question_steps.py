"""The questions a bill cannot be made without: load or contract demand, maximum demand, units,
kWh (for the load factor), the time-of-day split, and which of two units figures is right.

Each reader takes the answer to its own question from the message (a bare number, "don't know",
"skip") and leaves everything else to :func:`~bot.conversation.intake.take_facts`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final, cast

from bot import messages as m
from bot.conversation.context import TurnContext
from bot.conversation.intake import (
    load_value,
    mark_answered,
    take_facts,
    take_units,
    units_from_pair,
)
from bot.conversation.menus import menu
from bot.conversation.outcome import Outcome, Reading, again, go
from bot.conversation.session import State
from bot.inbound import Choice
from bot.rendering.figures import tariff_figures
from bot.rendering.labels import number
from bot.understanding import Command, parse_choice, parse_readings
from bot.understanding.fact_words import ORDINAL_WORDS
from bot.understanding.facts import Load
from bot.understanding.text import process
from tariff_core import Voltage


def _is_dont_know(reading: Reading) -> bool:
    """ "Don't know" or "skip", said alone or inside a longer answer."""
    return reading.facts.get("answer") == "dont_know" or reading.command in (
        Command.DONT_KNOW,
        Command.SKIP,
    )


def _bare(reading: Reading) -> Decimal | None:
    """The one bare number of the message, if it has exactly one."""
    numbers = reading.facts.all("number")
    return cast(Decimal, numbers[0]) if len(numbers) == 1 else None


def _rest(ctx: TurnContext, reading: Reading, *, bare_number_is_units: bool = False) -> Outcome:
    """Keep the other facts, then go on to what is still missing."""
    return take_facts(ctx, reading, bare_number_is_units=bare_number_is_units) or go()


def _nothing_new(ctx: TurnContext, before: object) -> bool:
    return ctx.session.answers == before


# -- load / contract demand --------------------------------------------------------------------


def ask_demand(ctx: TurnContext) -> str:
    category = ctx.bill.category()
    if category.voltage is Voltage.LT:
        message = m.ASK_LOAD_SHORT if ctx.channel == "sms" else m.ASK_LOAD
        default = number(ctx.bill.default_demand(), ctx.t)
        return dont_know_offered(
            ctx, ctx.t.format(message, unit=category.demand_unit.value, default=default)
        )
    return ctx.t.gettext(m.ASK_CONTRACT_DEMAND)


def read_demand(ctx: TurnContext, reading: Reading) -> Outcome:
    category = ctx.bill.category()
    t = ctx.t
    if reading.facts.get("load") is None:
        if _is_dont_know(reading) and category.voltage is Voltage.LT:
            default = ctx.bill.default_demand()
            mark_answered(ctx, State.DEMAND, demand=None, demand_defaulted=True)
            ctx.say(
                t.format(
                    m.LOAD_DEFAULTED, value=number(default, t), unit=category.demand_unit.value
                )
            )
            return _rest(ctx, reading)
        bare = _bare(reading)
        if bare is not None:
            given = Load(bare, "kva", "kva", bare)
            if category.demand_unit.value != "kVA":
                given = Load(bare, "kw", "kw", bare)
            value = load_value(ctx, given)
            if isinstance(value, str):
                return again(value)
            mark_answered(ctx, State.DEMAND, demand=value, demand_defaulted=False)
            return _rest(ctx, reading)
    before = ctx.session.answers.snapshot()
    outcome = _rest(ctx, reading)
    if State.DEMAND not in ctx.session.answers.answered and _nothing_new(ctx, before):
        if _is_dont_know(reading):
            return again(t.gettext(m.NEED_CONTRACT_DEMAND))
        return again(t.gettext(m.NEED_LOAD))
    return outcome


# -- maximum demand (HT/EHT) --------------------------------------------------------------------


def ask_max_demand(ctx: TurnContext) -> str:
    return ctx.t.gettext(m.ASK_MAX_DEMAND)


def read_max_demand(ctx: TurnContext, reading: Reading) -> Outcome:
    if _is_dont_know(reading) or reading.facts.get("answer") == "no":
        mark_answered(ctx, State.MAX_DEMAND, max_demand=None)
        return _rest(ctx, reading)
    load = reading.facts.get("load")
    bare = _bare(reading)
    figure = cast(Load, load).written_value if load is not None else bare
    if figure is None:
        return again(ctx.t.gettext(m.NEED_NUMBER))
    value = load_value(ctx, Load(figure, "kva", "kva", figure))
    if isinstance(value, str):
        return again(value)
    mark_answered(ctx, State.MAX_DEMAND, max_demand=value)
    return go()


# -- units ----------------------------------------------------------------------------------


def ask_units(ctx: TurnContext) -> str:
    unit = ctx.bill.category().energy.billed_in.value
    word = ctx.t.gettext(m.UNITS_WORD) if unit == "kWh" else unit
    message = m.ASK_UNITS_SHORT if ctx.channel == "sms" else m.ASK_UNITS
    return dont_know_offered(ctx, ctx.t.format(message, unit=word))


def dont_know_offered(ctx: TurnContext, question: str) -> str:
    """``question`` with a "don't know" button where the channel has buttons."""
    label = ctx.t.gettext(m.CHOICE_DONT_KNOW)
    return ctx.offer(question, question, [Choice(label, label)])


def read_units(ctx: TurnContext, reading: Reading) -> Outcome:
    t = ctx.t
    answers = ctx.session.answers
    before = answers.snapshot()
    # Answering the units question: a bare number is the units, and it replaces any figure
    # kept before (the user chose to change it), so take the message's figure afresh.
    answers.units = None
    if State.UNITS in answers.answered:
        answers.answered.remove(State.UNITS)
    bare = reading.facts.all("number")
    if len(bare) == 2 and not reading.facts.has("units", "readings", "bill_amount", "load"):
        # Asked for units, two bare numbers are the previous and present readings, however
        # short ("99950 30" after a roll-over).
        pair = parse_readings(reading.text)
        if pair is not None:
            from_pair = units_from_pair(ctx, *pair)
            if isinstance(from_pair, str):
                return again(from_pair)
            return take_units(ctx, from_pair, asked=True) or _rest(ctx, reading)
    outcome = take_facts(ctx, reading, bare_number_is_units=True)
    if outcome is not None:
        return outcome
    if State.UNITS in answers.answered:
        return go()
    answers.units = before.units
    if before.units is not None:
        answers.answered.append(State.UNITS)
    if _is_dont_know(reading):
        # Where the units are on a bill, then the appliances at home as the way out.
        return go(t.gettext(m.UNITS_HOW_TO_FIND), state=State.APPLIANCES)
    if answers == before:
        return again(t.gettext(m.NEED_UNITS))
    return go(state=State.UNITS)  # something else was noted; the units are still needed


# -- kWh for the load factor ----------------------------------------------------------------


def ask_kwh(ctx: TurnContext) -> str:
    return ctx.t.gettext(m.ASK_KWH)


def read_kwh(ctx: TurnContext, reading: Reading) -> Outcome:
    t = ctx.t
    figures = [*reading.facts.all("units"), *reading.facts.all("number")]
    if len(figures) != 1:
        if _is_dont_know(reading):
            return again(t.gettext(m.KWH_NEEDED))
        return again(t.gettext(m.NEED_NUMBER))
    kwh = cast(Decimal, figures[0])
    units = ctx.session.answers.units or Decimal(0)
    if kwh > units:
        return again(t.format(m.KWH_ABOVE_KVAH, units=number(units, t)))
    previous = ctx.session.answers.kwh
    mark_answered(ctx, State.KWH, kwh=kwh)
    if ctx.bill.request_problem() is not None:
        ctx.session.answers.kwh = previous
        return again(t.format(m.LOAD_TOO_HIGH, value=number(kwh, t)))
    return go()


# -- time-of-day split ------------------------------------------------------------------------


def ask_tod(ctx: TurnContext) -> str:
    units = ctx.session.answers.units or Decimal(0)
    figures = tariff_figures(ctx.order, ctx.t)
    return ctx.t.format(m.ASK_TOD_SPLIT, units=number(units, ctx.t), **figures)


def read_tod(ctx: TurnContext, reading: Reading) -> Outcome:
    t = ctx.t
    if _is_dont_know(reading) or reading.facts.get("answer") == "no":
        mark_answered(ctx, State.TOD_SPLIT, solar_units=None, peak_units=None)
        return go()
    pair = parse_readings(reading.text)
    if pair is None:
        return again(t.gettext(m.NEED_TWO_NUMBERS))
    solar, peak = pair
    units = ctx.session.answers.units or Decimal(0)
    if solar + peak > units:
        return again(t.format(m.SPLIT_TOO_BIG, units=number(units, t)))
    mark_answered(ctx, State.TOD_SPLIT, solar_units=solar, peak_units=peak)
    return go()


#: "first" / "second" (and "the later one") in every language, for the two-figure question.
ORDINALS: Final = {
    process(word): position for position, words in ORDINAL_WORDS.items() for word in words
}


# -- which units figure is right ----------------------------------------------------------------


def ask_confirm_units(ctx: TurnContext) -> str:
    t = ctx.t
    answers = ctx.session.answers
    first = number(answers.units or Decimal(0), t)
    second = number(answers.units_candidate or Decimal(0), t)
    word = t.gettext(m.UNITS_WORD)
    return menu(
        ctx,
        t.format(m.ASK_WHICH_UNITS, first=first, second=second),
        [f"{first} {word}", f"{second} {word}"],
    )


def read_confirm_units(ctx: TurnContext, reading: Reading) -> Outcome:
    answers = ctx.session.answers
    first, second = answers.units, answers.units_candidate
    pick = parse_choice(reading.text, 2)
    figures = [*reading.facts.all("units"), *reading.facts.all("number")]
    chosen = None
    said = f" {process(reading.text)} "
    ordinals = {position for word, position in ORDINALS.items() if f" {word} " in said}
    if pick is None and len(ordinals) == 1:
        pick = ordinals.pop()  # "first", "the first one", "ପ୍ରଥମଟି", "बाद वाला"
    if pick is not None:
        chosen = first if pick == 1 else second
    elif len(figures) == 1 and figures[0] in (first, second):
        chosen = cast(Decimal, figures[0])
    if chosen is None and _is_dont_know(reading):
        # The later figure is most often the correction; say so, and how to change it.
        chosen = second
        ctx.say(ctx.t.format(m.UNITS_TAKEN, units=number(second or Decimal(0), ctx.t)))
    if chosen is None:
        return again(ctx.t.format(m.NEED_CHOICE, count=2))
    answers.units_candidate = None
    mark_answered(ctx, State.UNITS, units=chosen)
    return go()


__all__ = [
    "ask_confirm_units",
    "ask_demand",
    "ask_kwh",
    "ask_max_demand",
    "ask_tod",
    "ask_units",
    "read_confirm_units",
    "read_demand",
    "read_kwh",
    "read_max_demand",
    "read_tod",
    "read_units",
]
