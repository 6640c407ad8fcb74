"""What the conversation engine receives and returns, independent of any channel.

A channel adapter turns a provider's request into an :class:`Inbound`; the engine answers with
a :class:`Turn` whose :class:`Reply` items are channel-neutral (text, up to ten choices, an
optional media item); each channel's renderer turns those into what its provider takes (TwiML,
a Twilio content message, a Graph API message, a DLT template SMS). Idempotency records keep
the neutral replies (:func:`replies_to_json`), so a retry is answered alike on any transport.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Final, Literal

Channel = Literal["whatsapp", "sms"]
CHANNELS: tuple[Channel, ...] = ("whatsapp", "sms")


@dataclass(frozen=True)
class Inbound:
    """One message from a user, as a channel adapter understood it."""

    channel: Channel
    body: str
    message_id: str = ""
    media_count: int = 0
    profile_name: str = ""


#: WhatsApp's limits for interactive messages (Meta's and Twilio's documentation): at most three
#: reply buttons with titles of at most 20 characters; a list of at most ten rows with titles of
#: at most 24 and descriptions of at most 72 characters, opened by a button of at most 20.
MAX_BUTTONS: Final = 3
MAX_BUTTON_TITLE: Final = 20
MAX_LIST_ROWS: Final = 10
MAX_ROW_TITLE: Final = 24
MAX_ROW_DESCRIPTION: Final = 72


@dataclass(frozen=True)
class Choice:
    """One option offered with a reply.

    ``reply`` is what choosing it means, written as a user could type it ("1", "village"):
    a pressed button or a picked row is handed to the engine as that text, so buttons and typed
    answers can never disagree. ``title`` is the label shown; ``description`` a list row's
    second line.
    """

    reply: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Media:
    """A file sent beside a reply's text (a spoken estimate, an estimate card).

    The engine does no I/O, so it asks for a file with a *pending* item (no ``url``, see
    :data:`SPEECH_PENDING` and :data:`CARD_PENDING`); the pipeline makes the link before the
    reply leaves or is recorded.
    """

    url: str
    content_type: str

    @property
    def pending(self) -> bool:
        """Whether the file is still to be made (no link yet)."""
        return not self.url


#: The estimate of the turn, spoken (OGG/Opus), to be made by the channel layer.
SPEECH_PENDING: Final = Media("", "audio/ogg")
#: The estimate of the turn as a picture (PNG), to be made by the channel layer.
CARD_PENDING: Final = Media("", "image/png")


@dataclass(frozen=True)
class Reply:
    """One outgoing message, channel-neutral.

    ``text`` is complete on its own (the choices are written into it as a numbered menu) and is
    what plain-text channels send. Channels with native buttons or lists send ``lead`` (the
    text without the written-out menu) and ``choices`` instead: up to :data:`MAX_BUTTONS` as
    buttons, more (up to :data:`MAX_LIST_ROWS`) as a list opened by ``button``.
    """

    text: str
    choices: tuple[Choice, ...] = ()
    lead: str = ""
    button: str = ""
    media: Media | None = None

    @property
    def interactive(self) -> bool:
        """Whether native buttons or a list can carry this reply's choices."""
        return bool(self.choices) and len(self.choices) <= MAX_LIST_ROWS

    @property
    def as_list(self) -> bool:
        """Whether the choices need a list (more than fit on buttons)."""
        return len(self.choices) > MAX_BUTTONS

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (for idempotency records and the outbox)."""
        data: dict[str, Any] = {"text": self.text}
        if self.choices:
            data["choices"] = [[c.reply, c.title, c.description] for c in self.choices]
            data["lead"] = self.lead
            data["button"] = self.button
        if self.media is not None:
            data["media"] = [self.media.url, self.media.content_type]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reply:
        """The reply :meth:`to_dict` wrote."""
        media = data.get("media")
        return cls(
            text=str(data["text"]),
            choices=tuple(Choice(*map(str, row)) for row in data.get("choices", ())),
            lead=str(data.get("lead", "")),
            button=str(data.get("button", "")),
            media=Media(str(media[0]), str(media[1])) if media else None,
        )


def replies_to_json(replies: list[Reply] | tuple[Reply, ...]) -> str:
    """The replies as compact JSON text."""
    return json.dumps([r.to_dict() for r in replies], ensure_ascii=False, separators=(",", ":"))


def replies_from_json(text: str) -> list[Reply]:
    """The replies :func:`replies_to_json` wrote; ValueError for anything else."""
    data = json.loads(text)
    if not isinstance(data, list):
        raise ValueError("a recorded reply is a JSON list")
    return [Reply.from_dict(item) for item in data]


@dataclass(frozen=True)
class Turn:
    """The engine's answer to one message.

    ``session`` is the new session as JSON text, to be saved; ``delete`` asks the store to erase
    everything kept for this user (the user asked to delete their data), in which case
    ``session`` is None. ``messages`` may be empty: an opted-out user gets no answer.
    """

    session: str | None
    messages: list[Reply] = field(default_factory=list)
    delete: bool = False

    @property
    def replies(self) -> list[str]:
        """The messages' texts, as a plain-text channel sends them."""
        return [reply.text for reply in self.messages]
