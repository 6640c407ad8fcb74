"""The conversation engine: a stored session and one message in, the new session and replies out.

Pure apart from reading the translation catalogs and the tariff data: no clock (``now`` is a
parameter), no I/O, no randomness, so every turn can be replayed in a test. Each turn works on
a copy of the session; a re-prompt returns the stored session unchanged (but for the language a
message with words has just settled).

One turn: the message is read once for every fact it holds (:mod:`bot.understanding.facts`);
the events every state allows come first (STOP, delete my data, menu, help, back, language, a
question, small talk, a greeting), then the step's own reader, which keeps the rest of the facts
and moves on to whatever the bill still needs. Every move is checked against the table.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final
from zoneinfo import ZoneInfo

from bot import messages as m
from bot.conversation import check_steps
from bot.conversation.context import TurnContext
from bot.conversation.followups import OFFERS_SHOWN, best_saving, follow_up, offers, reask_units
from bot.conversation.intake import QUESTIONS, next_question, pending_bill_amount
from bot.conversation.outcome import Outcome, Reading
from bot.conversation.session import Answers, Session, State
from bot.conversation.steps import LANGUAGE_NAMES, STEPS, Event, check_move
from bot.i18n.catalogs import LANGUAGES, Language
from bot.i18n.sms import (
    SMS_MAX_SEGMENTS_ESTIMATE,
    SMS_MAX_SEGMENTS_REPLY,
    WHATSAPP_ESTIMATE_CHARS,
    first_sentences,
    fits_segments,
    sms_text,
)
from bot.inbound import Inbound, Reply, Turn
from bot.rendering.estimate import render_rebates
from bot.rendering.faq import render_faq
from bot.rendering.figures import tariff_figures
from bot.understanding import Command, guess_language, is_greeting
from bot.understanding.facts import SUBSTANCE_KINDS, Facts, extract
from bot.understanding.language_words import NATIVE_WORD_WEIGHT
from bot.understanding.questions import match_question
from tariff_core import BillEstimate, TariffError

#: Odisha's clock, which decides the current consumption month.
TIMEZONE: Final = ZoneInfo("Asia/Kolkata")
#: Longer messages are pastes, not answers: refused before any parsing.
MAX_MESSAGE_CHARS: Final = 1000
#: "-5" or "units -50" is a negative number (the scanner reads digits only); "12450 - 12710"
#: is two readings, so a minus after a number and a space is not a sign.
NEGATIVE_NUMBER: Final = re.compile(
    r"(?:^|(?<![0-9\u0b66-\u0b6f\u0966-\u096f])\s)[-\u2212]\s*[0-9\u0b66-\u0b6f\u0966-\u096f]"
)
#: Once a language is settled, a message in another Indian script switches it only with this
#: much evidence: three of its words (a sentence, not an answer copied from an offer).
SWITCH_SCORE: Final = 3 * NATIVE_WORD_WEIGHT
_LANGUAGE_LIST: Final = " / ".join(LANGUAGE_NAMES[code] for code in LANGUAGES)
_COMMAND_EVENTS: Final = {
    Command.MENU: Event.MENU,
    Command.START: Event.MENU,
    Command.HELP: Event.HELP,
    Command.BACK: Event.BACK,
    Command.LANGUAGE: Event.LANGUAGE,
    Command.CHECK_BILL: Event.CHECK,
}


def handle(
    session: str | None, inbound: Inbound, *, now: dt.datetime, month: dt.date | None = None
) -> Turn:
    """Answer one message. ``month`` pins the consumption month, else it is ``now``'s month."""
    stored = Session.from_json(session)
    if stored is not None and stored.opted_out:
        return _opted_out(stored, inbound, now, month)
    # A second reading of the JSON, not a deep copy of the first: the same independent copy
    # to work on, at a fraction of the cost.
    working = Session.from_json(session) if stored else None
    working = working or Session(channel=inbound.channel)
    working.channel = inbound.channel
    if month is not None:
        working.month = month.strftime("%Y-%m")
    ctx = TurnContext(working, inbound.channel, _month(working, now))
    result = _turn(ctx, stored, inbound)
    if isinstance(result, _Delete):
        return Turn(None, [Reply(ctx.t.gettext(m.DATA_DELETED))], delete=True)
    if isinstance(result, _Reprompt):
        kept = _kept_on_reprompt(stored, ctx.session)
        replies = _reprompt_replies(ctx, kept, inbound, result.explanation)
        return Turn(kept.to_json() if kept is not None else session, replies)
    ctx.session.turns += 1
    replies = _package(
        ctx,
        _with_language_hint(ctx, result),
        estimate=ctx.session.state in (State.ESTIMATE, State.CHECK_RESULT),
    )
    return Turn(ctx.session.to_json(), replies)


class _Delete:
    """Marker: the user asked to delete their data."""


@dataclass(frozen=True)
class _Reprompt:
    """Marker: the answer was not usable; ``explanation`` says what is expected."""

    explanation: list[str]


def _month(session: Session, now: dt.datetime) -> dt.date:
    if session.month:
        year, number = (int(part) for part in session.month.split("-"))
        return dt.date(year, number, 1)
    local = now.astimezone(TIMEZONE) if now.tzinfo else now
    return local.date().replace(day=1)


def _opted_out(stored: Session, inbound: Inbound, now: dt.datetime, month: dt.date | None) -> Turn:
    """After STOP we stay silent until the user writes START (or asks to delete their data)."""
    command = extract(inbound.body[:MAX_MESSAGE_CHARS]).get("command")
    if command is Command.DELETE_DATA:  # an explicit request: it is answered even after STOP
        ctx = TurnContext(stored, inbound.channel, _month(stored, now))
        return Turn(None, [Reply(ctx.t.gettext(m.DATA_DELETED))], delete=True)
    if command is not Command.START:
        return Turn(stored.to_json(), [])
    resumed = stored.model_copy(
        update={"opted_out": False, "state": State.CATEGORY, "answers": Answers(), "history": []}
    )
    if month is not None:
        resumed.month = month.strftime("%Y-%m")
    ctx = TurnContext(resumed, inbound.channel, _month(resumed, now))
    return Turn(resumed.to_json(), _package(ctx, [ctx.t.gettext(m.RESUMED), _prompt(ctx)]))


def _turn(
    ctx: TurnContext, stored: Session | None, inbound: Inbound
) -> list[str] | _Delete | _Reprompt:
    """The replies of this turn, or a re-prompt (the session stays as stored)."""
    session = ctx.session
    text = inbound.body.strip()
    first = stored is None
    if inbound.media_count and not any(ch.isalnum() for ch in text):
        # A photo, voice note or file, perhaps with an emoji caption: nothing to read.
        return _retry(ctx, first, m.MEDIA_NOT_READ)
    if not text:
        return _retry(ctx, first, None)
    if len(text) > MAX_MESSAGE_CHARS:
        return _retry(ctx, first, m.TOO_LONG)
    facts = extract(text)
    command = facts.get("command")
    if command is Command.STOP:
        session.opted_out = True
        return [ctx.t.gettext(m.STOPPED)]
    if command is Command.DELETE_DATA:
        return _Delete()
    lead = _settle_language(ctx, text, facts)
    # A whole request by SMS gets its estimate without the greeting (each SMS costs).
    preamble = [_greeting(ctx)] if first and not _quick_sms(ctx, facts) else []
    preamble.extend(lead)
    event = _COMMAND_EVENTS.get(command) if isinstance(command, Command) else None
    if event is Event.MENU:
        _reset(session)
        _move(ctx, State.CATEGORY, Event.MENU)
        return [*preamble, _prompt(ctx)]
    if event is Event.CHECK:
        check_steps.start(ctx)
        _move(ctx, State.CHECK_TOTAL, Event.CHECK)
        return [*preamble, _prompt(ctx)]
    if event is Event.HELP:
        example = ctx.t.gettext(m.QUICK_EXAMPLE)
        return [*preamble, ctx.t.format(m.HELP, example=example), _again(ctx)]
    if event is Event.BACK:
        return [*preamble, *_back(ctx)]
    if event is Event.LANGUAGE and session.state is not State.LANGUAGE:
        session.options = [session.state.value]
        _move(ctx, State.LANGUAGE, Event.LANGUAGE)
        return [*preamble, _prompt(ctx)]
    named = facts.get("language")
    if isinstance(named, str) and session.state is not State.LANGUAGE:
        ctx.set_language(named)  # typing a language's name switches at any time
        preamble = [_greeting(ctx)] if first and not _quick_sms(ctx, facts) else []
        if not facts.has(*SUBSTANCE_KINDS):
            # After an estimate, the estimate itself again, now in the chosen language.
            again = _prompt(ctx) if session.state is State.ESTIMATE else _again(ctx)
            return [*preamble, ctx.t.gettext(m.LANGUAGE_SET), again]
        preamble.append(ctx.t.gettext(m.LANGUAGE_SET))
    topic = None if facts.figures else match_question(text)
    if topic is not None:
        return [*preamble, _answer_question(ctx, topic), _again(ctx)]
    # 🙏 or "ok" opening a conversation greets; it thanks for nothing yet.
    if _is_small_talk(facts) and not first and session.state is not State.CONFIRM_UNITS:
        return [*preamble, *_small_talk(ctx, facts)]
    if is_greeting(text):  # not an answer, not a mistake: greet back and ask again
        if first:
            return [*preamble, _prompt(ctx)]
        return _Reprompt([*lead, ctx.t.gettext(m.GREETING_AGAIN)])
    if NEGATIVE_NUMBER.search(text):
        return _retry(ctx, first, m.NOT_NEGATIVE)
    step = STEPS[session.state]
    outcome = step.read(
        ctx, Reading(text, facts, command if isinstance(command, Command) else None)
    )
    if not outcome.advance:
        if first:  # nothing usable in a first message: the greeting and the first question
            return [*preamble, _prompt(ctx)]
        return _Reprompt(list(outcome.say))
    return [*preamble, *_advance(ctx, outcome)]


def _quick_sms(ctx: TurnContext, facts: Facts) -> bool:
    """A first SMS that holds a whole request: its estimate goes out without the greeting, so
    the reply stays within two segments (the estimate says what it is)."""
    return ctx.channel == "sms" and facts.has("category") and facts.has("units", "number")


def _settle_language(ctx: TurnContext, text: str, facts: Facts) -> list[str]:
    """Let the first message with words decide the language; return the lines that says.

    A number or an emoji decides nothing. An explicit choice always wins. Once decided, only a
    message in another Indian script changes it (a Latin word or two proves little).
    """
    session = ctx.session
    if session.language_chosen or facts.get("language") is not None:
        return []
    guess = guess_language(text)
    if guess is None or (guess.language == session.language and session.language_settled):
        return []
    if session.language_settled and (
        guess.latin or guess.language == "en" or guess.score < SWITCH_SCORE
    ):
        return []  # an answer word or two ("ଗାଁ", "ହଁ, ଗାଁରେ") is not a change of language
    ctx.set_language(guess.language, chosen=False)
    if guess.latin and not session.english_offered:
        session.english_offered = True
        return [ctx.t.gettext(m.ENGLISH_OFFER)]
    return []


def _kept_on_reprompt(stored: Session | None, working: Session) -> Session | None:
    """The stored session, with only the language that this message settled carried over."""
    if stored is None:
        return None
    language = ("language", "language_chosen", "language_settled", "english_offered")
    if all(getattr(stored, name) == getattr(working, name) for name in language):
        return stored
    return stored.model_copy(update={name: getattr(working, name) for name in language})


def _retry(ctx: TurnContext, first: bool, message: str | None) -> list[str] | _Reprompt:
    """A re-prompt. A first message that is not an answer just gets the greeting and menu."""
    if first:
        return [_greeting(ctx), _prompt(ctx)]
    return _Reprompt([ctx.t.gettext(message)] if message is not None else [])


def _reprompt_replies(
    ctx: TurnContext, kept: Session | None, inbound: Inbound, explanation: list[str]
) -> list[Reply]:
    if kept is not None:  # ask again from the stored session, in its language
        ctx = TurnContext(kept.model_copy(deep=True), inbound.channel, ctx.month)
    return _package(ctx, _with_language_hint(ctx, [*explanation, _again(ctx)]))


def _greeting(ctx: TurnContext) -> str:
    t = ctx.t
    if ctx.channel == "sms":
        return t.gettext(m.GREETING_SHORT)
    return t.format(m.GREETING, **tariff_figures(ctx.order, t))


def _with_language_hint(ctx: TurnContext, replies: list[str]) -> list[str]:
    """Until a message with words decides the language, every reply says how to switch."""
    if ctx.session.language_settled or not replies:
        return replies
    return [*replies, ctx.t.format(m.LANGUAGE_HINT, languages=_LANGUAGE_LIST)]


def _reset(session: Session) -> None:
    session.state = State.CATEGORY
    session.answers = Answers()
    session.checking = False  # "menu" ends a bill check too
    session.bill_total = None
    session.bill_months = None
    session.history = []
    session.options = []


def _prompt(ctx: TurnContext) -> str:
    return STEPS[ctx.session.state].ask(ctx)


def _again(ctx: TurnContext) -> str:
    """The pending question, asked again after something that was not its answer."""
    return STEPS[ctx.session.state].again(ctx)


def _move(ctx: TurnContext, target: State, via: Event) -> None:
    check_move(ctx.session.state, target, via)
    ctx.session.state = target


def _advance(ctx: TurnContext, outcome: Outcome) -> list[str]:
    pending = pending_bill_amount(ctx)
    if pending is not None and pending.advance and pending.state is not None:
        outcome = Outcome(True, outcome.say, pending.state, outcome.prompt)
    target = check_steps.redirect(ctx, outcome.state or next_question(ctx))
    _move(ctx, target, Event.STEP)
    notes = ctx.notes
    if target is State.ESTIMATE and ctx.channel == "sms":
        notes = [note for note in notes if note not in ctx.acknowledgements]
    replies = [*outcome.say, *notes]
    if outcome.prompt:
        replies.append(_prompt(ctx))
    return replies


def _answer_question(ctx: TurnContext, topic: str) -> str:
    """An FAQ answer; after an estimate, "rebates" lists this consumer's own."""
    if topic == "rebates" and ctx.session.state in (State.ESTIMATE, State.EXPLAIN):
        try:
            return render_rebates(ctx.bill.estimate(), ctx.t, ctx.channel)
        except TariffError:
            pass
    answer = render_faq(topic, ctx.t, ctx.order)
    return first_sentences(answer, SMS_MAX_SEGMENTS_ESTIMATE) if ctx.channel == "sms" else answer


def _is_small_talk(facts: Facts) -> bool:
    return facts.get("small_talk") is not None and not facts.has(*SUBSTANCE_KINDS)


def _small_talk(ctx: TurnContext, facts: Facts) -> list[str]:
    """One short line; mid-conversation the question follows, after an estimate nothing else."""
    t = ctx.t
    line = t.gettext(m.THANKS_REPLY if facts.get("small_talk") == "thanks" else m.OK_REPLY)
    if ctx.session.state in (State.ESTIMATE, State.EXPLAIN, State.CHECK_RESULT):
        return [line]
    return [line, _again(ctx)]


def _back(ctx: TurnContext) -> list[str]:
    session = ctx.session
    state = session.state
    target: State | None = None
    if state is State.CATEGORY_LIST:
        target = State.CATEGORY_GROUP
    elif state in (State.CATEGORY_GROUP, State.CATEGORY_PICK):
        target = State.CATEGORY
    elif state is State.LANGUAGE:
        target = State(session.options[0]) if session.options else State.CATEGORY
    elif state is State.EXPLAIN:
        target = State.ESTIMATE
    elif state in QUESTIONS or state in (State.ESTIMATE, State.CONFIRM_UNITS):
        if session.history:
            last = session.history.pop()
            if last in session.answers.answered:
                session.answers.answered.remove(last)
            target = last
        else:
            _reset(session)
            return [_prompt(ctx)]
    if target is None:
        return [ctx.t.gettext(m.NOTHING_TO_GO_BACK), _prompt(ctx)]
    if target is State.UNITS:
        reask_units(ctx)
    _move(ctx, target, Event.BACK)
    return [_prompt(ctx)]


def _package(ctx: TurnContext, parts: list[str], *, estimate: bool = False) -> list[Reply]:
    """Join the parts into as few messages as the channel allows; the last question's
    choices (if the channel shows them) go with the message that asks it.

    WhatsApp: consecutive parts are joined while the message stays within one phone screen
    (:data:`WHATSAPP_ESTIMATE_CHARS`), so an estimate is never pushed past it by a greeting.
    SMS: consecutive parts are joined while the message stays within
    :data:`SMS_MAX_SEGMENTS_REPLY` segments, or :data:`SMS_MAX_SEGMENTS_ESTIMATE` in a turn
    that ends at the ``estimate`` (so the estimate keeps its two segments); a part longer than
    that is packed paragraph by paragraph.
    """
    sms_limit = SMS_MAX_SEGMENTS_ESTIMATE if estimate else SMS_MAX_SEGMENTS_REPLY
    parts = [p for p in parts if p]
    if not parts:
        return []
    sms = ctx.channel == "sms"
    if sms:
        parts = [sms_text(piece) for part in parts for piece in _sms_pieces(part, sms_limit)]
    messages = [parts[0]]
    for part in parts[1:]:
        candidate = f"{messages[-1]}\n\n{part}"
        fits = (
            fits_segments(sms_text(candidate), sms_limit)
            if sms
            else len(candidate) <= WHATSAPP_ESTIMATE_CHARS
        )
        if fits:
            messages[-1] = sms_text(candidate) if sms else candidate
        else:
            messages.append(part)
    return _with_choices(ctx, messages)


def _sms_pieces(part: str, limit: int) -> list[str]:
    """A part as it is packed by SMS: whole when it fits ``limit`` segments, else its
    paragraphs (a list goes one registered SMS template a paragraph, :mod:`bot.rendering.
    sms_layout`), so that no message is longer than the channel allows."""
    if "\n\n" not in part or fits_segments(sms_text(part), limit):
        return [part]
    return [piece for piece in part.split("\n\n") if piece.strip()]


def _with_choices(ctx: TurnContext, messages: list[str]) -> list[Reply]:
    """The messages as replies, the last one carrying the choices of the question it asks."""
    replies = [Reply(text) for text in messages]
    if ctx.media is not None:
        replies[-1] = Reply(messages[-1], media=ctx.media)
    offered = ctx.offered
    if offered is None or offered.part not in messages[-1]:
        return replies
    last = messages[-1]
    at = last.rindex(offered.part)
    lead = last[:at] + offered.lead + last[at + len(offered.part) :]
    button = ctx.t.gettext(m.CHOICES_BUTTON)
    replies[-1] = Reply(last, offered.choices, lead=lead, button=button, media=ctx.media)
    return replies


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
        return ctx.bill.estimate()
    except TariffError:
        return None


def estimate_at_a_glance(
    session: str | None, *, now: dt.datetime, month: dt.date | None = None
) -> tuple[BillEstimate, str | None, Language] | None:
    """The session's estimate, the one best saving its summary shows and the user's language:
    what a spoken estimate or an estimate card is made from (None before an estimate)."""
    stored = Session.from_json(session)
    if stored is None:
        return None
    if month is not None:
        stored.month = month.strftime("%Y-%m")
    ctx = TurnContext(stored, stored.channel, _month(stored, now))
    try:
        est = ctx.bill.estimate()
    except TariffError:
        return None
    offered = {code for code, _line in offers(ctx, est)[:OFFERS_SHOWN]}
    return est, best_saving(ctx, est, offered), stored.language


__all__ = [
    "MAX_MESSAGE_CHARS",
    "TIMEZONE",
    "current_estimate",
    "estimate_at_a_glance",
    "follow_up",
    "handle",
]
