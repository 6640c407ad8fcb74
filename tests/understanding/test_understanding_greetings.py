"""Greetings are recognised whole, in every language, and never inside longer messages."""

from __future__ import annotations

import pytest

from bot.understanding import is_greeting


@pytest.mark.parametrize(
    "text", ["hi", "Hi!", "hello 👋", "namaskar", "ନମସ୍କାର", "नमस्ते", "राम राम", "good morning"]
)
def test_greetings(text: str) -> None:
    assert is_greeting(text)


@pytest.mark.parametrize(
    "text", ["hi 250", "domestic", "hello, my bill is 500", "", "😀", "ନମସ୍କାର " * 20]
)
def test_not_greetings(text: str) -> None:
    assert not is_greeting(text)
