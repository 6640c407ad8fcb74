"""The web chat's history: what was sent and both channels' replies, kept in the session store.

One browser's history is one JSON record under its own hashed key
(``user_key("web:history:<chat id>", secret)``), saved through the same store as the
conversations, so it expires with them (BIJULI_SESSION_TTL_HOURS after the last message) and
lives on SQLite or Redis alike. It holds at most :data:`MAX_TURNS` turns, the oldest dropped
first. A turn is identified by its form's nonce: recording a nonce again replaces that turn in
place, so a resubmitted form never shows twice.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, Final

from bot.inbound import Reply
from bot.stores import SessionStore, user_key

__all__ = ["MAX_TURNS", "ChatHistory", "ChatTurn", "history_address"]

#: Turns kept per browser: a long demo fits, and a record stays well under a megabyte.
MAX_TURNS: Final = 50

_log = logging.getLogger(__name__)


def history_address(chat_id: str) -> str:
    """The address whose keyed hash stores a browser's history."""
    return f"web:history:{chat_id}"


@dataclass(frozen=True)
class ChatTurn:
    """One message of the chat and what each channel answered."""

    nonce: str
    said: str
    whatsapp: tuple[Reply, ...]
    sms: tuple[Reply, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "nonce": self.nonce,
            "said": self.said,
            "whatsapp": [reply.to_dict() for reply in self.whatsapp],
            "sms": [reply.to_dict() for reply in self.sms],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChatTurn:
        """The turn :meth:`to_dict` wrote."""
        return cls(
            nonce=str(data["nonce"]),
            said=str(data["said"]),
            whatsapp=tuple(Reply.from_dict(item) for item in data["whatsapp"]),
            sms=tuple(Reply.from_dict(item) for item in data["sms"]),
        )


def _decode(text: str | None) -> list[ChatTurn]:
    """The turns of a saved record; an unreadable record (another version's) reads as empty."""
    if not text:
        return []
    try:
        data = json.loads(text)
        return [ChatTurn.from_dict(item) for item in data["turns"]]
    except (ValueError, KeyError, TypeError, IndexError):
        _log.warning("web chat: a history record could not be read; it starts afresh")
        return []


def _encode(turns: list[ChatTurn]) -> str:
    return json.dumps(
        {"turns": [turn.to_dict() for turn in turns]}, ensure_ascii=False, separators=(",", ":")
    )


@dataclass(frozen=True)
class ChatHistory:
    """The histories of every browser, in ``store`` under keys hashed with ``secret``."""

    store: SessionStore
    secret: bytes

    def _key(self, chat_id: str) -> str:
        return user_key(history_address(chat_id), self.secret)

    def load(self, chat_id: str) -> list[ChatTurn]:
        """The browser's turns, oldest first (empty when none or expired)."""
        with self.store.open(self._key(chat_id)) as slot:
            return _decode(slot.data)

    def record(self, chat_id: str, turn: ChatTurn) -> list[ChatTurn]:
        """Add ``turn`` (or replace the turn with its nonce) and return the turns kept."""
        with self.store.open(self._key(chat_id)) as slot:
            turns = _decode(slot.data)
            same = [i for i, kept in enumerate(turns) if kept.nonce == turn.nonce]
            if same:
                turns[same[0]] = turn
            else:
                turns.append(turn)
            turns = turns[-MAX_TURNS:]
            slot.save(_encode(turns))
        return turns

    def erase(self, chat_id: str) -> None:
        """Forget the browser's history."""
        with self.store.open(self._key(chat_id)) as slot:
            slot.delete()
