"""Draw the conversation table as a Mermaid state diagram (``bijuli diagram``)."""

from __future__ import annotations

import itertools

from bot.conversation.session import State
from bot.conversation.steps import QUESTION_ORDER, STEPS

_GLOBAL_NOTE = (
    "Any state: menu → CATEGORY, back → previous question, help, language → LANGUAGE, "
    "STOP (silent until START), delete my data, a language name switches language, "
    "a quick request (category + units) → ESTIMATE."
)


def mermaid() -> str:
    """The diagram source, stable so the committed copy can be compared in a test."""
    lines = ["stateDiagram-v2", f"    [*] --> {State.CATEGORY.name}"]
    questions = [state for state, _ in QUESTION_ORDER]
    order = list(State)
    for state, step in STEPS.items():
        for target in sorted(step.leads_to, key=order.index):
            lines.append(f"    {state.name} --> {target.name}")
        if not step.continues_questions:
            continue
        # The question chain is drawn once, below; here only where a step enters or leaves it.
        if state in questions:
            lines.append(f"    {state.name} --> {State.ESTIMATE.name}: no question left")
        else:
            lines.append(f"    {state.name} --> {questions[0].name}: first question needed")
    for current, following in itertools.pairwise(questions):
        lines.append(f"    {current.name} --> {following.name}: if the category needs it")
    lines.append(f"    {State.LANGUAGE.name} --> {State.CATEGORY.name}: or back where it was")
    lines.append(f"    note right of {State.CATEGORY.name}: {_GLOBAL_NOTE}")
    return "\n".join(lines) + "\n"


def markdown() -> str:
    """The docs page holding the diagram."""
    return (
        "# Bijuli's conversation\n\n"
        "Generated from `bot/conversation/steps.py` by `bijuli diagram`; a test fails when it "
        "is out of date.\n\n"
        "Each question is asked only when the chosen category's data lists it under `asks` "
        "(ToD split only when time-of-day rates apply). Answers go on to the next needed "
        "question, and the last one to the estimate.\n\n"
        "```mermaid\n" + mermaid() + "```\n"
    )
