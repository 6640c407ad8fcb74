"""A driver that walks the SMS conversation over the real engine and collects every SMS it sends.

It covers every language × category × state the engine reaches on SMS: each category is picked
through the full list and answered to its estimate; at every question the side roads are tried
from the same stored session (a wrong answer, "don't know", help, back, a greeting, an FAQ
question, small talk); at the estimate every follow-up, offer, explanation and what-if; then a
bill check, the language menu, STOP/START and delete. Branches reuse the stored session text, so
a side road never disturbs the main path (the engine is pure).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

from bot.categories import COMMON_MENU, GROUPS
from bot.conversation.engine import handle
from bot.i18n.catalogs import LANGUAGES, Language
from bot.inbound import Inbound

NOW: Final = dt.datetime(2026, 11, 15, 10, 0, tzinfo=dt.UTC)
#: A month before July, when time-of-day rates start for some categories.
MONTHS: Final = (dt.date(2026, 11, 1), dt.date(2026, 5, 1))
_GROUP_NUMBER: Final = {"LT": "1", "HT": "2", "EHT": "3"}
#: Words the user may send anywhere, per language (the engine's own vocabulary).
_OPENERS: Final[dict[Language, str]] = {"or": "ନମସ୍କାର", "hi": "नमस्ते", "en": "hello"}
_LANGUAGE_WORDS: Final[dict[Language, str]] = {"or": "ଓଡ଼ିଆ", "hi": "हिंदी", "en": "English"}
_SIDE_ROADS: Final = (
    "xyz",
    "don't know",
    "help",
    "back",
    "hello",
    "thanks",
    "ok",
    "-5",
    "how to pay",
    "what is kutir jyoti",
    "what is sanctioned load",
    "smart meter",
    "how to read meter",
    "due date",
    "rebates",
    "digital rebate",
    "prompt payment rebate",
    "rural rebate",
    "e-bill rebate",
    "prepaid rebate",
    "what is DPS",
    "time of day tariff",
    "why is my bill high",
    "whom to call",
    "0",
    "99",
    "x" * 1200,
)
#: The side roads whose answer depends on the category (tried at every category's questions).
_CATEGORY_ROADS: Final = ("xyz", "don't know", "0", "99", "rebates")
_AFTER_ESTIMATE: Final = (
    "1",
    "2",
    "3",
    "4",
    "5",
    "0",
    "details",
    "village",
    "e-bill",
    "smart meter",
    "yes",
    "no",
    "rebates",
    "thanks",
    "500",
    "load 3 kW",
    "xyz",
    "back",
    "check my bill",
    "listen",
    "picture",
)


@dataclass
class Walk:
    """Every SMS sent, with the message that caused it (for failure reports)."""

    language: Language
    #: (what the user said, the reply's language, the reply's text)
    sent: list[tuple[str, str, str]] = field(default_factory=list)
    turns: int = 0
    #: States whose every side road was tried (later visits try the ones that depend on the
    #: category: a wrong answer, "don't know", "skip").
    explored: set[str] = field(default_factory=set)

    def say(self, session: str | None, text: str, month: dt.date) -> tuple[str | None, str]:
        turn = handle(session, Inbound("sms", text), now=NOW, month=month)
        self.turns += 1
        # The reply is in the language the turn ends in (a deletion answers in the old one).
        language = _language(turn.session) or _language(session) or self.language
        for reply in turn.replies:
            self.sent.append((text, language, getattr(reply, "text", reply)))
        return turn.session, _state(turn.session)

    def side_roads(self, session: str | None, month: dt.date, inputs: tuple[str, ...]) -> None:
        for text in inputs:
            self.say(session, text, month)


def _state(session: str | None) -> str:
    return "" if session is None else str(json.loads(session)["state"])


def _language(session: str | None) -> str | None:
    return None if session is None else str(json.loads(session)["language"])


def _answer(state: str, category: str) -> str:
    """The main path's answer at ``state`` for ``category``."""
    high = category not in GROUPS["LT"] or category in ("11", "12", "13")
    return {
        "demand": {"8": "50", "19": "90"}.get(category, "150" if high else "3"),
        "max_demand": "120",
        "units": "40" if category == "1.a" else ("30000" if high else "300"),
        "kwh": "25000",
        "tod_split": "100 50",
        "confirm_units": "1",
    }.get(state, "1")


def walk_language(language: Language) -> Walk:
    """Walk every category and side road in ``language`` by SMS."""
    walk = Walk(language)
    for month in MONTHS:
        _openings(walk, language, month)
        for group, ids in GROUPS.items():
            for index, category in enumerate(ids, start=1):
                _category(walk, language, month, group, index, category, full=month == MONTHS[0])
    return walk


def _openings(walk: Walk, language: Language, month: dt.date) -> None:
    for first in ("hello", _OPENERS[language], "1", "250", "domestic 250", "xyz", "🙏"):
        walk.say(None, first, month)
    session, _ = walk.say(None, _OPENERS[language], month)
    session, _ = walk.say(session, _LANGUAGE_WORDS[language], month)
    walk.side_roads(session, month, _SIDE_ROADS)
    for number, _entry in enumerate(COMMON_MENU, start=1):
        walk.say(session, str(number), month)
    walk.say(session, "domestic", month)  # not a menu word alone: a word naming one category
    walk.say(session, "industry", month)  # several categories: which one?
    language_menu, _ = walk.say(session, "language", month)
    walk.side_roads(language_menu, month, ("1", "2", "3", "xyz", "back"))
    stopped, _ = walk.say(session, "stop", month)
    walk.side_roads(stopped, month, ("hello", "start", "delete my data"))
    walk.say(session, "delete my data", month)


def _category(
    walk: Walk,
    language: Language,
    month: dt.date,
    group: str,
    index: int,
    category: str,
    *,
    full: bool,
) -> None:
    session, _ = walk.say(None, _OPENERS[language], month)
    session, _ = walk.say(session, _LANGUAGE_WORDS[language], month)
    session, state = walk.say(session, "6", month)
    if full:
        walk.side_roads(session, month, ("xyz", "back", "help", "9"))
    session, state = walk.say(session, _GROUP_NUMBER[group], month)
    if full:
        walk.side_roads(session, month, ("xyz", "back", "99"))
    session, state = walk.say(session, str(index), month)
    for _ in range(12):
        if state in ("estimate", "check_result", ""):
            break
        if full:
            first_visit = state not in walk.explored
            walk.explored.add(state)
            walk.side_roads(session, month, _SIDE_ROADS if first_visit else _CATEGORY_ROADS)
            if state == "units":
                walk.side_roads(session, month, ("12450 12710", "99950 30", "₹1200", "250 300"))
                appliances, asked = walk.say(session, "don't know", month)
                if asked == "appliances":
                    walk.side_roads(appliances, month, ("2 fans 1 tv 1 fridge", "xyz", "250"))
            if state in ("max_demand", "tod_split", "kwh"):
                walk.side_roads(session, month, ("skip", "0", "999999999"))
        session, state = walk.say(session, _answer(state, category), month)
    assert state == "estimate", (language, category, state)
    walk.side_roads(session, month, _AFTER_ESTIMATE)
    explain, _ = walk.say(session, "4", month)
    for line in range(1, 10):
        walk.say(explain, str(line), month)
    if full:
        check, state = walk.say(session, "check my bill", month)
        walk.side_roads(check, month, ("xyz", "help", "back"))
        check, state = walk.say(check, "2500", month)
        walk.side_roads(check, month, ("xyz", "20"))
        for months in ("1", "3"):
            result, _ = walk.say(check, months, month)
            walk.side_roads(result, month, ("xyz", "1", "menu"))


def walk_all() -> Iterator[Walk]:
    """One walk per language."""
    for language in LANGUAGES:
        yield walk_language(language)
