"""The agent console in a real browser (Debian's Chromium through Playwright).

Sign-in (good and bad password, lockout), a form posted without its CSRF token, an assisted
estimate in each language with its figures checked on the page, the large-print and print
views, the day log and its CSV, an estimate from the appliances at home with its card, and every
page at 360 px and at desktop width. Every test fails
if the page asked for anything outside the app (see ``conftest.tab``).
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from browser_support import DESKTOP, PASSWORD, PHONE, Server, Tab, open_tab
from playwright.sync_api import Browser

from bot.appliances import ApplianceId, ApplianceItem, estimate_units
from bot.appliances import names as n
from bot.console import messages as cm
from bot.console.accounts import MAX_ACCOUNT_FAILURES
from bot.console.appliances import priced_savings
from bot.i18n.catalogs import LANGUAGES, Language, Translator
from bot.i18n.formatting import format_rupees_whole
from bot.media.card import CARD_WIDTH
from bot.rendering.appliances import appliance_name
from bot.rendering.labels import category_name, money
from bot.rendering.labels import number as quantity
from tariff_core import BillRequest, estimate

MONTH = "2026-05"  # e2e_support pins BIJULI_MONTH


def english(message: str, **values: object) -> str:
    return Translator.load("en").format(message, **values)


def make_estimate(tab: Tab, language: Language, units: str = "250", load: str = "2") -> str:
    """Fill the estimate form as an agent does; return the new estimate's reference."""
    page = tab.page
    tab.go("/agent/estimate")
    page.check(f"input[name=consumer_lang][value={language}]")
    # The category is found by its name in the consumer's language.
    page.fill("#category-search", category_name("1.b", Translator.load(language)))
    assert page.input_value("#category") == "1.b"
    assert page.is_visible("#contract_demand"), "domestic asks the load"
    assert not page.is_visible("#max_demand"), "domestic never asks the maximum demand"
    page.fill("#units", units)
    page.fill("#contract_demand", load)
    page.click("#estimate-button")
    page.wait_for_url(re.compile(r"/agent/estimates/BJ-[A-Z0-9]{4}$"))
    return page.url.rsplit("/", 1)[1]


def test_a_wrong_password_is_refused_and_the_right_one_signs_in(tab: Tab) -> None:
    tab.sign_in(password="not the password")
    assert tab.page.inner_text("#sign-in-error") == Translator.load("or").gettext(
        cm.SIGN_IN_REFUSED
    )
    tab.shot("refused")
    tab.sign_in()
    tab.page.wait_for_url("**/agent/estimate")
    assert english(cm.SIGNED_IN_AS, name="rita") in tab.page.inner_text("header")


def test_an_account_is_locked_after_repeated_failures(tab: Tab) -> None:
    for _ in range(MAX_ACCOUNT_FAILURES):
        tab.sign_in("lockme", "not the password")
    tab.sign_in("lockme", PASSWORD)
    locked = Translator.load("or").format(cm.SIGN_IN_LOCKED, minutes=15)
    assert tab.page.inner_text("#sign-in-error") == locked
    assert "/agent/sign-in" in tab.page.url
    tab.shot("locked")


def test_a_form_posted_without_its_csrf_token_is_refused(tab: Tab) -> None:
    tab.sign_in()
    tab.go("/agent/estimate")
    tab.page.eval_on_selector("#estimate-form input[name=csrf]", "input => input.remove()")
    tab.page.select_option("#category", "1.b")
    tab.page.fill("#units", "250")
    with tab.page.expect_response("**/agent/estimate") as answer:
        tab.page.click("#estimate-button")
    assert answer.value.status == 403
    assert english(cm.FORM_EXPIRED) in tab.page.inner_text("main")


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_assisted_estimate_in_each_language(tab: Tab, language: Language) -> None:
    tab.sign_in()
    ref = make_estimate(tab, language)
    expected = estimate(BillRequest(category="1.b", month=MONTH, units=250, contract_demand=2))
    t = Translator.load(language)
    page = tab.page
    assert page.get_attribute("#estimate", "lang") == language
    assert money(expected.charges_total, t) == page.inner_text("#charges-total")
    assert money(expected.payable_by_due_date, t) in page.inner_text("#pay-by-due")
    assert money(expected.payable_after_due_date, t) in page.inner_text("#pay-after-due")
    amounts = page.locator("table.lines td.amount").all_inner_texts()
    assert amounts[:-1] == [money(line.amount, t) for line in expected.lines]
    assert page.inner_text("#reference") == t.format(cm.REFERENCE, ref=ref)
    share = page.get_attribute("#share", "href") or ""
    assert share.startswith("https://wa.me/?text=")
    tab.shot("estimate")

    page.click("#large-print")
    page.wait_for_url(f"**/agent/estimates/{ref}/large")
    assert money(expected.payable_by_due_date, t) in page.inner_text("#pay-by-due")
    big = page.eval_on_selector("#pay-by-due", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert big >= 36, "large print: the amount reads from an arm's length"
    tab.shot("large")

    tab.go(f"/agent/estimates/{ref}/print")
    page.emulate_media(media="print")
    assert not page.is_visible("header"), "the print stylesheet hides the page's controls"
    assert not page.is_visible("#print-now")
    assert page.is_visible("#reference")
    assert ref in page.inner_text("#reference")
    tab.shot("print")


def test_the_day_log_and_its_csv(tab: Tab) -> None:
    tab.sign_in()
    tab.go("/agent/day")
    before = int(re.findall(r"\d+", tab.page.inner_text("#count"))[0])
    refs = [make_estimate(tab, "en", units=str(units)) for units in (120, 340)]
    tab.go("/agent/day")
    assert tab.page.inner_text("#count") == english(cm.ESTIMATES_TODAY, count=before + 2)
    listed = tab.page.locator("#log a").all_inner_texts()
    assert listed[:2] == refs[::-1], "newest first"
    with tab.page.expect_download() as download:
        tab.page.click("#download")
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(text))}
    for ref, units in zip(refs, (120, 340), strict=True):
        expected = estimate(
            BillRequest(category="1.b", month=MONTH, units=units, contract_demand=2)
        )
        assert rows[ref]["units"] == str(units)
        assert rows[ref]["payable_by_due_date"] == str(expected.payable_by_due_date)
    tab.shot("day")


PAGES = [
    "/agent/sign-in",
    "/agent/estimate",
    "/agent/day",
    "{estimate}",
    "{estimate}/large",
    "{estimate}/print",
    "/agent/batch",
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "desktop"])
def test_every_page_fits_the_width_and_loads_nothing_from_outside(
    tab: Tab, viewport: tuple[int, int]
) -> None:
    tab.sign_in()
    ref = make_estimate(tab, "or")
    for number, path in enumerate(PAGES):
        tab.go(path.format(estimate=f"/agent/estimates/{ref}"))
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport[0], f"{path} is {width} px wide at {viewport[0]} px"
        stylesheet = tab.page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "Noto Sans Oriya" in stylesheet, "the app's own stylesheet is applied"
        tab.shot(f"{number}-{path.strip('/{}').replace('/', '-')}")


def test_a_batch_upload_with_a_bad_row(tab: Tab, tmp_path: Path) -> None:
    source = tmp_path / "consumers.csv"
    source.write_text("category,units,name\n1.b,250,Sita\n99,10,Bad\n1.b,80,Ravi\n")
    tab.sign_in()
    tab.go("/agent/batch")
    tab.page.set_input_files("#file", str(source))
    with tab.page.expect_download() as download:
        tab.page.click("#batch-button")
    tab.page.wait_for_selector("#batch-status:has-text('" + english(cm.BATCH_DONE) + "')")
    assert tab.page.eval_on_selector("#batch-progress", "bar => bar.value") == 1
    text = download.value.path().read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["name"] for row in rows] == ["Sita", "Bad", "Ravi"]
    assert rows[1]["error"]
    assert rows[1]["payable_by_due_date"] == ""
    for row, units in ((rows[0], 250), (rows[2], 80)):
        expected = estimate(BillRequest(category="1.b", month=MONTH, units=units))
        assert row["payable_by_due_date"] == str(expected.payable_by_due_date)
        assert row["error"] == ""
    tab.shot("batch")


def test_an_estimate_from_the_appliances_at_home_with_its_card(tab: Tab) -> None:
    """Hindi: the appliances instead of the units, their hours revealed as they are counted;
    the units, the biggest users and the best change in rupees checked against bot.appliances
    and tariff_core; the card loads on the page and in large print, and downloads."""
    page = tab.page
    tab.sign_in()
    tab.go("/agent/estimate")
    page.check("input[name=consumer_lang][value=hi]")
    page.fill("#category-search", category_name("1.b", Translator.load("hi")))
    page.fill("#contract_demand", "2")
    page.click("#appliances summary")
    assert page.is_visible("#count_fan")
    assert not page.is_visible("#hours_fan"), "the hours appear once the fan is counted"
    assert not page.is_visible("#fridge_litres")
    page.fill("#count_fan", "3")
    page.fill("#hours_fan", "10")
    page.fill("#count_tube_light", "4")
    page.fill("#count_fridge", "1")
    page.fill("#fridge_litres", "190")
    page.fill("#count_tv", "1")
    tab.shot("appliances-form")
    page.click("#estimate-button")
    page.wait_for_url(re.compile(r"/agent/estimates/BJ-[A-Z0-9]{4}$"))
    ref = page.url.rsplit("/", 1)[1]

    hi = Translator.load("hi")
    units = estimate_units(
        [
            ApplianceItem(appliance=ApplianceId.FAN, count=3, hours_per_day=Decimal(10)),
            ApplianceItem(appliance=ApplianceId.TUBE_LIGHT, count=4),
            ApplianceItem(appliance=ApplianceId.FRIDGE, litres=Decimal(190)),
            ApplianceItem(appliance=ApplianceId.TV),
        ]
    )
    request = BillRequest(
        category="1.b", month=MONTH, units=units.units_for_bill, contract_demand=2
    )
    bill = estimate(request)
    assert money(bill.payable_by_due_date, hi) in page.inner_text("#pay-by-due")
    assert page.inner_text("#appliance-total") == hi.format(
        n.APPLIANCES_TOTAL, units=quantity(units.units_for_bill, hi)
    )
    fan = appliance_name(ApplianceId.FAN, hi)
    assert page.inner_text("#appliance-top").startswith(
        hi.format(n.APPLIANCES_TOP, items="").rstrip("।.").strip()
    )
    assert f"{fan} {quantity(units.top[0].kwh_per_month, hi)}" in page.inner_text("#appliance-top")
    best = priced_savings(units, request)[0]
    assert best.rupees_per_month is not None
    assert page.inner_text("#appliance-saving") == hi.format(
        n.APPLIANCES_SAVING_RUPEES,
        amount=format_rupees_whole(best.rupees_per_month, "hi"),
        units=quantity(best.kwh_per_month, hi),
        change=hi.gettext(n.CHANGES[best.swap]),
    )
    assert page.inner_text("#appliance-approximate") == hi.gettext(n.APPLIANCES_APPROXIMATE)

    page.locator("#card-image").scroll_into_view_if_needed()
    # decode() settles once the image has loaded (no polling: the page's CSP forbids eval).
    loaded = "img => img.decode().then(() => img.naturalWidth)"
    assert page.locator("#card-image").evaluate(loaded) == CARD_WIDTH
    tab.shot("appliances-estimate")
    with page.expect_download() as download:
        page.click("#card-download")
    assert download.value.suggested_filename == f"bijuli-{ref}.png"
    assert download.value.path().read_bytes().startswith(b"\x89PNG")

    page.click("#large-print")
    page.wait_for_url(f"**/agent/estimates/{ref}/large")
    assert page.locator("#card-image").evaluate(loaded) == CARD_WIDTH
    assert page.inner_text("#appliance-approximate") == hi.gettext(n.APPLIANCES_APPROXIMATE)
    tab.shot("appliances-large")


def test_the_appliances_work_without_javascript(browser: Browser, server: Server) -> None:
    """No script: every field shows, the appliances open as a plain <details>, the form posts."""
    tab = open_tab(browser, server, "no-javascript", PHONE, javascript=False)
    try:
        page = tab.page
        tab.sign_in()
        tab.go("/agent/estimate")
        page.select_option("#category", "1.b")
        page.click("#appliances summary")
        assert page.is_visible("#hours_fan"), "without the script every field shows"
        page.fill("#count_fan", "2")
        page.fill("#count_led_bulb", "5")
        page.click("#estimate-button")
        page.wait_for_url(re.compile(r"/agent/estimates/BJ-[A-Z0-9]{4}$"))
        units = estimate_units(
            [
                ApplianceItem(appliance=ApplianceId.FAN, count=2),
                ApplianceItem(appliance=ApplianceId.LED_BULB, count=5),
            ]
        )
        en = Translator.load("en")
        assert page.inner_text("#appliance-total") == en.format(
            n.APPLIANCES_TOTAL, units=quantity(units.units_for_bill, en)
        )
        tab.shot("estimate")
    finally:
        tab.context.close()
    assert tab.outside == [], f"requests left the app: {tab.outside}"
