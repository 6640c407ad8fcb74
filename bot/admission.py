"""Admission control for webhook turns: a bounded number run at once, and a message that
cannot start within the deadline is refused at once, so its sender hears "busy" in time.

Twilio waits 15 s for a webhook's answer and then gives up: the user gets nothing. Under a
load the worker cannot carry, queueing every message only makes every answer late. So each
worker runs at most ``limit`` turns at once, and a message that would wait longer than the
deadline to start is refused; the caller answers it with the busy reply and applies nothing.

Refusing "at once" needs a forecast: the wait of a new message is about the number waiting
ahead of it times the time a turn takes, divided by the turns run at once. The turn time is a
moving average of the turns this worker finished. A forecast above the deadline is refused
without waiting; otherwise the message waits, and is still refused if the deadline passes.

A turn the pipeline can answer at once (a local store, a free user) runs on the event loop
itself, and messages waiting behind it wait in the loop, where no count sees them. So a turn
runs at once only while the loop keeps up: a heartbeat on the loop every
:data:`HEARTBEAT_SECONDS`; when it has not run for :data:`STALL_SECONDS` (the loop has been
busy without a break), or messages already wait for a turn, the turn goes to a worker thread
and the forecast above governs again.
"""

from __future__ import annotations

import asyncio
from typing import Final

# Weight of the newest turn in the moving average: about the last twenty turns count.
_SMOOTHING: Final = 0.05
#: How often the loop's heartbeat runs while the loop is free.
HEARTBEAT_SECONDS: Final = 0.01
#: A loop whose heartbeat is this late has had no break: turns then go to worker threads.
STALL_SECONDS: Final = 0.05


class Admission:
    """At most ``limit`` turns at once; a turn that cannot start in ``deadline_seconds`` is
    refused (:meth:`enter` returns False). Use from the event loop only."""

    def __init__(self, limit: int, deadline_seconds: float) -> None:
        """Allow ``limit`` turns at once; refuse those that cannot start in the deadline."""
        if limit < 1 or not deadline_seconds > 0:
            raise ValueError("admission needs a positive limit and a positive deadline")
        self._limit = limit
        self._deadline = deadline_seconds
        self._slots = asyncio.Semaphore(limit)
        self._waiting = 0
        self._turn_seconds = 0.0  # moving average; 0 until the first turn ends
        self._last_beat = 0.0  # loop time of the heartbeat's last run
        self._beating: asyncio.AbstractEventLoop | None = None  # the loop it beats on

    @property
    def waiting(self) -> int:
        """Messages waiting for a turn right now."""
        return self._waiting

    def forecast_wait(self) -> float:
        """Seconds a message arriving now would wait before its turn starts."""
        return (self._waiting + 1) * self._turn_seconds / self._limit if self._waiting else 0.0

    async def enter(self) -> bool:
        """Wait for a turn; False (at once, or at the deadline) when it cannot start in time."""
        if not self._slots.locked():  # a free slot and nobody before us: no wait, no timer
            await self._slots.acquire()
            return True
        if self.forecast_wait() > self._deadline:
            return False
        self._waiting += 1
        try:
            async with asyncio.timeout(self._deadline):
                await self._slots.acquire()
        except TimeoutError:
            return False
        finally:
            self._waiting -= 1
        return True

    def at_once(self) -> bool:
        """Whether an admitted turn may run on the event loop itself: no message waits for a
        turn, and the loop has had a break within :data:`STALL_SECONDS`."""
        if self._waiting:
            return False
        loop = asyncio.get_running_loop()
        if self._beating is not loop:  # the first call on this loop: start its heartbeat
            self._beating = loop
            self._beat(loop)
        return loop.time() - self._last_beat <= STALL_SECONDS

    def _beat(self, loop: asyncio.AbstractEventLoop) -> None:
        # A callback, not a task: nothing is left pending when the loop closes. A heartbeat
        # of a loop no longer in use stops.
        if self._beating is loop:
            self._last_beat = loop.time()
            loop.call_later(HEARTBEAT_SECONDS, self._beat, loop)

    def leave(self, turn_seconds: float) -> None:
        """End a turn admitted by :meth:`enter` that took ``turn_seconds``."""
        self._slots.release()
        if self._turn_seconds == 0.0:
            self._turn_seconds = turn_seconds
        else:
            self._turn_seconds += _SMOOTHING * (turn_seconds - self._turn_seconds)
