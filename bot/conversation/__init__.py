"""The guided conversation: a declared table of states, and a pure engine over it.

``handle(session_json, inbound, now=...)`` answers one message; see :mod:`.engine`.
"""

from bot.conversation.engine import current_estimate, handle
from bot.conversation.session import Answers, Session, State
from bot.inbound import CHANNELS, Channel, Inbound, Turn

__all__ = [
    "CHANNELS",
    "Answers",
    "Channel",
    "Inbound",
    "Session",
    "State",
    "Turn",
    "current_estimate",
    "handle",
]
