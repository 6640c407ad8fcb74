"""What the HTTP transports share (bot/channels/http_sending.py): the memory of parts already
sent, and how a provider's answer, or its silence, becomes a SendResult."""

from __future__ import annotations

import email.utils
import time

import httpx

from bot.channels.http_sending import (
    SentParts,
    json_object,
    provider_answer,
    retry_after,
    unaccepted,
)
from bot.outbox.base import SendResult


class Provider:
    """Accepts each part unless told to refuse it; records what it was sent."""

    def __init__(self, *refused: str) -> None:
        self.refused = set(refused)
        self.posted: list[str] = []

    def post(self, number: int, part: str) -> SendResult:
        self.posted.append(part)
        if part in self.refused:
            return SendResult(ok=False, retry=True, error=f"{part} refused")
        return SendResult(ok=True, provider_id=f"id-{part}-{number}")


def _answer(
    status: int, headers: dict[str, str] | None = None, body: bytes = b""
) -> httpx.Response:
    return httpx.Response(status, headers=headers, content=body)


def test_a_retry_sends_only_the_parts_not_yet_accepted() -> None:
    sent = SentParts()
    provider = Provider("text")
    first = sent.send("meta:1", 0, ["voice", "text"], provider.post)
    assert first == SendResult(ok=False, retry=True, error="text refused")
    provider.refused.clear()
    second = sent.send("meta:1", 0, ["voice", "text"], provider.post)
    assert second == SendResult(ok=True, provider_id="id-text-1")
    assert provider.posted == ["voice", "text", "text"]


def test_a_reply_sent_whole_is_forgotten_and_other_replies_are_kept_apart() -> None:
    sent = SentParts()
    provider = Provider("b")
    assert not sent.send("k", 1, ["a", "b"], provider.post).ok
    assert sent.send("k", 0, ["a"], provider.post).ok  # another reply: "a" is sent for it
    provider.refused.clear()
    assert sent.send("k", 1, ["a", "b"], provider.post).ok
    # Reply 1 is done and forgotten: the same key and index would be sent whole again.
    assert sent.send("k", 1, ["a", "b"], provider.post).ok
    assert provider.posted == ["a", "b", "a", "b", "a", "b"]


def test_the_oldest_parts_are_forgotten_past_the_limit() -> None:
    sent = SentParts(limit=2)
    provider = Provider("end")
    for key in ("a", "b", "c"):  # each reply's first part is accepted, its second refused
        assert not sent.send(key, 0, [f"{key}1", "end"], provider.post).ok
    provider.refused.clear()
    provider.posted.clear()
    assert sent.send("b", 0, ["b1", "end"], provider.post).ok
    assert sent.send("a", 0, ["a1", "end"], provider.post).ok
    # b1 was still remembered; a1, the oldest, had made room for c1 and went again.
    assert provider.posted == ["end", "a1", "end"]


def test_no_answer_is_retried_and_says_whom_it_did_not_reach() -> None:
    def times_out() -> httpx.Response:
        raise httpx.ReadTimeout("slow")

    def refuses() -> httpx.Response:
        raise httpx.ConnectError("refused")

    assert provider_answer(times_out, "the Graph API") == SendResult(
        ok=False, retry=True, error="the Graph API did not answer in time"
    )
    assert provider_answer(refuses, "Twilio") == SendResult(
        ok=False, retry=True, error="could not reach Twilio (ConnectError)"
    )
    answer = _answer(201)
    assert provider_answer(lambda: answer, "Twilio") is answer


def test_429_and_5xx_are_retried_other_refusals_only_when_the_provider_says_so() -> None:
    assert unaccepted(_answer(429, {"Retry-After": "7"}), "slow down") == SendResult(
        ok=False, retry=True, error="slow down", retry_after=7.0
    )
    assert unaccepted(_answer(503), "down").retry
    assert not unaccepted(_answer(400), "bad").retry
    assert unaccepted(_answer(400), "throttled by code", retry=True).retry


def test_retry_after_is_read_as_seconds_or_as_an_http_date() -> None:
    assert retry_after(_answer(429, {"Retry-After": "12"})) == 12.0
    later = email.utils.formatdate(time.time() + 120, usegmt=True)
    waited = retry_after(_answer(429, {"Retry-After": later}))
    assert waited is not None
    assert 60 < waited <= 121
    past = email.utils.formatdate(time.time() - 600, usegmt=True)
    assert retry_after(_answer(429, {"Retry-After": past})) == 0.0
    assert retry_after(_answer(429, {"Retry-After": "soon"})) is None
    assert retry_after(_answer(429)) is None


def test_only_a_json_object_is_read_as_one() -> None:
    assert json_object(_answer(200, body=b'{"sid": "SM1"}')) == {"sid": "SM1"}
    assert json_object(_answer(200, body=b"[1, 2]")) is None
    assert json_object(_answer(200, body=b"<xml/>")) is None
