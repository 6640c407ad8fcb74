"""Everything one turn works with: the session (a copy), the channel, the month, the user's
language and the bill the answers make."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.conversation.billing import Billing
from bot.conversation.session import Session
from bot.i18n.catalogs import Language, Translator, parse_language
from bot.inbound import Channel, Choice, Media
from bot.tariff_source import active_tariff
from tariff_core import Tariff, TariffOrder


@dataclass(frozen=True)
class Offered:
    """Choices a question offers, for channels that show them as buttons or a list.

    ``part`` is the question as written out for plain text (its options numbered in it);
    ``lead`` the same question without the written-out options.
    """

    part: str
    lead: str
    choices: tuple[Choice, ...]


@dataclass
class TurnContext:
    """The session being worked on (a copy), the user's language and channel, and the month.

    ``notes`` collects what the turn acknowledges before its question ("Noted: 2 kW"), so that
    the readers of a message can say what they took from it.
    """

    session: Session
    channel: Channel
    month: dt.date
    t: Translator = field(init=False)
    tariff: Tariff = field(init=False)
    order: TariffOrder = field(init=False)
    bill: Billing = field(init=False)
    notes: list[str] = field(default_factory=list, init=False)
    #: Notes that only confirm what the user said ("Noted: load 2 kW"): dropped from an SMS
    #: that carries the estimate, which has no room to spare.
    acknowledgements: list[str] = field(default_factory=list, init=False)
    #: The choices of the last question written this turn (see :meth:`offer`).
    offered: Offered | None = field(default=None, init=False)
    #: A file to send with the turn's last message (see :meth:`attach`).
    media: Media | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.t = Translator.load(self.session.language)
        self.tariff = active_tariff()
        self.order = self.tariff.order_for(self.month)
        self.bill = Billing(self.session, self.month, self.order, self.tariff)

    def set_language(self, code: str, *, chosen: bool = True) -> None:
        """Reply in ``code`` from now on; ``chosen`` when the user asked for it by name."""
        lang: Language = parse_language(code)
        self.session.language = lang
        self.session.language_settled = True
        if chosen:
            self.session.language_chosen = True
        self.t = Translator.load(lang)

    def say(self, text: str, *, acknowledgement: bool = False) -> None:
        """Say something before the next question; ``acknowledgement`` when it only confirms
        what the user said."""
        if text and text not in self.notes:
            self.notes.append(text)
            if acknowledgement:
                self.acknowledgements.append(text)

    def offer(self, part: str, lead: str, choices: list[Choice]) -> str:
        """Note that question ``part`` offers ``choices`` (shown as buttons or a list where
        the channel has them, ``lead`` above them); returns ``part``. Plain text (and SMS,
        which has no buttons) sends ``part`` as it is."""
        if self.channel != "sms" and choices:
            self.offered = Offered(part, lead, tuple(choices))
        return part

    def attach(self, media: Media) -> None:
        """Send ``media`` with the turn's last message (WhatsApp; SMS carries text only)."""
        if self.channel != "sms":
            self.media = media
