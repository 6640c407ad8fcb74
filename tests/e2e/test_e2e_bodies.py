"""Request bodies over real HTTP to `bijuli serve`: a huge declared body is refused before it
is read, an abandoned one costs one log line, and a sender that keeps going is cut off."""

from __future__ import annotations

import socket
import time

import pytest
from e2e_support import Server

# What the server logs about one abandoned body at most: one line, not a traceback.
MAX_LOG_BYTES_PER_ABANDONED_BODY = 600


def _request_head(server: Server, path: str, length: int, content_type: str) -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


def _log_size(server: Server) -> int:
    return server.log_path.stat().st_size


def _log_since(server: Server, offset: int) -> str:
    with server.log_path.open("rb") as log:
        log.seek(offset)
        return log.read().decode(errors="replace")


def _answer(sock: socket.socket) -> bytes:
    sock.settimeout(10)
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = sock.recv(65536)
        if not chunk:
            break
        received += chunk
    return received


def test_a_100_mb_estimate_is_refused_before_its_body_is_read(server: Server) -> None:
    hundred_mb = 100 * 1024 * 1024
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(_request_head(server, "/api/v1/estimate", hundred_mb, "application/json"))
        sock.sendall(b'{"category": "domestic", "month": "2026-05", "units": 250, "x": "')
        answer = _answer(sock)
    assert answer.startswith(b"HTTP/1.1 413")


def test_an_endless_chunked_estimate_is_cut_off_at_the_cap(server: Server) -> None:
    head = (
        f"POST /api/v1/estimate HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    chunk = b"4000\r\n" + b" " * 0x4000 + b"\r\n"  # 16 KB of JSON whitespace per chunk
    sent = 0
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(head)
        sock.settimeout(10)
        try:
            for _ in range(64 * 100):  # up to 100 MB, unless the server stops us
                sock.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the server answered and closed: what we want
        answer = _answer(sock)
    assert answer.startswith(b"HTTP/1.1 413")
    assert sent < 20 * 1024 * 1024  # far less than was on offer


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/api/v1/estimate", "application/json"),
        ("/webhooks/twilio", "application/x-www-form-urlencoded"),
    ],
)
def test_an_abandoned_body_costs_one_log_line(server: Server, path: str, content_type: str) -> None:
    before = _log_size(server)
    for _ in range(5):
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(_request_head(server, path, 4000, content_type))
            sock.sendall(b"Body=hello&From=")  # and the client goes away
    time.sleep(1.0)
    logged = _log_since(server, before)
    assert "Traceback" not in logged
    assert len(logged.encode()) <= 5 * MAX_LOG_BYTES_PER_ABANDONED_BODY, logged[-2000:]
