"""Browser fixtures: a real `bijuli serve`, Debian's Chromium driven by Playwright, and a guard
that fails a test when any request would leave the app (see browser_support)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from browser_support import (
    AGENTS,
    ARTIFACTS,
    CHROMIUM,
    PHONE,
    Server,
    Tab,
    add_agent,
    launch,
    open_tab,
    service_env,
)
from playwright.sync_api import Browser, sync_playwright


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`bijuli serve` on a fresh state dir whose public URL is its own loopback address."""
    state = tmp_path_factory.mktemp("browser")
    process = Server("console server", {}, state / "server.log")
    process.env = service_env(state / "state", BIJULI_PUBLIC_URL=process.base_url)
    for name, language in AGENTS.items():
        add_agent(process.env, name, language)
    process.start()
    try:
        process.wait_ready()
        yield process
    finally:
        process.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, for the whole session."""
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-test-services.sh")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        yield launch(playwright)


@pytest.fixture
def tab(browser: Browser, server: Server, request: pytest.FixtureRequest) -> Iterator[Tab]:
    """A fresh page at phone width (a test may ask for another viewport through
    ``@pytest.mark.parametrize("viewport", ...)``); fails the test on any outside request."""
    viewport = (
        request.node.callspec.params.get("viewport", PHONE)
        if hasattr(request.node, "callspec")
        else PHONE
    )
    name = request.node.name.replace("[", "-").replace("]", "").replace("/", "-")
    opened = open_tab(browser, server, name, viewport)
    try:
        yield opened
    finally:
        opened.context.close()
    assert opened.outside == [], f"requests left the app: {opened.outside}"
