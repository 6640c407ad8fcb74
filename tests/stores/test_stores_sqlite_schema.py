"""The SQLite file's schema: replies and sessions sit on their tables' pages (no overflow page
each, no split for every new user), and files made by the versions before (replies, then
sessions, WITHOUT ROWID) are migrated keeping every row."""

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
    assert version == 4
    assert count == 51


_V3_SCHEMA = """
CREATE TABLE sessions (user_key TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at REAL NOT NULL)
    WITHOUT ROWID;
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE TABLE replies (user_key TEXT NOT NULL, message_id TEXT NOT NULL, reply TEXT NOT NULL,
    expires_at REAL NOT NULL, UNIQUE (user_key, message_id));
CREATE INDEX replies_expires_at ON replies (expires_at);
CREATE TABLE locks (user_key TEXT PRIMARY KEY, token TEXT NOT NULL, pid INTEGER NOT NULL,
    expires_at REAL NOT NULL) WITHOUT ROWID;
PRAGMA user_version = 3;
"""


def test_a_file_of_version_3_is_migrated_keeping_its_sessions_and_replies(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sessions.db"
    key = user_key("+919999999999", SECRET)
    with sqlite3.connect(path) as db:
        db.executescript(_V3_SCHEMA)
        db.execute("INSERT INTO sessions VALUES (?, ?, ?)", (key, '{"n": 1}', 4_102_444_800.0))
        db.execute(
            "INSERT INTO replies VALUES (?, ?, ?, ?)", (key, "SMold", REPLY, 4_102_444_800.0)
        )
    store = SQLiteSessionStore(path)
    try:
        with store.open(key) as slot:
            assert slot.data == '{"n": 1}'
            assert slot.reply_for("SMold") == REPLY
            slot.save('{"n": 2}')
        with store.open(key, wait=False) as slot:
            assert slot.data == '{"n": 2}'
        _save(store, 20)
    finally:
        store.close()
    with sqlite3.connect(path) as db:
        tables = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
        indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        (version,) = db.execute("PRAGMA user_version").fetchone()
        (count,) = db.execute("SELECT COUNT(*) FROM sessions").fetchone()
    assert "WITHOUT ROWID" not in tables["sessions"].upper()
    assert {"sessions_expires_at", "replies_expires_at"} <= indexes
    assert not any(name.endswith("_before_v4") for name in tables)
    assert version == 4
    assert count == 21
