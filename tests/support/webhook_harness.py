"""A channel's webhook routes on an app of their own, for the routes' in-process tests.

Turns go through the real pipeline and engine on a SQLite store; replies are put in the real
SQLite outbox (no sender runs, so the test takes them out with :meth:`WebhookHarness.drain`),
whose ``put`` a test can make fail (:class:`FlakyOutbox`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.conversation import handle
from bot.outbox.base import Envelope, Outbox, OutboxError
from bot.outbox.sqlite import SQLiteOutbox
from bot.pipeline import Pipeline
from bot.stores import SessionStore, open_store, user_key

#: Adds a channel's routes: ``add_meta_routes``, ``add_sms_gateway_routes``.
AddRoutes = Callable[[FastAPI, Pipeline, Outbox, Settings], None]

#: The month every conversation of the harness is billed for.
MONTH = dt.date(2026, 5, 1)


class FlakyOutbox(SQLiteOutbox):
    """The real SQLite outbox, whose ``put`` can be made to fail."""

    failing = False

    def put(self, envelope: Envelope) -> bool:
        """Put ``envelope`` unless :attr:`failing` (then the outbox's own error is raised)."""
        if self.failing:
            raise OutboxError("disk full")
        return super().put(envelope)


class WebhookHarness:
    """The routes ``add_routes`` adds, on an app of their own, with the pipeline's store and
    the outbox at hand (``hash_key`` hashes the users' numbers; every turn happens at
    ``now``)."""

    def __init__(
        self,
        tmp_path: Path,
        settings: Settings,
        add_routes: AddRoutes,
        *,
        hash_key: str,
        now: dt.datetime,
    ) -> None:
        self.settings = settings
        self.hash_key = hash_key
        self.store: SessionStore = open_store(f"sqlite:///{tmp_path / 'sessions.db'}")
        self.pipeline = Pipeline(
            store=self.store,
            secret=hash_key.encode(),
            handle=handle,
            month=MONTH,
            clock=lambda: now,
        )
        self.outbox = FlakyOutbox(tmp_path / "outbox.sqlite3")
        app = FastAPI()
        add_routes(app, self.pipeline, self.outbox, settings)
        self.client = TestClient(app)

    def drain(self) -> list[Envelope]:
        """Every queued envelope, oldest first (taken out of the outbox)."""
        envelopes = []
        while (claim := self.outbox.claim(now=4e9)) is not None:
            envelopes.append(claim.envelope)
            self.outbox.done(claim)
        return envelopes

    def session_of(self, address: str) -> str | None:
        """The stored session of the user writing from ``address`` (None: there is none)."""
        with self.store.open(user_key(address, self.hash_key.encode())) as slot:
            return slot.data

    def close(self) -> None:
        """Close the client, the outbox and the store."""
        self.client.close()
        self.outbox.close()
        self.store.close()
