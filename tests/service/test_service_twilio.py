"""The Twilio adapter: form decoding, Inbound, the public URL, signatures and TwiML."""

from __future__ import annotations

from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
from service_support import PUBLIC_URL, TOKEN, WEBHOOK, form
from twilio.request_validator import RequestValidator

from bot.channels.twilio import (
    MAX_BODY_CHARS,
    FormError,
    TwilioForm,
    channel_of,
    is_signed,
    parse_form,
    parse_inbound,
    public_request_url,
    render_twiml,
)


def messages(twiml: str) -> list[str]:
    root = ElementTree.fromstring(twiml)
    assert root.tag == "Response"
    return [element.text or "" for element in root.findall("Message")]


def test_form_decoding_is_utf8_with_plus_as_space() -> None:
    body = urlencode({"Body": "ଘରୋଇ ୨୫୦ ୟୁନିଟ", "From": "+91 98"}).encode()
    decoded = parse_form(body)
    assert decoded["Body"] == "ଘରୋଇ ୨୫୦ ୟୁନିଟ"
    assert decoded["From"] == "+91 98"


def test_form_keeps_repeated_fields_for_the_signature() -> None:
    decoded = parse_form(b"A=1&A=2&B=")
    assert decoded["A"] == "1"
    assert decoded.getlist("A") == ["1", "2"]
    assert decoded["B"] == ""
    assert len(decoded) == 2


def test_a_body_that_is_not_utf8_is_a_form_error() -> None:
    with pytest.raises(FormError):
        parse_form(b"Body=%FF%FE")


@pytest.mark.parametrize(
    ("sender", "channel"),
    [
        ("whatsapp:+919876543210", "whatsapp"),
        ("WhatsApp:+919876543210", "whatsapp"),
        ("+919876543210", "sms"),
        ("9876543210", "sms"),
    ],
)
def test_channel_follows_the_sender_prefix(sender: str, channel: str) -> None:
    assert channel_of(sender) == channel


def test_inbound_reads_the_fields_and_ignores_unknown_ones() -> None:
    fields = form(
        "  domestic 250 ",
        sid="SM" + "a" * 32,
        ProfileName=" Asha ",
        NumMedia="0",
        WaId="919876543210",
        SomeFieldTwilioAddsNextYear="x",
    )
    inbound = parse_inbound(fields)
    assert inbound.channel == "whatsapp"
    assert inbound.body == "  domestic 250 "  # the engine normalises, not the channel
    assert inbound.message_id == "SM" + "a" * 32
    assert inbound.profile_name == "Asha"
    assert inbound.media_count == 0


def test_button_payload_then_button_text_replace_the_body() -> None:
    assert parse_inbound(form("Domestic", ButtonPayload="1.b", ButtonText="Domestic")).body == "1.b"
    assert parse_inbound(form("x", ButtonText="ଘରୋଇ")).body == "ଘରୋଇ"
    assert parse_inbound(form("typed", ButtonPayload="", ButtonText="")).body == "typed"


@pytest.mark.parametrize(("raw", "count"), [("1", 1), ("3", 3), ("", 0), ("x", 0), ("-2", 0)])
def test_media_count_is_read_leniently(raw: str, count: int) -> None:
    assert parse_inbound(form("", NumMedia=raw)).media_count == count


def test_an_absent_body_is_empty_and_a_huge_one_is_cut() -> None:
    fields = form()
    del fields["Body"]
    assert parse_inbound(fields).body == ""
    assert len(parse_inbound(form("9" * (MAX_BODY_CHARS + 10))).body) == MAX_BODY_CHARS


@pytest.mark.parametrize("missing", ["From", "MessageSid"])
def test_from_and_message_sid_are_required(missing: str) -> None:
    fields = form()
    del fields[missing]
    with pytest.raises(FormError, match=missing):
        parse_inbound(fields)


@pytest.mark.parametrize(
    ("base", "path", "query", "url"),
    [
        (PUBLIC_URL, WEBHOOK, "", PUBLIC_URL + WEBHOOK),
        (PUBLIC_URL + "/", WEBHOOK, "a=1&b=2", PUBLIC_URL + WEBHOOK + "?a=1&b=2"),
        ("https://example.in/bot", WEBHOOK, "", "https://example.in/bot" + WEBHOOK),
    ],
)
def test_public_url_is_base_plus_path_and_query(base: str, path: str, query: str, url: str) -> None:
    assert public_request_url(base, path, query) == url


def test_signature_checks_use_twilios_validator() -> None:
    fields = TwilioForm(form("hi").items())
    url = PUBLIC_URL + WEBHOOK
    good = RequestValidator(TOKEN).compute_signature(url, dict(fields))
    assert is_signed(TOKEN, url, fields, good)
    assert not is_signed(TOKEN, url, fields, None)
    assert not is_signed(TOKEN, url, fields, "")
    assert not is_signed("another-token", url, fields, good)
    assert not is_signed(TOKEN, "http://127.0.0.1:8000" + WEBHOOK, fields, good)
    tampered = TwilioForm({**dict(fields), "Body": "hi!"}.items())
    assert not is_signed(TOKEN, url, tampered, good)


def test_twiml_has_one_message_per_reply_and_escapes_text() -> None:
    twiml = render_twiml(["ନମସ୍କାର <b> & 'you'", "second"])
    assert twiml.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert messages(twiml) == ["ନମସ୍କାର <b> & 'you'", "second"]


def test_no_reply_is_an_empty_response() -> None:
    assert messages(render_twiml([])) == []


def test_a_reply_over_twilios_cap_is_split_at_line_breaks() -> None:
    line = "x" * 99
    reply = "\n".join([line] * 40)  # 3,999 characters
    parts = messages(render_twiml([reply]))
    assert len(parts) == 3
    assert all(len(part) <= 1600 for part in parts)
    assert "\n".join(parts) == reply
    unbroken = messages(render_twiml(["y" * 3300]))
    assert [len(part) for part in unbroken] == [1600, 1600, 100]
