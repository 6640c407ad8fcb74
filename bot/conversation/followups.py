"""After the estimate: the summary with its offers, details, explanations, tips, and what-ifs.

The estimate is sent as a summary (total, pay-by-due-date, main lines, the one best saving, the
offers still open). The follow-up menu's numbers and words both work; offers are answered by
their word ("village", "smart meter", "e-bill"), and any new figure (units, load) re-estimates.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Final

from bot import messages as m
from bot.conversation.context import TurnContext
from bot.conversation.intake import take_facts
from bot.conversation.menus import choice
from bot.conversation.outcome import Outcome, Reading, again, go
from bot.conversation.session import Answers, State
from bot.i18n.catalogs import LANGUAGES, Translator
from bot.inbound import CARD_PENDING, MAX_LIST_ROWS, SPEECH_PENDING, Choice
from bot.rendering import render_estimate, render_explanation, render_line_menu, render_rebates
from bot.rendering.estimate import render_summary
from bot.rendering.labels import money, number
from bot.rendering.sms_layout import titled_list
from bot.rendering.tips import coded_tips, iter_tips
from bot.understanding import parse_choice
from bot.understanding.fact_words import FOLLOW_UP_WORDS
from bot.understanding.text import process
from tariff_core import Ask, BillEstimate, TariffError

#: The follow-up menu: (number, action, label), in the order shown.
FOLLOW_UP_MENU: Final = (
    (1, "details", m.OPTION_DETAILS),
    (2, "units", m.OPTION_CHANGE_UNITS),
    (3, "new", m.OPTION_ANOTHER),
    (4, "explain", m.OPTION_EXPLAIN),
    (5, "tips", m.OPTION_TIPS),
    (6, "listen", m.OPTION_LISTEN),
    (7, "card", m.OPTION_CARD),
    (0, "menu", m.OPTION_START_AGAIN),
)
#: Follow-ups picked by number: on WhatsApp all of them; by SMS the first five (no media).
FOLLOW_UPS: Final = 7
FOLLOW_UPS_SMS: Final = 5
#: The follow-ups as list rows, most wanted first (a list holds ten rows with the offers).
_ROW_ORDER: Final = ("details", "listen", "card", "units", "tips", "explain", "new", "menu")
#: A menu word inside a message this short picks that follow-up; longer text is read for facts.
FOLLOW_UP_MAX_WORDS: Final = 6
#: After an estimate, a bare number this large or larger is a what-if on units, not a menu pick.
WHAT_IF_MIN_UNITS: Final = Decimal(10)
_FOLLOW_UP_PHRASES: Final = {
    process(word): action for action, words in FOLLOW_UP_WORDS.items() for word in words
}
#: At most this many offers under an estimate (the renderer drops more where room is short).
OFFERS_SHOWN: Final = 3
#: Tips about a choice that an offer already names are not repeated as the best saving.
_OFFER_TIPS: Final = {"rural": "rural", "ebill": "ebill", "meter": "prepaid"}


def follow_up(ctx: TurnContext) -> str:
    """The menu after an estimate: "1=details, 2=change units…" (numbers apart from words)."""
    t = ctx.t
    if ctx.channel == "sms":
        return t.gettext(m.FOLLOW_UP_SMS)
    options = [f"{n}={t.gettext(label)}" for n, _action, label in FOLLOW_UP_MENU]
    return t.gettext(m.FOLLOW_UP_TITLE) + " " + " · ".join(options)


def _worth(ctx: TurnContext, est: BillEstimate, **change: object) -> Decimal | None:
    trial = ctx.bill.try_estimate(**change)
    if trial is None:
        return None
    return est.payable_by_due_date - trial.payable_by_due_date


def offers(ctx: TurnContext, est: BillEstimate) -> list[tuple[str, str]]:
    """(code, line) for each answer still open that would change this bill, best first."""
    t = ctx.t
    answers = ctx.session.answers
    asks = ctx.bill.category().asks
    found: list[tuple[Decimal, str, str]] = []  # (worth, code, line); a cost is negative
    if Ask.RURAL in asks and answers.rural is None:
        worth = _worth(ctx, est, rural=True)
        if worth and worth > 0:
            found.append((worth, "rural", t.format(m.OFFER_RURAL, amount=money(worth, t))))
    if Ask.EBILL in asks and answers.ebill is None:
        worth = _worth(ctx, est, ebill=True)
        if worth and worth > 0:
            found.append((worth, "ebill", t.format(m.OFFER_EBILL, amount=money(worth, t))))
    if Ask.METER in asks and answers.smart_meter is None:
        worth = _worth(ctx, est, smart_meter=True)
        if not worth and ctx.bill.tod_applies(smart_meter=True) and not ctx.bill.tod_applies():
            found.append((Decimal(0), "meter", t.gettext(m.OFFER_SMART_METER_TOD)))
        elif worth:
            message = m.OFFER_SMART_METER_LESS if worth > 0 else m.OFFER_SMART_METER_MORE
            found.append((worth, "meter", t.format(message, amount=money(abs(worth), t))))
    found.sort(key=lambda item: -item[0])  # savings first, the biggest first
    return [(code, line) for _worth_, code, line in found]


def best_saving(ctx: TurnContext, est: BillEstimate, offered: set[str]) -> str | None:
    """The single tip worth most to this consumer that no offer already says."""
    skip = {_OFFER_TIPS[code] for code in offered}
    # Lazily: the tips after the first one shown are neither computed nor written.
    for code, text in iter_tips(est, ctx.bill.what_if, ctx.order, ctx.t):
        if code not in skip:
            return text
    return None


def _assumed_load(ctx: TurnContext) -> str | None:
    answers = ctx.session.answers
    if not answers.demand_defaulted:
        return None
    category = ctx.bill.category()
    return ctx.t.format(
        m.LOAD_ASSUMED,
        value=number(ctx.bill.default_demand(), ctx.t),
        unit=category.demand_unit.value,
    )


def ask_estimate(ctx: TurnContext) -> str:
    """The estimate summary, with the offers and the follow-up menu."""
    try:
        est = ctx.bill.estimate()
    except TariffError:
        return ctx.t.gettext(m.CANNOT_ESTIMATE)
    open_offers = offers(ctx, est)
    extras = [line for line in (_assumed_load(ctx),) if line]
    extras.extend(line for _code, line in open_offers[:OFFERS_SHOWN])
    saving = best_saving(ctx, est, {code for code, _line in open_offers[:OFFERS_SHOWN]})
    closing = follow_up(ctx)
    if ctx.session.voice:  # the user asked to hear an estimate once: every one is spoken
        ctx.attach(SPEECH_PENDING)
    summary = render_summary(est, ctx.t, ctx.channel, saving=saving, extras=extras, closing=closing)
    offered = [code for code, _line in open_offers[:OFFERS_SHOWN]]
    if closing and summary.endswith(closing):
        lead = summary[: len(summary) - len(closing)].rstrip("\n")
        ctx.offer(summary, lead, follow_up_choices(ctx, offered))
    return summary


#: The word a pressed offer sends back (read as typing it, in every language).
_OFFER_REPLIES: Final = {
    "rural": ("village", m.CHOICE_VILLAGE),
    "ebill": ("e-bill", m.CHOICE_EBILL),
    "meter": ("smart meter", m.CHOICE_SMART_METER),
}


def follow_up_choices(ctx: TurnContext, offered: list[str]) -> list[Choice]:
    """The choices under an estimate: the offers still open, then the follow-up menu."""
    rows = [
        Choice(_OFFER_REPLIES[code][0], ctx.t.gettext(_OFFER_REPLIES[code][1])) for code in offered
    ]
    by_action = {action: (n, label) for n, action, label in FOLLOW_UP_MENU}
    among = len(FOLLOW_UP_MENU) + len(offered)
    for action in _ROW_ORDER[: MAX_LIST_ROWS - len(rows)]:
        n, label = by_action[action]
        rows.append(choice(str(n), ctx.t.gettext(label), among))
    return rows


def details(ctx: TurnContext) -> str:
    """Every line, rebate and assumption."""
    return render_estimate(ctx.bill.estimate(), ctx.t, ctx.channel)


def tips_text(ctx: TurnContext) -> str:
    """The tips as one message (by SMS one tip an SMS, the first under the title)."""
    est = ctx.bill.estimate()
    tips = [text for _code, text in coded_tips(est, ctx.bill.what_if, ctx.order, ctx.t)]
    if not tips:
        return ctx.t.gettext(m.NO_TIPS)
    if ctx.channel == "sms":
        return titled_list(ctx.t.gettext(m.TIPS_TITLE), tips)
    return "\n".join([ctx.t.gettext(m.TIPS_TITLE), *(f"• {tip}" for tip in tips)])


@functools.cache
def _menu_phrases() -> dict[str, str]:
    """Every way to name a follow-up: the listed words and the menu's own labels as shown in
    each language (a user may type back what the menu says: "मद समझाएँ")."""
    phrases = dict(_FOLLOW_UP_PHRASES)
    for lang in LANGUAGES:
        t = Translator.load(lang)
        for _n, action, label in FOLLOW_UP_MENU:
            phrases.setdefault(process(t.gettext(label)), action)
    return phrases


def _action(reading: Reading, *, sms: bool = False) -> str | None:
    """The follow-up the message picks: by number, by its words, or by a menu word inside a
    short message ("पूरा बिल दिखाओ", "बचत कैसे करें")."""
    text = reading.text.strip()
    if text in ("0", "୦", "०"):
        return "menu"
    pick = parse_choice(text, FOLLOW_UPS_SMS if sms else FOLLOW_UPS)
    if pick is not None:
        return next(action for n, action, _label in FOLLOW_UP_MENU if n == pick)
    phrases = _menu_phrases()
    said = process(text)
    if said in phrases:
        return phrases[said]
    words = said.split()
    if not words or len(words) > FOLLOW_UP_MAX_WORDS or reading.facts.figures:
        return None
    padded = f" {said} "
    found = {action for phrase, action in phrases.items() if f" {phrase} " in padded}
    return found.pop() if len(found) == 1 else None


def reask_units(ctx: TurnContext) -> Outcome:
    """Ask the units again (the user wants to change them)."""
    answers = ctx.session.answers
    if State.UNITS in answers.answered:
        answers.answered.remove(State.UNITS)
    return go(state=State.UNITS)


def read_estimate(ctx: TurnContext, reading: Reading) -> Outcome:
    t = ctx.t
    action = _action(reading, sms=ctx.channel == "sms")
    if action in ("listen", "card"):
        return _media(ctx, action)
    if action == "details":
        return go(details(ctx), follow_up(ctx), state=State.ESTIMATE, prompt=False)
    if action == "units":
        return reask_units(ctx)
    if action in ("new", "menu"):
        ctx.session.answers = Answers()
        ctx.session.history = []
        return go(state=State.CATEGORY)
    if action == "explain":
        return go(state=State.EXPLAIN)
    if action == "rebates":
        return go(
            render_rebates(ctx.bill.estimate(), t, ctx.channel),
            follow_up(ctx),
            prompt=False,
            state=State.ESTIMATE,
        )
    if action == "tips":
        return go(tips_text(ctx), follow_up(ctx), state=State.ESTIMATE, prompt=False)
    # Anything else the message says updates the estimate: units (a what-if), a load, a
    # category, or an answer to an offer ("village", "smart meter", "e-bill").
    facts = reading.facts
    bare = facts.all("number")
    what_if = len(bare) == 1 and isinstance(bare[0], Decimal) and bare[0] >= WHAT_IF_MIN_UNITS
    before = ctx.session.answers.snapshot()
    outcome = take_facts(ctx, reading, bare_number_is_units=what_if)
    if outcome is not None:
        return outcome
    if ctx.session.answers != before:
        # Estimate again, unless the change brings a question the bill now needs (a smart
        # meter can bring time-of-day rates, and with them the solar/peak split).
        return go()
    return again(t.format(m.NEED_FOLLOW_UP))


def _media(ctx: TurnContext, action: str) -> Outcome:
    """The estimate as a voice note or a picture (WhatsApp); by SMS, say they come on WhatsApp.
    Asking to listen once means every later estimate comes with its voice note."""
    t = ctx.t
    if ctx.channel == "sms":
        return go(
            t.gettext(m.MEDIA_ON_WHATSAPP), follow_up(ctx), state=State.ESTIMATE, prompt=False
        )
    if action == "listen":
        ctx.session.voice = True
        ctx.attach(SPEECH_PENDING)
        said = t.gettext(m.VOICE_NOTE_SENT)
    else:
        ctx.attach(CARD_PENDING)
        said = t.gettext(m.CARD_SENT)
    return go(said, follow_up(ctx), state=State.ESTIMATE, prompt=False)


def ask_explain(ctx: TurnContext) -> str:
    return render_line_menu(ctx.bill.estimate(), ctx.t, ctx.channel)


def read_explain(ctx: TurnContext, reading: Reading) -> Outcome:
    est = ctx.bill.estimate()
    pick = parse_choice(reading.text, len(est.lines))
    if pick is None:
        return again(ctx.t.format(m.NEED_CHOICE, count=len(est.lines)))
    explanation = render_explanation(est, pick - 1, ctx.t, ctx.order, ctx.channel)
    return go(explanation, follow_up(ctx), state=State.ESTIMATE, prompt=False)


__all__ = [
    "FOLLOW_UPS",
    "FOLLOW_UP_MENU",
    "WHAT_IF_MIN_UNITS",
    "ask_estimate",
    "ask_explain",
    "best_saving",
    "details",
    "follow_up",
    "offers",
    "read_estimate",
    "read_explain",
    "reask_units",
    "tips_text",
]
