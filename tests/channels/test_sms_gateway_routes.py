"""/webhooks/sms-gateway in process: the token, Exotel's GET and POST forwards, turns through
the real pipeline and engine on SQLite, replies put in the real SQLite outbox (no sender runs
here), and the access log's redaction."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.channels.sms_gateway import TOKEN_HEADER
from bot.channels.sms_gateway_routes import (
    MAX_FORWARD_BYTES,
    WEBHOOK_PATH,
    RedactedAccessLog,
    add_sms_gateway_routes,
)
from bot.config import Settings
from bot.stores import user_key
from tests.support.webhook_harness import WebhookHarness

HASH_KEY = "smsgw-routes-hash-key-0123456789abcdef"
TOKEN = "inbound-token-0123456789abcdef"
NOW = dt.datetime(2026, 5, 3, 12, 0, tzinfo=dt.UTC)
NUMBER = "+919437012345"
WITH_TOKEN = f"{WEBHOOK_PATH}/{TOKEN}"


class Harness(WebhookHarness):
    """The SMS gateway routes, forwarded to as Exotel forwards."""

    def __init__(self, tmp_path: Path, **gateway: Any) -> None:
        values: dict[str, Any] = {
            "sms_gateway_inbound_token": TOKEN,
            "sms_gateway_keyword": "BIJULI",
        }
        values.update(gateway)
        settings = Settings(state_dir=tmp_path / "state", hash_key=HASH_KEY, **values)
        super().__init__(tmp_path, settings, add_sms_gateway_routes, hash_key=HASH_KEY, now=NOW)

    def forward(self, body: str, *, sid: str = "", number: str = "09437012345") -> Any:
        """Exotel's form-encoded POST of one SMS, to the URL with the token."""
        fields = {"From": number, "To": "08039591234", "Date": "2026-05-03 17:30:00"}
        fields["Body"] = body
        if sid:
            fields["SmsSid"] = sid
        return self.client.post(WITH_TOKEN, data=fields)

    def session(self, address: str = NUMBER) -> str | None:
        return self.session_of(address)


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[Harness]:
    harness = Harness(tmp_path)
    yield harness
    harness.close()


def test_a_forward_is_answered_empty_and_its_replies_queued_for_the_gateway(
    gateway: Harness,
) -> None:
    response = gateway.forward("BIJULI ଘରୋଇ 250 ୟୁନିଟ", sid="exo-sms-1")
    assert response.status_code == 200
    assert response.text == ""
    assert response.headers["content-type"].startswith("text/plain")
    (envelope,) = gateway.drain()
    assert envelope.key == "smsgw:exo-sms-1"
    assert envelope.transport == "sms_gateway"
    assert envelope.address == NUMBER
    assert envelope.user == user_key(NUMBER, HASH_KEY.encode())
    assert envelope.language == "or"
    assert envelope.sender == ""
    assert any("₹" in reply.text for reply in envelope.replies)
    assert gateway.session() is not None


def test_exotel_s_get_forward_is_read_from_the_query_and_head_is_answered(
    gateway: Harness,
) -> None:
    assert gateway.client.head(WITH_TOKEN).status_code == 200
    assert gateway.drain() == []
    query = {"SmsSid": "exo-get-1", "From": "9437012345", "To": "080", "Body": "bijuli 250"}
    response = gateway.client.get(WITH_TOKEN, params=query)
    assert response.status_code == 200
    assert response.text == ""
    (envelope,) = gateway.drain()
    assert envelope.key == "smsgw:exo-get-1"


def test_the_token_may_come_in_a_header(gateway: Harness) -> None:
    fields = {"From": "9437012345", "Body": "BIJULI hello", "SmsSid": "hdr-1"}
    response = gateway.client.post(WEBHOOK_PATH, data=fields, headers={TOKEN_HEADER: TOKEN})
    assert response.status_code == 200
    assert len(gateway.drain()) == 1


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        (WEBHOOK_PATH, {}),
        (WEBHOOK_PATH, {TOKEN_HEADER: "wrong"}),
        (f"{WEBHOOK_PATH}/wrong-token", {}),
        (f"{WEBHOOK_PATH}/{TOKEN[:-1]}", {}),
        (f"{WEBHOOK_PATH}/x", {TOKEN_HEADER: TOKEN}),  # the path's token is the one checked
    ],
)
def test_a_missing_or_wrong_token_is_403_and_changes_nothing(
    gateway: Harness, path: str, headers: dict[str, str]
) -> None:
    fields = {"From": "9437012345", "Body": "BIJULI domestic 250", "SmsSid": "forged-1"}
    response = gateway.client.post(path, data=fields, headers=headers)
    assert response.status_code == 403
    assert gateway.client.get(path, params=fields, headers=headers).status_code == 403
    assert gateway.session() is None
    assert gateway.drain() == []


def test_without_an_inbound_token_the_webhook_answers_503(tmp_path: Path) -> None:
    harness = Harness(tmp_path, sms_gateway_inbound_token=None)
    try:
        response = harness.client.post(f"{WEBHOOK_PATH}/anything", data={"From": "9437012345"})
        assert response.status_code == 503
        assert harness.drain() == []
    finally:
        harness.close()


@pytest.mark.parametrize(
    "fields",
    [
        {"Body": "250"},
        {"From": "+447700900123", "Body": "250"},
        {"From": "9437012345"},
    ],
)
def test_a_forward_without_an_indian_sender_or_a_body_is_400(
    gateway: Harness, fields: dict[str, str]
) -> None:
    response = gateway.client.post(WITH_TOKEN, data=fields)
    assert response.status_code == 400
    assert "250" not in response.text
    assert gateway.drain() == []


def test_a_body_over_the_cap_is_413(gateway: Harness) -> None:
    response = gateway.forward("x" * (MAX_FORWARD_BYTES + 10))
    assert response.status_code == 413
    assert gateway.session() is None


def test_a_json_forward_is_read_too(gateway: Harness) -> None:
    payload = {"SmsSid": "json-1", "From": "9437012345", "Body": "BIJULI hello"}
    assert gateway.client.post(WITH_TOKEN, json=payload).status_code == 200
    assert [e.key for e in gateway.drain()] == ["smsgw:json-1"]
    broken = gateway.client.post(
        WITH_TOKEN, content=b"[1, 2]", headers={"Content-Type": "application/json"}
    )
    assert broken.status_code == 400


def test_a_repeated_forward_is_answered_once(gateway: Harness) -> None:
    assert gateway.forward("BIJULI hello", sid="repeat-1").status_code == 200
    first = gateway.session()
    assert gateway.forward("BIJULI hello", sid="repeat-1").status_code == 200
    assert gateway.session() == first  # the conversation did not advance
    assert len(gateway.drain()) == 1


def test_a_forward_without_sms_sid_repeated_is_answered_once(gateway: Harness) -> None:
    assert gateway.forward("BIJULI domestic").status_code == 200
    assert gateway.forward("BIJULI domestic").status_code == 200
    (envelope,) = gateway.drain()
    assert envelope.key.startswith("smsgw:h-")


def test_the_gateway_and_twilio_sms_share_the_number_s_conversation(gateway: Harness) -> None:
    assert gateway.forward("BIJULI domestic", sid="share-1").status_code == 200
    # The same session as a Twilio SMS from +919437012345 would open.
    assert gateway.session("+919437012345") is not None
    assert gateway.session("whatsapp:+919437012345") is None


def test_an_opted_out_number_gets_nothing_queued(gateway: Harness) -> None:
    assert gateway.forward("BIJULI STOP", sid="stop-1").status_code == 200
    gateway.drain()  # the confirmation
    assert gateway.forward("BIJULI domestic 250", sid="after-stop").status_code == 200
    assert gateway.drain() == []


def test_an_outbox_failure_is_503_and_the_forward_again_is_answered(gateway: Harness) -> None:
    gateway.outbox.failing = True
    assert gateway.forward("BIJULI hello", sid="flaky-1").status_code == 503
    gateway.outbox.failing = False
    assert gateway.forward("BIJULI hello", sid="flaky-1").status_code == 200
    assert [e.key for e in gateway.drain()] == ["smsgw:flaky-1"]


def test_a_store_failure_is_503(gateway: Harness) -> None:
    gateway.store.close()
    response = gateway.forward("BIJULI hello", sid="down-1")
    assert response.status_code == 503


def test_the_access_log_never_shows_the_token_or_the_forward(gateway: Harness) -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("1.2.3.4:5", "GET", f"{WITH_TOKEN}?From=9437012345&Body=BIJULI+250", "1.1", 200),
        None,
    )
    assert RedactedAccessLog().filter(record)
    line = record.getMessage()
    assert TOKEN not in line
    assert "9437012345" not in line
    assert f"{WEBHOOK_PATH}/…?…" in line
    assert any(
        isinstance(f, RedactedAccessLog) for f in logging.getLogger("uvicorn.access").filters
    )
    other = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, "%s %s %s", ("a", "GET", "/healthz"), None
    )
    RedactedAccessLog().filter(other)
    assert other.getMessage() == "a GET /healthz"
