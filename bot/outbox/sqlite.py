"""The outbox in a SQLite file: the embedded default (one machine, any number of workers).

One table holds the envelopes in the order they were put (``seq``); an envelope is due when its
``due_at`` has passed, nobody holds an unexpired claim on it, and no earlier envelope of the
same user is still waiting (per-user order). A claim is a random token with an expiry written
in the same statement that picks the envelope, so two senders never hold one envelope. Keys of
sent envelopes are remembered (``sent_keys``, purged after a day) so a retried webhook never
queues a sent reply again. Dead letters keep the key, the last error and the counts, never the
address or the text.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
import time
from pathlib import Path
from typing import Final

from bot.outbox.base import CLAIM_LEASE_SECONDS, Claim, DeadLetter, Envelope, OutboxError

__all__ = ["SQLiteOutbox"]

#: How long the key of a sent envelope is remembered (webhook retries come within hours).
SENT_KEY_SECONDS: Final = 24 * 60 * 60

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    user TEXT NOT NULL,
    envelope TEXT NOT NULL,
    due_at REAL NOT NULL,
    claim TEXT,
    claimed_until REAL NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS outbox_user ON outbox (user, seq);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (due_at);
CREATE TABLE IF NOT EXISTS sent_keys (key TEXT PRIMARY KEY, sent_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS dead_letters (
    key TEXT PRIMARY KEY,
    transport TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    last_error TEXT NOT NULL,
    unsent INTEGER NOT NULL,
    died_at REAL NOT NULL
);
"""

# The oldest due envelope that is first in its user's line and not held by a live claim.
_CLAIM: Final = """
UPDATE outbox SET claim = :token, claimed_until = :until
WHERE seq = (
    SELECT o.seq FROM outbox AS o
    WHERE o.due_at <= :now AND o.claimed_until <= :now
      AND NOT EXISTS (SELECT 1 FROM outbox AS e WHERE e.user = o.user AND e.seq < o.seq)
    ORDER BY o.seq LIMIT 1
)
RETURNING envelope
"""


class SQLiteOutbox:
    """:class:`~bot.outbox.base.Outbox` in a SQLite file (WAL, a connection per thread)."""

    def __init__(self, path: str | Path, *, timeout_seconds: float = 5.0) -> None:
        """Open (creating if needed) the outbox database at ``path``."""
        self._path = str(path)
        self._timeout = timeout_seconds
        self._local = threading.local()
        Path(self._path).parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as db:
            db.executescript(_SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self._path, timeout=self._timeout, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    def _run(
        self, sql: str, params: dict[str, object] | tuple[object, ...] = ()
    ) -> list[tuple[object, ...]]:
        try:
            return self._connection().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise OutboxError(f"the outbox database failed: {exc}") from exc

    def put(self, envelope: Envelope) -> bool:
        """Queue ``envelope`` unless its key is queued or was sent; True if queued."""
        db = self._connection()
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                if db.execute("SELECT 1 FROM sent_keys WHERE key = ?", (envelope.key,)).fetchone():
                    return False
                cursor = db.execute(
                    "INSERT OR IGNORE INTO outbox (key, user, envelope, due_at) VALUES (?,?,?,?)",
                    (envelope.key, envelope.user, envelope.to_json(), 0.0),
                )
                return cursor.rowcount == 1
            finally:
                db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise OutboxError(f"the outbox database failed: {exc}") from exc

    def claim(self, now: float, lease: float = CLAIM_LEASE_SECONDS) -> Claim | None:
        """The oldest due envelope first in its user's line, held for ``lease`` seconds."""
        token = secrets.token_hex(8)
        rows = self._run(_CLAIM, {"token": token, "until": now + lease, "now": now})
        if not rows:
            return None
        return Claim(Envelope.from_json(str(rows[0][0])), token)

    def progress(self, claim: Claim, sent: int) -> None:
        """Record that the first ``sent`` replies went out (a takeover resumes after them)."""
        envelope = _with(claim.envelope, sent=sent)
        self._run(
            "UPDATE outbox SET envelope = ? WHERE key = ? AND claim = ?",
            (envelope.to_json(), envelope.key, claim.token),
        )

    def done(self, claim: Claim) -> None:
        """Remove the sent envelope and remember its key."""
        now = time.time()
        self._transaction(
            ("DELETE FROM outbox WHERE key = ?", (claim.envelope.key,)),
            (
                "INSERT OR REPLACE INTO sent_keys (key, sent_at) VALUES (?, ?)",
                (claim.envelope.key, now),
            ),
            ("DELETE FROM sent_keys WHERE sent_at < ?", (now - SENT_KEY_SECONDS,)),
        )

    def retry(self, claim: Claim, error: str, at: float) -> None:
        """Due again at ``at``, one attempt more, the claim released."""
        envelope = claim.envelope
        current = self._run("SELECT envelope FROM outbox WHERE key = ?", (envelope.key,))
        if current:  # keep the progress recorded since the claim
            envelope = Envelope.from_json(str(current[0][0]))
        envelope = _with(envelope, attempts=envelope.attempts + 1, last_error=error)
        self._run(
            "UPDATE outbox SET envelope = ?, due_at = ?, claim = NULL, claimed_until = 0 "
            "WHERE key = ? AND claim = ?",
            (envelope.to_json(), at, envelope.key, claim.token),
        )

    def dead(self, claim: Claim, error: str) -> None:
        """Move the envelope to the dead letters (no address, no text kept)."""
        envelope = claim.envelope
        current = self._run("SELECT envelope FROM outbox WHERE key = ?", (envelope.key,))
        if current:
            envelope = Envelope.from_json(str(current[0][0]))
        self._transaction(
            ("DELETE FROM outbox WHERE key = ?", (envelope.key,)),
            (
                "INSERT OR REPLACE INTO dead_letters "
                "(key, transport, attempts, last_error, unsent, died_at) VALUES (?,?,?,?,?,?)",
                (
                    envelope.key,
                    envelope.transport,
                    envelope.attempts + 1,
                    error,
                    len(envelope.replies) - envelope.sent,
                    time.time(),
                ),
            ),
            (
                "INSERT OR REPLACE INTO sent_keys (key, sent_at) VALUES (?, ?)",
                (envelope.key, time.time()),
            ),
        )

    def depth(self) -> int:
        """Envelopes waiting."""
        return int(str(self._run("SELECT COUNT(*) FROM outbox")[0][0]))

    def dead_letters(self, limit: int = 100) -> list[DeadLetter]:
        """The newest dead letters."""
        rows = self._run(
            "SELECT key, transport, attempts, last_error, unsent FROM dead_letters "
            "ORDER BY died_at DESC LIMIT ?",
            (limit,),
        )
        return [
            DeadLetter(str(k), str(t), int(str(a)), str(e), int(str(u))) for k, t, a, e, u in rows
        ]

    def close(self) -> None:
        """Close this thread's connection."""
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    def _transaction(self, *statements: tuple[str, tuple[object, ...]]) -> None:
        db = self._connection()
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                for sql, params in statements:
                    db.execute(sql, params)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise OutboxError(f"the outbox database failed: {exc}") from exc


def _with(envelope: Envelope, **changes: object) -> Envelope:
    from dataclasses import replace

    return replace(envelope, **changes)  # type: ignore[arg-type]
