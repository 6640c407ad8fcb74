"""Fixtures for the agent console: its store on both backends (a real redis-server)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.console.store import ConsoleStore
from bot.console.store_redis import RedisConsoleStore
from bot.console.store_sqlite import SQLiteConsoleStore
from tests.support.redis_server import running_redis


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private redis-server on a free loopback port."""
    with running_redis(tmp_path_factory.mktemp("console-redis")) as url:
        yield url


@pytest.fixture(params=["sqlite", "redis"])
def console_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ConsoleStore]:
    """The console store on each backend, empty."""
    store: ConsoleStore
    if request.param == "sqlite":
        store = SQLiteConsoleStore(tmp_path / "state" / "sessions.db")
    else:
        url = request.getfixturevalue("redis_url")
        store = RedisConsoleStore(url, key_prefix=f"test-{uuid.uuid4().hex[:8]}:console:")
    try:
        yield store
    finally:
        store.close()
