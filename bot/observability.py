"""What an operator sees of the service: Prometheus metrics, structured JSON logs, request ids.

Metrics (``GET /metrics``, Prometheus text format; every label takes values from a small fixed
set, never a phone number, user key or message text)::

    bijuli_turns_total{channel, language, outcome}   webhook turns by how they ended
    bijuli_turn_seconds{channel}                     histogram of a turn's time in the worker
    bijuli_busy_replies_total{cause}                 "busy, send it again" replies
    bijuli_store_errors_total{kind}                  session-store failures by exception class
    bijuli_outbox_depth                              messages waiting to be sent, when an
                                                     outbox registers itself (see below)

The API other modules call (cheap, thread-safe, never raises on a bad label: an unknown value
is counted under ``other``):

* :func:`record_turn` once per webhook turn, with its :data:`Outcome` and duration;
* :func:`count_busy_reply` whenever a "busy" reply is sent instead of a turn (``cause`` is
  ``"admission"`` for admission control, ``"lock"`` for a user's lock that could not be taken);
* :func:`count_store_error` with the failing exception (its class name is the label);
* :func:`set_outbox_depth_source` with a function that returns the outbox's current depth (it is
  called at each scrape; pass None to remove it). No outbox exists yet: the metric is absent.

Several worker processes: each keeps its own counters, so a scrape sees one worker, unless
``PROMETHEUS_MULTIPROC_DIR`` names an empty directory writable by every worker before start-up
(prometheus-client's multiprocess mode); the scrape then adds up every worker's files.

Logs: :class:`JsonFormatter` writes one JSON object per line with ``time``, ``level``,
``logger``, ``message``, the ``request_id`` of the HTTP request being served (from
:func:`request_id`, set by :class:`RequestIdMiddleware`) and the structured fields of
:data:`LOG_FIELDS` that a call passes in ``extra=``. A turn is logged with ``user`` (the first
characters of the keyed hash, never the number), ``state``, ``outcome`` and ``ms``.
:class:`FailureLog` keeps tracebacks to one per failure kind per interval.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import re
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final, Literal, get_args

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from bot.stores import SessionStore

__all__ = [
    "LOG_FIELDS",
    "METRICS_CONTENT_TYPE",
    "REGISTRY",
    "REQUEST_ID_HEADER",
    "BusyCause",
    "FailureLog",
    "JsonFormatter",
    "Outcome",
    "RequestIdMiddleware",
    "TracebackRateLimit",
    "bearer_token_matches",
    "count_busy_reply",
    "count_store_error",
    "record_turn",
    "render_metrics",
    "request_id",
    "set_outbox_depth_source",
    "shares_hash_key",
]

Outcome = Literal["answered", "repeated", "deleted", "busy", "failed"]
"""How a webhook turn ended: a new reply, a retry answered from the record, a deletion, a
"busy" reply without a turn, or a failure answered with "try again later"."""

BusyCause = Literal["admission", "lock"]
"""Why a "busy" reply was sent: admission control refused the turn, or the user's lock was
held by another of their messages for too long."""

#: Content type of ``GET /metrics``.
METRICS_CONTENT_TYPE: Final = CONTENT_TYPE_LATEST
#: Header that carries a request id in and out (a caller's own id is kept when it is sane).
REQUEST_ID_HEADER: Final = "x-request-id"
#: Label value for anything outside a label's fixed set.
OTHER: Final = "other"
#: Structured fields a log call may pass in ``extra=`` and the JSON formatter writes out.
LOG_FIELDS: Final = (
    "user",
    "channel",
    "language",
    "state",
    "outcome",
    "ms",
    "kind",
    "suppressed",
    # The agent console: the agent's id, the action and an estimate's reference code.
    "agent",
    "action",
    "ref",
)

_CHANNELS: Final = frozenset({"whatsapp", "sms"})
_LANGUAGES: Final = frozenset({"or", "hi", "en"})
_OUTCOMES: Final = frozenset(get_args(Outcome))
_BUSY_CAUSES: Final = frozenset(get_args(BusyCause))
# An exception class name: a Python identifier of sane length. Anything else is "other".
_KIND_PATTERN: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,59}")
# A caller's request id is logged only if it cannot smuggle anything into a log line.
_REQUEST_ID_PATTERN: Final = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Twilio answers within 15 s or gives up; the buckets straddle the 100 ms target and that limit.
_TURN_BUCKETS: Final = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 15.0)

#: The service's own registry (not prometheus-client's global one, which other libraries fill).
REGISTRY: Final = CollectorRegistry(auto_describe=True)

_TURNS: Final = Counter(
    "bijuli_turns",
    "Webhook turns by channel, the user's language and how the turn ended.",
    ["channel", "language", "outcome"],
    registry=REGISTRY,
)
_TURN_SECONDS: Final = Histogram(
    "bijuli_turn_seconds",
    "Time a webhook turn spends in the worker (store and engine), in seconds.",
    ["channel"],
    buckets=_TURN_BUCKETS,
    registry=REGISTRY,
)
_BUSY_REPLIES: Final = Counter(
    "bijuli_busy_replies",
    "Replies asking the user to send the message again, sent instead of a turn.",
    ["cause"],
    registry=REGISTRY,
)
_STORE_ERRORS: Final = Counter(
    "bijuli_store_errors",
    "Session-store failures, by exception class.",
    ["kind"],
    registry=REGISTRY,
)


def _bounded(value: str | None, allowed: frozenset[str]) -> str:
    return value if value in allowed else OTHER


def record_turn(channel: str, language: str | None, outcome: Outcome, seconds: float) -> None:
    """Count one webhook turn and observe its duration."""
    channel_label = _bounded(channel, _CHANNELS)
    _TURNS.labels(channel_label, _bounded(language, _LANGUAGES), _bounded(outcome, _OUTCOMES)).inc()
    _TURN_SECONDS.labels(channel_label).observe(max(seconds, 0.0))


def count_busy_reply(cause: BusyCause) -> None:
    """Count one "busy, send it again" reply (call it wherever such a reply is sent)."""
    _BUSY_REPLIES.labels(_bounded(cause, _BUSY_CAUSES)).inc()


def failure_kind(error: BaseException | type[BaseException] | str) -> str:
    """A bounded label for a failure: the exception's class name, else ``other``."""
    if isinstance(error, str):
        name = error
    elif isinstance(error, type):
        name = error.__name__
    else:
        name = type(error).__name__
    return name if _KIND_PATTERN.fullmatch(name) else OTHER


def count_store_error(error: BaseException | type[BaseException] | str) -> None:
    """Count one session-store failure under its exception class name."""
    _STORE_ERRORS.labels(failure_kind(error)).inc()


class _OutboxCollector(Collector):
    """``bijuli_outbox_depth``, read from the registered source at each scrape."""

    def __init__(self) -> None:
        self.source: Callable[[], int] | None = None

    def collect(self) -> Iterable[Metric]:
        source = self.source
        if source is None:
            return []
        try:
            depth = source()
        except Exception:  # a scrape must not fail because the outbox is unreachable
            logging.getLogger(__name__).warning("metrics: the outbox depth could not be read")
            return []
        gauge = GaugeMetricFamily(
            "bijuli_outbox_depth", "Messages waiting in the outbox to be sent."
        )
        gauge.add_metric([], float(depth))
        return [gauge]

    def describe(self) -> Iterable[Metric]:
        # Described as nothing, so registering never calls the source.
        return []


_OUTBOX: Final = _OutboxCollector()
REGISTRY.register(_OUTBOX)


def set_outbox_depth_source(source: Callable[[], int] | None) -> None:
    """Report ``source()`` as ``bijuli_outbox_depth`` at every scrape (None: no such metric)."""
    _OUTBOX.source = source


def render_metrics() -> bytes:
    """The metrics in Prometheus text format: this process's, or every worker's when
    ``PROMETHEUS_MULTIPROC_DIR`` is set."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        registry.register(_OUTBOX)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def bearer_token_matches(authorization: str | None, token: str) -> bool:
    """Whether an ``Authorization`` header carries ``Bearer <token>`` (constant-time)."""
    if not authorization:
        return False
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


# ----------------------------------------------------------------------------- request ids

_REQUEST_ID: Final[contextvars.ContextVar[str | None]] = contextvars.ContextVar(
    "bijuli_request_id", default=None
)


def request_id() -> str | None:
    """The id of the HTTP request being served (None outside one). Worker threads started
    with Starlette's ``run_in_threadpool`` see the same value (context variables are copied)."""
    return _REQUEST_ID.get()


class RequestIdMiddleware:
    """Gives every HTTP request an id: the caller's ``X-Request-Id`` when it is a short token,
    else a new random one; sets it for the logs and returns it in ``X-Request-Id``."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap ``app``."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection scope with its request id set."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = ""
        for name, value in scope.get("headers", ()):
            if name == REQUEST_ID_HEADER.encode():
                given = value.decode("latin-1")
                break
        rid = given if _REQUEST_ID_PATTERN.fullmatch(given) else uuid.uuid4().hex
        token = _REQUEST_ID.set(rid)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((REQUEST_ID_HEADER.encode(), rid.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            _REQUEST_ID.reset(token)


# ----------------------------------------------------------------------------- logs


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ISO 8601), level, logger, message, request_id,
    the :data:`LOG_FIELDS` given in ``extra=``, and the traceback as ``exc`` when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        """Render ``record`` as a single line of JSON."""
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", None) or request_id()
        if rid:
            entry["request_id"] = rid
        for name in LOG_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["exc"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        return json.dumps(entry, ensure_ascii=False, default=str)


class FailureLog:
    """Logs a failure's traceback at most once per kind per ``interval_seconds``.

    The first failure of a kind in an interval is logged with its traceback; later ones in the
    same interval are only counted, and the next line logged for that kind says how many were
    left out (``suppressed``). A store outage thus costs a few lines, not one traceback per
    request. Thread-safe.
    """

    def __init__(
        self, interval_seconds: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Keep one traceback per kind per ``interval_seconds`` of ``clock``."""
        self.interval_seconds = interval_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}
        self._suppressed: dict[str, int] = {}

    def report(
        self,
        logger: logging.Logger,
        message: str,
        error: BaseException,
        **fields: Any,
    ) -> bool:
        """Log ``message`` with ``error``'s traceback unless its kind was logged within the
        interval; return whether a line was written. ``fields`` go to the JSON log."""
        kind = failure_kind(error)
        now = self._clock()
        with self._lock:
            last = self._last.get(kind)
            if last is not None and now - last < self.interval_seconds:
                self._suppressed[kind] = self._suppressed.get(kind, 0) + 1
                return False
            self._last[kind] = now
            suppressed = self._suppressed.pop(kind, 0)
        extra = {**fields, "kind": kind, "suppressed": suppressed or None}
        logger.error(
            "%s (%s; %d more since the last traceback of this kind)",
            message,
            kind,
            suppressed,
            exc_info=(type(error), error, error.__traceback__),
            extra=extra,
            stacklevel=2,
        )
        return True

    def kinds(self) -> Iterator[str]:
        """The failure kinds seen so far."""
        with self._lock:
            yield from list(self._last)


class TracebackRateLimit(logging.Filter):
    """A handler filter that keeps at most one traceback per (logger, exception class) per
    ``interval_seconds``; other records of that kind keep their one-line message without the
    traceback. It covers what :class:`FailureLog` does not: uvicorn's "Exception in ASGI
    application" and any library's ``logger.exception``."""

    def __init__(
        self, interval_seconds: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Let one traceback per kind through per ``interval_seconds`` of ``clock``."""
        super().__init__()
        self.interval_seconds = interval_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._last: dict[tuple[str, str], float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        """Strip the traceback from ``record`` when its kind had one within the interval."""
        if not record.exc_info or record.exc_info[0] is None:
            return True
        kind = (record.name, failure_kind(record.exc_info[0]))
        now = self._clock()
        with self._lock:
            last = self._last.get(kind)
            if last is None or now - last >= self.interval_seconds:
                self._last[kind] = now
                return True
        record.exc_info = None
        record.exc_text = None
        record.msg = (
            f"{record.msg} [{kind[1]}: traceback shown once per {self.interval_seconds:g} s]"
        )
        return True


# ----------------------------------------------------------------------------- shared hash key

#: Where instances sharing a store record the fingerprint of their hashing key: a fixed
#: store key (the hash of a constant, so it is shaped like a user key but is nobody's).
FINGERPRINT_KEY: Final = hashlib.sha256(b"bijuli: hash key fingerprint").hexdigest()


def _fingerprint(secret: bytes) -> str:
    # A keyed hash of a constant: equal for equal keys, and says nothing about the key.
    return hmac.new(secret, b"bijuli: hash key fingerprint", hashlib.sha256).hexdigest()[:16]


def shares_hash_key(store: SessionStore, secret: bytes) -> bool:
    """Whether ``secret`` is the hashing key the other instances on ``store`` use.

    The first instance records a fingerprint of its key in the store; each later one compares.
    Instances with different keys (BIJULI_HASH_KEY) would each see a different user for the
    same number, so a user's messages would start over whenever they reach another instance:
    a mismatch is logged as an error. The record is refreshed when it matches, and expires
    with the store's session TTL like any session.
    """
    mine = _fingerprint(secret)
    with store.open(FINGERPRINT_KEY) as slot:
        recorded: Any = None
        if slot.data:
            try:
                recorded = json.loads(slot.data).get("hash_key_fingerprint")
            except (ValueError, AttributeError):
                recorded = None
        if recorded is not None and recorded != mine:
            logging.getLogger(__name__).error(
                "BIJULI_HASH_KEY differs from the key other instances on this session store "
                "use: the same number is a different user on each instance. Give every "
                "instance the same BIJULI_HASH_KEY."
            )
            return False
        slot.save(json.dumps({"hash_key_fingerprint": mine}))
    return True
