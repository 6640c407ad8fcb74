"""How ``bijuli serve`` listens with several workers (imported only when it does)."""

from __future__ import annotations

import socket

import uvicorn

__all__ = ["TcpConfig"]


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
