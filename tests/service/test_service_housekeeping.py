"""Housekeeping: the app purges expired sessions from a store that keeps them (SQLite)."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path

from fastapi.testclient import TestClient

from bot.app import create_app
from bot.config import Settings
from bot.stores import SQLiteSessionStore, user_key
from bot.stores.sqlite import WAL_BACKSTOP_PAGES, Checkpoint


class _Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def _rows(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT count(*) FROM sessions").fetchone()[0])


def test_expired_sessions_are_purged_when_the_service_starts(
    settings: Settings, tmp_path: Path
) -> None:
    clock = _Clock()
    path = tmp_path / "sessions.db"
    store = SQLiteSessionStore(path, ttl_seconds=60, clock=clock)
    secret = b"0123456789abcdef0123"
    for number in ("+919000000001", "+919000000002"):
        with store.open(user_key(number, secret)) as slot:
            slot.save('{"any": "session"}')
    assert _rows(path) == 2
    clock.now += 61  # both expired
    try:
        with TestClient(create_app(settings, store=store)):
            pass  # the lifespan ran: startup purges at once
        assert _rows(path) == 0
    finally:
        store.close()


class _CountedCheckpoints(SQLiteSessionStore):
    """The real store, keeping what each WAL checkpoint the service runs found."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.found: list[Checkpoint] = []

    def checkpoint(self) -> Checkpoint:
        found = super().checkpoint()
        self.found.append(found)
        return found


def test_the_service_copies_the_wal_into_the_file_in_the_background(
    settings: Settings, tmp_path: Path
) -> None:
    store = _CountedCheckpoints(tmp_path / "sessions.db")
    secret = b"0123456789abcdef0123"
    try:
        with TestClient(create_app(settings, store=store)):
            for n in range(20):
                with store.open(user_key(f"+91900000{n:04d}", secret)) as slot:
                    slot.save('{"any": "session"}', message_id=f"SM{n}", reply="[]")
            deadline = time.monotonic() + 10
            while not any(found.wal_pages for found in store.found):
                assert time.monotonic() < deadline, "no background checkpoint found pages"
                time.sleep(0.1)
        copied = [found for found in store.found if found.wal_pages]
        assert copied[0].copied == copied[0].wal_pages, "every page copied into the file"
    finally:
        store.close()


def test_turns_leave_the_wal_to_the_background_checkpoint(tmp_path: Path) -> None:
    store = SQLiteSessionStore(tmp_path / "sessions.db")
    secret = b"0123456789abcdef0123"
    try:
        for n in range(50):
            with store.open(user_key(f"+91900000{n:04d}", secret)) as slot:
                slot.save('{"any": "session"}', message_id=f"SM{n}", reply="[]")
        turn_connection = store._thread_connection()
        (backstop,) = turn_connection.execute("PRAGMA wal_autocheckpoint").fetchone()
        assert backstop == WAL_BACKSTOP_PAGES
        pages, copied = store.checkpoint()  # the turns left their pages in the WAL
        assert pages > 0
        assert copied == pages
    finally:
        store.close()
