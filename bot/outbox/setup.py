"""Which outbox and transports a deployment has, and the sender thread of ``bijuli serve``."""

from __future__ import annotations

import importlib
import logging
import threading
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
    "SenderThread",
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
class SenderThread:
    """A sender running in a daemon thread until :meth:`stop` (``bijuli serve``'s own)."""

    sender: Sender
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        """Start sending in the background."""
        self._thread = threading.Thread(
            target=self.sender.run, args=(self._stop,), name="bijuli-outbox", daemon=True
        )
        self._thread.start()
        _log.info("outbox: sending in-process")

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the message being sent, waiting up to ``timeout`` seconds."""
        self._stop.set()
        self.sender.wake()
        if self._thread is not None:
            self._thread.join(timeout)


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
