"""Fixtures for the conversation engine tests."""

from __future__ import annotations

import pytest
from conversation_chat import Chat


@pytest.fixture
def chat() -> Chat:
    """A WhatsApp conversation."""
    return Chat()


@pytest.fixture
def sms() -> Chat:
    """An SMS conversation."""
    return Chat(channel="sms")
