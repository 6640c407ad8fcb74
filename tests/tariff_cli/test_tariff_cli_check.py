"""``python -m tariff_core check``: flags, JSON on stdin, --json, --help, exit 2 on bad input.

In process through ``tariff_core.cli.main`` (real argv, stdin, stdout, stderr), and once through
a real process for ``--help`` and the exit status.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tariff_core.cli import main

ROOT = Path(__file__).resolve().parents[2]
PROVISIONAL = [
    "check",
    "--category",
    "1.b",
    "--units",
    "905",
    "--from",
    "2026-05-01",
    "--to",
    "2026-07-31",
    "--months",
    "3",
    "--total",
    "4640",
]


def run(
    argv: list[str], stdin: str = "", monkeypatch: pytest.MonkeyPatch | None = None
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    mp = monkeypatch or pytest.MonkeyPatch()
    mp.setattr(sys, "stdin", io.StringIO(stdin))
    mp.setattr(sys, "stdout", out)
    mp.setattr(sys, "stderr", err)
    try:
        status = main(argv)
    finally:
        if monkeypatch is None:
            mp.undo()
    return status, out.getvalue(), err.getvalue()


def test_a_three_month_bill_by_flags_agrees() -> None:
    # 905 units over three months: 4468.50 + duty 171.54 => 4640 (see tests/tariff).
    status, out, err = run(PROVISIONAL)
    assert (status, err) == (0, "")
    assert "Verdict: agrees" in out
    assert "3 months" in out
    assert "4,640.00" in out


def test_json_output_has_the_lines_and_findings() -> None:
    status, out, _ = run([*PROVISIONAL[:-2], "--total", "4711", "--json"])
    assert status == 0
    data = json.loads(out)
    assert data["verdict"] == "differs"
    assert data["expected_total"] == "4640.00"
    total = next(ln for ln in data["lines"] if ln["item"] == "total")
    assert total["difference"] == "71.00"
    assert "total_differs" in [f["code"] for f in data["findings"]]


def test_a_json_request_on_stdin() -> None:
    request = {
        "category": "2",
        "period_from": "2026-05",
        "units": 300,
        "contract_demand": 3,
        "meter": "single-phase-static",
        "printed": {"fixed": "300", "total": "2330"},
    }
    status, out, _ = run(["check", "--json"], json.dumps(request))
    assert status == 0
    codes = [f["code"] for f in json.loads(out)["findings"]]
    assert "fixed_fits_other_load" in codes


def test_readings_and_printed_amounts_by_flags() -> None:
    status, out, _ = run(
        [
            "check",
            "--category",
            "domestic",
            "--from",
            "2026-05",
            "--previous",
            "9950",
            "--present",
            "150",
            "--meter-rent",
            "40",
            "--total",
            "944",
        ]
    )
    assert status == 0
    assert "rolled" in out or "started again" in out
    assert "Verdict: agrees" in out


@pytest.mark.parametrize(
    ("argv", "stdin", "words"),
    [
        (["check", "--category", "1.b", "--units", "10"], "", "--from"),
        (["check", "--category", "1.b", "--from", "2026-05"], "", "units"),
        (["check"], "", "JSON request"),
        (["check"], "[1]", "object"),
        (["check"], "{nope", "not valid JSON"),
        (["check", "--category", "1.b", "--from", "2026-05", "--units", "x"], "", "number"),
        (["check", "--category", "1.b", "--from", "2025-05", "--units", "10"], "", "2026"),
        (["check", "--category", "99", "--from", "2026-05", "--units", "10"], "", "category"),
        (
            ["check", "--category", "1.b", "--from", "2026-05", "--units", "1", "--months", "13"],
            "",
            "months",
        ),
    ],
)
def test_bad_input_exits_2_with_a_message(argv: list[str], stdin: str, words: str) -> None:
    status, out, err = run(argv, stdin)
    assert status == 2
    assert out == ""
    assert err.startswith("error: ")
    assert words in err
    assert "Traceback" not in err


def test_help_and_exit_status_through_a_real_process() -> None:
    helped = subprocess.run(
        [sys.executable, "-m", "tariff_core", "check", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert helped.returncode == 0
    for flag in ("--months", "--from", "--to", "--total", "--arrears", "--dps", "--json"):
        assert flag in helped.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "tariff_core", "check", "--category", "1.b"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: ")
