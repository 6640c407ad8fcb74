"""/webhooks/meta in process: verification, signatures, turns through the real pipeline and
engine on SQLite, replies put in the real SQLite outbox (the sender is not running here)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.channels.meta_routes import MAX_EVENT_BYTES, WEBHOOK_PATH, add_meta_routes
from bot.config import Settings
from bot.conversation import handle
from bot.inbound import Reply
from bot.stores import user_key
from tests.support.meta_events import (
    APP_SECRET,
    PHONE_NUMBER_ID,
    VERIFY_TOKEN,
    button_reply,
    encode,
    event,
    list_reply,
    media_message,
    new_wamid,
    sign,
    status_update,
    text_message,
)
from tests.support.webhook_harness import WebhookHarness

HASH_KEY = "meta-routes-hash-key-0123456789abcdef"
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
WA_ID = "919437012345"


def _settings(tmp_path: Path, **meta: Any) -> Settings:
    values: dict[str, Any] = {
        "meta_app_secret": APP_SECRET,
        "meta_verify_token": VERIFY_TOKEN,
        "meta_phone_number_id": PHONE_NUMBER_ID,
    }
    values.update(meta)
    return Settings(state_dir=tmp_path / "state", hash_key=HASH_KEY, month="2026-05", **values)


class Harness(WebhookHarness):
    """The Meta routes, posted to as Meta posts: signed JSON events."""

    def __init__(self, tmp_path: Path, **meta: Any) -> None:
        settings = _settings(tmp_path, **meta)
        super().__init__(tmp_path, settings, add_meta_routes, hash_key=HASH_KEY, now=NOW)

    def post(self, payload: dict[str, Any], *, signature: str | None = "sign") -> Any:
        body = encode(payload)
        headers = {"Content-Type": "application/json"}
        if signature == "sign":
            headers["X-Hub-Signature-256"] = sign(body)
        elif signature is not None:
            headers["X-Hub-Signature-256"] = signature
        return self.client.post(WEBHOOK_PATH, content=body, headers=headers)

    def session(self, wa_id: str = WA_ID) -> str | None:
        return self.session_of(f"whatsapp:+{wa_id}")


@pytest.fixture
def meta(tmp_path: Path) -> Iterator[Harness]:
    harness = Harness(tmp_path)
    yield harness
    harness.close()


# --- Verification ------------------------------------------------------------------------


def test_verification_echoes_the_challenge_for_the_right_token(meta: Harness) -> None:
    query = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "8675309"}
    response = meta.client.get(WEBHOOK_PATH, params=query)
    assert response.status_code == 200
    assert response.text == "8675309"
    assert response.headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize(
    "query",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
        {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1"},
        {"hub.challenge": "1"},
        {},
    ],
)
def test_verification_with_a_wrong_token_or_mode_is_403(
    meta: Harness, query: dict[str, str]
) -> None:
    response = meta.client.get(WEBHOOK_PATH, params=query)
    assert response.status_code == 403
    assert "1" not in response.text


def test_without_the_settings_the_webhook_answers_503(tmp_path: Path) -> None:
    harness = Harness(tmp_path, meta_app_secret=None, meta_verify_token=None)
    try:
        query = {"hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1"}
        assert harness.client.get(WEBHOOK_PATH, params=query).status_code == 503
        response = harness.post(event(text_message(WA_ID, "hello")))
        assert response.status_code == 503
        assert harness.drain() == []
    finally:
        harness.close()


# --- Signatures --------------------------------------------------------------------------


@pytest.mark.parametrize("signature", [None, "sha256=" + "0" * 64, "forged"])
def test_an_unsigned_or_forged_event_is_403_and_changes_nothing(
    meta: Harness, signature: str | None
) -> None:
    response = meta.post(event(text_message(WA_ID, "domestic 250 units")), signature=signature)
    assert response.status_code == 403
    assert meta.session() is None
    assert meta.drain() == []


def test_a_body_signed_with_another_secret_is_403(meta: Harness) -> None:
    body = encode(event(text_message(WA_ID, "hello")))
    headers = {"X-Hub-Signature-256": sign(body, secret="someone-elses-secret")}
    assert meta.client.post(WEBHOOK_PATH, content=body, headers=headers).status_code == 403
    assert meta.session() is None


def test_a_signed_body_that_is_not_json_is_400(meta: Harness) -> None:
    body = b"{this is not json"
    response = meta.client.post(
        WEBHOOK_PATH, content=body, headers={"X-Hub-Signature-256": sign(body)}
    )
    assert response.status_code == 400
    assert meta.drain() == []


def test_a_body_over_the_cap_is_413_before_anything_else(meta: Harness) -> None:
    big = event(text_message(WA_ID, "x" * (MAX_EVENT_BYTES + 10)))
    response = meta.post(big)
    assert response.status_code == 413
    assert meta.session() is None


# --- Turns -------------------------------------------------------------------------------


def test_a_signed_message_is_answered_200_and_its_reply_queued_for_meta(meta: Harness) -> None:
    wamid = new_wamid()
    response = meta.post(event(text_message(WA_ID, "domestic 250 units", wamid=wamid)))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    [envelope] = meta.drain()
    assert envelope.key == f"meta:{wamid}"
    assert envelope.transport == "meta"
    assert envelope.address == WA_ID
    assert envelope.sender == PHONE_NUMBER_ID
    assert envelope.user == user_key(f"whatsapp:+{WA_ID}", HASH_KEY.encode())
    estimate = envelope.replies[-1]
    assert estimate.as_list
    assert any(choice.reply == "village" for choice in estimate.choices)
    assert meta.session() is not None


def test_the_same_message_id_twice_is_answered_once(meta: Harness) -> None:
    wamid = new_wamid()
    first = event(text_message(WA_ID, "hello", wamid=wamid))
    assert meta.post(first).status_code == 200
    session = meta.session()
    assert meta.post(first).status_code == 200  # Meta's redelivery
    assert meta.session() == session, "a redelivery must not advance the conversation"
    assert len(meta.drain()) == 1


def test_a_pressed_row_is_applied_as_the_typed_option(meta: Harness) -> None:
    meta.post(event(text_message(WA_ID, "domestic 250 units")))
    [before] = meta.drain()
    meta.post(event(list_reply(WA_ID, "village", "In a village")))
    [after] = meta.drain()
    typed = handle(None, _inbound("domestic 250 units village"), now=NOW, month=dt.date(2026, 5, 1))
    assert after.replies[-1].text != before.replies[-1].text
    assert _payable(after.replies) == _payable(typed.messages)


def _inbound(body: str) -> Any:
    from bot.inbound import Inbound

    return Inbound("whatsapp", body, message_id=new_wamid())


def _payable(replies: Any) -> str:
    """The estimate's first line with a rupee amount (what to pay)."""
    text = "\n".join(reply.text for reply in replies if isinstance(reply, Reply))
    return next(line for line in text.splitlines() if "₹" in line)


def test_a_pressed_button_moves_the_conversation(meta: Harness) -> None:
    meta.post(event(text_message(WA_ID, "hello")))
    greeting = meta.drain()[-1].replies[-1]
    assert greeting.choices, "the greeting offers choices"
    first = greeting.choices[0]
    meta.post(event(button_reply(WA_ID, first.reply, first.title)))
    [answer] = meta.drain()
    assert answer.replies
    assert answer.replies[-1].text != greeting.text


def test_a_photo_is_answered_with_the_send_text_message(meta: Harness) -> None:
    meta.post(event(media_message(WA_ID, "image")))
    [envelope] = meta.drain()
    assert envelope.replies


def test_statuses_are_acknowledged_and_ignored(meta: Harness) -> None:
    response = meta.post(event(statuses=(status_update(new_wamid(), WA_ID, "read"),)))
    assert response.status_code == 200
    assert meta.drain() == []


def test_several_users_in_one_event_each_get_their_reply(meta: Harness) -> None:
    other = "919437000002"
    payload = event(text_message(WA_ID, "hello"), text_message(other, "नमस्ते"))
    assert meta.post(payload).status_code == 200
    assert sorted(e.address for e in meta.drain()) == sorted([WA_ID, other])


def test_a_message_to_another_business_number_is_not_answered(meta: Harness) -> None:
    payload = event(text_message(WA_ID, "hello"), phone_number_id="999999999999999")
    assert meta.post(payload).status_code == 200
    assert meta.drain() == []
    assert meta.session() is None


def test_a_meta_user_is_the_same_user_as_on_twilio_whatsapp(meta: Harness) -> None:
    meta.post(event(text_message(WA_ID, "domestic 250 units")))
    # The number's Twilio WhatsApp address finds the same session.
    with meta.store.open(user_key(f"whatsapp:+{WA_ID}", HASH_KEY.encode())) as slot:
        assert slot.data is not None


def test_an_opted_out_user_gets_nothing_queued(meta: Harness) -> None:
    meta.post(event(text_message(WA_ID, "hello")))
    meta.post(event(text_message(WA_ID, "STOP")))
    assert len(meta.drain()) == 2  # the greeting and the confirmation
    meta.post(event(text_message(WA_ID, "domestic 250 units")))
    assert meta.drain() == []


# --- Failures ----------------------------------------------------------------------------


def test_a_store_failure_is_503_so_meta_redelivers(
    meta: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(meta.store, "open", broken)
    response = meta.post(event(text_message(WA_ID, "hello")))
    assert response.status_code == 503
    monkeypatch.undo()
    assert meta.drain() == []


def test_an_outbox_failure_is_503_and_the_redelivery_queues_the_reply_once(
    meta: Harness,
) -> None:
    payload = event(text_message(WA_ID, "domestic 250 units"))
    meta.outbox.failing = True
    assert meta.post(payload).status_code == 503
    session = meta.session()
    assert session is not None  # the turn was applied: the redelivery must not apply it again
    meta.outbox.failing = False
    assert meta.post(payload).status_code == 200
    assert meta.session() == session
    [envelope] = meta.drain()
    assert envelope.replies[-1].as_list
    assert meta.post(payload).status_code == 200  # and a third delivery queues nothing
    assert meta.drain() == []
