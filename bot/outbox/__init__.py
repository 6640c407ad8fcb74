"""The outbox: durable, ordered, retried delivery of replies sent by a provider's API."""

from bot.outbox.base import (
    Claim,
    DeadLetter,
    Envelope,
    Outbox,
    OutboxError,
    SendResult,
    Transport,
    Transports,
)

__all__ = [
    "Claim",
    "DeadLetter",
    "Envelope",
    "Outbox",
    "OutboxError",
    "SendResult",
    "Transport",
    "Transports",
]
