"""Helpers shared by the session-store tests (importable because pytest puts this folder on
sys.path)."""

from __future__ import annotations

import sys
from pathlib import Path

# The suite must run from a plain checkout too, without `pip install -e .`.
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any  # noqa: E402

from bot.stores import SessionStore  # noqa: E402
from bot.stores.hashing import user_key  # noqa: E402

SECRET = b"test-secret-0123456789abcdef"


def key_for(phone: str) -> str:
    """Return the user key the bot would use for ``phone`` under the test secret."""
    return user_key(phone, SECRET)


class ManualClock:
    """A clock that only moves when told to, so expiry tests need no sleeps."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds``."""
        self.now += seconds


@dataclass
class Backend:
    """One store under test plus a way to open more stores on the same backend."""

    name: str
    factory: Callable[..., SessionStore]
    clock: ManualClock
    #: ``open_store`` URL and options reaching the same data, for other processes.
    url: str
    options: dict[str, Any]
    opened: list[SessionStore] = field(default_factory=list)

    def make(self, **options: Any) -> SessionStore:
        """Open another store on the same data (closed at teardown)."""
        store = self.factory(**options)
        self.opened.append(store)
        return store
