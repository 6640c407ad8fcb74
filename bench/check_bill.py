"""Time of one ``tariff_core.check_bill`` against one ``estimate``, measured in the same run.

Run with ``.venv/bin/python bench/check_bill.py`` (``--repeat N`` per shape, default 300). A
script, not a test: it prints figures and exits 0.

A check is one estimate when the bill agrees, and more when it does not: each cause it tries
(several months, another load, another category, a meter without rent) is another estimate. So
the shapes are timed apart: a bill that agrees, a three-month provisional bill checked as one
month (the months are tried), a GP bill with the wrong load read from its total alone (the loads
are tried, the most work a check does), a bill with arrears and DPS, and a reading that rolled
over. The baseline is one estimate of the same consumer, timed the same way.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tariff_core import BillRequest, check_bill, estimate
from tariff_core.registry import default_tariff

SHAPES: dict[str, dict[str, Any]] = {
    "agrees (1.b, 250 units, total)": {
        "category": "1.b",
        "period_from": "2026-05",
        "units": 250,
        "printed": {"total": "1240"},
    },
    "3-month bill checked as 1 month": {
        "category": "1.b",
        "period_from": "2026-05-01",
        "period_to": "2026-07-31",
        "units": 905,
        "printed": {"total": "4640"},
    },
    "GP wrong load, total only": {
        "category": "2",
        "period_from": "2026-05",
        "units": 300,
        "contract_demand": 3,
        "meter": "single-phase-static",
        "printed": {"total": "2330"},
    },
    "GP arrears and DPS, every line": {
        "category": "2",
        "period_from": "2026-05",
        "units": 400,
        "contract_demand": 6,
        "printed": {
            "energy": "2750",
            "fixed": "180",
            "meter_rent": "150",
            "arrears": "3120",
            "dps": "31.20",
            "total": "6231",
        },
    },
    "readings rolled over": {
        "category": "1.b",
        "period_from": "2026-05",
        "previous_reading": 9950,
        "present_reading": 150,
        "printed": {"total": "944"},
    },
}
BASELINE = BillRequest.model_validate({"category": "1.b", "month": "2026-05", "units": 250})


def _median_seconds(run: Callable[[], object], repeat: int) -> float:
    """Median wall time of one call over ``repeat`` calls (after one warm-up call)."""
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Print the median time of one estimate and of one check per shape."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300, help="calls timed per shape")
    args = parser.parse_args(argv)
    default_tariff()  # load the data outside the timings
    base = _median_seconds(lambda: estimate(BASELINE), args.repeat)
    print(f"{'one estimate (baseline, 1.b 250 units)':<42} {base * 1e6:>9.1f} us   1.0x")
    for name, request in SHAPES.items():
        result = check_bill(request)
        took = _median_seconds(lambda r=request: check_bill(r), args.repeat)  # type: ignore[misc]
        print(
            f"check: {name:<35} {took * 1e6:>9.1f} us {took / base:>6.1f}x   {result.verdict.value}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
