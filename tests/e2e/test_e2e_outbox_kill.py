"""kill -9 between accepting a message and sending its reply: nothing lost, nothing sent twice.

Real processes throughout: `bijuli serve` (and `bijuli worker` on Redis) are killed with
SIGKILL; replies leave through the Meta channel to a local stand-in of the Graph API
(tests/support/graph_api.py), which records every message it accepted.

* SQLite (the embedded default, the sender inside `bijuli serve`): the server is killed while
  its provider calls hang; a new server on the same state directory takes the replies over once
  the claims' lease has run out.
* Redis (sessions and outbox in Redis, `bijuli worker` sending): the worker is killed while its
  provider calls hang (the stand-in then answers them 503: no send happened); a second worker
  takes over the envelopes once the claims' lease has run out.

A kill while the provider is accepting a message (after it took the message, before the
sender recorded it) can send that message again: no API here offers an idempotency key that
would prevent it, and the window is one HTTP response long.

Each user's replies are checked against what the session store recorded for its message: the
same messages, in the same order, each exactly once.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import httpx
import pytest
from e2e_support import ROOT, Server, service_env

from bot.pipeline import recorded_replies
from bot.stores import open_store, user_key
from tests.support.graph_api import (
    ACCESS_TOKEN,
    GraphStandIn,
    graph_error,
    running_graph_api,
)
from tests.support.http_stand_in import Answer
from tests.support.meta_events import (
    APP_SECRET,
    PHONE_NUMBER_ID,
    VERIFY_TOKEN,
    encode,
    event,
    new_wamid,
    sign,
    text_message,
)
from tests.support.redis_server import running_redis

USERS = 8
#: A short claim lease (longer than a provider call may take), so the second worker takes over soon.
LEASE_SECONDS = "12"
WAIT_SECONDS = 60.0
MESSAGES = ("domestic 250 units", "hello", "ଘରୋଇ 120 ୟୁନିଟ", "घरेलू 300 यूनिट")


def _meta_env(state: Path, graph: GraphStandIn, **extra: str) -> dict[str, str]:
    return service_env(
        state,
        META_APP_SECRET=APP_SECRET,
        META_VERIFY_TOKEN=VERIFY_TOKEN,
        META_ACCESS_TOKEN=ACCESS_TOKEN,
        META_PHONE_NUMBER_ID=PHONE_NUMBER_ID,
        META_GRAPH_URL=graph.graph_url,
        BIJULI_OUTBOX_LEASE_SECONDS=LEASE_SECONDS,
        **extra,
    )


def _send_all(server: Server) -> list[tuple[str, str]]:
    """One message from each of USERS new users, each acknowledged 200; (wa_id, wamid)."""
    sent = []
    with httpx.Client(timeout=10) as client:
        for i in range(USERS):
            wa_id, wamid = f"9194500{i:05d}", new_wamid()
            body = encode(event(text_message(wa_id, MESSAGES[i % len(MESSAGES)], wamid=wamid)))
            response = client.post(
                server.base_url + "/webhooks/meta",
                content=body,
                headers={"X-Hub-Signature-256": sign(body), "Content-Type": "application/json"},
            )
            assert response.status_code == 200, response.text
            sent.append((wa_id, wamid))
    return sent


def _expected(server: Server, sent: list[tuple[str, str]]) -> dict[str, int]:
    """How many messages each user's recorded reply holds."""
    settings = server.settings
    store = open_store(settings.session_store_url)
    counts = {}
    try:
        for wa_id, wamid in sent:
            with store.open(user_key(f"whatsapp:+{wa_id}", settings.hash_secret())) as slot:
                recorded = slot.reply_for(wamid)
            assert recorded is not None, "an acknowledged message was applied"
            counts[wa_id] = len(recorded_replies(recorded))
    finally:
        store.close()
    return counts


def _check_each_reply_once(graph: GraphStandIn, expected: dict[str, int]) -> None:
    total = sum(expected.values())
    accepted = graph.wait_for_accepted(total, timeout=WAIT_SECONDS)
    for wa_id, count in expected.items():
        mine = [json.dumps(body, sort_keys=True) for body in accepted if body["to"] == wa_id]
        assert len(mine) == count, (wa_id, len(mine), count)
        assert len(set(mine)) == len(mine), f"{wa_id} got a message twice"
    assert len(accepted) == total


def _kill(process: subprocess.Popen[bytes] | None) -> None:
    assert process is not None
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def test_sqlite_a_killed_server_loses_no_reply_and_sends_none_twice(tmp_path: Path) -> None:
    with running_graph_api() as graph:
        gate = _Gate(graph)
        env = _meta_env(tmp_path / "state", graph)
        first = Server("first", env, tmp_path / "first.log")
        first.start()
        try:
            first.wait_ready()
            sent = _send_all(first)
            expected = _expected(first, sent)
            assert gate.reached.wait(30), "the server's sender was sending"
            _kill(first.process)
        finally:
            first.stop()
        gate.release.set()
        assert graph.accepted == [], "nothing was sent before the kill"
        second = Server("second", env, tmp_path / "second.log")
        second.start()
        try:
            second.wait_ready()
            _check_each_reply_once(graph, expected)
        finally:
            second.stop()


class _Gate:
    """Holds every request to the Graph stand-in until released, then refuses the held ones
    (503): the worker is killed while its provider calls hang, and the provider never accepted
    what it was sending. Requests after the release are answered as usual."""

    def __init__(self, graph: GraphStandIn) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        original = graph.answer

        def answer(method: str, target: str, headers: Message, raw: bytes) -> Answer:
            if not self.release.is_set():
                self.reached.set()
                self.release.wait(30)
                return 503, {"error": graph_error(2, "Service temporarily unavailable")}, {}
            return original(method, target, headers, raw)

        graph.answer = answer  # type: ignore[method-assign]


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:  # the worker writes to its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "worker"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    workdir = tmp_path / "redis"
    workdir.mkdir()
    with running_redis(workdir) as url:
        yield url


def test_redis_a_killed_worker_loses_no_reply_and_sends_none_twice(
    tmp_path: Path, redis_url: str
) -> None:
    with running_graph_api() as graph:
        gate = _Gate(graph)
        env = _meta_env(tmp_path / "state", graph, BIJULI_SESSION_STORE=redis_url)
        server = Server("server", env, tmp_path / "server.log")
        server.start()
        workers: list[subprocess.Popen[bytes]] = []
        try:
            server.wait_ready()
            sent = _send_all(server)
            expected = _expected(server, sent)
            assert graph.accepted == [], "on Redis only `bijuli worker` sends"
            workers.append(_worker(env, tmp_path / "worker1.log"))
            assert gate.reached.wait(30), (tmp_path / "worker1.log").read_text()
            _kill(workers[0])
            gate.release.set()
            workers.append(_worker(env, tmp_path / "worker2.log"))
            _check_each_reply_once(graph, expected)
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.terminate()
                    worker.wait(10)
            server.stop()
