"""Every category's estimate fits its channel in every language: three SMS segments (UCS-2 for
Odia and Hindi), 1,600 characters on WhatsApp, with the money figures intact."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from bot.i18n import Translator, format_rupees_whole, sms_segments
from bot.rendering import render_estimate
from tariff_core import BillEstimate, default_tariff, estimate

ORDER = default_tariff().orders[0]


def _large_request(category_id: str) -> dict[str, Any]:
    """A big consumer of the category, so the figures are as long as they get."""
    category = ORDER.categories[category_id]
    request: dict[str, Any] = {"category": category_id, "month": "2026-11", "days_late": 12}
    if category.voltage.value == "LT":
        request["units"] = Decimal(987)
        if "contract_demand" in {ask.value for ask in category.requires}:
            request.update(contract_demand=Decimal(150), units=Decimal(20000))
    else:
        request.update(
            units=Decimal(12_345_678), contract_demand=Decimal(50_000), max_demand=Decimal(56_000)
        )
        if category.energy.method.value == "load_factor":
            request["kwh"] = Decimal(10_000_000)
    return request


ESTIMATES: dict[str, BillEstimate] = {
    cid: estimate(_large_request(cid)) for cid in ORDER.categories
}


@pytest.mark.parametrize("lang", ["or", "hi", "en"])
@pytest.mark.parametrize("category_id", list(ORDER.categories))
def test_sms_estimate_fits_three_segments(category_id: str, lang: str) -> None:
    est = ESTIMATES[category_id]
    text = render_estimate(est, Translator.load(lang), "sms")
    assert sms_segments(text) <= 3, text
    assert format_rupees_whole(est.payable_by_due_date, lang) in text


@pytest.mark.parametrize("lang", ["or", "hi", "en"])
@pytest.mark.parametrize("category_id", list(ORDER.categories))
def test_whatsapp_estimate_fits_and_keeps_every_line(category_id: str, lang: str) -> None:
    est = ESTIMATES[category_id]
    text = render_estimate(est, Translator.load(lang), "whatsapp", ["a tip"] * 3)
    assert len(text) <= 1600
    assert text.count("\n") >= len(est.lines)  # one row per line at least
