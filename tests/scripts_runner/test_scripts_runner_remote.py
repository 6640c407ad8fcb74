"""`bijuli script run --against URL`: scripts over the real Twilio webhook of a real
`bijuli serve` subprocess (signed over the public URL, fresh sender per script)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.e2e_support import PUBLIC_URL, ROOT, TOKEN, Server, running_server

ENGLISH = ROOT / "tests" / "conversations" / "en"
#: Scripts that need no pinned month (the server bills its own BIJULI_MONTH, 2026-05).
REMOTE_SCRIPTS = [
    "home-guided-whatsapp.yaml",
    "home-guided-sms.yaml",
    "quick-domestic-words.yaml",
    "stop-start.yaml",
    "delete-data-sms.yaml",
    "bad-input-every-step.yaml",
    "meter-readings-prefilled-sms.yaml",  # has a `start`: not runnable remotely
]
FAILING = """\
name: remote-failing
language: en
channel: whatsapp
steps:
  - say: hi
  - say: domestic 250
    reply_contains: "₹9,999.00"
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server("scripts server", tmp_path_factory.mktemp("scripts-remote")) as process:
        yield process


def _run(
    paths: list[Path], url: str, *, token: str = TOKEN, public_url: str = PUBLIC_URL
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BIJULI_", "TWILIO_"))}
    env.update(TWILIO_AUTH_TOKEN=token, BIJULI_PUBLIC_URL=public_url)
    command = [sys.executable, "-m", "bot.cli", "script", "run", *map(str, paths)]
    return subprocess.run(
        [*command, "--against", url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_scripts_pass_against_a_running_service(server: Server) -> None:
    result = _run([ENGLISH / name for name in REMOTE_SCRIPTS], server.base_url)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr + server.log()
    assert "12 passed, 0 failed, 1 not runnable remotely" in out
    assert "SKIP " in out
    assert "not runnable remotely: its pre-filled `start` session cannot be sent" in out
    assert "session/estimate/deleted checks skipped (not visible remotely)" in out


def test_a_failing_script_fails_remotely_with_the_reply(server: Server, tmp_path: Path) -> None:
    path = tmp_path / "failing.yaml"
    path.write_text(FAILING, encoding="utf-8")
    result = _run([path], server.base_url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "step 2 of 2: the user said 'domestic 250'" in result.stdout
    assert "expected the reply to contain '₹9,999.00'" in result.stdout
    assert "| *Pay by due date: ₹1,170.00*" in result.stdout


def test_a_wrong_signature_is_reported(server: Server) -> None:
    result = _run([ENGLISH / "home-guided-sms.yaml"], server.base_url, token="not-the-token")
    assert result.returncode == 1
    assert "the service answered HTTP 403" in result.stdout


def test_no_token_is_a_configuration_error(server: Server) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BIJULI_", "TWILIO_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "script", "run", str(ENGLISH), "--against", "x"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "TWILIO_AUTH_TOKEN is not set" in result.stderr
