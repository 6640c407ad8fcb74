"""Configuration and argument errors end `bijuli` at once with a clear message, never a
traceback, and never a loop of crashing workers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Long enough for a start-up check on a loaded machine; a worker that crashes and is respawned
# keeps running far past it.
EXIT_WITHIN_SECONDS = 20


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _env(tmp_path: Path, **variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BIJULI_", "TWILIO_"))}
    env.update(
        BIJULI_STATE_DIR=str(tmp_path / "state"),
        BIJULI_HASH_KEY="cli-errors-hash-key-0123456789",
        TWILIO_AUTH_TOKEN="cli-errors-token",
        **variables,
    )
    return env


def _bijuli(
    tmp_path: Path, *args: str, stdin: str = "", **variables: str
) -> subprocess.CompletedProcess[str]:
    """Run `bijuli` to its end, or kill it (and its workers) after EXIT_WITHIN_SECONDS."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=_env(tmp_path, **variables),
        start_new_session=True,
    )
    try:
        out, err = process.communicate(stdin, timeout=EXIT_WITHIN_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        pytest.fail(f"bijuli {' '.join(args)} was still running; its log ends:\n{err[-2000:]}")
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _one_clear_line(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize(
    ("store", "words"),
    [
        ("bogus://host/0", ("unknown session store URL scheme",)),
        ("redis://127.0.0.1:{port}/0", ("session store", "does not answer")),
        ("sqlite:///{state}", ("session store", "does not answer")),  # a directory, not a file
    ],
    ids=["unknown scheme", "redis down", "sqlite on a directory"],
)
def test_a_bad_store_ends_serve_with_one_line(
    tmp_path: Path, workers: str, store: str, words: tuple[str, ...]
) -> None:
    (tmp_path / "state").mkdir()
    url = store.format(port=_free_port(), state=tmp_path / "state")
    result = _bijuli(
        tmp_path,
        "serve",
        "--port",
        str(_free_port()),
        "--workers",
        workers,
        BIJULI_SESSION_STORE=url,
    )
    _one_clear_line(result, *words)
    assert "bijuli:" in result.stderr
    assert url.split("://")[1] not in result.stderr or "sqlite" in url  # no host or password


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_an_impossible_port_is_an_argument_error(tmp_path: Path, port: str) -> None:
    result = _bijuli(tmp_path, "serve", "--port", port)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "--port" in result.stderr


def test_zero_workers_is_an_argument_error(tmp_path: Path) -> None:
    result = _bijuli(tmp_path, "serve", "--workers", "0")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "--workers" in result.stderr


def test_chat_for_a_month_without_a_tariff_order_is_an_argument_error(tmp_path: Path) -> None:
    result = _bijuli(tmp_path, "chat", "--month", "2019-01", stdin="hi\n")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "2019-01" in result.stderr


def test_chat_into_a_pipe_closed_early_ends_quietly(tmp_path: Path) -> None:
    # `bijuli chat | head -1`: the reader goes away after the first line.
    script = (
        f"{sys.executable} -m bot.cli chat --month 2026-05 | head -1 >/dev/null; "
        'exit "${PIPESTATUS[0]}"'
    )
    messages = "hi\n" + "domestic 250\nmenu\nhelp\n" * 50
    result = subprocess.run(
        ["bash", "-c", script],
        input=messages,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(tmp_path),
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr
    assert "BrokenPipeError" not in result.stderr
    assert result.stderr == ""
