"""How ``bijuli serve`` runs its workers: warmed up before they take traffic, and (with several
workers) a listening socket that turns TCP_NODELAY on."""

from __future__ import annotations

import datetime as dt
import socket
from typing import Final

import uvicorn

__all__ = ["WARM_UP_MESSAGES", "TcpConfig", "warm_up"]

#: What :func:`warm_up` sends, on each channel: a greeting and a one-message estimate in each
#: language, so every language's catalog, number formats and the tariff data are loaded.
WARM_UP_MESSAGES: Final = ("hi", "domestic 250", "ଘରୋଇ ୨୫୦ ୟୁନିଟ", "घरेलू 300 यूनिट")


def warm_up() -> None:
    """Answer a few throwaway messages with the conversation engine, storing nothing.

    What the engine loads on first use (the tariff files, each language's catalog and number
    formats, the understanding tables) is then loaded once, at start-up, in this worker. Left
    to the first messages, it was parsed while they waited, by every thread that got one of
    them, holding the interpreter lock from every other turn of the worker for up to a second.
    """
    from bot.conversation.engine import handle
    from bot.inbound import Inbound

    now = dt.datetime.now(dt.UTC)
    for channel in ("whatsapp", "sms"):
        for number, body in enumerate(WARM_UP_MESSAGES):
            inbound = Inbound(channel=channel, body=body, message_id=f"warm-up-{number}")
            handle(None, inbound, now=now)


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
