"""Reading a request body with a size cap and a deadline, for every route that reads one.

Webhooks and API routes read their bodies through :func:`read_capped` rather than Starlette's
``request.body()``, so no route ever holds an unbounded body or waits forever for a slow one;
a refusal (:class:`BodyRefusedError`) carries the HTTP status to answer with. Webhooks that
answer a refusal as plain text use :func:`read_body_or_refusal`.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Final

from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response

__all__ = [
    "CLOSE_CONNECTION",
    "DEFAULT_BODY_TIMEOUT_SECONDS",
    "BodyRefusedError",
    "read_body_or_refusal",
    "read_capped",
]

#: Sent with every refused body: the connection is closed rather than the rest of the body
#: read and thrown away.
CLOSE_CONNECTION: Final = {"Connection": "close"}
#: How long a body may take to arrive when the app does not say (``app.state.
#: body_timeout_seconds``, which ``create_app`` sets).
DEFAULT_BODY_TIMEOUT_SECONDS: Final = 10.0

_log = logging.getLogger("bot.app")


class BodyRefusedError(Exception):
    """A request body that is not read: too large, too slow, or abandoned by the client."""

    def __init__(self, status: int, reason: str) -> None:
        """Refuse with HTTP ``status``, saying ``reason`` (never the body)."""
        super().__init__(reason)
        self.status = status
        self.reason = reason


async def read_capped(request: Request, limit: int, timeout: float) -> bytes:
    """The request body, at most ``limit`` bytes, read within ``timeout`` seconds.

    Raises :class:`BodyRefusedError` (413, 408, or 400 for a client that went away) as soon as
    the body is longer than ``limit``, slower than ``timeout`` or abandoned; the refusal is
    logged in one line, and the body is never logged.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyRefusedError(413, f"the body is larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise BodyRefusedError(413, f"the body is larger than {limit} bytes")
                chunks.append(chunk)
    except TimeoutError:
        _log.warning("refused %s: its body took longer than %g s", request.url.path, timeout)
        raise BodyRefusedError(408, f"the body was not sent within {timeout:g} s") from None
    except ClientDisconnect:
        # Nobody is left to answer: one line instead of a traceback per abandoned request.
        _log.info("%s: the client went away before sending its whole body", request.url.path)
        raise BodyRefusedError(400, "the client went away before sending its whole body") from None
    return b"".join(chunks)


async def read_body_or_refusal(
    request: Request, limit: int, *, answer: type[Response] = PlainTextResponse
) -> bytes | Response:
    """The request body (see :func:`read_capped`) read within the app's body deadline, or,
    when it is refused, the ``answer`` to send: its status, its reason on a line, and
    ``Connection: close``."""
    timeout = getattr(request.app.state, "body_timeout_seconds", DEFAULT_BODY_TIMEOUT_SECONDS)
    try:
        return await read_capped(request, limit, timeout)
    except BodyRefusedError as refused:
        return answer(f"{refused.reason}\n", status_code=refused.status, headers=CLOSE_CONNECTION)
