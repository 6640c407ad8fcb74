"""Replies out as Graph API messages: native buttons and lists within WhatsApp's limits.

Real engine replies in Odia, Hindi and English are rendered and checked against the Cloud
API's documented rules (the same checks the Graph stand-in applies); a press of each button or
row, sent back through the webhook parser, reaches the engine as typing the option would.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from typing import Any

import pytest

from bot import messages as m
from bot.channels.meta import (
    MAX_INTERACTIVE_BODY,
    MAX_TEXT_BODY,
    outgoing_message,
    parse_webhook,
    render_reply,
)
from bot.conversation import Inbound, handle
from bot.i18n.catalogs import LANGUAGES, Translator
from bot.inbound import Choice, Media, Reply, Turn
from tests.support.graph_api import _limits_broken
from tests.support.meta_events import button_reply, encode, event, list_reply

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
WA_ID = "919437012345"
OPENING = {"or": "ନମସ୍କାର", "hi": "नमस्ते", "en": "hello"}
ESTIMATE = {"or": "ଘରୋଇ 250 ୟୁନିଟ", "hi": "घरेलू 250 यूनिट", "en": "domestic 250 units"}


def _send(session: str | None, body: str) -> Turn:
    return handle(session, Inbound("whatsapp", body), now=NOW)


def _offers(language: str, limit: int = 40) -> list[tuple[str | None, Reply]]:
    """Replies with choices met by pressing choices breadth-first from a greeting and from an
    estimate, each with the session it was offered in."""
    queue: deque[tuple[Turn, int]] = deque(
        [(_send(None, OPENING[language]), 0), (_send(None, ESTIMATE[language]), 0)]
    )
    seen: set[tuple[str, ...]] = set()
    found: list[tuple[str | None, Reply]] = []
    while queue and len(found) < limit:
        turn, depth = queue.popleft()
        for reply in turn.messages:
            if not reply.choices:
                continue
            key = tuple(c.reply + c.title for c in reply.choices)
            if key in seen:
                continue
            seen.add(key)
            found.append((turn.session, reply))
            if depth < 4:
                queue.extend((_send(turn.session, c.reply), depth + 1) for c in reply.choices)
        if not any(r.choices for r in turn.messages) and depth < 4 and turn.session:
            queue.append((_send(turn.session, "250"), depth + 1))
    return found


def _sendable(message: dict[str, Any]) -> None:
    problem = _limits_broken(outgoing_message(WA_ID, message))
    assert problem is None, (problem, message)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_offer_goes_out_as_native_buttons_or_a_list(language: str) -> None:
    offers = _offers(language)
    kinds = set()
    for _session, reply in offers:
        [message] = render_reply(reply)
        _sendable(message)
        assert message["type"] == "interactive", reply
        interactive = message["interactive"]
        kinds.add(interactive["type"])
        assert interactive["body"]["text"] == (reply.lead or reply.text).strip()
        if len(reply.choices) <= 3:
            assert interactive["type"] == "button"
            buttons = interactive["action"]["buttons"]
            assert [b["reply"]["id"] for b in buttons] == [c.reply for c in reply.choices]
            assert [b["reply"]["title"] for b in buttons] == [c.title for c in reply.choices]
        else:
            assert interactive["type"] == "list"
            assert interactive["action"]["button"] == reply.button
            [section] = interactive["action"]["sections"]
            assert [r["id"] for r in section["rows"]] == [c.reply for c in reply.choices]
            assert [r["title"] for r in section["rows"]] == [c.title for c in reply.choices]
    assert kinds == {"button", "list"}, "the walk meets both buttons and lists"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_press_reaches_the_engine_as_the_typed_option(language: str) -> None:
    refusals = [
        Translator.load(language).gettext(msg).split("{")[0].strip()  # type: ignore[arg-type]
        for msg in (m.NEED_CHOICE, m.NEED_FOLLOW_UP, m.NEED_LOAD, m.NEED_NUMBER, m.NEED_UNITS)
    ]
    for session, reply in _offers(language, limit=12):
        [message] = render_reply(reply)
        interactive = message["interactive"]
        if interactive["type"] == "button":
            ids = [b["reply"]["id"] for b in interactive["action"]["buttons"]]
            presses = [button_reply(WA_ID, i) for i in ids]
        else:
            ids = [r["id"] for r in interactive["action"]["sections"][0]["rows"]]
            presses = [list_reply(WA_ID, i) for i in ids]
        for press, choice in zip(presses, reply.choices, strict=True):
            [inbound] = parse_webhook(encode(event(press)))
            assert inbound.inbound.body == choice.reply
            said = "\n".join(_send(session, inbound.inbound.body).replies)
            assert not any(refusal in said for refusal in refusals), (choice, said)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_estimate_list_carries_the_village_offer(language: str) -> None:
    turn = _send(None, ESTIMATE[language])
    [message] = render_reply(turn.messages[-1])
    rows = message["interactive"]["action"]["sections"][0]["rows"]
    village = next(row for row in rows if row["id"] == "village")
    t = Translator.load(language)  # type: ignore[arg-type]
    assert village["title"] == t.gettext(m.CHOICE_VILLAGE)
    assert message["interactive"]["action"]["button"] == t.gettext(m.CHOICES_BUTTON)
    # The list's body is the estimate without its written menu, which the plain text keeps.
    reply = turn.messages[-1]
    assert message["interactive"]["body"]["text"] == reply.lead.strip()
    assert len(reply.lead) < len(reply.text)
    assert reply.text.startswith(reply.lead.rstrip())


def test_plain_text_goes_without_a_link_preview() -> None:
    [message] = render_reply(Reply("Pay ₹1,234.00 by 10 June."))
    assert message == {
        "type": "text",
        "text": {"preview_url": False, "body": "Pay ₹1,234.00 by 10 June."},
    }
    _sendable(message)


def _choices(count: int) -> tuple[Choice, ...]:
    return tuple(Choice(str(n), f"Option {n}", f"what {n} means") for n in range(1, count + 1))


def test_a_lead_too_long_for_interactive_falls_back_to_the_written_menu() -> None:
    lead = "ବିଲ " * (MAX_INTERACTIVE_BODY // 4 + 1)
    text = lead + "\n1 Option 1\n2 Option 2"
    reply = Reply(text, choices=_choices(2), lead=lead, button="Choose")
    [message] = render_reply(reply)
    assert message["type"] == "text"
    assert message["text"]["body"] == text.strip()
    _sendable(message)
    # At the limit itself the buttons are kept.
    fits = Reply(text, choices=_choices(2), lead="x" * MAX_INTERACTIVE_BODY)
    assert render_reply(fits)[0]["type"] == "interactive"


def test_more_choices_than_a_list_holds_go_as_text() -> None:
    reply = Reply("pick one", choices=_choices(11), lead="pick", button="Choose")
    assert render_reply(reply)[0]["type"] == "text"
    four = Reply("pick one", choices=_choices(4), lead="pick", button="Choose")
    assert render_reply(four)[0]["interactive"]["type"] == "list"


def test_choices_whatsapp_would_refuse_go_as_text() -> None:
    same_ids = (Choice("1", "One"), Choice("1", "Uno"))
    assert render_reply(Reply("t", same_ids, lead="l"))[0]["type"] == "text"
    same_titles = (Choice("1", "Same"), Choice("2", "Same"))
    assert render_reply(Reply("t", same_titles, lead="l"))[0]["type"] == "text"
    no_label = Reply("t", _choices(5), lead="l", button="")
    assert render_reply(no_label)[0]["type"] == "text"
    long_id = (Choice("x" * 300, "One"), Choice("2", "Two"))
    assert render_reply(Reply("t", long_id, lead="l"))[0]["type"] == "text"


def test_labels_beyond_the_limits_are_clipped_and_empty_descriptions_left_out() -> None:
    choices = (
        Choice("a", "A title far longer than twenty-four", "d" * 100),
        Choice("b", "B", ""),
        Choice("c", "C"),
        Choice("d", "D"),
    )
    [message] = render_reply(Reply("t", choices, lead="l", button="A label longer than twenty"))
    _sendable(message)
    rows = message["interactive"]["action"]["sections"][0]["rows"]
    assert rows[0]["title"].endswith("…")
    assert len(rows[0]["title"]) == 24
    assert len(rows[0]["description"]) == 72
    assert "description" not in rows[1]


def test_text_beyond_4096_characters_goes_as_several_messages_cut_at_lines() -> None:
    line = "ସ୍ଲାବ ୧: ୫୦ ୟୁନିଟ × ₹୩.୦୦ = ₹୧୫୦.୦୦"
    text = "\n".join(f"{n} {line}" for n in range(300))
    messages = render_reply(Reply(text))
    assert len(messages) >= 2
    bodies = [msg["text"]["body"] for msg in messages]
    assert all(len(body) <= MAX_TEXT_BODY for body in bodies)
    assert "\n".join(bodies) == text
    for message in messages:
        _sendable(message)


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [("audio/ogg", "audio"), ("image/png", "image"), ("application/pdf", "document")],
)
def test_media_goes_first_by_link_then_the_text(content_type: str, kind: str) -> None:
    url = "https://bijuli.example.in/media/tok123"
    reply = Reply("Your estimate", media=Media(url, content_type))
    media, words = render_reply(reply)
    assert media == {"type": kind, kind: {"link": url}}
    assert words["text"]["body"] == "Your estimate"
    _sendable(media)
    media_only = render_reply(Reply("", media=Media(url, content_type)))
    assert media_only == [media]


def test_the_request_names_the_product_and_the_recipients_digits() -> None:
    body = outgoing_message("+91 94370 12345", render_reply(Reply("hi"))[0])
    assert body["messaging_product"] == "whatsapp"
    assert body["recipient_type"] == "individual"
    assert body["to"] == "919437012345"
    assert body["type"] == "text"
