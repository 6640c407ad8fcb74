"""The ``sms_gateway`` transport against a local stand-in of Exotel's Send SMS API, which
checks the credentials, the DLT fields and the operator's template scrubbing, and records
what it accepted (tests/support/exotel_sms.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.channels.sms_gateway import transport_from_settings
from bot.channels.sms_gateway_transport import (
    SMS_GATEWAY_TRANSPORT,
    SmsGatewayTransport,
    load_template_ids,
)
from bot.channels.sms_templates import TemplateRegistry, load_registry, plan_sms, registry
from bot.config import Settings
from bot.conversation import handle
from bot.inbound import Inbound, Reply
from bot.outbox.base import Envelope
from tests.support.dead_ends import DEAD_ENDS, DeadEnd
from tests.support.exotel_sms import (
    AUTH_KEY,
    ENTITY_ID,
    SENDER_ID,
    ExotelStandIn,
    Failure,
    running_exotel,
)

NUMBER = "+919437012345"

TEMPLATES = """
languages:
  en:
  - name: t_en_estimate
    text: "Estimate for {#var#} units: pay Rs {#var#} by the due date."
    slots: [{name: units, max_length: 6}, {name: amount, max_length: 12}]
  - name: t_en_ask_units
    text: "Reply with your units, for example 250."
  - name: t_en_no_id
    text: "This message has no DLT template id yet."
  or:
  - name: t_or_estimate
    text: "{#var#} ୟୁନିଟ ପାଇଁ ଶେଷ ତାରିଖ ଭିତରେ ₹{#var#} ଦିଅନ୍ତୁ।"
    slots: [{name: units, max_length: 6}, {name: amount, max_length: 12}]
  hi:
  - name: t_hi_estimate
    text: "{#var#} यूनिट के लिए नियत तारीख तक ₹{#var#} भरें।"
    slots: [{name: units, max_length: 6}, {name: amount, max_length: 12}]
"""

IDS = {
    "t_en_estimate": "1107160000000000001",
    "t_en_ask_units": "1107160000000000002",
    "t_or_estimate": "1107160000000000003",
    "t_hi_estimate": "1107160000000000004",
}


@pytest.fixture(scope="module")
def templates() -> TemplateRegistry:
    return load_registry(TEMPLATES)


@pytest.fixture
def exotel(templates: TemplateRegistry) -> Iterator[ExotelStandIn]:
    registered = {IDS[t.name]: t.text for t in templates.templates() if t.name in IDS}
    with running_exotel(registered) as stand_in:
        yield stand_in


_open: list[SmsGatewayTransport] = []


@pytest.fixture(autouse=True)
def _close_transports() -> Iterator[None]:
    """Every transport a test made is closed after it (no connection left open)."""
    yield
    while _open:
        _open.pop().close()


def _kept(transport: SmsGatewayTransport) -> SmsGatewayTransport:
    _open.append(transport)
    return transport


def _transport(
    exotel: ExotelStandIn,
    templates: TemplateRegistry,
    *,
    url: str | None = None,
    auth_key: str = AUTH_KEY,
    entity_id: str = ENTITY_ID,
) -> SmsGatewayTransport:
    return _kept(
        SmsGatewayTransport(
            url or exotel.send_url,
            auth_key,
            SENDER_ID,
            entity_id,
            templates=templates,
            template_ids=IDS,
        )
    )


def _envelope(*texts: str, language: str = "en", address: str = NUMBER) -> Envelope:
    return Envelope(
        key="smsgw:test",
        user="user-key",
        transport=SMS_GATEWAY_TRANSPORT,
        address=address,
        language=language,
        replies=tuple(Reply(text) for text in texts),
    )


def test_an_english_reply_goes_as_plain_text_with_the_dlt_ids_and_its_variables(
    exotel: ExotelStandIn, templates: TemplateRegistry
) -> None:
    text = "Estimate for 250 units: pay Rs 1,215.00 by the due date."
    result = _transport(exotel, templates).send(_envelope(text), 0)
    assert result.ok, result.error
    (sent,) = exotel.accepted
    assert result.provider_id.startswith("exo")
    assert sent.fields == {
        "From": SENDER_ID,
        "To": NUMBER,
        "Body": text,
        "EncodingType": "plain",
        "DltEntityId": ENTITY_ID,
        "DltTemplateId": IDS["t_en_estimate"],
        "SmsType": "transactional",
    }
    assert sent.variables == ("250", "1,215.00")
    assert sent.path == "/v1/Accounts/bijulitest1/Sms/send.json"


@pytest.mark.parametrize(
    ("language", "text", "template"),
    [
        ("or", "250 ୟୁନିଟ ପାଇଁ ଶେଷ ତାରିଖ ଭିତରେ ₹1,215 ଦିଅନ୍ତୁ।", "t_or_estimate"),
        ("hi", "250 यूनिट के लिए नियत तारीख तक ₹1,215 भरें।", "t_hi_estimate"),
    ],
)
def test_odia_and_hindi_go_as_unicode(
    exotel: ExotelStandIn, templates: TemplateRegistry, language: str, text: str, template: str
) -> None:
    assert _transport(exotel, templates).send(_envelope(text, language=language), 0).ok
    (sent,) = exotel.accepted
    assert sent.fields["EncodingType"] == "unicode"
    assert sent.fields["DltTemplateId"] == IDS[template]
    assert sent.fields["Body"] == text
    assert sent.variables == ("250", "1,215")


def test_a_value_outside_gsm7_makes_an_english_template_unicode(
    exotel: ExotelStandIn, templates: TemplateRegistry
) -> None:
    text = "Estimate for ୨୫୦ units: pay Rs 1,215 by the due date."
    assert _transport(exotel, templates).send(_envelope(text), 0).ok
    assert exotel.accepted[0].fields["EncodingType"] == "unicode"


def test_a_wrongly_guessed_language_still_finds_the_reply_s_templates(
    exotel: ExotelStandIn, templates: TemplateRegistry
) -> None:
    text = "250 ୟୁନିଟ ପାଇଁ ଶେଷ ତାରିଖ ଭିତରେ ₹1,215 ଦିଅନ୍ତୁ।"
    assert _transport(exotel, templates).send(_envelope(text, language="en"), 0).ok
    assert exotel.accepted[0].fields["DltTemplateId"] == IDS["t_or_estimate"]


def test_a_reply_of_two_paragraphs_is_two_template_sms_in_order(
    exotel: ExotelStandIn, templates: TemplateRegistry
) -> None:
    text = "Estimate for 80 units: pay Rs 310 by the due date.\n\n" + (
        "Reply with your units, for example 250."
    )
    assert _transport(exotel, templates).send(_envelope(text), 0).ok
    assert [r.fields["DltTemplateId"] for r in exotel.accepted] == [
        IDS["t_en_estimate"],
        IDS["t_en_ask_units"],
    ]


def test_a_text_matching_no_template_is_refused_without_retry_and_nothing_is_sent(
    exotel: ExotelStandIn, templates: TemplateRegistry
) -> None:
    secret = "Your bill is Rs 999, call me on 9876543210"
    result = _transport(exotel, templates).send(_envelope(secret), 0)
    assert not result.ok
    assert not result.retry
    assert "no registered en DLT template" in result.error
    assert "9876543210" not in result.error
    assert exotel.requests == []


def test_a_value_longer_than_its_slot_is_refused(
    exotel: ExotelStandIn, templates: TemplateRegistry
) -> None:
    text = "Estimate for 1234567 units: pay Rs 9 by the due date."
    result = _transport(exotel, templates).send(_envelope(text), 0)
    assert (result.ok, result.retry) == (False, False)
    assert "'units'" in result.error
    assert "1234567" not in result.error
    assert exotel.requests == []


def test_a_template_without_a_dlt_id_refuses_the_whole_reply(
    exotel: ExotelStandIn, templates: TemplateRegistry
) -> None:
    text = "Reply with your units, for example 250.\n\nThis message has no DLT template id yet."
    result = _transport(exotel, templates).send(_envelope(text), 0)
    assert (result.ok, result.retry) == (False, False)
    assert "t_en_no_id" in result.error
    assert exotel.requests == []  # not even the part that had an id


def test_429_and_500_are_retried_after_retry_after(
    exotel: ExotelStandIn, templates: TemplateRegistry
) -> None:
    transport = _transport(exotel, templates)
    envelope = _envelope("Reply with your units, for example 250.")
    exotel.fail_next(Failure(429, "Too Many Requests", {"Retry-After": "7"}))
    throttled = transport.send(envelope, 0)
    assert (throttled.ok, throttled.retry, throttled.retry_after) == (False, True, 7.0)
    assert "429" in throttled.error
    exotel.fail_next(Failure(500, "Internal Server Error"))
    failed = transport.send(envelope, 0)
    assert (failed.ok, failed.retry) == (False, True)
    assert "Internal Server Error" in failed.error
    assert transport.send(envelope, 0).ok
    assert len(exotel.accepted) == 1


@pytest.mark.parametrize(("dead_end", "error"), DEAD_ENDS)
def test_a_gateway_unreachable_or_not_answering_in_time_is_retried(
    templates: TemplateRegistry, dead_end: DeadEnd, error: str
) -> None:
    with dead_end() as port:
        transport = _kept(
            SmsGatewayTransport(
                f"http://127.0.0.1:{port}/v1/Accounts/x/Sms/send.json",
                AUTH_KEY,
                SENDER_ID,
                ENTITY_ID,
                templates=templates,
                template_ids=IDS,
                timeout=0.3,
            )
        )
        result = transport.send(_envelope("Reply with your units, for example 250."), 0)
    assert (result.ok, result.retry) == (False, True)
    assert error in result.error


def test_a_refusal_is_not_retried_and_keeps_exotel_s_message_without_our_text(
    exotel: ExotelStandIn, templates: TemplateRegistry
) -> None:
    text = "Reply with your units, for example 250."
    exotel.fail_next(Failure(400, f"Invalid Body: {text}"))
    result = _transport(exotel, templates).send(_envelope(text), 0)
    assert (result.ok, result.retry) == (False, False)
    assert result.error.startswith("HTTP 400")
    assert "Invalid Body" in result.error
    assert text not in result.error


def test_a_wrong_entity_id_is_refused_by_the_gateway(
    exotel: ExotelStandIn, templates: TemplateRegistry
) -> None:
    transport = _transport(exotel, templates, entity_id="1201160000000099999")
    result = transport.send(_envelope("Reply with your units, for example 250."), 0)
    assert (result.ok, result.retry) == (False, False)
    assert "DLT entity ID is invalid" in result.error


def test_wrong_credentials_are_refused_without_retry(
    exotel: ExotelStandIn, templates: TemplateRegistry
) -> None:
    transport = _transport(exotel, templates, auth_key="exotel-test-api-key-0123:wrong")
    result = transport.send(_envelope("Reply with your units, for example 250."), 0)
    assert (result.ok, result.retry) == (False, False)
    assert "HTTP 401" in result.error
    assert exotel.requests[0].authorization.startswith("Basic ")


def test_a_retry_after_a_failed_second_part_sends_only_that_part(
    exotel: ExotelStandIn, templates: TemplateRegistry
) -> None:
    transport = _transport(exotel, templates)
    text = "Estimate for 80 units: pay Rs 310 by the due date.\n\n" + (
        "Reply with your units, for example 250."
    )
    exotel.fail_next(None)
    exotel.fail_next(Failure(500))
    assert transport.send(_envelope(text), 0).retry
    assert transport.send(_envelope(text), 0).ok
    bodies = [r.fields["Body"] for r in exotel.accepted]
    assert bodies == text.split("\n\n")


def test_a_number_outside_india_is_refused(
    exotel: ExotelStandIn, templates: TemplateRegistry
) -> None:
    envelope = _envelope("Reply with your units, for example 250.", address="+447700900123")
    result = _transport(exotel, templates).send(envelope, 0)
    assert (result.ok, result.retry) == (False, False)
    assert exotel.requests == []


def _engine_replies(language: str, message: str) -> list[Reply]:
    """What the engine answers on SMS to ``message`` (a first message in ``language``)."""
    now = dt.datetime(2026, 5, 3, 10, 0, tzinfo=dt.UTC)
    turn = handle(None, Inbound("sms", message, message_id="m1"), now=now, month=now.date())
    assert turn.messages
    return turn.messages


@pytest.mark.parametrize(
    ("language", "message"),
    [("or", "ଘରୋଇ 250 ୟୁନିଟ"), ("hi", "घरेलू 250 यूनिट"), ("en", "domestic 250 units")],
)
def test_the_engine_s_sms_estimate_goes_out_as_registered_templates(
    language: str, message: str
) -> None:
    """The shipped registry, with test ids, behind a stand-in that scrubs against it."""
    shipped = registry()
    ids = {t.name: f"1107{n:015d}" for n, t in enumerate(shipped.templates(), start=1)}
    with running_exotel({ids[t.name]: t.text for t in shipped.templates()}) as exotel:
        transport = _kept(
            SmsGatewayTransport(
                exotel.send_url, AUTH_KEY, SENDER_ID, ENTITY_ID, templates=shipped, template_ids=ids
            )
        )
        replies = _engine_replies(language, message)
        envelope = _envelope(*(r.text for r in replies), language=language)
        results = [transport.send(envelope, index) for index in range(len(replies))]
        assert all(r.ok for r in results), [r.error for r in results]
        expected = [fill.text for r in replies for fill in plan_sms(r.text, language, shipped)]
        assert [r.fields["Body"] for r in exotel.accepted] == expected
        unicode = {r.fields["EncodingType"] for r in exotel.accepted}
        assert unicode == ({"plain"} if language == "en" else {"unicode"})


def test_the_transport_is_built_from_the_settings_with_a_template_id_file(
    tmp_path: Path,
) -> None:
    ids = tmp_path / "dlt-ids.csv"
    ids.write_text(
        "language,template_name,dlt_template_id,text\n"
        "en,bj_en_greeting,1107161234567890123,Hello\n"
        "en,bj_en_other,,Not yet registered\n",
        encoding="utf-8",
    )
    assert load_template_ids(ids) == {"bj_en_greeting": "1107161234567890123"}
    unset = Settings(state_dir=tmp_path)
    assert transport_from_settings(unset) is None
    settings = Settings(
        state_dir=tmp_path,
        sms_gateway_url="https://api.exotel.com/v1/Accounts/x/Sms/send.json",
        sms_gateway_auth_key=AUTH_KEY,
        sms_gateway_sender_id="bijuli",
        sms_gateway_entity_id=ENTITY_ID,
        sms_gateway_dlt_template_ids=ids,
    )
    transport = transport_from_settings(settings)
    assert transport is not None
    _kept(transport)
    assert transport.name == "sms_gateway"
    partial = Settings(state_dir=tmp_path, sms_gateway_url="https://api.exotel.com/x")
    assert transport_from_settings(partial) is None


def test_an_unusable_template_id_file_fails_at_start_up(tmp_path: Path) -> None:
    wrong = tmp_path / "ids.csv"
    wrong.write_text("name,id\nx,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="template_name and dlt_template_id"):
        load_template_ids(wrong)
    with pytest.raises(ValueError, match="cannot read"):
        load_template_ids(tmp_path / "missing.csv")
