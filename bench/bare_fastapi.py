"""The floor for start-up time and memory: a bare FastAPI app under uvicorn, nothing of Bijuli.

Run by ``bench/footprint.py`` as ``python bench/bare_fastapi.py --port N --workers W``, the
way ``bijuli serve`` runs: one process, or a uvicorn supervisor spawning ``W`` workers, with
``bijuli serve``'s uvicorn options. It answers ``GET /healthz`` and the Twilio webhook's path
with one fixed TwiML message after parsing the urlencoded form.

Unlike ``webhook_load.py``'s baseline, this module imports only the standard library, FastAPI
and uvicorn: importing ``webhook_load`` (or ``bot``) would load half of Bijuli into the
baseline's workers, and the point of this baseline is what Python, FastAPI and uvicorn alone
cost at start-up.
"""

from __future__ import annotations

import argparse
import sys
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import uvicorn
from fastapi import FastAPI, Request, Response

#: The webhook's path in ``bijuli serve`` (``tests/e2e/e2e_support.WEBHOOK``), written out
#: rather than imported, for the reason in the module docstring.
WEBHOOK: Final = "/webhooks/twilio"
FIXED_TWIML: Final = (
    '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Namaskar! Send domestic 250 '
    "for an estimate.</Message></Response>"
)


def bare_app() -> FastAPI:
    """The baseline app: ``/healthz`` and a webhook that answers fixed TwiML to any sender."""
    app = FastAPI()

    @app.post(WEBHOOK)
    async def webhook(request: Request) -> Response:
        form = urllib.parse.parse_qs((await request.body()).decode())
        if "From" not in form:
            return Response("no sender\n", status_code=400)
        return Response(FIXED_TWIML, media_type="application/xml")

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


def main(argv: Sequence[str] | None = None) -> int:
    """Serve :func:`bare_app` with the uvicorn options ``bijuli serve`` passes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    uvicorn.run(
        "bare_fastapi:bare_app",
        factory=True,
        app_dir=str(Path(__file__).resolve().parent),
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        proxy_headers=False,
        server_header=False,
        timeout_graceful_shutdown=15,  # bot.cli.GRACEFUL_SHUTDOWN_SECONDS
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
