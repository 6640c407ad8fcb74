"""``/webhooks/sms-gateway``: SMS forwarded by an Indian gateway (Exotel), replies by outbox.

Exotel forwards an incoming SMS as a form-encoded ``POST`` (its inbound SMS webhook) or as the
query string of a ``GET`` (the passthru applet; it may ask with ``HEAD`` first). Both are
answered here, at ``/webhooks/sms-gateway/<SMS_GATEWAY_INBOUND_TOKEN>`` (Exotel cannot add
headers) or at ``/webhooks/sms-gateway`` with the token in the ``X-Sms-Gateway-Token`` header
(for a proxy that can). In order:

1. no SMS_GATEWAY_INBOUND_TOKEN configured -> 503 (unauthenticated forwards are refused);
2. a missing or wrong token -> 403, before anything is read, stored or sent;
3. the fields (the query string, or a body of at most :data:`MAX_FORWARD_BYTES` read within
   the body deadline: 413/408) are parsed: no Indian sender or no ``Body`` -> 400;
4. the turn runs through the pipeline in a worker thread, addressed by the bare ``+91…``
   number, so a number is one user on Twilio SMS and on the gateway;
5. the replies are put in the outbox as one envelope keyed ``smsgw:<SmsSid>`` for the
   ``sms_gateway`` transport, which sends them as DLT template SMS;
6. 200 with an empty ``text/plain`` body: Exotel sends nothing itself (a non-empty body
   would be sent as a reply outside the DLT templates).

A forward repeated by the gateway gets its recorded replies from the pipeline and the outbox
refuses the envelope's key a second time, so nothing is answered twice. A session store or
outbox that fails answers 503.

The access log would show the token in the path and, for a ``GET``, the sender's number and
text in the query: :class:`RedactedAccessLog` replaces both before a line is written.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from functools import partial
from typing import Final
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request, Response
from fastapi.responses import PlainTextResponse

from bot.admission import Admission
from bot.channels.sms_gateway import (
    TOKEN_HEADER,
    ForwardError,
    SmsForward,
    parse_forward,
    token_matches,
)
from bot.channels.sms_gateway_transport import SMS_GATEWAY_TRANSPORT
from bot.channels.webhook_turns import OutboxReplies, RedeliverError
from bot.config import Settings
from bot.inbound import Reply
from bot.outbox.base import Envelope, Outbox
from bot.pipeline import FALLBACK_LANGUAGE, Pipeline
from bot.request_bodies import read_body_or_refusal
from bot.understanding import detect_language

__all__ = ["MAX_FORWARD_BYTES", "WEBHOOK_PATH", "RedactedAccessLog", "add_sms_gateway_routes"]

#: Where the gateway forwards to (the token follows as one more path segment).
WEBHOOK_PATH: Final = "/webhooks/sms-gateway"
#: Largest forward body read: an SMS and a few fields are well under this.
MAX_FORWARD_BYTES: Final = 16 * 1024
_ANSWERS: Final[dict[int | str, dict[str, object]]] = {
    200: {"description": "Accepted (empty text/plain); the replies go by the outbox"},
    400: {"description": "No Indian sender number or no Body"},
    403: {"description": "Missing or wrong inbound token"},
    413: {"description": f"The body is larger than {MAX_FORWARD_BYTES} bytes"},
    503: {"description": "SMS_GATEWAY_INBOUND_TOKEN is not configured, or the store is down"},
}

_TOKEN_PARAMETER: Final = {
    "name": "path_token",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": "SMS_GATEWAY_INBOUND_TOKEN",
}

_log = logging.getLogger("bot.channels.sms_gateway")


class RedactedAccessLog(logging.Filter):
    """Rewrites uvicorn's access-log lines for the gateway's path: the token segment and the
    query string (an Exotel ``GET`` carries the sender's number and text) are replaced."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the path argument of an access record under :data:`WEBHOOK_PATH`."""
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            path = args[2]
            if path.startswith(WEBHOOK_PATH):
                redacted = WEBHOOK_PATH + ("/…" if path[len(WEBHOOK_PATH) :][:1] == "/" else "")
                if "?" in path:
                    redacted += "?…"
                record.args = (*args[:2], redacted, *args[3:])
        return True


def add_sms_gateway_routes(
    app: FastAPI,
    pipeline: Pipeline,
    outbox: Outbox,
    settings: Settings,
    *,
    admission: Admission | None = None,
) -> None:
    """Add ``GET``, ``HEAD`` and ``POST`` :data:`WEBHOOK_PATH` (with and without the token
    segment) to ``app``.

    Turns run through ``pipeline``; replies are put in ``outbox`` for the ``sms_gateway``
    transport. ``admission``, when given, is the app's limit on turns at once (a message that
    cannot start in time is answered "busy, send it again", unapplied).
    """
    token = (
        settings.sms_gateway_inbound_token.get_secret_value()
        if settings.sms_gateway_inbound_token
        else None
    )
    keyword = settings.sms_gateway_keyword
    if token is None:
        _log.info("SMS_GATEWAY_INBOUND_TOKEN is not set: %s answers 503", WEBHOOK_PATH)
    replies = OutboxReplies(
        pipeline, outbox, admission, _log, "an SMS gateway reply", "a repeated SMS forward"
    )
    access_log = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactedAccessLog) for f in access_log.filters):
        access_log.addFilter(RedactedAccessLog())

    def refusal(request: Request, path_token: str | None) -> Response | None:
        """503 or 403 when the forward may not be read; None when its token is right."""
        if token is None:
            _log.error("refused an SMS gateway forward: SMS_GATEWAY_INBOUND_TOKEN is not set")
            return PlainTextResponse("SMS_GATEWAY_INBOUND_TOKEN is not configured\n", 503)
        given = path_token if path_token is not None else request.headers.get(TOKEN_HEADER)
        if not token_matches(token, given):
            _log.warning(
                "refused an SMS gateway forward with a %s token",
                "missing" if not given else "wrong",
            )
            return PlainTextResponse("invalid token\n", status_code=403)
        return None

    async def forward(request: Request, path_token: str | None) -> Response:
        refused = refusal(request, path_token)
        if refused is not None:
            return refused
        if request.method == "HEAD":  # Exotel's check of the URL before its first GET
            return PlainTextResponse("")
        if request.method == "GET":
            fields: Mapping[str, str] = dict(request.query_params)
        else:
            body = await read_body_or_refusal(request, MAX_FORWARD_BYTES)
            if isinstance(body, Response):
                return body
            parsed = _fields(body, request.headers.get("content-type", ""))
            if parsed is None:
                return PlainTextResponse("the body is not a form or a JSON object\n", 400)
            fields = parsed
        try:
            message = parse_forward(fields, keyword)
        except ForwardError as exc:
            _log.warning("refused an SMS gateway forward: %s", exc)
            return PlainTextResponse(f"{exc}\n", status_code=400)
        try:
            await replies.answer(message.number, message.inbound, partial(_envelope, message))
        except RedeliverError as exc:
            return PlainTextResponse(f"{exc}; forward it again later\n", status_code=503)
        return PlainTextResponse("")

    # The token is read from the path by hand: any text is a valid path segment (a wrong one
    # is a 403), so there is nothing for FastAPI to validate or to document as a 422.
    async def sms_gateway_with_token(request: Request) -> Response:
        return await forward(request, str(request.path_params["path_token"]))

    async def sms_gateway(request: Request) -> Response:
        return await forward(request, None)

    routes = (
        (WEBHOOK_PATH + "/{path_token}", sms_gateway_with_token, "the token in the path"),
        (WEBHOOK_PATH, sms_gateway, f"the token in {TOKEN_HEADER}"),
    )
    for path, endpoint, where in routes:
        for method in ("GET", "POST", "HEAD"):
            app.add_api_route(
                path,
                endpoint,
                methods=[method],
                response_class=PlainTextResponse,
                tags=["channels"],
                summary=f"Indian SMS gateway forward (Exotel, {method}), {where}",
                responses=_ANSWERS,
                operation_id=f"sms_gateway_{method.lower()}" + ("_token" if "{" in path else ""),
                # HEAD is Exotel's look at the URL before a GET: not an operation of its own.
                include_in_schema=method != "HEAD",
                openapi_extra={"parameters": [_TOKEN_PARAMETER]} if "{" in path else None,
            )


def _fields(body: bytes, content_type: str) -> dict[str, str] | None:
    """A forward body's fields: form-encoded (Exotel's webhook) or a flat JSON object."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if content_type.split(";")[0].strip().lower() == "application/json":
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        return {str(k): str(v) for k, v in data.items() if isinstance(v, str | int | float)}
    return dict(parse_qsl(text, keep_blank_values=True))


def reply_language(replies: list[Reply], fallback: str) -> str:
    """The language the replies are written in (their script says it), else ``fallback``:
    the transport matches them against that language's templates."""
    for reply in replies:
        language = detect_language(reply.text)
        if language is not None:
            return language
    return fallback


def _envelope(message: SmsForward, user: str, replies: list[Reply]) -> Envelope:
    """The envelope of ``message``'s replies: keyed by its SmsSid, to its number, in the
    language the replies are written in."""
    fallback = detect_language(message.inbound.body) or FALLBACK_LANGUAGE
    return Envelope(
        key=f"smsgw:{message.message_id}",
        user=user,
        transport=SMS_GATEWAY_TRANSPORT,
        address=message.number,
        language=reply_language(replies, fallback),
        replies=tuple(replies),
    )
