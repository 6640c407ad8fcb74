"""Every request body is bounded and read with a timeout; errors never repeat the input."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from bot.app import MAX_API_BYTES, MAX_FORM_BYTES, create_app
from bot.config import Settings

ESTIMATE = "/api/v1/estimate"
MARK = "ZQXJ-ECHO-MARK"


def test_an_estimate_body_over_the_cap_is_refused_with_a_short_413(client: TestClient) -> None:
    huge = {"category": "domestic", "month": "2026-05", "units": 250, "x": MARK * 100_000}
    response = client.post(ESTIMATE, json=huge)
    assert response.status_code == 413
    assert len(response.content) < 300
    assert MARK not in response.text
    assert set(response.json()) == {"error", "field"}


def test_a_chunked_body_without_a_length_is_cut_at_the_cap(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(1000):  # 1 MB of JSON whitespace, with no Content-Length
            yield b" " * 1024

    response = client.post(ESTIMATE, content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert str(MAX_API_BYTES) in response.json()["error"]


@pytest.mark.parametrize(
    "body",
    [
        {"category": "domestic", "month": "2026-05", "units": MARK * 100},
        {"category": MARK, "month": "2026-05", "units": 5},
        {"category": "domestic", "month": MARK, "units": 5},
        {"category": "domestic", "month": "2026-05", "units": 5, "contract_demand": [MARK]},
    ],
    ids=["units", "category", "month", "a list"],
)
def test_a_validation_error_never_repeats_the_input(
    client: TestClient, body: dict[str, Any]
) -> None:
    response = client.post(ESTIMATE, json=body)
    assert response.status_code == 422
    assert MARK not in response.text
    assert len(response.content) < 400
    assert set(response.json()) == {"error", "field"}


@pytest.mark.parametrize("month", ["0000-01", "2026-13", "26-05", "2019-05"])
def test_categories_for_an_impossible_month_is_a_tariff_problem(
    client: TestClient, month: str
) -> None:
    response = client.get("/api/v1/categories", params={"month": month})
    assert response.status_code == 422
    assert response.json()["field"] == "month"
    assert set(response.json()) == {"error", "field"}


# ----------------------------------------------------------------- slow and abandoned bodies


def _call(app: Any, path: str, messages: list[dict[str, Any]], hang: bool) -> list[Any]:
    """Run one HTTP request through the ASGI app: the body ``messages``, then either
    nothing more (``hang``: a client that stopped sending) or a disconnect."""
    sent: list[Any] = []
    queue = list(messages)

    async def receive() -> dict[str, Any]:
        if queue:
            return queue.pop(0)
        if hang:
            await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    content_type = (
        b"application/json" if path.startswith("/api") else b"application/x-www-form-urlencoded"
    )
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-length", b"1000"), (b"content-type", content_type)],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(asyncio.wait_for(app(scope, receive, send), timeout=10))
    return sent


PARTIAL = [{"type": "http.request", "body": b'{"category": "dom', "more_body": True}]


@pytest.mark.parametrize("path", [ESTIMATE, "/webhooks/twilio", "/api/v1/check"])
def test_a_body_that_stops_arriving_gets_408_within_the_timeout(
    settings: Settings, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(settings, body_timeout_seconds=0.3)
    caplog.set_level(logging.INFO)
    started = time.monotonic()
    sent = _call(app, path, PARTIAL, hang=True)
    assert time.monotonic() - started < 3
    assert sent[0]["status"] == 408
    refusals = [r for r in caplog.records if "body" in r.getMessage()]
    assert len(refusals) == 1
    assert refusals[0].exc_info is None


@pytest.mark.parametrize("path", [ESTIMATE, "/webhooks/twilio"])
def test_an_abandoned_body_is_one_log_line_not_a_traceback(
    settings: Settings, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(settings)
    caplog.set_level(logging.DEBUG)
    _call(app, path, PARTIAL, hang=False)
    records = [r for r in caplog.records if r.name.startswith(("bot", "uvicorn", "starlette"))]
    assert len(records) == 1, [r.getMessage() for r in records]
    assert records[0].exc_info is None
    assert len(records[0].getMessage()) < 200


def test_the_webhook_cap_is_unchanged(client: TestClient) -> None:
    body = "Body=" + "x" * (MAX_FORM_BYTES + 10)
    response = client.post(
        "/webhooks/twilio",
        content=body,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


def test_the_openapi_document_names_the_413_and_the_422(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    estimate = document["paths"][ESTIMATE]["post"]["responses"]
    assert "413" in estimate
    assert estimate["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/TariffProblem"
    )
    categories = document["paths"]["/api/v1/categories"]["get"]["responses"]
    assert categories["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/TariffProblem"
    )
    assert json.dumps(document).count("HTTPValidationError") == 0
