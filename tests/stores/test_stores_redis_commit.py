"""Redis commits under load: a lease renewal never aborts a commit, a commit that ran twice is
still a success, and a turn costs a fixed, small number of round trips (real redis-server)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
from redis.connection import AbstractConnection
from stores_support import key_for

from bot.stores import RedisSessionStore

ALICE = key_for("whatsapp:+919876543210")
BOB = key_for("+919812345678")
TURNS = 100


def lock_key(prefix: str, user: str) -> str:
    return f"{prefix}{{{user}}}:lock"


@pytest.fixture
def prefix() -> str:
    return f"commit-{uuid.uuid4().hex[:8]}:"


@pytest.fixture
def store(redis_url: str, prefix: str) -> Iterator[RedisSessionStore]:
    opened = RedisSessionStore(redis_url, key_prefix=prefix)
    try:
        yield opened
    finally:
        opened.close()


def test_renewals_during_commits_never_fail_a_turn(
    store: RedisSessionStore, redis_client: redis.Redis, prefix: str
) -> None:
    # Another client resets the lock's lease without pause, as the renewal thread of a busy
    # worker does. A commit that WATCHed the lock key was aborted by any such PEXPIRE and
    # reported the turn busy; the fencing check must not mind a renewal of our own lock.
    stop = threading.Event()

    def renew_without_pause() -> None:
        while not stop.is_set():
            redis_client.pexpire(lock_key(prefix, ALICE), 1500)

    renewer = threading.Thread(target=renew_without_pause)
    renewer.start()
    try:
        for turn in range(TURNS):
            with store.open(ALICE) as slot:
                count = int(slot.data or "0")
                slot.save(str(count + 1), message_id=f"SM{turn}", reply=f"turn {turn}")
    finally:
        stop.set()
        renewer.join()
    with store.open(ALICE) as slot:
        assert slot.data == str(TURNS)
        assert slot.reply_for(f"SM{TURNS - 1}") == f"turn {TURNS - 1}"


def test_a_commit_that_ran_twice_is_reported_as_saved(
    store: RedisSessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A command retried after a lost answer runs twice once Redis reads both: the first run
    # writes and releases, the second finds the lock gone. The turn was saved: no failure.
    script = store._commit_script
    real_call: Callable[..., Any] = script.__call__

    def twice(*args: Any, **kwargs: Any) -> Any:
        real_call(*args, **kwargs)
        return real_call(*args, **kwargs)

    monkeypatch.setattr(store, "_commit_script", twice)
    with store.open(ALICE) as slot:
        slot.save('{"step": 1}', message_id="SM1", reply="one")
    monkeypatch.undo()
    with store.open(ALICE) as slot:
        assert slot.data == '{"step": 1}'
        assert slot.reply_for("SM1") == "one"


class RoundTrips:
    """Counts the requests every redis-py connection of this process sends."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real_send: Callable[..., None] = AbstractConnection.send_packed_command

        def counted(
            connection: AbstractConnection, command: Any, check_health: bool = True
        ) -> None:
            self.count += 1
            real_send(connection, command, check_health)

        monkeypatch.setattr(AbstractConnection, "send_packed_command", counted)

    def during(self, action: Callable[[], None]) -> int:
        before = self.count
        action()
        return self.count - before


def test_a_turn_costs_three_round_trips(
    store: RedisSessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def turn(user: str, sid: str) -> Callable[[], None]:
        def run() -> None:
            with store.open(user) as slot:
                assert slot.reply_for(sid) is None
                slot.save(f'{{"after": "{sid}"}}', message_id=sid, reply=f"reply to {sid}")

        return run

    def first_look(user: str) -> None:
        with store.open(user) as slot:
            assert slot.reply_for("SM-new") is None
            assert slot.data is None

    turn(ALICE, "SM0")()  # connections made and the commit script loaded
    trips = RoundTrips(monkeypatch)
    # The lock, the session and the reply in one read, the commit that also releases.
    assert trips.during(turn(ALICE, "SM1")) == 3
    # A look at a user without a session writes nothing: the lock, the read, the release.
    assert trips.during(lambda: first_look(BOB)) == 3
