"""Transports.close: the transports' connections are released when sending stops."""

from __future__ import annotations

from bot.outbox.base import Envelope, SendResult, Transports


class WithoutConnections:
    """A transport with nothing to release: it has no close()."""

    name = "plain"

    def send(self, envelope: Envelope, index: int) -> SendResult:
        return SendResult(ok=True)


class WithConnections(WithoutConnections):
    """A transport holding connections, counting how often it was closed."""

    name = "pooled"

    def __init__(self) -> None:
        self.closed = 0

    def close(self) -> None:
        self.closed += 1


def test_every_transport_with_a_close_is_closed_once_and_the_others_are_left_be() -> None:
    pooled = WithConnections()
    transports = Transports()
    transports.add(WithoutConnections())
    transports.add(pooled)
    transports.close()
    assert pooled.closed == 1
