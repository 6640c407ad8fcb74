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

import logging
from typing import Any, Final

import httpx

from bot.channels.http_sending import (
    MAX_ERROR_CHARS,
    SentParts,
    json_object,
    provider_answer,
    unaccepted,
)
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
        self._sent = SentParts()

    def send(self, envelope: Envelope, index: int) -> SendResult:
        """Send reply ``index`` of ``envelope``; never raises for what Meta answers."""
        url = f"{self._graph_url}/{envelope.sender or self._phone_number_id}/messages"
        return self._sent.send(
            envelope.key,
            index,
            render_reply(envelope.replies[index]),
            lambda _, message: self._post(url, outgoing_message(envelope.address, message)),
        )

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()

    def _post(self, url: str, body: dict[str, Any]) -> SendResult:
        answer = provider_answer(
            lambda: self._client.post(url, json=body, headers=self._headers), "the Graph API"
        )
        if isinstance(answer, SendResult):
            return answer
        if answer.is_success:
            return SendResult(ok=True, provider_id=_message_id(answer))
        code, error = _graph_error(answer)
        result = unaccepted(answer, error, retry=code in RETRYABLE_GRAPH_CODES)
        if not result.retry:
            _log.warning("the Graph API refused a message: %s", error)
        return result


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
    data = json_object(response)
    messages = data.get("messages") if data is not None else None
    if isinstance(messages, list) and messages and isinstance(messages[0], dict):
        message_id = messages[0].get("id")
        return message_id if isinstance(message_id, str) else ""
    return ""


def _graph_error(response: httpx.Response) -> tuple[int | None, str]:
    """The Graph error's code and a one-line description (status, code, type, message)."""
    status = f"HTTP {response.status_code}"
    data = json_object(response)
    error = data.get("error") if data is not None else None
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
    return code, text[:MAX_ERROR_CHARS]
