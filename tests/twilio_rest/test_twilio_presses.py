"""Button presses and list picks from Twilio reach the engine as the typed choice would."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.channels.twilio import parse_inbound
from bot.channels.twilio_content import content_for, templates
from bot.conversation import Inbound, handle
from bot.i18n.catalogs import LANGUAGES
from tests.support.twilio_api import fill_variables
from tests.support.twilio_forms import twilio_form

USER = "whatsapp:+919437012345"
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
OPENING = {"or": "ନମସ୍କାର", "hi": "नमस्ते", "en": "hello"}


def test_a_quick_reply_press_is_its_payload() -> None:
    form = twilio_form(USER, "Yes", ButtonPayload="yes", ButtonText="Yes")
    assert parse_inbound(form).body == "yes"


def test_a_list_pick_is_its_id_whichever_field_carries_it() -> None:
    assert parse_inbound(twilio_form(USER, "Home", ListId="1", ListTitle="Home")).body == "1"
    assert parse_inbound(twilio_form(USER, "", ListTitle="Home")).body == "Home"
    assert parse_inbound(twilio_form(USER, "Home", ButtonPayload="1")).body == "1"


def test_typed_words_still_work_beside_empty_interactive_fields() -> None:
    form = twilio_form(USER, "domestic 250", ButtonPayload="", ListId="", ListTitle="")
    assert parse_inbound(form).body == "domestic 250"


@pytest.mark.parametrize("language", LANGUAGES)
def test_picking_a_listed_category_answers_as_typing_its_number(language: str) -> None:
    opening = handle(None, Inbound("whatsapp", OPENING[language]), now=NOW)
    [offer] = [r for r in opening.messages if r.choices]
    content = content_for(offer)
    assert content is not None
    name, variables = content
    template = next(t for t in templates() if t.name == name)
    items = fill_variables(template.api_body()["types"], variables)["twilio/list-picker"]["items"]
    # Twilio posts the picked item's id and title; the engine gets the id.
    picked = twilio_form(USER, items[0]["item"], ListId=items[0]["id"], ListTitle=items[0]["item"])
    pressed = handle(opening.session, parse_inbound(picked), now=NOW)
    typed = handle(opening.session, Inbound("whatsapp", offer.choices[0].reply), now=NOW)
    assert pressed.replies == typed.replies
    assert pressed.replies != opening.replies
