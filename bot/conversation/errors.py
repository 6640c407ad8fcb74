"""What can go wrong inside the conversation itself (never the user's fault).

::

    ConversationError
    ├── TableError        the declared table is incomplete or inconsistent (fails at import)
    └── IllegalMoveError  a step tried to move where the table does not allow (a bug to fix)
"""

from __future__ import annotations


class ConversationError(Exception):
    """Base class: a defect in the conversation's code or table, not in a user's message."""


class TableError(ConversationError, RuntimeError):
    """The table of steps is incomplete or has unreachable states; fix ``STEPS``."""


class IllegalMoveError(ConversationError, RuntimeError):
    """A move the table does not declare; add it to the step's ``leads_to`` or fix the reader."""

    def __init__(self, source: str, target: str, via: str) -> None:
        super().__init__(
            f"{source} -> {target} (via {via}) is not declared in bot/conversation/steps.py; "
            "declare the move in the step's leads_to or change the reader"
        )
        self.source, self.target, self.via = source, target, via
