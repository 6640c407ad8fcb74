"""A long file runs in constant memory: 200,000 rows cost no more than one.

Peak resident memory of a real ``bijuli batch`` process, read from the kernel's accounting of
that child (``os.wait4``), so that other processes of the test run do not count.
"""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROWS = 200_000
#: Growth allowed over a one-row run. Keeping the rows would cost hundreds of megabytes
#: (every output row is some forty strings); streaming costs none.
MAX_GROWTH_KB = 25 * 1024
CATEGORIES = ["domestic", "1.b", "2", "3", "7", "kutir-jyoti"]


def write_consumers(path: Path, count: int) -> None:
    rng = random.Random(11)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["consumer", "category", "units", "month", "contract_demand"])
        for number in range(count):
            writer.writerow(
                [
                    f"CN{number:07d}",
                    rng.choice(CATEGORIES),
                    rng.randint(0, 900),
                    "2026-05",
                    rng.choice(["", "2", "5"]),
                ]
            )


def peak_rss_kb(source: Path, target: Path, log: Path) -> int:
    """Run ``bijuli batch source target``; its peak resident memory in KiB."""
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "batch", str(source), str(target)],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 0, log.read_text(encoding="utf-8")
    return usage.ru_maxrss  # KiB on Linux


def test_two_hundred_thousand_rows_in_the_memory_of_one(tmp_path: Path) -> None:
    one, many = tmp_path / "one.csv", tmp_path / "many.csv"
    write_consumers(one, 1)
    write_consumers(many, ROWS)
    small = peak_rss_kb(one, tmp_path / "one.out.csv", tmp_path / "one.log")
    large = peak_rss_kb(many, tmp_path / "many.out.csv", tmp_path / "many.log")
    growth = large - small
    print(f"peak RSS: 1 row {small / 1024:.1f} MiB, {ROWS:,} rows {large / 1024:.1f} MiB")
    assert growth < MAX_GROWTH_KB, f"{growth / 1024:.1f} MiB more for {ROWS:,} rows"
    with (tmp_path / "many.out.csv").open(encoding="utf-8", newline="") as output:
        lines = sum(1 for _ in csv.reader(output))
    assert lines == ROWS + 1  # every row written, after the header
    summary = (tmp_path / "many.log").read_text(encoding="utf-8")
    assert f"{ROWS:,} rows, 0 with errors" in summary
