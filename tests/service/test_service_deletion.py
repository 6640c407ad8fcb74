""" "Delete my data": every channel of the number, after STOP too, and never undone by a replay."""

from __future__ import annotations

import sqlite3
import time

from service_support import form, post_signed, stored_session
from starlette.testclient import TestClient

from bot.app import create_app
from bot.config import Settings
from bot.stores import user_key

NUMBER = "+919876500001"
WHATSAPP = "whatsapp:" + NUMBER
SMS = NUMBER
HOUR = 60 * 60


def _owners(settings: Settings) -> set[str]:
    """Every user key that has a session or a recorded reply in the SQLite file."""
    with sqlite3.connect(settings.state_dir / "sessions.db") as db:
        rows = db.execute("SELECT user_key FROM sessions UNION SELECT user_key FROM replies")
        return {row[0] for row in rows}


def _keys(settings: Settings) -> set[str]:
    secret = settings.hash_secret()
    return {user_key(WHATSAPP, secret), user_key(SMS, secret)}


def test_a_whatsapp_deletion_erases_the_numbers_sms_conversation_too(
    client: TestClient, settings: Settings
) -> None:
    post_signed(client, form("hi", sender=WHATSAPP))
    post_signed(client, form("hi", sender=SMS))
    post_signed(client, form("help", sender=SMS))
    assert stored_session(settings, SMS) is not None
    post_signed(client, form("delete my data", sender=WHATSAPP))
    assert stored_session(settings, WHATSAPP) is None
    assert stored_session(settings, SMS) is None
    assert not _keys(settings) & _owners(settings)


def test_an_sms_deletion_erases_the_numbers_whatsapp_conversation_too(
    client: TestClient, settings: Settings
) -> None:
    post_signed(client, form("hi", sender=WHATSAPP))
    post_signed(client, form("delete my data", sender=SMS))
    assert stored_session(settings, WHATSAPP) is None
    assert not _keys(settings) & _owners(settings)


def test_deletion_after_stop_erases_everything(client: TestClient, settings: Settings) -> None:
    post_signed(client, form("hi", sender=WHATSAPP))
    post_signed(client, form("hi", sender=SMS))
    post_signed(client, form("STOP", sender=WHATSAPP))
    assert stored_session(settings, WHATSAPP) is not None  # the opt-out itself is kept
    answer = post_signed(client, form("delete my data", sender=WHATSAPP))
    assert answer.status_code == 200
    assert "<Message>" in answer.text
    assert stored_session(settings, WHATSAPP) is None
    assert stored_session(settings, SMS) is None
    assert not _keys(settings) & _owners(settings)


def test_a_retried_delete_never_wipes_the_conversation_started_after_it(
    client: TestClient, settings: Settings
) -> None:
    post_signed(client, form("hi", sender=WHATSAPP))
    deletion = form("delete my data", sender=WHATSAPP)
    first = post_signed(client, deletion)
    # The user starts again on both channels, then Twilio retries the deletion (or someone
    # replays the captured, validly signed request).
    post_signed(client, form("hi", sender=WHATSAPP))
    post_signed(client, form("help", sender=WHATSAPP))
    post_signed(client, form("hi", sender=SMS))
    whatsapp_after = stored_session(settings, WHATSAPP)
    sms_after = stored_session(settings, SMS)
    assert whatsapp_after is not None
    assert sms_after is not None
    for _ in range(2):
        replayed = post_signed(client, deletion)
        assert replayed.status_code == 200
        assert replayed.text == first.text  # answered as the first time
    assert stored_session(settings, WHATSAPP) == whatsapp_after
    assert stored_session(settings, SMS) == sms_after


def test_a_new_delete_after_a_new_conversation_still_deletes(
    client: TestClient, settings: Settings
) -> None:
    post_signed(client, form("hi", sender=WHATSAPP))
    post_signed(client, form("delete my data", sender=WHATSAPP))
    post_signed(client, form("hi", sender=WHATSAPP))
    post_signed(client, form("delete my data", sender=WHATSAPP))  # a new message id
    assert stored_session(settings, WHATSAPP) is None


def test_replies_are_kept_as_long_as_the_session_ttl_says(settings: Settings) -> None:
    short = settings.model_copy(update={"session_ttl_hours": 2.0})
    started = time.time()
    with TestClient(create_app(short)) as client:
        post_signed(client, form("hi", sender=WHATSAPP))
        post_signed(client, form("hi", sender=SMS))
        post_signed(client, form("help", sender=WHATSAPP))
    with sqlite3.connect(settings.state_dir / "sessions.db") as db:
        lifetimes = [
            row[0] - started
            for row in db.execute(
                "SELECT expires_at FROM replies UNION ALL SELECT expires_at FROM sessions"
            )
        ]
    assert len(lifetimes) == 5  # two sessions, three replies
    assert all(2 * HOUR - 60 < lifetime <= 2 * HOUR + 60 for lifetime in lifetimes)


def test_a_deletions_tombstone_outlives_any_session_ttl(settings: Settings) -> None:
    # The tombstone is what recognises a replayed delete; it holds nothing of the number,
    # so it is kept far longer than conversations are (a Twilio signature never expires).
    short = settings.model_copy(update={"session_ttl_hours": 1.0})
    started = time.time()
    with TestClient(create_app(short)) as client:
        deletion = form("delete my data", sender=WHATSAPP)
        post_signed(client, deletion)
    with sqlite3.connect(settings.state_dir / "sessions.db") as db:
        kept = [row[0] - started for row in db.execute("SELECT expires_at FROM replies")]
    assert len(kept) == 1  # the tombstone, and nothing of the user
    assert kept[0] > 300 * 24 * HOUR
