"""The guided conversation: a declared table of states, and a pure engine over it."""

from bot.conversation.inbound import CHANNELS, Channel, Inbound, Turn

__all__ = ["CHANNELS", "Channel", "Inbound", "Turn"]
