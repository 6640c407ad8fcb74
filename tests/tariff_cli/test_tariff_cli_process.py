"""The CLI contract through a real process: ``python -m tariff_core`` with ``sys.executable``.

No mocks. The processes start together once per module (each start costs ~0.3 s), and each
test reads the result of one; the in-process tests cover the many other cases.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: fcntl command to resize a pipe (Linux).
F_SETPIPE_SZ = 1031
MONTH = ["--month", "2026-08"]

#: name -> (argv after ``python -m tariff_core``, stdin)
RUNS: dict[str, tuple[list[str], str]] = {
    "categories": (["categories"], ""),
    "categories_json": (["categories", "--json"], ""),
    "estimate_all_flags": (
        [
            "estimate",
            "--category",
            "1.b",
            "--units",
            "400",
            "--load",
            "12",
            "--max-demand",
            "11",
            "--kwh",
            "400",
            *MONTH,
            "--meter",
            "single-phase-smart",
            "--rural",
            "--temporary",
            "--solar-units",
            "100",
            "--peak-units",
            "80",
            "--days-late",
            "15",
            "--json",
        ],
        "",
    ),
    "estimate_table": (["estimate", "--category", "domestic", "--units", "250", *MONTH], ""),
    "estimate_stdin": (
        ["estimate", "--json"],
        '{"category": "23", "month": "2026-08", "units": 50000, "contract_demand": 200, '
        '"max_demand": 180, "kwh": 48000}',
    ),
    "unknown_category": (["estimate", "--category", "99", "--units", "10", *MONTH], ""),
    "invalid_json": (["estimate"], "{not json"),
    "unknown_flag": (["estimate", "--category", "1.b", "--units", "10", *MONTH, "--x"], ""),
    "no_month": (["estimate", "--category", "1.b", "--units", "10"], ""),
    "readings_roll_over": (["readings", "99950", "30"], ""),
}


@dataclass
class Done:
    status: int
    out: str
    err: str


@pytest.fixture(scope="module")
def done() -> dict[str, Done]:
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-m", "tariff_core", *argv],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for name, (argv, _) in RUNS.items()
    }
    results = {}
    for name, proc in procs.items():
        out, err = proc.communicate(RUNS[name][1], timeout=120)
        results[name] = Done(proc.returncode, out, err)
    return results


def ok(done: dict[str, Done], name: str) -> Done:
    result = done[name]
    assert result.status == 0, result.err
    assert result.err == ""
    return result


def test_categories(done: dict[str, Done]) -> None:
    rows = ok(done, "categories").out.splitlines()
    assert len(rows) == 37
    assert rows[1].split()[:2] == ["1.b", "domestic"]
    assert "[asks: units" in rows[1]
    listing = json.loads(ok(done, "categories_json").out)
    assert len(listing) == 37
    assert [item["id"] for item in listing[:3]] == ["1.a", "1.b", "2"]
    assert listing[-1]["id"] == "36"


def test_estimate_with_every_flag(done: dict[str, Done]) -> None:
    data = json.loads(ok(done, "estimate_all_flags").out)
    assert {"category", "month", "lines", "charges_total", "electricity_duty", "rebates"} <= set(
        data
    )
    assert {"payable_by_due_date", "payable_after_due_date", "notes"} <= set(data)
    assert {line["code"] for line in data["lines"]} == {"energy", "tod", "fixed", "meter_rent"}
    assert sum(Decimal(ln["amount"]) for ln in data["lines"]) == Decimal(data["charges_total"])
    assert data["charges_total"].count(".") == 1
    assert len(data["charges_total"].split(".")[1]) == 2


def test_estimate_table(done: dict[str, Done]) -> None:
    table = ok(done, "estimate_table").out
    assert table.startswith("Domestic (LT, category 1.b), 2026-08: 250 kWh")
    for label in ("Energy 1-50 units", "Fixed charge, first kW", "Meter rent", "Charges total"):
        assert label in table
    assert "Payable by the due date:" in table
    assert "Payable after the due date:" in table


def test_estimate_reads_json_on_stdin(done: dict[str, Done]) -> None:
    data = json.loads(ok(done, "estimate_stdin").out)
    assert data["category"] == "23"
    assert data["load_factor_percent"] == "32.26"
    assert {"energy", "demand", "customer_service", "meter_rent"} <= {
        line["code"] for line in data["lines"]
    }


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("unknown_category", "unknown category '99'"),
        ("invalid_json", "the request on stdin is not valid JSON"),
        ("unknown_flag", "unrecognized arguments: --x"),
        ("no_month", "give --month YYYY-MM"),
    ],
)
def test_bad_input_exits_2(done: dict[str, Done], name: str, words: str) -> None:
    result = done[name]
    assert result.status == 2
    assert result.out == ""
    assert result.err.startswith("error: ")
    assert words in result.err
    assert "Traceback" not in result.err


def test_readings_roll_over(done: dict[str, Done]) -> None:
    assert json.loads(ok(done, "readings_roll_over").out) == {"units": "80", "rolled_over": True}


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    # `python -m tariff_core categories --json | head -1`: the reader goes away early. A pipe
    # of one page (smaller than the ~12 kB of output) makes the writer hit the closed pipe.
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, F_SETPIPE_SZ, 4096)
    process = subprocess.Popen(
        [sys.executable, "-m", "tariff_core", "categories", "--json"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        first = reader.readline()
    assert process.stderr is not None
    errors = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=30) == 0
    assert first.strip() == b"["
    assert "Traceback" not in errors
