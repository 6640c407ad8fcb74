"""``POST /api/v1/check``: a printed bill against the order, over the app's HTTP interface.

The body is read with a cap (413 above ``MAX_CHECK_BYTES``), and a request that cannot be
checked is a 422 ``TariffProblem`` that never repeats the input back.
"""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from bot.app import MAX_CHECK_BYTES

PROVISIONAL = {
    "category": "1.b",
    "period_from": "2026-05-01",
    "period_to": "2026-07-31",
    "months": 3,
    "units": 905,
    "printed": {"total": "4640"},
}


def test_a_three_month_bill_agrees(client: TestClient) -> None:
    # 905 units over three months: 4468.50 + duty 171.54 => 4640 (tests/tariff).
    response = client.post("/api/v1/check", json=PROVISIONAL)
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "agrees"
    assert body["agrees_to_rupee"] is True
    assert body["expected_total"] == "4640.00"
    assert body["estimate"]["charges_total"] == "4468.50"
    assert [f["code"] for f in body["findings"]][:1] == ["agrees"]


def test_a_bill_with_meter_rent_after_60_months(client: TestClient) -> None:
    request = {
        "category": "1.b",
        "period_from": "2026-05",
        "units": 100,
        "meter": "single-phase-static",
        "meter_installed": "2020-01",
        "printed": {"meter_rent": "40", "total": "455"},
    }
    body = client.post("/api/v1/check", json=request).json()
    assert body["verdict"] == "explained"
    found = {f["code"]: f for f in body["findings"]}
    assert found["meter_rent_after_period"]["ask_discom"] is True


def test_a_body_above_the_cap_is_413_without_being_read(client: TestClient) -> None:
    padding = "x" * (MAX_CHECK_BYTES + 1)
    response = client.post(
        "/api/v1/check",
        content=json.dumps({**PROVISIONAL, "note": padding}),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert "x" * 100 not in response.text


def test_an_invalid_request_is_a_422_that_does_not_echo_the_input(client: TestClient) -> None:
    huge = "9" * 4000
    for body in (
        {**PROVISIONAL, "units": huge},
        {**PROVISIONAL, "category": huge},
        {**PROVISIONAL, huge: 1},
        {**PROVISIONAL, "printed": {"total": huge}},
    ):
        response = client.post("/api/v1/check", json=body)
        assert response.status_code == 422, body.keys()
        problem = response.json()
        assert set(problem) == {"error", "field"}
        assert len(response.text) < 400


def test_a_request_missing_units_names_what_to_give(client: TestClient) -> None:
    request = {"category": "1.b", "period_from": "2026-05"}
    response = client.post("/api/v1/check", json=request)
    assert response.status_code == 422
    assert "units" in response.json()["error"]


def test_bodies_that_are_not_a_json_object(client: TestClient) -> None:
    for content in (b"units=250", b"[1, 2]", b"\xff\xfe", b"[" * 5000):
        response = client.post(
            "/api/v1/check", content=content, headers={"content-type": "application/json"}
        )
        assert response.status_code == 422
        assert "JSON" in response.json()["error"]


def test_openapi_documents_the_check(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    check = document["paths"]["/api/v1/check"]["post"]
    schema = check["requestBody"]["content"]["application/json"]["schema"]
    assert {"category", "period_from", "months", "units", "printed"} <= set(schema["properties"])
    assert "total" in schema["properties"]["printed"]["properties"]
    assert "$defs" not in json.dumps(schema)
    ok = check["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ok.endswith("/BillCheck")
    assert {"413", "422"} <= set(check["responses"])
