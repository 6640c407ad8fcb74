"""What Twilio posts to the webhook, and its signature, for the service and end-to-end tests."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from twilio.request_validator import RequestValidator

#: Twilio's sandbox sender numbers, as ``To`` on each channel.
WHATSAPP_TO = "whatsapp:+14155238886"
SMS_TO = "+14155238886"


def new_sid() -> str:
    """A fresh Twilio-shaped MessageSid (34 characters: ``SM`` and 32 hex digits)."""
    return "SM" + uuid.uuid4().hex


def twilio_form(sender: str, body: str, *, sid: str | None = None, **extra: str) -> dict[str, str]:
    """The fields Twilio posts for one message from ``sender`` (``whatsapp:+91…`` or ``+91…``)."""
    fields = {
        "MessageSid": sid or new_sid(),
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "To": WHATSAPP_TO if sender.startswith("whatsapp:") else SMS_TO,
        "Body": body,
        "NumMedia": "0",
    }
    fields.update(extra)
    return fields


def twilio_signature(token: str, url: str, fields: Mapping[str, str]) -> str:
    """``X-Twilio-Signature`` as Twilio computes it, with Twilio's own library."""
    return str(RequestValidator(token).compute_signature(url, dict(fields)))
