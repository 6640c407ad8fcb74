"""The conversation, declared as data: one :class:`Step` per :class:`State`, and the moves every
state allows besides its own (global commands, back, questions and small talk).

Each step says what it asks, how it reads the answer and which states it can lead to. The table
is validated when this module is imported (every state has a step, every target is a state,
every state is reachable from the start), :func:`check_move` enforces it at run time, and
:mod:`bot.conversation.diagram` draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from bot.categories import GROUPS, NAMES
from bot.conversation import appliance_steps, check_steps, choose, followups, question_steps
from bot.conversation.context import TurnContext
from bot.conversation.errors import IllegalMoveError, TableError
from bot.conversation.intake import QUESTION_ORDER, QUESTIONS
from bot.conversation.outcome import Outcome, Reading
from bot.conversation.session import State

LANGUAGE_NAMES: Final = choose.LANGUAGE_NAMES


class Event(StrEnum):
    """What can happen in any state, besides the step's own answer."""

    MENU = "menu"  # menu, start over: the category question with nothing kept
    BACK = "back"  # the previous question
    HELP = "help"  # how to use Bijuli, then the same question
    LANGUAGE = "language"  # the language menu, then back where it was
    LANGUAGE_NAME = "language_name"  # a language's name: switch, then the same question
    QUESTION = "question"  # an FAQ answer, then the same question; never an answer
    SMALL_TALK = "small_talk"  # thanks, ok, 👍: one short line, never the estimate again
    GREETING = "greeting"  # the same question, politely
    STOP = "stop"  # silence until START
    DELETE = "delete"  # everything kept for the user is erased
    CHECK = "check"  # "is my bill right?": the bill's total is asked, then what it needs
    STEP = "step"  # the step's own reader


@dataclass(frozen=True)
class Step:
    """One state of the conversation: its question, its reader and where it can lead."""

    state: State
    ask: Callable[[TurnContext], str]
    read: Callable[[TurnContext, Reading], Outcome]
    leads_to: frozenset[State] = field(default_factory=frozenset)
    #: Whether the next needed question may follow (adds the questions and ESTIMATE).
    continues_questions: bool = False
    #: What to say again after a re-prompt, a question or small talk (default: ``ask``).
    reprompt: Callable[[TurnContext], str] | None = None

    def again(self, ctx: TurnContext) -> str:
        """The question to repeat after anything that was not an answer."""
        return (self.reprompt or self.ask)(ctx)


_CATEGORY_STATES: Final = frozenset(
    {State.CATEGORY, State.CATEGORY_GROUP, State.CATEGORY_LIST, State.CATEGORY_PICK}
)
#: Every state a fact-bearing answer may lead to: any question still needed, the estimate, a
#: word naming several categories, a units figure to confirm, or the category still missing.
_FACT_TARGETS: Final = QUESTIONS | {
    State.ESTIMATE,
    State.CATEGORY,
    State.CATEGORY_PICK,
    State.CONFIRM_UNITS,
    State.CHECK_RESULT,  # a bill check under way shows its comparison instead of the estimate
}

STEPS: Final[dict[State, Step]] = {
    step.state: step
    for step in (
        Step(
            State.LANGUAGE,
            choose.ask_language,
            choose.read_language,
            frozenset(State),  # back to wherever the user was
        ),
        Step(
            State.CATEGORY,
            choose.ask_category,
            choose.read_category,
            frozenset({State.CATEGORY_GROUP}) | _FACT_TARGETS,
            True,
        ),
        Step(
            State.CATEGORY_GROUP,
            choose.ask_group,
            choose.read_group,
            frozenset({State.CATEGORY_LIST}) | _FACT_TARGETS,
            True,
        ),
        Step(State.CATEGORY_LIST, choose.ask_list, choose.read_list, _FACT_TARGETS, True),
        Step(State.CATEGORY_PICK, choose.ask_list, choose.read_list, _FACT_TARGETS, True),
        Step(
            State.DEMAND, question_steps.ask_demand, question_steps.read_demand, _FACT_TARGETS, True
        ),
        Step(
            State.MAX_DEMAND,
            question_steps.ask_max_demand,
            question_steps.read_max_demand,
            _FACT_TARGETS,
            True,
        ),
        Step(
            State.UNITS,
            question_steps.ask_units,
            question_steps.read_units,
            _FACT_TARGETS | {State.APPLIANCES},
            True,
        ),
        Step(
            State.APPLIANCES,
            appliance_steps.ask_appliances,
            appliance_steps.read_appliances,
            _FACT_TARGETS,
            True,
        ),
        Step(State.KWH, question_steps.ask_kwh, question_steps.read_kwh, _FACT_TARGETS, True),
        Step(State.TOD_SPLIT, question_steps.ask_tod, question_steps.read_tod, _FACT_TARGETS, True),
        Step(
            State.CONFIRM_UNITS,
            question_steps.ask_confirm_units,
            question_steps.read_confirm_units,
            _FACT_TARGETS,
            True,
        ),
        Step(
            State.ESTIMATE,
            followups.ask_estimate,
            followups.read_estimate,
            _FACT_TARGETS | {State.UNITS, State.CATEGORY, State.EXPLAIN},
            reprompt=followups.follow_up,
        ),
        Step(
            State.EXPLAIN,
            followups.ask_explain,
            followups.read_explain,
            frozenset({State.ESTIMATE}),
        ),
        Step(
            State.CHECK_TOTAL,
            check_steps.ask_total,
            check_steps.read_total,
            frozenset({State.CHECK_MONTHS}),
        ),
        Step(
            State.CHECK_MONTHS,
            check_steps.ask_months,
            check_steps.read_months,
            _FACT_TARGETS,
            True,
        ),
        Step(
            State.CHECK_RESULT,
            check_steps.ask_result,
            check_steps.read_result,
            frozenset({State.CHECK_RESULT}),
        ),
    )
}

#: Where each event leads from any state: ``None`` stays (the same question is asked again).
GLOBAL_MOVES: Final[dict[Event, State | None]] = {
    Event.MENU: State.CATEGORY,
    Event.LANGUAGE: State.LANGUAGE,
    Event.HELP: None,
    Event.LANGUAGE_NAME: None,
    Event.QUESTION: None,
    Event.SMALL_TALK: None,
    Event.GREETING: None,
    Event.STOP: None,
    Event.DELETE: None,
    Event.CHECK: State.CHECK_TOTAL,
}


def back_targets(state: State) -> frozenset[State]:
    """Where "back" may lead from ``state``."""
    if state is State.CATEGORY_LIST:
        return frozenset({State.CATEGORY_GROUP})
    if state in (State.CATEGORY_GROUP, State.CATEGORY_PICK):
        return frozenset({State.CATEGORY})
    if state is State.LANGUAGE:
        return frozenset(State)
    if state is State.EXPLAIN:
        return frozenset({State.ESTIMATE})
    if state in QUESTIONS or state in (State.ESTIMATE, State.CONFIRM_UNITS):
        return QUESTIONS | {State.CATEGORY}
    return frozenset()


def targets(step: Step) -> frozenset[State]:
    """Every state ``step``'s own reader can lead to, the category's next questions included."""
    extra = QUESTIONS | {State.ESTIMATE} if step.continues_questions else frozenset()
    return step.leads_to | extra


def check_move(source: State, target: State, via: Event) -> None:
    """Raise :class:`IllegalMoveError` unless the table allows ``source`` → ``target``."""
    if via is Event.STEP:
        allowed = targets(STEPS[source]) | {source}
    elif via is Event.BACK:
        allowed = back_targets(source) | {source}
    else:
        move = GLOBAL_MOVES[via]
        allowed = frozenset({source if move is None else move})
    if target not in allowed:
        raise IllegalMoveError(source.value, target.value, via.value)


def validate(steps: dict[State, Step]) -> None:
    """Fail at import if the table is incomplete or has unreachable states."""
    missing = set(State) - set(steps)
    if missing:
        raise TableError(f"no step for states {sorted(missing)}")
    for state, step in steps.items():
        if step.state is not state:
            raise TableError(f"step for {state} is declared as {step.state}")
    # Walks begin at the start and at a bill check (a global event leads there from anywhere).
    # The language menu only returns to where the user was: it is seen, never walked from.
    starts = {State.CATEGORY} | {
        move for move in GLOBAL_MOVES.values() if move is not None and move is not State.LANGUAGE
    }
    seen, todo = starts | {State.LANGUAGE}, list(starts)
    while todo:
        for target in targets(steps[todo.pop()]):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    unreachable = set(State) - seen
    if unreachable:
        raise TableError(f"states unreachable from the start: {sorted(unreachable)}")
    if set(NAMES) != {cid for ids in GROUPS.values() for cid in ids}:
        raise TableError("category names and groups disagree")
    if set(GLOBAL_MOVES) != set(Event) - {Event.STEP, Event.BACK}:
        raise TableError("every event but STEP and BACK needs a global move")


validate(STEPS)

__all__ = [
    "GLOBAL_MOVES",
    "LANGUAGE_NAMES",
    "QUESTIONS",
    "QUESTION_ORDER",
    "STEPS",
    "Event",
    "Step",
    "back_targets",
    "check_move",
    "targets",
    "validate",
]
