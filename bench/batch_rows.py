"""Rows per second of ``bijuli batch`` against the bare tariff engine, in the same run.

Run with ``.venv/bin/python bench/batch_rows.py`` (``--rows N``, default 20,000; ``--rounds``,
default 2; ``--seed``).
It writes N consumers of the tariff benchmark's mix (``tariff_throughput.MIX``: LT domestic
and general purpose mostly, some irrigation, industry, HT and EHT) to a CSV file, and then:

- **bare engine**: ``tariff_core.estimate`` in a loop over the same N requests, already
  validated as ``BillRequest`` objects (no CSV, no output);
- **batch, in process**: :func:`bot.batch.run_batch` from that file to an output file (reading,
  validating, estimating and writing every row);
- **bijuli batch**: the command in a fresh process, start-up included, timed from outside.

Each of the three runs ``--rounds`` times in turn (A B C A B C) and keeps its best round. Rows per
second are given per wall-clock second and per CPU second (the process's own user and system
time, the child's read from ``os.wait4``): on a shared machine the wall figures move with the
load, the CPU figures and their ratio to the engine much less. Every batch's payable figures
are checked against the engine's. It is a script, not a test: it prints the figures and exits
0 (1 if a batch disagreed with the engine).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tariff_throughput import MIX, MONTHS  # type: ignore[import-not-found]  # noqa: E402

from bot.batch import run_batch  # noqa: E402
from tariff_core import BillRequest, default_tariff, estimate  # noqa: E402

COLUMNS = [
    "consumer",
    "category",
    "units",
    "month",
    "contract_demand",
    "max_demand",
    "kwh",
    "solar_units",
    "peak_units",
    "meter",
    "rural",
    "ebill",
    "days_late",
]


def _cell(value: object) -> str:
    if value is True:
        return "yes"
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m")
    return str(value)


def consumers(count: int, seed: int) -> list[dict[str, str]]:
    """``count`` rows of the benchmark mix, as the cells of a CSV file."""
    rng = random.Random(seed)
    makers = [maker for _, maker in MIX]
    weights = [share for share, _ in MIX]
    rows = []
    for number, maker in enumerate(rng.choices(makers, weights=weights, k=count)):
        fields = maker(rng)
        fields["month"] = rng.choice(MONTHS)
        row = dict.fromkeys(COLUMNS, "")
        row.update({key: _cell(value) for key, value in fields.items()})
        row["consumer"] = f"CN{number:07d}"
        rows.append(row)
    return rows


def payable_column(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as file:
        return [row["payable_by_due_date"] for row in csv.DictReader(file)]


@dataclass
class Timing:
    """The best of each measure over the rounds: wall seconds and CPU seconds."""

    label: str
    wall: float = float("inf")
    cpu: float = float("inf")

    def record(self, wall: float, cpu: float) -> None:
        self.wall = min(self.wall, wall)
        self.cpu = min(self.cpu, cpu)


def run_command(source: Path, target: Path) -> tuple[float, float]:
    """``bijuli batch source target`` in a new process: its wall and CPU seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "batch", str(source), str(target)],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.stderr is not None
    message = process.stderr.read().decode()
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"bijuli batch failed: {message}")
    return wall, usage.ru_utime + usage.ru_stime


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000, help="consumers in the file")
    parser.add_argument("--rounds", type=int, default=2, help="rounds; the best of each is kept")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    default_tariff()
    rows = consumers(args.rows, args.seed)
    requests = [
        BillRequest.model_validate({k: v for k, v in row.items() if v and k != "consumer"})
        for row in rows
    ]
    engine = Timing("bare engine (estimate loop)")
    in_process = Timing("batch in process (run_batch)")
    command = Timing("bijuli batch (new process)")
    agree = True
    errors = 0
    with tempfile.TemporaryDirectory(prefix="bijuli-batch-bench-") as folder:
        source = Path(folder) / "consumers.csv"
        with source.open("w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        for request in requests[:500]:  # warm up
            estimate(request)
        # A B C A B C: the machine's load drifts, so each measure gets its best round.
        for _ in range(args.rounds):
            wall, cpu = time.perf_counter(), time.process_time()
            expected = [f"{estimate(request).payable_by_due_date:.2f}" for request in requests]
            engine.record(time.perf_counter() - wall, time.process_time() - cpu)

            output = Path(folder) / "in-process.csv"
            cpu = time.process_time()
            with source.open("rb") as reader, output.open("wb") as writer_file:
                summary = run_batch(reader, writer_file)
            in_process.record(summary.seconds, time.process_time() - cpu)
            errors = summary.errors
            agree = agree and payable_column(output) == expected

            output = Path(folder) / "command.csv"
            command.record(*run_command(source, output))
            agree = agree and payable_column(output) == expected

    count = len(requests)
    print(f"{count:,} consumers, {errors} rows with errors, best of {args.rounds} rounds")
    print(f"{'':32}{'rows/s wall':>13}{'rows/s CPU':>12}{'CPU vs engine':>15}")
    for timing in (engine, in_process, command):
        ratio = engine.cpu / timing.cpu
        print(
            f"{timing.label:32}{count / timing.wall:>13,.0f}{count / timing.cpu:>12,.0f}"
            f"{ratio:>14.2f}x"
        )
    print(f"batch payable figures agree with the engine: {'yes' if agree else 'NO'}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
