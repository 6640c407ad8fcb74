"""Retries, concurrent messages of one user, and inputs that must never break a turn."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import httpx
import pytest
from e2e_support import Server, form, messages, new_user, running_server

from bot import messages as m
from bot.i18n import Translator
from bot.i18n.messages import TRY_AGAIN_LATER

EN = Translator.load("en")
CONCURRENT = 12


def turns(server: Server, sender: str) -> int:
    data = server.session(sender)
    assert data is not None
    return int(json.loads(data)["turns"])


def test_a_replayed_message_sid_gets_the_same_reply_and_does_not_advance(
    server: Server, client: httpx.Client
) -> None:
    sender = new_user()
    server.say(client, sender, "hi")
    pick = form(sender, "1")
    first = server.post(client, pick)
    after = server.session(sender)
    replay = server.post(client, pick)
    assert replay.status_code == 200
    assert replay.text == first.text
    assert server.session(sender) == after
    # Had the replay been handled, "1" would have answered the load question.
    assert json.loads(after or "{}")["state"] == "demand"


def test_concurrent_messages_of_one_user_are_handled_one_at_a_time(
    server: Server, client: httpx.Client
) -> None:
    sender = new_user()
    server.say(client, sender, "hi")
    start = turns(server, sender)
    # "help" and "menu" each advance the session's turn counter by exactly one. Two turns
    # that interleaved (both reading the same stored session) would lose an increment, so
    # the final count proves every turn saw its predecessor's session.
    bodies = ["help" if i % 2 else "menu" for i in range(CONCURRENT)]
    fields = [form(sender, body) for body in bodies]
    barrier = threading.Barrier(CONCURRENT)
    responses: list[httpx.Response | BaseException] = [ValueError("not sent")] * CONCURRENT

    def send(index: int) -> None:
        barrier.wait()
        try:
            responses[index] = server.post(client, fields[index])
        except BaseException as exc:  # reported by the assertions below
            responses[index] = exc

    threads = [threading.Thread(target=send, args=(i,)) for i in range(CONCURRENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for body, response in zip(bodies, responses, strict=True):
        assert isinstance(response, httpx.Response), response
        assert response.status_code == 200
        reply = "\n".join(messages(response.text))
        assert EN.gettext(m.ASK_CATEGORY) in reply
        if body == "help":
            assert EN.format(m.HELP, example=EN.gettext(m.QUICK_EXAMPLE)) in reply
    assert turns(server, sender) == start + CONCURRENT
    # Every one of them was recorded: replaying any changes nothing.
    final = server.session(sender)
    for original, response in zip(fields[:3], responses[:3], strict=True):
        assert isinstance(response, httpx.Response)
        assert server.post(client, original).text == response.text
    assert server.session(sender) == final


_MEDIA = {
    "NumMedia": "1",
    "MediaUrl0": "https://api.twilio.com/media/x.jpg",
    "MediaContentType0": "image/jpeg",
}


@pytest.mark.parametrize(
    ("body", "extra", "expected", "still_asking"),
    [
        ("", {}, None, True),
        ("😀🙏⚡", {}, None, True),
        ("ଘର " * 1700, {}, m.TOO_LONG, True),
        ("", _MEDIA, m.MEDIA_NOT_READ, True),
        ("-5", {}, m.NOT_NEGATIVE, True),
        ("99999999999", {}, None, True),
        ("domestic -250", {}, None, False),
        ("domestic 99999999999", {}, None, False),
        ("\x00\x01<Response>&amp;</Response>", {}, None, True),
    ],
    ids=[
        "empty",
        "emoji",
        "5000-char paste",
        "media only",
        "negative units",
        "absurd units",
        "quick negative",
        "quick absurd",
        "control chars and xml",
    ],
)
def test_bad_input_is_answered_with_twiml_and_never_a_stack_trace(
    server: Server,
    client: httpx.Client,
    body: str,
    extra: dict[str, str],
    expected: str | None,
    still_asking: bool,
) -> None:
    sender = new_user()
    server.say(client, sender, "hi")
    server.say(client, sender, "1")
    server.say(client, sender, "1")  # now at the units question
    replies = server.say(client, sender, body, **extra)
    assert replies, "every message gets an answer"
    whole = "\n".join(replies)
    for leak in ("Traceback", "Error", "Exception", "sqlite", 'File "'):
        assert leak not in whole
    assert EN.gettext(TRY_AGAIN_LATER) not in whole
    if expected is not None:
        assert EN.gettext(expected) in whole
    if still_asking:  # refused: the units question is asked again, the state kept
        assert EN.format(m.ASK_UNITS, unit="units") in whole
        assert json.loads(server.session(sender) or "{}")["state"] == "units"


def _burst(servers: tuple[Server, Server], client: httpx.Client, sender: str) -> list[object]:
    """CONCURRENT messages of ``sender`` sent at once, alternately to each server; their
    statuses (or what went wrong)."""
    bodies = ["help" if i % 2 else "menu" for i in range(CONCURRENT)]
    fields = [form(sender, body) for body in bodies]
    barrier = threading.Barrier(CONCURRENT)
    statuses: list[object] = [None] * CONCURRENT

    def send(index: int) -> None:
        barrier.wait()
        try:
            statuses[index] = servers[index % 2].post(client, fields[index]).status_code
        except BaseException as exc:  # reported by the caller's assertion
            statuses[index] = exc

    threads = [threading.Thread(target=send, args=(i,)) for i in range(CONCURRENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_one_users_messages_to_two_processes_on_one_sqlite_file_are_one_at_a_time(
    tmp_path: Path,
) -> None:
    # Each process answers most turns on its event loop, reading without a lock and committing
    # only if nothing changed meanwhile; a clash sends the turn to a thread that waits for the
    # lock. Whichever way each turn went, none may be lost to another process's.
    shared = str(tmp_path / "shared-state")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        running_server("sqlite A", tmp_path / "a", BIJULI_STATE_DIR=shared) as first,
        running_server("sqlite B", tmp_path / "b", BIJULI_STATE_DIR=shared) as second,
        httpx.Client(timeout=20.0) as client,
    ):
        sender = new_user()
        first.say(client, sender, "hi")
        start = turns(first, sender)
        for _round in range(3):
            assert _burst((first, second), client, sender) == [200] * CONCURRENT
        assert turns(second, sender) == start + 3 * CONCURRENT
