"""Reading an SMS the gateway (Exotel) forwards: numbers, the keyword, ids, the token."""

from __future__ import annotations

import pytest

from bot.channels.sms_gateway import (
    ForwardError,
    indian_number,
    parse_forward,
    strip_keyword,
    token_matches,
)


@pytest.mark.parametrize(
    "raw",
    [
        "9437012345",
        "09437012345",
        "919437012345",
        "+919437012345",
        "00919437012345",
        "+91 94370-12345",
        " 094370 12345 ",
        "(+91) 94370.12345",
    ],
)
def test_an_indian_mobile_number_is_normalised_to_plus_91(raw: str) -> None:
    assert indian_number(raw) == "+919437012345"


@pytest.mark.parametrize(
    "raw",
    ["", "12345", "+447700900123", "0442345678", "5437012345", "94370123456", "९४३७०१२३४५", "abc"],
)
def test_anything_else_is_not_an_indian_mobile_number(raw: str) -> None:
    assert indian_number(raw) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BIJULI 250 units", "250 units"),
        ("bijuli ଘରୋଇ 250", "ଘରୋଇ 250"),
        ("Bijuli: details", "details"),
        ("BIJULI, 250", "250"),
        ("BIJULI", ""),
        ("  BIJULI   domestic  ", "domestic"),
        ("BIJULIGHAR 250", "BIJULIGHAR 250"),
        ("250 units", "250 units"),
        ("bijli 250", "bijli 250"),
    ],
)
def test_the_keyword_is_stripped_only_as_a_word_of_its_own(text: str, expected: str) -> None:
    assert strip_keyword(text, "BIJULI") == expected


def test_without_a_keyword_the_text_is_kept() -> None:
    assert strip_keyword(" BIJULI 250 ", None) == "BIJULI 250"


def test_exotel_s_fields_become_a_forward() -> None:
    fields = {
        "SmsSid": "a1b2c3d4e5f6",
        "From": "09437012345",
        "To": "08039591234",
        "Date": "2026-05-03 10:15:00",
        "Body": "BIJULI ଘରୋଇ 250 ୟୁନିଟ",
        "Unknown": "ignored",
    }
    forward = parse_forward(fields, "BIJULI")
    assert forward.number == "+919437012345"
    assert forward.text == "ଘରୋଇ 250 ୟୁନିଟ"
    assert forward.message_id == "a1b2c3d4e5f6"
    assert forward.received_at == "2026-05-03 10:15:00"
    assert forward.virtual_number == "08039591234"
    inbound = forward.inbound
    assert (inbound.channel, inbound.body, inbound.message_id) == (
        "sms",
        "ଘରୋଇ 250 ୟୁନିଟ",
        "smsgw:a1b2c3d4e5f6",
    )


def test_without_an_sms_sid_the_id_is_a_hash_of_number_text_and_time() -> None:
    fields = {"From": "9437012345", "Body": "BIJULI 250", "Date": "2026-05-03 10:15:00"}
    first = parse_forward(fields, "BIJULI").message_id
    assert first.startswith("h-")
    assert parse_forward(dict(fields), "BIJULI").message_id == first  # a repeat is the same
    assert parse_forward({**fields, "From": "+919437012345"}).message_id == first
    assert parse_forward({**fields, "Date": "2026-05-03 10:16:00"}).message_id != first
    assert parse_forward({**fields, "Body": "BIJULI 251"}).message_id != first
    assert "9437012345" not in first


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"Body": "250"}, "From is missing"),
        ({"From": "+447700900123", "Body": "250"}, "not an Indian mobile number"),
        ({"From": "9437012345"}, "Body is missing"),
        ({"From": "9437012345", "Body": "x", "SmsSid": "a b<script>"}, "not a message id"),
    ],
)
def test_a_forward_that_cannot_be_an_sms_is_refused(fields: dict[str, str], problem: str) -> None:
    with pytest.raises(ForwardError, match=problem):
        parse_forward(fields)


def test_an_empty_body_is_an_empty_message() -> None:
    assert parse_forward({"From": "9437012345", "Body": ""}).text == ""


def test_the_token_is_compared_whole() -> None:
    assert token_matches("s3cret-token", "s3cret-token")
    assert not token_matches("s3cret-token", "s3cret-toke")
    assert not token_matches("s3cret-token", "s3cret-token2")
    assert not token_matches("s3cret-token", "")
    assert not token_matches("s3cret-token", None)
    assert not token_matches("ଟୋକେନ", "ଟୋକେ")
