"""A private, throw-away redis-server on a free loopback port, for the tests that need Redis.

No fakes: the Redis tests talk to a real server. If redis-server is not installed the fixture
fails (never skips) and says how to install it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

#: How long a new redis-server may take to answer PING.
STARTUP_SECONDS = 10.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RedisProcess:
    """A running redis-server: its URL, and stalls on demand (SIGSTOP / SIGCONT)."""

    url: str
    process: subprocess.Popen[bytes]

    def stall(self) -> None:
        """Freeze the server: connections stay open and nothing is answered (a hung host)."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        """Let a stalled server run again; it then reads whatever clients sent meanwhile."""
        os.kill(self.process.pid, signal.SIGCONT)

    @contextmanager
    def stalled(self, seconds: float) -> Iterator[None]:
        """Stall the server for ``seconds`` in a background thread; wait for the end on exit."""
        self.stall()
        timer = threading.Timer(seconds, self.resume)
        timer.start()
        try:
            yield
        finally:
            timer.join()
            self.resume()  # idempotent, and covers an exception before the timer fired


@contextmanager
def running_redis(workdir: Path) -> Iterator[str]:
    """Start redis-server (no persistence) in ``workdir``; yield its URL; stop it after."""
    with running_redis_process(workdir) as server:
        yield server.url


@contextmanager
def running_redis_process(workdir: Path) -> Iterator[RedisProcess]:
    """Like :func:`running_redis`, yielding the :class:`RedisProcess` for stall tests."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(
            "redis-server is not installed, and Redis is tested against a real server: run "
            "scripts/ensure-test-services.sh (or apt-get install redis-server)"
        )
    port = free_port()
    log = workdir / "redis.log"
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(workdir)]
    command += ["--save", "", "--appendonly", "no", "--logfile", str(log)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait_for_ping(url, process, log)
        yield RedisProcess(url, process)
    finally:
        with suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGCONT)  # a stopped server cannot handle SIGTERM
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_ping(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    with redis.Redis.from_url(url, socket_connect_timeout=0.2) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                pytest.fail(f"redis-server exited with {process.returncode}:\n{tail}")
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.02)
    pytest.fail(f"redis-server did not answer PING within {STARTUP_SECONDS:g} s at {url}")
