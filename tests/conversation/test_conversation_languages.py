"""Every state and every global command, in Odia, Hindi and English: the reply comes in the
user's language, and a bad answer leaves the session exactly as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from conversation_chat import Chat

from bot.conversation import State
from bot.understanding import detect_language

GREETING = {"or": "ନମସ୍କାର", "hi": "नमस्ते", "en": "hello"}

#: Messages (digits only, so the same in every language) that lead to each state.
PATHS: dict[State, list[str]] = {
    State.CATEGORY: [],
    State.CATEGORY_GROUP: ["6"],
    State.CATEGORY_LIST: ["6", "1"],
    State.CATEGORY_PICK: ["industry"],
    State.DEMAND: ["1"],
    State.UNITS: ["1", "2"],
    State.RURAL: ["1", "2", "250"],
    State.SMART_METER: ["1", "2", "250", "2"],
    State.EBILL: ["1", "2", "250", "2", "2"],
    State.MAX_DEMAND: ["6", "2", "10", "1000"],
    State.KWH: ["6", "2", "10", "1000", "900", "500000"],
    State.TOD_SPLIT: ["1", "12", "400", "2", "1"],
    State.ESTIMATE: ["1", "2", "250", "2", "2", "2"],
    State.EXPLAIN: ["1", "2", "250", "2", "2", "2", "3"],
    State.LANGUAGE: ["1"],  # then the language command
}
#: The yes/no words differ by language; digits "1"/"2" are not yes/no, so map them.
YES_NO = {"or": ("ହଁ", "ନା"), "hi": ("हाँ", "नहीं"), "en": ("yes", "no")}
LANGUAGE_WORD = {"or": "ଭାଷା", "hi": "भाषा", "en": "language"}


def _chat_in(lang: str, state: State) -> Chat:
    chat = Chat(month=dt.date(2026, 11, 1))
    chat.send(GREETING[lang])
    yes, no = YES_NO[lang]
    for step in PATHS[state]:
        current = chat.state.state
        if current in (State.RURAL, State.SMART_METER, State.EBILL):
            step = yes if step == "1" else no
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
    assert detect_language(reply) == lang


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
    assert detect_language(reply) == lang
    if command == "stop":
        assert chat.state.opted_out
        assert chat.send("hello") == ""
    elif command == "delete":
        assert chat.deleted
        assert chat.session is None
    else:
        assert chat.state.state is EXPECTED_STATE[command]


LANGUAGE_NAME = {"or": "ଓଡ଼ିଆ", "hi": "हिंदी"}


@pytest.mark.parametrize(
    ("lang", "latin"),
    [("or", "gharoi 250"), ("hi", "gharelu 250"), ("or", "ghoroi 180 unit 2 kw")],
)
def test_latin_script_quick_requests_answer_in_english_unless_a_language_was_chosen(
    lang: str, latin: str
) -> None:
    # The rule: reply in the language of the message's script (English for Latin
    # script) unless the user chose another language.
    detected = Chat(month=dt.date(2026, 11, 1))
    detected.send(GREETING[lang])
    detected.send(latin)
    assert detected.state.state is State.ESTIMATE
    assert detected.state.answers.category == "1.b"
    assert detect_language(detected.replies[-1]) == "en"
    chosen = Chat(month=dt.date(2026, 11, 1))
    chosen.send(LANGUAGE_NAME[lang])
    chosen.send(latin)
    assert chosen.state.answers.category == "1.b"
    assert detect_language(chosen.replies[-1]) == lang
