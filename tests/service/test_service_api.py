"""The bill API, the health check and the OpenAPI document."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from starlette.testclient import TestClient

from bot.app import create_app
from bot.config import Settings

DOMESTIC_250 = {"category": "domestic", "month": "2026-05", "units": 250}


def test_healthz_is_ok_when_the_store_answers(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "month": "2026-05"}  # the settings' BIJULI_MONTH


@pytest.mark.parametrize(
    ("now", "month"),
    [
        # 19:00 UTC on 31 May is 00:30 on 1 June in Odisha: the engine bills June.
        (dt.datetime(2026, 5, 31, 19, 0, tzinfo=dt.UTC), "2026-06"),
        (dt.datetime(2026, 5, 31, 18, 0, tzinfo=dt.UTC), "2026-05"),
        (dt.datetime(2026, 12, 31, 18, 45, tzinfo=dt.UTC), "2027-01"),
    ],
)
def test_healthz_reports_the_month_of_the_clock_in_kolkata(
    settings: Settings, now: dt.datetime, month: str
) -> None:
    unpinned = settings.model_copy(update={"month": None})
    with TestClient(create_app(unpinned, clock=lambda: now)) as client:
        assert client.get("/healthz").json() == {"status": "ok", "month": month}


def test_estimate_itemises_a_domestic_bill(client: TestClient) -> None:
    response = client.post("/api/v1/estimate", json=DOMESTIC_250)
    assert response.status_code == 200
    bill = response.json()
    assert bill["billed_as"]["id"] == "1.b"
    assert bill["month"] == "2026-05"
    # 1,195 charges - 25 rebate + electricity duty 4 % x 1,135 energy = 45.40 (D3, approximate)
    assert Decimal(bill["payable_by_due_date"]) == Decimal("1215.00")
    assert Decimal(bill["payable_after_due_date"]) == Decimal("1240.00")
    duty = bill["electricity_duty"]
    assert (duty["amount"], duty["rate_percent"], duty["base"]) == ("45.40", "4", "1135.00")
    assert (duty["status"], duty["confidence"], duty["approximate"]) == ("included", "low", True)
    assert "duty_approximate" in {note["code"] for note in bill["notes"]}
    energy = [line for line in bill["lines"] if line["code"] == "energy"]
    assert [line["amount"] for line in energy] == ["145.00", "705.00", "285.00"]
    assert sum(Decimal(line["amount"]) for line in bill["lines"]) == Decimal(bill["charges_total"])


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"category": "no-such-thing", "month": "2026-05", "units": 10}, None, "unknown category"),
        (
            {"category": "ht-large-industry", "month": "2026-05", "units": 10},
            "contract_demand",
            "contract demand",
        ),
        ({"category": "domestic", "month": "2019-05", "units": 10}, None, "no tariff order covers"),
    ],
)
def test_a_request_that_cannot_be_billed_is_a_422_with_the_reason(
    client: TestClient, body: dict[str, Any], field: str | None, words: str
) -> None:
    response = client.post("/api/v1/estimate", json=body)
    assert response.status_code == 422
    problem = response.json()
    assert set(problem) == {"error", "field"}
    assert words in problem["error"]
    assert problem["field"] == field


@pytest.mark.parametrize(
    "body",
    [
        {"category": "domestic", "month": "2026-05", "units": -5},
        {"category": "domestic", "month": "2026-05"},
        {"category": "domestic", "month": "May", "units": 5},
        {**DOMESTIC_250, "colour": "blue"},
    ],
    ids=["negative units", "no units", "bad month", "unknown field"],
)
def test_a_malformed_request_gets_a_tariff_problem_naming_the_field(
    client: TestClient, body: dict[str, Any]
) -> None:
    # The documented 422 is a TariffProblem, for FastAPI's own validation errors too.
    response = client.post("/api/v1/estimate", json=body)
    assert response.status_code == 422
    problem = response.json()
    assert set(problem) == {"error", "field"}
    assert problem["field"] in body or problem["field"] == "units"


def test_a_body_that_is_not_json_is_a_422(client: TestClient) -> None:
    response = client.post(
        "/api/v1/estimate", content=b"units=250", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_categories_list_the_schedule(client: TestClient) -> None:
    response = client.get("/api/v1/categories")
    assert response.status_code == 200
    categories = {item["slug"]: item for item in response.json()}
    assert categories["domestic"]["id"] == "1.b"
    assert categories["domestic"]["energy_unit"] == "kWh"
    assert "contract_demand" in categories["ht-large-industry"]["requires"]
    assert len(categories) >= 30
    assert client.get("/api/v1/categories", params={"month": "2026-05"}).json() == response.json()


@pytest.mark.parametrize(("month", "status"), [("2026-13", 422), ("2019-05", 422)])
def test_categories_for_a_bad_month(client: TestClient, month: str, status: int) -> None:
    assert client.get("/api/v1/categories", params={"month": month}).status_code == status


def test_openapi_documents_the_api(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert document["info"]["title"] == "Bijuli"
    assert document["info"]["version"]
    assert "OERC" in document["info"]["description"]
    schemas = document["components"]["schemas"]
    assert {"BillRequest", "BillEstimate", "TariffProblem", "CategoryInfo"} <= set(schemas)
    estimate = document["paths"]["/api/v1/estimate"]["post"]
    assert estimate["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/BillRequest"
    )
    ok = estimate["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ok.endswith("/BillEstimate")
    assert "/webhooks/twilio" in document["paths"]
    health = document["paths"]["/healthz"]["get"]["responses"]["200"]["content"]
    assert health["application/json"]["schema"]["$ref"].endswith("/Health")
    assert "month" in schemas["Health"]["required"]
    assert client.get("/docs").status_code == 200
