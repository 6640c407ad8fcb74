"""End-to-end fixtures: real `bijuli serve` processes (SQLite, and two sharing a real Redis).

Every server is a subprocess on a free loopback port whose public URL is a public-looking
https URL, so a signature computed over the loopback URL must fail, exactly as in production
behind a proxy. Servers and redis-server are stopped at the end of the session.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from e2e_support import Server, running_server, service_env  # noqa: E402

from tests.support.redis_server import running_redis  # noqa: E402


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`bijuli serve` with the default SQLite store in a temp state dir."""
    with running_server("sqlite server", tmp_path_factory.mktemp("e2e-sqlite")) as process:
        yield process


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=20.0) as http:
        yield http


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private redis-server on a free loopback port (the same helper as tests/stores)."""
    with running_redis(tmp_path_factory.mktemp("e2e-redis")) as url:
        yield url


@pytest.fixture(scope="session")
def redis_servers(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Server]]:
    """Two `bijuli serve` processes sharing one Redis session store (separate state dirs)."""
    servers = []
    for name in ("redis server A", "redis server B"):
        state = tmp_path_factory.mktemp("e2e-" + name.replace(" ", "-"))
        env = service_env(state / "state", BIJULI_SESSION_STORE=redis_url)
        servers.append(Server(name, env, state / "server.log"))
    try:
        for process in servers:
            process.start()
        for process in servers:
            process.wait_ready()
        yield servers[0], servers[1]
    finally:
        for process in servers:
            process.stop()
