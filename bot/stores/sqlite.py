"""A session store in one SQLite file, shared by every worker process on one host.

Locking: per user, never the whole database for a turn. ``open`` takes a row in the
``locks`` table for that user (one autocommit statement: claim the row unless someone holds
it), then reads the session outside any transaction. The ``with`` block runs with no
database lock held, so different users never wait for each other's turns. What the block
saves is staged in memory and written at exit in one short ``BEGIN IMMEDIATE`` transaction,
which first checks that the lock row still carries this block's token (a fencing check),
then writes and releases the lock in the same commit. The database's single write lock is
thus held for a few statements per turn, not for the turn.

A second message of the same user polls for the row until ``busy_timeout_seconds`` and then
raises :class:`~bot.stores.errors.StoreBusyError`. A lock left behind by a crashed process
is taken over at once when its process is gone (same host: the file is local), and in any
case after :data:`LOCK_LEASE_SECONDS`; if that happens to a block still running, its exit
finds another token and raises :class:`~bot.stores.errors.LockLostError`, saving nothing.

A turn tried on the event loop (``open(key, wait=False)``, see :mod:`bot.pipeline`) takes no
lock row: it reads, and at exit writes in one transaction that first checks that no message of
the user held the lock, saved the session or answered the same message meanwhile (optimistic
locking); on a clash it saves nothing and raises :class:`~bot.stores.errors.LockHeldError`, and
the turn runs again through ``open``, which waits.

WAL with ``synchronous=NORMAL``: a commit does not wait for the disk (a power cut may lose
the last commits, never corrupt the file; a killed process loses nothing). The WAL is copied
into the file by :meth:`SQLiteSessionStore.checkpoint` in the background, not by the turns.
The connections ``open`` uses are kept per thread and per process and reused: turns run on
the event loop and in a thread pool, and sqlite3 connections must not be shared between
threads.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import Final, NamedTuple

from bot.stores.base import (
    DEFAULT_LOCK_WAIT_SECONDS,
    DEFAULT_REPLY_TTL_SECONDS,
    DEFAULT_SESSION_TTL_SECONDS,
    check_reply,
    check_ttl,
    check_user_key,
)
from bot.stores.errors import (
    LockHeldError,
    LockLostError,
    SlotClosedError,
    StoreBusyError,
    StoreError,
)

#: 3: replies in a rowid table. A reply (about 1.3 KB) is larger than a WITHOUT ROWID row may
#: keep on its page (about 1 KB), so each one took an overflow page of its own and the file was
#: half empty space; a rowid table keeps rows of up to about 4 KB on the page.
#: 4: sessions in a rowid table too: a session (1 to 2 KB) filled a WITHOUT ROWID leaf with two
#: rows, so new users split pages all the time, and every page a commit touches is written
#: to the WAL again (a turn wrote 12 pages; now about 8).
_SCHEMA_VERSION = 4
#: Tables a file made before versions 3 and 4 keeps WITHOUT ROWID, rebuilt by the migration.
_ROWID_TABLES = ("replies", "sessions")
_COLUMNS: Final = {
    "replies": "user_key, message_id, reply, expires_at",
    "sessions": "user_key, data, expires_at",
}
#: How long a user's lock row is honoured when its holder cannot be shown to be dead. Far
#: longer than a turn, longer than the lock wait: only a stuck (not crashed) holder hits it.
LOCK_LEASE_SECONDS: Final[float] = 30.0
# Polling for another message's lock: start fast (a turn takes about a millisecond), back off.
_POLL_FIRST_SECONDS = 0.0005
_POLL_MAX_SECONDS = 0.01
# PRAGMA auto_vacuum's value for INCREMENTAL: free pages are returned on incremental_vacuum.
_AUTO_VACUUM_INCREMENTAL = 2
#: The WAL is copied into the database file by :meth:`SQLiteSessionStore.checkpoint`, run in
#: the background; a turn's own connection copies it only past this many pages (about 40 MB,
#: should the background stop), so that no turn waits for the copy and its fsync.
WAL_BACKSTOP_PAGES: Final = 10_000
# Pause between attempts to switch a new file to WAL while another process holds it.
_WAL_RETRY_SECONDS = 0.01

# Expiry times are absolute (clock() + ttl) so a read needs no arithmetic and
# purge_expired() is one indexed range delete.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    user_key   TEXT NOT NULL UNIQUE,
    data       TEXT NOT NULL,
    expires_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
CREATE TABLE IF NOT EXISTS replies (
    user_key   TEXT NOT NULL,
    message_id TEXT NOT NULL,
    reply      TEXT NOT NULL,
    expires_at REAL NOT NULL,
    UNIQUE (user_key, message_id)
);
CREATE INDEX IF NOT EXISTS replies_expires_at ON replies (expires_at);
CREATE TABLE IF NOT EXISTS locks (
    user_key   TEXT PRIMARY KEY,
    token      TEXT NOT NULL,
    pid        INTEGER NOT NULL,
    expires_at REAL NOT NULL
) WITHOUT ROWID;
"""


class Checkpoint(NamedTuple):
    """What a WAL checkpoint found: the pages in the WAL, and how many are in the file now."""

    wal_pages: int
    copied: int


class SQLiteSessionStore:
    """Sessions in a SQLite file (WAL mode), locked per user; see the module docstring."""

    #: Every step is local and short: a turn may run on the event loop (LocalSessionStore).
    local: Final = True

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
        # SQLite lets one writer in at a time, and a writer kept out waits in SQLite's busy
        # handler, which sleeps in growing steps (1, 2, 5, 10… ms) even when the file is free
        # again a tenth of a millisecond later. Threads of this process take turns here
        # instead, handing over at once; only other processes meet the busy handler.
        self._writes = threading.Lock()
        self._closed = False
        # open()'s connections: one per thread, reused, all listed so close() can close them.
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._checkpoint_conn: sqlite3.Connection | None = None
        self._checkpoint_lock = threading.Lock()

    @contextmanager
    def open(self, user_key: str, *, wait: bool = True) -> Iterator[SQLiteSlot]:
        """Lock ``user_key`` (waiting for its other message, if any), load its session and
        yield its slot; what the block saves is committed at exit, under the same lock.

        ``wait=False`` (a turn tried on the event loop): no lock row is taken. It raises
        :class:`~bot.stores.errors.LockHeldError`, saving nothing, when another message of the
        user holds its lock: at once, or at the block's exit if one took it, or changed the
        session, or answered the same message meanwhile. Otherwise what the block saved is
        written in one short transaction, as if under the lock, at half the writes.
        """
        check_user_key(user_key)
        conn = self._thread_connection()
        if not wait:
            yield from self._open_unlocked(conn, user_key)
            return
        token = self._acquire(conn, user_key, wait=True)
        try:
            slot = SQLiteSlot(self, conn, user_key, now=self._clock())
            try:
                yield slot
            finally:
                slot._closed = True
        except BaseException:
            _release_quietly(conn, user_key, token)
            raise
        self._commit(conn, user_key, token, slot)

    def _open_unlocked(self, conn: sqlite3.Connection, user_key: str) -> Iterator[SQLiteSlot]:
        """``open(wait=False)``: read without a lock row, and commit only if no other message
        of the user has held the lock, saved the session or answered the same message id
        since the read (optimistic locking: a clash is rare, and the caller then runs the
        turn again with ``open``, which waits)."""
        now = self._clock()
        held, read = conn.execute(
            _HELD_AND_SESSION, {"user": user_key, "lease_now": time.time(), "now": now}
        ).fetchone()
        if held:
            raise LockHeldError
        slot = SQLiteSlot(self, conn, user_key, now=now, loaded=(read,))
        try:
            yield slot
        finally:
            slot._closed = True
        if not slot._staged:
            return
        with self._writes:
            _begin_immediate(conn, self._busy_timeout)
            try:
                if not slot._unchanged_since(read, lease_now=time.time()):
                    raise LockHeldError
                for statement, parameters in slot._staged:
                    conn.execute(statement, parameters)
                conn.execute("COMMIT")
            except BaseException:
                _rollback_quietly(conn)
                raise

    def _acquire(self, conn: sqlite3.Connection, user_key: str, *, wait: bool) -> str:
        """Claim ``user_key``'s lock row and return this claim's token, or raise
        StoreBusyError once the wait runs out (LockHeldError at once without ``wait``)."""
        token = secrets.token_hex(8)
        pid = os.getpid()
        deadline = time.monotonic() + self._busy_timeout
        pause = _POLL_FIRST_SECONDS
        while True:
            now = time.time()  # leases are real time, whatever clock the sessions use
            try:
                # One statement, so atomic without a transaction: take the row if it is free
                # or its lease ran out.
                with self._writes:
                    claimed = conn.execute(
                        "INSERT INTO locks (user_key, token, pid, expires_at) "
                        "VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (user_key) DO UPDATE SET token = excluded.token, "
                        "pid = excluded.pid, expires_at = excluded.expires_at "
                        "WHERE locks.expires_at <= ?",
                        (user_key, token, pid, now + LOCK_LEASE_SECONDS, now),
                    ).rowcount
                    if not claimed:
                        claimed = _take_from_the_dead(conn, user_key, token, now)
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                claimed = 0  # busy_timeout already waited; count it against our own wait
            if claimed:
                return token
            if not wait:
                raise LockHeldError
            if time.monotonic() >= deadline:
                raise StoreBusyError(self._busy_timeout)
            time.sleep(pause)
            pause = min(pause * 2, _POLL_MAX_SECONDS)

    def _commit(
        self, conn: sqlite3.Connection, user_key: str, token: str, slot: SQLiteSlot
    ) -> None:
        """Write what ``slot`` staged and release the lock, in one short transaction; raise
        LockLostError (saving nothing) if the lock is no longer ours."""
        with self._writes:
            self._commit_now(conn, user_key, token, slot)

    def _commit_now(
        self, conn: sqlite3.Connection, user_key: str, token: str, slot: SQLiteSlot
    ) -> None:
        if not slot._staged:
            # Nothing to write, so nothing to fence: one statement releases the lock (a first
            # look at a new user, a tombstone lookup, a retry answered from its record).
            try:
                conn.execute(
                    "DELETE FROM locks WHERE user_key = ? AND token = ?", (user_key, token)
                )
            except sqlite3.OperationalError as exc:
                if _is_busy(exc):
                    raise StoreBusyError(self._busy_timeout) from exc
                raise
            return
        try:
            _begin_immediate(conn, self._busy_timeout)
        except BaseException:
            _release_quietly(conn, user_key, token)
            raise
        try:
            held = conn.execute(
                "SELECT token FROM locks WHERE user_key = ?", (user_key,)
            ).fetchone()
            if held is None or held[0] != token:
                raise LockLostError
            for statement, parameters in slot._staged:
                conn.execute(statement, parameters)
            conn.execute("DELETE FROM locks WHERE user_key = ?", (user_key,))
            conn.execute("COMMIT")
        except BaseException:
            _rollback_quietly(conn)
            _release_quietly(conn, user_key, token)
            raise

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

    def checkpoint(self) -> Checkpoint:
        """Copy what the WAL holds into the database file; return how many pages the WAL
        holds and how many of them are in the file now.

        A PASSIVE checkpoint: it neither waits for a turn nor holds one up (pages a reader
        still needs are left for the next one). Run it from a background thread every second
        or so (``bijuli serve`` does): the turns' own connections then leave the copy, and
        the fsync that ends it, to it.
        """
        with self._checkpoint_lock:
            if self._checkpoint_conn is None:
                self._checkpoint_conn = self._connect()
            row = self._checkpoint_conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        return Checkpoint(max(int(row[1]), 0), max(int(row[2]), 0))

    def ping(self) -> bool:
        """Return True if the database file can be opened and queried."""
        try:
            with closing(self._connect()) as conn:
                conn.execute("SELECT 1 FROM sessions LIMIT 1").fetchall()
        except (sqlite3.Error, OSError, StoreError):
            return False
        return True

    def close(self) -> None:
        """Close the connections ``open`` kept and refuse further use."""
        self._closed = True
        with self._checkpoint_lock:
            if self._checkpoint_conn is not None:
                with suppress(sqlite3.Error):
                    self._checkpoint_conn.close()
                self._checkpoint_conn = None
        with self._connections_lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            with suppress(sqlite3.Error):
                conn.close()

    def _thread_connection(self) -> sqlite3.Connection:
        """This thread's connection for ``open``, made on first use (again in a child
        process: a connection must not cross a fork)."""
        owned: tuple[int, sqlite3.Connection] | None = getattr(self._local, "conn", None)
        if owned is not None and owned[0] == os.getpid() and not self._closed:
            return owned[1]
        conn = self._connect()
        # Per connection, not per file: commits wait for the WAL write, not for the disk.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_BACKSTOP_PAGES}")
        self._local.conn = (os.getpid(), conn)
        with self._connections_lock:
            self._connections.append(conn)
        return conn

    def _connect(self) -> sqlite3.Connection:
        if self._closed:
            raise StoreError("this session store has been closed; open a new one")
        self._ensure_schema()
        return self._raw_connect()

    def _raw_connect(self) -> sqlite3.Connection:
        # isolation_level=None: the sqlite3 module must not open transactions behind our
        # back; we issue BEGIN IMMEDIATE / COMMIT / ROLLBACK ourselves. timeout sets
        # SQLite's busy_timeout, which is how a second writer waits for the first.
        # check_same_thread=False only so close() may close it: each thread uses its own.
        return sqlite3.connect(
            self.path, timeout=self._busy_timeout, isolation_level=None, check_same_thread=False
        )

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
                    _migrate(conn)
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
                except BaseException:
                    _rollback_quietly(conn)
                    raise
                conn.execute("COMMIT")
            self._ready = True


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring a file made by an earlier version to the current schema, keeping every row (a
    recorded reply still answers a retry, a session goes on). Runs inside the schema's write
    transaction."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version >= _SCHEMA_VERSION:
        return
    for table in _ROWID_TABLES:
        found = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        if found is None or "WITHOUT ROWID" not in str(found[0]).upper():
            continue
        kept = f"{table}_before_v{_SCHEMA_VERSION}"
        conn.execute(f"ALTER TABLE {table} RENAME TO {kept}")
        conn.execute(f"DROP INDEX IF EXISTS {table}_expires_at")
        for statement in _SCHEMA.split(";"):
            if f" {table} " in statement and statement.strip():
                conn.execute(statement)
        columns = _COLUMNS[table]
        conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {kept}")
        conn.execute(f"DROP TABLE {kept}")


#: Whether a message holds the user's lock (an unexpired row; leases are real time) and the
#: user's unexpired session, in one statement.
_HELD_AND_SESSION: Final = (
    "SELECT EXISTS (SELECT 1 FROM locks WHERE user_key = :user AND expires_at > :lease_now), "
    "(SELECT data FROM sessions WHERE user_key = :user AND expires_at > :now)"
)


class SQLiteSlot:
    """A user's session under that user's lock; saves are staged until the block exits."""

    data: str | None

    def __init__(
        self,
        store: SQLiteSessionStore,
        conn: sqlite3.Connection,
        user_key: str,
        *,
        now: float,
        loaded: tuple[str | None] | None = None,
    ) -> None:
        """Load ``user_key``'s unexpired session (unless the caller ``loaded`` it already);
        ``now`` is fixed for the whole block."""
        self._conn = conn
        self._user_key = user_key
        self._now = now
        self._ttl = store._ttl
        self._reply_ttl = store._reply_ttl
        self._closed = False
        #: Statements to run, in order, in the commit at the block's exit.
        self._staged: list[tuple[str, tuple[object, ...]]] = []
        # Replies saved in this block (reply_for must see them before they are written),
        # and whether delete() hid every reply written before.
        self._staged_replies: dict[str, str] = {}
        self._replies_deleted = False
        if loaded is not None:
            self.data = loaded[0]
            return
        row = conn.execute(
            "SELECT data FROM sessions WHERE user_key = ? AND expires_at > ?", (user_key, now)
        ).fetchone()
        self.data = row[0] if row else None

    def reply_for(self, message_id: str) -> str | None:
        """Return the unexpired reply recorded for ``message_id``, or None."""
        self._check_open()
        if message_id in self._staged_replies:
            return self._staged_replies[message_id]
        if self._replies_deleted:
            return None
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
        self._staged.append(
            (
                "INSERT INTO sessions (user_key, data, expires_at) VALUES (?, ?, ?) "
                "ON CONFLICT (user_key) DO UPDATE SET data = excluded.data, "
                "expires_at = excluded.expires_at",
                (self._user_key, data, self._now + self._ttl),
            )
        )
        if message_id is not None and reply is not None:
            self._staged.append(
                (
                    "INSERT OR REPLACE INTO replies (user_key, message_id, reply, expires_at) "
                    "VALUES (?, ?, ?, ?)",
                    (self._user_key, message_id, reply, self._now + self._reply_ttl),
                )
            )
            self._staged_replies[message_id] = reply
        self.data = data

    def delete(self) -> None:
        """Delete this user's session and recorded replies; committed at block exit."""
        self._check_open()
        self._staged.append(("DELETE FROM sessions WHERE user_key = ?", (self._user_key,)))
        self._staged.append(("DELETE FROM replies WHERE user_key = ?", (self._user_key,)))
        self._staged_replies.clear()
        self._replies_deleted = True
        self.data = None

    def _unchanged_since(self, read: str | None, *, lease_now: float) -> bool:
        """Inside the commit's transaction: no message holds the user's lock, the session is
        still ``read`` and none of the replies this block records was recorded by another
        message meanwhile."""
        held, data = self._conn.execute(
            _HELD_AND_SESSION, {"user": self._user_key, "lease_now": lease_now, "now": self._now}
        ).fetchone()
        if held or data != read:
            return False
        for message_id in self._staged_replies:
            answered = self._conn.execute(
                "SELECT 1 FROM replies WHERE user_key = ? AND message_id = ? AND expires_at > ?",
                (self._user_key, message_id, self._now),
            ).fetchone()
            if answered is not None:
                return False
        return True

    def _check_open(self) -> None:
        if self._closed:
            raise SlotClosedError


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _begin_immediate(conn: sqlite3.Connection, waited: float) -> None:
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        # busy_timeout has already waited; "locked"/"busy" means the holder outlasted it.
        if _is_busy(exc):
            raise StoreBusyError(waited) from exc
        raise


def _process_alive(pid: int) -> bool:
    """Whether process ``pid`` exists on this host (the database file is local to it)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def _take_from_the_dead(conn: sqlite3.Connection, user_key: str, token: str, now: float) -> int:
    """Take ``user_key``'s lock row if its holder's process has died; return 1 if taken.

    A kill -9 during a turn leaves the row behind; waiting out the lease would make that
    user wait for seconds. Another thread of our own process is never taken from.
    """
    row = conn.execute("SELECT token, pid FROM locks WHERE user_key = ?", (user_key,)).fetchone()
    if row is None:
        return 0  # released meanwhile: the next attempt claims it
    held_token, pid = row
    if pid == os.getpid() or _process_alive(pid):
        return 0
    # Compare-and-set on the dead holder's token, so two rescuers cannot both win.
    return int(
        conn.execute(
            "UPDATE locks SET token = ?, pid = ?, expires_at = ? WHERE user_key = ? AND token = ?",
            (token, os.getpid(), now + LOCK_LEASE_SECONDS, user_key, held_token),
        ).rowcount
    )


def _release_quietly(conn: sqlite3.Connection, user_key: str, token: str) -> None:
    # Called while another exception propagates; if this fails too, the lease (or the
    # dead-process check) frees the row later.
    with suppress(sqlite3.Error):
        conn.execute("DELETE FROM locks WHERE user_key = ? AND token = ?", (user_key, token))


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
