"""Running a webhook message's turn, and putting its replies in the outbox.

Every channel's webhook does the same once it has a message it trusts:

* :func:`admitted_turn`: the turn runs through the pipeline (store, lock, idempotency,
  engine), within the app's admission limit: at once on the event loop when the store is local
  and the user free, else in a worker thread; a message that cannot start
  in time gets "busy, send it again" in its language, unapplied;
* :class:`OutboxReplies`: the replies are put in the outbox as one envelope, keyed by the
  inbound message, so a provider's redelivery is answered once. A session store or an outbox
  that fails raises :class:`RedeliverError`: nothing was queued, the webhook answers 503 and
  the provider's next delivery of the message answers it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool

from bot import observability
from bot.admission import Admission
from bot.inbound import Inbound, Reply
from bot.outbox.base import Envelope, Outbox, OutboxError
from bot.pipeline import (
    FALLBACK_LANGUAGE,
    Pipeline,
    StoreUnavailableError,
    TurnResult,
    busy_reply,
    is_store_error,
    short_key,
)
from bot.understanding import detect_language

__all__ = ["EnvelopeFor", "OutboxReplies", "RedeliverError", "admitted_turn"]

#: Makes the envelope of a turn's replies from the user's key and the replies.
EnvelopeFor = Callable[[str, list[Reply]], Envelope]


class RedeliverError(Exception):
    """The session store or the outbox failed: the provider must deliver the message again
    (the webhook answers 503)."""


async def admitted_turn(
    pipeline: Pipeline, address: str, inbound: Inbound, admission: Admission | None
) -> TurnResult:
    """The turn of ``inbound`` from ``address``, run once ``admission`` (when given) lets it
    start (on the event loop when :meth:`~bot.pipeline.Pipeline.turn_now` can, else in a worker
    thread); the busy reply, unapplied, when it cannot start in time.

    :class:`~bot.pipeline.StoreUnavailableError` passes through: each webhook answers it its
    own way.
    """
    if admission is not None and not await admission.enter():
        observability.count_busy_reply("admission")
        language = detect_language(inbound.body) or FALLBACK_LANGUAGE
        return TurnResult([busy_reply(language)], "busy")
    started = time.perf_counter()
    try:
        # A local store (SQLite) answers most turns at once, here on the event loop, while
        # the loop keeps up: a turn of about a millisecond costs less than handing it to a
        # worker thread. A user whose other message holds the lock, a deletion, media, or a
        # loop under more load than it carries: the turn runs in a thread.
        if pipeline.runs_at_once and admission is not None and admission.at_once():
            result = pipeline.turn_now(address, inbound)
            if result is not None:
                return result
        return await run_in_threadpool(pipeline.turn, address, inbound)
    finally:
        if admission is not None:
            admission.leave(time.perf_counter() - started)


@dataclass(frozen=True)
class OutboxReplies:
    """One channel's webhook answering through the outbox: turns run through ``pipeline``
    within ``admission``, replies go in ``outbox``.

    ``log`` is the channel's logger; ``reply_noun`` and ``repeat_noun`` name, in its lines, one
    of the channel's replies ("a Meta reply") and a message seen before ("a redelivered Meta
    message").
    """

    pipeline: Pipeline
    outbox: Outbox
    admission: Admission | None
    log: logging.Logger
    reply_noun: str
    repeat_noun: str

    async def answer(self, address: str, inbound: Inbound, envelope_for: EnvelopeFor) -> None:
        """Run the turn of ``inbound`` from ``address`` and queue its replies as the envelope
        ``envelope_for`` makes; :class:`RedeliverError` when the store or the outbox failed."""
        try:
            result = await admitted_turn(self.pipeline, address, inbound, self.admission)
        except StoreUnavailableError:
            raise RedeliverError("the session store is unavailable") from None
        if not result.replies:  # an opted-out user, or nothing to say
            return
        user = self.pipeline.key_of(address)
        try:
            queued = await run_in_threadpool(self.outbox.put, envelope_for(user, result.replies))
        except Exception as exc:
            if not isinstance(exc, OutboxError) and not is_store_error(exc):
                raise
            self.log.error(
                "user %s: could not queue %s (%s)", short_key(user), self.reply_noun, exc
            )
            raise RedeliverError("the outbox is unavailable") from None
        if not queued:
            self.log.info(
                "user %s: %s; its reply was queued before", short_key(user), self.repeat_noun
            )
