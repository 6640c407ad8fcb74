"""Redis per-user locks: short leases renewed while a turn runs, freed soon after a crash,
and a stalled server that fails a turn quickly instead of hanging it (real redis-server)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from stores_support import ROOT, key_for

from bot.stores import RedisSessionStore
from tests.support.redis_server import RedisProcess, running_redis_process

ALICE = key_for("whatsapp:+919876543210")
BOB = key_for("whatsapp:+919876500000")
#: The promise: a crashed worker's lock is gone within this long.
CRASHED_LOCK_GONE_SECONDS = 2.0


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisProcess]:
    """A redis-server of this test alone, since stall tests freeze it."""
    with running_redis_process(tmp_path) as server:
        yield server


def lock_key(prefix: str, user: str) -> str:
    return f"{prefix}{{{user}}}:lock"


def test_a_held_lock_has_a_short_lease(redis_url: str, redis_client: redis.Redis) -> None:
    store = RedisSessionStore(redis_url, key_prefix="lease:")
    try:
        with store.open(ALICE):
            remaining_ms = redis_client.pttl(lock_key("lease:", ALICE))
        assert 0 < remaining_ms <= CRASHED_LOCK_GONE_SECONDS * 1000
    finally:
        store.close()


def test_a_turn_longer_than_the_lease_keeps_its_lock_and_saves(
    redis_url: str, redis_client: redis.Redis
) -> None:
    store = RedisSessionStore(redis_url, key_prefix="renew:", lock_timeout_seconds=0.9)
    rival = RedisSessionStore(redis_url, key_prefix="renew:", lock_wait_seconds=0.05)
    try:
        with store.open(ALICE) as slot:
            time.sleep(2.5)  # close to three leases: only renewal keeps the lock ours
            assert redis_client.pttl(lock_key("renew:", ALICE)) > 0
            with pytest.raises(Exception, match="another message"):
                rival.open(ALICE).__enter__()
            slot.save('{"slow": true}', message_id="SM1", reply="done")
        with rival.open(ALICE) as slot:
            assert slot.data == '{"slow": true}'
            assert slot.reply_for("SM1") == "done"
        assert redis_client.exists(lock_key("renew:", ALICE)) == 0, "released on exit"
    finally:
        store.close()
        rival.close()


_HOLDER = """
import sys, time
from bot.stores import RedisSessionStore
store = RedisSessionStore(sys.argv[1], key_prefix=sys.argv[2])
with store.open(sys.argv[3]):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_killed_holder_frees_the_user_within_2_s(redis_url: str) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, redis_url, "killed:", ALICE],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    store = RedisSessionStore(redis_url, key_prefix="killed:", lock_wait_seconds=5)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        time.sleep(1.0)  # the holder has renewed its lease at least once by now
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        killed_at = time.monotonic()
        with store.open(ALICE) as slot:
            waited = time.monotonic() - killed_at
            slot.save("{}")
        assert waited <= CRASHED_LOCK_GONE_SECONDS
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
        store.close()


def test_a_stalled_redis_fails_a_turn_within_seconds(own_redis: RedisProcess) -> None:
    store = RedisSessionStore(own_redis.url)
    store.ping()  # a pooled connection exists, as in a running service
    outcome: list[BaseException | None] = []

    def turn() -> None:
        try:
            with store.open(ALICE) as slot:
                slot.save("{}")
            outcome.append(None)
        except BaseException as exc:  # reported to the main thread below
            outcome.append(exc)

    try:
        with own_redis.stalled(2.5):
            started = time.monotonic()
            worker = threading.Thread(target=turn)
            worker.start()
            worker.join(timeout=10)
            failed_after = time.monotonic() - started
        assert outcome, "the turn neither failed nor finished"
        assert isinstance(outcome[0], redis.RedisError), outcome
        assert failed_after <= 2.0
        # Once Redis is back, the user is served at once (no lock was left behind).
        with store.open(ALICE) as slot:
            slot.save('{"after": true}')
        with store.open(BOB) as slot:
            assert slot.data is None
    finally:
        store.close()


def test_a_stall_longer_than_the_lease_never_saves_twice_or_blocks(
    own_redis: RedisProcess,
) -> None:
    store = RedisSessionStore(own_redis.url)
    rival = RedisSessionStore(own_redis.url, lock_wait_seconds=3)
    try:
        cm = store.open(ALICE)
        slot = cm.__enter__()
        slot.save('{"first": true}', message_id="SM1", reply="first")
        with own_redis.stalled(2.5):  # the lease (1.5 s) runs out while Redis is frozen
            pass
        try:
            cm.__exit__(None, None, None)
            saved = True
        except redis.RedisError:
            saved = False
        except Exception:  # LockLostError: the lease lapsed; nothing was written
            saved = False
        with rival.open(ALICE) as check:
            # Whatever the commit answered is the truth about what is stored.
            assert (check.reply_for("SM1") == "first") is saved
    finally:
        store.close()
        rival.close()
