"""Keeping every fact a message gives, whatever was asked, and choosing what to ask next.

A step reads the answer to its own question (a menu pick, a bare number, "don't know"); then
:func:`take_facts` keeps everything else the message said: the category, units, two readings, a
bill amount, the load, and the offers' answers (village, smart meter, e-bill). A second, different
units figure before the estimate is never overwritten silently: it is confirmed with the user.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final, cast

from bot import messages as m
from bot.conversation.context import TurnContext
from bot.conversation.outcome import Outcome, Reading, again, go
from bot.conversation.session import Answers, State
from bot.rendering.labels import money, number
from bot.understanding.facts import Facts, Load
from tariff_core import Ask, InvalidRequestError, Voltage, units_for_bill, units_from_readings

#: Questions in the order they are asked, with the data "ask" that makes each one needed.
QUESTION_ORDER: Final[tuple[tuple[State, Ask], ...]] = (
    (State.DEMAND, Ask.CONTRACT_DEMAND),
    (State.MAX_DEMAND, Ask.MAX_DEMAND),
    (State.UNITS, Ask.UNITS),
    (State.KWH, Ask.KWH),
    (State.TOD_SPLIT, Ask.TOD_SPLIT),
)
QUESTIONS: Final = frozenset(state for state, _ in QUESTION_ORDER)
#: Before the estimate these states are being filled in; a different units figure is confirmed.
BEFORE_ESTIMATE: Final = QUESTIONS | {
    State.LANGUAGE,
    State.CATEGORY,
    State.CATEGORY_GROUP,
    State.CATEGORY_LIST,
    State.CATEGORY_PICK,
    State.CONFIRM_UNITS,
}


def mark_answered(ctx: TurnContext, state: State, **values: object) -> None:
    """Store ``values`` as the answer to ``state`` (remembered for "back")."""
    answers = ctx.session.answers
    for name, value in values.items():
        setattr(answers, name, value)
    if state not in answers.answered:
        answers.answered.append(state)
    if state not in ctx.session.history:
        ctx.session.history.append(state)


def choose_category(ctx: TurnContext, category_id: str) -> None:
    """Take ``category_id``, keeping what the user already said about units and load."""
    session = ctx.session
    kept = session.answers
    if kept.category == category_id:
        return
    session.answers = Answers(category=category_id, units=kept.units, demand=kept.demand)
    if kept.bill_amount is not None:
        session.answers.bill_amount = kept.bill_amount
    if kept.units is not None:
        session.answers.answered.append(State.UNITS)
    if kept.demand is not None:
        session.answers.answered.append(State.DEMAND)
    session.options = []
    session.history = [s for s in session.history if s in session.answers.answered]
    units = session.answers.units
    if units is not None and ctx.bill.units_problem(units) is not None:
        # Units given before the category turn out impossible for it: say so, ask again.
        session.answers.units = None
        session.answers.answered.remove(State.UNITS)
        ctx.say(ctx.t.format(m.UNITS_TOO_HIGH, units=number(units, ctx.t)))


def next_question(ctx: TurnContext) -> State:
    """The first figure the bill still needs, or ESTIMATE when none is left."""
    answers = ctx.session.answers
    if answers.category is None:
        return State.CATEGORY
    category = ctx.bill.category()
    for state, ask in QUESTION_ORDER:
        if ask not in category.asks or state in answers.answered:
            continue
        if state is State.DEMAND and category.voltage is Voltage.LT and answers.units is not None:
            # Units first, load unknown: estimate now on the assumed load, said aloud in the
            # estimate, and let the user correct it (fewer replies before any figure).
            mark_answered(ctx, State.DEMAND, demand=None, demand_defaulted=True)
            continue
        if state is State.TOD_SPLIT and not ctx.bill.tod_applies():
            continue
        return state
    return State.ESTIMATE


def load_value(ctx: TurnContext, load: Load) -> Decimal | str:
    """The load in the category's unit, or the re-prompt that says what is wrong with it."""
    t = ctx.t
    if load.value <= 0:
        return t.gettext(m.ABOVE_ZERO)
    if ctx.bill.demand_problem(load.value) is not None:  # outside the category's range
        return t.format(m.LOAD_TOO_HIGH, value=number(load.written_value, t))
    if load.written_unit == "hp":
        ctx.say(t.format(m.HP_IN_KW, hp=number(load.written_value, t), kw=number(load.value, t)))
    return load.value


def take_load(ctx: TurnContext, load: Load) -> str | None:
    """Keep a load or contract demand; a problem with it comes back as the re-prompt."""
    value = load_value(ctx, load)
    if isinstance(value, str):
        return value
    answers = ctx.session.answers
    if answers.demand != value:
        mark_answered(ctx, State.DEMAND, demand=value, demand_defaulted=False)
        if ctx.session.state is not State.DEMAND and load.written_unit != "hp":
            # Given unasked (with the units, or at another question): say it was kept.
            unit = ctx.bill.category().demand_unit.value
            noted = ctx.t.format(m.NOTED_LOAD, value=number(value, ctx.t), unit=unit)
            ctx.say(noted, acknowledgement=True)
    return None


def units_from_bill(ctx: TurnContext, amount: Decimal) -> Decimal | str:
    """The units behind a bill amount (the reverse estimate), or why they cannot be found."""
    t = ctx.t
    if ctx.bill.category().energy.billed_in.value != "kWh":
        return t.gettext(m.NEED_UNITS)  # HT kVAh bills depend on kWh too: ask units
    try:
        found = units_for_bill(ctx.bill.request(), amount, ctx.tariff)
    except InvalidRequestError:
        minimum = ctx.bill.bill_for_no_units()
        if minimum is None:
            return t.gettext(m.NEED_UNITS)
        return t.format(m.BILL_BELOW_MINIMUM, amount=money(amount, t), minimum=money(minimum, t))
    if found.units_low == found.units_high:
        ctx.say(
            t.format(m.BILL_TO_UNITS, amount=money(amount, t), units=number(found.units_high, t))
        )
    else:
        ctx.say(
            t.format(
                m.BILL_TO_UNIT_RANGE,
                amount=money(amount, t),
                low=number(found.units_low, t),
                high=number(found.units_high, t),
            )
        )
    return found.units_high


def units_from_pair(ctx: TurnContext, previous: Decimal, present: Decimal) -> Decimal | str:
    """Units from two meter readings (with roll-over), said back to the user."""
    t = ctx.t
    try:
        result = units_from_readings(previous, present)
    except InvalidRequestError:
        return t.gettext(m.NEED_UNITS)
    ctx.say(
        t.format(
            m.READINGS_READ,
            previous=number(previous, t),
            present=number(present, t),
            units=number(result.units, t),
        )
    )
    if result.rolled_over:
        ctx.say(t.format(m.READINGS_ROLLED_OVER, units=number(result.units, t)))
    return result.units


def take_units(ctx: TurnContext, units: Decimal, *, asked: bool = False) -> Outcome | None:
    """Keep a units figure; confirm it first when it contradicts one given before the estimate.

    ``asked``: the user is answering the units question (or changing units on purpose), so a
    new figure replaces the old one without confirmation.
    """
    t = ctx.t
    answers = ctx.session.answers
    if answers.category is not None:
        problem = ctx.bill.units_problem(units)
        if problem is not None:
            return again(t.format(m.UNITS_TOO_HIGH, units=number(units, t)))
    previous = answers.units
    if previous is None or previous == units:
        mark_answered(ctx, State.UNITS, units=units)
        return None
    if asked:
        mark_answered(ctx, State.UNITS, units=units)
        return None
    if ctx.session.state in BEFORE_ESTIMATE:
        answers.units_candidate = units
        return go(state=State.CONFIRM_UNITS)
    # After an estimate a new figure is a what-if: say plainly what changed.
    mark_answered(ctx, State.UNITS, units=units)
    ctx.say(t.format(m.UNITS_CHANGED, units=number(units, t), previous=number(previous, t)))
    return None


def _distinct(values: list[object]) -> list[Decimal]:
    seen: list[Decimal] = []
    for value in values:
        figure = cast(Decimal, value)
        if figure not in seen:
            seen.append(figure)
    return seen


def take_facts(ctx: TurnContext, reading: Reading, *, bare_number_is_units: bool) -> Outcome | None:
    """Keep every fact in ``reading`` that the step did not consume.

    Returns an outcome when the facts decide the next move (a contradiction to confirm, a word
    that names several categories, a figure that cannot be right), else None.
    """
    facts = reading.facts
    category = facts.get("category")
    chosen = ctx.session.answers.category
    if category is not None and (chosen is None or ctx.session.state is State.ESTIMATE):
        choose_category(ctx, cast(str, category))
    for load in facts.all("load"):
        if ctx.session.answers.category is None:
            continue  # kept in the message's words only; asked again once the category is known
        problem = take_load(ctx, cast(Load, load))
        if problem is not None:
            return again(problem)
    units = _distinct(facts.all("units"))
    if bare_number_is_units:
        units = _distinct([*units, *facts.all("number")])
    readings = facts.get("readings")
    if readings is not None:
        previous, present = cast(tuple[Decimal, Decimal], readings)
        from_pair = units_from_pair(ctx, previous, present)
        if isinstance(from_pair, str):
            return again(from_pair)
        units = _distinct([*units, from_pair])
    amount = facts.get("bill_amount")
    if amount is not None:
        if ctx.session.answers.category is None:
            ctx.session.answers.bill_amount = cast(Decimal, amount)
        else:
            from_bill = units_from_bill(ctx, cast(Decimal, amount))
            if isinstance(from_bill, str):
                return again(from_bill)
            units = _distinct([*units, from_bill])
    if len(units) > 1:
        # "250 units ... no, 300": two figures in one message; ask which one is right.
        ctx.session.answers.units = units[0]
        ctx.session.answers.units_candidate = units[1]
        return go(state=State.CONFIRM_UNITS)
    if units:
        outcome = take_units(ctx, units[0])
        if outcome is not None:
            return outcome
    _take_offers(ctx, facts)
    options = facts.get("category_options")
    if options is not None and ctx.session.answers.category is None:
        ctx.session.options = list(cast(tuple[str, ...], options))[:6]
        return go(state=State.CATEGORY_PICK)
    return None


def pending_bill_amount(ctx: TurnContext) -> Outcome | None:
    """A bill amount given before the category: turned into units once the category is known."""
    answers = ctx.session.answers
    if answers.bill_amount is None or answers.category is None:
        return None
    amount, answers.bill_amount = answers.bill_amount, None
    from_bill = units_from_bill(ctx, amount)
    if isinstance(from_bill, str):
        ctx.say(from_bill)
        return None
    return take_units(ctx, from_bill, asked=True)


def _take_offers(ctx: TurnContext, facts: Facts) -> None:
    """Village, smart meter and e-bill: they change rebates or meter rent, never the charges."""
    answers = ctx.session.answers
    place = facts.get("place")
    if place is not None:
        answers.rural = place == "rural"
    smart = facts.get("smart_meter")
    if smart is not None:
        answers.smart_meter = bool(smart)
    ebill = facts.get("ebill")
    if ebill is not None:
        answers.ebill = bool(ebill)


__all__ = [
    "BEFORE_ESTIMATE",
    "QUESTIONS",
    "QUESTION_ORDER",
    "choose_category",
    "load_value",
    "mark_answered",
    "next_question",
    "pending_bill_amount",
    "take_facts",
    "take_load",
    "take_units",
    "units_from_bill",
    "units_from_pair",
]
