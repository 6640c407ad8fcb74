"""A small driver of the conversation engine, in-process, for the engine tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.conversation import Inbound, Session, handle
from bot.inbound import Channel

#: A fixed clock: November 2026, so ToD applies and no test depends on the real date.
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


@dataclass
class Chat:
    """One user's conversation: send messages, read the last replies and the session."""

    channel: Channel = "whatsapp"
    month: dt.date | None = None
    session: str | None = None
    replies: list[str] = field(default_factory=list)
    deleted: bool = False

    def send(self, body: str, media: int = 0) -> str:
        """Send one message; return the replies joined (empty when the bot stays silent)."""
        turn = handle(
            self.session,
            Inbound(self.channel, body, media_count=media),
            now=NOW,
            month=self.month,
        )
        self.deleted = turn.delete
        self.session = turn.session
        self.replies = turn.replies
        return "\n".join(turn.replies)

    def run(self, messages: Iterable[str]) -> str:
        """Send several messages; return the last reply."""
        reply = ""
        for body in messages:
            reply = self.send(body)
        return reply

    @property
    def state(self) -> Session:
        """The stored session."""
        loaded = Session.from_json(self.session)
        assert loaded is not None, "no session stored"
        return loaded


def script_of(text: str) -> str | None:
    """The language whose script most letters of a reply are in ("or", "hi", "en"), or None.

    Replies mix scripts on purpose (the language menu names every language in its own script),
    so this counts letters instead of asking the understanding package, which reads a *user's*
    message and lets any Odia word outweigh English ones.
    """
    counts = {"or": 0, "hi": 0, "en": 0}
    for ch in text:
        if "\u0b00" <= ch <= "\u0b7f":
            counts["or"] += 1
        elif "\u0900" <= ch <= "\u097f":
            counts["hi"] += 1
        elif ch.isascii() and ch.isalpha():
            counts["en"] += 1
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] else None
