"""``GET /media/{token}``: the file behind a link, for Twilio (or any client) to fetch.

A live link answers 200 with the file (``audio/ogg``, later ``image/png``); an unknown, expired
or purged link, or anything not shaped like a token, answers the same 404, so the answer tells
nothing about which tokens exist. A file that cannot be made (the speech programs are missing or
fail) answers 503 and is logged; the text reply was sent regardless.
"""

from __future__ import annotations

import logging
from typing import Final

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from bot.media.delivery import MediaService
from bot.media.errors import MediaError

__all__ = ["media_router"]

# Links are private and short-lived: no shared cache may keep a copy.
_HEADERS: Final = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}

_log = logging.getLogger(__name__)


def media_router(media: MediaService) -> APIRouter:
    """The routes that serve ``media``'s links."""
    router = APIRouter()

    # The token is read from the path by hand: any text is a valid path (a wrong one is a 404),
    # so there is nothing for FastAPI to validate or to document as a 422.
    async def media_file(request: Request) -> Response:
        token = str(request.path_params["token"])
        try:
            found = await run_in_threadpool(_read, media, token)
        except MediaError as exc:
            _log.error("could not serve a media link: %s", exc)
            return Response("the file cannot be made just now\n", status_code=503)
        if found is None:
            return Response("no such media\n", status_code=404, headers=_HEADERS)
        content_type, data = found
        return Response(data, media_type=content_type, headers=_HEADERS)

    router.add_api_route(
        "/media/{token}",
        media_file,
        methods=["GET"],
        tags=["channels"],
        summary="A media item sent with a reply (a voice note)",
        openapi_extra={
            "parameters": [
                {
                    "name": "token",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                    "description": "The link's token, as in the URL sent with the reply.",
                }
            ]
        },
        response_class=Response,
        responses={
            200: {"content": {"audio/ogg": {}, "image/png": {}}, "description": "The file"},
            404: {"description": "No such link, or it has expired"},
            503: {"description": "The file could not be made just now"},
        },
    )
    # HEAD (some fetchers ask for the size first): the same answer without a body.
    router.add_api_route("/media/{token}", media_file, methods=["HEAD"], include_in_schema=False)
    return router


def _read(media: MediaService, token: str) -> tuple[str, bytes] | None:
    """The type and bytes of the file behind ``token`` (at most 512 KB: read whole, so a file
    purged while it is being sent cannot cut an answer short), or None."""
    found = media.file_for(token)
    if found is None:
        return None
    try:
        return found.content_type, found.path.read_bytes()
    except FileNotFoundError:  # purged between the lookup and the read: the link is gone
        return None
