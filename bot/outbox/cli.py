"""``bijuli worker``: send what the outbox holds until stopped (SIGTERM or Ctrl-C)."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from typing import Any

from bot.outbox.sender import Sender
from bot.outbox.setup import (
    SenderThreads,
    configured_transports,
    embedded,
    open_outbox,
    report_depth,
)

__all__ = ["register_worker"]

_log = logging.getLogger("bot.outbox")


def _worker(args: argparse.Namespace) -> int:
    from bot.cli import load_settings

    settings = load_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    outbox = open_outbox(settings)
    transports = configured_transports(settings)
    names = ", ".join(sorted(transports.by_name)) or "none configured"
    backend = "SQLite in the state directory" if embedded(settings) else "Redis"
    print(f"bijuli worker: sending the outbox ({backend}); transports: {names}", file=sys.stderr)
    threads = SenderThreads(
        Sender(outbox, transports, lease=settings.outbox_lease_seconds),
        count=settings.outbox_senders,
    )

    def _stop(_signum: int, _frame: Any) -> None:
        threads.stop(timeout=0)  # the main thread's wait() sees them finish their sends

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    report_depth(outbox)
    threads.start()
    try:
        threads.wait()
    finally:
        outbox.close()
        transports.close()  # the providers' HTTP connections
    return 0


def register_worker(subcommands: Any) -> None:
    """``bijuli worker``."""
    parser = subcommands.add_parser(
        "worker", help="send the replies waiting in the outbox (buttons, lists, Meta, SMS)"
    )
    parser.set_defaults(handler=_worker)
