"""``bijuli serve --workers N`` shares one listening socket that says IPPROTO_TCP, so asyncio
turns TCP_NODELAY on for every connection (without it each reply waited ~40 ms for an ACK)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot.cli import APP_FACTORY
from bot.serving import TcpConfig


def _nodelay_of_an_accepted_connection(listener: socket.socket) -> int:
    """Serve ``listener`` with asyncio as a uvicorn worker does; TCP_NODELAY of what it accepts."""
    seen: list[int] = []

    async def main() -> None:
        accepted = asyncio.Event()

        def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            sock = writer.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()
            accepted.set()

        server = await asyncio.start_server(on_connect, sock=listener)
        host, port = listener.getsockname()[:2]
        _, client = await asyncio.open_connection(host, port)
        await asyncio.wait_for(accepted.wait(), timeout=5)
        client.close()
        server.close()
        await server.wait_closed()

    asyncio.run(main())
    return seen[0]


def test_the_shared_listening_socket_gets_tcp_nodelay_on_its_connections() -> None:
    config = TcpConfig(APP_FACTORY, factory=True, host="127.0.0.1", port=0, workers=2)
    listener = config.bind_socket()
    try:
        assert listener.proto == socket.IPPROTO_TCP
        assert _nodelay_of_an_accepted_connection(listener) != 0
    finally:
        listener.close()


def test_uvicorns_own_socket_would_not() -> None:
    """Guard: the plain socket uvicorn binds for several workers leaves TCP_NODELAY off."""
    import uvicorn

    config = uvicorn.Config(APP_FACTORY, factory=True, host="127.0.0.1", port=0, workers=2)
    listener = config.bind_socket()
    try:
        assert listener.proto == 0
        assert _nodelay_of_an_accepted_connection(listener) == 0
    finally:
        listener.close()


def test_bijuli_serve_with_two_workers_answers(tmp_path: Path) -> None:
    """The workers are spawned: they must unpickle the configuration and serve."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, BIJULI_STATE_DIR=str(tmp_path / "state"), BIJULI_LOG_FORMAT="text")
    server = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve", "--workers", "2", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        answers = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(answers) < 4:
            try:
                answers.append(httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code)
            except httpx.TransportError:
                time.sleep(0.2)
        assert answers == [200, 200, 200, 200]
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors, errors
