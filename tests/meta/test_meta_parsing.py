"""Meta's webhook in: the signature over the raw body, the verification GET, the payload."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.channels.meta import (
    MAX_INBOUND_BODY,
    PayloadError,
    address_of,
    is_signed,
    parse_webhook,
    signature_of,
    subscription_challenge,
)
from tests.support.meta_events import (
    APP_SECRET,
    PHONE_NUMBER_ID,
    button_reply,
    encode,
    event,
    list_reply,
    media_message,
    new_wamid,
    sign,
    status_update,
    text_message,
)

WA_ID = "919437012345"


# --- Signature ------------------------------------------------------------------------------


def test_a_signature_made_as_meta_makes_it_is_accepted() -> None:
    body = encode(event(text_message(WA_ID, "ଘରୋଇ ୨୫୦ ୟୁନିଟ")))
    assert signature_of(APP_SECRET, body) == sign(body)
    assert is_signed(APP_SECRET, body, sign(body))
    # Any case of hex digits encodes the same digest.
    assert is_signed(APP_SECRET, body, "sha256=" + sign(body).removeprefix("sha256=").upper())


def test_the_signature_covers_the_raw_bytes_not_the_json() -> None:
    payload = event(text_message(WA_ID, "domestic 250"))
    body = encode(payload)
    signature = sign(body)
    # The same JSON written with other spacing, or with non-ASCII unescaped, is another body.
    assert json.loads(json.dumps(payload, indent=1)) == payload
    assert not is_signed(APP_SECRET, json.dumps(payload, indent=1).encode(), signature)
    tampered = body.replace(b"250", b"950")
    assert tampered != body
    assert not is_signed(APP_SECRET, tampered, signature)


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "sha256=",
        "sha1=0123",
        "sha256=" + "0" * 64,
        "not-a-signature",
    ],
)
def test_missing_or_malformed_signatures_are_refused(header: str | None) -> None:
    body = encode(event(text_message(WA_ID, "hello")))
    assert not is_signed(APP_SECRET, body, header)


def test_a_signature_with_another_secret_is_refused() -> None:
    body = encode(event(text_message(WA_ID, "hello")))
    assert not is_signed(APP_SECRET, body, sign(body, secret="another-app-secret"))
    # The bare hex digest without its "sha256=" prefix is not the header Meta sends.
    assert not is_signed(APP_SECRET, body, sign(body).removeprefix("sha256="))


# --- Verification GET --------------------------------------------------------------------


def test_the_challenge_is_echoed_only_for_subscribe_with_the_right_token() -> None:
    good = {"hub.mode": "subscribe", "hub.verify_token": "tok-1", "hub.challenge": "1158201444"}
    assert subscription_challenge(good, "tok-1") == "1158201444"
    assert subscription_challenge({**good, "hub.verify_token": "tok-2"}, "tok-1") is None
    assert subscription_challenge({**good, "hub.mode": "unsubscribe"}, "tok-1") is None
    assert subscription_challenge({**good, "hub.challenge": ""}, "tok-1") is None
    assert subscription_challenge({"hub.mode": "subscribe", "hub.challenge": "1"}, "tok-1") is None


# --- Payload -----------------------------------------------------------------------------


def test_a_text_message_becomes_an_inbound_whatsapp_message() -> None:
    wamid = new_wamid()
    [message] = parse_webhook(encode(event(text_message(WA_ID, "ଘରୋଇ ୨୫୦", wamid=wamid))))
    assert message.wa_id == WA_ID
    assert message.phone_number_id == PHONE_NUMBER_ID
    assert message.address == "whatsapp:+919437012345"
    assert message.inbound.channel == "whatsapp"
    assert message.inbound.body == "ଘରୋଇ ୨୫୦"
    assert message.inbound.message_id == wamid
    assert message.inbound.media_count == 0
    assert message.inbound.profile_name == "Sabitri"


def test_the_address_is_the_one_twilio_whatsapp_uses_for_the_number() -> None:
    assert address_of("919437012345") == "whatsapp:+919437012345"
    assert address_of("+91 94370-12345") == "whatsapp:+919437012345"


def test_pressed_buttons_and_picked_rows_arrive_as_the_choice_id() -> None:
    body = encode(event(button_reply(WA_ID, "dont-know", "Don't know"), list_reply(WA_ID, "3")))
    pressed, picked = parse_webhook(body)
    assert pressed.inbound.body == "dont-know"
    assert picked.inbound.body == "3"
    assert pressed.inbound.media_count == picked.inbound.media_count == 0


def test_a_template_quick_reply_button_arrives_as_its_payload() -> None:
    raw = text_message(WA_ID, "")
    raw.pop("text")
    raw.update(type="button", button={"payload": "estimate", "text": "Estimate"})
    [message] = parse_webhook(encode(event(raw)))
    assert message.inbound.body == "estimate"


@pytest.mark.parametrize("kind", ["image", "audio", "video", "document", "sticker", "location"])
def test_media_and_other_kinds_arrive_as_media_without_text(kind: str) -> None:
    [message] = parse_webhook(encode(event(media_message(WA_ID, kind))))
    assert message.inbound.body == ""
    assert message.inbound.media_count == 1


def test_statuses_reactions_and_other_fields_are_not_messages() -> None:
    receipt = event(statuses=(status_update(new_wamid(), WA_ID),))
    assert parse_webhook(encode(receipt)) == []
    reaction = text_message(WA_ID, "")
    reaction.pop("text")
    reaction.update(type="reaction", reaction={"message_id": new_wamid(), "emoji": "👍"})
    assert parse_webhook(encode(event(reaction))) == []
    other_field = event(text_message(WA_ID, "hello"))
    other_field["entry"][0]["changes"][0]["field"] = "account_update"
    assert parse_webhook(encode(other_field)) == []


def test_several_entries_and_messages_keep_their_order() -> None:
    first = event(text_message(WA_ID, "one"), text_message("919437000002", "two"))
    second = event(text_message(WA_ID, "three"))
    first["entry"].extend(second["entry"])
    bodies = [m.inbound.body for m in parse_webhook(encode(first))]
    assert bodies == ["one", "two", "three"]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"object": "whatsapp_business_account"},
        {"entry": "not a list"},
        {"entry": [None, 3, {"changes": [{"value": None}]}]},
        {"entry": [{"changes": [{"value": {"messages": [{"type": "text"}]}}]}]},  # no id, from
        {"entry": [{"changes": [{"value": {"messages": [{"id": "w1", "from": "x"}]}}]}]},
    ],
)
def test_missing_fields_are_tolerated(payload: dict[str, Any]) -> None:
    assert parse_webhook(encode(payload)) == []


def test_a_message_without_text_or_contacts_is_still_read() -> None:
    raw = {"from": WA_ID, "id": new_wamid(), "type": "text"}
    payload = {"entry": [{"changes": [{"value": {"messages": [raw]}}]}]}
    [message] = parse_webhook(encode(payload))
    assert message.inbound.body == ""
    assert message.inbound.profile_name == ""
    assert message.phone_number_id == ""


@pytest.mark.parametrize("body", [b"", b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe"])
def test_a_body_that_is_not_a_json_object_is_a_payload_error(body: bytes) -> None:
    with pytest.raises(PayloadError):
        parse_webhook(body)


def test_a_text_beyond_whatsapps_length_is_cut() -> None:
    [message] = parse_webhook(encode(event(text_message(WA_ID, "a" * 50_000))))
    assert len(message.inbound.body) == MAX_INBOUND_BODY
