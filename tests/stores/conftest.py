"""Fixtures for the session-store tests: a real redis-server and both backends.

The Redis tests talk to a real ``redis-server`` started here (never a fake): if it is not
installed the fixture fails, so a missing server cannot pass for a green run.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import redis
from stores_support import ManualClock

from bot.stores import RedisSessionStore, SessionStore, SQLiteSessionStore

_STARTUP_SECONDS = 10.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start a private redis-server on a free loopback port; yield its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(
            "redis-server is not installed, and the Redis store is tested against a real "
            "server: run scripts/ensure-test-services.sh (or apt-get install redis-server)"
        )
    workdir = tmp_path_factory.mktemp("redis")
    port = _free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(workdir)]
    command += ["--save", "", "--appendonly", "no", "--logfile", str(workdir / "redis.log")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait_for_ping(url, process, workdir)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def _wait_for_ping(url: str, process: subprocess.Popen[bytes], workdir: Path) -> None:
    deadline = time.monotonic() + _STARTUP_SECONDS
    with redis.Redis.from_url(url, socket_connect_timeout=0.2) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                log = (workdir / "redis.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"redis-server exited with {process.returncode}:\n{log}")
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.02)
    pytest.fail(f"redis-server did not answer PING within {_STARTUP_SECONDS:g} s at {url}")


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    """A raw client on the test server, for checking keys and TTLs from outside."""
    with redis.Redis.from_url(redis_url, decode_responses=True) as client:
        yield client


@dataclass
class Backend:
    """One store under test plus a way to open more stores on the same backend."""

    name: str
    factory: Callable[..., SessionStore]
    clock: ManualClock
    #: ``open_store`` URL and options reaching the same data, for other processes.
    url: str
    options: dict[str, Any]
    opened: list[SessionStore] = field(default_factory=list)

    def make(self, **options: Any) -> SessionStore:
        """Open another store on the same data (closed at teardown)."""
        store = self.factory(**options)
        self.opened.append(store)
        return store


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
