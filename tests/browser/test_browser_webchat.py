"""The browser chat page in a real browser (Debian's Chromium through Playwright).

A whole Odia conversation to an estimate, by the language button, the options' buttons and a
typed number sent with Enter, with the figures on the page checked against the tariff engine
and the conversation engine; then "delete my data". At 360 px and at desktop width, with no
request leaving the app (see ``conftest.tab``); screenshots go to the test artifacts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from browser_support import DESKTOP, PHONE, Tab
from e2e_support import MONTH

from bot.conversation.engine import handle
from bot.i18n.catalogs import Translator
from bot.i18n.formatting import format_rupees_whole
from bot.i18n.sms import sms_encoding, sms_segments
from bot.inbound import Inbound
from bot.rendering.labels import money
from bot.webchat import messages as wm
from tariff_core import BillRequest, estimate

ODIA = Translator.load("or")
#: What the visitor sends: the language button, the "home" and "don't know" buttons, 250.
CONVERSATION = ["ଓଡ଼ିଆ", "1", "ଜାଣିନି", "୨୫୦"]


def sms_replies_of_the_engine() -> list[str]:
    """The SMS replies the engine gives the last message of the conversation, run directly."""
    session: str | None = None
    texts: list[str] = []
    for number, body in enumerate(CONVERSATION):
        inbound = Inbound(channel="sms", body=body, message_id=f"direct-{number}")
        turn = handle(
            session,
            inbound,
            now=dt.datetime.now(dt.UTC),
            month=dt.date.fromisoformat(f"{MONTH}-01"),
        )
        session = turn.session
        texts = [reply.text for reply in turn.messages]
    return texts


def fits(tab: Tab, viewport: tuple[int, int]) -> None:
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport[0], f"{tab.page.url} is {width} px wide at {viewport[0]} px"


def latest_said(tab: Tab) -> str:
    return tab.page.inner_text("#latest .said-text")


def submit(tab: Tab, action: Callable[[], None]) -> None:
    """Do what sends a form and wait for the page it leads to, stylesheet and all: every form
    ends in a redirect to the chat page, often to the very same URL as before."""
    with tab.page.expect_navigation(wait_until="load"):
        action()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "desktop"])
def test_a_whole_odia_conversation_to_an_estimate(tab: Tab, viewport: tuple[int, int]) -> None:
    page = tab.page
    tab.go("/chat")
    assert page.is_visible("#chat-empty")
    fits(tab, viewport)
    tab.shot("empty")

    # The language button sets the page's language and tells the conversation.
    submit(tab, lambda: page.click("#lang-or"))
    assert page.get_attribute("html", "lang") == "or"
    assert page.inner_text("h1") == ODIA.gettext(wm.CHAT_TITLE)
    assert latest_said(tab) == "ଓଡ଼ିଆ"

    # The category and the load by the options' buttons, as WhatsApp shows them.
    submit(tab, lambda: page.click("button.quick-reply:text-is('ଘର')"))
    assert latest_said(tab) == "1"
    fits(tab, viewport)
    tab.shot("load")
    submit(tab, lambda: page.click("button.quick-reply:text-is('ଜାଣିନି')"))
    assert latest_said(tab) == "ଜାଣିନି"

    # The units typed in Odia digits and sent with Enter (not taken as an option's button).
    page.fill("#message", "୨୫୦")
    submit(tab, lambda: page.press("#message", "Enter"))
    said = page.locator(".said-text").all_inner_texts()
    assert said == CONVERSATION

    expected = estimate(BillRequest(category="1.b", month=MONTH, units=250, contract_demand=1))
    whatsapp = "\n".join(page.locator("#latest .whatsapp .bubble").all_inner_texts())
    for amount in (
        expected.charges_total,
        expected.payable_by_due_date,
        expected.payable_after_due_date,
    ):
        assert money(amount, ODIA) in whatsapp
    assert page.locator("#latest .whatsapp .bubble strong").count() > 0, "WhatsApp's bold"

    sms = page.locator("#latest .sms .bubble").all_inner_texts()
    assert sms == sms_replies_of_the_engine()
    joined = "\n".join(sms)
    for amount in (expected.payable_by_due_date, expected.payable_after_due_date):
        assert format_rupees_whole(amount, "or") in joined
    counts = page.locator("#latest .sms .segments")
    assert counts.count() == len(sms)
    for index, text in enumerate(sms):
        shown = counts.nth(index)
        assert shown.get_attribute("data-segments") == str(sms_segments(text))
        assert shown.get_attribute("data-encoding") == sms_encoding(text) == "UCS-2"
        label = ODIA.format(wm.SMS_SEGMENTS, count=sms_segments(text), encoding="UCS-2")
        assert shown.inner_text() == label

    # Both columns side by side where there is room; one above the other on a phone.
    boxes = [page.locator(f"#latest .{name}").bounding_box() for name in ("whatsapp", "sms")]
    assert boxes[0] is not None
    assert boxes[1] is not None
    side_by_side = abs(boxes[0]["y"] - boxes[1]["y"]) < 1
    assert side_by_side == (viewport == DESKTOP)
    button = page.locator("#send").bounding_box()
    assert button is not None
    assert button["height"] >= 44, "a large touch target"
    fits(tab, viewport)
    tab.shot("estimate")

    # "Delete my data" in Odia: both conversations and the history are gone.
    page.fill("#message", "ମୋ ତଥ୍ୟ ହଟାଅ")
    submit(tab, lambda: page.click("#send"))
    assert re.search(r"/chat\?done=deleted$", page.url)
    assert page.inner_text("#chat-notice") == ODIA.gettext(wm.CHAT_DELETED)
    assert page.locator(".turn").count() == 0
    fits(tab, viewport)
    tab.shot("deleted")
