"""Schemathesis against the app's own OpenAPI document: no 5xx, and every answer is one the
document describes (status code, content type and body schema). A short run for CI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.schemas import OpenApiSchema
from starlette.testclient import TestClient

from bot.app import create_app
from bot.config import Settings

# What is asked of every answer. Not "valid data is accepted": a schema-valid month may have
# no tariff order, which is a documented 422.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Examples per operation: the whole run stays under about 30 s on a shared 2-core machine.
EXAMPLES_PER_OPERATION = 60


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenApiSchema]:
    """The running app's document; the app keeps its store in a temporary state dir."""
    state: Path = tmp_path_factory.mktemp("schema") / "state"
    app = create_app(
        Settings(
            twilio_auth_token="schema-test-token-0123456789",
            # The channels' webhooks configured, so that they answer as in service (403 to
            # unsigned requests) rather than 503 for a missing secret.
            meta_app_secret="schema-test-meta-secret-0123456789",
            meta_verify_token="schema-test-meta-verify-token",
            sms_gateway_inbound_token="schema-test-sms-gateway-token",
            public_url="https://bijuli.example.in",
            state_dir=state,
            hash_key="schema-tests-hash-key-0123456789",
            month="2026-05",
        )
    )
    with TestClient(app):  # runs the lifespan, so the store is opened and closed as in service
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_answer_is_documented(api_schema: OpenApiSchema) -> None:
    # Each operation in turn, with Hypothesis driving Schemathesis's generated cases (its
    # pytest plugin is not used: it does not run under this project's pytest).
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.path for op in operations} >= {
        "/api/v1/estimate",
        "/api/v1/categories",
        "/api/v1/units/appliances",
    }
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def answers_as_documented(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        answers_as_documented()
