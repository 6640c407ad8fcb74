"""End-to-end fixtures: real `bijuli serve` processes (SQLite, and two sharing a real Redis).

Every server is a subprocess on a free loopback port whose public URL is a public-looking
https URL, so a signature computed over the loopback URL must fail, exactly as in production
behind a proxy. Servers and redis-server are stopped at the end of the session.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from e2e_support import Server, free_port, redis_binary, service_env  # noqa: E402

_REDIS_STARTUP_SECONDS = 10.0


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`bijuli serve` with the default SQLite store in a temp state dir."""
    state = tmp_path_factory.mktemp("e2e-sqlite")
    process = Server("sqlite server", service_env(state / "state"), state / "server.log")
    process.start()
    try:
        process.wait_ready()
        yield process
    finally:
        process.stop()


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=20.0) as http:
        yield http


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private redis-server on a free loopback port (as in tests/stores)."""
    binary = redis_binary()
    if binary is None:
        pytest.fail(
            "redis-server is not installed: run scripts/ensure-test-services.sh "
            "(or apt-get install redis-server)"
        )
    workdir = tmp_path_factory.mktemp("e2e-redis")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(workdir)]
    command += ["--save", "", "--appendonly", "no", "--logfile", str(workdir / "redis.log")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + _REDIS_STARTUP_SECONDS
        with redis.Redis.from_url(url, socket_connect_timeout=0.2) as ping_client:
            while True:
                if process.poll() is not None:
                    pytest.fail(f"redis-server exited with {process.returncode}")
                try:
                    if ping_client.ping():
                        break
                except redis.ConnectionError:
                    if time.monotonic() > deadline:
                        pytest.fail(f"redis-server did not answer at {url}")
                    time.sleep(0.02)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
