"""TwilioTransport against a local stand-in speaking Twilio's Messages and Content APIs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.channels.twilio_content import templates
from bot.channels.twilio_rest import (
    ContentApi,
    ContentDirectory,
    TwilioTransport,
    transport_from_settings,
)
from bot.config import Settings
from bot.inbound import Choice, Media, Reply
from bot.outbox.base import Envelope
from tests.support.dead_ends import DEAD_ENDS, DeadEnd
from tests.support.twilio_api import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    WHATSAPP_FROM,
    Failure,
    TwilioStandIn,
    running_twilio_api,
)

USER = "whatsapp:+919437012345"
SECRET_TEXT = "ମୋ ବିଲ ₹1,234.00"
YES_NO = Reply(
    "Do you know the load?\n1 Yes\n2 No",
    (Choice("yes", "Yes"), Choice("no", "No")),
    lead="Do you know the load?",
)
VOICE = Media("https://bijuli.example.in/media/t1", "audio/ogg")


@pytest.fixture
def twilio() -> Iterator[TwilioStandIn]:
    with running_twilio_api() as stand_in:
        yield stand_in


def _synced(twilio: TwilioStandIn) -> dict[str, str]:
    """Put every packaged template in the stand-in's account; their SIDs by name."""
    return {t.name: twilio.add_content(t.api_body()) for t in templates()}


def _transport(
    twilio: TwilioStandIn, *, interactive: bool = True, service: str | None = None
) -> TwilioTransport:
    directory = ContentDirectory(ContentApi(twilio.base_url, ACCOUNT_SID, AUTH_TOKEN))
    return TwilioTransport(
        twilio.base_url,
        ACCOUNT_SID,
        AUTH_TOKEN,
        messaging_service_sid=service,
        directory=directory,
        interactive=interactive,
    )


@pytest.fixture
def transport(twilio: TwilioStandIn) -> Iterator[TwilioTransport]:
    sender = _transport(twilio)
    yield sender
    sender.close()


def _envelope(*replies: Reply, key: str = "twilio:SM" + "a" * 32) -> Envelope:
    return Envelope(
        key=key,
        user="u" * 64,
        transport="twilio",
        address=USER,
        replies=replies,
        sender=WHATSAPP_FROM,
    )


def test_a_text_reply_is_a_body_sent_with_basic_auth_and_an_idempotency_token(
    twilio: TwilioStandIn, transport: TwilioTransport
) -> None:
    result = transport.send(_envelope(Reply(SECRET_TEXT)), 0)
    assert result.ok
    assert result.provider_id.startswith("SM")
    [request] = [r for r in twilio.requests if r.method == "POST"]
    assert request.path == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    assert request.status == 201
    assert request.idempotency_token == "twilio:SM" + "a" * 32 + ":0"
    assert twilio.messages == [{"To": USER, "From": WHATSAPP_FROM, "Body": SECRET_TEXT}]


def test_choices_go_as_the_content_template_with_its_variables(
    twilio: TwilioStandIn, transport: TwilioTransport
) -> None:
    sids = _synced(twilio)
    categories = tuple(Choice(str(n), f"Category {n}") for n in range(1, 7))
    listed = Reply("Which?\n1 …", categories, lead="Which connection?", button="Choose")
    envelope = _envelope(YES_NO, listed)
    assert transport.send(envelope, 0).ok
    assert transport.send(envelope, 1).ok
    buttons, picker = twilio.messages
    assert buttons["ContentSid"] == sids["bijuli_buttons_2"]
    assert "Body" not in buttons
    assert buttons["To"] == USER
    assert buttons["From"] == WHATSAPP_FROM
    rendered = twilio.rendered(buttons)["twilio/quick-reply"]
    assert rendered["body"] == "Do you know the load?"
    assert rendered["actions"] == [{"title": "Yes", "id": "yes"}, {"title": "No", "id": "no"}]
    assert picker["ContentSid"] == sids["bijuli_list_6"]
    items = twilio.rendered(picker)["twilio/list-picker"]["items"]
    assert [i["id"] for i in items] == ["1", "2", "3", "4", "5", "6"]
    assert json.loads(picker["ContentVariables"])["2"] == "Choose"
    # The templates were listed once for both messages.
    assert sum(r.method == "GET" for r in twilio.requests) == 1


def test_with_interactive_replies_off_choices_go_as_text(twilio: TwilioStandIn) -> None:
    _synced(twilio)
    sender = _transport(twilio, interactive=False)
    try:
        assert sender.send(_envelope(YES_NO), 0).ok
    finally:
        sender.close()
    assert twilio.messages == [{"To": USER, "From": WHATSAPP_FROM, "Body": YES_NO.text}]
    assert not any(r.path.startswith("/v1/Content") for r in twilio.requests)


def test_an_unknown_template_is_sent_as_text_and_looked_up_once(
    twilio: TwilioStandIn, transport: TwilioTransport
) -> None:
    assert transport.send(_envelope(YES_NO), 0).ok
    assert transport.send(_envelope(YES_NO, key="twilio:SM2"), 0).ok
    assert [m["Body"] for m in twilio.messages] == [YES_NO.text, YES_NO.text]
    assert sum(r.method == "GET" for r in twilio.requests) == 1


def test_the_content_list_is_read_across_pages(
    twilio: TwilioStandIn, transport: TwilioTransport
) -> None:
    sids = _synced(twilio)
    twilio.content_page_size = 3
    assert transport.send(_envelope(YES_NO), 0).ok
    assert twilio.messages[0]["ContentSid"] == sids["bijuli_buttons_2"]
    pages = [r for r in twilio.requests if r.method == "GET"]
    assert len(pages) == 4  # 10 templates, 3 a page


def test_a_messaging_service_sends_instead_of_the_number(twilio: TwilioStandIn) -> None:
    service = "MG" + "2" * 32
    sender = _transport(twilio, service=service)
    try:
        assert sender.send(_envelope(Reply("hi")), 0).ok
    finally:
        sender.close()
    assert twilio.messages == [{"To": USER, "MessagingServiceSid": service, "Body": "hi"}]


def test_media_goes_with_the_text_or_before_the_buttons(
    twilio: TwilioStandIn, transport: TwilioTransport
) -> None:
    _synced(twilio)
    key = "twilio:SM" + "b" * 32
    with_voice = Reply(YES_NO.text, YES_NO.choices, lead=YES_NO.lead, media=VOICE)
    envelope = _envelope(Reply("Your estimate", media=VOICE), with_voice, key=key)
    assert transport.send(envelope, 0).ok
    assert transport.send(envelope, 1).ok
    plain, media, buttons = twilio.messages
    assert plain == {
        "To": USER,
        "From": WHATSAPP_FROM,
        "Body": "Your estimate",
        "MediaUrl": VOICE.url,
    }
    assert media == {"To": USER, "From": WHATSAPP_FROM, "MediaUrl": VOICE.url}
    assert "ContentSid" in buttons
    tokens = [r.idempotency_token for r in twilio.requests if r.method == "POST"]
    assert tokens == [f"{key}:0", f"{key}:1", f"{key}:1:1"]


def test_a_text_past_1600_characters_goes_in_pieces(
    twilio: TwilioStandIn, transport: TwilioTransport
) -> None:
    text = "\n".join(f"line {n} " + "x" * 90 for n in range(30))
    assert transport.send(_envelope(Reply(text)), 0).ok
    bodies = [m["Body"] for m in twilio.messages]
    assert len(bodies) == 2
    assert all(len(b) <= 1600 for b in bodies)
    assert "\n".join(bodies) == text


def test_429_is_retried_after_what_retry_after_says(
    twilio: TwilioStandIn, transport: TwilioTransport
) -> None:
    twilio.fail_next(Failure(429, 20429, "Too Many Requests", {"Retry-After": "7"}))
    result = transport.send(_envelope(Reply("hi")), 0)
    assert not result.ok
    assert result.retry
    assert result.retry_after == 7.0
    assert "error 20429" in result.error
    assert transport.send(_envelope(Reply("hi")), 0).ok


def test_a_server_error_is_retried(twilio: TwilioStandIn, transport: TwilioTransport) -> None:
    twilio.fail_next(Failure(500, 20500, "Internal Server Error"))
    result = transport.send(_envelope(Reply("hi")), 0)
    assert result.retry
    assert result.retry_after is None
    assert "HTTP 500" in result.error


def test_a_refusal_is_not_retried_and_keeps_twilios_error_not_our_text_nor_the_number(
    twilio: TwilioStandIn, transport: TwilioTransport
) -> None:
    twilio.fail_next(
        Failure(400, 21211, "The 'To' number +919437012345 is not a valid phone number.")
    )
    result = transport.send(_envelope(Reply(SECRET_TEXT)), 0)
    assert not result.ok
    assert not result.retry
    assert result.error.startswith("HTTP 400, error 21211: The 'To' number")
    assert "9437012345" not in result.error
    assert SECRET_TEXT not in result.error


def test_wrong_credentials_are_refused_without_retry(twilio: TwilioStandIn) -> None:
    sender = TwilioTransport(twilio.base_url, ACCOUNT_SID, "wrong-token")
    try:
        result = sender.send(_envelope(Reply("hi")), 0)
    finally:
        sender.close()
    assert not result.retry
    assert "HTTP 401, error 20003" in result.error


def test_an_envelope_without_a_sender_is_refused_at_once(transport: TwilioTransport) -> None:
    envelope = Envelope(
        key="twilio:SM1", user="u", transport="twilio", address=USER, replies=(Reply("hi"),)
    )
    result = transport.send(envelope, 0)
    assert not result.ok
    assert not result.retry


def test_a_replaced_template_is_looked_up_again_and_retried(
    twilio: TwilioStandIn, transport: TwilioTransport
) -> None:
    sids = _synced(twilio)
    assert transport.send(_envelope(YES_NO), 0).ok
    # `bijuli twilio sync-content` replaced it: the old SID is gone.
    del twilio.contents[sids["bijuli_buttons_2"]]
    fresh = twilio.add_content(
        next(t for t in templates() if t.name == "bijuli_buttons_2").api_body()
    )
    result = transport.send(_envelope(YES_NO, key="twilio:SM3"), 0)
    assert not result.ok
    assert result.retry
    assert "21655" in result.error
    assert transport.send(_envelope(YES_NO, key="twilio:SM3"), 0).ok
    assert twilio.messages[-1]["ContentSid"] == fresh


def test_a_retry_after_a_partial_send_sends_only_what_is_missing(
    twilio: TwilioStandIn, transport: TwilioTransport
) -> None:
    _synced(twilio)
    reply = Reply(YES_NO.text, YES_NO.choices, lead=YES_NO.lead, media=VOICE)
    twilio.fail_next(None)  # the voice note is accepted…
    twilio.fail_next(Failure(503, 20503, "Service Unavailable"))  # …not the buttons
    first = transport.send(_envelope(reply), 0)
    assert first.retry
    assert transport.send(_envelope(reply), 0).ok
    assert [("MediaUrl" in m, "ContentSid" in m) for m in twilio.messages] == [
        (True, False),
        (False, True),
    ]


def test_a_content_api_that_fails_means_plain_text(
    twilio: TwilioStandIn, transport: TwilioTransport
) -> None:
    _synced(twilio)
    twilio.fail_content_next(Failure(500, 20500, "Internal Server Error"))
    assert transport.send(_envelope(YES_NO), 0).ok
    assert twilio.messages[0]["Body"] == YES_NO.text


@pytest.mark.parametrize(("dead_end", "error"), DEAD_ENDS)
def test_an_api_unreachable_or_not_answering_in_time_is_retried(
    dead_end: DeadEnd, error: str
) -> None:
    with dead_end() as port:
        sender = TwilioTransport(f"http://127.0.0.1:{port}", ACCOUNT_SID, AUTH_TOKEN, timeout=0.3)
        try:
            result = sender.send(_envelope(Reply("hi")), 0)
        finally:
            sender.close()
    assert result.retry
    assert error in result.error


def test_the_settings_make_a_transport_only_with_an_account(
    tmp_path: Path, twilio: TwilioStandIn
) -> None:
    base = {"state_dir": tmp_path, "hash_key": "k" * 32}
    assert transport_from_settings(Settings(**base)) is None
    assert transport_from_settings(Settings(**base, twilio_auth_token=AUTH_TOKEN)) is None
    assert transport_from_settings(Settings(**base, twilio_account_sid=ACCOUNT_SID)) is None
    sids = _synced(twilio)
    made = transport_from_settings(
        Settings(
            **base,
            twilio_account_sid=ACCOUNT_SID,
            twilio_auth_token=AUTH_TOKEN,
            twilio_api_url=twilio.base_url,
            twilio_content_url=twilio.base_url + "/",
        )
    )
    assert isinstance(made, TwilioTransport)
    assert made.name == "twilio"
    try:
        assert made.send(_envelope(YES_NO), 0).ok
    finally:
        made.close()
    # The stand-in checked basic auth on both APIs.
    assert twilio.messages[0]["ContentSid"] == sids["bijuli_buttons_2"]


def test_a_malformed_account_sid_is_refused_by_the_settings(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="TWILIO_ACCOUNT_SID is AC followed by 32"):
        Settings(state_dir=tmp_path, twilio_account_sid="AC123/../x")
    with pytest.raises(ValueError, match="TWILIO_MESSAGING_SERVICE_SID is MG"):
        Settings(state_dir=tmp_path, twilio_messaging_service_sid=ACCOUNT_SID)
