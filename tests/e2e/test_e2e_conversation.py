"""Conversations over real HTTP with a real server: three languages, two channels, quick syntax."""

from __future__ import annotations

import datetime as dt
import json

import httpx
import pytest
from e2e_support import Server, new_user

from bot import messages as m
from bot.i18n import Translator
from bot.rendering.figures import tariff_figures
from tariff_core import default_tariff

#: The order in force for the service's month (BIJULI_MONTH in the tests).
ORDER = default_tariff().order_for(dt.date(2026, 5, 1))


def session_of(server: Server, sender: str) -> dict[str, object]:
    data = server.session(sender)
    assert data is not None
    loaded = json.loads(data)
    assert isinstance(loaded, dict)
    return loaded


@pytest.mark.parametrize(("greeting", "language"), [("ନମସ୍କାର", "or"), ("नमस्ते", "hi"), ("hi", "en")])
@pytest.mark.parametrize("channel", ["whatsapp", "sms"])
def test_a_greeting_is_answered_in_its_language_on_each_channel(
    server: Server, client: httpx.Client, greeting: str, language: str, channel: str
) -> None:
    sender = new_user(channel)
    (reply,) = server.say(client, sender, greeting)
    t = Translator.load(language)
    if channel == "whatsapp":  # the greeting names the date the tariff took effect
        assert t.format(m.GREETING, effective=tariff_figures(ORDER, t)["effective"]) in reply
    else:
        assert t.gettext(m.GREETING_SHORT) in reply
    assert t.gettext(m.ASK_CATEGORY) in reply
    session = session_of(server, sender)
    assert session["language"] == language
    assert session["channel"] == channel


@pytest.mark.parametrize(
    ("text", "language", "due", "units"),
    [
        ("domestic 250", "en", "₹1,215.00", "250"),
        ("ଘରୋଇ ୨୫୦ ୟୁନିଟ", "or", "₹1,215.00", "250"),
        ("घरेलू 300 यूनिट 2 किलोवाट", "hi", "₹1,527.00", "300"),
    ],
)
def test_quick_syntax_gets_an_itemised_estimate_at_once(
    server: Server, client: httpx.Client, text: str, language: str, due: str, units: str
) -> None:
    sender = new_user()
    replies = server.say(client, sender, text)
    whole = "\n".join(replies)
    # BIJULI_MONTH=2026-05 pins the month; the default assumptions give these totals
    # (checked against tariff_core: domestic 250 kWh, 1 kW -> 1,195 - 25 rebate + duty 4% x 1,135
    # = 45.40 -> ₹1,215.00 by the due date; 300 kWh, 2 kW -> 1,500 - 30 + 56.80 -> ₹1,527.00).
    assert due in whole
    assert units in whole
    session = session_of(server, sender)
    assert session["language"] == language
    assert session["state"] == "estimate"
    assert session["month"] == "2026-05"


def test_a_guided_conversation_reaches_the_estimate(server: Server, client: httpx.Client) -> None:
    t = Translator.load("en")
    sender = new_user()
    server.say(client, sender, "hi")
    assert (
        t.format(m.ASK_LOAD, unit="kW", default="1").split("?")[0]
        in server.say(client, sender, "1")[0]
    )
    assert t.format(m.ASK_UNITS, unit="units").split("?")[0] in server.say(client, sender, "1")[0]
    replies = server.say(client, sender, "250")  # three replies after the greeting
    assert session_of(server, sender)["state"] == "estimate"
    assert "₹1,215.00" in "\n".join(replies)  # 1,195 - 25 + duty 4% x 1,135 = 45.40
    village = server.say(client, sender, "village")  # an offer, answered after the estimate
    assert "₹1,190.00" in "\n".join(village)  # rural rebate 25 more off: 1,190.40
