"""`bijuli script run --against URL`: scripts over the real Twilio webhook of a real
`bijuli serve` subprocess (signed over the public URL, fresh sender per script).

The runner asks the service's `GET /healthz` which month it bills, and skips scripts written for
another month; a service it cannot reach is one line on stderr and exit status 2.
"""

from __future__ import annotations

import http.server
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.scripts.format import expand, load_script
from tests.e2e.e2e_support import MONTH, PUBLIC_URL, ROOT, TOKEN, Server, free_port, running_server

ENGLISH = ROOT / "tests" / "conversations" / "en"
#: A script pinned to July 2026 (its reply names the month; ToD applies from July).
JULY_SCRIPT = ENGLISH / "tod-after-july.yaml"
#: Scripts written for the default month, 2026-05, which the module's server bills (BIJULI_MONTH).
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
    paths: list[Path],
    url: str,
    *,
    token: str = TOKEN,
    public_url: str = PUBLIC_URL,
    extra: list[str] | None = None,
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BIJULI_", "TWILIO_"))}
    env.update(TWILIO_AUTH_TOKEN=token, BIJULI_PUBLIC_URL=public_url)
    command = [sys.executable, "-m", "bot.cli", "script", "run", *map(str, paths)]
    return subprocess.run(
        [*command, "--against", url, *(extra or [])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


#: One progress line: a status, then `path: test-id`.
_PROGRESS = re.compile(r"^(ok  |FAIL|SKIP) (\S+\.yaml): (\S+)")


def _progress(out: str) -> list[tuple[str, str, str]]:
    """(status, file name, test id) of every progress line of ``out``, in order."""
    found = []
    for line in out.splitlines():
        match = _PROGRESS.match(line)
        if match:
            found.append((match[1].strip(), Path(match[2]).name, match[3]))
    return found


def _case_count() -> int:
    """How many cases (variants count one each) the remote scripts expand to."""
    paths = [ENGLISH / name for name in REMOTE_SCRIPTS]
    return sum(len(expand(load_script(path), path)) for path in paths)


def test_scripts_pass_against_a_running_service(server: Server) -> None:
    result = _run([ENGLISH / name for name in REMOTE_SCRIPTS], server.base_url)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr + server.log()
    # every case but the one with a `start` session passes
    assert f"{_case_count() - 1} passed, 0 failed, 1 skipped" in out
    assert "SKIP " in out
    assert "not runnable remotely: its pre-filled `start` session cannot be sent" in out
    assert "session/estimate/deleted checks skipped (not visible remotely)" in out
    assert result.stderr == ""


def test_one_progress_line_per_case_then_the_summary(server: Server) -> None:
    result = _run([ENGLISH / name for name in REMOTE_SCRIPTS], server.base_url)
    lines = result.stdout.splitlines()
    progress = _progress(result.stdout)
    # quick-domestic-words.yaml has variants: more cases than files, one line per case
    assert _case_count() > len(REMOTE_SCRIPTS)
    assert len(progress) == _case_count(), result.stdout
    statuses = [status for status, _, _ in progress]
    assert statuses.count("ok") == _case_count() - 1
    assert statuses.count("SKIP") == 1
    # in the order given, each script's cases together
    files = list(dict.fromkeys(name for _, name, _ in progress))
    assert files == REMOTE_SCRIPTS
    summary = [i for i, line in enumerate(lines) if re.match(r"\d+ passed, \d+ failed", line)]
    assert len(summary) == 1
    last_progress = max(i for i, line in enumerate(lines) if _PROGRESS.match(line))
    assert summary[0] > last_progress


def test_a_script_for_another_month_is_skipped_with_the_reason(server: Server) -> None:
    result = _run([JULY_SCRIPT, ENGLISH / "home-guided-sms.yaml"], server.base_url)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    skipped = (
        f"SKIP {JULY_SCRIPT}: en-tod-after-july: written for 2026-07, the service bills {MONTH}"
    )
    assert skipped in out.splitlines()
    assert "1 passed, 0 failed, 1 skipped" in out
    assert "--any-month runs them anyway" in out
    # skipped for a reason: run anyway, it fails (May has no time-of-day split to ask about)
    anyway = _run([JULY_SCRIPT], server.base_url, extra=["--any-month"])
    assert anyway.returncode == 1, anyway.stdout + anyway.stderr
    assert ("FAIL", "tod-after-july.yaml", "en-tod-after-july") in _progress(anyway.stdout)
    assert "expected the reply to contain" in anyway.stdout
    assert f"note: written for 2026-07, the service bills {MONTH}: a failure may come" in (
        anyway.stdout
    )


def test_scripts_of_the_services_month_run_and_the_others_are_skipped(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    state = tmp_path_factory.mktemp("scripts-july")
    with running_server("july server", state, BIJULI_MONTH="2026-07") as july:
        result = _run([JULY_SCRIPT, ENGLISH / "home-guided-sms.yaml"], july.base_url)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert ("ok", "tod-after-july.yaml", "en-tod-after-july") in _progress(out)
    assert "home-guided-sms: written for 2026-05 (the default: the script has no `month`), " in out
    assert "the service bills 2026-07" in out
    assert "1 passed, 0 failed, 1 skipped" in out


def test_a_refused_connection_is_one_line_and_status_2() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    result = _run([ENGLISH / "home-guided-sms.yaml"], url)
    assert result.returncode == 2
    assert result.stderr == f"bijuli: cannot reach {url}: connection refused\n"
    assert result.stdout == ""


class _NotBijuli(http.server.BaseHTTPRequestHandler):
    """Some other web server: 404 for every GET."""

    def do_GET(self) -> None:
        self.send_error(404)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_url_that_is_not_a_bijuli_service_is_one_line() -> None:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotBijuli)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}"
        result = _run([ENGLISH / "home-guided-sms.yaml"], url)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.returncode == 2
    expected = f"bijuli: cannot reach {url}: GET /healthz answered HTTP 404, not a Bijuli service\n"
    assert result.stderr == expected


def test_a_failing_script_fails_remotely_with_the_reply(server: Server, tmp_path: Path) -> None:
    path = tmp_path / "failing.yaml"
    path.write_text(FAILING, encoding="utf-8")
    result = _run([path], server.base_url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "step 2 of 2: the user said 'domestic 250'" in result.stdout
    assert "expected the reply to contain '₹9,999.00'" in result.stdout
    assert "| *Pay by due date: ₹1,215.00*" in result.stdout  # 1,195 - 25 + duty 45.40


def test_a_wrong_signature_is_reported(server: Server) -> None:
    result = _run([ENGLISH / "home-guided-sms.yaml"], server.base_url, token="not-the-token")
    assert result.returncode == 1
    assert "the service answered HTTP 403" in result.stdout


def test_no_token_is_a_configuration_error(server: Server) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BIJULI_", "TWILIO_"))}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "script",
            "run",
            str(ENGLISH),
            "--against",
            server.base_url,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "TWILIO_AUTH_TOKEN is not set" in result.stderr


def test_an_address_without_a_scheme_is_refused_in_one_line() -> None:
    result = _run([ENGLISH / "home-guided-sms.yaml"], "127.0.0.1:8000")
    assert result.returncode == 2
    assert result.stderr == (
        "bijuli: --against takes a URL such as http://127.0.0.1:8000 (got '127.0.0.1:8000')\n"
    )
