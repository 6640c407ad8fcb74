"""Numbered menus, written so that the number never reads as a quantity of the option, and
offered as choices (buttons or a list) to channels that have them."""

from __future__ import annotations

from bot.conversation.context import TurnContext
from bot.inbound import (
    MAX_BUTTON_TITLE,
    MAX_BUTTONS,
    MAX_LIST_ROWS,
    MAX_ROW_DESCRIPTION,
    MAX_ROW_TITLE,
    Choice,
)


def menu(ctx: TurnContext, title: str, options: list[str]) -> str:
    """``title`` and its options: one per line on WhatsApp, "1 = …" in a row on SMS.

    Option *n* is offered as a choice that replies "n", exactly what typing its number does
    (up to the ten rows a WhatsApp list holds).
    """
    if ctx.channel == "sms":
        return f"{title}\n" + ", ".join(f"{i}={text}" for i, text in enumerate(options, start=1))
    text = f"{title}\n" + "\n".join(f"{i}. {text}" for i, text in enumerate(options, start=1))
    if len(options) > MAX_LIST_ROWS:  # more than a WhatsApp list holds: typed numbers only
        return text
    choices = [choice(str(i), label, len(options)) for i, label in enumerate(options, start=1)]
    return ctx.offer(text, title, choices)


def choice(reply: str, label: str, among: int) -> Choice:
    """A choice labelled ``label``, shortened to WhatsApp's limit for a menu of ``among``
    options (buttons for up to three, list rows beyond); a shortened row keeps the whole label
    as its description."""
    limit = MAX_BUTTON_TITLE if among <= MAX_BUTTONS else MAX_ROW_TITLE
    if len(label) <= limit:
        return Choice(reply, label)
    title = shorten(label, limit)
    description = shorten(label, MAX_ROW_DESCRIPTION) if among > MAX_BUTTONS else ""
    return Choice(reply, title, description)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary where one is near, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,(-") + "…"
