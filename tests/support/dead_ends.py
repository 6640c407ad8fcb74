"""Providers that cannot be reached, or never answer: for the transports' retry tests.

Both are context managers yielding a loopback port, so a test can take either;
:data:`DEAD_ENDS` parametrizes a test over the two, with what the transport's error says.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Final

import pytest

#: A way of not answering: a context manager yielding the loopback port it holds.
DeadEnd = Callable[[], AbstractContextManager[int]]


def unused_port() -> int:
    """A loopback port that nothing listens on (bound once to find it, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@contextmanager
def unreachable_server() -> Iterator[int]:
    """A loopback port that refuses connections (:func:`unused_port`)."""
    yield unused_port()


@contextmanager
def silent_server() -> Iterator[int]:
    """A loopback port that accepts connections and never answers, until the block ends."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def hold() -> None:  # accept and never answer
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=hold, name="silent-server", daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()


#: ``pytest.mark.parametrize(("dead_end", "error"), DEAD_ENDS)``: each way of not answering,
#: with what the transport's error then says.
DEAD_ENDS: Final = (
    pytest.param(unreachable_server, "could not reach", id="unreachable"),
    pytest.param(silent_server, "in time", id="silent"),
)
