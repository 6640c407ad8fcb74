"""Helpers for the service tests: Twilio-signed forms, and reading the store from outside."""

from __future__ import annotations

from collections.abc import Mapping

from httpx import Response
from starlette.testclient import TestClient

from bot.config import Settings
from bot.stores import open_store, user_key
from tests.support.twilio_forms import twilio_form, twilio_signature

TOKEN = "test-auth-token-0123456789abcdef"
PUBLIC_URL = "https://bijuli.example.in"
HASH_KEY = "service-tests-hash-key-0123456789"
WEBHOOK = "/webhooks/twilio"
WHATSAPP_USER = "whatsapp:+919876543210"
SMS_USER = "+919812345678"


def form(
    body: str = "hi", *, sender: str = WHATSAPP_USER, sid: str | None = None, **extra: str
) -> dict[str, str]:
    """The fields Twilio posts for one message."""
    return twilio_form(sender, body, sid=sid, **extra)


def signature(
    fields: Mapping[str, str], url: str = PUBLIC_URL + WEBHOOK, token: str = TOKEN
) -> str:
    """X-Twilio-Signature as Twilio computes it."""
    return twilio_signature(token, url, fields)


def post_signed(
    client: TestClient,
    fields: Mapping[str, str],
    *,
    url: str = PUBLIC_URL + WEBHOOK,
    path: str = WEBHOOK,
    token: str = TOKEN,
) -> Response:
    """POST ``fields`` to the webhook with Twilio's signature over ``url``."""
    headers = {"X-Twilio-Signature": signature(fields, url, token)}
    return client.post(path, data=dict(fields), headers=headers)


def stored_session(settings: Settings, sender: str) -> str | None:
    """The session the store holds for ``sender``, read through a store of our own."""
    store = open_store(settings.session_store_url)
    try:
        with store.open(user_key(sender, settings.hash_secret())) as slot:
            return slot.data
    finally:
        store.close()
