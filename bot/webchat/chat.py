"""The web chat as a channel: one browser's message through the pipeline as WhatsApp and SMS.

Each message is one turn of two conversations, ``web:wa:<chat id>`` (channel ``whatsapp``) and
``web:sms:<chat id>`` (channel ``sms``), through :meth:`bot.pipeline.Pipeline.turn` like any
other channel's: the same store, lock, idempotency and engine. The message id of each turn is
made from the form's nonce (:meth:`ChatKeys.message_id`), so a resubmitted form is answered
from the pipeline's record, and its history entry replaced, rather than run twice. When the
engine deletes ("delete my data"), both conversations and the history are erased.

Blocking (the stores block): the routes call it in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from bot.inbound import CHANNELS, Channel, Inbound
from bot.pipeline import Pipeline, TurnResult
from bot.webchat.history import ChatHistory, ChatTurn
from bot.webchat.security import ChatKeys

__all__ = ["ADDRESS_PREFIXES", "Sent", "WebChat"]

#: How each channel's conversation of a browser is addressed (then hashed, as numbers are).
ADDRESS_PREFIXES: Final[dict[Channel, str]] = {"whatsapp": "web:wa:", "sms": "web:sms:"}


@dataclass(frozen=True)
class Sent:
    """What one message did: the turns kept afterwards, or the deletion of everything."""

    turns: list[ChatTurn]
    deleted: bool = False


@dataclass(frozen=True)
class WebChat:
    """The browser chat's conversations and history."""

    pipeline: Pipeline
    history: ChatHistory
    keys: ChatKeys

    @staticmethod
    def address(chat_id: str, channel: Channel) -> str:
        """The address of a browser's conversation on ``channel``."""
        return ADDRESS_PREFIXES[channel] + chat_id

    def turns(self, chat_id: str) -> list[ChatTurn]:
        """The browser's history, oldest first."""
        return self.history.load(chat_id)

    def send(self, chat_id: str, nonce: str, text: str) -> Sent:
        """Run ``text`` through both conversations and keep it in the history.

        Raises :class:`bot.pipeline.StoreUnavailableError` when the store fails.
        """
        results: dict[Channel, TurnResult] = {}
        for channel in CHANNELS:
            inbound = Inbound(
                channel=channel,
                body=text,
                message_id=self.keys.message_id(chat_id, nonce, channel),
            )
            results[channel] = self.pipeline.turn(self.address(chat_id, channel), inbound)
        if any(result.outcome == "deleted" for result in results.values()):
            # The engine erased the conversation it ran; "delete my data" means the browser's
            # every conversation and its history, so the other one goes too.
            self.forget(chat_id)
            return Sent(turns=[], deleted=True)
        turn = ChatTurn(
            nonce=nonce,
            said=text,
            whatsapp=tuple(results["whatsapp"].replies),
            sms=tuple(results["sms"].replies),
        )
        return Sent(turns=self.history.record(chat_id, turn))

    def forget(self, chat_id: str) -> None:
        """Erase both conversations and the history of a browser ("start again", deletion)."""
        for channel in CHANNELS:
            key = self.pipeline.key_of(self.address(chat_id, channel))
            with self.pipeline.store.open(key) as slot:
                slot.delete()
        self.history.erase(chat_id)
