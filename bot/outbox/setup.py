"""Which outbox and transports a deployment has, and the sender thread of ``bijuli serve``."""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from bot import observability
from bot.config import Settings
from bot.outbox.base import (
    CLAIM_LEASE_SECONDS,
    Claim,
    DeadLetter,
    Envelope,
    Outbox,
    Transports,
)
from bot.outbox.sender import Sender

__all__ = [
    "OUTBOX_DB_FILE",
    "SenderThreads",
    "WakingOutbox",
    "configured_transports",
    "embedded",
    "open_outbox",
]

#: The embedded outbox's file in the state directory (beside the sessions' database).
OUTBOX_DB_FILE: Final = "outbox.sqlite3"

_log = logging.getLogger(__name__)


def embedded(settings: Settings) -> bool:
    """Whether the deployment runs on the embedded default (SQLite in the state directory)."""
    return not settings.session_store_url.startswith(("redis://", "rediss://"))


def open_outbox(settings: Settings) -> Outbox:
    """The outbox on the sessions' backend: Redis Streams beside a Redis store, else a SQLite
    file in the state directory."""
    if not embedded(settings):
        from bot.outbox.redis import RedisOutbox

        return RedisOutbox(settings.session_store_url)
    from bot.outbox.sqlite import SQLiteOutbox

    return SQLiteOutbox(settings.state_dir / OUTBOX_DB_FILE)


def configured_transports(settings: Settings) -> Transports:
    """Every transport whose provider is configured (a provider without credentials has none,
    and an envelope for it is dead-lettered saying so)."""
    transports = Transports()
    for path in TRANSPORT_FACTORIES:
        module_name, _, function = path.partition(":")
        factory = getattr(importlib.import_module(module_name), function)
        transport = factory(settings)
        if transport is not None:
            transports.add(transport)
    return transports


#: Each channel's ``transport_from_settings(settings) -> Transport | None``: adding a channel
#: that sends by API adds its line here.
TRANSPORT_FACTORIES: Final[tuple[str, ...]] = (
    "bot.channels.meta_transport:meta_transport",
    "bot.channels.twilio_rest:transport_from_settings",
    "bot.channels.sms_gateway:transport_from_settings",
)


@dataclass
class SenderThreads:
    """``count`` threads sending with one sender until :meth:`stop` (``bijuli serve``'s own,
    and ``bijuli worker``'s). A provider call takes a network round trip, so one thread would
    send only a few replies a second; claims are exclusive, so threads never send one twice."""

    sender: Sender
    count: int = 1
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> None:
        """Start sending in the background."""
        for number in range(self.count):
            thread = threading.Thread(
                target=self.sender.run,
                args=(self._stop,),
                name=f"bijuli-outbox-{number}",
                daemon=True,
            )
            thread.start()
            self._threads.append(thread)
        _log.info("outbox: sending with %d thread(s)", self.count)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the messages being sent, waiting up to ``timeout`` seconds in all."""
        self._stop.set()
        self.sender.wake(len(self._threads))
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(deadline - time.monotonic(), 0.0))

    def wait(self) -> None:
        """Block until the threads have stopped (``bijuli worker``'s main thread)."""
        while any(thread.is_alive() for thread in self._threads):
            for thread in self._threads:
                thread.join(0.5)


def report_depth(outbox: Outbox | None) -> None:
    """Report ``outbox``'s depth as ``bijuli_outbox_depth`` (None: stop reporting)."""
    observability.set_outbox_depth_source(outbox.depth if outbox is not None else None)


@dataclass
class WakingOutbox:
    """An outbox that wakes this process's sender whenever something is put, so that a reply
    leaves at once instead of at the sender's next look."""

    outbox: Outbox
    wake: Callable[[], None]

    def put(self, envelope: Envelope) -> bool:
        """Put ``envelope`` (see :meth:`Outbox.put`) and wake the sender."""
        queued = self.outbox.put(envelope)
        if queued:
            self.wake()
        return queued

    def claim(self, now: float, lease: float = CLAIM_LEASE_SECONDS) -> Claim | None:
        """See :meth:`Outbox.claim`."""
        return self.outbox.claim(now, lease)

    def progress(self, claim: Claim, sent: int) -> None:
        """See :meth:`Outbox.progress`."""
        self.outbox.progress(claim, sent)

    def done(self, claim: Claim) -> None:
        """See :meth:`Outbox.done`."""
        self.outbox.done(claim)

    def retry(self, claim: Claim, error: str, at: float) -> None:
        """See :meth:`Outbox.retry`."""
        self.outbox.retry(claim, error, at)

    def dead(self, claim: Claim, error: str) -> None:
        """See :meth:`Outbox.dead`."""
        self.outbox.dead(claim, error)

    def depth(self) -> int:
        """See :meth:`Outbox.depth`."""
        return self.outbox.depth()

    def dead_letters(self, limit: int = 100) -> list[DeadLetter]:
        """See :meth:`Outbox.dead_letters`."""
        return self.outbox.dead_letters(limit)

    def close(self) -> None:
        """See :meth:`Outbox.close`."""
        self.outbox.close()
