"""What Meta's WhatsApp Cloud API posts to the webhook, and its signature, for the tests."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from typing import Any

# The events' business number is the one the Graph stand-in sends from.
from tests.support.graph_api import PHONE_NUMBER_ID as PHONE_NUMBER_ID

#: The business number as shown in the events.
DISPLAY_NUMBER = "15550783881"
APP_SECRET = "meta-app-secret-0123456789abcdef"
VERIFY_TOKEN = "meta-verify-token-e2e"


def new_wamid() -> str:
    """A fresh WhatsApp message id shaped like Meta's."""
    return "wamid.HBgM" + uuid.uuid4().hex.upper()


def text_message(wa_id: str, body: str, *, wamid: str | None = None) -> dict[str, Any]:
    """A text message object of ``value.messages[]``."""
    return {
        "from": wa_id,
        "id": wamid or new_wamid(),
        "timestamp": "1764518400",
        "type": "text",
        "text": {"body": body},
    }


def button_reply(wa_id: str, choice_id: str, title: str = "Yes") -> dict[str, Any]:
    """A pressed reply button."""
    return {
        "from": wa_id,
        "id": new_wamid(),
        "timestamp": "1764518400",
        "type": "interactive",
        "interactive": {"type": "button_reply", "button_reply": {"id": choice_id, "title": title}},
    }


def list_reply(wa_id: str, row_id: str, title: str = "Row") -> dict[str, Any]:
    """A picked list row."""
    picked = {"id": row_id, "title": title, "description": "what it means"}
    return {
        "from": wa_id,
        "id": new_wamid(),
        "timestamp": "1764518400",
        "type": "interactive",
        "interactive": {"type": "list_reply", "list_reply": picked},
    }


def media_message(wa_id: str, kind: str = "image") -> dict[str, Any]:
    """A photo, voice note, location… (no text)."""
    content: dict[str, Any] = {"id": "1234567890", "mime_type": "image/jpeg", "sha256": "abc"}
    if kind == "location":
        content = {"latitude": 20.2961, "longitude": 85.8245, "name": "Bhubaneswar"}
    return {
        "from": wa_id,
        "id": new_wamid(),
        "timestamp": "1764518400",
        "type": kind,
        kind: content,
    }


def status_update(wamid: str, recipient: str, status: str = "delivered") -> dict[str, Any]:
    """A delivery receipt of ``value.statuses[]``."""
    return {"id": wamid, "status": status, "timestamp": "1764518401", "recipient_id": recipient}


def event(
    *messages: dict[str, Any],
    statuses: tuple[dict[str, Any], ...] = (),
    name: str = "Sabitri",
    phone_number_id: str = PHONE_NUMBER_ID,
) -> dict[str, Any]:
    """One webhook event carrying ``messages`` (and ``statuses``) in one change."""
    value: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": DISPLAY_NUMBER, "phone_number_id": phone_number_id},
    }
    if messages:
        senders = sorted({m["from"] for m in messages})
        value["contacts"] = [{"profile": {"name": name}, "wa_id": s} for s in senders]
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = list(statuses)
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}],
    }


def encode(payload: dict[str, Any]) -> bytes:
    """The body as Meta sends it (compact JSON, UTF-8, non-ASCII escaped as Meta does)."""
    return json.dumps(payload, separators=(",", ":")).encode()


def sign(body: bytes, secret: str = APP_SECRET) -> str:
    """``X-Hub-Signature-256`` for ``body``, computed here independently of the bot's code."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
