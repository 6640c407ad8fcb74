"""The bill API answers every body with a bill or a 422 that says why: never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from bot.app import create_app
from bot.config import Settings

FIELDS = {
    "category": st.sampled_from(
        [
            "1.a",
            "1.b",
            "2",
            "3",
            "7",
            "8",
            "13",
            "14",
            "18",
            "23",
            "25",
            "26",
            "27",
            "30",
            "34",
            "36",
            "domestic",
            "nope",
            "",
        ]
    ),
    "month": st.sampled_from(["2026-04", "2026-07", "2027-03", "2026-03", "2026-13", "x"]),
    "units": st.one_of(st.integers(-5, 10**7), st.decimals(allow_nan=False, places=3).map(str)),
    "contract_demand": st.one_of(st.none(), st.integers(-1, 100_000)),
    "max_demand": st.one_of(st.none(), st.integers(0, 200_000)),
    "kwh": st.one_of(st.none(), st.integers(0, 10**8)),
    "solar_units": st.integers(0, 10**6),
    "peak_units": st.integers(0, 10**6),
    "days_late": st.one_of(st.none(), st.integers(-1, 5000)),
    "meter": st.sampled_from(["single-phase-smart", "httv", "bogus"]),
    "smart_meter": st.booleans(),
    "cgp_scheme": st.sampled_from(["vi", "vii", "viii", "ix"]),
    "incremental_kvah": st.integers(0, 10**7),
    "steel_plant_without_cgp": st.booleans(),
    "ev_charging_station": st.booleans(),
    "first_or_final_bill_days": st.integers(0, 40),
    "unknown_field": st.text(max_size=5),
}
BODIES = st.fixed_dictionaries(
    {"category": FIELDS["category"], "month": FIELDS["month"], "units": FIELDS["units"]},
    optional={k: v for k, v in FIELDS.items() if k not in ("category", "month", "units")},
)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(state_dir=tmp_path_factory.mktemp("api-fuzz"), month="2026-05")
    with TestClient(create_app(settings)) as client:
        yield client


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(body=BODIES)
def test_every_body_gets_a_bill_or_a_reason(api: TestClient, body: dict[str, Any]) -> None:
    response = api.post("/api/v1/estimate", json=body)
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        bill = response.json()
        assert bill["charges_total"].count(".") == 1
    else:
        detail = response.json()
        assert detail.get("error") or detail.get("detail")
