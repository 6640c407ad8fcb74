"""What a step receives (the message, read once for every fact) and what it decides."""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversation.session import State
from bot.understanding import Command
from bot.understanding.facts import Facts


@dataclass(frozen=True)
class Reading:
    """One message as the steps see it: the text, every fact in it, and the command it is."""

    text: str
    facts: Facts
    command: Command | None


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
