"""Browser fixtures: a real `bijuli serve`, Debian's Chromium driven by Playwright, and a guard
that fails a test when any request would leave the app.

Chromium is the one Debian installs (scripts/ensure-test-services.sh), never a download. One
browser per session; each test gets a fresh context (cookies) at the viewport it asks for.
Screenshots go to test-artifacts/browser/ (git-ignored).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "tests" / "e2e") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from e2e_support import Server, service_env  # noqa: E402, F401  (re-exported for conftest)

#: Where screenshots are written (git-ignored).
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
#: Chromium without its own network chatter (updates, sync, safe browsing): this machine's
#: closed network would otherwise fill the log with refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "a long pass phrase"
#: The agents the tests sign in as: one to work with, one to lock out.
AGENTS = {"rita": "en", "lockme": "or"}
PHONE = (360, 740)
DESKTOP = (1280, 900)


def add_agent(env: dict[str, str], name: str, language: str) -> None:
    """`bijuli agents add NAME`, the password on standard input (not a terminal)."""
    subprocess.run(
        [sys.executable, "-m", "bot.cli", "agents", "add", name, "--lang", language],
        input=PASSWORD + "\n",
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@dataclass
class Tab:
    """A page in a fresh context, and every request it tried outside the app."""

    page: Page
    context: BrowserContext
    base_url: str
    name: str
    outside: list[str] = field(default_factory=list)

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def shot(self, label: str) -> None:
        """A full-page screenshot, as a test artifact."""
        self.page.screenshot(path=str(ARTIFACTS / f"{self.name}-{label}.png"), full_page=True)

    def sign_in(self, name: str = "rita", password: str = PASSWORD) -> None:
        self.go("/agent/sign-in")
        self.page.fill("#name", name)
        self.page.fill("#password", password)
        self.page.click("button[type=submit]")


def open_tab(
    browser: Browser,
    server: Server,
    name: str,
    viewport: tuple[int, int],
    *,
    javascript: bool = True,
) -> Tab:
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]},
        accept_downloads=True,
        locale="en-IN",
        java_script_enabled=javascript,
    )
    # Pages come from loopback in milliseconds: a missing element fails in seconds.
    context.set_default_timeout(10_000)
    tab = Tab(context.new_page(), context, server.base_url, name)

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith(server.base_url + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            tab.outside.append(url)
            route.abort()

    context.route("**/*", guard)
    return tab
