"""A batch file estimated while it streams back: :func:`bot.batch.run_batch` in a thread, its
output handed to the HTTP response chunk by chunk through a small bounded queue.

The queue holds at most :data:`QUEUE_CHUNKS` chunks, so a slow client slows the batch rather
than filling memory: a file of any length runs in constant memory on both sides. A client that
goes away stops the batch at its next write.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Iterator
from typing import BinaryIO, Final

from bot.batch import run_batch
from tariff_core.registry import Tariff

__all__ = ["QUEUE_CHUNKS", "BatchStream", "start_batch"]

#: Output chunks waiting for the client at most (each one CSV writer flush, a few KB).
QUEUE_CHUNKS: Final = 64
#: How long a write waits for a stalled client before checking whether it went away.
_PUT_WAIT_SECONDS: Final = 1.0
_END: Final = b""


class _ClientGoneError(Exception):
    """The response was abandoned: the batch stops."""


class _QueueSink:
    """A binary sink whose writes go to a bounded queue (what ``run_batch`` writes into)."""

    def __init__(self, chunks: queue.Queue[bytes | BaseException], stop: threading.Event) -> None:
        self._chunks = chunks
        self._stop = stop

    def write(self, data: bytes) -> int:
        if data:
            self._put(bytes(data))
        return len(data)

    def _put(self, item: bytes | BaseException) -> None:
        while True:
            if self._stop.is_set():
                raise _ClientGoneError
            try:
                self._chunks.put(item, timeout=_PUT_WAIT_SECONDS)
                return
            except queue.Full:
                continue

    # What io.TextIOWrapper asks of the binary stream it wraps.
    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    def flush(self) -> None:
        return None

    @property
    def closed(self) -> bool:
        return False


class BatchStream:
    """A running batch: its first chunk (or the header error), then the rest as it comes."""

    def __init__(self, source: BinaryIO, tariff: Tariff, default_month: dt.date) -> None:
        """Start estimating ``source`` (a CSV file) in a thread."""
        self._chunks: queue.Queue[bytes | BaseException] = queue.Queue(maxsize=QUEUE_CHUNKS)
        self._stop = threading.Event()
        self._sink = _QueueSink(self._chunks, self._stop)
        self._thread = threading.Thread(
            target=self._run,
            args=(source, tariff, default_month),
            name="bijuli-console-batch",
            daemon=True,
        )
        self._thread.start()

    def _run(self, source: BinaryIO, tariff: Tariff, default_month: dt.date) -> None:
        try:
            run_batch(source, self._sink, tariff=tariff, default_month=default_month)  # type: ignore[arg-type]
        except _ClientGoneError:
            return
        except BaseException as exc:  # handed to the reader, which raises or logs it
            self._sink._put(exc)
            return
        self._sink._put(_END)

    def first(self) -> bytes:
        """The first chunk of output; raises :class:`~bot.batch.BatchHeaderError` for a file
        without a usable header (before anything is written)."""
        item = self._chunks.get()
        if isinstance(item, BaseException):
            raise item
        self._first = item
        return item

    def chunks(self) -> Iterator[bytes]:
        """Every chunk, the first included, until the batch ends; stopping early stops it."""
        try:
            yield self._first
            while True:
                item = self._chunks.get()
                if isinstance(item, BaseException):
                    raise item
                if item == _END:
                    return
                yield item
        finally:
            self._stop.set()


def start_batch(source: BinaryIO, tariff: Tariff, default_month: dt.date) -> BatchStream:
    """Start a batch and wait for its first output; :class:`~bot.batch.BatchHeaderError` when
    the file has no usable header."""
    stream = BatchStream(source, tariff, default_month)
    stream.first()
    return stream
