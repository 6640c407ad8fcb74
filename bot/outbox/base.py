"""The outbox: replies that go out by a provider's API wait here until they are sent.

A webhook turn commits the session and then puts the turn's replies in the outbox as one
:class:`Envelope` (keyed by channel and inbound message id, so a retried webhook puts nothing
twice); a sender (:mod:`bot.outbox.sender`, run by ``bijuli worker`` or inside ``bijuli serve``)
claims envelopes, hands each message to its channel's :class:`Transport` and marks it sent.

Guarantees, whatever the backend:

* **Nothing lost**: an envelope stays until it is sent or dead-lettered; a sender that dies
  holding a claim loses it when the claim's lease runs out, and another sender takes it.
* **Nothing sent twice** within what the backend can know: each message of an envelope is
  marked sent as soon as its provider accepts it, and each send carries an idempotency key
  (the envelope key and the message's index) for providers that honour one.
* **Per-user order**: a user's envelopes go out in the order they were put, one at a time; a
  retried envelope holds back the later ones of the same user, not anybody else's.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from bot.inbound import Reply

#: Longest a sender holds a claim before another may take the envelope over.
CLAIM_LEASE_SECONDS: Final = 30.0


class OutboxError(Exception):
    """The outbox's backend failed; the message stays where it was."""


@dataclass(frozen=True)
class Envelope:
    """The replies of one turn, for one recipient, through one transport.

    ``key`` is unique per inbound message (``"twilio:SM…"``, ``"meta:wamid…"``); ``user`` the
    hashed user key (order is kept per user); ``transport`` names the :class:`Transport`;
    ``address`` is where the provider delivers (a phone number or WhatsApp id: it is kept only
    until the envelope is sent); ``sender`` the business number it goes from, when the
    provider needs it; ``sent`` how many of ``replies`` went out already.
    """

    key: str
    user: str
    transport: str
    address: str
    replies: tuple[Reply, ...]
    sender: str = ""
    language: str = ""
    sent: int = 0
    attempts: int = 0
    last_error: str = ""

    def to_json(self) -> str:
        """The envelope as JSON text (what the backends store)."""
        data: dict[str, Any] = {
            "key": self.key,
            "user": self.user,
            "transport": self.transport,
            "address": self.address,
            "sender": self.sender,
            "language": self.language,
            "replies": [r.to_dict() for r in self.replies],
            "sent": self.sent,
            "attempts": self.attempts,
            "last_error": self.last_error,
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Envelope:
        """The envelope :meth:`to_json` wrote."""
        data = json.loads(text)
        return cls(
            key=data["key"],
            user=data["user"],
            transport=data["transport"],
            address=data["address"],
            sender=data.get("sender", ""),
            language=data.get("language", ""),
            replies=tuple(Reply.from_dict(r) for r in data["replies"]),
            sent=int(data.get("sent", 0)),
            attempts=int(data.get("attempts", 0)),
            last_error=str(data.get("last_error", "")),
        )


@dataclass(frozen=True)
class Claim:
    """An envelope a sender holds until it reports back (``token`` identifies the claim)."""

    envelope: Envelope
    token: str


@dataclass(frozen=True)
class DeadLetter:
    """An envelope given up on, with the last error (the address is not kept)."""

    key: str
    transport: str
    attempts: int
    last_error: str
    unsent: int


class Outbox(Protocol):
    """A durable queue of envelopes (SQLite on the embedded default, Redis Streams at scale)."""

    def put(self, envelope: Envelope) -> bool:
        """Queue ``envelope`` unless one with its key was ever queued; True if queued."""
        ...

    def claim(self, now: float, lease: float = CLAIM_LEASE_SECONDS) -> Claim | None:
        """The oldest envelope due at ``now`` that is first in its user's line, held for
        ``lease`` seconds; None when nothing is due."""
        ...

    def progress(self, claim: Claim, sent: int) -> None:
        """Record that the first ``sent`` replies of the claimed envelope went out."""
        ...

    def done(self, claim: Claim) -> None:
        """The envelope is sent: remove it (its key stays known, so it is never put again)."""
        ...

    def retry(self, claim: Claim, error: str, at: float) -> None:
        """Send it again at ``at`` (the user's later envelopes wait for it)."""
        ...

    def dead(self, claim: Claim, error: str) -> None:
        """Give up on it: move it to the dead letters with ``error``."""
        ...

    def depth(self) -> int:
        """Envelopes waiting (due or not), for the metrics."""
        ...

    def dead_letters(self, limit: int = 100) -> list[DeadLetter]:
        """The newest dead letters."""
        ...

    def close(self) -> None:
        """Release the backend's connections."""
        ...


@dataclass(frozen=True)
class SendResult:
    """What a provider said to one message: accepted, or why not and whether to retry."""

    ok: bool
    retry: bool = False
    error: str = ""
    provider_id: str = ""
    #: Seconds the provider asked us to wait (Retry-After), if it said.
    retry_after: float | None = None


class Transport(Protocol):
    """One provider's sending API (Twilio Messages, Meta's Graph API, an SMS gateway).

    A transport that holds connections may also have a ``close()`` method (optional, so a
    transport with nothing to release needs none): :meth:`Transports.close` calls it when the
    process stops sending.
    """

    name: str

    def send(self, envelope: Envelope, index: int) -> SendResult:
        """Send reply ``index`` of ``envelope``; never raises for a provider's answer."""
        ...


@dataclass
class Transports:
    """The transports a sender knows, by name."""

    by_name: dict[str, Transport] = field(default_factory=dict)

    def add(self, transport: Transport) -> None:
        """Register ``transport`` under its name."""
        self.by_name[transport.name] = transport

    def close(self) -> None:
        """Release every transport's connections (those with a ``close()``); for when no
        sender uses them any more."""
        for transport in self.by_name.values():
            close: Callable[[], object] | None = getattr(transport, "close", None)
            if close is not None:
                close()
