"""The console's "don't know the units?", the estimate card and the WhatsApp share text, in
process: the figures on the page are worked out again here from bot.appliances and tariff_core.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from bot import messages as m
from bot.appliances import ApplianceId, ApplianceItem, estimate_units, unit_savings
from bot.appliances import names as n
from bot.console import messages as cm
from bot.console.appliances import APPLIANCE_ORDER, priced_savings, read_appliances
from bot.console.forms import parse_number
from bot.i18n.catalogs import Translator
from bot.i18n.formatting import format_rupees_whole
from bot.media.card import CARD_WIDTH
from bot.rendering.appliances import appliance_name
from bot.rendering.labels import money, number
from tariff_core import BillRequest, estimate
from tests.console.test_console_pages import make_client, post_estimate, sign_in, text_of

MONTH = dt.date(2026, 5, 1)
HOME = {
    "count_fan": "3",
    "hours_fan": "10",
    "count_tube_light": "4",
    "count_fridge": "1",
    "fridge_litres": "190",
    "count_tv": "1",
}
HOME_ITEMS = [
    ApplianceItem(appliance=ApplianceId.FAN, count=3, hours_per_day=Decimal(10)),
    ApplianceItem(appliance=ApplianceId.TUBE_LIGHT, count=4),
    ApplianceItem(appliance=ApplianceId.FRIDGE, count=1, litres=Decimal(190)),
    ApplianceItem(appliance=ApplianceId.TV, count=1),
]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    yield from make_client(tmp_path, "https://bijuli.example.in")


def estimate_page(client: TestClient, **fields: str) -> tuple[str, str]:
    """Post the form; return the new estimate's path and its page's text."""
    posted = post_estimate(client, **fields)
    assert posted.status_code == 303, text_of(posted)
    path = posted.headers["location"]
    return path, text_of(client.get(path))


def test_the_appliances_give_the_units_what_uses_most_and_one_change_in_rupees(
    client: TestClient,
) -> None:
    sign_in(client)
    path, page = estimate_page(
        client, category="1.b", contract_demand="2", consumer_lang="hi", **HOME
    )
    hi = Translator.load("hi")
    units = estimate_units(HOME_ITEMS)
    request = BillRequest(
        category="1.b", month=MONTH, units=units.units_for_bill, contract_demand=2
    )
    bill = estimate(request)
    assert money(bill.payable_by_due_date, hi) in page, "billed for the appliances' units"
    assert hi.format(n.APPLIANCES_TOTAL, units=number(units.units_for_bill, hi)) in page
    assert hi.gettext(n.APPLIANCES_APPROXIMATE) in page
    fan = appliance_name(ApplianceId.FAN, hi)
    assert units.top[0].appliance is ApplianceId.FAN, "ten hours of three fans use the most"
    assert f"{fan} {number(units.top[0].kwh_per_month, hi)}" in page
    # The best change, priced here with the same inputs, the units it saves fewer.
    best = max(unit_savings(units), key=lambda saving: saving.kwh_per_month)
    fewer = estimate(
        request.model_copy(update={"units": units.units_for_bill - best.kwh_per_month})
    )
    rupees = (
        bill.payable_by_due_date_detail.before_rounding
        - fewer.payable_by_due_date_detail.before_rounding
    )
    saving = hi.format(
        n.APPLIANCES_SAVING_RUPEES,
        amount=format_rupees_whole(rupees, "hi"),
        units=number(best.kwh_per_month, hi),
        change=hi.gettext(n.CHANGES[best.swap]),
    )
    assert saving in page
    # The day's CSV says where the units came from.
    rows = list(csv.DictReader(io.StringIO(client.get("/agent/day.csv").text.lstrip("\ufeff"))))
    assert rows[-1]["units"] == str(units.units_for_bill)
    assert rows[-1]["units_from"] == "appliances"
    # Large print repeats the saving and that the units are approximate.
    large = text_of(client.get(path + "/large"))
    assert saving in large
    assert hi.gettext(n.APPLIANCES_APPROXIMATE) in large


def test_a_fridge_by_its_label_or_by_size_and_stars(client: TestClient) -> None:
    sign_in(client)
    en = Translator.load("en")
    _, by_label = estimate_page(
        client, category="1.b", consumer_lang="en", count_fridge="1", fridge_kwh="300"
    )
    assert en.format(n.APPLIANCES_TOTAL, units="25") in by_label, "300 kWh a year / 12"
    # The fridge's size alone counts one fridge, without its count typed.
    _, by_size = estimate_page(
        client,
        category="1.b",
        consumer_lang="en",
        fridge_litres="250",
        fridge_stars="3",
        fridge_type="frost_free",
    )
    fridge = ApplianceItem(
        appliance=ApplianceId.FRIDGE, litres=Decimal(250), stars=3, fridge_type="frost_free"
    )
    expected = estimate_units([fridge])
    assert en.format(n.APPLIANCES_TOTAL, units=number(expected.units_for_bill, en)) in by_size
    assert en.gettext(n.CHANGES["five_star_fridge"]) in by_size


def test_typed_units_come_before_the_appliances(client: TestClient) -> None:
    sign_in(client)
    path, page = estimate_page(client, category="1.b", units="250", count_fan="3")
    assert 'id="appliance-estimate"' not in client.get(path).text
    assert Translator.load("en").gettext(n.APPLIANCES_APPROXIMATE) not in page
    rows = list(csv.DictReader(io.StringIO(client.get("/agent/day.csv").text.lstrip("\ufeff"))))
    assert (rows[-1]["units"], rows[-1]["units_from"]) == ("250", "units")


def test_bad_appliance_figures_are_localised_errors_with_the_list_open(
    client: TestClient,
) -> None:
    sign_in(client, "arun")
    hi = Translator.load("hi")
    answer = post_estimate(
        client, category="1.b", count_fan="2.5", count_tv="1", hours_tv="30", fridge_kwh="lots"
    )
    assert answer.status_code == 422
    errors = dict(re.findall(r'id="error-([a-z_]+)">([^<]+)<', answer.text))
    assert errors == {
        "count_fan": hi.gettext(cm.ERROR_COUNT),
        "hours_tv": hi.gettext(cm.ERROR_HOURS),
        "fridge_kwh": hi.gettext(cm.ERROR_FRIDGE),
    }
    assert re.search(r'<details[^>]*id="appliances"[^>]* open', answer.text)
    assert 'value="2.5"' in answer.text, "what the agent typed is kept"
    nothing = post_estimate(client, category="1.b")
    assert hi.gettext(cm.ERROR_UNITS) in nothing.text
    assert re.search(r'<details[^>]*id="appliances"[^>]* open', nothing.text)


def test_reading_the_form_takes_native_digits_and_skips_empty_rows() -> None:
    items, errors = read_appliances(
        {"count_fan": "୩", "hours_fan": "८", "count_led_bulb": "0", "count_cooler": ""},
        parse_number,
    )
    assert errors == {}
    assert items == [ApplianceItem(appliance=ApplianceId.FAN, count=3, hours_per_day=Decimal(8))]
    assert set(APPLIANCE_ORDER) == set(ApplianceId), "the form lists every appliance"


def test_each_change_is_priced_on_the_same_bill_with_fewer_units_most_first() -> None:
    units = estimate_units(
        [
            ApplianceItem(appliance=ApplianceId.FAN, count=2),
            ApplianceItem(appliance=ApplianceId.TUBE_LIGHT, count=6),
        ]
    )
    request = BillRequest(category="1.b", month=MONTH, units=units.units_for_bill, rural=True)
    priced = priced_savings(units, request)
    assert {saving.swap for saving in priced} == {"bldc_for_fan", "led_for_tube_light"}
    before = estimate(request).payable_by_due_date_detail.before_rounding
    for saving in priced:
        after = estimate(request.model_copy(update={"units": request.units - saving.kwh_per_month}))
        assert saving.rupees_per_month == before - after.payable_by_due_date_detail.before_rounding
    amounts = [saving.rupees_per_month or Decimal(0) for saving in priced]
    assert amounts == sorted(amounts, reverse=True)


def test_the_card_is_the_agents_own_png_and_downloads(client: TestClient) -> None:
    sign_in(client)
    path, _ = estimate_page(client, category="1.b", units="250", consumer_lang="or")
    page = client.get(path).text
    assert f'src="{path}/card.png"' in page
    assert f'href="{path}/card.png?download=1"' in page
    card = client.get(path + "/card.png")
    assert card.status_code == 200
    assert card.headers["content-type"] == "image/png"
    assert "content-encoding" not in card.headers, "a PNG is not gzipped again"
    assert card.headers["cache-control"].startswith("private")
    assert Image.open(io.BytesIO(card.content)).width == CARD_WIDTH
    saved = client.get(path + "/card.png?download=1")
    ref = path.rsplit("/", 1)[1]
    assert saved.headers["content-disposition"] == f'attachment; filename="bijuli-{ref}.png"'
    assert saved.content == card.content
    # Another agent cannot see it, and nobody signed out can.
    sign_in(client, "arun")
    assert client.get(path + "/card.png").status_code == 404
    client.cookies.clear()
    assert client.get(path + "/card.png", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("language", ["or", "hi", "en"])
def test_the_whatsapp_text_is_the_agents_not_the_bots(client: TestClient, language: str) -> None:
    sign_in(client)
    path, _ = estimate_page(client, category="1.b", units="250", consumer_lang=language)
    link = re.search(r'id="share" href="([^"]+)"', client.get(path).text)
    assert link
    text = parse_qs(urlsplit(link[1].replace("&amp;", "&")).query)["text"][0]
    t = Translator.load(language)
    ref = path.rsplit("/", 1)[1]
    assert text.endswith(t.format(cm.SHARE_FROM_AGENT, ref=ref))
    assert t.gettext(m.DETAILS_HINT) not in text, "the consumer is not talking to the bot"
    bill = estimate(BillRequest(category="1.b", month=MONTH, units=250))
    assert money(bill.payable_by_due_date, t) in text


def test_the_whatsapp_text_of_appliances_says_approximate_and_the_saving(
    client: TestClient,
) -> None:
    sign_in(client)
    path, _ = estimate_page(client, category="1.b", consumer_lang="or", **HOME)
    link = re.search(r'id="share" href="([^"]+)"', client.get(path).text)
    assert link
    text = parse_qs(urlsplit(link[1].replace("&amp;", "&")).query)["text"][0]
    odia = Translator.load("or")
    assert odia.gettext(n.APPLIANCES_APPROXIMATE) in text
    saving = re.search(r'id="appliance-saving">([^<]+)<', client.get(path).text)
    assert saving
    assert f"💡 {saving[1]}" in text
