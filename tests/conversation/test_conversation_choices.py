"""Choices the conversation offers as WhatsApp buttons and lists.

Walks WhatsApp conversations in the three languages by pressing the offered choices (a button
press or a list pick reaches the engine as the choice's ``reply`` text) and checks that:
every offer is within WhatsApp's limits; every press is understood, never answered with a
"please reply with…" message; the plain text still writes every option out; SMS offers none.
"""

from __future__ import annotations

import datetime as dt
from collections import deque

import pytest

from bot import messages as m
from bot.conversation import Inbound, handle
from bot.i18n.catalogs import LANGUAGES, Translator
from bot.inbound import (
    MAX_BUTTON_TITLE,
    MAX_BUTTONS,
    MAX_LIST_ROWS,
    MAX_ROW_DESCRIPTION,
    MAX_ROW_TITLE,
    Reply,
    Turn,
)

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
#: Typed answers that move a conversation on where no choice is offered (a figure asked).
TYPED = ("2", "250")
#: The messages that say an answer was not understood.
NOT_UNDERSTOOD = (m.NEED_CHOICE, m.NEED_FOLLOW_UP, m.NEED_LOAD, m.NEED_NUMBER, m.NEED_UNITS)
OPENING = {"or": "ନମସ୍କାର", "hi": "नमस्ते", "en": "hello"}


def _send(session: str | None, body: str, channel: str = "whatsapp") -> Turn:
    return handle(session, Inbound(channel, body), now=NOW)  # type: ignore[arg-type]


def _not_understood(language: str) -> list[str]:
    t = Translator.load(language)  # type: ignore[arg-type]
    return [t.gettext(message).split("{")[0].strip() for message in NOT_UNDERSTOOD]


def _walk(language: str, limit: int = 120) -> list[tuple[str, Reply, Turn]]:
    """Every (press, offering reply, answer) met pressing choices breadth-first."""
    first = _send(None, OPENING[language])
    queue: deque[tuple[str | None, Turn, int]] = deque([(None, first, 0)])
    seen_offers: set[tuple[str, ...]] = set()
    presses: list[tuple[str, Reply, Turn]] = []
    while queue and len(presses) < limit:
        _prev, turn, depth = queue.popleft()
        offering = [r for r in turn.messages if r.choices]
        if not offering:
            if depth < 6 and turn.session is not None:
                for typed in TYPED:
                    queue.append((typed, _send(turn.session, typed), depth + 1))
            continue
        reply = offering[-1]
        key = (*(c.reply + c.title for c in reply.choices), reply.lead[:40])
        if key in seen_offers:
            continue
        seen_offers.add(key)
        for choice in reply.choices:
            answer = _send(turn.session, choice.reply)
            presses.append((choice.reply, reply, answer))
            if depth < 6:
                queue.append((choice.reply, answer, depth + 1))
    return presses


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_offer_fits_whatsapp_and_every_press_is_understood(language: str) -> None:
    presses = _walk(language)
    offers = {id(reply): reply for _press, reply, _answer in presses}
    assert len(offers) >= 4, "the walk must meet the language menu, categories, load, estimate"
    for reply in offers.values():
        assert reply.interactive
        assert len(reply.choices) <= MAX_LIST_ROWS
        if reply.as_list:
            assert 1 <= len(reply.button) <= MAX_BUTTON_TITLE
            for choice in reply.choices:
                assert 1 <= len(choice.title) <= MAX_ROW_TITLE, choice
                assert len(choice.description) <= MAX_ROW_DESCRIPTION, choice
        else:
            assert len(reply.choices) <= MAX_BUTTONS
            for choice in reply.choices:
                assert 1 <= len(choice.title) <= MAX_BUTTON_TITLE, choice
        assert (reply.lead and reply.lead != reply.text) or len(reply.choices) == 1
        assert len({c.reply for c in reply.choices}) == len(reply.choices), "replies differ"
    refusals = _not_understood(language)
    for press, reply, answer in presses:
        said = "\n".join(answer.replies)
        for refusal in refusals:
            assert refusal not in said, (press, reply.lead, said)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_estimate_offers_its_menu_and_open_offers_as_a_list(language: str) -> None:
    turn = _send(None, OPENING[language])
    for body in ("1", "2", "250"):  # domestic, load 2, 250 units (after the language settles)
        turn = _send(turn.session, body)
    body = {"or": "ଘରୋଇ 250 ୟୁନିଟ", "hi": "घरेलू 250 यूनिट", "en": "domestic 250 units"}[language]
    turn = _send(None, body)
    reply = turn.messages[-1]
    assert reply.as_list, turn.replies
    presses = [c.reply for c in reply.choices]
    # The open offers first, then the follow-ups most wanted first, as many as a list holds.
    assert presses[:3] == ["village", "e-bill", "smart meter"]
    assert presses[3:8] == ["1", "6", "7", "2", "5"]
    assert reply.lead in reply.text or reply.text.startswith(reply.lead)
    t = Translator.load(language)  # type: ignore[arg-type]
    assert reply.button == t.gettext(m.CHOICES_BUTTON)
    # Plain text still carries the whole menu, so typing keeps working everywhere.
    assert t.gettext(m.OPTION_DETAILS) in reply.text


def test_pressing_village_under_the_estimate_applies_the_rebate() -> None:
    turn = _send(None, "domestic 250 units")
    before = turn.messages[-1]
    village = next(c for c in before.choices if c.reply == "village")
    after = _send(turn.session, village.reply)
    assert "village" not in [c.reply for c in after.messages[-1].choices]


def test_sms_offers_no_choices() -> None:
    turn = _send(None, "domestic 250 units", channel="sms")
    assert all(not r.choices for r in turn.messages)
    turn = _send(None, "hello", channel="sms")
    assert all(not r.choices for r in turn.messages)
