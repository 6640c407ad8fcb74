"""Draw the conversation table as a Mermaid state diagram (``bijuli diagram``)."""

from __future__ import annotations

import itertools

from bot.conversation.session import State
from bot.conversation.steps import GLOBAL_MOVES, QUESTION_ORDER, STEPS, Event

_EVENT_NOTES = {
    Event.MENU: "menu / start over",
    Event.LANGUAGE: "language",
    Event.HELP: "help",
    Event.LANGUAGE_NAME: "a language's name switches",
    Event.QUESTION: "a question gets its answer",
    Event.SMALL_TALK: "thanks / ok get one line",
    Event.GREETING: "a greeting",
    Event.STOP: "STOP: silent until START",
    Event.DELETE: "delete my data",
    Event.CHECK: "check my bill",
}


def _global_note() -> str:
    """What every state allows, from :data:`GLOBAL_MOVES` (stay = the same question again)."""
    parts = []
    for event, target in GLOBAL_MOVES.items():
        where = f"→ {target.name}" if target is not None else "→ same question"
        parts.append(f"{_EVENT_NOTES[event]} {where}")
    parts.append("back → previous question")
    parts.append("every fact in a message is kept; only what is missing is asked")
    return "; ".join(parts) + "."


def mermaid() -> str:
    """The diagram source, stable so the committed copy can be compared in a test."""
    lines = ["stateDiagram-v2", f"    [*] --> {State.CATEGORY.name}"]
    questions = [state for state, _ in QUESTION_ORDER]
    order = list(State)
    for state, step in STEPS.items():
        own = sorted(step.leads_to - set(questions) - {State.ESTIMATE}, key=order.index)
        if state is State.LANGUAGE:
            own = [State.CATEGORY]
        for target in own:
            lines.append(f"    {state.name} --> {target.name}")
        if not step.continues_questions:
            continue
        # The question chain is drawn once, below; here only where a step enters or leaves it.
        if state in questions:
            lines.append(f"    {state.name} --> {State.ESTIMATE.name}: nothing left to ask")
        else:
            lines.append(f"    {state.name} --> {questions[0].name}: first figure still needed")
    for current, following in itertools.pairwise(questions):
        lines.append(f"    {current.name} --> {following.name}: if the bill needs it")
    lines.append(f"    {State.ESTIMATE.name} --> {State.UNITS.name}: change units")
    lines.append(f"    {State.LANGUAGE.name} --> {State.CATEGORY.name}: or back where it was")
    lines.append(f"    note right of {State.CATEGORY.name}: {_global_note()}")
    return "\n".join(lines) + "\n"


def markdown() -> str:
    """The docs page holding the diagram."""
    return (
        "# Bijuli's conversation\n\n"
        "Generated from `bot/conversation/steps.py` by `bijuli diagram`; a test fails when it "
        "is out of date.\n\n"
        "Every message is read for every fact it holds (category, units, readings, a bill "
        "amount, the load, village, smart meter, e-bill); the conversation keeps them all and "
        "asks only for what the bill still needs, as the category's data lists it under `asks`. "
        "Village, smart meter and e-bill are offered after the estimate with what each is worth. "
        "A step may only move where this table says; a wrong move raises `IllegalMoveError`.\n\n"
        "```mermaid\n" + mermaid() + "```\n"
    )
