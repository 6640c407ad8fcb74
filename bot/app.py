"""The web service: Twilio's webhook around the conversation engine, a health check, a bill API.

Routes::

    POST /webhooks/twilio     WhatsApp / SMS messages from Twilio, answered with TwiML
    GET|POST /webhooks/meta   Meta's WhatsApp Cloud API: the subscription check, and signed
                              events answered 200 at once, replies by the outbox
                              (bot.channels.meta_routes)
    GET  /healthz             200 {"status": "ok", "month": "YYYY-MM"} when the session store
                              answers, else 503; ``month`` is the month new conversations are
                              billed for (``bijuli script run --against`` compares it)
    POST /api/v1/estimate     a tariff_core BillRequest (JSON) -> its BillEstimate
    POST /api/v1/check        what a printed bill says (BillCheckRequest, JSON, at most
                              MAX_CHECK_BYTES) -> BillCheck: each amount against the order,
                              each difference's likely cause; 413 when larger, 422 with a
                              TariffProblem that never repeats the input when invalid
    GET  /api/v1/categories   the tariff's categories (for the month given, or the latest order)
    GET  /media/{token}       a voice note sent beside a reply (bot.media.routes): 404 once its
                              link expired or its user's data was deleted

One webhook turn, in order:

1. no ``TWILIO_AUTH_TOKEN`` configured -> 503 (logged): unsigned requests are never accepted;
2. signature checked over BIJULI_PUBLIC_URL + path + query -> 403 on a missing or forged one,
   before anything is read or written;
3. under the user's lock (``store.open(user_key(From))``): a ``MessageSid`` already answered
   gets the recorded TwiML again (a Twilio retry never advances the conversation); otherwise
   the engine turns the session and the message into a new session and replies, and the
   session is saved together with the TwiML for that ``MessageSid``.

"Delete my data" and idempotency: when the engine asks to delete, the user's session and
every reply recorded for them are deleted, and so is the same number's conversation on the
other channel (WhatsApp and SMS), so nothing stays under the number's keys. To still answer a
retry of that message the same way, the TwiML is kept for TOMBSTONE_TTL_SECONDS under a
*tombstone* key: the keyed hash of the ``MessageSid`` (:func:`bot.stores.message_key`), which
cannot be linked back to the user's key or number without the secret and Twilio's logs. The
tombstone is consulted only when the user has no session or the engine asks to delete, so
ordinary turns pay nothing for it; a delete whose tombstone exists (a retry, or a replayed
signed request) is answered from it and deletes nothing, so it never wipes a conversation
begun after it. A retry arriving in the instant between the deletion's commit and the
tombstone's write would be treated as a first message; Twilio retries only after 15 s.

Admission control: a worker runs at most MAX_TURNS_IN_FLIGHT turns at once. A message that
cannot start within BIJULI_TURN_DEADLINE_SECONDS (5) is answered at once with BUSY_SEND_AGAIN
in its language and is not applied, so no reply is late for Twilio's 15 s limit.

Errors: a session-store failure (the store's own errors, SQLite's, Redis's) is answered 503,
so Twilio uses the fallback URL, and is logged with one traceback per kind per interval. A user
whose lock cannot be taken in time (:class:`~bot.stores.StoreBusyError`), or whose lock lapsed
before the commit (:class:`~bot.stores.LockLostError`), gets BUSY_SEND_AGAIN: nothing was
applied. Any other exception inside a turn (an engine bug) is answered (HTTP 200) with
TRY_AGAIN_LATER in the user's language. The store commits nothing when its block raises, so the
session is unchanged. Users never see exception text.

Privacy: phone numbers and message bodies are never logged at INFO; log lines name users by
the first characters of their keyed hash.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib.resources
import json
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any, Final

from fastapi import APIRouter, FastAPI, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope

from bot import observability
from bot.admission import Admission
from bot.appliances_api import appliances_router
from bot.channels.meta_routes import add_meta_routes
from bot.channels.sms_gateway_routes import add_sms_gateway_routes
from bot.channels.twilio import (
    SIGNATURE_HEADER,
    FormError,
    is_signed,
    parse_form,
    parse_inbound,
    public_request_url,
    render_twiml,
)
from bot.channels.webhook_turns import admitted_turn
from bot.config import Settings
from bot.console.client_address import parse_trusted_proxies
from bot.console.routes import add_console
from bot.console.store import open_console_store
from bot.direct_routes import DirectRoutes, Endpoint
from bot.media.card_route import card_router
from bot.media.conversation import ConversationMedia
from bot.media.delivery import MediaService
from bot.media.routes import media_router
from bot.outbox import Envelope, Outbox, OutboxError
from bot.outbox.sender import WOKEN_IDLE_SECONDS, Sender
from bot.outbox.setup import (
    SenderThreads,
    WakingOutbox,
    configured_transports,
    embedded,
    open_outbox,
    report_depth,
)
from bot.pipeline import (
    TOMBSTONE_TTL_SECONDS,
    Handler,
    Pipeline,
    StoreUnavailableError,
)
from bot.request_bodies import (
    CLOSE_CONNECTION,
    BodyRefusedError,
    read_body_or_refusal,
    read_capped,
)
from bot.stores import (
    SessionStore,
    open_store,
)
from bot.webchat import add_webchat
from tariff_core import BillEstimate, BillRequest, TariffError, default_tariff, estimate
from tariff_core.check import BillCheck, BillCheckRequest, check_bill, coerce_check_request
from tariff_core.errors import TariffNotInForceError, UnknownCategoryError

__all__ = [
    "API_VERSION",
    "MAX_FORM_BYTES",
    "TWIML_MEDIA_TYPE",
    "CategoryInfo",
    "Handler",
    "Health",
    "TariffProblem",
    "create_app",
]

#: The version shown in the OpenAPI document.
API_VERSION: Final = "0.1.0"
#: Content type of every webhook answer.
TWIML_MEDIA_TYPE: Final = "application/xml"
#: Largest webhook body read. Twilio's forms are a few kilobytes; bigger bodies get 413.
MAX_FORM_BYTES: Final = 64 * 1024
#: Largest bill-check body read: a full printed bill is well under 2 KB; bigger bodies get 413.
MAX_CHECK_BYTES: Final = 16 * 1024
#: Largest body of any other API request (an estimate is a few hundred bytes); 413 above.
MAX_API_BYTES: Final = 16 * 1024
#: How long a request body may take to arrive; a slower one gets 408. Below Twilio's 15 s
#: webhook deadline, and far above what a real client needs for 64 KB.
BODY_READ_TIMEOUT_SECONDS: Final = 10.0
#: Turns one worker runs at once. Turns are CPU-bound and take milliseconds; more at once only
#: makes every one of them slower. Messages beyond this wait (up to the turn deadline) in turn.
MAX_TURNS_IN_FLIGHT: Final = 8
#: Longest wait for a user's lock (Redis) or lock row and write (SQLite): a live holder takes
#: milliseconds and a crashed one's lock goes within 1.5 s (Redis's lease; SQLite checks the
#: pid), so waiting longer would only spend the reply's time budget: the admission wait (up to
#: the turn deadline) plus this stays below 10 s.
LOCK_WAIT_SECONDS: Final = 2.0
#: How often expired sessions are purged from stores that do not expire keys themselves.
PURGE_INTERVAL_SECONDS: Final = 60 * 60
#: How often a SQLite store's WAL is copied into its file, off the event loop.
CHECKPOINT_INTERVAL_SECONDS: Final = 0.5
#: Swagger UI's and ReDoc's scripts, styles and icon, as the fastapi-offline package ships them.
_DOCS_ASSETS: Final = Path(str(importlib.resources.files("fastapi_offline") / "static"))

# Per-route body caps of the API (others: MAX_API_BYTES), and how much of a field name and a
# validation message a TariffProblem may carry: never the input, and never much of anything.
_BODY_LIMITS: Final = {"/api/v1/check": MAX_CHECK_BYTES}
_MAX_FIELD_CHARS: Final = 60
_MAX_MESSAGE_CHARS: Final = 200


_log = logging.getLogger(__name__)


class TariffProblem(BaseModel):
    """Why a bill request could not be estimated."""

    error: str = Field(description="What is wrong with the request and what to do about it.")
    field: str | None = Field(default=None, description="The request field at fault, if one.")


class CategoryInfo(BaseModel):
    """One consumer category of the tariff order."""

    id: str = Field(description="Serial number in the schedule, e.g. `1.b`.")
    slug: str = Field(description="Stable name, usable as `category` in a bill request.")
    name: str
    voltage: str = Field(description="LT, HT or EHT.")
    energy_unit: str = Field(description="What units are billed in: kWh or kVAh.")
    demand_unit: str = Field(description="Unit of contract demand: kW or kVA.")
    asks: list[str] = Field(description="Figures the bill can use beyond units.")
    requires: list[str] = Field(description="Figures the bill cannot be made without.")


class Health(BaseModel):
    """The answer of ``GET /healthz``."""

    status: str = Field(description="`ok`, or `unavailable` when the session store is down.")
    month: str = Field(
        description="YYYY-MM: the consumption month a new conversation is billed for "
        "(BIJULI_MONTH when set, else the current month in Asia/Kolkata)."
    )
    store: str | None = Field(default=None, description="`down` when the store does not answer.")


def _billing_month(pinned: dt.date | None, now: dt.datetime) -> str:
    """The month the engine bills a new conversation for, as YYYY-MM (see ``engine._month``)."""
    from bot.conversation.engine import TIMEZONE

    if pinned is not None:
        return pinned.strftime("%Y-%m")
    local = now.astimezone(TIMEZONE) if now.tzinfo else now  # as the engine reads its clock
    return local.strftime("%Y-%m")


def _queue(outbox: Outbox, envelope: Envelope) -> bool:
    """Put ``envelope`` in the outbox (a key already put counts as queued); False when the
    outbox failed, so the caller answers inline instead and nothing is lost."""
    try:
        outbox.put(envelope)
    except OutboxError as exc:
        observability.count_store_error(exc)
        _log.warning("outbox: %s; answered inline instead", exc)
        return False
    return True


def _default_handler() -> Handler:
    from bot.conversation.engine import handle

    return handle


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# The body reader shared with the other channels' routes (bot.request_bodies).
_CLOSE: Final = CLOSE_CONNECTION
_BodyRefusedError = BodyRefusedError
_read_capped = read_capped


class _ReadRequest(Request):
    """A request whose body has already been read (by :func:`_read_capped`)."""

    def __init__(self, scope: Scope, receive: Receive, body: bytes) -> None:
        super().__init__(scope, receive)
        self._read = body

    async def body(self) -> bytes:
        """The body read before the route ran."""
        return self._read


class _ApiRoute(APIRoute):
    """An API route whose body is read with :func:`_read_capped` and whose validation errors
    are a :class:`TariffProblem` that never repeats the input.

    The body is read (at most :data:`MAX_API_BYTES`, or the route's entry in
    :data:`_BODY_LIMITS`) before FastAPI parses it, so no route ever holds an unbounded body,
    and a too-large or too-slow body gets the same 413/408 answer on every route.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """FastAPI's handler, behind the body cap and the validation-error rewrite."""
        handler = super().get_route_handler()
        limit = _BODY_LIMITS.get(self.path, MAX_API_BYTES)

        async def bounded(request: Request) -> Response:
            if request.method in ("POST", "PUT", "PATCH"):
                try:
                    timeout: float = request.app.state.body_timeout_seconds
                    body = await _read_capped(request, limit, timeout)
                except _BodyRefusedError as refused:
                    problem = TariffProblem(error=refused.reason)
                    return JSONResponse(
                        problem.model_dump(), status_code=refused.status, headers=_CLOSE
                    )
                request = _ReadRequest(request.scope, request.receive, body)
            try:
                return await handler(request)
            except RequestValidationError as exc:
                return JSONResponse(_validation_problem(exc).model_dump(), status_code=422)

        return bounded


def _validation_problem(exc: RequestValidationError) -> TariffProblem:
    """The first of FastAPI's validation errors, naming the field but never the input."""
    errors = exc.errors()
    if not errors:
        return TariffProblem(error="the request is not valid")
    first = errors[0]
    location = [str(part) for part in first.get("loc", ()) if part not in ("body", "query")]
    # Only the start of a field name: a hostile request may send a huge key.
    where = ".".join(location)[:_MAX_FIELD_CHARS] or None
    message = str(first.get("msg", "is not valid"))[:_MAX_MESSAGE_CHARS]
    return TariffProblem(error=f"{where}: {message}" if where else message, field=where)


async def _purge_once(store: object) -> None:
    """Delete what has expired from a store that keeps it (SQLite sessions, the media links
    and their files; Redis expires keys itself). A failure is logged and never stops the
    service."""
    purge: Callable[[], int] | None = getattr(store, "purge_expired", None)
    if purge is None:
        return
    try:
        removed = await run_in_threadpool(purge)
    except Exception:  # a busy or broken store: try again next time
        _log.warning("housekeeping: could not purge %s", type(store).__name__, exc_info=True)
        return
    if removed:
        _log.info("housekeeping: removed %d expired rows from %s", removed, type(store).__name__)


async def _check_shared_hash_key(store: SessionStore, secret: bytes) -> None:
    """Log an error when other instances on ``store`` hash numbers with another key (see
    :func:`bot.observability.shares_hash_key`); a store that does not answer is only noted."""
    try:
        await run_in_threadpool(observability.shares_hash_key, store, secret)
    except Exception as exc:  # start-up goes on: /readyz reports the store
        _log.warning(
            "could not compare BIJULI_HASH_KEY with other instances (%s)", type(exc).__name__
        )


async def _checkpoint_periodically(store: object) -> None:
    """Copy a SQLite store's WAL into its file every CHECKPOINT_INTERVAL_SECONDS, in a worker
    thread, so that no turn on the event loop waits for the copy (see
    :meth:`~bot.stores.sqlite.SQLiteSessionStore.checkpoint`). Failures are logged, once per
    kind per interval, and never stop it."""
    checkpoint: Callable[[], object] | None = getattr(store, "checkpoint", None)
    if checkpoint is None:
        return
    failures = observability.FailureLog()
    while True:
        await asyncio.sleep(CHECKPOINT_INTERVAL_SECONDS)
        try:
            await run_in_threadpool(checkpoint)
        except Exception as exc:  # a busy or broken store: the turns' backstop copies it
            failures.report(_log, "housekeeping: could not checkpoint the session store", exc)


async def _purge_periodically(*stores: object) -> None:
    while True:
        await asyncio.sleep(PURGE_INTERVAL_SECONDS)
        for store in stores:
            await _purge_once(store)


def create_app(
    settings: Settings,
    *,
    store: SessionStore | None = None,
    handler: Handler | None = None,
    clock: Callable[[], dt.datetime] = _now,
    metrics_token: str | None = None,
    body_timeout_seconds: float = BODY_READ_TIMEOUT_SECONDS,
) -> FastAPI:
    """Build the service from ``settings``.

    ``store`` replaces the store named by the settings (the app then does not close it);
    ``handler`` replaces the conversation engine; ``clock`` gives the time of each turn;
    ``metrics_token``, when given, is the bearer token ``GET /metrics`` requires; a request
    body slower than ``body_timeout_seconds`` to arrive gets 408.
    """
    owned = store is None
    the_store = store if store is not None else _open_configured_store(settings)
    tombstones = _open_tombstone_store(settings) if owned else None
    webhook = Pipeline(
        store=the_store,
        secret=settings.hash_secret(),
        handle=handler or _default_handler(),
        month=settings.month,
        clock=clock,
        tombstones=tombstones,
    )
    token = settings.twilio_auth_token.get_secret_value() if settings.twilio_auth_token else None
    if token is None:
        _log.warning("TWILIO_AUTH_TOKEN is not set: the Twilio webhook will answer 503")
    admission = Admission(MAX_TURNS_IN_FLIGHT, settings.turn_deadline_seconds)
    outbox = open_outbox(settings)
    transports = configured_transports(settings)
    # Twilio's buttons and lists go by its REST API, through the outbox; without an account
    # to send from (or with interactive replies off) every reply is TwiML text, as before.
    twilio_by_api = settings.interactive and "twilio" in transports.by_name
    sender = (
        SenderThreads(
            Sender(
                outbox, transports, lease=settings.outbox_lease_seconds, idle=WOKEN_IDLE_SECONDS
            ),
            count=settings.outbox_senders,
        )
        if settings.outbox_sender and embedded(settings)
        else None
    )
    if sender is not None:  # a put wakes this worker's sender: the reply leaves at once
        outbox = WakingOutbox(outbox, sender.sender.wake)
    console_store = open_console_store(settings.session_store_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await _purge_once(the_store)  # at start-up, then every PURGE_INTERVAL_SECONDS
        if owned and settings.session_store_url.startswith(("redis://", "rediss://")):
            # Several instances share a Redis store: their hashing keys must be the same.
            await _check_shared_hash_key(the_store, webhook.secret)
        housekeeping = asyncio.create_task(_purge_periodically(the_store, media.store))
        checkpoints = asyncio.create_task(_checkpoint_periodically(the_store))
        report_depth(outbox)
        if sender is not None:
            sender.start()
        try:
            yield
        finally:
            if sender is not None:
                await run_in_threadpool(sender.stop)
            await run_in_threadpool(transports.close)  # the providers' HTTP connections
            report_depth(None)
            outbox.close()
            await run_in_threadpool(media.close)
            for task in (housekeeping, checkpoints):
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task
            if owned:
                the_store.close()
            if tombstones is not None:
                tombstones.close()
            console_store.close()

    app = FastAPI(
        title="Bijuli",
        summary="Odisha electricity bill estimates over WhatsApp and SMS, and as an API.",
        description=(
            "Bijuli (ବିଜୁଳି) estimates Odisha electricity bills under the OERC Retail Supply "
            "Tariff, in Odia, Hindi and English.\n\n"
            "* `POST /webhooks/twilio` is Twilio's webhook for WhatsApp and SMS (signed "
            "requests only; answers TwiML).\n"
            "* `/webhooks/meta` is Meta's WhatsApp Cloud API webhook (signed requests only; "
            "replies go by the Graph API).\n"
            "* `POST /api/v1/estimate` itemises one month's bill: every charge with its "
            "reference in the tariff order, the electricity duty, rebates and payable totals.\n"
            "* `GET /api/v1/categories` lists the consumer categories a request may name.\n\n"
            "Estimates are not official bills."
        ),
        version=API_VERSION,
        lifespan=lifespan,
        # Served below from assets inside the installed packages: no CDN, works offline.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = the_store
    app.state.pipeline = webhook
    app.state.outbox = outbox
    app.state.transports = transports
    app.state.body_timeout_seconds = body_timeout_seconds
    # The webhooks, served ahead of routing (bot.direct_routes); filled as they are declared.
    direct: dict[tuple[str, str], Endpoint] = {}
    app.add_middleware(DirectRoutes, routes=direct)
    app.add_middleware(observability.RequestIdMiddleware)

    # The channels' webhooks first: routes are matched in order, and they take the load.
    @app.post(
        "/webhooks/twilio",
        response_class=Response,
        tags=["channels"],
        summary="Twilio webhook (WhatsApp and SMS)",
        responses={
            200: {"content": {TWIML_MEDIA_TYPE: {}}, "description": "TwiML reply"},
            403: {"description": "Missing or invalid X-Twilio-Signature"},
            503: {"description": "TWILIO_AUTH_TOKEN is not configured"},
        },
    )
    async def twilio_webhook(request: Request) -> Response:
        if token is None:
            _log.error("refused a Twilio webhook: TWILIO_AUTH_TOKEN is not set")
            return Response("TWILIO_AUTH_TOKEN is not configured\n", status_code=503)
        body = await read_body_or_refusal(request, MAX_FORM_BYTES, answer=Response)
        if isinstance(body, Response):
            return body
        url = public_request_url(settings.public_url, request.url.path, request.url.query)
        try:
            form = parse_form(body)
        except FormError:
            form = None
        signature = request.headers.get(SIGNATURE_HEADER)
        if form is None or not is_signed(token, url, form, signature):
            _log.warning(
                "refused a webhook with a %s signature (checked against %s)",
                "missing" if not signature else "wrong",
                url,
            )
            return Response("invalid signature\n", status_code=403)
        try:
            inbound = parse_inbound(form)
        except FormError as exc:
            _log.warning("refused a signed webhook: %s", exc)
            return Response(f"{exc}\n", status_code=400)
        # Admission control: a message that cannot start within the deadline is answered
        # "busy, send it again" at once (TwiML text), unapplied, rather than late or not at all.
        try:
            result = await admitted_turn(webhook, form["From"], inbound, admission)
        except StoreUnavailableError:
            return Response("the session store is unavailable\n", status_code=503)
        if twilio_by_api and any(r.choices or r.media for r in result.replies):
            # Buttons and lists need Twilio's REST API: the turn's replies go through the
            # outbox (in order, retried) and the webhook answers with nothing to send.
            queued = await run_in_threadpool(
                _queue,
                outbox,
                Envelope(
                    key=f"twilio:{inbound.message_id}",
                    user=webhook.key_of(form["From"]),
                    transport="twilio",
                    address=form["From"],
                    sender=form.get("To", ""),
                    replies=tuple(result.replies),
                ),
            )
            if queued:
                return Response(render_twiml([]), media_type=TWIML_MEDIA_TYPE)
        return Response(render_twiml(result.replies), media_type=TWIML_MEDIA_TYPE)

    direct["POST", "/webhooks/twilio"] = twilio_webhook

    @app.get(
        "/healthz",
        response_model=Health,
        tags=["operations"],
        summary="Liveness: the process answers (the store is not consulted)",
    )
    async def healthz() -> JSONResponse:
        # Liveness only: a restart does not bring a store back, so a store outage must not
        # get a healthy process killed. Readiness is /readyz.
        return JSONResponse({"status": "ok", "month": _billing_month(settings.month, clock())})

    @app.get(
        "/readyz",
        response_model=Health,
        tags=["operations"],
        summary="Readiness: the session store answers",
        responses={503: {"model": Health, "description": "The session store does not answer"}},
    )
    async def readyz() -> JSONResponse:
        month = _billing_month(settings.month, clock())
        if await run_in_threadpool(the_store.ping):
            return JSONResponse({"status": "ok", "month": month})
        _log.error("readiness check failed: the session store does not answer")
        body = {"status": "unavailable", "store": "down", "month": month}
        return JSONResponse(body, status_code=503)

    # Meta's WhatsApp Cloud API: its own module; replies leave by the outbox's "meta" transport.
    add_meta_routes(app, webhook, outbox, settings, admission=admission)
    # An Indian SMS gateway (Exotel): forwards in, DLT template SMS out by the outbox.
    add_sms_gateway_routes(app, webhook, outbox, settings, admission=admission)
    _add_operations_routes(app, metrics_token)
    # The field agents' console (/agent), on the same backend as the sessions.
    add_console(
        app,
        store=console_store,
        secret=webhook.secret,
        secure_cookies=settings.public_url.startswith("https://"),
        tariff=default_tariff(),
        month=settings.month,
        trusted_proxies=parse_trusted_proxies(settings.trusted_proxy),
    )
    # The browser chat page (/chat): the same pipeline as WhatsApp and SMS, side by side.
    add_webchat(app, webhook, settings)

    # The API's routes: bodies capped and read with a timeout, validation errors as a
    # TariffProblem (see _ApiRoute).
    api = APIRouter(route_class=_ApiRoute)

    @api.post(
        "/api/v1/estimate",
        response_model=BillEstimate,
        tags=["tariff"],
        summary="Itemise one month's bill",
        description=f"Bodies above {MAX_API_BYTES} bytes are refused with 413.",
        responses={
            413: {"description": f"The body is larger than {MAX_API_BYTES} bytes."},
            422: {
                "description": "The request is malformed or cannot be billed as given; "
                "the input is never repeated back.",
                "model": TariffProblem,
            },
        },
    )
    def estimate_bill(bill_request: BillRequest) -> BillEstimate | JSONResponse:
        try:
            return estimate(bill_request)
        except TariffError as exc:
            return _problem(exc)

    @api.post(
        "/api/v1/check",
        response_model=BillCheck,
        tags=["tariff"],
        summary="Is my bill right? Compare a printed bill with the tariff order",
        description="Give what the printed bill says: category, load, units (or both "
        "readings), the billing period (`months` for a bill covering several months, "
        "`first_or_final_bill_days` for a part month) and the amounts it prints. The answer "
        "compares each amount with the order and names the likely cause of each difference. "
        f"Bodies above {MAX_CHECK_BYTES} bytes are refused with 413.",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _inline_schema(BillCheckRequest)}},
            }
        },
        responses={
            413: {"description": f"The body is larger than {MAX_CHECK_BYTES} bytes."},
            422: {
                "description": "The body is not a valid request, or the bill cannot be "
                "checked as given; the input is never repeated back.",
                "model": TariffProblem,
            },
        },
    )
    async def check_printed_bill(request: Request) -> BillCheck | JSONResponse:
        body = await request.body()  # already read within MAX_CHECK_BYTES by _ApiRoute
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            problem = TariffProblem(error="the body is not JSON: send a JSON object")
            return JSONResponse(problem.model_dump(), status_code=422)
        if not isinstance(data, dict):
            problem = TariffProblem(error="the body must be a JSON object")
            return JSONResponse(problem.model_dump(), status_code=422)
        try:
            # Numbers are validated from their JSON form; the check is CPU-bound, so it runs
            # off the event loop like the estimate does.
            return await run_in_threadpool(check_bill, coerce_check_request(data))
        except TariffError as exc:
            return _problem(exc)

    @api.get(
        "/api/v1/categories",
        response_model=list[CategoryInfo],
        tags=["tariff"],
        summary="Consumer categories",
        responses={
            422: {
                "description": "`month` is not a month as YYYY-MM, or no tariff order covers it.",
                "model": TariffProblem,
            }
        },
    )
    def categories(
        month: str | None = Query(
            default=None,
            pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
            description="YYYY-MM: the order in force that month (default: the latest order).",
        ),
    ) -> list[CategoryInfo] | JSONResponse:
        tariff = default_tariff()
        try:
            order = (
                tariff.order_for(dt.date.fromisoformat(f"{month}-01"))
                if month
                else tariff.orders[-1]
            )
        except TariffNotInForceError as exc:
            return _problem(exc, field="month")
        except ValueError:  # matches the pattern but is no date, such as year 0000
            problem = TariffProblem(error="month: not a month as YYYY-MM", field="month")
            return JSONResponse(problem.model_dump(), status_code=422)
        return [
            CategoryInfo(
                id=cid,
                slug=c.slug,
                name=c.name,
                voltage=c.voltage.value,
                energy_unit=c.energy.billed_in.value,
                demand_unit=c.demand_unit.value,
                asks=[a.value for a in c.asks],
                requires=[a.value for a in c.requires],
            )
            for cid, c in order.categories.items()
        ]

    app.include_router(api)
    # POST /api/v1/units/appliances: its own module, with the same body cap and problems.
    app.include_router(appliances_router(_ApiRoute, TariffProblem))
    # GET /api/v1/estimate/card: the estimate as a PNG, with the same limits and problems.
    app.include_router(
        card_router(route_class=_ApiRoute, problem_model=TariffProblem, problem=_problem)
    )
    # Voice notes (and cards) sent beside replies: GET /media/{token}. The webhook reaches the
    # service as app.state.media to hand out links and to purge them with a user's data.
    media = MediaService.for_state(
        settings.state_dir, settings.public_url, session_ttl_seconds=settings.session_ttl_seconds
    )
    app.state.media = media
    app.include_router(media_router(media))
    # Pending media of a turn (a voice note, a card) become links inside the turn; a deletion
    # cuts the user's links.
    webhook.media = ConversationMedia(media, clock=clock, month=settings.month)
    webhook.on_delete = media.purge_for_user
    return app


def _add_operations_routes(app: FastAPI, metrics_token: str | None) -> None:
    """``GET /metrics`` (behind ``metrics_token`` when set) and the API documentation,
    ``/docs`` and ``/redoc``, with their scripts and styles served from ``/docs-assets``."""

    @app.get("/metrics", include_in_schema=False)
    async def metrics(request: Request) -> Response:
        if metrics_token is not None and not observability.bearer_token_matches(
            request.headers.get("authorization"), metrics_token
        ):
            return Response(
                "a bearer token is required\n",
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
            )
        return Response(
            observability.render_metrics(), media_type=observability.METRICS_CONTENT_TYPE
        )

    app.mount("/docs-assets", StaticFiles(directory=_DOCS_ASSETS), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} API",
            redoc_js_url="/docs-assets/redoc.standalone.js",
            redoc_favicon_url="/docs-assets/favicon.png",
            with_google_fonts=False,
        )


def _inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON schema with its ``$defs`` written in place, for an OpenAPI body that
    FastAPI does not parse itself (the bill check reads its body with a size cap)."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return inline(definitions[ref.removeprefix("#/$defs/")])
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    inlined: dict[str, Any] = inline(schema)
    return inlined


def _problem(exc: TariffError, field: str | None = None) -> JSONResponse:
    if isinstance(exc, UnknownCategoryError):
        # Its text quotes the category sent; the answer names only known categories.
        hint = (
            f"did you mean {', '.join(exc.suggestions)}?"
            if exc.suggestions
            else "GET /api/v1/categories lists them"
        )
        message = f"unknown category; {hint}"
    else:
        message = str(exc)
    problem = TariffProblem(error=message, field=getattr(exc, "field", None) or field)
    return JSONResponse(problem.model_dump(), status_code=422)


def _open_tombstone_store(settings: Settings) -> SessionStore:
    """The configured backend again, keeping what is saved for TOMBSTONE_TTL_SECONDS."""
    return open_store(
        settings.session_store_url,
        ttl_seconds=TOMBSTONE_TTL_SECONDS,
        reply_ttl_seconds=TOMBSTONE_TTL_SECONDS,
        **_lock_wait_options(settings),
    )


def _lock_wait_options(settings: Settings) -> dict[str, Any]:
    """How long a turn waits for a user's lock: capped so the admission wait plus the lock
    wait stays below Twilio's limit (the option's name differs by backend)."""
    lock_wait = min(LOCK_WAIT_SECONDS, settings.turn_deadline_seconds)
    if settings.session_store_url.startswith(("redis://", "rediss://")):
        return {"lock_wait_seconds": lock_wait}
    return {"busy_timeout_seconds": lock_wait}


def _open_configured_store(settings: Settings) -> SessionStore:
    # Replies (kept to answer a retry alike) and tombstones live as long as sessions do:
    # BIJULI_SESSION_TTL_HOURS is how long anything of a conversation is kept.
    options: dict[str, Any] = {
        "ttl_seconds": settings.session_ttl_seconds,
        "reply_ttl_seconds": settings.session_ttl_seconds,
    }
    options.update(_lock_wait_options(settings))
    return open_store(settings.session_store_url, **options)
