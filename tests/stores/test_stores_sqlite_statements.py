"""What one SQLite turn costs in statements: a block that writes nothing releases its lock with
one statement instead of a write transaction, and still leaves no lock behind."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from stores_support import key_for

from bot.stores import SQLiteSessionStore

ALICE = key_for("whatsapp:+919876543210")


def statements_of(store: SQLiteSessionStore, block: Callable[[], None]) -> list[str]:
    """The first word of each SQL statement this thread's store connection runs during
    ``block()``."""
    seen: list[str] = []
    conn = store._thread_connection()
    conn.set_trace_callback(seen.append)
    try:
        block()
    finally:
        conn.set_trace_callback(None)
    return [statement.split()[0].upper() for statement in seen]


def test_a_block_that_writes_nothing_releases_with_one_statement(tmp_path: Path) -> None:
    path = tmp_path / "sessions.db"
    store = SQLiteSessionStore(path)

    def look() -> None:
        with store.open(ALICE) as slot:
            assert slot.reply_for("SM1") is None
            assert slot.data is None

    try:
        # Claim the lock, read the session and the reply, release: no BEGIN ... COMMIT.
        assert statements_of(store, look) == ["INSERT", "SELECT", "SELECT", "DELETE"]
        with closing(sqlite3.connect(path)) as db:
            assert db.execute("SELECT count(*) FROM locks").fetchone()[0] == 0
    finally:
        store.close()


def test_a_block_that_saves_commits_with_its_fencing_check(tmp_path: Path) -> None:
    store = SQLiteSessionStore(tmp_path / "sessions.db")

    def turn() -> None:
        with store.open(ALICE) as slot:
            slot.save('{"n": 1}', message_id="SM1", reply="one")

    try:
        kinds = statements_of(store, turn)
        assert kinds[kinds.index("BEGIN") :] == [
            "BEGIN",
            "SELECT",  # the lock's token: still ours?
            "INSERT",
            "INSERT",
            "DELETE",
            "COMMIT",
        ]
    finally:
        store.close()
