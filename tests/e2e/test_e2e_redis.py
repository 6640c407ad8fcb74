"""Two server processes sharing one real Redis serve one conversation between them."""

from __future__ import annotations

import json

import httpx
from e2e_support import MONTH, Server, form, new_user

from bot import messages as m
from bot.i18n import Translator


def state(server: Server, sender: str) -> str:
    return str(json.loads(server.session(sender) or "{}")["state"])


def test_two_servers_on_one_redis_serve_one_conversation(
    redis_servers: tuple[Server, Server], client: httpx.Client
) -> None:
    a, b = redis_servers
    t = Translator.load("en")
    sender = new_user()
    assert t.gettext(m.GREETING).split("{")[0] in a.say(client, sender, "hi")[0]
    b.say(client, sender, "1")  # B continues what A started: the load question
    assert state(a, sender) == "demand"
    a.say(client, sender, "1")  # 1 kW; A sees B's step
    assert state(b, sender) == "units"
    replies = b.say(client, sender, "250")
    assert state(a, sender) == "estimate"
    assert "₹1,215.00" in "\n".join(replies)  # 1,195 - 25 + duty 4% x 1,135 = 45.40
    village = a.say(client, sender, "village")  # A answers the offer on B's estimate
    assert state(b, sender) == "estimate"
    assert "₹1,190.00" in "\n".join(village)  # 25 more off


def test_a_retry_reaching_the_other_server_gets_the_same_reply(
    redis_servers: tuple[Server, Server], client: httpx.Client
) -> None:
    a, b = redis_servers
    sender = new_user()
    a.say(client, sender, "hi")
    pick = form(sender, "1")
    first = a.post(client, pick)
    after = a.session(sender)
    retry = b.post(client, pick)  # Twilio's retry may land on another instance
    assert retry.status_code == 200
    assert retry.text == first.text
    assert b.session(sender) == after


def test_each_redis_server_is_healthy(redis_servers: tuple[Server, Server]) -> None:
    for server in redis_servers:
        with httpx.Client() as client:
            assert client.get(server.base_url + "/healthz").json() == {
                "status": "ok",
                "month": MONTH,
            }
