"""Which outbox and transports a deployment has, and the sender thread of ``bijuli serve``."""

from __future__ import annotations

import importlib
import logging
import threading
from dataclasses import dataclass, field
from typing import Final

from bot import observability
from bot.config import Settings
from bot.outbox.base import Outbox, Transports
from bot.outbox.sender import Sender

__all__ = ["OUTBOX_DB_FILE", "SenderThread", "configured_transports", "embedded", "open_outbox"]

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
        if self._thread is not None:
            self._thread.join(timeout)


def report_depth(outbox: Outbox | None) -> None:
    """Report ``outbox``'s depth as ``bijuli_outbox_depth`` (None: stop reporting)."""
    observability.set_outbox_depth_source(outbox.depth if outbox is not None else None)
