"""The declared conversation table: validated at import, drawn in the docs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conversation_chat import Chat

from bot.conversation.context import TurnContext
from bot.conversation.diagram import markdown
from bot.conversation.errors import IllegalMoveError
from bot.conversation.outcome import Outcome, Reading, go
from bot.conversation.session import State
from bot.conversation.steps import GLOBAL_MOVES, STEPS, Event, check_move, validate

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


def test_a_move_the_table_does_not_declare_fails() -> None:
    with pytest.raises(IllegalMoveError, match="units -> explain"):
        check_move(State.UNITS, State.EXPLAIN, Event.STEP)
    with pytest.raises(IllegalMoveError):
        check_move(State.ESTIMATE, State.KWH, Event.MENU)  # menu leads to CATEGORY only
    check_move(State.UNITS, State.ESTIMATE, Event.STEP)
    check_move(State.ESTIMATE, State.CATEGORY, Event.MENU)
    check_move(State.UNITS, State.DEMAND, Event.BACK)


def test_a_reader_that_moves_where_the_table_does_not_say_is_stopped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def rogue(ctx: TurnContext, reading: Reading) -> Outcome:
        return go(state=State.EXPLAIN)  # UNITS never leads to EXPLAIN

    units = STEPS[State.UNITS]
    monkeypatch.setitem(STEPS, State.UNITS, dataclasses.replace(units, read=rogue))
    chat = Chat()
    chat.run(["hello", "1", "2"])
    assert chat.state.state is State.UNITS
    with pytest.raises(IllegalMoveError):
        chat.send("250")


def test_every_event_but_the_steps_own_has_a_declared_global_move() -> None:
    assert set(GLOBAL_MOVES) == set(Event) - {Event.STEP, Event.BACK}
    for event, target in GLOBAL_MOVES.items():
        assert target is None or target in STEPS, event
