"""The session-store interface shared by every backend, and its named defaults.

A store keeps, per user, one opaque session (a JSON text) and the replies already sent for
recent message ids. All access goes through :meth:`SessionStore.open`, which holds that
user's lock for the whole ``with`` block, so one conversation handles one message at a time,
across threads and processes::

    with store.open(user_key(form["From"], secret)) as slot:
        if (reply := slot.reply_for(form["MessageSid"])) is not None:
            return reply                      # a Twilio retry: answer the same, change nothing
        session, reply = engine.step(slot.data, form["Body"])
        slot.save(session, message_id=form["MessageSid"], reply=reply)
    return reply

Writes made through the slot take effect only when the block exits normally; if it raises,
nothing is saved.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from typing import Final, Protocol, runtime_checkable

#: How long a session lives after its last save: one day, like WhatsApp's reply window.
DEFAULT_SESSION_TTL_SECONDS: Final[float] = 24 * 60 * 60
#: How long a sent reply is kept for replay. Twilio retries within seconds; two days also
#: covers a retry that arrives after the session itself has expired.
DEFAULT_REPLY_TTL_SECONDS: Final[float] = 48 * 60 * 60
#: How long ``open`` waits for another message of the same user before giving up. Below
#: Twilio's 15 s webhook deadline, so a stuck lock ends in a retry rather than a timeout.
DEFAULT_LOCK_WAIT_SECONDS: Final[float] = 10.0

# What hashing.user_key produces. Checking it stops a raw phone number reaching a store.
_USER_KEY = re.compile(r"[0-9a-f]{64}")


@runtime_checkable
class SessionSlot(Protocol):
    """One user's session, opened under that user's lock."""

    #: The session JSON loaded under the lock (None if absent or expired).
    data: str | None

    def reply_for(self, message_id: str) -> str | None:
        """Return the reply recorded for ``message_id``, or None if it was never answered."""
        ...

    def save(self, data: str, *, message_id: str | None = None, reply: str | None = None) -> None:
        """Replace the session; with ``message_id`` and ``reply``, also record the reply.

        Both are committed together when the ``with`` block exits. ``message_id`` and
        ``reply`` go together: record an empty reply for a message that got no answer.
        """
        ...

    def delete(self) -> None:
        """Delete my data: this user's session and every reply recorded for them."""
        ...


@runtime_checkable
class SessionStore(Protocol):
    """Where sessions live; see the module docstring for the calling pattern."""

    def open(self, user_key: str) -> AbstractContextManager[SessionSlot]:
        """Lock ``user_key`` (a :func:`~bot.stores.hashing.user_key`) and load its session.

        Waits while another message of the same user is being handled; raises
        :class:`~bot.stores.errors.StoreBusyError` if that takes longer than the store's
        configured wait, and ValueError if ``user_key`` is not a hashed key.
        """
        ...

    def close(self) -> None:
        """Release the store's connections; the store cannot be used afterwards."""
        ...

    def ping(self) -> bool:
        """Return True if the backend answers (for ``/healthz``); never raises."""
        ...


def check_user_key(user_key: str) -> None:
    """Raise ValueError unless ``user_key`` looks like the output of ``hashing.user_key``."""
    if not isinstance(user_key, str) or not _USER_KEY.fullmatch(user_key):
        # Deliberately not echoing the value: it may be the phone number we refuse to store.
        raise ValueError(
            "a session store takes a user key from bot.stores.hashing.user_key "
            "(64 lowercase hex characters), never a raw address"
        )


def check_reply(message_id: str | None, reply: str | None) -> None:
    """Raise ValueError unless ``message_id`` and ``reply`` are given together (or neither)."""
    if (message_id is None) != (reply is None):
        raise ValueError(
            "pass message_id and reply together: a reply is recorded for a message id "
            "(use an empty reply for a message that gets no answer)"
        )
    if message_id is not None and not message_id:
        raise ValueError("message_id is empty; pass the channel's message id (MessageSid)")


def check_ttl(name: str, seconds: float) -> float:
    """Return ``seconds`` as a float, or raise ValueError if it is not positive."""
    if not seconds > 0:
        raise ValueError(f"{name} must be a positive number of seconds, not {seconds!r}")
    return float(seconds)


@runtime_checkable
class LocalSessionStore(SessionStore, Protocol):
    """A store whose every step is local and short (a file on this host, no network round
    trip), so a turn may run on the event loop itself when the user is free: handing a turn of
    about a millisecond to a worker thread costs more than the turn (the thread hop, and
    threads taking turns at the GIL)."""

    #: True: every step is local and short (see the class docstring).
    local: bool

    def open(self, user_key: str, *, wait: bool = True) -> AbstractContextManager[SessionSlot]:
        """As :meth:`SessionStore.open`; with ``wait=False`` it never waits for another
        message of the user: it raises :class:`~bot.stores.errors.LockHeldError` at once,
        having read nothing, when that message holds the user's lock."""
        ...
