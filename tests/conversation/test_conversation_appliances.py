""" "Don't know your units?": the appliances at home, in the conversation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from conversation_chat import NOW, Chat

from bot.appliances import names as n
from bot.conversation import current_estimate
from bot.i18n.catalogs import Translator
from tariff_core import BillRequest, estimate

OPENINGS = {
    "or": ("ନମସ୍କାର", "ଘରୋଇ", "2", "ଜାଣିନି", "ପଙ୍ଖା ୩ଟା, ଟିଭି ୪ ଘଣ୍ଟା"),
    "hi": ("नमस्ते", "घरेलू", "2", "पता नहीं", "3 पंखे, टीवी 4 घंटे"),
    "en": ("hello", "domestic", "2", "don't know", "3 fan, tv 4 hours"),
}
#: 3 ordinary fans × 75 W × 12 h × 30 days = 81 kWh; a TV 100 W × 4 h × 30 = 12 kWh.
APPLIANCE_UNITS = Decimal(93)


def _estimate_units(chat: Chat) -> Decimal | None:
    est = current_estimate(chat.session, now=NOW, month=chat.month)
    return None if est is None else est.units


@pytest.mark.parametrize("language", ["or", "hi", "en"])
@pytest.mark.parametrize("channel", ["whatsapp", "sms"])
def test_dont_know_leads_to_the_appliances_and_their_units_make_the_estimate(
    language: str, channel: str
) -> None:
    chat = Chat(channel=channel)  # type: ignore[arg-type]
    *before, listed = OPENINGS[language]
    chat.run(before)
    t = Translator.load(language)  # type: ignore[arg-type]
    asked = "\n".join(chat.replies)
    assert t.gettext(n.ASK_APPLIANCES) in asked
    answer = chat.send(listed)
    assert _estimate_units(chat) == APPLIANCE_UNITS
    if channel == "whatsapp":
        assert t.format(n.APPLIANCES_TOTAL, units="93") in answer
        approximate = t.gettext(n.APPLIANCES_APPROXIMATE)
        assert approximate.split("{")[0][:20] in answer


def test_the_saving_is_in_rupees_on_this_consumers_own_bill() -> None:
    chat = Chat()
    chat.run(["hello", "domestic", "2", "don't know"])
    answer = chat.send("3 fan, tv 4 hours")
    # BLDC fans: 3 × (75 − 28) W × 12 h × 30 days = 50.76 → 50.8 units fewer.
    month = dt.date(2026, 11, 1)
    request = BillRequest(category="domestic", month=month, units=93, contract_demand=2)
    fewer = request.model_copy(update={"units": Decimal("42.2")})
    saved = (
        estimate(request).payable_by_due_date_detail.before_rounding
        - estimate(fewer).payable_by_due_date_detail.before_rounding
    )
    whole = saved.quantize(Decimal(1))
    assert f"₹{whole}" in answer, answer


def test_a_units_figure_at_the_appliances_question_is_the_units() -> None:
    chat = Chat()
    chat.run(["hello", "domestic", "2", "don't know"])
    chat.send("250 units")
    assert _estimate_units(chat) == Decimal(250)


def test_nothing_recognisable_asks_again_and_changes_nothing() -> None:
    chat = Chat()
    chat.run(["hello", "domestic", "2", "don't know"])
    stored = chat.session
    answer = chat.send("purple elephants")
    assert chat.session == stored
    assert Translator.load("en").gettext(n.APPLIANCES_NOT_FOUND)[:30] in answer
