"""``POST /api/v1/check`` against a real `bijuli serve` process, over real HTTP."""

from __future__ import annotations

import httpx
from e2e_support import Server

from bot.app import MAX_CHECK_BYTES


def test_a_provisional_three_month_bill_is_checked(server: Server, client: httpx.Client) -> None:
    request = {
        "category": "1.b",
        "period_from": "2026-05-01",
        "period_to": "2026-07-31",
        "units": 905,
        "printed": {"total": "4640"},
    }
    # Checked as one month (as printed, without months): the total fits three months (M5).
    response = client.post(server.base_url + "/api/v1/check", json=request)
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "explained"
    codes = [f["code"] for f in body["findings"]]
    assert "fits_several_months" in codes
    assert "period_longer_than_months" in codes
    again = client.post(server.base_url + "/api/v1/check", json={**request, "months": 3})
    assert again.json()["verdict"] == "agrees"


def test_an_oversized_body_is_refused(server: Server, client: httpx.Client) -> None:
    response = client.post(
        server.base_url + "/api/v1/check",
        content=b"{" + b" " * (MAX_CHECK_BYTES + 10) + b"}",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
