"""What the conversation engine receives and returns, independent of any channel."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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


@dataclass(frozen=True)
class Turn:
    """The engine's answer to one message.

    ``session`` is the new session as JSON text, to be saved; ``delete`` asks the store to erase
    everything kept for this user (the user asked to delete their data), in which case
    ``session`` is None. ``replies`` may be empty: an opted-out user gets no answer.
    """

    session: str | None
    replies: list[str] = field(default_factory=list)
    delete: bool = False
