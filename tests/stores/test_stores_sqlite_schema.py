"""The SQLite file's schema: replies sit on their table's pages (no overflow page each), and a
file made by the version before (replies WITHOUT ROWID) is migrated keeping every row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.stores import SQLiteSessionStore, user_key

SECRET = b"k" * 32
#: About the size of a recorded estimate reply (the channel-neutral JSON of a WhatsApp turn).
REPLY = '[{"text":"' + "x" * 1300 + '"}]'

_OLD_SCHEMA = """
CREATE TABLE sessions (user_key TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at REAL NOT NULL)
    WITHOUT ROWID;
CREATE TABLE replies (user_key TEXT NOT NULL, message_id TEXT NOT NULL, reply TEXT NOT NULL,
    expires_at REAL NOT NULL, PRIMARY KEY (user_key, message_id)) WITHOUT ROWID;
CREATE INDEX replies_expires_at ON replies (expires_at);
CREATE TABLE locks (user_key TEXT PRIMARY KEY, token TEXT NOT NULL, pid INTEGER NOT NULL,
    expires_at REAL NOT NULL) WITHOUT ROWID;
PRAGMA user_version = 2;
"""


def _save(store: SQLiteSessionStore, count: int) -> None:
    for n in range(count):
        with store.open(user_key(f"+9190000{n:05d}", SECRET)) as slot:
            slot.save('{"state": "estimate"}', message_id=f"SM{n:032d}", reply=REPLY)


def _overflow_pages(path: Path) -> int:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT COUNT(*) FROM dbstat WHERE pagetype = 'overflow'").fetchone()
    return int(rows[0])


def test_replies_need_no_overflow_pages(tmp_path: Path) -> None:
    path = tmp_path / "sessions.db"
    store = SQLiteSessionStore(path)
    try:
        _save(store, 300)
    finally:
        store.close()
    assert _overflow_pages(path) == 0
    # 300 replies of ~1.3 KB: about 0.4 MB of data, in a file not much larger.
    assert path.stat().st_size < 300 * len(REPLY) * 2


def test_a_file_of_the_version_before_is_migrated_keeping_its_replies(tmp_path: Path) -> None:
    path = tmp_path / "sessions.db"
    key = user_key("+919000000001", SECRET)
    with sqlite3.connect(path) as db:
        db.executescript(_OLD_SCHEMA)
        db.execute(
            "INSERT INTO replies VALUES (?, ?, ?, ?)", (key, "SMold", REPLY, 4_102_444_800.0)
        )
    store = SQLiteSessionStore(path)
    try:
        with store.open(key) as slot:
            assert slot.reply_for("SMold") == REPLY
        _save(store, 50)
    finally:
        store.close()
    with sqlite3.connect(path) as db:
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'replies'").fetchone()
        (version,) = db.execute("PRAGMA user_version").fetchone()
        (count,) = db.execute("SELECT COUNT(*) FROM replies").fetchone()
    assert "WITHOUT ROWID" not in sql.upper()
    assert version == 3
    assert count == 51
