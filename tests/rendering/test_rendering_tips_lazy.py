"""Tips are computed and written one at a time, and say the same whatever gives the what-ifs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bot.conversation.billing import Billing
from bot.conversation.session import Answers, Session
from bot.i18n import LANGUAGES
from bot.i18n.catalogs import Translator
from bot.rendering.tips import coded_tips, iter_tips
from bot.tariff_source import active_tariff
from tariff_core import compare

TARIFF = active_tariff()
MONTH = dt.date(2026, 7, 1)


def billing(**answers: object) -> Billing:
    session = Session(answers=Answers.model_validate(answers))
    return Billing(session, MONTH, TARIFF.order_for(MONTH), TARIFF)


CASES = [
    {"category": "1.b", "units": Decimal(250)},
    {"category": "1.b", "units": Decimal(95)},  # near a slab's limit
    {"category": "1.a", "units": Decimal(20)},  # Kutir Jyoti
    {"category": "1.b", "units": Decimal(400), "smart_meter": True},
    {
        "category": "1.b",
        "units": Decimal(400),
        "smart_meter": True,
        "solar_units": Decimal(50),
        "peak_units": Decimal(120),
    },
    {"category": "5", "units": Decimal(900), "demand": Decimal(5)},
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("answers", CASES)
def test_same_tips_from_compare_and_from_billing(lang: str, answers: dict[str, object]) -> None:
    bill = billing(**answers)
    est = bill.estimate()
    t = Translator.load(lang)
    order = bill.order
    assert coded_tips(est, bill.what_if, order, t) == coded_tips(
        est, compare(bill.request(), TARIFF), order, t
    )


def test_the_first_tip_costs_only_its_own_what_if() -> None:
    bill = billing(category="1.b", units=Decimal(250))
    est = bill.estimate()
    asked: list[str] = []

    def what_if(code: str) -> Decimal | None:
        asked.append(code)
        return bill.what_if(code)

    tips = iter_tips(est, what_if, bill.order, Translator.load("en"))
    code, _text = next(tips)
    assert code == "on_time"
    assert asked == ["late"]
    rest = list(tips)
    assert rest  # a domestic bill has more to say: the e-bill, the slab…
    assert "solar_shift" in asked
