"""The declared conversation table: validated at import, drawn in the docs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.conversation.diagram import markdown
from bot.conversation.session import State
from bot.conversation.steps import STEPS, validate

DOCS = Path(__file__).resolve().parents[2] / "docs" / "conversation.md"


def test_committed_diagram_is_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8") == markdown(), (
        "docs/conversation.md is stale: run `bijuli diagram > docs/conversation.md`"
    )


def test_every_state_appears_in_the_diagram() -> None:
    text = markdown()
    for state in State:
        assert state.name in text


def test_validation_rejects_a_missing_step() -> None:
    steps = dict(STEPS)
    del steps[State.KWH]
    with pytest.raises(RuntimeError, match="no step for states"):
        validate(steps)


def test_validation_rejects_an_unreachable_state() -> None:
    steps = dict(STEPS)
    # EXPLAIN is reached only from ESTIMATE: cut that edge.
    estimate = steps[State.ESTIMATE]
    steps[State.ESTIMATE] = dataclasses.replace(
        estimate, leads_to=estimate.leads_to - {State.EXPLAIN}
    )
    with pytest.raises(RuntimeError, match="unreachable"):
        validate(steps)


def test_validation_rejects_a_step_filed_under_the_wrong_state() -> None:
    steps = dict(STEPS)
    steps[State.KWH] = STEPS[State.UNITS]
    with pytest.raises(RuntimeError, match="declared as"):
        validate(steps)
