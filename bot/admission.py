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
"""

from __future__ import annotations

import asyncio
from typing import Final

# Weight of the newest turn in the moving average: about the last twenty turns count.
_SMOOTHING: Final = 0.05


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

    @property
    def waiting(self) -> int:
        """Messages waiting for a turn right now."""
        return self._waiting

    def forecast_wait(self) -> float:
        """Seconds a message arriving now would wait before its turn starts."""
        return (self._waiting + 1) * self._turn_seconds / self._limit if self._waiting else 0.0

    async def enter(self) -> bool:
        """Wait for a turn; False (at once, or at the deadline) when it cannot start in time."""
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

    def leave(self, turn_seconds: float) -> None:
        """End a turn admitted by :meth:`enter` that took ``turn_seconds``."""
        self._slots.release()
        if self._turn_seconds == 0.0:
            self._turn_seconds = turn_seconds
        else:
            self._turn_seconds += _SMOOTHING * (turn_seconds - self._turn_seconds)
