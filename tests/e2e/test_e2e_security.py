"""Signatures over real HTTP: only a signature over the public URL is accepted."""

from __future__ import annotations

import httpx
from e2e_support import PUBLIC_URL, WEBHOOK, Server, form, new_user, signature


def test_a_signature_over_the_public_url_is_accepted(server: Server, client: httpx.Client) -> None:
    assert server.post(client, form(new_user(), "hi")).status_code == 200


def test_a_missing_signature_is_refused(server: Server, client: httpx.Client) -> None:
    sender = new_user()
    response = client.post(server.base_url + WEBHOOK, data=form(sender, "hi"))
    assert response.status_code == 403
    assert server.session(sender) is None


def test_a_forged_signature_is_refused_and_changes_nothing(
    server: Server, client: httpx.Client
) -> None:
    sender = new_user()
    server.say(client, sender, "hi")
    before = server.session(sender)
    fields = form(sender, "delete my data")
    forged = {"X-Twilio-Signature": signature({**fields, "Body": "hi"})}
    response = server.post(client, fields, headers=forged)
    assert response.status_code == 403
    assert "<Message>" not in response.text
    assert server.session(sender) == before


def test_a_signature_over_the_loopback_url_is_refused(server: Server, client: httpx.Client) -> None:
    # What a server that trusted its own view of the URL would check: it must not pass.
    sender = new_user()
    response = server.post(client, form(sender, "hi"), url=server.base_url + WEBHOOK)
    assert response.status_code == 403
    assert server.session(sender) is None


def test_a_signature_over_plain_http_of_the_public_host_is_refused(
    server: Server, client: httpx.Client
) -> None:
    url = PUBLIC_URL.replace("https://", "http://") + WEBHOOK
    assert server.post(client, form(new_user(), "hi"), url=url).status_code == 403
