"""The Twilio adapter: form decoding, Inbound, the public URL, signatures and TwiML."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlparse
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from service_support import PUBLIC_URL, TOKEN, WEBHOOK, form
from twilio.request_validator import RequestValidator, add_port, remove_port
from twilio.twiml.messaging_response import Message, MessagingResponse

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
from bot.channels.twilio import _chunks as _chunks  # the split both renderings share
from bot.inbound import Media, Reply


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


def _library_twiml(replies: list[Reply]) -> str:
    """What Twilio's own MessagingResponse writes for ``replies`` (split as render_twiml
    splits them): the oracle the hand-written TwiML must match byte for byte."""
    response = MessagingResponse()
    for reply in replies:
        chunks = list(_chunks(reply.text, 1600)) or [""]
        for number, chunk in enumerate(chunks):
            if reply.media is not None and number == len(chunks) - 1:
                message = Message()
                message.body(chunk)
                message.media(reply.media.url)
                response.append(message)
            elif chunk:
                response.message(chunk)
    return str(response.to_xml(xml_declaration=True))


_TEXT = st.text(alphabet=st.sampled_from(list("ab ୧୨ଘରୋଇ घरेलू&<>\"'\r\n\t;=?/:₹💡")), max_size=60)
_MEDIA = st.none() | st.builds(
    Media,
    st.sampled_from(["https://bijuli.example/media/t0k?a=1&b=<2>", "https://x.in/c.png"]),
    st.just("image/png"),
)


@given(st.lists(st.builds(Reply, _TEXT, media=_MEDIA), max_size=4))
@settings(max_examples=300, deadline=None)
def test_twiml_is_byte_for_byte_what_twilios_library_writes(replies: list[Reply]) -> None:
    assert render_twiml(replies) == _library_twiml(replies)


def test_twiml_for_a_long_reply_with_media_matches_twilios_library() -> None:
    reply = Reply("\n".join(["line & <more>"] * 300), media=Media("https://x.in/a?b=1&c=2", "x"))
    assert render_twiml([reply, "tail"]) == _library_twiml([reply, Reply("tail")])


@given(
    st.dictionaries(
        st.sampled_from(["Body", "From", "To", "MessageSid", "ProfileName", "X-Extra", "b", "B"]),
        st.lists(_TEXT, min_size=1, max_size=3),
        min_size=1,
    ),
    st.sampled_from(
        [
            "https://bijuli.example/webhooks/twilio",
            "https://bijuli.example:443/webhooks/twilio",
            "https://bijuli.example:8443/bot/webhooks/twilio?x=1&y=2",
            "http://127.0.0.1:8000/webhooks/twilio",
        ]
    ),
)
@settings(max_examples=200, deadline=None)
def test_the_signature_check_agrees_with_twilios_validator(
    fields: dict[str, list[str]], url: str
) -> None:
    pairs = [(name, value) for name, values in fields.items() for value in values]
    form_ = TwilioForm(pairs)
    validator = RequestValidator(TOKEN)
    parsed = urlparse(url)
    variants = {url, add_port(parsed), remove_port(parsed)}
    for signed_url in variants:
        signature = validator.compute_signature(signed_url, form_)
        assert is_signed(TOKEN, url, form_, signature) == validator.validate(url, form_, signature)
        assert is_signed(TOKEN, url, form_, signature)
        assert not is_signed("another-token", url, form_, signature)
        assert not is_signed(TOKEN, url, form_, signature[:-2] + "AA")


@given(
    st.lists(
        st.tuples(
            st.text(alphabet=st.sampled_from(list("aB_ =&+%;ଘ€\n")), max_size=6),
            st.text(alphabet=st.sampled_from(list("a1 =&+%;ଘ€\n/")), max_size=8),
        ),
        max_size=6,
    ),
    st.sampled_from(["", "&", "&&", "x", "x=", "=y", "%", "%zz", "%E0%A4", "a=%FF"]),
)
@settings(max_examples=400, deadline=None)
def test_forms_are_read_as_parse_qsl_reads_them(fields: list[tuple[str, str]], raw: str) -> None:
    for body in (urlencode(fields), urlencode(fields) + "&" + raw, raw):
        try:
            expected = parse_qsl(body, keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError):
            with pytest.raises(FormError):
                parse_form(body.encode())
            continue
        read = parse_form(body.encode())
        assert [(name, read.getlist(name)) for name in read] == [
            (name, [v for n, v in expected if n == name]) for name in dict(expected)
        ]
