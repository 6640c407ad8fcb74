"""One verified message through store, lock, idempotency and engine, channel-neutral.

Every channel runs the same steps: its adapter verifies and parses the provider's request into
an :class:`~bot.inbound.Inbound` and the sender's address; :meth:`Pipeline.turn` opens the
user's session under the user's lock, answers a repeated message id with the replies recorded
for it, or runs the engine and saves the new session together with its replies; the channel's
renderer then turns the neutral :class:`~bot.inbound.Reply` items into what its provider takes,
inline in the HTTP response or through the outbox.

:meth:`Pipeline.turn` runs in a worker thread (the stores block, and it waits for a user's
other message). On a local store (SQLite) :meth:`Pipeline.turn_now` first tries the turn at once
on the event loop, where a turn of about a millisecond costs less than the hop to a thread; it
hands the turn back, having applied nothing, whenever that would mean waiting or more than the
session's own reads and writes. Addresses are hashed into user keys with the service's secret
before anything is stored or logged.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html import unescape
from typing import Final, Literal, Protocol, cast

import redis

from bot import observability
from bot.i18n import Translator
from bot.i18n.catalogs import Language
from bot.i18n.messages import TRY_AGAIN_LATER
from bot.inbound import Inbound, Media, Reply, Turn, replies_from_json, replies_to_json
from bot.messages import BUSY_SEND_AGAIN
from bot.stores import (
    LocalSessionStore,
    LockHeldError,
    LockLostError,
    SessionSlot,
    SessionStore,
    StoreBusyError,
    message_key,
    user_key,
)
from bot.stores.errors import StoreError
from bot.understanding import detect_language

__all__ = [
    "FALLBACK_LANGUAGE",
    "Handler",
    "Pipeline",
    "StoreUnavailableError",
    "TurnResult",
    "busy_reply",
    "is_store_error",
    "language_of",
    "recorded_replies",
]

#: The language of a reply when neither a session nor the message's script says one.
FALLBACK_LANGUAGE: Final[Language] = "or"
#: Characters of a user key shown in logs: enough to follow one user, too few to reverse.
LOGGED_KEY_CHARS: Final = 10
#: A deletion is remembered (by its message id only) this long, so that a retried or replayed
#: "delete my data" is answered again without touching a conversation begun after it.
TOMBSTONE_TTL_SECONDS: Final = 366 * 24 * 60 * 60
_TOMBSTONE_SESSION: Final = '{"deleted": true}'
_TOMBSTONE_ID: Final = "deleted"
_WHATSAPP_PREFIX: Final = "whatsapp:"
#: A reply recorded before replies were kept channel-neutral: TwiML text.
_LEGACY_MESSAGE: Final = re.compile(r"<Message>(.*?)</Message>", re.DOTALL)

Outcome = Literal["answered", "repeated", "deleted", "busy", "failed"]

_log = logging.getLogger("bot.app")


class Handler(Protocol):
    """The conversation engine's entry point (:func:`bot.conversation.engine.handle`)."""

    def __call__(
        self,
        session: str | None,
        inbound: Inbound,
        *,
        now: dt.datetime,
        month: dt.date | None = None,
    ) -> Turn:
        """Turn the saved session and one message into the new session and the replies."""
        ...


class MediaMaker(Protocol):
    """Turns a pending media item into a link (see ``bot.media.conversation``)."""

    def __call__(self, pending: Media, session: str | None, user_key: str) -> Media | None:
        """The link for ``pending``, or None when it cannot be made."""
        ...


class StoreUnavailableError(Exception):
    """A turn failed because the session store did: the channel answers 503 (Twilio then uses
    its fallback URL; Meta retries) rather than an apology that would hide an outage."""


class _InWorkerThreadError(Exception):
    """Raised inside a turn tried at once that needs more than the session's own reads and
    writes: nothing is saved, and the turn runs again in a worker thread."""


@dataclass(frozen=True)
class TurnResult:
    """What one message got: the replies to send and how the turn ended."""

    replies: list[Reply]
    outcome: Outcome


def recorded_replies(text: str) -> list[Reply]:
    """The replies an idempotency record holds (TwiML from before replies were neutral is read
    as its messages' texts)."""
    if text.lstrip().startswith("<"):
        return [Reply(unescape(body)) for body in _LEGACY_MESSAGE.findall(text)]
    return replies_from_json(text)


def is_store_error(error: BaseException) -> bool:
    """Whether ``error`` came from the session store (counted in ``bijuli_store_errors``)."""
    return isinstance(error, StoreError | sqlite3.Error | redis.RedisError | OSError)


def language_of(session: str | None, body: str) -> Language:
    """The user's language for an error reply: the session's, else the message's script."""
    if session:
        try:
            from bot.conversation.session import Session

            saved = Session.from_json(session)
        except Exception:  # an error reply must never fail in turn
            saved = None
        if saved is not None:
            return saved.language
    return detect_language(body) or FALLBACK_LANGUAGE


def busy_reply(language: Language) -> Reply:
    """ "Busy, send it again in a minute", unapplied."""
    return Reply(Translator.load(language).format(BUSY_SEND_AGAIN))


def _try_again_later(language: Language) -> Reply:
    return Reply(Translator.load(language).format(TRY_AGAIN_LATER))


def short_key(key: str) -> str:
    """The logged prefix of a user key."""
    return key[:LOGGED_KEY_CHARS]


def state_and_language(session: str | None) -> tuple[str | None, str | None]:
    """The conversation's state and language from a saved session's JSON, for logs and
    metrics (None when there is no session or it cannot be read).

    Read with a pattern, not a JSON parse, on every turn: both are top-level keys of the
    session, and no other key of it bears either name (a quote inside a value is escaped).
    """
    if not session:
        return None, None
    state = _SESSION_STATE.search(session)
    language = _SESSION_LANGUAGE.search(session)
    return (state.group(1) if state else None, language.group(1) if language else None)


_SESSION_STATE: Final = re.compile(r'"state"\s*:\s*"(\w+)"')
_SESSION_LANGUAGE: Final = re.compile(r'"language"\s*:\s*"(\w+)"')


def same_number_elsewhere(address: str) -> list[str]:
    """The number's addresses on the other channel: ``+91…`` (SMS) for ``whatsapp:+91…`` and
    the other way round."""
    address = address.strip()
    number = address.removeprefix(_WHATSAPP_PREFIX)
    if not number:
        return []
    return [other for other in (number, _WHATSAPP_PREFIX + number) if other != address]


@dataclass
class Pipeline:
    """Every channel's turn through store and engine: in a worker thread (:meth:`turn`), or at
    once on the event loop when the store is local and the user free (:meth:`turn_now`)."""

    store: SessionStore
    secret: bytes
    handle: Handler
    month: dt.date | None
    clock: Callable[[], dt.datetime]
    #: One traceback per failure kind per minute: an outage must not flood the log.
    failures: observability.FailureLog = field(default_factory=observability.FailureLog)
    #: Where deletions' tombstones live (the same backend, kept TOMBSTONE_TTL_SECONDS);
    #: None: in ``store``, with its TTLs.
    tombstones: SessionStore | None = None
    #: Makes the link of a reply's pending media (a spoken estimate, a card) from the new
    #: session and the user key; None: pending media are dropped and the text goes alone.
    media: MediaMaker | None = None
    #: Told each user key whose data was deleted (media links are cut with the sessions).
    on_delete: Callable[[str], object] | None = None

    def key_of(self, address: str) -> str:
        """The user key of a sender's address (what is stored and logged instead)."""
        return user_key(address, self.secret)

    @functools.cached_property
    def runs_at_once(self) -> bool:
        """Whether :meth:`turn_now` may be tried first: the store is local (a file on this
        host, every step short), so a turn need not be handed to a worker thread."""
        return isinstance(self.store, LocalSessionStore) and self.store.local is True

    def turn(self, address: str, inbound: Inbound) -> TurnResult:
        """Answer one verified message from ``address`` (``whatsapp:+91…`` or ``+91…``),
        waiting for the user's other message if one is being answered (so from a worker
        thread).

        Raises :class:`StoreUnavailableError` when the store fails; any other failure is
        answered "try again later" (logged once per kind per interval).
        """
        result = self._turn(address, inbound, at_once=False)
        assert result is not None  # only a turn at once hands over
        return result

    def turn_now(self, address: str, inbound: Inbound) -> TurnResult | None:
        """Answer the message at once on the calling thread (the event loop), or return None,
        having applied nothing, when that would mean waiting or more than the session's own
        reads and writes: the user's lock is held by another message, the store is not local,
        or the turn deletes data or makes media. :meth:`turn` in a worker thread then."""
        if not self.runs_at_once:
            return None
        return self._turn(address, inbound, at_once=True)

    def _turn(self, address: str, inbound: Inbound, *, at_once: bool) -> TurnResult | None:
        key = self.key_of(address)
        started = time.perf_counter()
        seen: list[str | None] = [None]  # the session read, for the error reply's language
        try:
            if at_once:  # runs_at_once said the store is a LocalSessionStore
                local = cast(LocalSessionStore, self.store)
                with local.open(key, wait=False) as slot:
                    outcome = self._answer(slot, inbound, seen, key, first_look=True, at_once=True)
            else:
                with self.store.open(key) as slot:
                    outcome = self._answer(slot, inbound, seen, key, first_look=True)
            if outcome is None and at_once:
                return None  # a deletion touches tombstones and other keys: in a thread
            if outcome is None:  # a deletion: a retry of a "delete my data" answered before?
                tombstone = self._tombstone_reply(inbound.message_id)
                if tombstone is not None:
                    self._observe(key, inbound, "repeated", started, None)
                    return TurnResult(tombstone, "repeated")
                with self.store.open(key) as slot:
                    outcome = self._answer(slot, inbound, seen, key, first_look=False)
            assert outcome is not None
            replies, turn = outcome
            if turn is None:
                self._observe(key, inbound, "repeated", started, seen[0])
                return TurnResult(replies, "repeated")
            if turn.delete:
                self._keep_tombstone(key, inbound.message_id, replies)
                self._delete_other_channels(address)
                self._forget(key, address)
                self._observe(key, inbound, "deleted", started, None)
                return TurnResult(replies, "deleted")
        except (LockHeldError, _InWorkerThreadError):
            return None  # nothing applied: the turn runs again in a worker thread
        except (StoreBusyError, LockLostError) as exc:
            # Nothing was applied (no lock in time, or the lease lapsed before the commit):
            # the user sends it again, as after admission control's busy reply.
            observability.count_busy_reply("lock")
            observability.count_store_error(exc)
            self._observe(key, inbound, "busy", started, seen[0])
            return TurnResult([busy_reply(language_of(seen[0], inbound.body))], "busy")
        except Exception as exc:
            if is_store_error(exc):
                observability.count_store_error(exc)
                self.failures.report(_log, f"user {short_key(key)}: session store failed", exc)
                self._observe(key, inbound, "failed", started, seen[0])
                raise StoreUnavailableError from exc
            self.failures.report(
                _log, f"user {short_key(key)}: turn failed; answered try-again-later", exc
            )
            self._observe(key, inbound, "failed", started, seen[0])
            return TurnResult([_try_again_later(language_of(seen[0], inbound.body))], "failed")
        self._observe(key, inbound, "answered", started, turn.session)
        return TurnResult(replies, "answered")

    def _observe(
        self,
        key: str,
        inbound: Inbound,
        outcome: Outcome,
        started: float,
        session: str | None,
    ) -> None:
        """Count the turn in the metrics and log it as one structured line: the user-key
        prefix, the conversation's state and language after the turn, the outcome, the ms."""
        seconds = time.perf_counter() - started
        state, language = state_and_language(session)
        observability.record_turn(inbound.channel, language, outcome, seconds)
        level = logging.WARNING if outcome in ("busy", "failed") else logging.INFO
        if not _log.isEnabledFor(level):
            return
        _log.log(
            level,
            "user %s: %s %s turn, %.1f ms",
            short_key(key),
            outcome,
            inbound.channel,
            seconds * 1000,
            extra={
                "user": short_key(key),
                "channel": inbound.channel,
                "language": language,
                "state": state,
                "outcome": outcome,
                "ms": round(seconds * 1000, 1),
            },
        )

    def _answer(
        self,
        slot: SessionSlot,
        inbound: Inbound,
        seen: list[str | None],
        key: str,
        *,
        first_look: bool,
        at_once: bool = False,
    ) -> tuple[list[Reply], Turn | None] | None:
        """Inside the user's lock: the recorded replies, or run the engine and stage the save.

        Returns ``(replies, None)`` for a repeated message, ``(replies, turn)`` for a new
        turn, and None (changing nothing) when the first look finds a deletion: only a
        deletion leaves a tombstone, so only then must the message first be checked against
        them, so that a retried or replayed "delete my data" never wipes the conversation
        begun after it. Any other message is answered in one look, a new user's too.

        ``at_once`` (on the event loop): a turn that deletes or makes media raises
        :class:`_InWorkerThreadError` before anything is staged, so the slot saves nothing.
        """
        sid = inbound.message_id
        recorded = slot.reply_for(sid)
        if recorded is not None:
            return recorded_replies(recorded), None
        seen[0] = slot.data
        turn = self.handle(slot.data, inbound, now=self.clock(), month=self.month)
        if turn.delete and first_look:
            return None
        if at_once and any(r.media is not None and r.media.pending for r in turn.messages):
            raise _InWorkerThreadError  # making a link writes the media index: not on the loop
        messages = self._with_media(turn, key)
        record = replies_to_json(messages)
        if turn.delete:
            slot.delete()
        elif turn.session is not None:
            slot.save(turn.session, message_id=sid, reply=record)
        elif slot.data is not None:  # the engine changed nothing; still answer a retry alike
            slot.save(slot.data, message_id=sid, reply=record)
        return messages, turn

    def _with_media(self, turn: Turn, key: str) -> list[Reply]:
        """The turn's replies with each pending media item made into a link (or dropped)."""
        messages = list(turn.messages)
        for index, reply in enumerate(messages):
            if reply.media is None or not reply.media.pending:
                continue
            made = self.media(reply.media, turn.session, key) if self.media else None
            messages[index] = replace(reply, media=made)
        return messages

    def _forget(self, key: str, address: str) -> None:
        """Tell ``on_delete`` every user key of the number whose data was just deleted."""
        if self.on_delete is None:
            return
        for address_key in (key, *(self.key_of(o) for o in same_number_elsewhere(address))):
            try:
                self.on_delete(address_key)
            except Exception as exc:  # the deletion stands; the media links expire anyway
                self.failures.report(_log, f"user {short_key(key)}: media links not cut", exc)

    def _keep_tombstone(self, key: str, sid: str, replies: list[Reply]) -> None:
        """Record the deletion's reply for a retry of its message. The deletion is already
        committed, so a store failure here is logged and the user still gets the answer."""
        try:
            with self._tombstone_store().open(message_key(sid, self.secret)) as tomb:
                tomb.save(
                    _TOMBSTONE_SESSION, message_id=_TOMBSTONE_ID, reply=replies_to_json(replies)
                )
        except Exception as exc:
            if not is_store_error(exc):
                raise
            observability.count_store_error(exc)
            self.failures.report(
                _log, f"user {short_key(key)}: deleted, but the retry record was not kept", exc
            )

    def _delete_other_channels(self, address: str) -> None:
        """Delete what is kept for the sender's number on the other channels: "delete my
        data" means every conversation of the number, WhatsApp and SMS alike."""
        for other in same_number_elsewhere(address):
            with self.store.open(user_key(other, self.secret)) as slot:
                slot.delete()

    def _tombstone_reply(self, sid: str) -> list[Reply] | None:
        with self._tombstone_store().open(message_key(sid, self.secret)) as tomb:
            recorded = tomb.reply_for(_TOMBSTONE_ID)
        return None if recorded is None else recorded_replies(recorded)

    def _tombstone_store(self) -> SessionStore:
        return self.tombstones if self.tombstones is not None else self.store
