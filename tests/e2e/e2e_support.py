"""Helpers for the end-to-end tests: a real `bijuli serve` process, signed posts over HTTP."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

import httpx

from bot.config import Settings
from bot.stores import open_store, user_key
from tests.support.twilio_forms import twilio_form, twilio_signature

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "e2e-auth-token-fedcba9876543210"
HASH_KEY = "e2e-hash-key-00112233445566778899"
PUBLIC_URL = "https://bijuli.example.in"
WEBHOOK = "/webhooks/twilio"
MONTH = "2026-05"
STARTUP_SECONDS = 20.0

_numbers = itertools.count(1)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def new_user(channel: str = "whatsapp") -> str:
    """A sender address no other test uses."""
    number = f"+9170{next(_numbers):04d}{uuid.uuid4().int % 10_000:04d}"
    return f"whatsapp:{number}" if channel == "whatsapp" else number


def form(sender: str, body: str = "", *, sid: str | None = None, **extra: str) -> dict[str, str]:
    """The fields Twilio posts for one message."""
    return twilio_form(sender, body, sid=sid, **extra)


def signature(fields: Mapping[str, str], url: str = PUBLIC_URL + WEBHOOK) -> str:
    """X-Twilio-Signature as Twilio computes it."""
    return twilio_signature(TOKEN, url, fields)


def messages(twiml: str) -> list[str]:
    root = ElementTree.fromstring(twiml)
    assert root.tag == "Response", twiml
    return [element.text or "" for element in root.findall("Message")]


def service_env(state_dir: Path, **extra: str) -> dict[str, str]:
    """The server's environment: ours, minus any BIJULI_* / TWILIO_* of the developer."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BIJULI_", "TWILIO_"))}
    env.update(
        TWILIO_AUTH_TOKEN=TOKEN,
        BIJULI_PUBLIC_URL=PUBLIC_URL,
        BIJULI_STATE_DIR=str(state_dir),
        BIJULI_HASH_KEY=HASH_KEY,
        BIJULI_MONTH=MONTH,
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@dataclass
class Server:
    """One `bijuli serve` subprocess on a loopback port."""

    name: str
    env: dict[str, str]
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    _log: IO[bytes] | None = None
    #: More `bijuli serve` options, e.g. ["--workers", "2"].
    options: list[str] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def settings(self) -> Settings:
        """The settings the server runs with, to read its store from the test."""
        return Settings(
            twilio_auth_token=TOKEN,
            public_url=PUBLIC_URL,
            state_dir=Path(self.env["BIJULI_STATE_DIR"]),
            session_store=self.env.get("BIJULI_SESSION_STORE"),
            hash_key=HASH_KEY,
            month=MONTH,
        )

    def start(self) -> None:
        command = [sys.executable, "-m", "bot.cli", "serve", "--host", "127.0.0.1"]
        command += ["--port", str(self.port), *self.options]
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT
        )

    def wait_ready(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + STARTUP_SECONDS
        with httpx.Client(base_url=self.base_url, timeout=1.0) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.name} exited early:\n{self.log()}")
                try:
                    if client.get("/healthz").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not become healthy:\n{self.log()}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def post(
        self,
        client: httpx.Client,
        fields: Mapping[str, str],
        *,
        url: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """POST ``fields`` signed over ``url`` (default: the public webhook URL)."""
        signed = {"X-Twilio-Signature": signature(fields, url or PUBLIC_URL + WEBHOOK)}
        return client.post(
            self.base_url + WEBHOOK, data=dict(fields), headers=dict(headers or signed)
        )

    def say(self, client: httpx.Client, sender: str, body: str, **extra: str) -> list[str]:
        """Send one message; return the reply messages (asserting a 200 TwiML answer)."""
        response = self.post(client, form(sender, body, **extra))
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/xml")
        return messages(response.text)

    def session(self, sender: str) -> str | None:
        """The session the server's store holds for ``sender``."""
        settings = self.settings
        store = open_store(settings.session_store_url)
        try:
            with store.open(user_key(sender, settings.hash_secret())) as slot:
                return slot.data
        finally:
            store.close()


def redis_binary() -> str | None:
    return shutil.which("redis-server")


@contextmanager
def running_server(name: str, state: Path, **env: str) -> Iterator[Server]:
    """A ready `bijuli serve` on SQLite (or ``env``'s store) in ``state``; stopped after."""
    process = Server(name, service_env(state / "state", **env), state / "server.log")
    process.start()
    try:
        process.wait_ready()
        yield process
    finally:
        process.stop()
