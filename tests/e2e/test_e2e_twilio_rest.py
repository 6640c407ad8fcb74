"""WhatsApp buttons and lists through Twilio end to end: signed webhooks over real HTTP to a
`bijuli serve` process whose outbox sends through a local stand-in of Twilio's Messages and
Content APIs (tests/support/twilio_api.py).

The templates are put in the stand-in's account by `bijuli twilio sync-content` itself, as an
operator would. With interactive replies on, a turn with choices is answered with an empty
``<Response/>`` and its replies reach the stand-in as ContentSid messages; a turn without
choices is still answered inline. With BIJULI_INTERACTIVE=false every reply is TwiML text,
as before, and nothing goes through the REST API.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from e2e_support import ROOT, TOKEN, Server, form, new_user, running_server

from tests.support.twilio_api import ACCOUNT_SID, TwilioStandIn, running_twilio_api

EMPTY_RESPONSE = '<?xml version="1.0" encoding="UTF-8"?><Response />'


@pytest.fixture(scope="module")
def twilio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwilioStandIn]:
    """The stand-in, with the templates synced into it by the real command."""
    with running_twilio_api(auth_token=TOKEN) as stand_in:
        env = {
            "PATH": "/usr/bin:/bin",
            "BIJULI_STATE_DIR": str(tmp_path_factory.mktemp("e2e-twilio-sync")),
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": TOKEN,
            "TWILIO_CONTENT_URL": stand_in.base_url,
        }
        synced = subprocess.run(
            [sys.executable, "-m", "bot.cli", "twilio", "sync-content"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=60,
            check=False,
        )
        assert synced.returncode == 0, synced.stderr
        yield stand_in


def _server(name: str, state: Path, twilio: TwilioStandIn, **env: str) -> Iterator[Server]:
    with running_server(
        name,
        state,
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_API_URL=twilio.base_url,
        TWILIO_CONTENT_URL=twilio.base_url,
        **env,
    ) as process:
        yield process


@pytest.fixture(scope="module")
def interactive(
    twilio: TwilioStandIn, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    yield from _server("twilio interactive", tmp_path_factory.mktemp("e2e-twilio"), twilio)


@pytest.fixture(scope="module")
def plain(twilio: TwilioStandIn, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _server(
        "twilio plain",
        tmp_path_factory.mktemp("e2e-twilio-off"),
        twilio,
        BIJULI_INTERACTIVE="false",
    )


def _template_of(twilio: TwilioStandIn, message: dict[str, str]) -> str:
    return str(twilio.contents[message["ContentSid"]]["friendly_name"])


def test_choices_go_as_content_templates_and_the_webhook_answers_empty(
    interactive: Server, twilio: TwilioStandIn, client: httpx.Client
) -> None:
    user = new_user()
    response = interactive.post(client, form(user, "hello"))
    assert response.status_code == 200
    assert response.text == EMPTY_RESPONSE
    [greeting] = twilio.wait_for(user, 1)
    assert greeting["From"] == "whatsapp:+14155238886"  # the number the user wrote to
    assert _template_of(twilio, greeting) == "bijuli_list_6"
    picker = twilio.rendered(greeting)["twilio/list-picker"]
    assert [item["id"] for item in picker["items"]] == ["1", "2", "3", "4", "5", "6"]
    assert "Bijuli" in picker["body"]
    variables = json.loads(greeting["ContentVariables"])
    assert all(value for value in variables.values())

    # Picking "Home" from the list: the load question comes with one button.
    picked = form(user, "Home", ListId="1", ListTitle="Home")
    assert interactive.post(client, picked).text == EMPTY_RESPONSE
    sent = twilio.wait_for(user, 2)
    assert _template_of(twilio, sent[1]) == "bijuli_buttons_1"
    [button] = twilio.rendered(sent[1])["twilio/quick-reply"]["actions"]

    # Pressing it ("don't know": 1 kW is taken): the units question, with its own button.
    pressed = form(user, button["title"], ButtonPayload=button["id"], ButtonText=button["title"])
    assert interactive.post(client, pressed).text == EMPTY_RESPONSE
    sent = twilio.wait_for(user, 3)
    assert _template_of(twilio, sent[2]) == "bijuli_buttons_1"
    assert "1 kW" in twilio.rendered(sent[2])["twilio/quick-reply"]["body"]

    # Typing the units: the estimate, with its menu and offers as a list.
    assert interactive.post(client, form(user, "250")).text == EMPTY_RESPONSE
    last = twilio.wait_for(user, 4)[-1]
    rendered = twilio.rendered(last)
    items = rendered["twilio/list-picker"]["items"]
    assert _template_of(twilio, last) == f"bijuli_list_{len(items)}"
    assert "village" in [item["id"] for item in items]
    assert "₹" in rendered["twilio/list-picker"]["body"]
    tokens = [r.idempotency_token for r in twilio.requests if r.fields.get("To") == [user]]
    assert all(token.startswith("twilio:SM") for token in tokens)
    assert len(set(tokens)) == len(tokens)


def test_with_interactive_replies_off_the_webhook_answers_twiml_text(
    plain: Server, twilio: TwilioStandIn, client: httpx.Client
) -> None:
    user = new_user()
    replies = plain.say(client, user, "hello")
    assert replies
    assert "Bijuli" in replies[0]
    assert "1" in replies[0]  # the options written out
    estimate = plain.say(client, user, "domestic 250 units")
    assert any("₹" in text for text in estimate)
    assert twilio.sent_to(user) == []
