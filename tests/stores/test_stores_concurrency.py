"""One message at a time per user, across threads and processes; other users unaffected."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from stores_counting import count_of, increment
from stores_support import ROOT, Backend, key_for

from bot.stores import (
    LockLostError,
    RedisSessionStore,
    SessionStore,
    SQLiteSessionStore,
    StoreBusyError,
    open_store,
)

ALICE = key_for("whatsapp:+919876543210")
BOB = key_for("+919812345678")
WORKER = Path(__file__).with_name("stores_counter_worker.py")
THREADS = 8
PER_THREAD = 15
PROCESSES = 2
PER_PROCESS = 40


def run_threads(jobs: list[tuple[SessionStore, str]], per_job: int) -> None:
    """Run ``increment`` ``per_job`` times for each (store, user) job, all jobs at once."""

    def work(job: tuple[SessionStore, str]) -> None:
        for _ in range(per_job):
            increment(*job)

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        # list() re-raises the first worker exception, if any.
        list(pool.map(work, jobs))


@contextmanager
def held(store: SessionStore, user: str) -> Iterator[None]:
    """Hold ``user``'s slot open in another thread for the duration of the block."""
    entered, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with store.open(user):
            entered.set()
            leave.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert entered.wait(10), "the holder never got the lock"
        yield
    finally:
        leave.set()
        thread.join()


def test_threads_never_interleave_one_user(backend: Backend) -> None:
    store = backend.make()
    run_threads([(store, ALICE)] * THREADS, PER_THREAD)
    assert count_of(store, ALICE) == THREADS * PER_THREAD


def test_threads_with_separate_store_objects_never_interleave(backend: Backend) -> None:
    # One store object per thread is how separate worker processes look to the backend.
    stores = [backend.make() for _ in range(4)]
    run_threads([(s, ALICE) for s in stores], PER_THREAD)
    assert count_of(stores[0], ALICE) == 4 * PER_THREAD


def test_many_users_at_once_each_get_every_increment(backend: Backend) -> None:
    store = backend.make()
    users = [key_for(f"+9190000000{i:02d}") for i in range(4)]
    run_threads([(store, user) for user in users for _ in range(3)], 10)
    assert [count_of(store, user) for user in users] == [30] * 4


def test_processes_never_interleave_one_user(backend: Backend) -> None:
    command = [sys.executable, str(WORKER), backend.url, json.dumps(backend.options), ALICE]
    workers = [
        subprocess.Popen(
            [*command, str(PER_PROCESS)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    try:
        for worker in workers:
            assert worker.stdout is not None
            assert worker.stdout.readline().strip() == "ready"
        # Release them together, so their increments overlap in time.
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        outputs = [worker.communicate(timeout=30)[0] for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.communicate()
    assert [worker.returncode for worker in workers] == [0] * PROCESSES
    assert all(out.strip() == "done" for out in outputs)
    # Read with a real-clock store: the workers wrote with real time.
    reader = open_store(backend.url, **backend.options)
    try:
        assert count_of(reader, ALICE) == PROCESSES * PER_PROCESS
    finally:
        reader.close()


def test_same_user_waits_and_gives_up_after_the_lock_wait(backend: Backend) -> None:
    store = backend.make()
    impatient = (
        backend.make(busy_timeout_seconds=0.1)
        if backend.name == "sqlite"
        else backend.make(lock_wait_seconds=0.1)
    )
    with held(store, ALICE), pytest.raises(StoreBusyError, match="another message"):
        impatient.open(ALICE).__enter__()
    # Once the holder is done, the user is free again.
    with impatient.open(ALICE) as slot:
        assert slot.data is None


def test_redis_other_users_are_not_blocked(redis_url: str) -> None:
    store = RedisSessionStore(redis_url, key_prefix="independent:", lock_wait_seconds=0.1)
    try:
        with held(store, ALICE), store.open(BOB) as slot:
            slot.save('{"bob": true}')
        assert count_of(store, ALICE) == 0
    finally:
        store.close()


def test_sqlite_other_users_are_not_blocked(tmp_path: Path) -> None:
    # Locks are per user: Alice's turn in progress holds no database lock over Bob's.
    store = SQLiteSessionStore(tmp_path / "s.db", busy_timeout_seconds=0.1)
    try:
        with held(store, ALICE), store.open(BOB) as slot:
            slot.save('{"bob": true}')
        assert count_of(store, ALICE) == 0
        with store.open(BOB) as slot:
            assert slot.data == '{"bob": true}'
    finally:
        store.close()


def test_redis_lost_lease_saves_nothing(redis_url: str, redis_client: redis.Redis) -> None:
    store = RedisSessionStore(redis_url, key_prefix="fencing:")
    lock = f"fencing:{{{ALICE}}}:lock"
    try:
        slot_cm = store.open(ALICE)
        slot = slot_cm.__enter__()
        # As if our lease ran out and another worker took the lock meanwhile.
        redis_client.set(lock, "someone-else")
        slot.save('{"late": true}', message_id="SM1", reply="late")
        with pytest.raises(LockLostError, match="nothing was saved"):
            slot_cm.__exit__(None, None, None)
        assert redis_client.get(lock) == "someone-else", "released a lock it did not own"
        redis_client.delete(lock)
        with store.open(ALICE) as slot:
            assert slot.data is None
            assert slot.reply_for("SM1") is None
    finally:
        store.close()


def test_redis_lock_of_a_crashed_worker_expires(redis_url: str, redis_client: redis.Redis) -> None:
    store = RedisSessionStore(redis_url, key_prefix="crashed:", lock_wait_seconds=2)
    # A worker died holding the lock: only its lease frees the user.
    redis_client.set(f"crashed:{{{ALICE}}}:lock", "dead-worker", px=200)
    try:
        with store.open(ALICE) as slot:
            slot.save("{}")
    finally:
        store.close()
