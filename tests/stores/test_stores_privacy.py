"""No phone number reaches storage: checked on the SQLite file bytes and every Redis key."""

from __future__ import annotations

from pathlib import Path

import redis
from stores_support import key_for

from bot.stores import RedisSessionStore, SessionStore, SQLiteSessionStore

PHONES = ["whatsapp:+919876543210", "+919812345678"]
# Digits alone, so a number stored with any prefix or punctuation would still be found.
NEEDLES = ["9876543210", "9812345678"]


def write_everything(store: SessionStore) -> None:
    try:
        for n, phone in enumerate(PHONES):
            with store.open(key_for(phone)) as slot:
                slot.save('{"state": "ASK_UNITS"}', message_id=f"SM{n}", reply="<Response/>")
    finally:
        store.close()


def test_sqlite_file_holds_no_phone_number(tmp_path: Path) -> None:
    path = tmp_path / "sessions.db"
    write_everything(SQLiteSessionStore(path))
    files = [p for p in path.parent.iterdir() if p.name.startswith(path.name)]
    assert path in files  # the database, plus any -wal or -shm file beside it
    for file in files:
        content = file.read_bytes()
        for needle in NEEDLES:
            assert needle.encode() not in content, f"{needle} found in {file.name}"
            assert needle.encode("utf-16-le") not in content, f"{needle} found in {file.name}"


def test_redis_keys_and_values_hold_no_phone_number(
    redis_url: str, redis_client: redis.Redis
) -> None:
    write_everything(RedisSessionStore(redis_url, key_prefix="privacy:"))
    assert len(list(redis_client.scan_iter(match="privacy:*"))) == 2 * 3  # session, reply, index
    # Every key on the server, from every test, not just this one's.
    keys = list(redis_client.scan_iter())
    texts = list(keys)
    for key in keys:
        if redis_client.type(key) == "zset":
            texts += redis_client.zrange(key, 0, -1)
        else:
            texts.append(redis_client.get(key) or "")  # "" if it expired meanwhile
    for needle in NEEDLES:
        assert not [text for text in texts if needle in text]


def test_a_schema_is_created_with_parent_directories(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "sessions.db"
    store = SQLiteSessionStore(path)
    assert store.ping()
    assert path.exists()
