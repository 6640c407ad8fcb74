"""Greetings: "hi", "namaskar", "ନମସ୍କାର", "नमस्ते". Not an answer to any question, and not a
mistake either: the conversation answers a greeting by asking its question again, politely."""

from __future__ import annotations

from typing import Final

from bot.understanding.text import process
from bot.understanding.vocabulary import GREETING_WORDS

_GREETINGS: Final = frozenset(process(word) for word in GREETING_WORDS)
#: A greeting is a short message; longer text is read for what it says.
MAX_GREETING_CHARS: Final = 40


def is_greeting(text: str) -> bool:
    """Whether the whole message is a greeting (punctuation and emoji aside)."""
    if len(text) > MAX_GREETING_CHARS:
        return False
    return process(text).strip() in _GREETINGS
