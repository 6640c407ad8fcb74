"""Operating a real `bijuli serve` over HTTP: metrics, JSON logs, health, offline API docs."""

from __future__ import annotations

import json
import re
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from e2e_support import (
    HASH_KEY,
    WEBHOOK,
    Server,
    form,
    messages,
    new_user,
    running_server,
    signature,
)
from prometheus_client.parser import text_string_to_metric_families

from bot.stores import user_key

METRICS_TOKEN = "e2e-metrics-token-0123456789"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose /metrics needs a bearer token."""
    state = tmp_path_factory.mktemp("e2e-observability")
    with running_server("guarded server", state, BIJULI_METRICS_TOKEN=METRICS_TOKEN) as process:
        yield process


def _scrape(server: Server, client: httpx.Client, token: str | None = None) -> str:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.get(server.base_url + "/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


def _turns(metrics: str, **labels: str) -> float:
    """The sum of ``bijuli_turns_total`` over the samples whose labels include ``labels``."""
    total = 0.0
    for family in text_string_to_metric_families(metrics):
        for sample in family.samples:
            if sample.name == "bijuli_turns_total" and labels.items() <= sample.labels.items():
                total += sample.value
    return total


def _label_values(metrics: str) -> set[str]:
    return {
        value
        for family in text_string_to_metric_families(metrics)
        for sample in family.samples
        for value in sample.labels.values()
    }


def test_metrics_need_the_configured_bearer_token(guarded: Server, client: httpx.Client) -> None:
    url = guarded.base_url + "/metrics"
    assert client.get(url).status_code == 401
    assert client.get(url, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get(url, headers={"Authorization": METRICS_TOKEN}).status_code == 401
    assert client.get(url, headers={"Authorization": f"Bearer {METRICS_TOKEN}"}).is_success


def test_metrics_are_open_by_default(server: Server, client: httpx.Client) -> None:
    assert client.get(server.base_url + "/metrics").status_code == 200


def test_a_turn_is_counted_without_its_number_key_or_text(
    guarded: Server, client: httpx.Client
) -> None:
    sender = new_user()
    body = f"domestic 250 units marker{uuid.uuid4().hex[:8]}"
    before = _scrape(guarded, client, METRICS_TOKEN)
    response = guarded.post(client, form(sender, body))
    assert response.status_code == 200
    after = _scrape(guarded, client, METRICS_TOKEN)

    counted = _turns(after, channel="whatsapp", outcome="answered")
    assert counted == _turns(before, channel="whatsapp", outcome="answered") + 1
    assert _turns(after, language="en") >= 1
    assert "bijuli_turn_seconds_bucket" in after

    key = user_key(sender, HASH_KEY.encode())
    digits = sender.removeprefix("whatsapp:+")
    for secret in (digits, digits[-10:], body, "marker", key[:10]):
        assert secret not in after
        assert not any(secret in value for value in _label_values(after))


def _log_entries(path: Path) -> list[dict[str, Any]]:
    entries = []
    for line in path.read_text(errors="replace").splitlines():
        if line.strip():
            entries.append(json.loads(line))  # every line is one JSON object
    return entries


def test_logs_are_json_with_the_turn_fields_and_no_number_or_text(
    guarded: Server, client: httpx.Client
) -> None:
    sender = new_user()
    body = f"kitna aayega 180 unit ghar ka zz{uuid.uuid4().hex[:6]}"
    response = guarded.post(client, form(sender, body))
    assert response.status_code == 200
    request_id = response.headers["x-request-id"]
    prefix = user_key(sender, HASH_KEY.encode())[:10]

    deadline = time.monotonic() + 5
    turn_lines: list[dict[str, Any]] = []
    while not turn_lines and time.monotonic() < deadline:
        turn_lines = [e for e in _log_entries(guarded.log_path) if e.get("user") == prefix]
        time.sleep(0.05)
    assert len(turn_lines) == 1, turn_lines
    turn = turn_lines[0]
    assert turn["request_id"] == request_id
    assert turn["outcome"] == "answered"
    assert turn["channel"] == "whatsapp"
    assert isinstance(turn["state"], str)
    assert turn["state"]
    assert isinstance(turn["ms"], int | float)
    assert turn["ms"] >= 0
    assert {"time", "level", "logger", "message"} <= turn.keys()

    text = guarded.log_path.read_text(errors="replace")
    digits = sender.removeprefix("whatsapp:+")
    for secret in (digits, digits[-10:], body, body.split()[-1], "kitna aayega"):
        assert secret not in text
    assert user_key(sender, HASH_KEY.encode()) not in text  # only the prefix


def test_a_callers_request_id_is_kept_and_a_hostile_one_replaced(
    guarded: Server, client: httpx.Client
) -> None:
    given = client.get(guarded.base_url + "/healthz", headers={"X-Request-Id": "lb-42.a_b"})
    assert given.headers["x-request-id"] == "lb-42.a_b"
    hostile = client.get(guarded.base_url + "/healthz", headers={"X-Request-Id": 'x" \\n{'})
    assert re.fullmatch(r"[0-9a-f]{32}", hostile.headers["x-request-id"])


def test_liveness_and_readiness(server: Server, client: httpx.Client) -> None:
    alive = client.get(server.base_url + "/healthz")
    ready = client.get(server.base_url + "/readyz")
    assert alive.status_code == 200
    assert alive.json()["status"] == "ok"
    assert ready.status_code == 200
    assert ready.json()["status"] == "ok"


class _AssetLinks(HTMLParser):
    """Every script src and link href of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "link": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.urls.append(value)


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_api_docs_load_every_asset_from_the_service(
    server: Server, client: httpx.Client, page: str
) -> None:
    response = client.get(server.base_url + page)
    assert response.status_code == 200
    links = _AssetLinks()
    links.feed(response.text)
    assert links.urls, "the page loads its scripts and styles"
    assert "http" not in response.text.replace("http-equiv", "")  # no absolute URL at all
    for url in links.urls:
        assert url.startswith("/"), url
        assert not url.startswith("//"), url
        asset = client.get(server.base_url + url)
        assert asset.status_code == 200, url
        assert len(asset.content) > 0
    assert client.get(server.base_url + "/openapi.json").status_code == 200


def test_an_instance_with_another_hash_key_on_the_same_redis_is_reported(
    redis_url: str, tmp_path: Path
) -> None:
    store_url = redis_url.rsplit("/", 1)[0] + "/7"  # a database no other test uses
    warning = "BIJULI_HASH_KEY differs"
    logs = []
    for name, key in (
        ("first", HASH_KEY),
        ("other key", "another-hash-key-0123456789"),
        ("same", HASH_KEY),
    ):
        state = tmp_path / name.replace(" ", "-")
        state.mkdir()
        with running_server(
            name, state, BIJULI_SESSION_STORE=store_url, BIJULI_HASH_KEY=key
        ) as process:
            pass
        logs.append(process.log_path.read_text(errors="replace"))
    first, other, same = logs
    assert warning not in first
    assert warning in other
    assert warning not in same
    assert "another-hash-key" not in other  # the key itself is never logged


def test_sigterm_lets_a_turn_in_flight_finish(tmp_path: Path) -> None:
    """SIGTERM arrives while a webhook request is still being received: the server stops
    accepting, yet the request in flight gets its full reply and the server exits cleanly."""
    state = tmp_path / "graceful"
    state.mkdir()
    sender = new_user()
    fields = form(sender, "domestic 250 units")
    body = urlencode(fields).encode()
    half_sent = threading.Event()
    resume = threading.Event()

    def slow_body() -> Iterator[bytes]:
        yield body[: len(body) // 2]
        half_sent.set()
        resume.wait(10)
        yield body[len(body) // 2 :]

    with running_server("graceful server", state) as process:
        assert process.process is not None
        replies: list[httpx.Response] = []

        def post() -> None:
            with httpx.Client(timeout=20) as http:
                replies.append(
                    http.post(
                        process.base_url + WEBHOOK,
                        content=slow_body(),
                        headers={
                            "Content-Type": "application/x-www-form-urlencoded",
                            "X-Twilio-Signature": signature(fields),
                        },
                    )
                )

        sender_thread = threading.Thread(target=post)
        sender_thread.start()
        assert half_sent.wait(10)
        time.sleep(0.2)  # the server has the request's first half
        process.process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        with pytest.raises(httpx.TransportError):  # no longer accepting
            httpx.get(process.base_url + "/healthz", timeout=2)
        resume.set()
        sender_thread.join(20)
        # uvicorn exits by re-raising the signal once it has shut down cleanly.
        assert process.process.wait(20) in (0, -signal.SIGTERM)
        (reply,) = replies
        assert reply.status_code == 200, reply.text
        assert messages(reply.text), "the turn was answered"
        assert process.session(sender) is not None, "and its session saved"
