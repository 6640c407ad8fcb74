"""The console store in the SQLite file of the conversations (tables prefixed ``console_``).

Each operation is one short autocommit statement (or a small transaction) on this thread's
connection; the file is already in WAL mode for the session store, so readers never wait.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import suppress
from pathlib import Path
from typing import Final

from bot.console.store import DAY_LOG_RETENTION_SECONDS, Agent, LogEntry

__all__ = ["SQLiteConsoleStore"]

#: How long a statement waits for another writer (SQLite's busy_timeout).
BUSY_TIMEOUT_SECONDS: Final = 5.0

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS console_agents (
    name TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS console_sessions (
    session_id TEXT PRIMARY KEY,
    agent      TEXT NOT NULL,
    expires_at REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS console_sessions_agent ON console_sessions (agent);
CREATE TABLE IF NOT EXISTS console_failures (
    key          TEXT PRIMARY KEY,
    count        INTEGER NOT NULL,
    window_ends  REAL NOT NULL,
    locked_until REAL NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS console_log (
    ref        TEXT PRIMARY KEY,
    agent      TEXT NOT NULL,
    day        TEXT NOT NULL,
    created_at REAL NOT NULL,
    data       TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS console_log_agent_day ON console_log (agent, day, created_at);
CREATE INDEX IF NOT EXISTS console_log_created_at ON console_log (created_at);
"""


class SQLiteConsoleStore:
    """Console accounts, sessions, failed sign-ins and the day log in a SQLite file."""

    def __init__(self, path: str | Path) -> None:
        """Use the database at ``path`` (created, with its directories, on first use)."""
        self.path = Path(path)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._ready = False

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
        with self._guard:
            if not self._ready:
                conn.executescript(_SCHEMA)
                self._ready = True
            self._connections.append(conn)
        self._local.conn = conn
        return conn

    def get_agent(self, name: str) -> Agent | None:
        """The account called ``name``, or None."""
        row = (
            self._conn()
            .execute("SELECT data FROM console_agents WHERE name = ?", (name,))
            .fetchone()
        )
        return Agent.from_json(row[0]) if row else None

    def put_agent(self, agent: Agent) -> None:
        """Create or replace an account."""
        self._conn().execute(
            "INSERT INTO console_agents (name, data) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET data = excluded.data",
            (agent.name, agent.to_json()),
        )

    def list_agents(self) -> list[Agent]:
        """Every account, by name."""
        rows = self._conn().execute("SELECT data FROM console_agents ORDER BY name").fetchall()
        return [Agent.from_json(row[0]) for row in rows]

    def create_session(self, session_id: str, agent: str, expires_at: float) -> None:
        """Record a signed-in session (and drop sessions that have expired)."""
        conn = self._conn()
        conn.execute("DELETE FROM console_sessions WHERE expires_at <= ?", (time.time(),))
        conn.execute(
            "INSERT INTO console_sessions (session_id, agent, expires_at) VALUES (?, ?, ?)",
            (session_id, agent, expires_at),
        )

    def session_agent(self, session_id: str, now: float) -> str | None:
        """The agent of a live session, or None."""
        row = (
            self._conn()
            .execute(
                "SELECT agent FROM console_sessions WHERE session_id = ? AND expires_at > ?",
                (session_id, now),
            )
            .fetchone()
        )
        return str(row[0]) if row else None

    def end_session(self, session_id: str) -> None:
        """Sign a session out."""
        self._conn().execute("DELETE FROM console_sessions WHERE session_id = ?", (session_id,))

    def end_sessions_of(self, agent: str) -> None:
        """Sign every session of ``agent`` out."""
        self._conn().execute("DELETE FROM console_sessions WHERE agent = ?", (agent,))

    def count_failure(self, key: str, now: float, window_seconds: float) -> int:
        """Count a failed sign-in; a window that has ended starts again at one."""
        row = (
            self._conn()
            .execute(
                "INSERT INTO console_failures (key, count, window_ends) VALUES (?, 1, ?) "
                "ON CONFLICT (key) DO UPDATE SET "
                "count = CASE WHEN window_ends <= ? THEN 1 ELSE count + 1 END, "
                "window_ends = CASE WHEN window_ends <= ? THEN excluded.window_ends "
                "ELSE window_ends END "
                "RETURNING count",
                (key, now + window_seconds, now, now),
            )
            .fetchone()
        )
        return int(row[0])

    def clear_failures(self, key: str) -> None:
        """Forget the failures under ``key`` (a lock in force stays)."""
        self._conn().execute(
            "UPDATE console_failures SET count = 0 WHERE key = ?",
            (key,),
        )

    def lock(self, key: str, until: float) -> None:
        """Refuse sign-ins under ``key`` until ``until``; the failure count starts again."""
        self._conn().execute(
            "INSERT INTO console_failures (key, count, window_ends, locked_until) "
            "VALUES (?, 0, 0, ?) ON CONFLICT (key) DO UPDATE SET count = 0, "
            "locked_until = excluded.locked_until",
            (key, until),
        )

    def locked_until(self, key: str, now: float) -> float | None:
        """When the lock on ``key`` ends, or None."""
        row = (
            self._conn()
            .execute(
                "SELECT locked_until FROM console_failures WHERE key = ? AND locked_until > ?",
                (key, now),
            )
            .fetchone()
        )
        return float(row[0]) if row else None

    def add_entry(self, entry: LogEntry) -> bool:
        """Keep ``entry`` unless its reference is taken; drop entries past their retention."""
        conn = self._conn()
        conn.execute(
            "DELETE FROM console_log WHERE created_at < ?",
            (entry.created_at - DAY_LOG_RETENTION_SECONDS,),
        )
        cursor = conn.execute(
            "INSERT INTO console_log (ref, agent, day, created_at, data) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (ref) DO NOTHING",
            (entry.ref, entry.agent, entry.day, entry.created_at, entry.to_json()),
        )
        return cursor.rowcount == 1

    def get_entry(self, ref: str) -> LogEntry | None:
        """The entry with reference ``ref``, or None."""
        row = self._conn().execute("SELECT data FROM console_log WHERE ref = ?", (ref,)).fetchone()
        return LogEntry.from_json(row[0]) if row else None

    def entries_of(self, agent: str, day: str) -> list[LogEntry]:
        """``agent``'s entries of ``day``, oldest first."""
        rows = (
            self._conn()
            .execute(
                "SELECT data FROM console_log WHERE agent = ? AND day = ? ORDER BY created_at, ref",
                (agent, day),
            )
            .fetchall()
        )
        return [LogEntry.from_json(row[0]) for row in rows]

    def delete_entry(self, ref: str) -> bool:
        """Delete an entry; False when there was none."""
        return self._conn().execute("DELETE FROM console_log WHERE ref = ?", (ref,)).rowcount == 1

    def close(self) -> None:
        """Close every connection this store opened."""
        with self._guard:
            connections, self._connections = self._connections, []
        for conn in connections:
            with suppress(sqlite3.Error):
                conn.close()
        self._local = threading.local()
