"""``GET /api/v1/estimate/card``: a PNG for a request that can be billed, the same 422 problems
as the estimate route (never echoing the input) otherwise, and the route in the OpenAPI
document with its PNG answer."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from bot.app import create_app
from bot.config import Settings
from bot.i18n.catalogs import Translator
from bot.media import card_fonts
from bot.media.card import CARD_WIDTH, MAX_CARD_BYTES, layout_card
from bot.media.card_route import CARD_PATH, best_saving
from tariff_core import BillRequest, estimate

HOME = {"category": "domestic", "units": "250", "month": "2026-11"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    state: Path = tmp_path_factory.mktemp("card-api") / "state"
    settings = Settings(
        twilio_auth_token="card-api-test-token-0123456789",
        public_url="https://bijuli.example.in",
        state_dir=state,
        hash_key="card-api-tests-hash-key-01234567",
        month="2026-05",
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.mark.parametrize("language", ["or", "hi", "en"])
def test_a_request_gets_its_card_as_a_png(client: TestClient, language: str) -> None:
    response = client.get(CARD_PATH, params={**HOME, "language": language})
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert len(response.content) <= MAX_CARD_BYTES
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.format == "PNG"
        assert image.width == CARD_WIDTH


def test_the_card_is_the_estimate_routes_bill_with_the_tips_best_saving(
    client: TestClient,
) -> None:
    query = {**HOME, "contract_demand": "3", "rural": "true", "language": "en"}
    response = client.get(CARD_PATH, params=query)
    body = {key: value for key, value in query.items() if key != "language"}
    estimated = client.post("/api/v1/estimate", json=body)
    assert response.status_code == estimated.status_code == 200
    bill = BillRequest.model_validate(body)
    est = estimate(bill)
    assert str(est.payable_by_due_date) == estimated.json()["payable_by_due_date"]
    t = Translator.load("en")
    saving = best_saving(bill, est, t)
    assert saving  # a home bill always has one (pay on time, digitally…)
    card = layout_card(est, "en", saving=saving)
    assert card.rows_of("saving") == [saving]


def test_language_defaults_to_odia(client: TestClient) -> None:
    odia = client.get(CARD_PATH, params={**HOME, "language": "or"})
    default = client.get(CARD_PATH, params=HOME)
    assert default.content == odia.content


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"units": "250", "month": "2026-11"}, "category"),
        ({**HOME, "units": "-5"}, "units"),
        ({**HOME, "units": "lots<script>"}, "units"),
        ({**HOME, "month": "someday<script>"}, "month"),
        ({**HOME, "language": "fr<script>"}, "language"),
        ({**HOME, "rural": "maybe<script>"}, "rural"),
    ],
)
def test_a_bad_request_gets_a_problem_naming_the_field_not_the_input(
    client: TestClient, query: dict[str, str], field: str
) -> None:
    response = client.get(CARD_PATH, params=query)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"
    problem = response.json()
    assert problem["field"] == field
    assert "<script>" not in response.text


def test_a_request_that_cannot_be_billed_is_the_estimate_routes_problem(
    client: TestClient,
) -> None:
    query = {**HOME, "category": "no-such-category<b>"}
    card = client.get(CARD_PATH, params=query)
    estimated = client.post("/api/v1/estimate", json=query)
    assert card.status_code == estimated.status_code == 422
    assert card.json() == estimated.json()
    assert "<b>" not in card.text
    # A month before any tariff order: the engine's own problem, as on the estimate route.
    early = {**HOME, "month": "1990-01"}
    assert client.get(CARD_PATH, params=early).json() == (
        client.post("/api/v1/estimate", json=early).json()
    )


def test_a_server_without_shaping_answers_503_without_a_traceback(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(card_fonts.features, "check", lambda feature: False)
    response = client.get(CARD_PATH, params=HOME)
    assert response.status_code == 503
    assert "cannot draw the card" in response.json()["error"]


def test_the_route_and_its_png_answer_are_in_the_openapi_document(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"][CARD_PATH]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"category", "units", "month", "contract_demand", "rural", "language"} <= names
    assert all(parameter["in"] == "query" for parameter in operation["parameters"])
    assert "image/png" in operation["responses"]["200"]["content"]
    assert set(operation["responses"]) >= {"200", "422", "503"}
