"""Every category's estimate fits its channel in every language, with the money figures intact:
the summary in 700 WhatsApp characters and two SMS segments (UCS-2 for Odia and Hindi), the
details in 1,600 characters and three segments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from bot.channels.sms_templates import plan_sms
from bot.i18n import Translator, format_rupees, format_rupees_whole, sms_segments
from bot.i18n.sms import sms_encoding
from bot.rendering import render_estimate
from bot.rendering.estimate import render_summary
from tariff_core import BillEstimate, default_tariff, estimate

ORDER = default_tariff().orders[0]


def _largest_demand(category_id: str, wanted: Decimal) -> Decimal:
    """``wanted``, or the largest contract demand the category's range allows below it."""
    demand_range = ORDER.categories[category_id].contract_demand_range
    if demand_range is None:
        return wanted
    if demand_range.below is not None and wanted >= demand_range.below:
        wanted = demand_range.below - 1
    if demand_range.up_to is not None and wanted > demand_range.up_to:
        wanted = demand_range.up_to
    return wanted


def _large_request(category_id: str) -> dict[str, Any]:
    """A big consumer of the category, so the figures are as long as they get."""
    category = ORDER.categories[category_id]
    request: dict[str, Any] = {"category": category_id, "month": "2026-11", "days_late": 12}
    if category.voltage.value == "LT":
        request["units"] = Decimal(987)
        if "contract_demand" in {ask.value for ask in category.requires}:
            request.update(
                contract_demand=_largest_demand(category_id, Decimal(150)), units=Decimal(20000)
            )
    else:
        demand = _largest_demand(category_id, Decimal(50_000))
        request.update(
            units=min(Decimal(12_345_678), demand * 600),
            contract_demand=demand,
            max_demand=demand * Decimal("1.12"),
        )
        if category.energy.method.value == "load_factor":
            request["kwh"] = request["units"] * Decimal("0.8")
    return request


ESTIMATES: dict[str, BillEstimate] = {
    cid: estimate(_large_request(cid)) for cid in ORDER.categories
}


@pytest.mark.parametrize("lang", ["or", "hi", "en"])
@pytest.mark.parametrize("category_id", list(ORDER.categories))
def test_sms_details_go_as_registered_sms_of_three_segments(category_id: str, lang: str) -> None:
    """The details by SMS: one registered DLT template a paragraph, each within three
    segments, with every line's and the payable amount to the paisa."""
    est = ESTIMATES[category_id]
    t = Translator.load(lang)
    text = render_estimate(est, t, "sms")
    fills = plan_sms(text, lang)
    assert len(fills) == len(text.split("\n\n")) >= len(est.lines) + 2
    assert all(sms_segments(fill.text) <= 3 for fill in fills), text
    sent = "\n\n".join(fill.text for fill in fills)
    for amount in (est.payable_by_due_date, *(line.amount for line in est.lines)):
        assert _sms_exact(amount, lang) in sent, (amount, sent)


def _sms_exact(amount: Decimal, lang: str) -> str:
    """An amount to the paisa as an SMS shows it ("Rs" in English, ₹ in Odia and Hindi)."""
    text = format_rupees(amount, lang)
    return text.replace("₹", "Rs ") if lang == "en" else text


def _sms_amount(amount: Decimal, lang: str) -> str:
    """An amount as an SMS shows it: "Rs" in English (GSM-7), ₹ in Odia and Hindi (UCS-2)."""
    text = format_rupees_whole(amount, lang)
    return text.replace("₹", "Rs ") if lang == "en" else text


MENU = "1=details, 2=change units, 3=another connection, 4=explain a line, 5=tips, 0=start again"


@pytest.mark.parametrize("lang", ["or", "hi", "en"])
@pytest.mark.parametrize("category_id", list(ORDER.categories))
def test_sms_summary_fits_two_segments_with_the_amount_to_pay(category_id: str, lang: str) -> None:
    est = ESTIMATES[category_id]
    t = Translator.load(lang)
    text = render_summary(est, t, "sms", saving=t.gettext("Tips to pay less:"), closing=MENU)
    assert sms_segments(text) <= 2, text
    assert _sms_amount(est.payable_by_due_date, lang) in text
    if lang == "en":
        assert sms_encoding(text) == "GSM-7"  # "Rs", not ₹: one SMS holds 160 characters


@pytest.mark.parametrize("lang", ["or", "hi", "en"])
@pytest.mark.parametrize("category_id", list(ORDER.categories))
def test_whatsapp_summary_fits_one_screen_and_says_nothing_twice(
    category_id: str, lang: str
) -> None:
    est = ESTIMATES[category_id]
    t = Translator.load(lang)
    extras = ["In a village? Reply village: ₹25.00 less.", "Smart meter? ₹20.00 more rent."]
    text = render_summary(
        est, t, "whatsapp", saving="Pay online: save ₹47.80.", extras=extras, closing=MENU
    )
    assert len(text) <= 700, text
    assert format_rupees(est.payable_by_due_date, lang) in text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == len(set(lines))


@pytest.mark.parametrize("lang", ["or", "hi", "en"])
@pytest.mark.parametrize("category_id", list(ORDER.categories))
def test_whatsapp_estimate_fits_and_keeps_every_line(category_id: str, lang: str) -> None:
    est = ESTIMATES[category_id]
    text = render_estimate(est, Translator.load(lang), "whatsapp", ["a tip"] * 3)
    assert len(text) <= 1600
    assert text.count("\n") >= len(est.lines)  # one row per line at least
