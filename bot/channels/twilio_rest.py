"""Twilio's REST APIs: the outbox's ``twilio`` transport (Messages) and the Content API client.

:class:`TwilioTransport` sends each reply of an envelope with ``POST {TWILIO_API_URL}/
2010-04-01/Accounts/{sid}/Messages.json`` (basic auth: the account SID and auth token), to
``envelope.address`` from ``envelope.sender`` (or from the Messaging Service
``TWILIO_MESSAGING_SERVICE_SID`` when set). A reply with choices goes as a content template
(``ContentSid`` and ``ContentVariables``, :func:`bot.channels.twilio_content.content_for`)
when interactive replies are on and the template's SID is known; anything else goes as
``Body`` (split at 1,600 characters) with its media item as ``MediaUrl``. A reply with both a
media item and buttons goes as two messages: the media first, then the buttons.

What Twilio answers decides what the outbox does:

* 200 / 201: sent; the provider id is the message's ``sid``;
* 429, 5xx, a timeout or a connection error: retry later, after ``Retry-After`` when given;
  also error 21655 (the ContentSid is not valid: the templates were replaced by
  ``bijuli twilio sync-content`` since this process looked them up), after forgetting the SIDs;
* any other 4xx: not sent, not retried; the error kept is Twilio's code and message (long
  digit runs masked: Twilio's messages may quote the phone number), never our text.

Every request carries ``I-Twilio-Idempotency-Token: {envelope key}:{index}`` (``…:{part}``
after the first message of a reply). Twilio's API is not documented to honour it, so a reply
of several messages also remembers, in this process, the parts already accepted: a retry
after a later part failed sends only what is still missing.

The ContentSid of each template is looked up by its friendly name in the Content API
(``GET {TWILIO_CONTENT_URL}/v1/Content``, every page) and kept for :data:`DIRECTORY_TTL_SECONDS`;
a template that is not there is sent as plain text (logged once per name).
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

import httpx

from bot.channels.http_sending import (
    MAX_ERROR_CHARS,
    SentParts,
    json_object,
    provider_answer,
    unaccepted,
)
from bot.channels.twilio_content import MAX_TEXT_BODY, ContentTemplate, content_for
from bot.config import Settings
from bot.inbound import Reply
from bot.outbox.base import Envelope, SendResult

__all__ = [
    "DIRECTORY_TTL_SECONDS",
    "IDEMPOTENCY_HEADER",
    "TWILIO_TIMEOUT_SECONDS",
    "ContentApi",
    "ContentDirectory",
    "ExistingContent",
    "TwilioApiError",
    "TwilioTransport",
    "message_parts",
    "transport_from_settings",
]

#: How long one REST request may take (connect, send and answer) before it is retried.
TWILIO_TIMEOUT_SECONDS: Final = 10.0
#: The header carrying a message's idempotency token.
IDEMPOTENCY_HEADER: Final = "I-Twilio-Idempotency-Token"
#: How long the template SIDs looked up are trusted before they are listed again.
DIRECTORY_TTL_SECONDS: Final = 600.0
#: After a failed lookup, how long to send plain text before trying the Content API again.
DIRECTORY_RETRY_SECONDS: Final = 60.0
#: Twilio's error for a ContentSid that does not exist (any more) in the account.
INVALID_CONTENT_SID: Final = 21655
#: Page size asked of the Content API when listing.
_PAGE_SIZE: Final = 100
#: Runs of digits that may be a phone number in an error message.
_DIGITS = re.compile(r"\+?\d{6,}")

_log = logging.getLogger(__name__)


class TwilioApiError(Exception):
    """A Twilio REST API refused a request or could not be reached."""

    def __init__(self, status: int | None, code: int | None, message: str) -> None:
        """``status`` None means no HTTP answer at all (timeout, connection refused)."""
        super().__init__(message)
        self.status = status
        self.code = code


@dataclass(frozen=True)
class ExistingContent:
    """One Content resource in the account, as the Content API lists it."""

    sid: str
    friendly_name: str
    language: str
    variables: dict[str, Any]
    types: dict[str, Any]


def _error_text(response: httpx.Response) -> tuple[int | None, str]:
    """Twilio's error code and a one-line description: status, code and message."""
    status = f"HTTP {response.status_code}"
    data = json_object(response)
    if data is None:
        return None, f"{status} (no Twilio error object)"
    raw_code = data.get("code")
    code = int(raw_code) if isinstance(raw_code, int | str) and str(raw_code).isdigit() else None
    text = status if code is None else f"{status}, error {code}"
    message = data.get("message")
    if isinstance(message, str) and message.strip():
        text += ": " + _DIGITS.sub("…", " ".join(message.split()))
    return code, text[:MAX_ERROR_CHARS]


# ----------------------------------------------------------------------------- Content API


class ContentApi:
    """The Content API calls Bijuli makes: list, create and delete templates."""

    def __init__(
        self,
        content_url: str,
        account_sid: str,
        auth_token: str,
        *,
        client: httpx.Client | None = None,
        timeout: float = TWILIO_TIMEOUT_SECONDS,
    ) -> None:
        """Call the Content API at ``content_url`` as the account ``account_sid``."""
        self._base = content_url.rstrip("/")
        self._client = client or httpx.Client(timeout=timeout)
        self._auth = (account_sid, auth_token)

    def _request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        response = provider_answer(
            lambda: self._client.request(method, url, auth=self._auth, **kwargs),
            "the Content API",
        )
        if isinstance(response, SendResult):  # no answer at all
            raise TwilioApiError(None, None, response.error)
        if not response.is_success:
            code, text = _error_text(response)
            raise TwilioApiError(response.status_code, code, f"the Content API refused: {text}")
        return response

    def list(self) -> Iterator[ExistingContent]:
        """Every Content resource of the account, following ``meta.next_page_url``."""
        url: str | None = f"{self._base}/v1/Content"
        params: dict[str, Any] | None = {"PageSize": _PAGE_SIZE}
        while url:
            data = self._request("GET", url, params=params).json()
            params = None  # the next page's URL carries its own query
            if not isinstance(data, dict) or not isinstance(data.get("contents"), list):
                raise TwilioApiError(200, None, "the Content API answered without `contents`")
            for item in data["contents"]:
                if isinstance(item, dict) and isinstance(item.get("sid"), str):
                    yield ExistingContent(
                        sid=item["sid"],
                        friendly_name=str(item.get("friendly_name") or ""),
                        language=str(item.get("language") or ""),
                        variables=dict(item.get("variables") or {}),
                        types=dict(item.get("types") or {}),
                    )
            meta = data.get("meta")
            next_url = meta.get("next_page_url") if isinstance(meta, dict) else None
            url = next_url if isinstance(next_url, str) and next_url else None

    def create(self, template: ContentTemplate) -> str:
        """Create ``template``; its new SID."""
        data = self._request("POST", f"{self._base}/v1/Content", json=template.api_body()).json()
        sid = data.get("sid") if isinstance(data, dict) else None
        if not isinstance(sid, str) or not sid:
            raise TwilioApiError(201, None, "the Content API created a template without a sid")
        return sid

    def delete(self, sid: str) -> None:
        """Delete the Content resource ``sid``."""
        self._request("DELETE", f"{self._base}/v1/Content/{sid}")

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()


class ContentDirectory:
    """The ContentSid of each template name, looked up in the Content API and kept a while."""

    def __init__(
        self,
        api: ContentApi,
        *,
        ttl: float = DIRECTORY_TTL_SECONDS,
        retry: float = DIRECTORY_RETRY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Look names up through ``api``, again ``ttl`` seconds after a successful listing or
        ``retry`` seconds after a failed one."""
        self._api = api
        self._ttl = ttl
        self._retry = retry
        self._clock = clock
        self._sids: dict[str, str] = {}
        self._due = 0.0  # when to list again (0: at the first lookup)
        self._warned: set[str] = set()
        self._lock = threading.Lock()

    def sid_for(self, name: str) -> str | None:
        """The SID of the template ``name``, or None (plain text then) when it is unknown."""
        with self._lock:
            if self._clock() >= self._due:
                self._refresh()
            sid = self._sids.get(name)
            if sid is None and name not in self._warned:
                self._warned.add(name)
                _log.warning(
                    "twilio: no content template named %s (run `bijuli twilio sync-content`); "
                    "sending plain text",
                    name,
                )
            return sid

    def close(self) -> None:
        """Close the Content API's HTTP connections."""
        self._api.close()

    def forget(self) -> None:
        """Drop what was looked up: the next lookup lists the templates again."""
        with self._lock:
            self._due = 0.0

    def _refresh(self) -> None:
        try:
            sids: dict[str, str] = {}
            for content in self._api.list():
                sids.setdefault(content.friendly_name, content.sid)
        except TwilioApiError as exc:
            _log.warning("twilio: could not list the content templates (%s)", exc)
            self._due = self._clock() + self._retry
            return
        self._sids = sids
        self._warned.clear()
        self._due = self._clock() + self._ttl


# ----------------------------------------------------------------------------- Messages


def _chunks(text: str, limit: int) -> Iterator[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at line breaks where possible."""
    text = text.strip()
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = limit
        yield text[:cut].rstrip()
        text = text[cut:].lstrip()
    if text:
        yield text


def message_parts(
    reply: Reply, content_sid: Callable[[str], str | None] | None
) -> list[dict[str, str]]:
    """The Messages API fields (without To and From) that send ``reply``, one dict per message.

    ``content_sid`` looks up a template's SID (None: interactive replies are off). With a
    template: the media item alone first (if any), then ``ContentSid`` and
    ``ContentVariables``. Otherwise ``Body`` in pieces of at most 1,600 characters, the media
    item with the last one.
    """
    content = content_for(reply) if content_sid is not None else None
    sid = content_sid(content[0]) if content is not None and content_sid is not None else None
    if content is not None and sid is not None:
        parts: list[dict[str, str]] = []
        if reply.media is not None:
            parts.append({"MediaUrl": reply.media.url})
        variables = json.dumps(content[1], ensure_ascii=False, separators=(",", ":"))
        parts.append({"ContentSid": sid, "ContentVariables": variables})
        return parts
    parts = [{"Body": chunk} for chunk in _chunks(reply.text, MAX_TEXT_BODY)]
    if reply.media is not None:
        if parts:
            parts[-1]["MediaUrl"] = reply.media.url
        else:
            parts.append({"MediaUrl": reply.media.url})
    return parts


class TwilioTransport:
    """The ``twilio`` transport: replies to WhatsApp (and SMS) users through Twilio's REST API."""

    name: str = "twilio"

    def __init__(
        self,
        api_url: str,
        account_sid: str,
        auth_token: str,
        *,
        messaging_service_sid: str | None = None,
        directory: ContentDirectory | None = None,
        interactive: bool = True,
        client: httpx.Client | None = None,
        timeout: float = TWILIO_TIMEOUT_SECONDS,
    ) -> None:
        """Send as ``account_sid`` through the REST API at ``api_url``; templates' SIDs come
        from ``directory`` (without one, or with ``interactive`` off, every reply is text)."""
        self._url = f"{api_url.rstrip('/')}/2010-04-01/Accounts/{account_sid}/Messages.json"
        self._auth = (account_sid, auth_token)
        self._messaging_service_sid = messaging_service_sid
        self._directory = directory
        self._interactive = interactive
        self._client = client or httpx.Client(timeout=timeout)
        self._sent = SentParts()

    def send(self, envelope: Envelope, index: int) -> SendResult:
        """Send reply ``index`` of ``envelope``; never raises for what Twilio answers."""
        if not self._messaging_service_sid and not envelope.sender:
            return SendResult(ok=False, error="no sender: the envelope has no From number")
        directory = self._directory if self._interactive else None
        parts = message_parts(
            envelope.replies[index], directory.sid_for if directory is not None else None
        )

        def post(part: int, fields: dict[str, str]) -> SendResult:
            token = f"{envelope.key}:{index}" + (f":{part}" if part else "")
            return self._post(self._addressed(envelope, fields), token)

        return self._sent.send(envelope.key, index, parts, post)

    def close(self) -> None:
        """Close the HTTP connections (the Content API's too)."""
        self._client.close()
        if self._directory is not None:
            self._directory.close()

    def _addressed(self, envelope: Envelope, fields: dict[str, str]) -> dict[str, str]:
        addressed = {"To": envelope.address}
        if self._messaging_service_sid:
            addressed["MessagingServiceSid"] = self._messaging_service_sid
        else:
            addressed["From"] = envelope.sender
        return {**addressed, **fields}

    def _post(self, fields: dict[str, str], token: str) -> SendResult:
        answer = provider_answer(
            lambda: self._client.post(
                self._url, data=fields, auth=self._auth, headers={IDEMPOTENCY_HEADER: token}
            ),
            "Twilio",
        )
        if isinstance(answer, SendResult):
            return answer
        if answer.is_success:
            return SendResult(ok=True, provider_id=_message_sid(answer))
        code, error = _error_text(answer)
        replaced = False
        if code == INVALID_CONTENT_SID and self._directory is not None:
            self._directory.forget()  # the templates were replaced: look them up again
            replaced = True
        result = unaccepted(answer, error, retry=replaced)
        if not result.retry:
            _log.warning("twilio refused a message: %s", error)
        return result


def _message_sid(response: httpx.Response) -> str:
    """The ``sid`` of a created message ("" when the answer has none)."""
    data = json_object(response)
    sid = data.get("sid") if data is not None else None
    return sid if isinstance(sid, str) else ""


def transport_from_settings(settings: Settings) -> TwilioTransport | None:
    """The transport the settings describe; None while TWILIO_ACCOUNT_SID or
    TWILIO_AUTH_TOKEN is unset (every Twilio reply is then TwiML text in the webhook)."""
    if settings.twilio_account_sid is None or settings.twilio_auth_token is None:
        return None
    token = settings.twilio_auth_token.get_secret_value()
    directory = (
        ContentDirectory(
            ContentApi(settings.twilio_content_url, settings.twilio_account_sid, token)
        )
        if settings.interactive
        else None
    )
    return TwilioTransport(
        settings.twilio_api_url,
        settings.twilio_account_sid,
        token,
        messaging_service_sid=settings.twilio_messaging_service_sid,
        directory=directory,
        interactive=settings.interactive,
    )
