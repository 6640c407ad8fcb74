"""Whatever arrives, in whatever state: the engine answers, never raises, and leaves a session
that loads (Hypothesis over arbitrary text, digits and the words people type)."""

from __future__ import annotations

import datetime as dt

from conversation_chat import NOW, Chat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.conversation import Inbound, Session, State, handle

#: Messages that lead to a spread of states (see test_conversation_languages for more).
PATHS = [
    [],
    ["6", "2"],
    ["1"],
    ["1", "2"],
    ["1", "2", "250"],
    ["6", "2", "10", "1000", "900", "500000"],
    ["1", "12", "400", "no", "yes"],
    ["domestic 250"],
    ["domestic 250", "3"],
]
WORDS = st.sampled_from(
    [
        "1",
        "0",
        "9",
        "-5",
        "2.5 kw",
        "250 units",
        "₹1200",
        "12450 12710",
        "99950 30",
        "yes",
        "no",
        "ହଁ",
        "नहीं",
        "skip",
        "back",
        "menu",
        "help",
        "language",
        "odia",
        "हिंदी",
        "STOP",
        "START",
        "delete my data",
        "domestic 250",
        "ଘରୋଇ ୨୫୦",
        "gharelu 180 unit 2 kw",
        "😀",
        "industry",
        "kutir jyoti 45",
        "1,23,456",
        "१२३",
        "",
        "   ",
        "a" * 2000,
    ]
)
MESSAGES = st.one_of(
    WORDS, st.text(max_size=80), st.lists(WORDS, min_size=2, max_size=3).map(" ".join)
)

_SESSIONS: dict[int, str | None] = {}


def _session_after(index: int) -> str | None:
    if index not in _SESSIONS:
        chat = Chat(month=dt.date(2026, 11, 1))
        chat.send("hello")
        for message in PATHS[index]:
            chat.send(message)
        _SESSIONS[index] = chat.session
    return _SESSIONS[index]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.integers(0, len(PATHS) - 1),
    messages=st.lists(MESSAGES, min_size=1, max_size=3),
    channel=st.sampled_from(["whatsapp", "sms"]),
    media=st.integers(0, 1),
)
def test_any_message_in_any_state_is_answered(
    path: int, messages: list[str], channel: str, media: int
) -> None:
    session = _session_after(path)
    for body in messages:
        before = Session.from_json(session)
        turn = handle(
            session,
            Inbound(channel, body, media_count=media),  # type: ignore[arg-type]
            now=NOW,
            month=dt.date(2026, 11, 1),
        )
        if turn.delete:
            assert turn.session is None
            assert turn.replies
            return
        assert turn.session is not None
        after = Session.from_json(turn.session)
        assert after is not None, "the engine left a session that does not load"
        if not after.opted_out or (before is not None and not before.opted_out):
            assert turn.replies, f"no reply to {body!r} in {after.state}"
        assert all(isinstance(reply, str) and reply for reply in turn.replies)
        assert all("Traceback" not in reply for reply in turn.replies)
        assert after.state in State
        session = turn.session
