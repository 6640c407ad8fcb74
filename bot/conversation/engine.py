"""The conversation engine: a stored session and one message in, the new session and replies out.

Pure apart from reading the translation catalogs and the tariff data: no clock (``now`` is a
parameter), no I/O, no randomness, so every turn can be replayed in a test. Each turn works on
a copy of the session; a re-prompt returns the stored session unchanged.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final
from zoneinfo import ZoneInfo

from bot import messages as m
from bot.conversation.context import TurnContext
from bot.conversation.session import Answers, Session, State
from bot.conversation.steps import (
    LANGUAGE_NAMES,
    NEGATIVE_NUMBER,
    QUESTIONS,
    STEPS,
    Outcome,
    next_question,
)
from bot.i18n.catalogs import LANGUAGES
from bot.i18n.sms import SMS_MAX_SEGMENTS_ESTIMATE, WHATSAPP_MAX_CHARS, fits_segments
from bot.inbound import Inbound, Turn
from bot.understanding import (
    Command,
    detect_language,
    is_greeting,
    match_command,
    match_language,
    parse_quick,
)
from tariff_core import BillEstimate, InvalidRequestError, TariffError

#: Odisha's clock, which decides the current consumption month.
TIMEZONE: Final = ZoneInfo("Asia/Kolkata")
#: Longer messages are pastes, not answers: refused before any parsing.
MAX_MESSAGE_CHARS: Final = 1000
_LANGUAGE_LIST: Final = " / ".join(LANGUAGE_NAMES[code] for code in LANGUAGES)


def handle(
    session: str | None, inbound: Inbound, *, now: dt.datetime, month: dt.date | None = None
) -> Turn:
    """Answer one message. ``month`` pins the consumption month, else it is ``now``'s month."""
    stored = Session.from_json(session)
    if stored is not None and stored.opted_out:
        return _opted_out(stored, inbound, now, month)
    working = stored.model_copy(deep=True) if stored else _new_session(inbound)
    working.channel = inbound.channel
    if month is not None:
        working.month = month.strftime("%Y-%m")
    ctx = TurnContext(working, inbound.channel, _month(working, now))
    replies = _turn(ctx, stored, inbound)
    if isinstance(replies, _Reprompt):  # keep what was stored; only the reply is new
        return Turn(session, _reprompt_replies(ctx, stored, inbound, replies.explanation))
    if isinstance(replies, _Delete):
        return Turn(None, [ctx.t.gettext(m.DATA_DELETED)], delete=True)
    ctx.session.turns += 1
    return Turn(ctx.session.to_json(), _package(replies, inbound))


class _Delete:
    """Marker: the user asked to delete their data."""


class _Reprompt:
    """Marker: the answer was not usable; ``explanation`` says what is expected."""

    def __init__(self, explanation: list[str]) -> None:
        self.explanation = explanation


def _month(session: Session, now: dt.datetime) -> dt.date:
    if session.month:
        year, number = (int(part) for part in session.month.split("-"))
        return dt.date(year, number, 1)
    local = now.astimezone(TIMEZONE) if now.tzinfo else now
    return local.date().replace(day=1)


def _new_session(inbound: Inbound) -> Session:
    language = detect_language(inbound.body) or "en"
    return Session(channel=inbound.channel, language=language)


def _opted_out(stored: Session, inbound: Inbound, now: dt.datetime, month: dt.date | None) -> Turn:
    """After STOP we stay silent until the user writes START."""
    if match_command(inbound.body[:MAX_MESSAGE_CHARS]) is not Command.START:
        return Turn(stored.to_json(), [])
    resumed = stored.model_copy(
        update={"opted_out": False, "state": State.CATEGORY, "answers": Answers(), "history": []}
    )
    if month is not None:
        resumed.month = month.strftime("%Y-%m")
    ctx = TurnContext(resumed, inbound.channel, _month(resumed, now))
    return Turn(resumed.to_json(), [ctx.t.gettext(m.RESUMED) + "\n\n" + _prompt(ctx)])


def _turn(
    ctx: TurnContext, stored: Session | None, inbound: Inbound
) -> list[str] | _Delete | _Reprompt:
    """The replies of this turn, or a re-prompt (the session stays as stored)."""
    session = ctx.session
    text = inbound.body.strip()
    first = stored is None
    preamble = [_greeting(ctx)] if first else []
    if inbound.media_count and not any(ch.isalnum() for ch in text):
        # A photo, voice note or file, perhaps with an emoji caption: nothing to read.
        return _retry(ctx, preamble, m.MEDIA_NOT_READ, first)
    if not text:
        return _retry(ctx, preamble, None, first)
    if len(text) > MAX_MESSAGE_CHARS:
        return _retry(ctx, preamble, m.TOO_LONG, first)
    command = match_command(text)
    if command is Command.STOP:
        session.opted_out = True
        return [ctx.t.gettext(m.STOPPED)]
    if command is Command.DELETE_DATA:
        return _Delete()
    if command in (Command.MENU, Command.START):
        _reset(session)
        return [*preamble, _prompt(ctx)]
    if command is Command.HELP:
        example = ctx.t.gettext(m.QUICK_EXAMPLE)
        return [*preamble, ctx.t.format(m.HELP, example=example), _prompt(ctx)]
    if command is Command.BACK:
        return _back(ctx, preamble)
    if command is Command.LANGUAGE and session.state is not State.LANGUAGE:
        session.options = [session.state.value]
        session.state = State.LANGUAGE
        return [*preamble, _prompt(ctx)]
    lang = match_language(text)
    if lang is not None and session.state is not State.LANGUAGE:
        ctx.set_language(lang)  # typing a language's name switches at any time
        greeting = [_greeting(ctx)] if first else []
        return [*greeting, ctx.t.gettext(m.LANGUAGE_SET), _prompt(ctx)]
    quick = None if NEGATIVE_NUMBER.search(text) else parse_quick(text)
    if quick is not None:
        outcome = _quick(ctx, quick.category, quick.units, quick.load, quick.language)
        if outcome is not None:
            return [*preamble, *outcome]
    if is_greeting(text):  # not an answer, not a mistake: greet back and ask again
        return _retry(ctx, preamble, m.GREETING_AGAIN, first)
    step = STEPS[session.state]
    result = step.read(ctx, text, command)
    if not result.advance:
        return _retry(ctx, preamble, None, first, said=list(result.say))
    return [*preamble, *_advance(ctx, result)]


def _retry(
    ctx: TurnContext,
    preamble: list[str],
    message: str | None,
    first: bool,
    said: list[str] | None = None,
) -> list[str] | _Reprompt:
    """A re-prompt. A first message that is not an answer (a greeting) just gets the menu."""
    if first:
        return [*preamble, _prompt(ctx)]
    explanation = list(said or [])
    if message is not None:
        explanation.insert(0, ctx.t.gettext(message))
    return _Reprompt(explanation)


def _reprompt_replies(
    ctx: TurnContext, stored: Session | None, inbound: Inbound, explanation: list[str]
) -> list[str]:
    if stored is not None:  # ask again from the stored session, in its language
        ctx = TurnContext(stored.model_copy(deep=True), inbound.channel, ctx.month)
    return _package([*explanation, _prompt(ctx)], inbound)


def _greeting(ctx: TurnContext) -> str:
    t = ctx.t
    if ctx.channel == "sms":
        return t.gettext(m.GREETING_SHORT)
    return t.gettext(m.GREETING) + "\n" + t.format(m.LANGUAGE_HINT, languages=_LANGUAGE_LIST)


def _reset(session: Session) -> None:
    session.state = State.CATEGORY
    session.answers = Answers()
    session.history = []
    session.options = []


def _prompt(ctx: TurnContext) -> str:
    return STEPS[ctx.session.state].ask(ctx)


def _advance(ctx: TurnContext, outcome: Outcome) -> list[str]:
    session = ctx.session
    state = outcome.state
    if state is None:
        state = next_question(ctx)
    session.state = state
    replies = list(outcome.say)
    if outcome.prompt:
        replies.append(_prompt(ctx))
    return replies


def _back(ctx: TurnContext, preamble: list[str]) -> list[str]:
    session = ctx.session
    state = session.state
    if state is State.CATEGORY_LIST:
        session.state = State.CATEGORY_GROUP
    elif state in (State.CATEGORY_GROUP, State.CATEGORY_PICK):
        session.state = State.CATEGORY
    elif state is State.LANGUAGE:
        session.state = State(session.options[0]) if session.options else State.CATEGORY
    elif state in QUESTIONS or state in (State.ESTIMATE, State.EXPLAIN):
        if state is State.EXPLAIN:
            session.state = State.ESTIMATE
        elif session.history:
            last = session.history.pop()
            if last in session.answers.answered:
                session.answers.answered.remove(last)
            session.state = last
        else:
            _reset(session)
    else:
        return [*preamble, ctx.t.gettext(m.NOTHING_TO_GO_BACK), _prompt(ctx)]
    return [*preamble, _prompt(ctx)]


def _quick(
    ctx: TurnContext, category: str, units: Decimal, load: Decimal | None, language: str
) -> list[str] | None:
    """A whole request in one message: estimate at once with defaults for the rest."""
    session = ctx.session
    if not session.language_chosen and language != session.language:
        ctx.set_language(language)
        session.language_chosen = False  # the script chose it, not the user
    previous = session.model_copy(deep=True)
    answered = [State.DEMAND, State.UNITS] if load is not None else [State.UNITS]
    session.answers = Answers(
        category=category,
        units=units,
        demand=load,
        demand_defaulted=load is None,
        answered=answered,
    )
    session.history = []
    try:
        ctx.estimate()
    except InvalidRequestError:
        problem = ctx.check_units(units)
        ctx.session.answers = previous.answers
        ctx.session.history = previous.history
        return [problem or ctx.t.gettext(m.CANNOT_ESTIMATE), _prompt(ctx)]
    except TariffError:
        ctx.session.answers = previous.answers
        return None
    # Everything else takes its default; the estimate says which assumptions it used.
    session.answers.answered = [state for state in QUESTIONS if state is not State.TOD_SPLIT]
    session.state = State.ESTIMATE
    return [_prompt(ctx)]


def _package(parts: list[str], inbound: Inbound) -> list[str]:
    """Join the parts into as few messages as the channel allows."""
    parts = [p for p in parts if p]
    if not parts:
        return []
    joined = "\n\n".join(parts)
    if inbound.channel == "whatsapp" and len(joined) > WHATSAPP_MAX_CHARS:
        return parts
    if inbound.channel == "sms" and not fits_segments(joined, SMS_MAX_SEGMENTS_ESTIMATE):
        return parts
    return [joined]


def current_estimate(
    session: str | None, *, now: dt.datetime, month: dt.date | None = None
) -> BillEstimate | None:
    """The estimate the session's answers make, if it has reached one (for tests and scripts)."""
    stored = Session.from_json(session)
    if stored is None or stored.state not in (State.ESTIMATE, State.EXPLAIN):
        return None
    if month is not None:
        stored.month = month.strftime("%Y-%m")
    ctx = TurnContext(stored, stored.channel, _month(stored, now))
    try:
        return ctx.estimate()
    except TariffError:
        return None
