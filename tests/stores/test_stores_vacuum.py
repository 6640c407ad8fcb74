"""The SQLite file gives back the space of expired sessions (incremental vacuum)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from stores_support import ManualClock, key_for

from bot.stores import SQLiteSessionStore

USERS = 400
# A session of a few kilobytes, like one with a long history: 400 of them fill ~1,000 pages.
SESSION = '{"history": "' + "x" * 3000 + '"}'


def _pages(path: Path) -> tuple[int, int]:
    """(pages in the file, of which free), read from outside after a WAL checkpoint."""
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        return (
            db.execute("PRAGMA page_count").fetchone()[0],
            db.execute("PRAGMA freelist_count").fetchone()[0],
        )


def _fill(store: SQLiteSessionStore, first: int) -> None:
    for number in range(first, first + USERS):
        with store.open(key_for(f"+9198{number:08d}")) as slot:
            slot.save(SESSION, message_id=f"SM{number}", reply="<Response/>")


def test_purging_expired_sessions_shrinks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    clock = ManualClock()
    store = SQLiteSessionStore(path, clock=clock, ttl_seconds=60, reply_ttl_seconds=60)
    _fill(store, 0)
    full, _ = _pages(path)
    full_size = path.stat().st_size
    assert full > USERS  # each session takes at least a page
    clock.advance(61)
    assert store.purge_expired() == 2 * USERS
    after, free = _pages(path)
    assert free == 0  # no free page left behind: they went back to the file system
    assert after < full / 10
    assert path.stat().st_size < full_size / 10  # the file itself shrank


def test_a_file_made_before_incremental_vacuum_is_converted(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with closing(sqlite3.connect(path)) as db:  # what older versions left: auto_vacuum off
        db.execute("CREATE TABLE unrelated (x)")
        db.commit()
    clock = ManualClock()
    store = SQLiteSessionStore(path, clock=clock, ttl_seconds=60, reply_ttl_seconds=60)
    _fill(store, 0)
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # INCREMENTAL
    full, _ = _pages(path)
    clock.advance(61)
    store.purge_expired()
    after, free = _pages(path)
    assert free == 0
    assert after < full / 10


def test_sessions_still_read_and_expire_as_before(tmp_path: Path) -> None:
    clock = ManualClock()
    store = SQLiteSessionStore(tmp_path / "s.db", clock=clock, ttl_seconds=60)
    key = key_for("+919800000001")
    with store.open(key) as slot:
        slot.save("{}", message_id="SM1", reply="<Response/>")
    store.purge_expired()
    with store.open(key) as slot:
        assert slot.data == "{}"
        assert slot.reply_for("SM1") == "<Response/>"
