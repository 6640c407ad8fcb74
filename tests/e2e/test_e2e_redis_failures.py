"""`bijuli serve` on a real Redis that fails: stopped, frozen (SIGSTOP), or outliving a worker
killed with SIGKILL in the middle of turns.

What must hold: a store failure is answered 503 (Twilio's fallback URL) and logged once per
kind per interval; every reply leaves within 10 s; a turn answered with its reply is stored,
and a turn answered otherwise is not; a killed worker's lock frees its user within 2 s.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import redis
from e2e_support import Server, form, messages, new_user, service_env

from bot import messages as m
from bot.channels.twilio import render_twiml
from bot.i18n import Translator
from bot.pipeline import recorded_replies
from bot.stores import open_store, user_key
from tests.support.redis_server import RedisProcess, running_redis_process

#: No reply may leave later than this (Twilio gives up at 15 s).
REPLY_LIMIT_SECONDS = 10.0
#: A killed worker's lock is gone within this long.
CRASHED_LOCK_GONE_SECONDS = 2.0
BUSY = {Translator.load(lang).format(m.BUSY_SEND_AGAIN) for lang in ("or", "hi", "en")}


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisProcess]:
    """A redis-server of this test alone: these tests stop and freeze it."""
    (tmp_path / "redis").mkdir()
    with running_redis_process(tmp_path / "redis") as server:
        yield server


def start_server(name: str, workdir: Path, redis_url: str) -> Server:
    workdir.mkdir(parents=True, exist_ok=True)
    env = service_env(workdir / "state", BIJULI_SESSION_STORE=redis_url)
    server = Server(name, env, workdir / "server.log")
    server.start()
    server.wait_ready()
    return server


def recorded_reply(server: Server, sender: str, sid: str) -> str | None:
    """The reply the store holds for message ``sid`` of ``sender`` (None: not applied)."""
    settings = server.settings
    store = open_store(settings.session_store_url)
    try:
        with store.open(user_key(sender, settings.hash_secret())) as slot:
            return slot.reply_for(sid)
    finally:
        store.close()


def timed_post(
    server: Server, client: httpx.Client, fields: dict[str, str]
) -> tuple[float, httpx.Response | None]:
    begun = time.monotonic()
    try:
        response: httpx.Response | None = server.post(client, fields)
    except httpx.TransportError:
        response = None  # the worker was killed: no answer, and no claim either way
    return time.monotonic() - begun, response


def test_a_stopped_redis_is_answered_503_and_logged_once(
    own_redis: RedisProcess, tmp_path: Path
) -> None:
    server = start_server("redis down", tmp_path / "server", own_redis.url)
    try:
        with httpx.Client(timeout=20) as client:
            sender = new_user()
            assert server.post(client, form(sender, "hi")).status_code == 200
            own_redis.process.terminate()
            own_redis.process.wait(timeout=10)
            answers = [timed_post(server, client, form(new_user(), "hi")) for _ in range(20)]
        statuses = [response.status_code if response else None for _, response in answers]
        slowest = max(seconds for seconds, _ in answers)
        print(f"stopped Redis: {statuses.count(503)} of 20 answered 503, slowest {slowest:.3f} s")
        assert statuses == [503] * 20
        assert max(seconds for seconds, _ in answers) < REPLY_LIMIT_SECONDS
        log = server.log_path.read_text(errors="replace")
        failure_lines = [line for line in log.splitlines() if "session store failed" in line]
        assert len(failure_lines) == 1, failure_lines
        with_traceback = [line for line in log.splitlines() if "Traceback" in line]
        assert len(with_traceback) == 1, "one traceback (one JSON line), not one per request"
    finally:
        server.stop()


def test_a_frozen_redis_never_delays_a_reply_past_10_s_nor_misreports_a_turn(
    own_redis: RedisProcess, tmp_path: Path
) -> None:
    server = start_server("redis frozen", tmp_path / "server", own_redis.url)
    senders = [new_user() for _ in range(24)]
    sent: list[tuple[str, dict[str, str]]] = []
    try:
        with httpx.Client(timeout=30) as client, ThreadPoolExecutor(12) as pool:
            for sender in senders:
                server.say(client, sender, "hi")
            # Three rounds of every user at once; Redis freezes for 3 s in the middle of one.
            answers: list[tuple[float, httpx.Response | None]] = []
            for round_number, body in enumerate(("1", "1", "250")):
                batch = [(sender, form(sender, body)) for sender in senders]
                sent += batch
                futures = [pool.submit(timed_post, server, client, f) for _, f in batch]
                if round_number == 1:
                    time.sleep(0.02)
                    with own_redis.stalled(3.0):
                        pass
                answers += [future.result() for future in futures]
            # After the freeze, every user is served at once (no lock left behind).
            began = time.monotonic()
            for sender in senders[:4]:
                assert server.say(client, sender, "help")
            assert time.monotonic() - began < 4 * CRASHED_LOCK_GONE_SECONDS
        assert max(seconds for seconds, _ in answers) < REPLY_LIMIT_SECONDS
        outcomes = {"applied": 0, "refused": 0}
        for (sender, fields), (_, response) in zip(sent, answers, strict=True):
            assert response is not None
            stored = recorded_reply(server, sender, fields["MessageSid"])
            replies = messages(response.text) if response.status_code == 200 else []
            if response.status_code == 200 and not set(replies) & BUSY:
                assert stored is not None, "a turn answered as done must be stored"
                assert render_twiml(recorded_replies(stored)) == response.text
                outcomes["applied"] += 1
            else:
                assert response.status_code in (200, 503), response.status_code
                assert stored is None, "a turn reported as not done must not be applied"
                outcomes["refused"] += 1
        print(f"frozen Redis: {outcomes}; max reply {max(s for s, _ in answers):.2f} s")
        assert outcomes["applied"] >= len(senders), "the rounds before the freeze were served"
    finally:
        server.stop()


def test_a_worker_killed_mid_turn_frees_its_users_within_2_s(
    own_redis: RedisProcess, tmp_path: Path
) -> None:
    victim = start_server("victim", tmp_path / "victim", own_redis.url)
    survivor = start_server("survivor", tmp_path / "survivor", own_redis.url)
    raw = redis.Redis.from_url(own_redis.url, decode_responses=True)
    try:
        with httpx.Client(timeout=30) as client, ThreadPoolExecutor(8) as pool:
            sender = new_user()
            survivor.say(client, sender, "hi")
            secret = survivor.settings.hash_secret()
            lock = f"bijuli:{{{user_key(sender, secret)}}}:lock"
            # Many messages of one user in flight at the victim: its lock is nearly always held.
            futures = [
                pool.submit(timed_post, victim, client, form(sender, "help")) for _ in range(40)
            ]
            assert victim.process is not None
            pid = victim.process.pid
            # Freeze the victim the moment its lock is seen; if a turn had just released it,
            # let it go on and try again; once frozen holding the lock, kill it.
            held_after_kill = False
            deadline = time.monotonic() + 10
            while not held_after_kill and time.monotonic() < deadline:
                if not raw.exists(lock):
                    time.sleep(0.001)
                    continue
                os.kill(pid, signal.SIGSTOP)
                held_after_kill = bool(raw.exists(lock))
                if not held_after_kill:
                    os.kill(pid, signal.SIGCONT)
            os.kill(pid, signal.SIGKILL)
            killed_at = time.monotonic()
            for future in futures:
                future.result()
            # The survivor serves that user as soon as the dead worker's lease ends.
            replies = survivor.say(client, sender, "help")
            served_after = time.monotonic() - killed_at
        print(f"killed worker: its user served by another server {served_after:.2f} s later")
        assert held_after_kill, "the victim was never caught holding the user's lock"
        assert not set(replies) & BUSY
        assert served_after <= CRASHED_LOCK_GONE_SECONDS + 1.0  # the lease, plus a turn
        session = json.loads(survivor.session(sender) or "{}")
        assert session.get("turns", 0) >= 2
    finally:
        raw.close()
        victim.stop()
        survivor.stop()
