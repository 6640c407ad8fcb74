"""Estimates to speak for the media tests: a home's and a large industry's (the longest
amounts), with the tip the conversation would give as the one best saving."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bot.i18n.catalogs import Translator
from bot.media.spoken import spoken_estimate
from bot.rendering.tips import coded_tips
from bot.tariff_source import active_tariff
from tariff_core import BillEstimate, BillRequest, compare, estimate

MONTH = dt.date(2026, 11, 1)

HOME = BillRequest(category="1.b", month=MONTH, units=Decimal(250))
#: Large industry (HT): lakhs of units and rupees, the longest summary to say.
HT_INDUSTRY = BillRequest(
    category="23",
    month=MONTH,
    units=Decimal(500_000),
    contract_demand=Decimal(1000),
    max_demand=Decimal(900),
    kwh=Decimal(480_000),
)


@dataclass(frozen=True)
class Spoken:
    """An estimate, its best saving as the text reply shows it, and its script."""

    estimate: BillEstimate
    saving: str | None
    script: str


def speak(request: BillRequest, t: Translator) -> Spoken:
    est = estimate(request)
    tips = coded_tips(est, compare(request), active_tariff().order_for(MONTH), t)
    saving = tips[0][1] if tips else None
    return Spoken(est, saving, spoken_estimate(est, t, saving=saving))
