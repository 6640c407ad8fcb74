"""Fixtures for the session-store tests: a real redis-server and both backends.

The Redis tests talk to a real ``redis-server`` started here (never a fake): if it is not
installed the fixture fails, so a missing server cannot pass for a green run.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from stores_support import Backend, ManualClock

from bot.stores import RedisSessionStore, SessionStore, SQLiteSessionStore
from tests.support.redis_server import running_redis


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private redis-server on a free loopback port; its URL."""
    with running_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    """A raw client on the test server, for checking keys and TTLs from outside."""
    with redis.Redis.from_url(redis_url, decode_responses=True) as client:
        yield client


@pytest.fixture(params=["sqlite", "redis"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Each backend in turn, on fresh data (its own db file or its own key prefix)."""
    clock = ManualClock()
    factory: Callable[..., SessionStore]
    options: dict[str, Any]
    if request.param == "sqlite":
        path = tmp_path / "state" / "sessions.db"
        url, options = f"sqlite:///{path}", {}

        def factory(**extra: Any) -> SessionStore:
            return SQLiteSessionStore(path, clock=clock, **extra)

    else:
        url = request.getfixturevalue("redis_url")
        prefix = f"test-{uuid.uuid4().hex[:8]}:"
        options = {"key_prefix": prefix}

        def factory(**extra: Any) -> SessionStore:
            return RedisSessionStore(url, key_prefix=prefix, **extra)

    chosen = Backend(str(request.param), factory, clock, url, options)
    try:
        yield chosen
    finally:
        for store in chosen.opened:
            store.close()


@pytest.fixture
def store(backend: Backend) -> SessionStore:
    """A store on each backend with default options."""
    return backend.make()
