"""The browser chat page (``/chat``): the conversation engine as a web channel, for demos,
training and checking translations. Each message runs through the pipeline as WhatsApp and as
SMS, and the page shows both renderings side by side (see :mod:`bot.webchat.routes`)."""

from __future__ import annotations

from bot.webchat.routes import add_webchat

__all__ = ["add_webchat"]
