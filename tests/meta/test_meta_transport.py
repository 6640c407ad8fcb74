"""MetaTransport against a local stand-in speaking the Graph API's documented shapes."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.channels.meta_transport import MetaTransport, meta_transport
from bot.config import Settings
from bot.inbound import Choice, Media, Reply
from bot.outbox.base import Envelope
from tests.support.dead_ends import DEAD_ENDS, DeadEnd
from tests.support.graph_api import (
    ACCESS_TOKEN,
    PHONE_NUMBER_ID,
    Failure,
    GraphStandIn,
    graph_error,
    running_graph_api,
)

WA_ID = "919437012345"
SECRET_TEXT = "ମୋ ବିଲ ₹1,234.00"


@pytest.fixture
def graph() -> Iterator[GraphStandIn]:
    with running_graph_api() as stand_in:
        yield stand_in


@pytest.fixture
def transport(graph: GraphStandIn) -> Iterator[MetaTransport]:
    sender = MetaTransport(graph.graph_url, PHONE_NUMBER_ID, ACCESS_TOKEN)
    yield sender
    sender.close()


def _envelope(*replies: Reply, key: str = "meta:wamid.A1", sender: str = "") -> Envelope:
    return Envelope(
        key=key, user="u" * 64, transport="meta", address=WA_ID, replies=replies, sender=sender
    )


def test_a_text_reply_is_accepted_with_the_graph_message_id(
    graph: GraphStandIn, transport: MetaTransport
) -> None:
    result = transport.send(_envelope(Reply(SECRET_TEXT)), 0)
    assert result.ok
    assert not result.retry
    assert result.provider_id.startswith("wamid.")
    [request] = graph.requests
    assert request.path == f"/v21.0/{PHONE_NUMBER_ID}/messages"
    assert request.authorization == f"Bearer {ACCESS_TOKEN}"
    assert request.body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": WA_ID,
        "type": "text",
        "text": {"preview_url": False, "body": SECRET_TEXT},
    }


def test_buttons_and_lists_go_as_interactive_messages(
    graph: GraphStandIn, transport: MetaTransport
) -> None:
    buttons = Reply("Load?\n1 Yes\n2 No", (Choice("1", "Yes"), Choice("2", "No")), lead="Load?")
    rows = tuple(Choice(str(n), f"Category {n}", "LT") for n in range(1, 8))
    listed = Reply("Which?\n1…7", rows, lead="Which?", button="Choose")
    envelope = _envelope(buttons, listed)
    assert transport.send(envelope, 0).ok
    assert transport.send(envelope, 1).ok
    kinds = [r.body["interactive"]["type"] for r in graph.requests]
    assert kinds == ["button", "list"]
    assert all(r.status == 200 for r in graph.requests)


def test_an_envelope_names_the_business_number_it_goes_from(
    graph: GraphStandIn, transport: MetaTransport
) -> None:
    assert transport.send(_envelope(Reply("hi"), sender="200000000000001"), 0).ok
    assert graph.requests[0].path == "/v21.0/200000000000001/messages"


def test_429_is_retried_after_what_retry_after_says(
    graph: GraphStandIn, transport: MetaTransport
) -> None:
    throttled = graph_error(130429, "(#130429) Rate limit hit")
    graph.fail_next(Failure(429, throttled, {"Retry-After": "7"}))
    result = transport.send(_envelope(Reply(SECRET_TEXT)), 0)
    assert not result.ok
    assert result.retry
    assert result.retry_after == 7.0
    assert "130429" in result.error
    assert SECRET_TEXT not in result.error
    again = transport.send(_envelope(Reply(SECRET_TEXT)), 0)
    assert again.ok
    assert len(graph.accepted) == 1


def test_retry_after_given_as_an_http_date(graph: GraphStandIn, transport: MetaTransport) -> None:
    later = email.utils.formatdate(time.time() + 120, usegmt=True)
    graph.fail_next(
        Failure(
            429, graph_error(4, "(#4) Application request limit reached"), {"Retry-After": later}
        )
    )
    result = transport.send(_envelope(Reply("hi")), 0)
    assert result.retry
    assert result.retry_after is not None
    assert 60 < result.retry_after <= 121


def test_a_server_error_is_retried(graph: GraphStandIn, transport: MetaTransport) -> None:
    graph.fail_next(
        Failure(500, graph_error(131000, "Something went wrong", "GraphMethodException"))
    )
    result = transport.send(_envelope(Reply("hi")), 0)
    assert not result.ok
    assert result.retry
    assert result.retry_after is None
    assert "HTTP 500" in result.error


def test_a_refused_message_is_not_retried_and_the_error_is_graphs_not_our_text(
    graph: GraphStandIn, transport: MetaTransport
) -> None:
    outside = graph_error(131047, "(#131047) Re-engagement message", "OAuthException")
    graph.fail_next(Failure(400, outside))
    result = transport.send(_envelope(Reply(SECRET_TEXT)), 0)
    assert not result.ok
    assert not result.retry
    assert "131047" in result.error
    assert "Re-engagement message" in result.error
    assert SECRET_TEXT not in result.error
    assert "1,234" not in result.error


def test_throttling_codes_are_retried_even_under_400(
    graph: GraphStandIn, transport: MetaTransport
) -> None:
    pair_rate = graph_error(
        131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit"
    )
    graph.fail_next(Failure(400, pair_rate))
    result = transport.send(_envelope(Reply("hi")), 0)
    assert result.retry


def test_a_wrong_token_is_refused_without_retry(graph: GraphStandIn) -> None:
    wrong = MetaTransport(graph.graph_url, PHONE_NUMBER_ID, "not-the-token")
    try:
        result = wrong.send(_envelope(Reply("hi")), 0)
    finally:
        wrong.close()
    assert not result.ok
    assert not result.retry
    assert "HTTP 401" in result.error
    assert "code 190" in result.error
    assert graph.accepted == []


def test_an_invalid_message_is_refused_by_the_stand_in_as_meta_would(
    graph: GraphStandIn, transport: MetaTransport
) -> None:
    # Media by a link that is not a URL breaks the documented shape.
    result = transport.send(_envelope(Reply("", media=Media("not-a-url", "image/png"))), 0)
    assert not result.ok
    assert not result.retry
    assert "code 100" in result.error


@pytest.mark.parametrize(("dead_end", "error"), DEAD_ENDS)
def test_a_graph_api_unreachable_or_not_answering_in_time_is_retried(
    dead_end: DeadEnd, error: str
) -> None:
    with dead_end() as port:
        sender = MetaTransport(
            f"http://127.0.0.1:{port}/v21.0", PHONE_NUMBER_ID, ACCESS_TOKEN, timeout=0.3
        )
        try:
            result = sender.send(_envelope(Reply("hi")), 0)
        finally:
            sender.close()
    assert not result.ok
    assert result.retry
    assert error in result.error


def test_a_retry_after_a_partial_send_sends_only_what_is_missing(
    graph: GraphStandIn, transport: MetaTransport
) -> None:
    reply = Reply("Your estimate", media=Media("https://bijuli.example.in/media/t1", "audio/ogg"))
    graph.fail_next(None)  # the voice note is accepted…
    graph.fail_next(
        Failure(503, graph_error(2, "Service temporarily unavailable"))
    )  # …not the text
    first = transport.send(_envelope(reply), 0)
    assert first.retry
    second = transport.send(_envelope(reply), 0)
    assert second.ok
    assert [body["type"] for body in graph.accepted] == ["audio", "text"]


def test_the_settings_make_a_transport_only_when_it_can_send(tmp_path: Path) -> None:
    base = {"state_dir": tmp_path, "hash_key": "k" * 32}
    assert meta_transport(Settings(**base)) is None
    assert meta_transport(Settings(**base, meta_access_token="t")) is None
    made = meta_transport(
        Settings(**base, meta_access_token="t", meta_phone_number_id=PHONE_NUMBER_ID)
    )
    assert isinstance(made, MetaTransport)
    assert made.name == "meta"
    made.close()
