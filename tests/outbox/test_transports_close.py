"""Transports.close: the transports' connections are released when sending stops."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from bot.app import create_app
from bot.config import Settings
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


def test_the_app_closes_its_transports_when_it_stops(tmp_path: Path) -> None:
    settings = Settings(
        state_dir=tmp_path / "state",
        session_store=f"sqlite:///{tmp_path / 'sessions.db'}",
        hash_key="transports-close-hash-key-0123456789",
        outbox_sender=False,
    )
    app = create_app(settings)
    pooled = WithConnections()
    app.state.transports.add(pooled)
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert pooled.closed == 0
    assert pooled.closed == 1
