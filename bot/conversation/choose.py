"""The steps that choose: the language, and the category (common menu, supply group, list)."""

from __future__ import annotations

from typing import Final

from bot import messages as m
from bot.categories import COMMON_MENU, GROUPS
from bot.conversation.context import TurnContext
from bot.conversation.intake import choose_category, take_facts
from bot.conversation.menus import menu
from bot.conversation.outcome import Outcome, Reading, again, go
from bot.conversation.session import State
from bot.i18n.catalogs import LANGUAGES
from bot.rendering.labels import category_name
from bot.rendering.sms_layout import option_row, titled_list
from bot.understanding import Command, match_language, parse_choice

#: Language names shown in the language menu and hints, each in its own script.
LANGUAGE_NAMES: Final = {"or": "ଓଡ଼ିଆ", "hi": "हिंदी", "en": "English"}
_GROUP_ORDER: Final = ("LT", "HT", "EHT")


def ask_language(ctx: TurnContext) -> str:
    return menu(ctx, ctx.t.gettext(m.ASK_LANGUAGE), [LANGUAGE_NAMES[code] for code in LANGUAGES])


def read_language(ctx: TurnContext, reading: Reading) -> Outcome:
    pick = parse_choice(reading.text, len(LANGUAGES))
    lang = LANGUAGES[pick - 1] if pick else match_language(reading.text)
    if lang is None:
        return again(ctx.t.format(m.NEED_CHOICE, count=len(LANGUAGES)))
    ctx.set_language(lang)
    back = State(ctx.session.options[0]) if ctx.session.options else State.CATEGORY
    ctx.session.options = []
    return go(ctx.t.gettext(m.LANGUAGE_SET), state=back)


def ask_category(ctx: TurnContext) -> str:
    t = ctx.t
    options = [t.gettext(label) for _, label in COMMON_MENU] + [t.gettext(m.OPTION_OTHER)]
    text = menu(ctx, t.gettext(m.ASK_CATEGORY), options)
    if ctx.channel == "whatsapp":
        text += "\n\n" + t.format(m.QUICK_HINT, example=t.gettext(m.QUICK_EXAMPLE))
    return text


def _after_category(ctx: TurnContext, reading: Reading) -> Outcome:
    """Keep the rest of the message, then go to whatever is still missing."""
    outcome = take_facts(ctx, reading, bare_number_is_units=False)
    return outcome or go()


def read_category(ctx: TurnContext, reading: Reading) -> Outcome:
    pick = parse_choice(reading.text, len(COMMON_MENU) + 1)
    if pick is not None:
        if pick <= len(COMMON_MENU):
            choose_category(ctx, COMMON_MENU[pick - 1][0])
            return go()
        return go(state=State.CATEGORY_GROUP)
    if reading.command is Command.OTHER:
        return go(state=State.CATEGORY_GROUP)
    if reading.facts.get("answer") == "dont_know" and not reading.facts.has("category"):
        return again(ctx.t.gettext(m.CATEGORY_HOW_TO_FIND))
    return _words_or_facts(ctx, reading, len(COMMON_MENU) + 1)


def _words_or_facts(ctx: TurnContext, reading: Reading, count: int) -> Outcome:
    """A category in words, or other facts to keep while the category is still asked."""
    before = ctx.session.answers.snapshot()
    outcome = take_facts(ctx, reading, bare_number_is_units=True)
    if outcome is not None:
        return outcome
    if ctx.session.answers.category is not None:
        return go()
    if ctx.session.answers != before:
        return go(state=State.CATEGORY)  # units or a load noted; the category is still needed
    return again(ctx.t.format(m.NEED_CHOICE, count=count))


def ask_group(ctx: TurnContext) -> str:
    t = ctx.t
    return menu(
        ctx,
        t.gettext(m.ASK_GROUP),
        [t.gettext(m.GROUP_LT), t.gettext(m.GROUP_HT), t.gettext(m.GROUP_EHT)],
    )


def read_group(ctx: TurnContext, reading: Reading) -> Outcome:
    pick = parse_choice(reading.text, len(_GROUP_ORDER))
    if pick is None:
        return _words_or_facts(ctx, reading, len(_GROUP_ORDER))
    ctx.session.options = list(GROUPS[_GROUP_ORDER[pick - 1]])
    return go(state=State.CATEGORY_LIST)


def ask_list(ctx: TurnContext) -> str:
    names = [category_name(cid, ctx.t) for cid in ctx.session.options]
    if ctx.session.state is State.CATEGORY_LIST:
        return menu(ctx, ctx.t.gettext(m.ASK_FROM_LIST), names)
    title = ctx.t.gettext(m.ASK_WHICH_CATEGORY)
    if ctx.channel == "sms":  # the categories a word names vary: one registered SMS an option
        return titled_list(title, [option_row(str(i), name) for i, name in enumerate(names, 1)])
    return menu(ctx, title, names)


def read_list(ctx: TurnContext, reading: Reading) -> Outcome:
    options = ctx.session.options
    pick = parse_choice(reading.text, len(options))
    if pick is not None:
        choose_category(ctx, options[pick - 1])
        return _after_category(ctx, reading)
    return _words_or_facts(ctx, reading, len(options))


__all__ = [
    "LANGUAGE_NAMES",
    "ask_category",
    "ask_group",
    "ask_language",
    "ask_list",
    "read_category",
    "read_group",
    "read_language",
    "read_list",
]
