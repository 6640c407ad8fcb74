"""Numbered menus, written so that the number never reads as a quantity of the option."""

from __future__ import annotations

from bot.conversation.context import TurnContext


def menu(ctx: TurnContext, title: str, options: list[str]) -> str:
    """``title`` and its options: one per line on WhatsApp, "1 = …" in a row on SMS."""
    if ctx.channel == "sms":
        return f"{title}\n" + ", ".join(f"{i}={text}" for i, text in enumerate(options, start=1))
    return f"{title}\n" + "\n".join(f"{i}. {text}" for i, text in enumerate(options, start=1))
