"""How ``bijuli serve`` runs its workers: warmed up before they take traffic, and (with several
workers) a listening socket that turns TCP_NODELAY on."""

from __future__ import annotations

import datetime as dt
import gc
import os
import socket
from pathlib import Path
from typing import Final

import uvicorn

__all__ = ["WARM_UP_MESSAGES", "TcpConfig", "warm_up"]

#: What :func:`warm_up` sends, on each channel: a greeting and a one-message estimate in each
#: language, so every language's catalog, number formats and the tariff data are loaded.
WARM_UP_MESSAGES: Final = ("hi", "domestic 250", "ଘରୋଇ ୨୫୦ ୟୁନିଟ", "घरेलू 300 यूनिट")


#: Allocations (net of frees) between two collections of the youngest generation in a worker.
YOUNG_GENERATION_THRESHOLD: Final = 10_000


def warm_up() -> None:
    """Answer a few throwaway messages with the conversation engine, storing nothing.

    What the engine loads on first use (the tariff files, each language's catalog and number
    formats, the understanding tables) is then loaded once, at start-up, in this worker. Left
    to the first messages, it was parsed while they waited, by every thread that got one of
    them, holding the interpreter lock from every other turn of the worker for up to a second.

    Then everything alive is moved out of the garbage collector's sight (``gc.freeze``): the
    modules, the tariff and the tables live as long as the worker, and a full collection that
    walked them (about 100,000 objects) stopped every thread of the worker for tens of
    milliseconds each time it ran. And the youngest generation is collected after
    :data:`YOUNG_GENERATION_THRESHOLD` allocations rather than Python's 700: a turn allocates
    thousands of short-lived objects, most freed by their reference counts, and at 700 the
    collector ran many times a turn, a tenth to a quarter of a worker's time once the estimates
    and readings kept across turns had filled (`bench/webhook_load.py --bodies varied`).
    """
    from bot.conversation.engine import handle
    from bot.inbound import Inbound

    now = dt.datetime.now(dt.UTC)
    for channel in ("whatsapp", "sms"):
        for number, body in enumerate(WARM_UP_MESSAGES):
            inbound = Inbound(channel=channel, body=body, message_id=f"warm-up-{number}")
            handle(None, inbound, now=now)
    gc.collect()  # what start-up left as garbage goes now, not into the frozen generation
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, older, oldest)


class TcpConfig(uvicorn.Config):
    """uvicorn's configuration whose shared listening socket names its protocol.

    With several workers uvicorn binds one socket with protocol 0, and asyncio turns TCP_NODELAY
    on only for sockets that say IPPROTO_TCP: every reply then waited about 40 ms for a delayed
    ACK. (One worker binds through asyncio, which sets it itself.) A module-level class, so the
    workers, started by spawning, can unpickle it.
    """

    def bind_socket(self) -> socket.socket:
        sock: socket.socket = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto == 0:
            return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, sock.detach())
        return sock


#: The environment variable prometheus-client reads for its multi-process mode.
METRICS_DIR_VARIABLE: Final = "PROMETHEUS_MULTIPROC_DIR"


def shared_metrics_dir(state_dir: Path) -> Path:
    """Point every worker's metrics at one emptied directory under ``state_dir`` (unless the
    operator chose one with PROMETHEUS_MULTIPROC_DIR); returns it.

    Must run before the workers start: prometheus-client reads the variable when a worker
    imports it. Files left by an earlier run would be counted again, so the directory starts
    empty.
    """
    chosen = os.environ.get(METRICS_DIR_VARIABLE)
    directory = Path(chosen) if chosen else state_dir / "metrics"
    directory.mkdir(parents=True, exist_ok=True)
    for leftover in directory.glob("*.db"):
        leftover.unlink()
    os.environ[METRICS_DIR_VARIABLE] = str(directory)
    return directory
