"""gzip for the console's pages, assets and CSV files, and nothing else of the app.

Field agents often work on a weak rural connection: the estimate form (every category named in
three languages, and a row per appliance) shrinks from about 36 KB to under 6 KB. Starlette's
GZipMiddleware does the work (it leaves PNG cards alone and flushes each piece of a streamed
batch file, so the batch page's progress bar still moves); this wrapper limits it to the
``/agent`` paths, so webhooks, the API and media keep their answers byte for byte as before.

BREACH (guessing a secret in a compressed page from its size) needs an attacker to make the
victim's browser load the page with the attacker's text in it. The console's cookies are
SameSite=Strict, so a request started from another site carries no session, and the pages it
could reach hold no secret of the agent's.
"""

from __future__ import annotations

from typing import Final

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["COMPRESS_LEVEL", "MINIMUM_SIZE", "ConsoleGZipMiddleware"]

#: zlib's default: nearly level 9's size for a fraction of its time on a streamed batch.
COMPRESS_LEVEL: Final = 6
#: Smaller answers go as they are (a redirect, a short error).
MINIMUM_SIZE: Final = 500


class ConsoleGZipMiddleware:
    """gzip answers under ``prefix`` to clients that accept it; pass the rest through."""

    def __init__(self, app: ASGIApp, prefix: str = "/agent") -> None:
        """Wrap ``app``; compress the answers to paths under ``prefix``."""
        self.app = app
        self._prefix = prefix
        self._gzip = GZipMiddleware(app, minimum_size=MINIMUM_SIZE, compresslevel=COMPRESS_LEVEL)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send the request through gzip when its path is the console's."""
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path == self._prefix or path.startswith(self._prefix + "/"):
            await self._gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)
