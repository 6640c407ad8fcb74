"""Expiry: SQLite with an injected clock, Redis through its native key TTLs."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import redis
from stores_support import ManualClock, key_for

from bot.stores import (
    DEFAULT_REPLY_TTL_SECONDS,
    DEFAULT_SESSION_TTL_SECONDS,
    RedisSessionStore,
    SQLiteSessionStore,
)

ALICE = key_for("whatsapp:+919876543210")
BOB = key_for("+919812345678")
HOUR = 60 * 60


def test_default_ttls_are_a_day_and_two_days() -> None:
    assert DEFAULT_SESSION_TTL_SECONDS == 24 * HOUR
    assert DEFAULT_REPLY_TTL_SECONDS == 48 * HOUR


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def sqlite_store(tmp_path: Path, clock: ManualClock) -> SQLiteSessionStore:
    return SQLiteSessionStore(tmp_path / "s.db", clock=clock)


def test_sqlite_session_expires_after_ttl_but_reply_outlives_it(
    sqlite_store: SQLiteSessionStore, clock: ManualClock
) -> None:
    with sqlite_store.open(ALICE) as slot:
        slot.save("{}", message_id="SM1", reply="r1")
    clock.advance(24 * HOUR - 1)
    with sqlite_store.open(ALICE) as slot:
        assert slot.data == "{}"
    clock.advance(1)
    with sqlite_store.open(ALICE) as slot:
        assert slot.data is None
        # A retry arriving after the session expired still gets its original answer.
        assert slot.reply_for("SM1") == "r1"
    clock.advance(24 * HOUR)
    with sqlite_store.open(ALICE) as slot:
        assert slot.reply_for("SM1") is None


def test_sqlite_saving_refreshes_the_session_ttl(
    sqlite_store: SQLiteSessionStore, clock: ManualClock
) -> None:
    with sqlite_store.open(ALICE) as slot:
        slot.save('{"v": 1}')
    clock.advance(20 * HOUR)
    with sqlite_store.open(ALICE) as slot:
        slot.save('{"v": 2}')
    clock.advance(20 * HOUR)
    with sqlite_store.open(ALICE) as slot:
        assert slot.data == '{"v": 2}'


def test_sqlite_ttls_are_configurable(tmp_path: Path, clock: ManualClock) -> None:
    store = SQLiteSessionStore(
        tmp_path / "s.db", ttl_seconds=60, reply_ttl_seconds=120, clock=clock
    )
    with store.open(ALICE) as slot:
        slot.save("{}", message_id="SM1", reply="r1")
    clock.advance(60)
    with store.open(ALICE) as slot:
        assert slot.data is None
        assert slot.reply_for("SM1") == "r1"
    clock.advance(60)
    with store.open(ALICE) as slot:
        assert slot.reply_for("SM1") is None


def test_sqlite_purge_expired_removes_only_expired_rows(
    sqlite_store: SQLiteSessionStore, clock: ManualClock
) -> None:
    with sqlite_store.open(ALICE) as slot:
        slot.save("{}", message_id="SM1", reply="r1")
    clock.advance(25 * HOUR)
    with sqlite_store.open(BOB) as slot:
        slot.save("{}", message_id="SM2", reply="r2")
    assert sqlite_store.purge_expired() == 1  # Alice's session; her reply lives on
    clock.advance(24 * HOUR)
    assert sqlite_store.purge_expired() == 2  # Bob's session and Alice's reply
    with closing(sqlite3.connect(sqlite_store.path)) as conn:
        assert conn.execute("SELECT user_key FROM sessions").fetchall() == []
        assert conn.execute("SELECT message_id FROM replies").fetchall() == [("SM2",)]


@pytest.mark.parametrize("option", ["ttl_seconds", "reply_ttl_seconds"])
@pytest.mark.parametrize("value", [0, -1])
def test_non_positive_ttls_are_refused(tmp_path: Path, option: str, value: float) -> None:
    options: dict[str, Any] = {option: value}
    with pytest.raises(ValueError, match=option):
        SQLiteSessionStore(tmp_path / "s.db", **options)
    with pytest.raises(ValueError, match=option):
        RedisSessionStore("redis://127.0.0.1:1/0", **options)


def test_redis_keys_carry_the_configured_ttls(redis_url: str, redis_client: redis.Redis) -> None:
    store = RedisSessionStore(redis_url, key_prefix="ttl-test:")
    try:
        with store.open(ALICE) as slot:
            slot.save("{}", message_id="SM1", reply="r1")
    finally:
        store.close()
    base = f"ttl-test:{{{ALICE}}}:"
    day_ms, two_days_ms = 24 * HOUR * 1000, 48 * HOUR * 1000
    assert day_ms - 5000 < redis_client.pttl(base + "session") <= day_ms
    assert two_days_ms - 5000 < redis_client.pttl(base + "reply:SM1") <= two_days_ms
    assert two_days_ms - 5000 < redis_client.pttl(base + "replies") <= two_days_ms
    # The lock is released, not left to expire.
    assert redis_client.exists(base + "lock") == 0


def test_redis_session_really_expires(redis_url: str) -> None:
    store = RedisSessionStore(redis_url, key_prefix="expiry-test:", ttl_seconds=0.2)
    try:
        with store.open(ALICE) as slot:
            slot.save("{}", message_id="SM1", reply="r1")
        time.sleep(0.3)
        with store.open(ALICE) as slot:
            assert slot.data is None
            assert slot.reply_for("SM1") == "r1"
    finally:
        store.close()


def test_redis_reply_index_is_pruned_of_expired_ids(
    redis_url: str, redis_client: redis.Redis
) -> None:
    # Each save refreshes the index's own TTL, so for an active user it never expires:
    # without pruning, its list of message ids would grow for ever.
    short = RedisSessionStore(redis_url, key_prefix="prune-test:", reply_ttl_seconds=0.1)
    long = RedisSessionStore(redis_url, key_prefix="prune-test:", reply_ttl_seconds=60)
    try:
        with short.open(ALICE) as slot:
            slot.save("{}", message_id="SM1", reply="r1")
        with long.open(ALICE) as slot:
            slot.save("{}", message_id="SM2", reply="r2")
        time.sleep(0.15)
        with long.open(ALICE) as slot:
            slot.save("{}", message_id="SM3", reply="r3")
    finally:
        short.close()
        long.close()
    assert redis_client.zrange(f"prune-test:{{{ALICE}}}:replies", 0, -1) == ["SM2", "SM3"]
