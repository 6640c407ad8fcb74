"""The sender: takes envelopes from the outbox and hands their messages to the transports.

Retries what a provider refused for the moment (429, 5xx, a timeout, no connection) with
exponential backoff and full jitter, honouring Retry-After; gives up on what it refused for good
(another 4xx) or after :data:`MAX_ATTEMPTS`, leaving a dead letter with the last error. Each
message's progress is recorded as soon as it is accepted, so a sender killed half-way through an
envelope leaves the rest to another sender and never re-sends what went out.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from prometheus_client import Counter, Histogram

from bot import observability
from bot.outbox.base import CLAIM_LEASE_SECONDS, Claim, Outbox, OutboxError, Transports

__all__ = ["MAX_ATTEMPTS", "Backoff", "Sender"]

#: Attempts before an envelope is dead-lettered.
MAX_ATTEMPTS: Final = 8
#: How long an idle sender sleeps before looking again (unless woken: see Sender.wake).
IDLE_SECONDS: Final = 0.05
#: How long an idle thread that is not the one looking waits before looking itself (it is
#: woken sooner by a put in its process or by a thread that found work).
PARKED_SECONDS: Final = 5.0
#: The same for a sender that puts in its own process wake (``bijuli serve``'s): it looks
#: less often, for puts by other workers and for retries falling due.
WOKEN_IDLE_SECONDS: Final = 0.25

_log = logging.getLogger(__name__)

_SENT: Final = Counter(
    "bijuli_outbox_sent",
    "Messages the outbox handed to a provider, by transport and result.",
    ["transport", "result"],
    registry=observability.REGISTRY,
)
_WAIT: Final = Histogram(
    "bijuli_outbox_wait_seconds",
    "From an envelope's claim to its last message accepted.",
    registry=observability.REGISTRY,
)


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter: attempt *n* waits up to ``base × 2ⁿ`` (capped)."""

    base: float = 1.0
    cap: float = 300.0

    def delay(self, attempts: int, rng: random.Random) -> float:
        """Seconds to wait before attempt ``attempts + 1``."""
        return rng.uniform(0.0, min(self.cap, self.base * (2**attempts)))


@dataclass
class Sender:
    """Sends what the outbox holds through the registered transports."""

    outbox: Outbox
    transports: Transports
    clock: Callable[[], float] = time.time
    rng: random.Random = field(default_factory=random.Random)
    backoff: Backoff = field(default_factory=Backoff)
    lease: float = CLAIM_LEASE_SECONDS
    #: Seconds between looks while there is nothing to send.
    idle: float = IDLE_SECONDS
    #: One permit per reason to look now (a put, or a thread that found work and wants a
    #: helper): each wakes one idle thread, not all of them.
    _woken: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(0))
    #: Held by the one idle thread that looks now and then (see :meth:`_idle`).
    _looking: threading.Lock = field(default_factory=threading.Lock)

    def wake(self, threads: int = 1) -> None:
        """Something was just put in the outbox: ``threads`` idle threads look now."""
        self._woken.release(threads)

    def run_once(self) -> bool:
        """Send one envelope if one is due; False when none was."""
        claim = self.outbox.claim(self.clock(), self.lease)
        if claim is None:
            return False
        self._send(claim)
        return True

    def run(self, stop: threading.Event) -> None:
        """Send until ``stop`` is set; an outbox failure is logged and retried after a pause."""
        while not stop.is_set():
            try:
                busy = self.run_once()
            except OutboxError as exc:
                observability.count_store_error(exc)
                _log.warning("outbox: %s; trying again in 1 s", exc)
                stop.wait(1.0)
                continue
            if stop.is_set():
                return
            if busy:
                # There may be more: one more thread looks too (each that finds work does
                # the same), so a backlog draws in threads one by one, and idle ones stay idle.
                self._woken.release()
                continue
            self._idle()

    def _idle(self) -> None:
        """Wait for work. One thread at a time looks every ``idle`` seconds (for puts in other
        processes and retries falling due); the others park until woken by a put in this
        process or by a thread that found work, so that many threads cost no polling."""
        if self._looking.acquire(blocking=False):
            try:
                self._woken.acquire(timeout=self.idle)
            finally:
                self._looking.release()
        else:
            self._woken.acquire(timeout=PARKED_SECONDS)

    def _send(self, claim: Claim) -> None:
        envelope = claim.envelope
        started = self.clock()
        transport = self.transports.by_name.get(envelope.transport)
        if transport is None:
            self.outbox.dead(claim, f"no transport named {envelope.transport!r} is configured")
            _SENT.labels(observability.failure_kind(envelope.transport), "dead").inc()
            return
        for index in range(envelope.sent, len(envelope.replies)):
            result = transport.send(envelope, index)
            if result.ok:
                _SENT.labels(transport.name, "ok").inc()
                self.outbox.progress(claim, index + 1)
                continue
            attempts = envelope.attempts + 1
            if result.retry and attempts < MAX_ATTEMPTS:
                wait = self.backoff.delay(envelope.attempts, self.rng)
                if result.retry_after is not None:
                    wait = max(wait, result.retry_after)
                _SENT.labels(transport.name, "retry").inc()
                _log.info(
                    "outbox: %s refused %s for now (%s); attempt %d in %.1f s",
                    transport.name,
                    envelope.key,
                    result.error,
                    attempts + 1,
                    wait,
                )
                self.outbox.retry(claim, result.error, self.clock() + wait)
            else:
                _SENT.labels(transport.name, "dead").inc()
                _log.warning(
                    "outbox: gave up on %s after %d attempt(s): %s",
                    envelope.key,
                    attempts,
                    result.error,
                )
                self.outbox.dead(claim, result.error)
            return
        self.outbox.done(claim)
        _WAIT.observe(max(self.clock() - started, 0.0))
