"""What the agent console keeps: agent accounts, sign-in sessions, failed sign-ins, the day log.

The console lives in the same store as the conversations (``BIJULI_SESSION_STORE``): SQLite
tables in the same file when embedded, keys under ``bijuli:console:`` in the same Redis when
scaled. :func:`open_console_store` picks the backend from the same URL.

Nothing here knows about HTTP or passwords: accounts hold an argon2 hash made by
:mod:`bot.console.accounts`, sessions are opaque random ids, and the day log holds what the
agent entered (a consumer's name or number only when the agent typed one).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any, Final, Protocol

from bot.i18n.catalogs import Language

__all__ = [
    "DAY_LOG_RETENTION_SECONDS",
    "Agent",
    "ConsoleStore",
    "LogEntry",
    "open_console_store",
]

#: How long an estimate stays in the day log: long enough for a month's reconciliation, short
#: enough that a consumer's name or number typed by an agent does not linger.
DAY_LOG_RETENTION_SECONDS: Final = 62 * 24 * 60 * 60


@dataclass(frozen=True)
class Agent:
    """A field agent's account. ``name`` is the agent's id in every log line."""

    name: str
    password_hash: str
    language: Language
    disabled: bool = False
    created_at: float = 0.0

    def to_json(self) -> str:
        """The account as stored."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Agent:
        """An account read back from :meth:`to_json`."""
        data = json.loads(text)
        return cls(**data)


@dataclass(frozen=True)
class LogEntry:
    """One assisted estimate in the day log.

    ``inputs`` is the bill request as the tariff engine took it (JSON-ready), plus the two
    readings when the agent gave readings; the totals are the estimate's, as Decimal text.
    """

    ref: str
    agent: str
    created_at: float
    day: str
    language: Language
    category: str
    inputs: dict[str, Any]
    charges_total: Decimal
    payable_by_due_date: Decimal
    payable_after_due_date: Decimal
    consumer_name: str = ""
    consumer_number: str = ""

    def to_json(self) -> str:
        """The entry as stored (amounts as text, so no float ever touches money)."""
        data = asdict(self)
        for key in ("charges_total", "payable_by_due_date", "payable_after_due_date"):
            data[key] = str(data[key])
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> LogEntry:
        """An entry read back from :meth:`to_json`."""
        data = json.loads(text)
        for key in ("charges_total", "payable_by_due_date", "payable_after_due_date"):
            data[key] = Decimal(data[key])
        return cls(**data)

    @property
    def time(self) -> dt.datetime:
        """When the estimate was made (UTC)."""
        return dt.datetime.fromtimestamp(self.created_at, dt.UTC)


class ConsoleStore(Protocol):
    """The console's storage; every method is one short operation and safe across workers."""

    def get_agent(self, name: str) -> Agent | None:
        """The account called ``name``, or None."""
        ...

    def put_agent(self, agent: Agent) -> None:
        """Create or replace an account."""
        ...

    def list_agents(self) -> list[Agent]:
        """Every account, by name."""
        ...

    def create_session(self, session_id: str, agent: str, expires_at: float) -> None:
        """Record a signed-in session of ``agent`` until ``expires_at`` (epoch seconds)."""
        ...

    def session_agent(self, session_id: str, now: float) -> str | None:
        """The agent a live session belongs to, or None (unknown, ended or expired)."""
        ...

    def end_session(self, session_id: str) -> None:
        """Sign a session out."""
        ...

    def end_sessions_of(self, agent: str) -> None:
        """Sign every session of ``agent`` out (disabled, or a new password)."""
        ...

    def count_failure(self, key: str, now: float, window_seconds: float) -> int:
        """Count one failed sign-in under ``key``; return the failures within the window."""
        ...

    def clear_failures(self, key: str) -> None:
        """Forget the failures under ``key`` (after a good sign-in)."""
        ...

    def lock(self, key: str, until: float) -> None:
        """Refuse sign-ins under ``key`` until ``until`` (epoch seconds)."""
        ...

    def locked_until(self, key: str, now: float) -> float | None:
        """When the lock on ``key`` ends, or None if it is not locked."""
        ...

    def add_entry(self, entry: LogEntry) -> bool:
        """Keep ``entry``; False (keeping nothing) when its reference is already taken."""
        ...

    def get_entry(self, ref: str) -> LogEntry | None:
        """The entry with reference ``ref``, or None."""
        ...

    def entries_of(self, agent: str, day: str) -> list[LogEntry]:
        """The entries ``agent`` made on ``day`` (YYYY-MM-DD, Asia/Kolkata), oldest first."""
        ...

    def delete_entry(self, ref: str) -> bool:
        """Delete an entry; False when there was none."""
        ...

    def close(self) -> None:
        """Release the store's connections."""
        ...


def open_console_store(url: str) -> ConsoleStore:
    """The console store on the session store's backend (``sqlite:///…`` or ``redis://…``)."""
    if url.startswith("sqlite:///"):
        from bot.console.store_sqlite import SQLiteConsoleStore

        return SQLiteConsoleStore(url.removeprefix("sqlite:///"))
    if url.startswith(("redis://", "rediss://")):
        from bot.console.store_redis import RedisConsoleStore

        return RedisConsoleStore(url)
    raise ValueError("the console store takes the session store's sqlite:/// or redis:// URL")
