"""The Twilio webhook in process: signatures, turns, replays, deletion, failures, privacy."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from xml.etree import ElementTree

import pytest
from service_support import (
    PUBLIC_URL,
    SMS_USER,
    TOKEN,
    WEBHOOK,
    WHATSAPP_USER,
    form,
    post_signed,
    signature,
    stored_session,
)
from starlette.testclient import TestClient

from bot import messages as m
from bot.app import create_app
from bot.config import Settings
from bot.i18n import Translator
from bot.i18n.messages import TRY_AGAIN_LATER
from bot.inbound import Turn
from bot.stores import SQLiteSessionStore, user_key

EN = Translator.load("en")


def messages(response_text: str) -> list[str]:
    return [e.text or "" for e in ElementTree.fromstring(response_text).findall("Message")]


def turns(settings: Settings, sender: str = WHATSAPP_USER) -> int:
    data = stored_session(settings, sender)
    assert data is not None
    return int(json.loads(data)["turns"])


def test_without_a_token_the_webhook_answers_503_and_logs_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(state_dir=tmp_path, hash_key="h" * 32, public_url=PUBLIC_URL)
    with TestClient(create_app(settings)) as client:
        response = post_signed(client, form("hi"))
    assert response.status_code == 503
    assert "TWILIO_AUTH_TOKEN is not set" in caplog.text
    assert stored_session(settings, WHATSAPP_USER) is None


def test_a_signed_whatsapp_greeting_gets_the_menu_as_twiml(
    client: TestClient, settings: Settings
) -> None:
    response = post_signed(client, form("hi"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    (reply,) = messages(response.text)
    assert EN.gettext(m.GREETING).split("{")[0] in reply
    assert EN.gettext(m.ASK_CATEGORY) in reply
    session = json.loads(stored_session(settings, WHATSAPP_USER) or "{}")
    assert session["channel"] == "whatsapp"
    assert session["turns"] == 1


def test_an_sms_sender_is_another_conversation_with_the_short_greeting(
    client: TestClient, settings: Settings
) -> None:
    post_signed(client, form("hi"))
    (reply,) = messages(post_signed(client, form("hi", sender=SMS_USER)).text)
    assert EN.gettext(m.GREETING_SHORT) in reply
    assert json.loads(stored_session(settings, SMS_USER) or "{}")["channel"] == "sms"


@pytest.mark.parametrize(
    "headers",
    [
        {},  # missing
        {"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"},  # forged
        {"X-Twilio-Signature": ""},
    ],
    ids=["missing", "forged", "empty"],
)
def test_unsigned_or_forged_requests_get_403_and_change_nothing(
    client: TestClient, settings: Settings, headers: dict[str, str]
) -> None:
    post_signed(client, form("hi"))
    before = stored_session(settings, WHATSAPP_USER)
    response = client.post(WEBHOOK, data=form("delete my data"), headers=headers)
    assert response.status_code == 403
    assert stored_session(settings, WHATSAPP_USER) == before


def test_a_signature_over_the_url_the_server_sees_is_refused(
    client: TestClient, settings: Settings
) -> None:
    # The test client calls http://testserver/...; Twilio signs the public https URL.
    response = post_signed(client, form("hi"), url="http://testserver" + WEBHOOK)
    assert response.status_code == 403
    assert stored_session(settings, WHATSAPP_USER) is None


def test_forwarded_headers_do_not_change_the_url_that_is_checked(client: TestClient) -> None:
    fields = form("hi")
    headers = {
        "X-Twilio-Signature": signature(fields, "https://evil.example" + WEBHOOK),
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "evil.example",
        "Host": "evil.example",
    }
    assert client.post(WEBHOOK, data=fields, headers=headers).status_code == 403


def test_the_query_string_is_part_of_the_signed_url(client: TestClient) -> None:
    fields = form("hi")
    path = WEBHOOK + "?tenant=cesu"
    assert post_signed(client, fields, path=path, url=PUBLIC_URL + path).status_code == 200
    tampered = post_signed(
        client, form("hi"), path=WEBHOOK + "?tenant=other", url=PUBLIC_URL + path
    )
    assert tampered.status_code == 403


def test_a_wrong_token_is_refused(client: TestClient) -> None:
    assert post_signed(client, form("hi"), token="not-" + TOKEN).status_code == 403


def test_a_twilio_retry_gets_the_same_reply_and_does_not_advance(
    client: TestClient, settings: Settings
) -> None:
    post_signed(client, form("hi"))
    retried = form("help")
    first = post_signed(client, retried)
    after_first = stored_session(settings, WHATSAPP_USER)
    second = post_signed(client, retried)
    assert second.status_code == 200
    assert second.text == first.text
    assert stored_session(settings, WHATSAPP_USER) == after_first
    assert turns(settings) == 2


def test_delete_my_data_erases_everything_and_its_retry_is_answered_alike(
    client: TestClient, settings: Settings
) -> None:
    post_signed(client, form("hi"))
    post_signed(client, form("help"))
    deletion = form("delete my data")
    first = post_signed(client, deletion)
    assert messages(first.text) == [EN.gettext(m.DATA_DELETED)]
    assert stored_session(settings, WHATSAPP_USER) is None
    second = post_signed(client, deletion)
    assert second.text == first.text
    assert stored_session(settings, WHATSAPP_USER) is None  # the retry recreated nothing
    # Nothing left under the user's key; the only trace is keyed by the hashed message id.
    key = user_key(WHATSAPP_USER, settings.hash_secret())
    with sqlite3.connect(settings.state_dir / "sessions.db") as db:
        owners = {
            row[0]
            for row in db.execute(
                "SELECT user_key FROM sessions UNION ALL SELECT user_key FROM replies"
            )
        }
        dumped = "\n".join(db.iterdump())
    assert key not in owners
    assert len(owners) == 1
    assert WHATSAPP_USER not in dumped
    assert deletion["MessageSid"] not in dumped
    # A new message starts a new conversation.
    assert EN.gettext(m.GREETING).split("{")[0] in messages(post_signed(client, form("hi")).text)[0]


def test_a_locked_session_answers_busy_and_changes_nothing(
    settings: Settings,
) -> None:
    path = settings.state_dir / "sessions.db"
    app_store = SQLiteSessionStore(path, busy_timeout_seconds=0.2)
    holder = SQLiteSessionStore(path)
    with TestClient(create_app(settings, store=app_store)) as client:
        post_signed(client, form("हिंदी"))  # a Hindi conversation
        before = stored_session(settings, WHATSAPP_USER)
        # Another message of this user holds the lock. The session cannot be read without
        # it, so the apology's language comes from the message's script.
        with holder.open(user_key(WHATSAPP_USER, settings.hash_secret())):
            response = post_signed(client, form("मदद"))
        assert response.status_code == 200
        assert messages(response.text) == [Translator.load("hi").format(m.BUSY_SEND_AGAIN)]
        assert stored_session(settings, WHATSAPP_USER) == before
    app_store.close()
    holder.close()


def test_a_store_failure_is_answered_503_and_logged_once_per_interval(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    (settings.state_dir / "sessions.db").mkdir(parents=True)  # the store cannot open it
    with TestClient(create_app(settings)) as client:
        responses = [post_signed(client, form("ନମସ୍କାର", sid=f"SM{i:032x}")) for i in range(5)]
        alive = client.get("/healthz")
        ready = client.get("/readyz")
    # 503, so that Twilio uses the fallback URL instead of an apology that hides the outage.
    assert [r.status_code for r in responses] == [503] * 5
    for response in responses:
        assert "Traceback" not in response.text
        assert "sqlite" not in response.text.lower()
    tracebacks = [r for r in caplog.records if r.exc_info and "store failed" in r.getMessage()]
    assert len(tracebacks) == 1, "one traceback per failure kind per interval, not per request"
    assert alive.status_code == 200, "liveness does not depend on the store"
    assert ready.status_code == 503


def test_an_engine_failure_is_logged_and_answered_politely(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_: object, **__: object) -> Turn:
        raise RuntimeError("a bug in a step")

    with TestClient(create_app(settings, handler=broken)) as client:
        post_signed(client, form("ନମସ୍କାର"))  # a new user: the engine runs
        response = post_signed(client, form("ନମସ୍କାର"))
    assert response.status_code == 200
    assert messages(response.text) == [Translator.load("or").format(TRY_AGAIN_LATER)]
    assert "a bug in a step" not in response.text
    failures = [r for r in caplog.records if r.exc_info and r.name == "bot.app"]
    assert failures, "the failure must be logged with its traceback"


def test_a_signed_form_without_a_sender_is_a_bad_request(client: TestClient) -> None:
    fields = form("hi")
    del fields["From"]
    assert post_signed(client, fields).status_code == 400


def test_an_oversized_body_is_refused_before_parsing(client: TestClient) -> None:
    response = client.post(
        WEBHOOK, content=b"Body=" + b"x" * 70_000, headers={"X-Twilio-Signature": "x"}
    )
    assert response.status_code == 413


def test_info_logs_hold_no_phone_number_and_no_message_text(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    post_signed(client, form("domestic 250"))
    post_signed(client, form("domestic 250", sender=SMS_USER))
    assert "user " in caplog.text
    for secret in ("9876543210", "9812345678", "domestic 250"):
        assert secret not in caplog.text
