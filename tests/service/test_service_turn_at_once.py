"""Turns answered at once on the event loop (a local store, a free user) and the turns that are
handed to a worker thread instead, having applied nothing: a user whose other message holds
the lock, a deletion, a turn that makes media, a store across the network."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from bot.admission import STALL_SECONDS, Admission
from bot.channels.webhook_turns import admitted_turn
from bot.conversation import handle
from bot.inbound import Inbound, Media
from bot.pipeline import Pipeline
from bot.stores import LockHeldError, SessionStore, SQLiteSessionStore, open_store
from tests.support.redis_server import running_redis

NOW = dt.datetime(2026, 5, 20, 10, tzinfo=dt.UTC)
MONTH = dt.date(2026, 5, 1)
ALICE = "whatsapp:+919876543210"
BOB = "whatsapp:+919812345678"


def inbound(body: str, sid: str) -> Inbound:
    return Inbound(channel="whatsapp", body=body, message_id=sid)


class CountingMedia:
    """A media maker that counts the links it makes (and makes a fixed one)."""

    def __init__(self) -> None:
        self.made = 0

    def __call__(self, pending: Media, session: str | None, user_key: str) -> Media | None:
        self.made += 1
        return Media("https://bijuli.example.in/media/t0k", pending.content_type)


def pipeline(store: SessionStore, media: CountingMedia | None = None) -> Pipeline:
    return Pipeline(
        store=store,
        secret=b"at-once-tests-hash-key-0123456789",
        handle=handle,
        month=MONTH,
        clock=lambda: NOW,
        media=media,
    )


class OtherMessage:
    """Another message of the same user, holding the user's lock in a thread of its own (and
    saving ``saves``, if given) from :meth:`start` until :meth:`finish`."""

    def __init__(self, store: SQLiteSessionStore, key: str, saves: str | None = None) -> None:
        self._holding, self._release = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._hold, args=(store, key, saves))

    def _hold(self, store: SQLiteSessionStore, key: str, saves: str | None) -> None:
        with store.open(key) as slot:
            if saves is not None:
                slot.save(saves)
            self._holding.set()
            self._release.wait(10)

    def start(self) -> None:
        """Take the lock; return once it is held."""
        self._thread.start()
        assert self._holding.wait(10), "the other message never took the lock"

    def finish(self) -> None:
        """Let go of the lock (committing its save) and wait for the thread."""
        self._release.set()
        if self._thread.is_alive() or self._thread.ident is not None:
            self._thread.join()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteSessionStore]:
    sqlite = SQLiteSessionStore(tmp_path / "sessions.db", busy_timeout_seconds=5)
    yield sqlite
    sqlite.close()


def session_of(p: Pipeline, address: str) -> dict[str, object] | None:
    with p.store.open(p.key_of(address)) as slot:
        return None if slot.data is None else dict(json.loads(slot.data))


def test_a_free_user_on_a_local_store_is_answered_at_once_as_in_a_thread(
    store: SQLiteSessionStore, tmp_path: Path
) -> None:
    at_once = pipeline(store)
    assert at_once.runs_at_once
    result = at_once.turn_now(ALICE, inbound("domestic 250", "SM1"))
    assert result is not None
    assert result.outcome == "answered"
    other = SQLiteSessionStore(tmp_path / "other.db")
    in_thread = pipeline(other).turn(ALICE, inbound("domestic 250", "SM1"))
    other.close()
    assert [r.text for r in result.replies] == [r.text for r in in_thread.replies]
    saved = session_of(at_once, ALICE)
    assert saved is not None
    assert saved["state"] == "estimate"
    again = at_once.turn_now(ALICE, inbound("domestic 250", "SM1"))  # Twilio's retry
    assert again is not None
    assert again.outcome == "repeated"
    assert [r.text for r in again.replies] == [r.text for r in result.replies]


def test_a_user_whose_other_message_holds_the_lock_is_handed_over_unapplied(
    store: SQLiteSessionStore,
) -> None:
    p = pipeline(store)
    assert p.turn(ALICE, inbound("domestic 250", "SM1")).outcome == "answered"
    before = session_of(p, ALICE)
    other = OtherMessage(store, p.key_of(ALICE))
    other.start()
    try:
        assert p.turn_now(ALICE, inbound("300", "SM2")) is None
        bob = p.turn_now(BOB, inbound("domestic 100", "SM3"))  # other users are not held up
        assert bob is not None
        assert bob.outcome == "answered"
    finally:
        other.finish()
    assert session_of(p, ALICE) == before, "the handed-over turn applied nothing"
    waited = p.turn(ALICE, inbound("300", "SM2"))
    assert waited.outcome == "answered"
    after = session_of(p, ALICE)
    assert after is not None
    assert after["answers"]["units"] == "300"


def test_a_deletion_is_handed_to_a_thread_and_only_the_thread_deletes(
    store: SQLiteSessionStore,
) -> None:
    p = pipeline(store)
    assert p.turn(ALICE, inbound("domestic 250", "SM1")).outcome == "answered"
    assert p.turn_now(ALICE, inbound("delete my data", "SM2")) is None
    assert session_of(p, ALICE) is not None, "nothing deleted on the event loop"
    assert p.turn(ALICE, inbound("delete my data", "SM2")).outcome == "deleted"
    assert session_of(p, ALICE) is None


def test_a_turn_that_makes_media_is_handed_to_a_thread_unapplied(
    store: SQLiteSessionStore,
) -> None:
    media = CountingMedia()
    p = pipeline(store, media)
    assert p.turn(ALICE, inbound("domestic 250", "SM1")).outcome == "answered"
    before = session_of(p, ALICE)
    assert p.turn_now(ALICE, inbound("listen", "SM2")) is None
    assert media.made == 0
    assert session_of(p, ALICE) == before
    result = p.turn(ALICE, inbound("listen", "SM2"))
    assert media.made == 1
    assert any(r.media is not None and not r.media.pending for r in result.replies)


def test_a_store_across_the_network_never_runs_a_turn_on_the_loop(tmp_path: Path) -> None:
    with running_redis(tmp_path) as url:
        redis_store = open_store(url)
        try:
            p = pipeline(redis_store)
            assert not p.runs_at_once
            assert p.turn_now(ALICE, inbound("domestic 250", "SM1")) is None
            assert session_of(p, ALICE) is None
        finally:
            redis_store.close()


def test_open_without_waiting_refuses_at_once_while_the_user_is_held(
    store: SQLiteSessionStore,
) -> None:
    key = pipeline(store).key_of(ALICE)
    with store.open(key) as slot:
        slot.save('{"n": 1}')
    other = OtherMessage(store, key, saves='{"n": 2}')
    other.start()
    try:
        # Still held (not finished): had it waited, the busy wait would end in
        # StoreBusyError after 5 s, not LockHeldError.
        with pytest.raises(LockHeldError), store.open(key, wait=False):
            pass
    finally:
        other.finish()
    with store.open(key, wait=False) as slot:
        assert slot.data == '{"n": 2}'


def test_turns_run_at_once_only_while_the_loop_keeps_up() -> None:
    async def scenario() -> list[bool]:
        admission = Admission(limit=1, deadline_seconds=2.0)
        seen = [admission.at_once()]  # starts the heartbeat
        await asyncio.sleep(0.03)
        seen.append(admission.at_once())
        threading.Event().wait(STALL_SECONDS * 3)  # the loop busy, no break
        seen.append(admission.at_once())
        await asyncio.sleep(0.03)  # a break: the heartbeat runs
        seen.append(admission.at_once())
        assert await admission.enter()  # the one turn slot taken…
        waiting = asyncio.create_task(admission.enter())  # …and a message waits for it
        await asyncio.sleep(0.03)
        seen.append(admission.at_once())
        admission.leave(0.001)
        assert await waiting
        admission.leave(0.001)
        seen.append(admission.at_once())
        return seen

    assert asyncio.run(scenario()) == [True, True, False, True, False, True]


def test_a_held_user_is_still_answered_through_admission_once_free(
    store: SQLiteSessionStore,
) -> None:
    p = pipeline(store)
    other = OtherMessage(store, p.key_of(ALICE))

    async def scenario() -> str:
        admission = Admission(limit=4, deadline_seconds=5.0)
        await asyncio.to_thread(other.start)
        turn = asyncio.create_task(
            admitted_turn(p, ALICE, inbound("domestic 250", "SM1"), admission)
        )
        await asyncio.sleep(0.1)
        assert not turn.done(), "the turn waits for the user's other message, in a thread"
        other.finish()
        result = await turn
        return result.outcome

    assert asyncio.run(scenario()) == "answered"
    assert session_of(p, ALICE) is not None


def test_a_block_without_waiting_saves_nothing_when_the_user_moved_on_meanwhile(
    store: SQLiteSessionStore,
) -> None:
    key = pipeline(store).key_of(ALICE)
    with store.open(key) as slot:
        slot.save('{"n": 1}', message_id="SM1", reply="one")
    block = store.open(key, wait=False)
    slot = block.__enter__()
    assert slot.data == '{"n": 1}'
    with store.open(key) as other:  # another message, answered while this one ran
        other.save('{"n": 2}', message_id="SM2", reply="two")
    slot.save('{"n": 3}', message_id="SM3", reply="three")
    with pytest.raises(LockHeldError):  # at the block's exit: the clash shows at the commit
        block.__exit__(None, None, None)
    with store.open(key) as slot:
        assert slot.data == '{"n": 2}'
        assert slot.reply_for("SM3") is None


def test_a_block_without_waiting_saves_nothing_when_the_same_message_was_answered(
    store: SQLiteSessionStore,
) -> None:
    key = pipeline(store).key_of(ALICE)
    with store.open(key) as slot:
        slot.save('{"n": 1}')
    block = store.open(key, wait=False)
    slot = block.__enter__()
    assert slot.reply_for("SM2") is None
    with store.open(key) as other:  # a retry of the same message, answered first
        other.save('{"n": 1}', message_id="SM2", reply="first answer")
    slot.save('{"n": 1}', message_id="SM2", reply="second answer")
    with pytest.raises(LockHeldError):
        block.__exit__(None, None, None)
    with store.open(key) as slot:
        assert slot.reply_for("SM2") == "first answer"


def test_a_block_without_waiting_saves_nothing_when_the_lock_was_taken_meanwhile(
    store: SQLiteSessionStore, tmp_path: Path
) -> None:
    key = pipeline(store).key_of(ALICE)
    other = OtherMessage(store, key)
    try:
        block = store.open(key, wait=False)
        slot = block.__enter__()
        other.start()  # after this block's read
        slot.save('{"n": 1}')
        with pytest.raises(LockHeldError):
            block.__exit__(None, None, None)
    finally:
        other.finish()
    with store.open(key) as slot:
        assert slot.data is None


def test_blocks_without_waiting_leave_no_lock_rows(store: SQLiteSessionStore) -> None:
    p = pipeline(store)
    for n, body in enumerate(("hi", "1", "domestic 250", "300")):
        assert p.turn_now(ALICE, inbound(body, f"SM{n}")) is not None
    with closing(sqlite3.connect(store.path)) as db:
        assert db.execute("SELECT COUNT(*) FROM locks").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM replies").fetchone()[0] == 4


def test_a_new_event_loop_gets_a_heartbeat_of_its_own() -> None:
    admission = Admission(limit=1, deadline_seconds=2.0)

    async def after_a_break() -> bool:
        admission.at_once()
        await asyncio.sleep(STALL_SECONDS * 2)  # free: the heartbeat runs meanwhile
        return admission.at_once()

    assert asyncio.run(after_a_break())
    assert asyncio.run(after_a_break()), "the first loop's heartbeat died with it"
