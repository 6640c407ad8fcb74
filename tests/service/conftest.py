"""Fixtures for the in-process service tests: settings in a temp dir and a TestClient."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from service_support import HASH_KEY, PUBLIC_URL, TOKEN  # noqa: E402

from bot.app import create_app  # noqa: E402
from bot.config import Settings  # noqa: E402

_OUR_VARIABLES = ("TWILIO_AUTH_TOKEN",)


@pytest.fixture(autouse=True)
def _no_service_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's own BIJULI_* / TWILIO_* variables out of these tests."""
    for name in list(os.environ):
        if name.startswith("BIJULI_") or name in _OUR_VARIABLES:
            monkeypatch.delenv(name)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Signed webhooks on, SQLite in a temp state dir, a fixed month."""
    return Settings(
        twilio_auth_token=TOKEN,
        public_url=PUBLIC_URL,
        state_dir=tmp_path / "state",
        hash_key=HASH_KEY,
        month="2026-05",
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """The app on ``settings``, with its lifespan (the store is closed at the end)."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client
