"""FAQ answers render for every topic in Odia, Hindi and English, short enough for WhatsApp,
with every figure taken from the tariff order: change a figure in a copy of the order and the
answer changes with it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest

from bot import faq_messages as fm
from bot.i18n import Translator, format_number, format_rupees
from bot.rendering.faq import FAQ_MESSAGES, render_faq
from bot.rendering.figures import tariff_figures
from bot.understanding.question_words import FaqTopic
from tariff_core import TariffOrder, default_tariff

ORDER = default_tariff().order_for(dt.date(2026, 5, 1))
LANGS = ["or", "hi", "en"]
#: The longest answer, in characters (one short WhatsApp message).
MAX_CHARS = 400
#: Digits an answer may contain: the complaints number and the example meter readings.
ALLOWED_NUMBERS = {"1912", "12450", "12710"}
SCRIPT = {"or": re.compile("[\u0b00-\u0b7f]"), "hi": re.compile("[\u0900-\u097f]")}


def _changed(order: TariffOrder, change: dict[str, Any]) -> TariffOrder:
    """A copy of ``order`` with values replaced at paths such as ``categories/1.a/energy``."""
    data = order.model_dump()
    for path, value in change.items():
        *parents, last = path.split("/")
        node = data
        for key in parents:
            node = node[dt.date.fromisoformat(key) if key[:4].isdigit() and "-" in key else key]
        node[last] = value
    return TariffOrder.model_validate(data)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("topic", list(FaqTopic))
def test_every_topic_renders_short_and_complete(topic: FaqTopic, lang: str) -> None:
    text = render_faq(topic, Translator.load(lang), ORDER)
    assert 40 < len(text) <= MAX_CHARS, (len(text), text)
    assert "{" not in text
    assert "}" not in text
    if lang in SCRIPT:
        assert SCRIPT[lang].search(text), text
    assert render_faq(topic.value, Translator.load(lang), ORDER) == text


def test_every_topic_has_an_answer() -> None:
    assert set(FAQ_MESSAGES) == set(FaqTopic)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", [n for n in dir(fm) if n.startswith("FAQ_")])
def test_no_figure_is_written_into_an_answer(name: str, lang: str) -> None:
    text = Translator.load(lang).gettext(getattr(fm, name))
    bare = re.sub(r"\{\w+\}", "", text)
    assert "₹" not in bare, bare
    assert "%" not in bare, bare
    assert set(re.findall(r"\d+", bare)) <= ALLOWED_NUMBERS, bare


def test_figures_are_those_of_the_order() -> None:
    t = Translator.load("en")
    figures = tariff_figures(ORDER, t)
    provisions = ORDER.provisions
    kutir = ORDER.categories["1.a"].energy.fixed_monthly
    assert kutir is not None
    tod = provisions.tod.at(dt.date(2026, 7, 1))
    assert tod is not None
    expected = {
        "kj_limit": format_number(kutir.max_units, "en"),
        "kj_amount": format_rupees(kutir.rupees_per_month, "en"),
        "digital": f"{format_number(provisions.digital.percent, 'en')}%",
        "ebill": format_rupees(provisions.ebill.rupees_per_bill, "en"),
        "rural": format_rupees(provisions.rural.paise_per_unit / 100, "en"),
        "prompt": format_rupees(provisions.prompt_payment_rebate_10.paise_per_unit / 100, "en"),
        "tod_discount": f"{format_number((1 - tod.solar_factor) * 100, 'en')}%",
        "tod_surcharge": f"{format_number((tod.peak_factor - 1) * 100, 'en')}%",
        "tod_min_load": f"{format_number(tod.min_contract_demand_kw, 'en')} kW",
        "tod_start": "1 July 2026",
    }
    assert {key: figures[key] for key in expected} == expected


CHANGES: list[tuple[FaqTopic, dict[str, Any], list[str]]] = [
    (
        FaqTopic.KUTIR_JYOTI,
        {
            "categories/1.a/energy/fixed_monthly/max_units": Decimal(45),
            "categories/1.a/energy/fixed_monthly/rupees_per_month": Decimal(85),
        },
        ["45", "₹85.00"],
    ),
    (FaqTopic.REBATE_DIGITAL, {"provisions/digital/percent": Decimal("3.5")}, ["3.5%"]),
    (FaqTopic.PAYMENT, {"provisions/digital/percent": Decimal(6)}, ["6%"]),
    (FaqTopic.REBATE_EBILL, {"provisions/ebill/rupees_per_bill": Decimal(25)}, ["₹25.00"]),
    (FaqTopic.REBATE_RURAL, {"provisions/rural/paise_per_unit": Decimal(15)}, ["₹0.15"]),
    (FaqTopic.REBATE_PREPAID, {"provisions/prepaid/percent": Decimal(5)}, ["5%"]),
    (
        FaqTopic.REBATE_PROMPT,
        {
            "provisions/prompt_payment_rebate_10/paise_per_unit": Decimal(20),
            "assumptions/prompt_payment_percent_rebate_dps/value": "2",
        },
        ["₹0.20", "2%"],
    ),
    (
        FaqTopic.REBATES,
        {"provisions/ebill/rupees_per_bill": Decimal(12), "provisions/prepaid/percent": Decimal(3)},
        ["₹12.00", "3%"],
    ),
    (
        FaqTopic.DPS,
        {
            "categories/2/late_payment/percent_per_month": Decimal(2),
            "categories/2/late_payment/min_contract_demand": Decimal(8),
            "assumptions/dps_percent_per_month_other/value": "1.75",
        },
        ["2%", "8 kW", "1.75%"],
    ),
    (
        FaqTopic.TOD,
        {
            "provisions/tod/values/2026-07-01/solar_factor": Decimal("0.85"),
            "provisions/tod/values/2026-07-01/peak_factor": Decimal("1.2"),
            "provisions/tod/values/2026-07-01/min_contract_demand_kw": Decimal(15),
        },
        ["15%", "20%", "15 kW"],
    ),
    (
        FaqTopic.SANCTIONED_LOAD,
        {"assumptions/default_contract_demand/value": "2"},
        ["2 kW"],
    ),
    (
        FaqTopic.SMART_METER,
        {"provisions/meter_rent/rupees_per_month/single-phase-smart": Decimal(75)},
        ["₹75.00"],
    ),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("topic", "change", "shown"), CHANGES, ids=[c[0].value for c in CHANGES])
def test_a_changed_figure_changes_the_answer(
    topic: FaqTopic, change: dict[str, Any], shown: list[str], lang: str
) -> None:
    t = Translator.load(lang)
    before = render_faq(topic, t, ORDER)
    after = render_faq(topic, t, _changed(ORDER, change))
    assert after != before
    for figure in shown:
        assert figure in after, (figure, after)
        assert figure not in before, (figure, before)


@pytest.mark.parametrize("lang", LANGS)
def test_tod_without_time_of_day_rates_says_so(lang: str) -> None:
    t = Translator.load(lang)
    order = _changed(ORDER, {"provisions/tod/values": {dt.date(2026, 4, 1): None}})
    assert render_faq(FaqTopic.TOD, t, order) == t.gettext(fm.FAQ_TOD_NONE)


def test_an_unknown_topic_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="not_a_topic"):
        render_faq("not_a_topic", Translator.load("en"), ORDER)


def test_answers_never_claim_to_fetch_a_bill() -> None:
    english = " ".join(getattr(fm, n) for n in dir(fm) if n.startswith("FAQ_")).casefold()
    for claim in ("your bill is", "i fetched", "i checked your", "your account shows"):
        assert claim not in english
    assert "1912 is for complaints, not payments" in english
