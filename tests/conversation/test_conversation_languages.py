"""Every state and every global command, in Odia, Hindi and English: the reply comes in the
user's language, and a bad answer leaves the session exactly as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from conversation_chat import Chat, script_of

from bot.conversation import State

GREETING = {"or": "ନମସ୍କାର", "hi": "नमस्ते", "en": "hello"}

#: Messages (digits only, so the same in every language) that lead to each state.
PATHS: dict[State, list[str]] = {
    State.CATEGORY: [],
    State.CATEGORY_GROUP: ["6"],
    State.CATEGORY_LIST: ["6", "1"],
    State.CATEGORY_PICK: ["industry"],
    State.DEMAND: ["1"],
    State.UNITS: ["1", "2"],
    State.CONFIRM_UNITS: ["1", "2", "250 units or 300 units"],
    State.MAX_DEMAND: ["6", "2", "10", "1000"],
    State.KWH: ["6", "2", "10", "1000", "900", "500000"],
    State.TOD_SPLIT: ["6", "2", "10", "1000", "900", "500000", "480000"],
    State.ESTIMATE: ["1", "2", "250"],
    State.EXPLAIN: ["1", "2", "250", "4"],
    State.LANGUAGE: ["1"],  # then the language command
}
LANGUAGE_WORD = {"or": "ଭାଷା", "hi": "भाषा", "en": "language"}


def _chat_in(lang: str, state: State) -> Chat:
    chat = Chat(month=dt.date(2026, 11, 1))
    chat.send(GREETING[lang])
    for step in PATHS[state]:
        chat.send(step)
    if state is State.LANGUAGE:
        chat.send(LANGUAGE_WORD[lang])
    assert chat.state.state is state, f"path to {state} ended at {chat.state.state}"
    return chat


@pytest.mark.parametrize("lang", ["or", "hi", "en"])
@pytest.mark.parametrize("state", list(PATHS))
def test_a_bad_answer_in_any_state_is_answered_in_the_users_language(
    lang: str, state: State
) -> None:
    chat = _chat_in(lang, state)
    before = chat.session
    reply = chat.send("xyz qq")
    assert chat.session == before
    assert reply
    assert script_of(reply) == lang


COMMANDS = {
    "menu": {"or": "ମେନୁ", "hi": "मेनू", "en": "menu"},
    "back": {"or": "ପଛକୁ", "hi": "पीछे", "en": "back"},
    "help": {"or": "ସାହାଯ୍ୟ", "hi": "मदद", "en": "help"},
    "language": LANGUAGE_WORD,
    "stop": {"or": "ବନ୍ଦ", "hi": "बंद", "en": "stop"},
    "delete": {"or": "ମୋ ତଥ୍ୟ ହଟାଅ", "hi": "मेरा डेटा हटाओ", "en": "delete my data"},
}
EXPECTED_STATE = {
    "menu": State.CATEGORY,
    "back": State.DEMAND,
    "help": State.UNITS,
    "language": State.LANGUAGE,
}


@pytest.mark.parametrize("lang", ["or", "hi", "en"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_in_every_language(lang: str, command: str) -> None:
    chat = _chat_in(lang, State.UNITS)
    reply = chat.send(COMMANDS[command][lang])
    assert reply
    assert script_of(reply) == lang
    if command == "stop":
        assert chat.state.opted_out
        assert chat.send("hello") == ""
    elif command == "delete":
        assert chat.deleted
        assert chat.session is None
    else:
        assert chat.state.state is EXPECTED_STATE[command]


LANGUAGE_NAME = {"or": "ଓଡ଼ିଆ", "hi": "हिंदी"}
LATIN_OFFER_WORD = "English"


@pytest.mark.parametrize(
    ("lang", "latin"),
    [
        ("or", "gharoi 250"),
        ("hi", "gharelu 250"),
        ("or", "mora ghara bijuli bill kete heba"),
        ("hi", "bijli ka bill kitna hoga"),
    ],
)
def test_latin_script_odia_and_hindi_are_answered_in_their_own_script(
    lang: str, latin: str
) -> None:
    detected = Chat(month=dt.date(2026, 11, 1))
    reply = detected.send(latin)
    assert detected.state.language == lang
    assert script_of(reply) == lang
    assert LATIN_OFFER_WORD in reply  # one short line offers English
    assert detected.send("english")
    assert detected.state.language == "en"


@pytest.mark.parametrize("first", ["250", "🙏", "୨୫୦", "👍"])
def test_a_first_message_without_words_fixes_no_language(first: str) -> None:
    chat = Chat(month=dt.date(2026, 11, 1))
    reply = chat.send(first)
    assert chat.state.language == "or"
    assert not chat.state.language_settled
    assert "English" in reply
    assert "हिंदी" in reply
    reply = chat.send("domestic")
    assert chat.state.language == "en"
    assert script_of(reply) == "en"


def test_a_chosen_language_wins_over_the_script_of_later_messages() -> None:
    chosen = Chat(month=dt.date(2026, 11, 1))
    chosen.send("हिंदी")
    chosen.send("ghoroi 180 unit 2 kw")
    assert chosen.state.answers.category == "1.b"
    assert chosen.state.state is State.ESTIMATE
    assert script_of(chosen.replies[-1]) == "hi"
