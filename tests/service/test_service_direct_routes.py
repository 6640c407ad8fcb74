"""The Twilio webhook served ahead of routing: still behind the request id and the error
handler, still documented, and every other request routed as before."""

from __future__ import annotations

from service_support import WEBHOOK, form, post_signed
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from bot.direct_routes import DirectRoutes, Endpoint
from bot.observability import RequestIdMiddleware


def test_a_webhook_answer_carries_its_request_id(client: TestClient) -> None:
    response = post_signed(client, form("domestic 250"))
    assert response.status_code == 200
    assert "<Message>" in response.text
    assert len(response.headers["X-Request-Id"]) >= 16
    given = client.post(
        WEBHOOK, data=form("hi"), headers={"X-Request-Id": "trace-42", "X-Twilio-Signature": "x"}
    )
    assert given.status_code == 403
    assert given.headers["X-Request-Id"] == "trace-42"


def test_other_methods_and_paths_are_routed_as_before(client: TestClient) -> None:
    assert client.get(WEBHOOK).status_code == 405
    # As routing answers it (a redirect, or the route itself refusing the unsigned post).
    assert client.post(WEBHOOK + "/", data=form("hi")).status_code in (307, 403, 404, 405)
    paths = client.get("/openapi.json").json()["paths"]
    assert "post" in paths[WEBHOOK], "the webhook is still documented"


def _app(routes: dict[tuple[str, str], Endpoint]) -> Starlette:
    async def routed(request: Request) -> Response:
        return PlainTextResponse("routed")

    app = Starlette(routes=[Route("/{rest:path}", routed, methods=["GET", "POST"])])
    app.add_middleware(DirectRoutes, routes=routes)
    app.add_middleware(RequestIdMiddleware)
    return app


def test_a_failing_direct_endpoint_is_a_plain_500_not_a_traceback() -> None:
    async def broken(request: Request) -> Response:
        raise RuntimeError("secret detail")

    client = TestClient(_app({("POST", "/hook"): broken}), raise_server_exceptions=False)
    response = client.post("/hook", data={"a": "b"})
    assert response.status_code == 500
    assert "secret detail" not in response.text
    assert "Traceback" not in response.text


def test_routes_added_after_the_middleware_are_served_directly() -> None:
    routes: dict[tuple[str, str], Endpoint] = {}
    client = TestClient(_app(routes))
    assert client.post("/hook").text == "routed"

    async def direct(request: Request) -> Response:
        body = await request.body()
        return PlainTextResponse(f"direct {request.method} {body.decode()}")

    routes["POST", "/hook"] = direct
    assert client.post("/hook", content=b"x=1").text == "direct POST x=1"
    assert client.get("/hook").text == "routed"
    assert client.post("/other").text == "routed"
