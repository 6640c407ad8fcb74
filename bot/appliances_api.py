"""``POST /api/v1/units/appliances``: units a month from a list of appliances, who uses the most,
what one change saves (in rupees too, for a category and month), the approximation note and
the sources of every figure.

The route is built by :func:`appliances_router` with the app's own route class and problem
model (bot.app passes ``_ApiRoute`` and ``TariffProblem``), so its body is capped and read with
a timeout like every API route, and a 422 never repeats the input.
"""

from __future__ import annotations

import datetime as dt
from typing import Final
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.concurrency import run_in_threadpool

from bot.appliances import (
    ApplianceItem,
    ApplianceUnits,
    BillBasis,
    ItemUnits,
    Saving,
    TopUser,
    default_table,
    estimate_units,
    savings,
    unit_savings,
)
from bot.appliances.estimate import APPROXIMATION_NOTE, MAX_ITEMS
from tariff_core import TariffError
from tariff_core.errors import (
    MissingFigureError,
    TariffNotInForceError,
    UnknownCategoryError,
)
from tariff_core.models import Amount

__all__ = ["PATH", "AppliancesAnswer", "AppliancesRequest", "SourceInfo", "appliances_router"]

#: Where the route answers.
PATH: Final = "/api/v1/units/appliances"
#: The month a request without one is priced for, as the conversation bills (see bot.config).
_TIMEZONE: Final = ZoneInfo("Asia/Kolkata")


class AppliancesRequest(BaseModel):
    """The appliances at home, and optionally whose bill the savings are priced for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    appliances: list[ApplianceItem] = Field(
        min_length=1, max_length=MAX_ITEMS, description="The appliances, each with a count."
    )
    category: str | None = Field(
        default=None,
        min_length=1,
        max_length=40,
        description="The consumer's category (`1.b`, `domestic`…): prices each saving in "
        "rupees for that category's slabs and duty. Without it, savings are in units only.",
    )
    month: str | None = Field(
        default=None,
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description="YYYY-MM: the tariff month for the rupees (default: the service's month).",
    )

    @field_validator("month")
    @classmethod
    def _a_real_month(cls, month: str | None) -> str | None:
        # The pattern lets through months of no calendar, such as 0000-01.
        if month is not None:
            try:
                dt.date.fromisoformat(f"{month}-01")
            except ValueError:
                raise ValueError("not a month as YYYY-MM") from None
        return month


class SourceInfo(BaseModel):
    """A source the figures come from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    url: str | None


class AppliancesAnswer(BaseModel):
    """Units a month from the appliances: an approximation, and it says so."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    approximate: bool = Field(description="Always true: the figures are typical, not measured.")
    note: str = Field(description="The approximation note to show with the figures.")
    rounding: str = Field(description="How the figures are rounded.")
    items: list[ItemUnits]
    total_kwh_per_month: Amount
    units_for_bill: Amount = Field(description="The total rounded to a whole unit.")
    top: list[TopUser] = Field(description="The appliances that use the most, most first.")
    savings: list[Saving] = Field(description="What each possible change saves, most first.")
    bill: BillBasis | None = Field(
        description="The bill the rupee savings are measured against (null without category)."
    )
    sources: list[SourceInfo] = Field(description="The sources of every figure used.")


def appliances_router(route_class: type[APIRoute], problem: type[BaseModel]) -> APIRouter:
    """The route, with ``route_class`` (body cap, validation errors as ``problem``)."""
    router = APIRouter(route_class=route_class)

    @router.post(
        PATH,
        response_model=AppliancesAnswer,
        tags=["units"],
        summary="Don't know your units? Estimate them from the appliances at home",
        description="Units a month ≈ watts × hours a day × days ÷ 1000 for each appliance "
        "(typical watts and hours unless given), a fridge from its BEE label (kWh a year ÷ 12, "
        "or its size and stars). The answer names the appliances that use the most and what "
        "each change saves (an LED tube for a tube light, a BLDC fan for an ordinary one, a "
        "5-star fridge), in rupees when a category is given. " + APPROXIMATION_NOTE,
        responses={
            413: {"description": "The body is too large."},
            422: {
                "description": "The request is malformed, or the category or month cannot be "
                "billed; the input is never repeated back.",
                "model": problem,
            },
        },
    )
    async def appliance_units(
        body: AppliancesRequest, request: Request
    ) -> AppliancesAnswer | JSONResponse:
        pinned: dt.date | None = getattr(request.app.state.settings, "month", None)
        try:
            return await run_in_threadpool(_answer, body, pinned)
        except TariffError as exc:
            error, field = _problem_text(exc)
            return JSONResponse(problem(error=error, field=field).model_dump(), status_code=422)

    return router


def _answer(body: AppliancesRequest, pinned: dt.date | None) -> AppliancesAnswer:
    """The answer for a valid request (tariff_core's errors are raised for the caller)."""
    units = estimate_units(body.appliances)
    basis: BillBasis | None = None
    if body.category is None:
        found = unit_savings(units)
    else:
        basis, found = savings(units, category=body.category, month=_month(body.month, pinned))
    return _build(units, found, basis)


def _build(
    units: ApplianceUnits, found: tuple[Saving, ...], basis: BillBasis | None
) -> AppliancesAnswer:
    table = default_table()
    return AppliancesAnswer(
        approximate=units.approximate,
        note=units.note,
        rounding=units.rounding,
        items=list(units.items),
        total_kwh_per_month=units.total_kwh_per_month,
        units_for_bill=units.units_for_bill,
        top=list(units.top),
        savings=list(found),
        bill=basis,
        sources=[
            SourceInfo(id=key, title=table.sources[key].title, url=table.sources[key].url)
            for key in units.sources
        ],
    )


def _month(month: str | None, pinned: dt.date | None) -> dt.date:
    if month is not None:
        return dt.date.fromisoformat(f"{month}-01")
    if pinned is not None:
        return pinned
    return dt.datetime.now(_TIMEZONE).date().replace(day=1)


def _problem_text(exc: TariffError) -> tuple[str, str]:
    """What is wrong, in words that never quote the request."""
    if isinstance(exc, UnknownCategoryError):
        hint = (
            f"did you mean {', '.join(exc.suggestions)}?"
            if exc.suggestions
            else "GET /api/v1/categories lists them"
        )
        return f"unknown category; {hint}", "category"
    if isinstance(exc, TariffNotInForceError):
        return "no tariff order covers that month", "month"
    if isinstance(exc, MissingFigureError):
        return (
            "this category's bill needs more than units (a load or demand): price the savings "
            "for a home or shop category, or leave category out",
            "category",
        )
    return "the bill cannot be estimated for this category and month", "category"
