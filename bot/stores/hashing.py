"""Keyed hashing of user addresses, so stores never hold a phone number.

A phone number has only about 10^10 possible values, so a plain hash would be reversed by
brute force in minutes; an HMAC keyed by a server secret is not. Rotating the secret
orphans every stored session (they then expire on their own), which is also how a leaked
secret is contained.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Final

#: Shortest secret accepted: 128 bits, so the HMAC cannot be brute-forced with the number.
MIN_SECRET_BYTES: Final = 16


def _digest(kind: bytes, value: str, secret: bytes) -> str:
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError(
            f"the hashing secret is {len(secret)} bytes; use at least {MIN_SECRET_BYTES} random "
            "bytes (for example `python -c 'import secrets; print(secrets.token_hex(32))'`)"
        )
    # The kind prefix separates the domains: a message id can never produce a user's key.
    return hmac.new(secret, kind + b"\x00" + value.encode("utf-8"), hashlib.sha256).hexdigest()


def user_key(phone: str, secret: bytes) -> str:
    """Return the store key for a sender address: hex HMAC-SHA256 of the stripped ``From``.

    The channel prefix is kept on purpose: ``whatsapp:+9198…`` and ``+9198…`` (SMS) are
    different conversations with different reply rules, so they are different users.
    """
    address = phone.strip()
    if not address:
        raise ValueError("the sender address is empty; pass Twilio's `From` field")
    return _digest(b"user", address, secret)


def message_key(message_sid: str, secret: bytes) -> str:
    """Return a keyed hash of a message id, for callers that prefer not to store raw SIDs."""
    sid = message_sid.strip()
    if not sid:
        raise ValueError("the message id is empty; pass Twilio's `MessageSid` field")
    return _digest(b"message", sid, secret)
