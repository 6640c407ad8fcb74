"""``/webhooks/meta``: Meta's WhatsApp Cloud API webhook, answered at once, replies by outbox.

``GET``  the subscription check Meta makes when the webhook is set up: the challenge is echoed
         when ``hub.verify_token`` is META_VERIFY_TOKEN, else 403 (503 while it is unset).
``POST`` events. In order:

1. no META_APP_SECRET configured -> 503 (unsigned events are never accepted);
2. the body is read, at most :data:`MAX_EVENT_BYTES`, within the body deadline (413/408);
3. ``X-Hub-Signature-256`` is checked over the raw bytes -> 403 on a missing or forged one,
   before anything is parsed, stored or sent;
4. a body that is not a JSON object -> 400; delivery receipts and unknown events are skipped;
5. each user message runs through the pipeline (store, lock, idempotency, engine) in a worker
   thread, addressed ``whatsapp:+<wa_id>`` so that a number is one user on Meta and Twilio,
   and its replies are put in the outbox as one envelope keyed ``meta:<wamid>``;
6. 200 ``{"status": "ok"}``: the replies leave through the outbox's ``meta`` transport.

Meta delivers at least once and retries an event for days until it gets a 200. A redelivered
message id gets its recorded replies from the pipeline and the outbox refuses the envelope's
key a second time, so nothing is answered twice; a session store or outbox that fails answers
503 so that Meta redelivers the event later, and the messages of it already handled are then
recognised by their ids.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Final

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse

from bot.admission import Admission
from bot.channels.meta import (
    SIGNATURE_HEADER,
    MetaMessage,
    PayloadError,
    is_signed,
    parse_webhook,
    subscription_challenge,
)
from bot.channels.webhook_turns import OutboxReplies, RedeliverError
from bot.config import Settings
from bot.inbound import Reply
from bot.outbox.base import Envelope, Outbox
from bot.pipeline import Pipeline
from bot.request_bodies import read_body_or_refusal

__all__ = ["MAX_EVENT_BYTES", "META_TRANSPORT", "WEBHOOK_PATH", "add_meta_routes"]

#: Where Meta calls (the callback URL is ``https://<public host>/webhooks/meta``).
WEBHOOK_PATH: Final = "/webhooks/meta"
#: Largest event body read. Meta's message events are a few kilobytes; bigger bodies get 413.
MAX_EVENT_BYTES: Final = 64 * 1024
#: The name of the outbox transport that sends the replies (:class:`~bot.channels.
#: meta_transport.MetaTransport`).
META_TRANSPORT: Final = "meta"
_OK: Final = {"status": "ok"}

_log = logging.getLogger("bot.channels.meta")


def add_meta_routes(
    app: FastAPI,
    pipeline: Pipeline,
    outbox: Outbox,
    settings: Settings,
    *,
    admission: Admission | None = None,
) -> None:
    """Add ``GET`` and ``POST`` :data:`WEBHOOK_PATH` to ``app``.

    Turns run through ``pipeline``, replies are put in ``outbox`` for the ``meta`` transport;
    ``admission``, when given, is the app's limit on turns at once (a message that cannot
    start in time is answered "busy, send it again", unapplied, as on Twilio).
    """
    app_secret = settings.meta_app_secret.get_secret_value() if settings.meta_app_secret else None
    verify_token = (
        settings.meta_verify_token.get_secret_value() if settings.meta_verify_token else None
    )
    if app_secret is None:
        _log.info("META_APP_SECRET is not set: %s answers 503", WEBHOOK_PATH)
    replies = OutboxReplies(
        pipeline, outbox, admission, _log, "a Meta reply", "a redelivered Meta message"
    )

    @app.get(
        WEBHOOK_PATH,
        response_class=PlainTextResponse,
        tags=["channels"],
        summary="Meta webhook verification (hub.challenge)",
        responses={
            200: {"content": {"text/plain": {}}, "description": "The challenge, echoed"},
            403: {"description": "Wrong mode or verify token"},
            503: {"description": "META_VERIFY_TOKEN is not configured"},
        },
    )
    async def meta_verify(request: Request) -> Response:
        if verify_token is None:
            _log.error("refused Meta's webhook verification: META_VERIFY_TOKEN is not set")
            return PlainTextResponse("META_VERIFY_TOKEN is not configured\n", status_code=503)
        challenge = subscription_challenge(request.query_params, verify_token)
        if challenge is None:
            _log.warning("refused a Meta webhook verification with a wrong mode or token")
            return PlainTextResponse("verification refused\n", status_code=403)
        _log.info("Meta webhook verified")
        return PlainTextResponse(challenge)

    @app.post(
        WEBHOOK_PATH,
        tags=["channels"],
        summary="Meta WhatsApp Cloud API webhook (messages)",
        responses={
            200: {"description": 'Accepted: `{"status": "ok"}`; replies go by the outbox'},
            400: {"description": "The signed body is not a JSON object"},
            403: {"description": "Missing or invalid X-Hub-Signature-256"},
            413: {"description": f"The body is larger than {MAX_EVENT_BYTES} bytes"},
            503: {"description": "META_APP_SECRET is not configured, or the store is down"},
        },
    )
    async def meta_webhook(request: Request) -> Response:
        if app_secret is None:
            _log.error("refused a Meta webhook: META_APP_SECRET is not set")
            return PlainTextResponse("META_APP_SECRET is not configured\n", status_code=503)
        body = await read_body_or_refusal(request, MAX_EVENT_BYTES)
        if isinstance(body, Response):
            return body
        signature = request.headers.get(SIGNATURE_HEADER)
        if not is_signed(app_secret, body, signature):
            _log.warning(
                "refused a Meta webhook with a %s signature",
                "missing" if not signature else "wrong",
            )
            return PlainTextResponse("invalid signature\n", status_code=403)
        try:
            messages = parse_webhook(body)
        except PayloadError as exc:
            _log.warning("refused a signed Meta webhook: %s", exc)
            return PlainTextResponse(f"{exc}\n", status_code=400)
        try:
            for message in messages:
                if _for_this_number(message, settings.meta_phone_number_id):
                    await replies.answer(
                        message.address, message.inbound, partial(_envelope, message)
                    )
        except RedeliverError as exc:
            return PlainTextResponse(f"{exc}; deliver it again later\n", status_code=503)
        return JSONResponse(_OK)


def _for_this_number(message: MetaMessage, phone_number_id: str | None) -> bool:
    """Whether ``message`` was sent to our business number (an app may serve several)."""
    if phone_number_id and message.phone_number_id and message.phone_number_id != phone_number_id:
        _log.info("skipped a Meta message to another business number")
        return False
    return True


def _envelope(message: MetaMessage, user: str, replies: list[Reply]) -> Envelope:
    """The envelope of ``message``'s replies: keyed by its wamid, to its WhatsApp id, from
    the business number it was sent to."""
    return Envelope(
        key=f"meta:{message.inbound.message_id}",
        user=user,
        transport=META_TRANSPORT,
        address=message.wa_id,
        sender=message.phone_number_id if message.phone_number_id.isdigit() else "",
        replies=tuple(replies),
    )
