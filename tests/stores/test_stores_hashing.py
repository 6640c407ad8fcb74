"""Keyed hashing of addresses: stable, secret-dependent, channel-aware."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stores_support import SECRET

from bot.stores.hashing import MIN_SECRET_BYTES, message_key, user_key

PHONE = "whatsapp:+919876543210"


def test_user_key_is_64_hex_characters_and_stable() -> None:
    key = user_key(PHONE, SECRET)
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert user_key(PHONE, SECRET) == key


def test_different_secrets_give_different_keys() -> None:
    assert user_key(PHONE, SECRET) != user_key(PHONE, b"another-secret-of-enough-bytes")


def test_channel_prefix_makes_a_different_user() -> None:
    assert user_key("whatsapp:+919876543210", SECRET) != user_key("+919876543210", SECRET)


def test_surrounding_whitespace_is_ignored() -> None:
    assert user_key(f"  {PHONE}\n", SECRET) == user_key(PHONE, SECRET)


def test_user_and_message_keys_live_in_separate_domains() -> None:
    assert user_key("SM123", SECRET) != message_key("SM123", SECRET)
    assert re.fullmatch(r"[0-9a-f]{64}", message_key("SM123", SECRET))


@pytest.mark.parametrize("secret", [b"", b"short", b"x" * (MIN_SECRET_BYTES - 1)])
def test_short_secrets_are_refused(secret: bytes) -> None:
    with pytest.raises(ValueError, match=f"at least {MIN_SECRET_BYTES}"):
        user_key(PHONE, secret)


@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_addresses_and_ids_are_refused(blank: str) -> None:
    with pytest.raises(ValueError, match="From"):
        user_key(blank, SECRET)
    with pytest.raises(ValueError, match="MessageSid"):
        message_key(blank, SECRET)


@given(st.text(min_size=1).filter(str.strip), st.text(min_size=1).filter(str.strip))
def test_distinct_addresses_get_distinct_keys(a: str, b: str) -> None:
    assert (user_key(a, SECRET) == user_key(b, SECRET)) == (a.strip() == b.strip())
