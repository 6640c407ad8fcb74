"""SQLite's per-user locks: other users run in parallel, a crashed holder frees its user at
once, a holder whose lock was taken over saves nothing, and a failed block leaves no lock."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
from stores_support import ROOT, key_for

from bot.stores import LockLostError, SQLiteSessionStore, StoreBusyError, StoreError

ALICE = key_for("whatsapp:+919876543210")
BOB = key_for("+919812345678")

# A worker that takes Alice's lock, stages a save, says so, and then waits to be killed.
HOLDER = """
import sys, time
sys.path.insert(0, sys.argv[2])
from bot.stores import SQLiteSessionStore
store = SQLiteSessionStore(sys.argv[1])
with store.open(sys.argv[3]) as slot:
    slot.save('{"from": "the killed worker"}')
    print("holding", flush=True)
    time.sleep(60)
"""


def lock_rows(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT count(*) FROM locks").fetchone()[0])


def test_a_killed_holder_frees_its_user_at_once(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = SQLiteSessionStore(path, busy_timeout_seconds=5)
    with store.open(ALICE) as slot:
        slot.save('{"count": 1}')
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(ROOT), ALICE],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        impatient = SQLiteSessionStore(path, busy_timeout_seconds=0.2)
        with pytest.raises(StoreBusyError):  # alive: it is waited for
            impatient.open(ALICE).__enter__()
        impatient.close()
        holder.kill()
        holder.wait()
        started = time.monotonic()
        with store.open(ALICE) as slot:
            waited = time.monotonic() - started
            assert slot.data == '{"count": 1}'  # the killed block saved nothing
        assert waited < 1.0
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
        store.close()
    assert lock_rows(path) == 0


def test_other_users_turns_run_side_by_side(tmp_path: Path) -> None:
    store = SQLiteSessionStore(tmp_path / "s.db")
    users = [key_for(f"+9190000001{i:02d}") for i in range(6)]
    turn_seconds = 0.3

    def slow_turn(user: str) -> None:
        with store.open(user) as slot:
            time.sleep(turn_seconds)
            slot.save('{"done": true}')

    threads = [threading.Thread(target=slow_turn, args=(user,)) for user in users]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    # One after the other would take 1.8 s; at once, a little over 0.3 s.
    assert elapsed < len(users) * turn_seconds / 2
    for user in users:
        with store.open(user) as slot:
            assert slot.data == '{"done": true}'
    store.close()


def stuck_turn(slow: SQLiteSessionStore, fast: SQLiteSessionStore, path: Path) -> None:
    """A turn stuck past its lease while the user's next message takes the lock and saves."""
    with slow.open(ALICE) as slot:
        # From outside, the stuck holder's lease ran out...
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("UPDATE locks SET expires_at = 0")
        # ...and the next message took the lock and saved.
        with fast.open(ALICE) as other:
            other.save('{"by": "the next message"}', message_id="SM2", reply="two")
        slot.save('{"by": "the stuck one"}', message_id="SM1", reply="one")


def test_a_holder_whose_lock_was_taken_over_saves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    slow = SQLiteSessionStore(path)
    fast = SQLiteSessionStore(path, busy_timeout_seconds=2)
    with pytest.raises(LockLostError):
        stuck_turn(slow, fast, path)
    with fast.open(ALICE) as slot:
        assert slot.data == '{"by": "the next message"}'
        assert slot.reply_for("SM1") is None
        assert slot.reply_for("SM2") == "two"
    slow.close()
    fast.close()


def failing_turn(store: SQLiteSessionStore) -> None:
    with store.open(ALICE) as slot:
        slot.save('{"half": "done"}', message_id="SM1", reply="r")
        raise RuntimeError("the engine failed")


def test_a_failed_block_saves_nothing_and_leaves_no_lock(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = SQLiteSessionStore(path, busy_timeout_seconds=0.1)
    with pytest.raises(RuntimeError, match="engine failed"):
        failing_turn(store)
    assert lock_rows(path) == 0
    with store.open(ALICE) as slot:  # no wait: the lock went with the failure
        assert slot.data is None
        assert slot.reply_for("SM1") is None
    store.close()


def test_a_block_reads_what_it_staged(tmp_path: Path) -> None:
    store = SQLiteSessionStore(tmp_path / "s.db")
    with store.open(ALICE) as slot:
        slot.save("{}", message_id="SM1", reply="first")
    with store.open(ALICE) as slot:
        assert slot.reply_for("SM1") == "first"
        slot.save("{}", message_id="SM2", reply="second")
        assert slot.reply_for("SM2") == "second"  # before the commit
        slot.delete()
        assert slot.reply_for("SM1") is None
        assert slot.reply_for("SM2") is None
        slot.save('{"new": 1}', message_id="SM3", reply="third")
        assert slot.reply_for("SM3") == "third"
    with store.open(ALICE) as slot:
        assert slot.data == '{"new": 1}'
        assert [slot.reply_for(sid) for sid in ("SM1", "SM2", "SM3")] == [None, None, "third"]
    with store.open(BOB) as slot:
        assert slot.data is None
    store.close()


def test_commits_use_wal_without_waiting_for_the_disk(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = SQLiteSessionStore(path)
    with store.open(ALICE) as slot:
        slot.save("{}")
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.open(ALICE).__enter__()
