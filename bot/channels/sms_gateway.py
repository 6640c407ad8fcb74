"""An Indian SMS gateway (Exotel): the forwarded inbound SMS, read and checked.

Indian operators do not carry two-way SMS on Twilio: a consumer writes to the gateway's
virtual number (an ExoPhone), starting with the service's keyword ("BIJULI 250 units"), and
the gateway forwards the message to a URL. Replies go back through the gateway's send API as
instances of DLT-registered templates (:mod:`bot.channels.sms_gateway_transport`).

Exotel forwards the fields its documentation names for an incoming SMS, either as the query
string of a ``GET`` (the passthru applet) or as a form-encoded ``POST`` (its inbound SMS
webhook): ``SmsSid`` (the message's id), ``From`` (the sender, often ``0`` and ten digits),
``To`` (the virtual number), ``Date`` (when it reached Exotel) and ``Body`` (the text).
Unknown fields are ignored.

Exotel does not sign what it forwards, so the forward URL carries a shared secret
(SMS_GATEWAY_INBOUND_TOKEN) as its last path segment, or a proxy may send it in the
:data:`TOKEN_HEADER` header; it is compared in constant time (:func:`token_matches`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from bot.config import Settings
from bot.inbound import Inbound

if TYPE_CHECKING:
    from bot.channels.sms_gateway_transport import SmsGatewayTransport

__all__ = [
    "MAX_TEXT_CHARS",
    "TOKEN_HEADER",
    "ForwardError",
    "SmsForward",
    "indian_number",
    "parse_forward",
    "strip_keyword",
    "token_matches",
    "transport_from_settings",
]

#: The header a proxy in front of the service may carry the inbound token in.
TOKEN_HEADER: Final = "X-Sms-Gateway-Token"
#: Longest inbound text read (a concatenated SMS of ten UCS-2 parts); the rest is dropped.
MAX_TEXT_CHARS: Final = 670
#: Prefix of the message id made up when the gateway sends none (see :func:`parse_forward`).
HASHED_ID_PREFIX: Final = "h-"

_SEPARATORS: Final = re.compile(r"[\s\-()./]")
#: What may follow the keyword before the message itself ("BIJULI: 250", "bijuli, 250").
_KEYWORD_TAIL: Final = " \t\r\n,.:;!-"
_MESSAGE_ID: Final = re.compile(r"[A-Za-z0-9_.:\-]{1,64}")


class ForwardError(ValueError):
    """A forward that cannot be a consumer's SMS (its text never goes into the message)."""


@dataclass(frozen=True)
class SmsForward:
    """One forwarded SMS: who sent it (``+91…``), the words after the keyword, its id."""

    message_id: str
    number: str
    text: str
    received_at: str = ""
    virtual_number: str = ""

    @property
    def inbound(self) -> Inbound:
        """The channel-neutral message for the pipeline (id prefixed: one id space per
        provider in each user's idempotency records)."""
        return Inbound(channel="sms", body=self.text, message_id=f"smsgw:{self.message_id}")


def token_matches(expected: str, given: str | None) -> bool:
    """Whether ``given`` is the configured inbound token, compared in constant time."""
    if not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def indian_number(raw: str) -> str | None:
    """``raw`` as ``+91`` and ten digits, however the gateway wrote it, else None.

    Accepts ``9876543210``, ``09876543210``, ``919876543210``, ``+919876543210`` and
    ``00919876543210``, with spaces, dashes, dots or brackets in between. A mobile number in
    India starts with 6, 7, 8 or 9.
    """
    digits = _SEPARATORS.sub("", raw.strip())
    if digits.startswith("+"):
        digits = digits[1:]
        if not digits.startswith("91"):
            return None
    elif digits.startswith("0091"):
        digits = digits[2:]
    if not (digits.isascii() and digits.isdigit()):
        return None
    if len(digits) == 11 and digits.startswith("0"):
        digits = digits[1:]
    if len(digits) == 12 and digits.startswith("91"):
        digits = digits[2:]
    if len(digits) != 10 or digits[0] not in "6789":
        return None
    return "+91" + digits


def strip_keyword(text: str, keyword: str | None) -> str:
    """``text`` without the virtual number's keyword in front ("BIJULI 250 units" ->
    "250 units"), in any letter case; a text that does not start with it is kept whole."""
    text = text.strip()
    if not keyword:
        return text
    head = text[: len(keyword)]
    rest = text[len(keyword) :]
    if head.casefold() != keyword.casefold():
        return text
    if rest and rest[0] not in _KEYWORD_TAIL and not rest[0].isspace():
        return text  # "BIJULIGHAR" is a word of its own, not the keyword
    return rest.lstrip(_KEYWORD_TAIL).strip()


def parse_forward(fields: Mapping[str, str], keyword: str | None = None) -> SmsForward:
    """The forwarded SMS in ``fields`` (Exotel's ``SmsSid``, ``From``, ``To``, ``Date``,
    ``Body``), with the sender normalised to ``+91…`` and ``keyword`` stripped.

    Without an ``SmsSid`` the id is a hash of the number, the text and the time, so that a
    forward repeated by the gateway is still recognised. Raises :class:`ForwardError` for a
    missing or foreign sender, a malformed id, or a forward without a ``Body`` field.
    """
    sender = fields.get("From", "")
    number = indian_number(sender)
    if number is None:
        raise ForwardError(
            "From is missing or not an Indian mobile number" if sender else "From is missing"
        )
    if "Body" not in fields:
        raise ForwardError("Body is missing")
    text = strip_keyword(fields["Body"][:MAX_TEXT_CHARS], keyword)
    received_at = fields.get("Date", "").strip()
    message_id = fields.get("SmsSid", "").strip()
    if message_id:
        if not _MESSAGE_ID.fullmatch(message_id):
            raise ForwardError("SmsSid is not a message id")
    else:
        digest = hashlib.sha256(
            "\x1f".join((number, fields["Body"], received_at)).encode()
        ).hexdigest()
        message_id = HASHED_ID_PREFIX + digest[:32]
    return SmsForward(
        message_id=message_id,
        number=number,
        text=text,
        received_at=received_at,
        virtual_number=fields.get("To", "").strip(),
    )


def transport_from_settings(settings: Settings) -> SmsGatewayTransport | None:
    """The ``sms_gateway`` transport the settings describe (the outbox's factory); None while
    the gateway is not configured: SMS_GATEWAY_URL, SMS_GATEWAY_AUTH_KEY,
    SMS_GATEWAY_SENDER_ID and SMS_GATEWAY_ENTITY_ID are all needed."""
    from bot.channels.sms_gateway_transport import gateway_transport

    return gateway_transport(settings)
