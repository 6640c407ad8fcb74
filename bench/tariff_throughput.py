"""Throughput of the tariff engine: itemised estimates per second on one core.

Run with ``make bench`` (or ``.venv/bin/python bench/tariff_throughput.py``). Options:
``--count N`` (default 100000) estimates for the timed run, ``--seed`` for the request mix,
``--profile`` to print the top hotspots of the engine (cProfile) after the figures.

It builds a realistic mix of :class:`BillRequest` objects once, warms up, then times
``tariff_core.estimate`` over the mix against a baseline measured in the same run: a bare
function doing only the telescopic slab arithmetic of category 1.b in Decimal. Peak memory is
measured with tracemalloc on a separate, smaller pass (tracemalloc slows the code it watches).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import random
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tariff_core import BillRequest, estimate
from tariff_core.registry import default_tariff

TARGET_PER_SECOND = 20_000
MONTHS = [dt.date(2026, m, 1) for m in range(4, 13)] + [dt.date(2027, m, 1) for m in (1, 2, 3)]
JULY = dt.date(2026, 7, 1)
D = Decimal


def _lt_domestic(rng: random.Random) -> dict[str, object]:
    units = rng.choice([rng.randint(20, 120), rng.randint(100, 300), rng.randint(250, 900)])
    request: dict[str, object] = {"category": "1.b", "units": units}
    if units > 600 or rng.random() < 0.5:  # 1 kW (the default) draws at most 744 kWh
        request["contract_demand"] = rng.choice([2, 3, 4, 5])
    if rng.random() < 0.25:
        request["rural"] = True
    if rng.random() < 0.1:
        request["ebill"] = True
    if rng.random() < 0.05:
        request["days_late"] = rng.randint(1, 40)
    return request


def _lt_general(rng: random.Random) -> dict[str, object]:
    cd = rng.choice([2, 3, 5, 8, 15, 25])
    units = rng.randint(50, int(cd * 300))
    request: dict[str, object] = {"category": "2", "units": units, "contract_demand": cd}
    if cd > 10 and rng.random() < 0.5:
        request["meter"] = "three-phase-lt-ct"
        request["solar_units"] = units // 3
        request["peak_units"] = units // 5
    if rng.random() < 0.1:
        request["days_late"] = rng.randint(1, 40)
    return request


def _kutir_jyoti(rng: random.Random) -> dict[str, object]:
    return {"category": "1.a", "units": rng.randint(5, 45)}


def _irrigation(rng: random.Random) -> dict[str, object]:
    cd = rng.choice([3, 5, 7.5, 10])
    return {"category": "3", "units": rng.randint(50, 1500), "contract_demand": cd}


def _lt_other(rng: random.Random) -> dict[str, object]:
    category = rng.choice(["4", "5", "6", "9", "10"])
    cd = rng.choice([2, 5, 10, 20])
    return {"category": category, "units": rng.randint(50, cd * 250), "contract_demand": cd}


def _small_industry(rng: random.Random) -> dict[str, object]:
    category, cd = rng.choice([("7", rng.choice([5, 10, 15, 20])), ("8", rng.choice([30, 60]))])
    units = rng.randint(cd * 50, cd * 400)
    return {"category": category, "units": units, "contract_demand": cd, "kwh": units}


def _ht(rng: random.Random) -> dict[str, object]:
    category = rng.choice(["18", "20", "21", "23", "23", "24", "25"])
    cd = rng.choice([150, 200, 500, 1200, 3000])
    load_factor = D(rng.randint(20, 90)) / 100
    kwh = int(cd * 672 * load_factor)  # 672 h: February, so no month exceeds 100 % (X8)
    request: dict[str, object] = {
        "category": category,
        "units": int(kwh * 1.03),
        "contract_demand": cd,
        "max_demand": int(cd * rng.uniform(0.6, 1.15)),
        "kwh": kwh,
    }
    if rng.random() < 0.3:
        request["solar_units"] = kwh // 3
        request["peak_units"] = kwh // 6
    return request


def _eht(rng: random.Random) -> dict[str, object]:
    category = rng.choice(["30", "32", "33", "34"])
    cd = rng.choice([5000, 8000, 20000])
    kwh = int(cd * 672 * D(rng.randint(50, 95)) / 100)  # February hours: LF <= 100 % (X8)
    return {
        "category": category,
        "units": int(kwh * 1.02),
        "contract_demand": cd,
        "max_demand": int(cd * rng.uniform(0.8, 1.25)),
        "kwh": kwh,
    }


#: (share of requests, maker): mostly LT domestic and general purpose.
MIX: list[tuple[int, Callable[[random.Random], dict[str, object]]]] = [
    (50, _lt_domestic),
    (18, _lt_general),
    (3, _kutir_jyoti),
    (8, _irrigation),
    (6, _lt_other),
    (7, _small_industry),
    (6, _ht),
    (2, _eht),
]


def build_requests(n: int, seed: int) -> list[BillRequest]:
    """``n`` requests of the mix, validated once as :class:`BillRequest` objects."""
    rng = random.Random(seed)
    weights = [share for share, _ in MIX]
    makers = [maker for _, maker in MIX]
    requests = []
    for maker in rng.choices(makers, weights=weights, k=n):
        fields = maker(rng)
        fields["month"] = rng.choice(MONTHS)
        requests.append(BillRequest.model_validate(fields))
    return requests


# -- baseline: only the telescopic slab arithmetic of 1.b ---------------------------------------
_SLABS_1B = (
    (D(50), D("2.90")),
    (D(200), D("4.70")),
    (D(400), D("5.70")),
    (None, D("6.10")),
)
_PAISA = D("0.01")


def slab_energy_1b(units: Decimal) -> Decimal:
    """Energy charge of category 1.b: each slab's units at its rate, rounded to the paisa."""
    total = D(0)
    below = D(0)
    for up_to, rupees in _SLABS_1B:
        top = units if up_to is None else min(units, up_to)
        if top <= below:
            break
        total += ((top - below) * rupees).quantize(_PAISA)
        below = top
    return total


def rate(func: Callable[[object], object], items: Sequence[object], seconds: float) -> float:
    """Calls per second of ``func`` over ``items``, repeated for at least ``seconds``."""
    done = 0
    start = time.perf_counter()
    while True:
        for item in items:
            func(item)
        done += len(items)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def timed_run(requests: Sequence[BillRequest], count: int) -> float:
    """Wall time of ``count`` estimates cycling through ``requests``."""
    start = time.perf_counter()
    for i in range(count):
        estimate(requests[i % len(requests)])
    return time.perf_counter() - start


def peak_memory(requests: Sequence[BillRequest], count: int) -> int:
    """Peak traced memory in bytes of ``count`` estimates (data already loaded)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    for i in range(count):
        estimate(requests[i % len(requests)])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def hotspots(requests: Sequence[BillRequest], count: int, top: int = 25) -> str:
    """The top functions by own time and by cumulative time, from cProfile."""
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(count):
        estimate(requests[i % len(requests)])
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="estimates in the timed run")
    parser.add_argument("--distinct", type=int, default=5_000, help="distinct requests built")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--seconds", type=float, default=2.0, help="time per rate measurement")
    parser.add_argument("--profile", action="store_true", help="print cProfile hotspots")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):  # one core: the figures are per core
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    load_start = time.perf_counter()
    default_tariff()
    load_seconds = time.perf_counter() - load_start
    requests = build_requests(args.distinct, args.seed)
    units_1b = [r.units for r in requests if r.category == "1.b"]

    # Warm up: every request once (caches, first-call costs), then the baseline.
    for request in requests:
        estimate(request)
    for units in units_1b:
        slab_energy_1b(units)

    engine_rate = rate(estimate, requests, args.seconds)  # type: ignore[arg-type]
    baseline_rate = rate(slab_energy_1b, units_1b, args.seconds)  # type: ignore[arg-type]
    wall = timed_run(requests, args.count)
    peak = peak_memory(requests, min(args.count, 10_000))

    mix = Counter(r.category for r in requests)
    lt = sum(n for c, n in mix.items() if c in {"1.a", "1.b", *map(str, range(2, 14))})
    tod = sum(1 for r in requests if r.month >= JULY and (r.solar_units or r.peak_units))
    print(f"Python {sys.version.split()[0]}, one core; data loaded in {load_seconds:.2f} s")
    print(
        f"Mix: {len(requests):,} distinct requests, {lt / len(requests):.0%} LT, "
        f"{mix['1.b'] / len(requests):.0%} domestic (1.b), {tod} with a ToD split after July"
    )
    print()
    rows = [
        ("Itemised estimates / s", f"{engine_rate:,.0f}"),
        ("Baseline: 1.b slab arithmetic / s", f"{baseline_rate:,.0f}"),
        ("Ratio baseline : engine", f"{baseline_rate / engine_rate:,.1f} x"),
        (f"Wall time, {args.count:,} estimates", f"{wall:.2f} s"),
        ("Mean time per estimate", f"{wall / args.count * 1e6:.1f} us"),
        ("Peak memory (tracemalloc) of a run", f"{peak / 1024:,.0f} KiB"),
        ("Target", f"{TARGET_PER_SECOND:,} / s"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'Measure':<{width}}  {'Value':>14}")
    print(f"{'-' * width}  {'-' * 14}")
    for name, value in rows:
        print(f"{name:<{width}}  {value:>14}")
    print()
    verdict = "meets" if engine_rate >= TARGET_PER_SECOND else "is below"
    print(f"The engine {verdict} the target of {TARGET_PER_SECOND:,} itemised estimates / s.")
    if args.profile:
        print()
        print(hotspots(requests, min(args.count, 20_000)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
