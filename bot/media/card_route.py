"""``GET /api/v1/estimate/card``: the estimate card of a bill request, as a PNG.

The query holds the fields of ``POST /api/v1/estimate``'s body (``category``, ``units``,
``month``, ``contract_demand``, the flags…) and ``language`` (``or``, ``hi``, ``en``). The card
shows the one best saving the tips give for that request (no conversation, so no offers to
leave out). A request that cannot be billed is a 422 TariffProblem that never repeats the
input, exactly as on the estimate route; a server without the card's fonts or text shaping
answers 503.

The router is built by :func:`card_router` from the app's own route class and problem answers,
so the card route has the same body limits and the same validation answers as every other API
route without importing the app (which includes this router).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated, Final

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field

from bot.i18n.catalogs import Language, Translator
from bot.media.card import PNG_MEDIA_TYPE, render_card
from bot.media.card_fonts import CardFontError
from bot.rendering.tips import iter_tips
from tariff_core import BillEstimate, BillRequest, TariffError, compare, default_tariff, estimate

__all__ = ["CARD_PATH", "CardRequest", "card_router"]

CARD_PATH: Final = "/api/v1/estimate/card"

_log = logging.getLogger(__name__)


class CardRequest(BillRequest):
    """A bill request, and the language its card is written in."""

    language: Language = Field(
        default="or", description="The card's language and script: `or` Odia, `hi` Hindi, `en`."
    )

    def bill_request(self) -> BillRequest:
        """The bill request alone."""
        return BillRequest.model_validate(self.model_dump(exclude={"language"}))


def best_saving(request: BillRequest, est: BillEstimate, t: Translator) -> str | None:
    """The tip worth most to this consumer, as the conversation's tips write it."""
    order = default_tariff().order_for(request.month)
    return next((text for _code, text in iter_tips(est, compare(request), order, t)), None)


def card_router(
    *,
    route_class: type[APIRoute],
    problem_model: type[BaseModel],
    problem: Callable[[TariffError], JSONResponse],
) -> APIRouter:
    """The card route, with the app's ``route_class`` (body limits, validation answers),
    ``problem_model`` (the documented 422 and 503 body) and ``problem`` (a TariffError as a
    422 answer)."""
    router = APIRouter(route_class=route_class)

    @router.get(
        CARD_PATH,
        tags=["tariff"],
        summary="The estimate card: one month's bill at a glance, as a PNG",
        description="Takes the fields of `POST /api/v1/estimate` as query parameters, and "
        "`language`. Answers a 1080 px wide PNG of at most 300 KB in the language's script: "
        "the total and what to pay by the due date, a bar of the bill's parts, the energy "
        "slabs and the best saving.",
        response_class=Response,
        responses={
            200: {
                "description": "The card.",
                "content": {PNG_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            },
            422: {
                "description": "The request is malformed or cannot be billed as given; "
                "the input is never repeated back.",
                "model": problem_model,
            },
            503: {
                "description": "This server lacks the card's fonts or text shaping.",
                "model": problem_model,
            },
        },
    )
    def estimate_card(query: Annotated[CardRequest, Query()]) -> Response:
        request = query.bill_request()
        t = Translator.load(query.language)
        try:
            est = estimate(request)
            saving = best_saving(request, est, t)
        except TariffError as exc:
            return problem(exc)
        try:
            png = render_card(est, query.language, saving=saving)
        except CardFontError as exc:
            _log.error("cannot draw the estimate card: %s", exc)
            body = problem_model.model_validate(
                {"error": "this server cannot draw the card: its fonts or shaping are missing"}
            )
            return JSONResponse(body.model_dump(), status_code=503)
        return Response(png, media_type=PNG_MEDIA_TYPE)

    return router
