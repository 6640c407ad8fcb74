"""A session store in one SQLite file, shared by every worker process on one host.

Locking trade-off: ``open`` starts a ``BEGIN IMMEDIATE`` transaction and holds it for the
whole ``with`` block. That takes SQLite's single write lock, so it serialises messages of
the same user across threads and processes (what we need) but also messages of *different*
users (what we accept). The bot's engine is pure and fast, so a block lasts about a
millisecond and the queue stays short; never make network calls inside the block. Readers
are not blocked (WAL mode). When one host with a shared file is no longer enough, use the
Redis store, whose locks are per user.

Every ``open`` uses its own connection, closed at the end of the block: sqlite3
connections are not safe to share between threads, and FastAPI runs sync endpoints in a
thread pool. Opening a connection costs far less than the transaction it carries.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path

from bot.stores.base import (
    DEFAULT_LOCK_WAIT_SECONDS,
    DEFAULT_REPLY_TTL_SECONDS,
    DEFAULT_SESSION_TTL_SECONDS,
    check_reply,
    check_ttl,
    check_user_key,
)
from bot.stores.errors import SlotClosedError, StoreBusyError, StoreError

_SCHEMA_VERSION = 1
# PRAGMA auto_vacuum's value for INCREMENTAL: free pages are returned on incremental_vacuum.
_AUTO_VACUUM_INCREMENTAL = 2
# Pause between attempts to switch a new file to WAL while another process holds it.
_WAL_RETRY_SECONDS = 0.01

# Expiry times are absolute (clock() + ttl) so a read needs no arithmetic and
# purge_expired() is one indexed range delete.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    user_key   TEXT PRIMARY KEY,
    data       TEXT NOT NULL,
    expires_at REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
CREATE TABLE IF NOT EXISTS replies (
    user_key   TEXT NOT NULL,
    message_id TEXT NOT NULL,
    reply      TEXT NOT NULL,
    expires_at REAL NOT NULL,
    PRIMARY KEY (user_key, message_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS replies_expires_at ON replies (expires_at);
"""


class SQLiteSessionStore:
    """Sessions in a SQLite file (WAL mode); see the module docstring for the locking."""

    def __init__(
        self,
        path: str | Path,
        *,
        ttl_seconds: float = DEFAULT_SESSION_TTL_SECONDS,
        reply_ttl_seconds: float = DEFAULT_REPLY_TTL_SECONDS,
        busy_timeout_seconds: float = DEFAULT_LOCK_WAIT_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Prepare a store at ``path``; the file and its directories are created on first use.

        ``clock`` returns the current time in seconds; tests inject one to expire sessions
        without sleeping.
        """
        if str(path) in ("", ":memory:"):
            # Each open() has its own connection, and each would see a different empty
            # in-memory database.
            raise ValueError("SQLiteSessionStore needs a file path, not an in-memory database")
        self.path = Path(path)
        self._ttl = check_ttl("ttl_seconds", ttl_seconds)
        self._reply_ttl = check_ttl("reply_ttl_seconds", reply_ttl_seconds)
        self._busy_timeout = check_ttl("busy_timeout_seconds", busy_timeout_seconds)
        self._clock = clock
        self._ready = False
        self._ready_lock = threading.Lock()
        self._closed = False

    @contextmanager
    def open(self, user_key: str) -> Iterator[SQLiteSlot]:
        """Lock the database for writing, load ``user_key``'s session and yield its slot."""
        check_user_key(user_key)
        with closing(self._connect()) as conn:
            _begin_immediate(conn, self._busy_timeout)
            slot = SQLiteSlot(self, conn, user_key, now=self._clock())
            try:
                yield slot
            except BaseException:
                _rollback_quietly(conn)
                raise
            else:
                conn.execute("COMMIT")
            finally:
                slot._closed = True

    def purge_expired(self) -> int:
        """Delete expired sessions and replies; return how many rows went.

        Expired rows already read as absent, so this only reclaims space: run it from a
        periodic job, not on the message path.
        """
        with closing(self._connect()) as conn:
            _begin_immediate(conn, self._busy_timeout)
            try:
                now = self._clock()
                removed = conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,))
                count = removed.rowcount
                removed = conn.execute("DELETE FROM replies WHERE expires_at <= ?", (now,))
                count += removed.rowcount
            except BaseException:
                _rollback_quietly(conn)
                raise
            conn.execute("COMMIT")
            if count:
                # Give the freed pages back to the file system (auto_vacuum is INCREMENTAL):
                # the file shrinks as sessions expire instead of only ever growing. Through
                # execute() the pragma frees one page per step; executescript runs it to the end.
                conn.executescript("PRAGMA incremental_vacuum;")
            return count

    def ping(self) -> bool:
        """Return True if the database file can be opened and queried."""
        try:
            with closing(self._connect()) as conn:
                conn.execute("SELECT 1 FROM sessions LIMIT 1").fetchall()
        except (sqlite3.Error, OSError, StoreError):
            return False
        return True

    def close(self) -> None:
        """Refuse further use. There is nothing else to release: connections live per open."""
        self._closed = True

    def _connect(self) -> sqlite3.Connection:
        if self._closed:
            raise StoreError("this session store has been closed; open a new one")
        self._ensure_schema()
        return self._raw_connect()

    def _raw_connect(self) -> sqlite3.Connection:
        # isolation_level=None: the sqlite3 module must not open transactions behind our
        # back; we issue BEGIN IMMEDIATE / COMMIT / ROLLBACK ourselves. timeout sets
        # SQLite's busy_timeout, which is how a second writer waits for the first.
        return sqlite3.connect(self.path, timeout=self._busy_timeout, isolation_level=None)

    def _ensure_schema(self) -> None:
        if self._ready:
            return
        with self._ready_lock:
            if self._ready:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._raw_connect()) as conn:
                _enable_incremental_vacuum(conn)
                _enable_wal(conn, self._busy_timeout)
                # Several processes may create the schema at once: IF NOT EXISTS inside a
                # write transaction makes that harmless.
                _begin_immediate(conn, self._busy_timeout)
                try:
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
                except BaseException:
                    _rollback_quietly(conn)
                    raise
                conn.execute("COMMIT")
            self._ready = True


class SQLiteSlot:
    """A user's session inside an open SQLite write transaction."""

    data: str | None

    def __init__(
        self, store: SQLiteSessionStore, conn: sqlite3.Connection, user_key: str, *, now: float
    ) -> None:
        """Load ``user_key``'s unexpired session; ``now`` is fixed for the whole block."""
        self._conn = conn
        self._user_key = user_key
        self._now = now
        self._ttl = store._ttl
        self._reply_ttl = store._reply_ttl
        self._closed = False
        row = conn.execute(
            "SELECT data FROM sessions WHERE user_key = ? AND expires_at > ?", (user_key, now)
        ).fetchone()
        self.data = row[0] if row else None

    def reply_for(self, message_id: str) -> str | None:
        """Return the unexpired reply recorded for ``message_id``, or None."""
        self._check_open()
        row = self._conn.execute(
            "SELECT reply FROM replies WHERE user_key = ? AND message_id = ? AND expires_at > ?",
            (self._user_key, message_id, self._now),
        ).fetchone()
        return row[0] if row else None

    def save(self, data: str, *, message_id: str | None = None, reply: str | None = None) -> None:
        """Write the session (and the reply); committed when the ``with`` block exits."""
        self._check_open()
        check_reply(message_id, reply)
        # Saving refreshes the expiry: sessions expire after a day of *silence*.
        self._conn.execute(
            "INSERT INTO sessions (user_key, data, expires_at) VALUES (?, ?, ?) "
            "ON CONFLICT (user_key) DO UPDATE SET data = excluded.data, "
            "expires_at = excluded.expires_at",
            (self._user_key, data, self._now + self._ttl),
        )
        if message_id is not None:
            self._conn.execute(
                "INSERT OR REPLACE INTO replies (user_key, message_id, reply, expires_at) "
                "VALUES (?, ?, ?, ?)",
                (self._user_key, message_id, reply, self._now + self._reply_ttl),
            )
        self.data = data

    def delete(self) -> None:
        """Delete this user's session and recorded replies; committed at block exit."""
        self._check_open()
        self._conn.execute("DELETE FROM sessions WHERE user_key = ?", (self._user_key,))
        self._conn.execute("DELETE FROM replies WHERE user_key = ?", (self._user_key,))
        self.data = None

    def _check_open(self) -> None:
        if self._closed:
            raise SlotClosedError


def _begin_immediate(conn: sqlite3.Connection, waited: float) -> None:
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        # busy_timeout has already waited; "locked"/"busy" means the holder outlasted it.
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreBusyError(waited) from exc
        raise


def _enable_incremental_vacuum(conn: sqlite3.Connection) -> None:
    # auto_vacuum is fixed when the first table is created. A new file gets INCREMENTAL here;
    # a file made before it (mode NONE) is rebuilt once with VACUUM, which is when the mode
    # change takes effect. Either way purge_expired can then hand free pages back.
    if conn.execute("PRAGMA auto_vacuum").fetchone()[0] == _AUTO_VACUUM_INCREMENTAL:
        return
    conn.execute(f"PRAGMA auto_vacuum = {_AUTO_VACUUM_INCREMENTAL}")
    if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        conn.execute("VACUUM")


def _enable_wal(conn: sqlite3.Connection, wait_seconds: float) -> None:
    # WAL is a property of the file, so whichever process gets here first sets it for all.
    # Switching modes needs an exclusive lock and SQLite may report "locked" at once,
    # without calling the busy handler, when another process is creating the file at the
    # same moment: so retry here, within the same bound as any other wait.
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(_WAL_RETRY_SECONDS)


def _rollback_quietly(conn: sqlite3.Connection) -> None:
    # Called while another exception is propagating: a failing ROLLBACK must not mask it,
    # and closing the connection rolls back anyway.
    with suppress(sqlite3.Error):
        conn.execute("ROLLBACK")
