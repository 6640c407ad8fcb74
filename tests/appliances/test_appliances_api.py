"""POST /api/v1/units/appliances over the app's TestClient: the figures, the rupee savings
against the engine, and 422s (and 413) that never repeat the input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bot.app import MAX_API_BYTES, create_app
from bot.appliances_api import PATH
from bot.config import Settings
from tariff_core import BillRequest, estimate

D = Decimal


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    state: Path = tmp_path_factory.mktemp("appliances-api") / "state"
    with TestClient(create_app(Settings(state_dir=state, month="2026-05"))) as client:
        yield client


def _bill(units: Decimal, category: str = "1.b", month: str = "2026-05") -> Decimal:
    request = BillRequest(
        category=category, month=dt.date.fromisoformat(f"{month}-01"), units=units
    )
    return estimate(request).payable_by_due_date_detail.before_rounding


def test_units_per_appliance_total_top_and_the_note(api: TestClient) -> None:
    body = {
        "appliances": [
            {"appliance": "fan", "count": 3},
            {"appliance": "tv", "hours_per_day": 4},
            {"appliance": "fridge", "litres": 250, "stars": 5, "fridge_type": "frost_free"},
        ]
    }
    response = api.post(PATH, json=body)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["approximate"] is True
    assert "approximation" in answer["note"]
    assert [(i["appliance"], D(i["kwh_per_month"])) for i in answer["items"]] == [
        ("fan", D(81)),  # 3 × 75 W × 12 h × 30 days
        ("tv", D(12)),  # 100 W × 4 h × 30 days
        ("fridge", D("15.5")),  # (0.103 × 250 + 160) kWh a year ÷ 12
    ]
    assert D(answer["total_kwh_per_month"]) == D("108.5")
    assert D(answer["units_for_bill"]) == D(109)
    assert [t["appliance"] for t in answer["top"]] == ["fan", "fridge", "tv"]
    assert [s["swap"] for s in answer["savings"]] == ["bldc_for_fan"]
    assert answer["savings"][0]["rupees_per_month"] is None
    assert answer["bill"] is None
    assert {s["id"] for s in answer["sources"]} == {"tangedco", "bee_fridge_2022"}
    assert all(s["title"] for s in answer["sources"])


def test_rupee_savings_for_a_category_are_the_engine_difference(api: TestClient) -> None:
    body = {
        "appliances": [{"appliance": "tube_light", "count": 4}, {"appliance": "cooler"}],
        "category": "domestic",
        "month": "2026-07",
    }
    answer = api.post(PATH, json=body).json()
    (saving,) = answer["savings"]  # 4 × 40 W → 4 × 20 W, 6 h, 30 days: 14.4 units
    assert D(saving["kwh_per_month"]) == D("14.4")
    units = D(77)  # 28.8 + 48 = 76.8
    expected = _bill(units, month="2026-07") - _bill(units - D("14.4"), month="2026-07")
    assert D(saving["rupees_per_month"]) == expected
    assert answer["bill"]["month"] == "2026-07"
    assert D(answer["bill"]["payable_by_due_date"]) == _bill(units, month="2026-07")


def test_without_a_month_the_service_month_prices_the_savings(api: TestClient) -> None:
    body = {"appliances": [{"appliance": "fan"}], "category": "1.b"}
    assert api.post(PATH, json=body).json()["bill"]["month"] == "2026-05"


SECRET = "Xq7-never-echoed"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"appliances": []}, "appliances"),
        ({"appliances": [{"appliance": SECRET}]}, "appliances.0.appliance"),
        ({"appliances": [{"appliance": "fan", "count": 0}]}, "appliances.0.count"),
        ({"appliances": [{"appliance": "fan", "hours_per_day": 25}]}, "appliances.0.hours_per_day"),
        ({"appliances": [{"appliance": "fan", "stars": 5}]}, "appliances.0"),
        ({"appliances": [{"appliance": "fan"}] * 41}, "appliances"),
        ({"appliances": [{"appliance": "fan"}], "colour": SECRET}, "colour"),
        ({"appliances": [{"appliance": "fan"}], "month": SECRET}, "month"),
        ({"appliances": [{"appliance": "fan"}], "month": "0000-01"}, "month"),
        ({"appliances": [{"appliance": "fan"}], "category": SECRET}, "category"),
        ({"appliances": [{"appliance": "fan"}], "category": "1.b", "month": "2019-01"}, "month"),
        ({"appliances": [{"appliance": "fan"}], "category": "23"}, "category"),
    ],
)
def test_invalid_requests_get_a_422_that_never_repeats_the_input(
    api: TestClient, body: dict[str, Any], field: str
) -> None:
    response = api.post(PATH, json=body)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert set(problem) == {"error", "field"}
    assert problem["error"]
    assert SECRET not in response.text
    assert problem["field"] == field


def test_a_body_that_is_not_json_gets_a_422(api: TestClient) -> None:
    response = api.post(PATH, content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "not json" not in response.text


def test_a_body_over_the_cap_is_refused_unread(api: TestClient) -> None:
    padding = [{"appliance": "fan"}] * (MAX_API_BYTES // 10)
    response = api.post(PATH, json={"appliances": padding})
    assert response.status_code == 413
    assert response.headers["connection"] == "close"


def test_the_route_is_in_the_openapi_document(api: TestClient) -> None:
    document = api.get("/openapi.json").json()
    operation = document["paths"][PATH]["post"]
    assert set(operation["responses"]) >= {"200", "413", "422"}
