"""Admission control: a worker runs a bounded number of turns; a message that cannot start
within BIJULI_TURN_DEADLINE_SECONDS gets the busy reply at once and changes nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
from service_support import HASH_KEY, PUBLIC_URL, TOKEN, WEBHOOK, form, signature, stored_session

from bot import messages as m
from bot.admission import Admission
from bot.app import MAX_TURNS_IN_FLIGHT, create_app
from bot.config import Settings
from bot.conversation.engine import handle
from bot.i18n import Translator
from bot.inbound import Inbound, Turn
from tests.support.redis_server import running_redis

DEADLINE = 0.3


def sender(number: int) -> str:
    return f"whatsapp:+9190000{number:05d}"


def test_the_deadline_is_a_setting_below_twilios_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIJULI_TURN_DEADLINE_SECONDS", "2.5")
    assert Settings().turn_deadline_seconds == 2.5
    monkeypatch.setenv("BIJULI_TURN_DEADLINE_SECONDS", "12")
    with pytest.raises(ValueError, match="BIJULI_TURN_DEADLINE_SECONDS"):
        Settings()


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A real redis-server: its per-user locks let slow turns of different users overlap."""
    with running_redis(tmp_path) as url:
        yield url


def test_a_message_that_cannot_start_in_time_gets_the_busy_reply_unapplied(
    tmp_path: Path, redis_url: str
) -> None:
    settings = Settings(
        twilio_auth_token=TOKEN,
        public_url=PUBLIC_URL,
        state_dir=tmp_path / "state",
        session_store=redis_url,
        hash_key=HASH_KEY,
        month="2026-05",
        turn_deadline_seconds=DEADLINE,
    )
    release = threading.Event()
    started = threading.Semaphore(0)

    def slow(
        session: str | None, inbound: Inbound, *, now: dt.datetime, month: dt.date | None = None
    ) -> Turn:
        started.release()
        release.wait(10)  # a turn that takes far longer than the deadline
        return handle(session, inbound, now=now, month=month)

    app = create_app(settings, handler=slow)

    async def post(client: httpx.AsyncClient, who: str, body: str) -> tuple[float, httpx.Response]:
        fields = form(body, sender=who)
        begun = time.monotonic()
        response = await client.post(
            WEBHOOK, data=fields, headers={"X-Twilio-Signature": signature(fields)}
        )
        return time.monotonic() - begun, response

    async def scenario() -> tuple[list[httpx.Response], float, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL) as client:
            running = [
                asyncio.create_task(post(client, sender(i), "hi"))
                for i in range(MAX_TURNS_IN_FLIGHT)
            ]
            for _ in range(MAX_TURNS_IN_FLIGHT):  # every turn slot is taken
                assert await asyncio.to_thread(started.acquire, True, 10)
            waited, refused = await post(client, sender(999), "ନମସ୍କାର")
            release.set()
            done = [response for _, response in await asyncio.gather(*running)]
        return done, waited, refused

    done, waited, refused = asyncio.run(scenario())
    assert [r.status_code for r in done] == [200] * MAX_TURNS_IN_FLIGHT
    assert refused.status_code == 200
    replies = [e.text for e in ElementTree.fromstring(refused.text).findall("Message")]
    assert replies == [Translator.load("or").format(m.BUSY_SEND_AGAIN)]
    assert DEADLINE <= waited < DEADLINE + 1.0, "answered at the deadline, not after the turns"
    assert stored_session(settings, sender(999)) is None, "a refused message changes nothing"
    assert stored_session(settings, sender(0)) is not None


def test_a_wait_forecast_beyond_the_deadline_is_refused_at_once() -> None:
    async def scenario() -> tuple[bool, float, bool]:
        admission = Admission(limit=1, deadline_seconds=2.0)
        assert await admission.enter()
        admission.leave(1.5)  # turns take 1.5 s here
        assert await admission.enter()  # the one turn slot is taken again
        queued = asyncio.create_task(admission.enter())  # waits: forecast 1.5 s, in time
        await asyncio.sleep(0.05)
        assert admission.waiting == 1
        begun = time.monotonic()
        refused = await admission.enter()  # forecast: 2 ahead x 1.5 s > 2 s
        refused_after = time.monotonic() - begun
        admission.leave(1.5)
        return refused, refused_after, await queued

    refused, refused_after, queued_started = asyncio.run(scenario())
    assert refused is False
    assert refused_after < 0.1, "refused at once, not at the deadline"
    assert queued_started, "a message whose wait is in time still gets its turn"
