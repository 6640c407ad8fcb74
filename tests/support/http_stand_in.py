"""What the local stand-ins for providers' HTTP APIs share (Graph API, Twilio, Exotel).

A stand-in is a :class:`StandIn` subclass that decides each answer (:meth:`StandIn.answer`);
this module serves it on a free loopback port (:func:`running`), records what it received,
wakes whoever waits for a request, and keeps the failures a test queued for the next requests.
"""

from __future__ import annotations

import json
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Generic, TypeVar

__all__ = ["Answer", "StandIn", "running"]

#: An answer: the HTTP status, the JSON body (None: no body) and extra headers.
Answer = tuple[int, Any, dict[str, str]]

RequestT = TypeVar("RequestT")
FailureT = TypeVar("FailureT")
StandInT = TypeVar("StandInT", bound="StandIn[Any, Any]")


class StandIn(Generic[RequestT, FailureT]):
    """A provider's API: every request it received, and the failures queued for it.

    Subclasses say which HTTP methods the API has (:attr:`methods`; others get 501) and
    implement :meth:`answer`, recording each request with :meth:`record`.
    """

    #: The HTTP methods the API answers.
    methods: tuple[str, ...] = ("POST",)

    def __init__(self) -> None:
        self.requests: list[RequestT] = []
        self.failures: deque[FailureT | None] = deque()
        self.base_url = ""
        # Guards what is recorded and queued (subclasses hold it for their own state too);
        # notified at each request recorded.
        self._changed = threading.Condition()

    def fail_next(self, failure: FailureT | None) -> None:
        """Answer the next request not yet scripted with ``failure`` (None: handle it as
        usual, so that ``fail_next(None); fail_next(f)`` fails the second one)."""
        with self._changed:
            self.failures.append(failure)

    def answer(self, method: str, target: str, headers: Message, raw: bytes) -> Answer:
        """The answer to one request (``target`` is the path with its query)."""
        raise NotImplementedError

    def next_failure(self, queue: deque[FailureT | None] | None = None) -> FailureT | None:
        """The failure queued first in ``queue`` (:attr:`failures` by default), taken off it;
        None when there is none or it says to handle the request as usual."""
        queue = self.failures if queue is None else queue
        with self._changed:
            return queue.popleft() if queue else None

    def record(self, request: RequestT) -> None:
        """Keep ``request`` and wake whoever waits for one."""
        with self._changed:
            self.requests.append(request)
            self._changed.notify_all()

    def received(self, matching: Callable[[RequestT], bool]) -> list[RequestT]:
        """The requests received so far for which ``matching`` is true, in order."""
        with self._changed:
            return [request for request in self.requests if matching(request)]

    def wait_for_received(
        self, matching: Callable[[RequestT], bool], count: int, timeout: float
    ) -> list[RequestT]:
        """The requests for which ``matching`` is true once there are at least ``count`` (or,
        when ``timeout`` seconds ran out, whatever there is)."""
        self.wait_until(lambda: len(self.received(matching)) >= count, timeout)
        return self.received(matching)

    def wait_until(self, done: Callable[[], bool], timeout: float) -> None:
        """Return once ``done()`` is true after a request, or when ``timeout`` seconds ran
        out (the caller's assertion then says what is missing)."""
        with self._changed:
            self._changed.wait_for(done, timeout)


def _handler(stand_in: StandIn[Any, Any]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body leave in separate writes: without this, Nagle's algorithm and the
        # client's delayed ACK hold each answer some 40 ms, and every latency measured
        # against the stand-in would be the stand-in's.
        disable_nagle_algorithm = True

        def serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            status, payload, headers = stand_in.answer(self.command, self.path, self.headers, raw)
            data = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            if payload is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the test reads the recorded requests instead."""

    for method in stand_in.methods:
        setattr(Handler, f"do_{method}", Handler.serve)
    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet about a client that went away (a killed worker, a timed-out transport):
        that is what such tests do on purpose; anything else is printed as usual."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def running(stand_in: StandInT, name: str) -> Iterator[StandInT]:
    """``stand_in`` served on a free loopback port (its :attr:`~StandIn.base_url` set) by a
    thread called ``name``, until the block ends."""
    server = _Server(("127.0.0.1", 0), _handler(stand_in))
    stand_in.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield stand_in
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
