"""What every outbox transport that calls a provider over HTTP does alike.

The transports (:mod:`bot.channels.meta_transport`, :mod:`bot.channels.twilio_rest`,
:mod:`bot.channels.sms_gateway_transport`) differ in what they send and in how their provider
describes an error; they agree on the rest, which lives here:

* :class:`SentParts`: a reply may take several provider messages, and none of the providers
  reliably honours an idempotency key, so the parts already accepted are remembered in this
  process and a retry after a later part failed sends only what is still missing;
* :func:`provider_answer`: a timeout or a connection error is retried later;
* :func:`unaccepted`: a refusal is retried when it is 429 or 5xx (or when the provider's own
  code says "later"), after ``Retry-After`` when the provider sends one; anything else is
  given up;
* :func:`retry_after` and :func:`json_object`: reading the answer.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, Final, TypeVar

import httpx

from bot.outbox.base import SendResult

__all__ = [
    "MAX_ERROR_CHARS",
    "REMEMBERED_PARTS",
    "SentParts",
    "json_object",
    "provider_answer",
    "retry_after",
    "retryable_status",
    "unaccepted",
]

#: Longest error text kept with an envelope.
MAX_ERROR_CHARS: Final = 300
#: Parts remembered as sent by one transport; the oldest are forgotten first.
REMEMBERED_PARTS: Final = 10_000

_Part = TypeVar("_Part")


class SentParts:
    """The parts of replies a provider accepted, remembered until the whole reply went out.

    A part is named by the envelope's key, the reply's index and the part's index within the
    reply; what is kept is the provider's id for it. Thread-safe: a sender may run several
    threads through one transport.
    """

    def __init__(self, limit: int = REMEMBERED_PARTS) -> None:
        """Remember at most ``limit`` parts (a reply that never completes is forgotten in
        time rather than kept forever)."""
        self._limit = limit
        self._ids: OrderedDict[tuple[str, int, int], str] = OrderedDict()
        self._lock = threading.Lock()

    def send(
        self,
        key: str,
        index: int,
        parts: Iterable[_Part],
        post: Callable[[int, _Part], SendResult],
    ) -> SendResult:
        """Send reply ``index`` of the envelope ``key`` as ``parts``, each with
        ``post(part_number, part)``, skipping the parts accepted before.

        The first refusal is returned as it is (the parts before it stay remembered for the
        retry); when every part is accepted the reply is forgotten and the result carries the
        provider id of the last part.
        """
        provider_id = ""
        for number, part in enumerate(parts):
            name = (key, index, number)
            remembered = self._remembered(name)
            if remembered is not None:
                provider_id = remembered
                continue
            result = post(number, part)
            if not result.ok:
                return result
            provider_id = result.provider_id
            self._remember(name, provider_id)
        self._forget(key, index)
        return SendResult(ok=True, provider_id=provider_id)

    def _remembered(self, name: tuple[str, int, int]) -> str | None:
        with self._lock:
            return self._ids.get(name)

    def _remember(self, name: tuple[str, int, int], provider_id: str) -> None:
        with self._lock:
            self._ids[name] = provider_id
            while len(self._ids) > self._limit:
                self._ids.popitem(last=False)

    def _forget(self, key: str, index: int) -> None:
        """The whole reply went out: its parts need not be remembered any more."""
        with self._lock:
            for name in [n for n in self._ids if n[0] == key and n[1] == index]:
                del self._ids[name]


def provider_answer(
    request: Callable[[], httpx.Response], provider: str
) -> httpx.Response | SendResult:
    """The answer ``request`` got from ``provider`` (named as in "could not reach the Graph
    API"), or, when there was none (a timeout, a refused or broken connection), the result
    that retries the message later."""
    try:
        return request()
    except httpx.TimeoutException:
        return SendResult(ok=False, retry=True, error=f"{provider} did not answer in time")
    except httpx.TransportError as exc:
        return SendResult(
            ok=False, retry=True, error=f"could not reach {provider} ({type(exc).__name__})"
        )


def retryable_status(status: int) -> bool:
    """Whether an HTTP status means "later, not never": 429 (throttled) or any 5xx."""
    return status == 429 or status >= 500


def unaccepted(response: httpx.Response, error: str, *, retry: bool = False) -> SendResult:
    """The result of a provider's refusal ``response``, described by ``error``: retried when
    its status is retryable or when ``retry`` says so (a provider code meaning "later"),
    after the ``Retry-After`` it gave."""
    return SendResult(
        ok=False,
        retry=retry or retryable_status(response.status_code),
        error=error,
        retry_after=retry_after(response),
    )


def retry_after(response: httpx.Response) -> float | None:
    """``Retry-After`` in seconds (given as seconds or as an HTTP date), else None."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def json_object(response: httpx.Response) -> dict[str, Any] | None:
    """The answer's body as a JSON object, or None when it is not one."""
    try:
        data = response.json()
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
