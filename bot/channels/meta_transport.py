"""Sending replies through Meta's Graph API: the outbox's ``meta`` transport.

Each reply of an envelope becomes one or more Graph API messages (:func:`bot.channels.meta.
render_reply`: a media item, then the words), each sent with ``POST {META_GRAPH_URL}/
{phone-number-id}/messages`` and the bearer access token. What Meta answers decides what the
outbox does:

* 2xx: sent; the provider id is ``messages[0].id`` (the ``wamid`` of the last part);
* 429, 5xx, a timeout or a connection error, or one of the Graph error codes Meta documents
  as throttling or a passing outage (whatever HTTP status carries it): retry later, after
  ``Retry-After`` when Meta sends one;
* any other 4xx (a bad token, a number outside the 24-hour window, a malformed message): not
  sent and not retried; the error recorded is Graph's own error object (code and message),
  never the text we tried to send.

The Graph API takes no idempotency key, so a reply made of several messages (a voice note and
its text, or a text beyond 4,096 characters) remembers, in this process, the parts already
accepted: a retry after a later part failed sends only what is still missing.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import threading
from collections import OrderedDict
from typing import Any, Final

import httpx

from bot.channels.meta import outgoing_message, render_reply
from bot.config import Settings
from bot.outbox.base import Envelope, SendResult

__all__ = [
    "GRAPH_TIMEOUT_SECONDS",
    "RETRYABLE_GRAPH_CODES",
    "MetaTransport",
    "meta_transport",
]

#: How long one Graph API request may take (connect, send and answer) before it is retried.
GRAPH_TIMEOUT_SECONDS: Final = 10.0
#: Graph error codes that mean "later, not never", whatever HTTP status they come with
#: (Meta's WhatsApp error-code reference): 1 and 2 (unknown or temporary API error), 4, 17,
#: 32, 613 and 80007 (call-rate limits), 130429 (the number's throughput), 131056 (too many
#: messages to one user), 131000 and 131016 (something went wrong, service unavailable),
#: 133004 (server temporarily unavailable).
RETRYABLE_GRAPH_CODES: Final = frozenset(
    {1, 2, 4, 17, 32, 613, 80007, 130429, 131000, 131016, 131056, 133004}
)
#: Longest error text kept with an envelope.
_MAX_ERROR_CHARS: Final = 300
#: Parts remembered as sent (see the module docstring); old ones are forgotten first.
_REMEMBERED_PARTS: Final = 10_000

_log = logging.getLogger(__name__)


class MetaTransport:
    """The ``meta`` transport: replies to WhatsApp users through the Graph API."""

    name: str = "meta"

    def __init__(
        self,
        graph_url: str,
        phone_number_id: str,
        access_token: str,
        *,
        timeout: float = GRAPH_TIMEOUT_SECONDS,
        client: httpx.Client | None = None,
    ) -> None:
        """Send from the business number ``phone_number_id`` (unless an envelope names its
        own ``sender``) through the Graph API at ``graph_url`` (with its version, such as
        ``https://graph.facebook.com/v21.0``)."""
        self._graph_url = graph_url.rstrip("/")
        self._phone_number_id = phone_number_id
        self._client = client or httpx.Client(timeout=timeout)
        self._headers = {"Authorization": f"Bearer {access_token}"}
        self._sent_parts: OrderedDict[tuple[str, int, int], str] = OrderedDict()
        self._lock = threading.Lock()

    def send(self, envelope: Envelope, index: int) -> SendResult:
        """Send reply ``index`` of ``envelope``; never raises for what Meta answers."""
        reply = envelope.replies[index]
        url = f"{self._graph_url}/{envelope.sender or self._phone_number_id}/messages"
        provider_id = ""
        for part, message in enumerate(render_reply(reply)):
            remembered = self._remembered((envelope.key, index, part))
            if remembered is not None:
                provider_id = remembered
                continue
            result = self._post(url, outgoing_message(envelope.address, message))
            if not result.ok:
                return result
            provider_id = result.provider_id
            self._remember((envelope.key, index, part), provider_id)
        self._forget(envelope.key, index)
        return SendResult(ok=True, provider_id=provider_id)

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()

    def _post(self, url: str, body: dict[str, Any]) -> SendResult:
        try:
            response = self._client.post(url, json=body, headers=self._headers)
        except httpx.TimeoutException:
            return SendResult(ok=False, retry=True, error="the Graph API did not answer in time")
        except httpx.TransportError as exc:
            return SendResult(
                ok=False, retry=True, error=f"could not reach the Graph API ({type(exc).__name__})"
            )
        if response.is_success:
            return SendResult(ok=True, provider_id=_message_id(response))
        code, error = _graph_error(response)
        retry = (
            response.status_code == 429
            or response.status_code >= 500
            or code in RETRYABLE_GRAPH_CODES
        )
        if not retry:
            _log.warning("the Graph API refused a message: %s", error)
        return SendResult(ok=False, retry=retry, error=error, retry_after=_retry_after(response))

    def _remembered(self, part: tuple[str, int, int]) -> str | None:
        with self._lock:
            return self._sent_parts.get(part)

    def _remember(self, part: tuple[str, int, int], provider_id: str) -> None:
        with self._lock:
            self._sent_parts[part] = provider_id
            while len(self._sent_parts) > _REMEMBERED_PARTS:
                self._sent_parts.popitem(last=False)

    def _forget(self, key: str, index: int) -> None:
        """The whole reply went out: its parts need not be remembered any more."""
        with self._lock:
            for part in [p for p in self._sent_parts if p[0] == key and p[1] == index]:
                del self._sent_parts[part]


def meta_transport(settings: Settings) -> MetaTransport | None:
    """The transport the settings describe; None (logged) while META_ACCESS_TOKEN or
    META_PHONE_NUMBER_ID is unset: replies for Meta then wait in the outbox."""
    if settings.meta_access_token is None or not settings.meta_phone_number_id:
        if settings.meta_app_secret is not None:
            _log.warning(
                "META_ACCESS_TOKEN or META_PHONE_NUMBER_ID is not set: "
                "replies to the Meta webhook cannot be sent"
            )
        return None
    return MetaTransport(
        settings.meta_graph_url,
        settings.meta_phone_number_id,
        settings.meta_access_token.get_secret_value(),
    )


def _message_id(response: httpx.Response) -> str:
    """``messages[0].id`` of a send's answer ("" when the answer has none)."""
    try:
        data = response.json()
    except ValueError:
        return ""
    messages = data.get("messages") if isinstance(data, dict) else None
    if isinstance(messages, list) and messages and isinstance(messages[0], dict):
        message_id = messages[0].get("id")
        return message_id if isinstance(message_id, str) else ""
    return ""


def _graph_error(response: httpx.Response) -> tuple[int | None, str]:
    """The Graph error's code and a one-line description (status, code, type, message)."""
    status = f"HTTP {response.status_code}"
    try:
        data = response.json()
    except ValueError:
        return None, f"{status} (no Graph error object)"
    error = data.get("error") if isinstance(data, dict) else None
    if not isinstance(error, dict):
        return None, f"{status} (no Graph error object)"
    code = error.get("code")
    code = int(code) if isinstance(code, int | str) and str(code).isdigit() else None
    parts = [status]
    if code is not None:
        parts.append(f"code {code}")
    subcode = error.get("error_subcode")
    if isinstance(subcode, int):
        parts.append(f"subcode {subcode}")
    kind = error.get("type")
    if isinstance(kind, str) and kind:
        parts.append(kind)
    message = error.get("message")
    text = ", ".join(parts)
    if isinstance(message, str) and message:
        text += f": {' '.join(message.split())}"
    return code, text[:_MAX_ERROR_CHARS]


def _retry_after(response: httpx.Response) -> float | None:
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
