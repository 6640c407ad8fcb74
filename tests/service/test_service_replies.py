"""Channel-neutral replies: their record survives a round trip, old TwiML records still answer
a retry, and TwiML carries a reply's text and media."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from bot.channels.twilio import render_twiml
from bot.inbound import Choice, Media, Reply, replies_from_json, replies_to_json
from bot.pipeline import recorded_replies


def test_replies_round_trip_through_their_record() -> None:
    replies = [
        Reply("ନମସ୍କାର"),
        Reply(
            "Which?\n1. a\n2. b",
            (Choice("1", "a"), Choice("2", "b", "the second")),
            lead="Which?",
            button="Choose",
            media=Media("https://example.org/m/x.ogg", "audio/ogg"),
        ),
    ]
    assert replies_from_json(replies_to_json(replies)) == replies
    assert recorded_replies(replies_to_json(replies)) == replies


def test_a_twiml_record_from_before_is_read_as_its_messages() -> None:
    old = render_twiml(["ଘରୋଇ <b> & 'you'", "second"])
    assert [r.text for r in recorded_replies(old)] == ["ଘରୋଇ <b> & 'you'", "second"]


def test_twiml_sends_the_text_and_the_media_never_the_choices() -> None:
    reply = Reply(
        "Reply:\n1. details",
        (Choice("1", "details"),),
        lead="Reply:",
        media=Media("https://example.org/m/card.png", "image/png"),
    )
    root = ET.fromstring(render_twiml([reply]))
    (message,) = root.findall("Message")
    assert message.findtext("Body") == "Reply:\n1. details"
    assert message.findtext("Media") == "https://example.org/m/card.png"
