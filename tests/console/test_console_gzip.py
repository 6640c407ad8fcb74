"""gzip on the console, and only there: pages, assets and the batch CSV are compressed for a
browser that accepts it, every other route of the app answers as before."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.console.test_console_pages import BATCH_CSV, csrf_of, make_client, sign_in

GZIP = {"Accept-Encoding": "gzip"}
PLAIN = {"Accept-Encoding": "identity"}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    yield from make_client(tmp_path, "https://bijuli.example.in")


def on_the_wire(client: TestClient, path: str, headers: dict[str, str]) -> tuple[bytes, str]:
    """The body as sent (not decoded) and its Content-Encoding."""
    with client.stream("GET", path, headers=headers) as answer:
        assert answer.status_code == 200, path
        return b"".join(answer.iter_raw()), answer.headers.get("content-encoding", "")


@pytest.mark.parametrize(
    "path",
    ["/agent/estimate", "/agent/day", "/agent/static/console.css", "/agent/static/console.js"],
)
def test_console_pages_and_assets_are_gzipped_for_a_browser_that_accepts_it(
    client: TestClient, path: str
) -> None:
    sign_in(client)
    plain, plain_encoding = on_the_wire(client, path, PLAIN)
    packed, encoding = on_the_wire(client, path, GZIP)
    assert (plain_encoding, encoding) == ("", "gzip")
    assert gzip.decompress(packed) == plain
    assert len(packed) < len(plain) / 2
    assert "accept-encoding" in client.get(path, headers=GZIP).headers["vary"].lower()


def test_the_rest_of_the_app_is_left_alone(client: TestClient) -> None:
    for path in ("/api/v1/categories", "/openapi.json", "/chat"):
        body, encoding = on_the_wire(client, path, GZIP)
        assert len(body) > 500, "large enough that gzip would have taken it"
        assert encoding == "", path


def test_a_gzipped_batch_still_streams_every_row(client: TestClient) -> None:
    sign_in(client)
    token = csrf_of(client.get("/agent/batch"))
    with client.stream(
        "POST",
        "/agent/batch",
        data={"csrf": token},
        files={"file": ("consumers.csv", BATCH_CSV.encode(), "text/csv")},
        headers=GZIP,
    ) as answer:
        assert answer.headers["content-encoding"] == "gzip"
        text = gzip.decompress(b"".join(answer.iter_raw())).decode()
    assert text.count("\n") == 4, "the header and three rows"
