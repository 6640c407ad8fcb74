"""Housekeeping: the app purges expired sessions from a store that keeps them (SQLite)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from fastapi.testclient import TestClient

from bot.app import create_app
from bot.config import Settings
from bot.stores import SQLiteSessionStore, user_key


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
