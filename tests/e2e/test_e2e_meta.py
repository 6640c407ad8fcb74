"""Meta's WhatsApp Cloud API end to end: signed events over real HTTP to a `bijuli serve`
process whose outbox sends through a local stand-in of the Graph API.

The server runs with META_GRAPH_URL pointing at the stand-in (tests/support/graph_api.py),
which checks the bearer token and WhatsApp's documented message shapes and limits, and
records what it accepted. Every wait below is for the stand-in to have accepted a message;
per-user order in the outbox means that once a later reply of a user arrived, any duplicate
of an earlier one would have arrived before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from e2e_support import Server, running_server

from tests.support.graph_api import ACCESS_TOKEN, GraphStandIn, running_graph_api
from tests.support.meta_events import (
    APP_SECRET,
    PHONE_NUMBER_ID,
    VERIFY_TOKEN,
    encode,
    event,
    list_reply,
    new_wamid,
    sign,
    text_message,
)

WEBHOOK = "/webhooks/meta"


@pytest.fixture(scope="module")
def graph() -> Iterator[GraphStandIn]:
    with running_graph_api() as stand_in:
        yield stand_in


@pytest.fixture(scope="module")
def meta_server(graph: GraphStandIn, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(
        "meta server",
        tmp_path_factory.mktemp("e2e-meta"),
        META_APP_SECRET=APP_SECRET,
        META_VERIFY_TOKEN=VERIFY_TOKEN,
        META_ACCESS_TOKEN=ACCESS_TOKEN,
        META_PHONE_NUMBER_ID=PHONE_NUMBER_ID,
        META_GRAPH_URL=graph.graph_url,
    ) as process:
        yield process


_numbers = iter(range(1, 10_000))


def _new_wa_id() -> str:
    return f"91943{next(_numbers):07d}"


def _post(
    server: Server, client: httpx.Client, payload: dict[str, Any], **headers: str
) -> httpx.Response:
    body = encode(payload)
    signed = {"X-Hub-Signature-256": sign(body), "Content-Type": "application/json"}
    return client.post(server.base_url + WEBHOOK, content=body, headers=headers or signed)


def test_the_verification_get_echoes_the_challenge(
    meta_server: Server, client: httpx.Client
) -> None:
    query = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "31337"}
    response = client.get(meta_server.base_url + WEBHOOK, params=query)
    assert response.status_code == 200
    assert response.text == "31337"
    wrong = client.get(meta_server.base_url + WEBHOOK, params={**query, "hub.verify_token": "x"})
    assert wrong.status_code == 403


def test_a_signed_message_is_answered_through_the_graph_api_with_a_list(
    meta_server: Server, graph: GraphStandIn, client: httpx.Client
) -> None:
    wa_id = _new_wa_id()
    response = _post(meta_server, client, event(text_message(wa_id, "ଘରୋଇ 250 ୟୁନିଟ")))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    sent = graph.wait_for(wa_id, 1)
    lists = [m for m in sent if m["type"] == "interactive" and m["interactive"]["type"] == "list"]
    assert lists, sent
    rows = lists[-1]["interactive"]["action"]["sections"][0]["rows"]
    assert "village" in [row["id"] for row in rows]
    assert "₹" in lists[-1]["interactive"]["body"]["text"]
    requests = [r for r in graph.requests if r.body.get("to") == wa_id]
    assert all(r.authorization == f"Bearer {ACCESS_TOKEN}" for r in requests)
    assert all(r.path == f"/v21.0/{PHONE_NUMBER_ID}/messages" for r in requests)
    # Pick the village row: the next estimate comes with the rebate applied.
    assert _post(meta_server, client, event(list_reply(wa_id, "village"))).status_code == 200
    after = graph.wait_for(wa_id, len(sent) + 1)
    assert len(after) > len(sent)


def test_a_forged_signature_is_403_and_nothing_is_sent(
    meta_server: Server, graph: GraphStandIn, client: httpx.Client
) -> None:
    forged_user, honest_user = _new_wa_id(), _new_wa_id()
    response = _post(
        meta_server,
        client,
        event(text_message(forged_user, "hello")),
        **{"X-Hub-Signature-256": "sha256=" + "ab" * 32},
    )
    assert response.status_code == 403
    unsigned = client.post(
        meta_server.base_url + WEBHOOK, content=encode(event(text_message(forged_user, "hi")))
    )
    assert unsigned.status_code == 403
    # A signed message sent afterwards is answered; the forged one never was.
    assert _post(meta_server, client, event(text_message(honest_user, "hello"))).status_code == 200
    assert graph.wait_for(honest_user, 1)
    assert graph.sent_to(forged_user) == []
    assert meta_server.session(f"whatsapp:+{forged_user}") is None


def test_the_same_message_id_twice_is_answered_once(
    meta_server: Server, graph: GraphStandIn, client: httpx.Client
) -> None:
    wa_id = _new_wa_id()
    repeated = event(text_message(wa_id, "hello", wamid=new_wamid()))
    assert _post(meta_server, client, repeated).status_code == 200
    assert _post(meta_server, client, repeated).status_code == 200  # Meta's redelivery
    first = graph.wait_for(wa_id, 1)
    # A later message of the same user: its reply goes out after anything queued before it.
    assert _post(meta_server, client, event(text_message(wa_id, "domestic"))).status_code == 200
    everything = graph.wait_for(wa_id, len(first) + 1)
    greeting = first[0]
    assert everything.count(greeting) == 1, everything
