"""The webhooks' hot path: a few endpoints served straight from ASGI, ahead of routing.

Every message a channel delivers goes to one endpoint, and at a bill-day peak those requests
are nearly all the service does. FastAPI routes a request through its exception middleware,
an exit stack, a match against every route and its dependency solver before the endpoint runs:
together a tenth of a one-message estimate's cost. :class:`DirectRoutes` sits inside the
app's own middleware (the request id, the error handler that answers 500 stay in front of it)
and hands a request for one of its endpoints to that endpoint at once.

The endpoints stay declared as FastAPI routes too, so the OpenAPI document describes them and
a request that does not match here (another method, a trailing slash) is routed as before. An
endpoint served here must therefore take nothing from FastAPI but the :class:`Request`: no
dependencies, no parameters, no ``HTTPException`` (its handler is behind this middleware).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["DirectRoutes", "Endpoint"]

#: An endpoint served directly: the request in, the response out.
Endpoint = Callable[[Request], Awaitable[Response]]


class DirectRoutes:
    """Serve the endpoints of ``routes`` ((method, path) → endpoint) directly; pass every other
    request on to ``app``. ``routes`` may be filled after the middleware is added."""

    def __init__(self, app: ASGIApp, routes: MutableMapping[tuple[str, str], Endpoint]) -> None:
        """Wrap ``app``; ``routes`` is read on every request, not copied."""
        self.app = app
        self._routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer a request for one of the endpoints, or route it as usual."""
        if scope["type"] == "http":
            endpoint = self._routes.get((scope["method"], scope["path"]))
            if endpoint is not None:
                response = await endpoint(Request(scope, receive))
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
