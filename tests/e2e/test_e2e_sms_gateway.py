"""The Indian SMS gateway end to end: Exotel's forwards over real HTTP to a `bijuli serve`
process whose outbox sends DLT template SMS through a local stand-in of Exotel's Send SMS API.

The stand-in (tests/support/exotel_sms.py) checks the API key and token, the header, the DLT
entity id, and scrubs every SMS against the template registered under its DLT template id, as
an operator does; the server gets those ids from SMS_GATEWAY_DLT_TEMPLATE_IDS, a CSV in the
shape `bijuli sms templates --csv` exports. Every wait is for the stand-in to have accepted an
SMS; per-user order in the outbox means a later reply arriving proves no earlier duplicate is
still to come.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from e2e_support import Server, running_server

from bot.channels.sms_templates import registry
from tests.support.exotel_sms import (
    AUTH_KEY,
    ENTITY_ID,
    SENDER_ID,
    ExotelStandIn,
    running_exotel,
)

INBOUND_TOKEN = "e2e-sms-gateway-inbound-token-0123"
FORWARD = f"/webhooks/sms-gateway/{INBOUND_TOKEN}"

_numbers = itertools.count(1)
_sids = itertools.count(1)


def _new_number() -> str:
    """A ten-digit mobile number no other test uses."""
    return f"94380{next(_numbers):05d}"


def _dlt_ids() -> dict[str, str]:
    """A DLT template id for every shipped template, as the portal would assign them."""
    return {t.name: f"1107{n:015d}" for n, t in enumerate(registry().templates(), start=1)}


@pytest.fixture(scope="module")
def exotel() -> Iterator[ExotelStandIn]:
    ids = _dlt_ids()
    with running_exotel({ids[t.name]: t.text for t in registry().templates()}) as stand_in:
        yield stand_in


@pytest.fixture(scope="module")
def gateway_server(
    exotel: ExotelStandIn, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    state = tmp_path_factory.mktemp("e2e-sms-gateway")
    ids_file = state / "dlt-template-ids.csv"
    with ids_file.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["language", "template_name", "dlt_template_id"])
        for template in registry().templates():
            writer.writerow([template.language, template.name, _dlt_ids()[template.name]])
    with running_server(
        "sms gateway server",
        state,
        SMS_GATEWAY_URL=exotel.send_url,
        SMS_GATEWAY_AUTH_KEY=AUTH_KEY,
        SMS_GATEWAY_SENDER_ID=SENDER_ID,
        SMS_GATEWAY_ENTITY_ID=ENTITY_ID,
        SMS_GATEWAY_INBOUND_TOKEN=INBOUND_TOKEN,
        SMS_GATEWAY_KEYWORD="BIJULI",
        SMS_GATEWAY_DLT_TEMPLATE_IDS=str(ids_file),
    ) as process:
        yield process


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10.0) as http:
        yield http


def _forward(
    server: Server, client: httpx.Client, number: str, body: str, *, sid: str | None = None
) -> httpx.Response:
    """Exotel's form-encoded forward of one SMS (``From`` as Exotel writes it: 0 + 10)."""
    fields = {
        "SmsSid": sid or f"e2e{next(_sids):08d}",
        "From": f"0{number}",
        "To": "08039591234",
        "Date": "2026-05-03 17:30:00",
        "Body": body,
    }
    return client.post(server.base_url + FORWARD, data=fields)


def test_a_forward_is_answered_with_dlt_template_sms_through_exotel(
    gateway_server: Server, exotel: ExotelStandIn, client: httpx.Client
) -> None:
    number = _new_number()
    response = _forward(gateway_server, client, number, "BIJULI ଘରୋଇ 250 ୟୁନିଟ")
    assert response.status_code == 200
    assert response.text == ""
    sent = exotel.wait_for(f"+91{number}", 2)
    assert len(sent) >= 2, gateway_server.log()
    assert all(r.fields["EncodingType"] == "unicode" for r in sent)
    assert all(r.fields["From"] == SENDER_ID for r in sent)
    assert all(r.fields["DltEntityId"] == ENTITY_ID for r in sent)
    assert all(r.fields["SmsType"] == "transactional" for r in sent)
    assert any("₹" in r.fields["Body"] for r in sent)
    assert any(r.variables and "250" in r.variables for r in sent)
    refused = [
        r for r in exotel.requests if r.status != 200 and r.fields.get("To") == f"+91{number}"
    ]
    assert refused == []
    # The same number's session is the one a Twilio SMS would continue.
    assert gateway_server.session(f"+91{number}") is not None


def test_a_wrong_token_is_403_and_nothing_is_sent(
    gateway_server: Server, exotel: ExotelStandIn, client: httpx.Client
) -> None:
    forged, honest = _new_number(), _new_number()
    fields = {"SmsSid": "forged-1", "From": forged, "Body": "BIJULI hello"}
    wrong = client.post(gateway_server.base_url + "/webhooks/sms-gateway/guess", data=fields)
    assert wrong.status_code == 403
    bare = client.post(gateway_server.base_url + "/webhooks/sms-gateway", data=fields)
    assert bare.status_code == 403
    assert _forward(gateway_server, client, honest, "BIJULI hello").status_code == 200
    assert exotel.wait_for(f"+91{honest}", 1)
    assert [r for r in exotel.requests if r.fields.get("To") == f"+91{forged}"] == []
    assert gateway_server.session(f"+91{forged}") is None


def test_a_repeated_forward_is_answered_once(
    gateway_server: Server, exotel: ExotelStandIn, client: httpx.Client
) -> None:
    number = _new_number()
    assert (
        _forward(gateway_server, client, number, "BIJULI hello", sid="twice-1").status_code == 200
    )
    assert (
        _forward(gateway_server, client, number, "BIJULI hello", sid="twice-1").status_code == 200
    )
    first = exotel.wait_for(f"+91{number}", 1)
    assert _forward(gateway_server, client, number, "BIJULI 1").status_code == 200
    everything = exotel.wait_for(f"+91{number}", len(first) + 1)
    assert len(everything) > len(first)
    bodies = [r.fields["Body"] for r in everything]
    assert bodies.count(first[0].fields["Body"]) == 1, bodies


def test_a_get_forward_works_and_the_log_keeps_neither_token_nor_number(
    gateway_server: Server, exotel: ExotelStandIn, client: httpx.Client
) -> None:
    number = _new_number()
    query = {"SmsSid": "get-1", "From": f"0{number}", "To": "080", "Body": "BIJULI domestic 250"}
    assert client.head(gateway_server.base_url + FORWARD).status_code == 200
    response = client.get(gateway_server.base_url + FORWARD, params=query)
    assert response.status_code == 200
    sent = exotel.wait_for(f"+91{number}", 1)
    assert sent
    assert all(r.fields["EncodingType"] == "plain" for r in sent)
    log = Path(gateway_server.log_path).read_text(errors="replace")
    assert "/webhooks/sms-gateway/…?…" in log
    assert INBOUND_TOKEN not in log
    assert number not in log
