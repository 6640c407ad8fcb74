"""Sign-in limits behind a reverse proxy: the forwarded address from BIJULI_TRUSTED_PROXY only,
and a browser an agent signed in from before is not kept out by a locked shared address."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from starlette.requests import Request

from bot.app import create_app
from bot.config import Settings
from bot.console import accounts as acc
from bot.console.accounts import Accounts, SignIn
from bot.console.client_address import ClientAddress, parse_trusted_proxies
from bot.console.store import ConsoleStore, open_console_store
from tests.console.test_console_pages import PASSWORD, csrf_of

PROXY = "127.0.0.1"


def request_from(peer: str, *forwarded: str) -> Request:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return Request({"type": "http", "client": (peer, 40000), "headers": headers})


def test_the_forwarded_address_is_believed_from_a_trusted_proxy_only() -> None:
    behind = ClientAddress(parse_trusted_proxies("127.0.0.1, 10.0.0.0/8"))
    # The proxy appended the address it was connected from: the right end.
    assert behind.of(request_from(PROXY, "203.0.113.7")) == "203.0.113.7"
    # What the client wrote itself, to the left, is never believed.
    assert behind.of(request_from(PROXY, "198.51.100.1, 203.0.113.7")) == "203.0.113.7"
    # A chain of trusted proxies is walked through; two header lines are one list.
    assert behind.of(request_from(PROXY, "198.51.100.1, 203.0.113.7", "10.1.2.3")) == (
        "203.0.113.7"
    )
    # Not from the proxy: the header is anyone's to forge.
    assert behind.of(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"
    # From the proxy with nothing usable: the proxy's own address.
    assert behind.of(request_from(PROXY)) == PROXY
    assert behind.of(request_from(PROXY, "not-an-address")) == PROXY
    # Without the setting nothing forwarded is believed.
    assert ClientAddress().of(request_from(PROXY, "203.0.113.7")) == PROXY


def test_the_setting_names_addresses_or_networks() -> None:
    assert [str(n) for n in parse_trusted_proxies(" ::1 ,10.0.0.0/8,")] == ["::1/128", "10.0.0.0/8"]
    assert parse_trusted_proxies(None) == ()
    with pytest.raises(ValidationError, match="BIJULI_TRUSTED_PROXY: not an IP address"):
        Settings(trusted_proxy="proxy.local")
    assert Settings(trusted_proxy="").trusted_proxy is None


def test_a_known_device_is_not_kept_out_by_a_locked_address(console_store: ConsoleStore) -> None:
    accounts = Accounts(console_store)
    accounts.add("rita", PASSWORD)
    for n in range(acc.MAX_ADDRESS_FAILURES):
        accounts.sign_in(f"guess{n}", "wrong password", PROXY)
    assert accounts.sign_in("rita", PASSWORD, PROXY).outcome is SignIn.LOCKED
    assert accounts.sign_in("rita", PASSWORD, PROXY, known_device=True).outcome is SignIn.OK
    # The account's own limit still holds for a known device.
    for _ in range(acc.MAX_ACCOUNT_FAILURES):
        accounts.sign_in("rita", "wrong password", PROXY, known_device=True)
    assert accounts.sign_in("rita", PASSWORD, PROXY, known_device=True).outcome is SignIn.LOCKED


def serve(tmp_path: Path, **settings: str) -> Iterator[TestClient]:
    """The app as it runs behind a proxy on the same machine: every request from 127.0.0.1."""
    config = Settings(
        state_dir=tmp_path / "state",
        hash_key="k" * 32,
        month="2026-05",
        public_url="https://bijuli.example.in",
        **settings,
    )
    store = open_console_store(config.session_store_url)
    Accounts(store).add("rita", PASSWORD, language="en")
    store.close()
    with TestClient(
        create_app(config), base_url="https://testserver", client=(PROXY, 40000)
    ) as client:
        yield client


def sign_in(client: TestClient, name: str, password: str, forwarded: str) -> int:
    token = csrf_of(client.get("/agent/sign-in"))
    return client.post(
        "/agent/sign-in",
        data={"csrf": token, "name": name, "password": password},
        headers={"X-Forwarded-For": forwarded},
        follow_redirects=False,
    ).status_code


def guess_from(client: TestClient, forwarded: str) -> None:
    """One address trying many accounts until it is locked."""
    for n in range(acc.MAX_ADDRESS_FAILURES):
        sign_in(client, f"guess{n}", "wrong password", forwarded)


def test_behind_a_trusted_proxy_only_the_guessers_address_is_locked(tmp_path: Path) -> None:
    for client in serve(tmp_path, trusted_proxy=PROXY):
        guess_from(client, "203.0.113.66")
        assert sign_in(client, "rita", PASSWORD, "203.0.113.66") == 429
        assert sign_in(client, "rita", PASSWORD, "198.51.100.4") == 303


def test_without_the_setting_agents_who_signed_in_before_still_can(tmp_path: Path) -> None:
    for client in serve(tmp_path):
        assert sign_in(client, "rita", PASSWORD, "198.51.100.4") == 303
        assert client.cookies.get("bijuli_device")
        # Someone else, in their own browser, guesses through the same proxy.
        guesser = TestClient(client.app, base_url="https://testserver", client=(PROXY, 40001))
        guess_from(guesser, "203.0.113.66")
        # Every request comes from the proxy: a new browser waits for the lock to end ...
        device = client.cookies.get("bijuli_device")
        client.cookies.clear()
        assert sign_in(client, "rita", PASSWORD, "198.51.100.4") == 429
        # ... but rita's own browser signs in.
        client.cookies.set("bijuli_device", device or "", domain="testserver.local", path="/agent")
        assert sign_in(client, "rita", PASSWORD, "198.51.100.4") == 303
