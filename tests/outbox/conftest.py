"""Fixtures for the outbox tests: each backend on fresh data (Redis: a private real server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from bot.outbox.base import Outbox
from bot.outbox.redis import RedisOutbox
from bot.outbox.sqlite import SQLiteOutbox
from tests.support.redis_server import running_redis


@pytest.fixture(scope="session")
def outbox_redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private redis-server on a free loopback port; its URL."""
    with running_redis(tmp_path_factory.mktemp("outbox-redis")) as url:
        yield url


@pytest.fixture(params=["sqlite", "redis"])
def outbox(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Outbox]:
    """Each outbox backend in turn, empty."""
    box: Outbox
    if request.param == "sqlite":
        box = SQLiteOutbox(tmp_path / "outbox.sqlite3")
    else:
        url = request.getfixturevalue("outbox_redis_url")
        with redis.Redis.from_url(url) as client:
            client.flushdb()
        box = RedisOutbox(url, consumer="test")
    yield box
    box.close()
