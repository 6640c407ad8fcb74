"""The appliance estimate written in Odia, Hindi and English: every name and change translated,
in the language's script, with the figures, the best saving and the approximation note."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from bot.appliances import (
    ApplianceId,
    ApplianceItem,
    default_table,
    estimate_units,
    parse_appliance_reply,
    savings,
    unit_savings,
)
from bot.appliances import names as n
from bot.i18n import Translator
from bot.i18n.checks import script_violations
from bot.i18n.formatting import format_rupees_whole
from bot.rendering.appliances import appliance_name, render_appliance_menu, render_appliance_units

LANGS = ["or", "hi", "en"]
SCRIPT = {"or": re.compile("[\u0b00-\u0b7f]"), "hi": re.compile("[\u0900-\u097f]")}
MAY = dt.date(2026, 5, 1)


def _in_script(text: str, lang: str) -> bool:
    native = lang == "en" or SCRIPT[lang].search(text) is not None
    return bool(text.strip()) and native and script_violations(text, lang) == []


def test_every_appliance_and_every_change_has_a_name() -> None:
    assert set(n.NAMES) == set(ApplianceId)
    assert set(n.CHANGES) == {swap.id for swap in default_table().swaps}


@pytest.mark.parametrize("lang", LANGS)
def test_every_name_and_change_is_translated(lang: str) -> None:
    t = Translator.load(lang)
    for appliance in ApplianceId:
        assert _in_script(appliance_name(appliance, t), lang)
    for change in n.CHANGES.values():
        assert _in_script(t.gettext(change), lang)
    if lang != "en":
        assert appliance_name(ApplianceId.FAN, t) != "Fan"


def _household() -> list[ApplianceItem]:
    return [
        ApplianceItem(appliance=ApplianceId.FAN, count=3),  # 81
        ApplianceItem(appliance=ApplianceId.TUBE_LIGHT, count=4),  # 28.8
        ApplianceItem(appliance=ApplianceId.FRIDGE),  # 16.7, assumed
        ApplianceItem(appliance=ApplianceId.TV, hours_per_day=Decimal(4)),  # 12
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_estimate_with_rupees_in_each_language(lang: str) -> None:
    t = Translator.load(lang)
    units = estimate_units(_household())
    _, found = savings(units, category="1.b", month=MAY)
    text = render_appliance_units(units, t, savings=found)
    assert _in_script(text, lang)
    lines = text.splitlines()
    assert lines[0] == t.format(n.APPLIANCES_TOTAL, units="139")  # 138.5 half up
    assert "81" in lines[1]
    assert "28.8" in lines[2]
    assert t.format(n.FRIDGE_ASSUMED, litres="190", stars=2) in lines
    assert t.gettext(n.CHANGES["bldc_for_fan"]) in lines[-2]
    assert found[0].rupees_per_month is not None
    assert format_rupees_whole(found[0].rupees_per_month, lang) in lines[-2]
    assert lines[-1] == t.gettext(n.APPLIANCES_APPROXIMATE)


@pytest.mark.parametrize("lang", LANGS)
def test_the_estimate_in_units_only_without_a_category(lang: str) -> None:
    t = Translator.load(lang)
    units = estimate_units([ApplianceItem(appliance=ApplianceId.TUBE_LIGHT, count=2)])
    text = render_appliance_units(units, t, savings=unit_savings(units), partly_read=True)
    assert _in_script(text, lang)
    assert text.splitlines()[0] == t.gettext(n.APPLIANCES_PARTLY_READ)
    assert (
        t.format(
            n.APPLIANCES_SAVING_UNITS,
            units="7.2",
            change=t.gettext(n.CHANGES["led_for_tube_light"]),
        )
        in text
    )
    assert "₹" not in text
    assert t.gettext(n.APPLIANCES_APPROXIMATE) in text


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_read_says_how_to_reply(lang: str) -> None:
    t = Translator.load(lang)
    assert render_appliance_units(estimate_units([]), t) == t.gettext(n.APPLIANCES_NOT_FOUND)


@pytest.mark.parametrize("lang", LANGS)
def test_the_menu_lists_hours_and_its_example_is_understood(lang: str) -> None:
    t = Translator.load(lang)
    menu = render_appliance_menu(t)
    assert _in_script(menu, lang)
    assert t.format(n.APPLIANCE_HOURS, name=appliance_name(ApplianceId.FAN, t), hours="12") in menu
    # The example reply the menu shows, in that language, reads as it says.
    for message in (n.APPLIANCES_EXAMPLE, n.APPLIANCES_NOT_FOUND):
        (example,) = re.findall(r'"([^"]+)"', t.gettext(message))
        reply = parse_appliance_reply(example)
        assert reply.leftover == ()
        assert [(i.appliance, i.count) for i in reply.items][:3] == [
            (ApplianceId.FAN, 3),
            (ApplianceId.LED_BULB, 5),
            (ApplianceId.FRIDGE, 1),
        ]
