"""The conversation, declared as data: one :class:`Step` per :class:`State`.

Each step says what it asks, how it reads the answer and which states it can lead to. The table
is validated when this module is imported (every state has a step, every target is a state,
every state is reachable from the start), and :mod:`bot.conversation.diagram` draws it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from bot import messages as m
from bot.categories import COMMON_MENU, GROUPS, NAMES
from bot.conversation.context import TurnContext
from bot.conversation.session import Answers, State
from bot.i18n.catalogs import LANGUAGES
from bot.rendering import render_estimate, render_explanation, render_line_menu
from bot.rendering.labels import category_name, money, number
from bot.understanding import (
    Command,
    match_category,
    match_language,
    parse_choice,
    parse_quantity,
    parse_readings,
)
from tariff_core import (
    Ask,
    InvalidRequestError,
    TariffError,
    Voltage,
    units_for_bill,
    units_from_readings,
)

#: Language names shown in the language menu and hints, each in its own script.
LANGUAGE_NAMES: Final = {"or": "ଓଡ଼ିଆ", "hi": "हिंदी", "en": "English"}
#: One horsepower in kW, for pump loads given in HP.
KW_PER_HP: Final = Decimal("0.746")
#: Loads above these are typing mistakes, not connections (kW/kVA).
MAX_LT_LOAD: Final = Decimal(5000)
MAX_HT_DEMAND: Final = Decimal(2_000_000)
#: "-5" is a negative number (understanding reads the digits only).
NEGATIVE_NUMBER: Final = re.compile(r"(?:^|\s)[-\u2212]\s*[0-9\u0b66-\u0b6f\u0966-\u096f]")

#: Questions in the order they are asked, with the data "ask" that makes each one needed.
QUESTION_ORDER: Final[tuple[tuple[State, Ask], ...]] = (
    (State.DEMAND, Ask.CONTRACT_DEMAND),
    (State.MAX_DEMAND, Ask.MAX_DEMAND),
    (State.UNITS, Ask.UNITS),
    (State.KWH, Ask.KWH),
    (State.RURAL, Ask.RURAL),
    (State.SMART_METER, Ask.METER),
    (State.TOD_SPLIT, Ask.TOD_SPLIT),
    (State.EBILL, Ask.EBILL),
)
QUESTIONS: Final = frozenset(state for state, _ in QUESTION_ORDER)


@dataclass(frozen=True)
class Outcome:
    """What reading an answer decided.

    ``advance``: go on (to ``state``, or to the next needed question when None); ``say`` goes
    before the next prompt, and ``prompt=False`` skips that prompt. A re-prompt (``advance``
    False) keeps the session exactly as it was and repeats the question after ``say``.
    """

    advance: bool
    say: tuple[str, ...] = ()
    state: State | None = None
    prompt: bool = True


def go(*say: str, state: State | None = None, prompt: bool = True) -> Outcome:
    """Move on."""
    return Outcome(True, say, state, prompt)


def again(*say: str) -> Outcome:
    """Repeat the question; the session stays as it was."""
    return Outcome(False, say)


@dataclass(frozen=True)
class Step:
    """One state of the conversation: its question, its reader and where it can lead."""

    state: State
    ask: Callable[[TurnContext], str]
    read: Callable[[TurnContext, str, Command | None], Outcome]
    leads_to: frozenset[State] = field(default_factory=frozenset)
    #: Whether the next question is chosen from the category's needs (adds QUESTIONS+ESTIMATE).
    continues_questions: bool = False


# -- helpers ---------------------------------------------------------------------------------


def _numbered(options: list[str]) -> str:
    return "\n".join(f"{i}. {text}" for i, text in enumerate(options, start=1))


def _menu(ctx: TurnContext, title: str, options: list[str]) -> str:
    if ctx.channel == "sms":
        return f"{title}\n" + " ".join(f"{i} {text}" for i, text in enumerate(options, start=1))
    return f"{title}\n{_numbered(options)}"


def _is_negative(text: str) -> bool:
    return bool(NEGATIVE_NUMBER.search(text))


def choose_category(ctx: TurnContext, category_id: str) -> Outcome:
    """Start a fresh set of answers for ``category_id`` and go to its first question."""
    session = ctx.session
    session.answers = Answers(category=category_id)
    session.history = []
    session.options = []
    return go()


def next_question(ctx: TurnContext) -> State:
    """The first question the category still needs, or ESTIMATE when none is left."""
    answers = ctx.session.answers
    assert answers.category is not None
    category = ctx.category()
    for state, ask in QUESTION_ORDER:
        if ask not in category.asks or state in answers.answered:
            continue
        if state is State.TOD_SPLIT and not ctx.tod_applies():
            continue
        # A smart meter changes the rent of a single-phase meter and whether ToD applies;
        # where it changes neither (say a 7 kW three-phase home), the question is not asked.
        if state is State.SMART_METER and not (
            ctx.answer_matters(smart_meter=(True, False)) or ctx.tod_applies(smart_meter=True)
        ):
            continue
        return state
    return State.ESTIMATE


def _answer(ctx: TurnContext, state: State, **values: object) -> None:
    answers = ctx.session.answers
    for name, value in values.items():
        setattr(answers, name, value)
    if state not in answers.answered:
        answers.answered.append(state)
    ctx.session.history.append(state)


# -- LANGUAGE ----------------------------------------------------------------------------------


def ask_language(ctx: TurnContext) -> str:
    return _menu(ctx, ctx.t.gettext(m.ASK_LANGUAGE), [LANGUAGE_NAMES[code] for code in LANGUAGES])


def read_language(ctx: TurnContext, text: str, command: Command | None) -> Outcome:
    pick = parse_choice(text, len(LANGUAGES))
    lang = LANGUAGES[pick - 1] if pick else match_language(text)
    if lang is None:
        return again(ctx.t.format(m.NEED_CHOICE, count=len(LANGUAGES)))
    ctx.set_language(lang)
    back = State(ctx.session.options[0]) if ctx.session.options else State.CATEGORY
    ctx.session.options = []
    return go(ctx.t.gettext(m.LANGUAGE_SET), state=back)


# -- CATEGORY ----------------------------------------------------------------------------------


def ask_category(ctx: TurnContext) -> str:
    t = ctx.t
    options = [t.gettext(label) for _, label in COMMON_MENU] + [t.gettext(m.OPTION_OTHER)]
    text = _menu(ctx, t.gettext(m.ASK_CATEGORY), options)
    if ctx.channel == "whatsapp":
        text += "\n\n" + t.format(m.QUICK_HINT, example=t.gettext(m.QUICK_EXAMPLE))
    return text


def _category_by_words(ctx: TurnContext, text: str) -> Outcome | None:
    found = match_category(text)
    if found.kind in ("exact", "fuzzy") and found.value is not None:
        return choose_category(ctx, found.value)
    if found.kind == "ambiguous" and found.candidates:
        ctx.session.options = list(found.candidates[:6])
        return go(state=State.CATEGORY_PICK)
    return None


def read_category(ctx: TurnContext, text: str, command: Command | None) -> Outcome:
    pick = parse_choice(text, len(COMMON_MENU) + 1)
    if pick is not None:
        if pick <= len(COMMON_MENU):
            return choose_category(ctx, COMMON_MENU[pick - 1][0])
        return go(state=State.CATEGORY_GROUP)
    if command is Command.OTHER:
        return go(state=State.CATEGORY_GROUP)
    by_words = _category_by_words(ctx, text)
    if by_words is not None:
        return by_words
    return again(ctx.t.format(m.NEED_CHOICE, count=len(COMMON_MENU) + 1))


_GROUP_ORDER: Final = ("LT", "HT", "EHT")


def ask_group(ctx: TurnContext) -> str:
    t = ctx.t
    return _menu(
        ctx,
        t.gettext(m.ASK_GROUP),
        [t.gettext(m.GROUP_LT), t.gettext(m.GROUP_HT), t.gettext(m.GROUP_EHT)],
    )


def read_group(ctx: TurnContext, text: str, command: Command | None) -> Outcome:
    pick = parse_choice(text, len(_GROUP_ORDER))
    if pick is None:
        by_words = _category_by_words(ctx, text)
        return by_words or again(ctx.t.format(m.NEED_CHOICE, count=len(_GROUP_ORDER)))
    ctx.session.options = list(GROUPS[_GROUP_ORDER[pick - 1]])
    return go(state=State.CATEGORY_LIST)


def ask_list(ctx: TurnContext) -> str:
    names = [category_name(cid, ctx.t) for cid in ctx.session.options]
    title = m.ASK_FROM_LIST if ctx.session.state is State.CATEGORY_LIST else m.ASK_WHICH_CATEGORY
    return _menu(ctx, ctx.t.gettext(title), names)


def read_list(ctx: TurnContext, text: str, command: Command | None) -> Outcome:
    options = ctx.session.options
    pick = parse_choice(text, len(options))
    if pick is not None:
        return choose_category(ctx, options[pick - 1])
    by_words = _category_by_words(ctx, text)
    return by_words or again(ctx.t.format(m.NEED_CHOICE, count=len(options)))


# -- questions ---------------------------------------------------------------------------------


def ask_demand(ctx: TurnContext) -> str:
    category = ctx.category()
    if category.voltage is Voltage.LT:
        return ctx.t.format(m.ASK_LOAD, unit=category.demand_unit.value)
    return ctx.t.gettext(m.ASK_CONTRACT_DEMAND)


def _demand_value(ctx: TurnContext, text: str) -> Decimal | Outcome:
    """A positive load or demand from the text, or the re-prompt that says what is wrong."""
    t = ctx.t
    if _is_negative(text):
        return again(t.gettext(m.NOT_NEGATIVE))
    quantity = parse_quantity(text)
    if quantity is None or quantity.unit in ("rupees", "units"):
        return again(t.gettext(m.NEED_NUMBER))
    value = quantity.value * KW_PER_HP if quantity.unit == "hp" else quantity.value
    if value <= 0:
        return again(t.gettext(m.ABOVE_ZERO))
    cap = MAX_LT_LOAD if ctx.category().voltage is Voltage.LT else MAX_HT_DEMAND
    if value > cap:
        return again(t.format(m.LOAD_TOO_HIGH, value=number(quantity.value, t)))
    return value


def read_demand(ctx: TurnContext, text: str, command: Command | None) -> Outcome:
    category = ctx.category()
    lt = category.voltage is Voltage.LT
    if lt and command in (Command.DONT_KNOW, Command.SKIP):
        default = ctx.default_demand()
        _answer(ctx, State.DEMAND, demand=None, demand_defaulted=True)
        return go(
            ctx.t.format(
                m.LOAD_DEFAULTED, value=number(default, ctx.t), unit=category.demand_unit.value
            )
        )
    value = _demand_value(ctx, text)
    if isinstance(value, Outcome):
        return value
    _answer(ctx, State.DEMAND, demand=value, demand_defaulted=False)
    return go()


def ask_max_demand(ctx: TurnContext) -> str:
    return ctx.t.gettext(m.ASK_MAX_DEMAND)


def read_max_demand(ctx: TurnContext, text: str, command: Command | None) -> Outcome:
    if command in (Command.SKIP, Command.DONT_KNOW, Command.NO):
        _answer(ctx, State.MAX_DEMAND, max_demand=None)
        return go()
    value = _demand_value(ctx, text)
    if isinstance(value, Outcome):
        return value
    _answer(ctx, State.MAX_DEMAND, max_demand=value)
    return go()


def ask_units(ctx: TurnContext) -> str:
    unit = ctx.category().energy.billed_in.value
    word = ctx.t.gettext(m.UNITS_WORD) if unit == "kWh" else unit
    return ctx.t.format(m.ASK_UNITS, unit=word)


def read_units(ctx: TurnContext, text: str, command: Command | None) -> Outcome:
    t = ctx.t
    if _is_negative(text):
        return again(t.gettext(m.NOT_NEGATIVE))
    say: list[str] = []
    readings = parse_readings(text)
    if readings is not None:
        previous, present = readings
        try:
            result = units_from_readings(previous, present)
        except InvalidRequestError:
            return again(t.gettext(m.NEED_UNITS))
        units = result.units
        say.append(
            t.format(
                m.READINGS_READ,
                previous=number(previous, t),
                present=number(present, t),
                units=number(units, t),
            )
        )
        if result.rolled_over:
            say.append(t.format(m.READINGS_ROLLED_OVER, units=number(units, t)))
    else:
        quantity = parse_quantity(text)
        if quantity is not None and quantity.unit == "rupees":
            from_bill = _units_from_bill(ctx, quantity.value)
            if isinstance(from_bill, Outcome):
                return from_bill
            units, said = from_bill
            say.append(said)
        elif quantity is None or quantity.unit not in (None, "units"):
            return again(t.gettext(m.NEED_UNITS))
        else:
            units = quantity.value
    problem = ctx.check_units(units)
    if problem is not None:
        return again(problem)
    _answer(ctx, State.UNITS, units=units)
    return go(*say)


def _units_from_bill(ctx: TurnContext, amount: Decimal) -> tuple[Decimal, str] | Outcome:
    """The units behind a bill amount (the reverse estimate), and what to tell the user."""
    t = ctx.t
    if ctx.category().energy.billed_in.value != "kWh":
        return again(t.gettext(m.NEED_UNITS))  # HT kVAh bills depend on kWh too: ask units
    try:
        found = units_for_bill(ctx.request(), amount)
    except InvalidRequestError:
        minimum = ctx.bill_for_no_units()
        return again(
            t.format(m.BILL_BELOW_MINIMUM, amount=money(amount, t), minimum=money(minimum, t))
        )
    if found.units_low == found.units_high:
        said = t.format(m.BILL_TO_UNITS, amount=money(amount, t), units=number(found.units_high, t))
    else:
        said = t.format(
            m.BILL_TO_UNIT_RANGE,
            amount=money(amount, t),
            low=number(found.units_low, t),
            high=number(found.units_high, t),
        )
    return found.units_high, said


def ask_kwh(ctx: TurnContext) -> str:
    return ctx.t.gettext(m.ASK_KWH)


def read_kwh(ctx: TurnContext, text: str, command: Command | None) -> Outcome:
    t = ctx.t
    if _is_negative(text):
        return again(t.gettext(m.NOT_NEGATIVE))
    quantity = parse_quantity(text)
    if quantity is None or quantity.unit not in (None, "units"):
        return again(t.gettext(m.NEED_NUMBER))
    units = ctx.session.answers.units or Decimal(0)
    if quantity.value > units:
        return again(t.format(m.KWH_ABOVE_KVAH, units=number(units, t)))
    _answer(ctx, State.KWH, kwh=quantity.value)
    problem = ctx.check_request()
    if problem is not None:
        return again(problem)
    return go()


def _yes_no(
    state: State, field_name: str, allow_dont_know: bool = False
) -> Callable[[TurnContext, str, Command | None], Outcome]:
    def read(ctx: TurnContext, text: str, command: Command | None) -> Outcome:
        if command is Command.YES:
            _answer(ctx, state, **{field_name: True})
        elif command is Command.NO:
            _answer(ctx, state, **{field_name: False})
        elif allow_dont_know and command in (Command.DONT_KNOW, Command.SKIP):
            _answer(ctx, state, **{field_name: None})
        else:
            return again(ctx.t.gettext(m.NEED_YES_NO))
        return go()

    return read


def ask_tod(ctx: TurnContext) -> str:
    units = ctx.session.answers.units or Decimal(0)
    return ctx.t.format(m.ASK_TOD_SPLIT, units=number(units, ctx.t))


def read_tod(ctx: TurnContext, text: str, command: Command | None) -> Outcome:
    t = ctx.t
    if command in (Command.SKIP, Command.DONT_KNOW, Command.NO):
        _answer(ctx, State.TOD_SPLIT, solar_units=None, peak_units=None)
        return go()
    if _is_negative(text):
        return again(t.gettext(m.NOT_NEGATIVE))
    pair = parse_readings(text)
    if pair is None:
        return again(t.gettext(m.NEED_TWO_NUMBERS))
    solar, peak = pair
    units = ctx.session.answers.units or Decimal(0)
    if solar + peak > units:
        return again(t.format(m.SPLIT_TOO_BIG, units=number(units, t)))
    _answer(ctx, State.TOD_SPLIT, solar_units=solar, peak_units=peak)
    return go()


# -- ESTIMATE and EXPLAIN --------------------------------------------------------------------

FOLLOW_UPS: Final = 5
#: After an estimate, a bare number this large or larger is a what-if on units, not a menu pick.
WHAT_IF_MIN_UNITS: Final = Decimal(10)


def follow_up(ctx: TurnContext) -> str:
    """The menu after an estimate, short on SMS."""
    return ctx.t.gettext(m.FOLLOW_UP_SHORT if ctx.channel == "sms" else m.FOLLOW_UP)


def ask_estimate(ctx: TurnContext) -> str:
    try:
        est = ctx.estimate()
    except TariffError:
        return ctx.t.gettext(m.CANNOT_ESTIMATE)
    return render_estimate(est, ctx.t, ctx.channel, ctx.tips(est))


def read_estimate(ctx: TurnContext, text: str, command: Command | None) -> Outcome:
    t = ctx.t
    pick = parse_choice(text, FOLLOW_UPS)
    if pick is None and text.strip() in ("0", "୦", "०"):
        pick = 0
    if pick == 1:
        return _reask(ctx, State.UNITS)
    if pick in (0, 2):
        ctx.session.answers = Answers()
        ctx.session.history = []
        return go(state=State.CATEGORY)
    if pick == 3:
        return go(state=State.EXPLAIN)
    if pick == 4:
        return go(ctx.rebates_text(), follow_up(ctx), state=State.ESTIMATE, prompt=False)
    if pick == 5:
        return go(ctx.tips_text(), follow_up(ctx), state=State.ESTIMATE, prompt=False)
    # A number of units re-estimates at once: field agents and "what if I used 300?". A bare
    # number below WHAT_IF_MIN_UNITS is more likely a mistyped menu pick, so it needs "units".
    quantity = None if _is_negative(text) else parse_quantity(text)
    if quantity is not None and (
        quantity.unit == "units" or (quantity.unit is None and quantity.value >= WHAT_IF_MIN_UNITS)
    ):
        problem = ctx.check_units(quantity.value)
        if problem is not None:
            return again(problem)
        ctx.session.answers.units = quantity.value
        return go(state=State.ESTIMATE)
    return again(t.format(m.NEED_CHOICE, count=FOLLOW_UPS))


def _reask(ctx: TurnContext, state: State) -> Outcome:
    answers = ctx.session.answers
    if state in answers.answered:
        answers.answered.remove(state)
    if state in ctx.session.history:
        ctx.session.history.remove(state)
    return go(state=state)


def ask_explain(ctx: TurnContext) -> str:
    return render_line_menu(ctx.estimate(), ctx.t)


def read_explain(ctx: TurnContext, text: str, command: Command | None) -> Outcome:
    est = ctx.estimate()
    pick = parse_choice(text, len(est.lines))
    if pick is None:
        return again(ctx.t.format(m.NEED_CHOICE, count=len(est.lines)))
    explanation = render_explanation(est, pick - 1, ctx.t, ctx.order)
    return go(explanation, follow_up(ctx), state=State.ESTIMATE, prompt=False)


# -- the table -------------------------------------------------------------------------------

_CATEGORY_TARGETS: Final = frozenset({State.CATEGORY_GROUP, State.CATEGORY_PICK})

STEPS: Final[dict[State, Step]] = {
    step.state: step
    for step in (
        Step(State.LANGUAGE, ask_language, read_language, frozenset({State.CATEGORY})),
        Step(State.CATEGORY, ask_category, read_category, _CATEGORY_TARGETS, True),
        Step(
            State.CATEGORY_GROUP,
            ask_group,
            read_group,
            frozenset({State.CATEGORY_LIST, State.CATEGORY_PICK}),
            True,
        ),
        Step(State.CATEGORY_LIST, ask_list, read_list, frozenset({State.CATEGORY_PICK}), True),
        Step(State.CATEGORY_PICK, ask_list, read_list, frozenset({State.CATEGORY_PICK}), True),
        Step(State.DEMAND, ask_demand, read_demand, frozenset(), True),
        Step(State.MAX_DEMAND, ask_max_demand, read_max_demand, frozenset(), True),
        Step(State.UNITS, ask_units, read_units, frozenset(), True),
        Step(State.KWH, ask_kwh, read_kwh, frozenset(), True),
        Step(
            State.RURAL,
            lambda ctx: ctx.t.gettext(m.ASK_RURAL),
            _yes_no(State.RURAL, "rural"),
            frozenset(),
            True,
        ),
        Step(
            State.SMART_METER,
            lambda ctx: ctx.t.gettext(m.ASK_SMART_METER),
            _yes_no(State.SMART_METER, "smart_meter", allow_dont_know=True),
            frozenset(),
            True,
        ),
        Step(State.TOD_SPLIT, ask_tod, read_tod, frozenset(), True),
        Step(
            State.EBILL,
            lambda ctx: ctx.t.gettext(m.ASK_EBILL),
            _yes_no(State.EBILL, "ebill"),
            frozenset(),
            True,
        ),
        Step(
            State.ESTIMATE,
            ask_estimate,
            read_estimate,
            frozenset({State.UNITS, State.CATEGORY, State.EXPLAIN, State.ESTIMATE}),
        ),
        Step(State.EXPLAIN, ask_explain, read_explain, frozenset({State.ESTIMATE})),
    )
}


def targets(step: Step) -> frozenset[State]:
    """Every state ``step`` can lead to, the category's next questions included."""
    extra = QUESTIONS | {State.ESTIMATE} if step.continues_questions else frozenset()
    return step.leads_to | extra


def validate(steps: dict[State, Step]) -> None:
    """Fail at import if the table is incomplete or has unreachable states."""
    missing = set(State) - set(steps)
    if missing:
        raise RuntimeError(f"no step for states {sorted(missing)}")
    for state, step in steps.items():
        if step.state is not state:
            raise RuntimeError(f"step for {state} is declared as {step.state}")
    # LANGUAGE is reachable from every state through the global "language" command.
    seen, todo = {State.CATEGORY, State.LANGUAGE}, [State.CATEGORY]
    while todo:
        for target in targets(steps[todo.pop()]):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    unreachable = set(State) - seen
    if unreachable:
        raise RuntimeError(f"states unreachable from the start: {sorted(unreachable)}")
    if set(NAMES) != {cid for ids in GROUPS.values() for cid in ids}:
        raise RuntimeError("category names and groups disagree")


validate(STEPS)

__all__ = [
    "LANGUAGE_NAMES",
    "NEGATIVE_NUMBER",
    "QUESTIONS",
    "QUESTION_ORDER",
    "STEPS",
    "Outcome",
    "Step",
    "next_question",
    "targets",
    "validate",
]
