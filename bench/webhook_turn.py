"""Latency of one WhatsApp turn through the whole service, against bare HTTP to the same server.

Run with ``.venv/bin/python bench/webhook_turn.py [--turns 300] [--store sqlite|redis://…]``.

It starts ``bijuli serve`` as a subprocess on a free loopback port (temp state dir, SQLite
sessions unless ``--store`` names a Redis URL), then sends ``--turns`` Twilio-signed webhook
posts over HTTP, one at a time, as a realistic mix of conversations: a greeting, a category
pick, the load, the units, yes/no answers to the estimate, and quick requests in three
languages (``domestic 250``, ``ଘରୋଇ ୨୫୦ ୟୁନିଟ``, ``घरेलू 300 यूनिट 2 किलोवाट``). Each post is
timed end to end (signing excluded). In the same run it times ``GET /healthz`` the same number
of times: the baseline of bare HTTP plus one store ping, so the ratio says what a
conversation turn costs over the transport. Not a test: it only reports.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from e2e_support import Server, form, new_user, service_env, signature  # noqa: E402

WARMUP = 20
# One guided conversation, then quick requests: the mix a real user base sends.
GUIDED = ["hi", "1", "1", "250", "no", "no", "no"]
QUICK = ["domestic 250", "ଘରୋଇ ୨୫୦ ୟୁନିଟ", "घरेलू 300 यूनिट 2 किलोवाट", "नमस्ते", "ନମସ୍କାର"]


def conversation_mix() -> Iterator[tuple[str, str]]:
    """Endless (sender, body) pairs: each user does the guided flow, then one quick request."""
    for index in itertools.count():
        sender = new_user("whatsapp" if index % 4 else "sms")
        for body in GUIDED:
            yield sender, body
        yield sender, QUICK[index % len(QUICK)]


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (p99 of 300 samples is the 297th smallest)."""
    ordered = sorted(samples)
    rank = max(1, round(fraction * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def time_turns(server: Server, client: httpx.Client, count: int) -> list[float]:
    samples = []
    mix = conversation_mix()
    for _ in range(count):
        sender, body = next(mix)
        fields = form(sender, body)
        headers = {"X-Twilio-Signature": signature(fields)}
        started = time.perf_counter()
        response = client.post(server.base_url + "/webhooks/twilio", data=fields, headers=headers)
        samples.append(time.perf_counter() - started)
        if response.status_code != 200 or "<Message>" not in response.text:
            raise SystemExit(f"turn failed ({response.status_code}): {response.text[:300]}")
    return samples


def time_healthz(server: Server, client: httpx.Client, count: int) -> list[float]:
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(server.base_url + "/healthz")
        samples.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"healthz failed: {response.status_code}")
    return samples


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=300, help="webhook turns to time")
    parser.add_argument("--store", default="sqlite", help="sqlite, or a redis:// URL")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bijuli-bench-") as temp:
        state = Path(temp) / "state"
        extra = {} if args.store == "sqlite" else {"BIJULI_SESSION_STORE": args.store}
        server = Server("bench server", service_env(state, **extra), Path(temp) / "server.log")
        server.start()
        try:
            server.wait_ready()
            with httpx.Client(timeout=30.0) as client:
                time_turns(server, client, WARMUP)
                time_healthz(server, client, WARMUP)
                # Interleave the two measurements in blocks so drift affects both alike.
                turns: list[float] = []
                health: list[float] = []
                block = 50
                while len(turns) < args.turns:
                    size = min(block, args.turns - len(turns))
                    turns += time_turns(server, client, size)
                    health += time_healthz(server, client, size)
        finally:
            server.stop()
    rows = [("webhook turn", turns), ("GET /healthz (baseline)", health)]
    print(
        f"bijuli webhook benchmark: {args.turns} sequential turns, store={args.store}, "
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )
    print(f"{'':<26}{'median ms':>11}{'p99 ms':>10}{'mean ms':>10}")
    for name, samples in rows:
        print(
            f"{name:<26}{statistics.median(samples) * 1000:>11.2f}"
            f"{percentile(samples, 0.99) * 1000:>10.2f}{statistics.fmean(samples) * 1000:>10.2f}"
        )
    ratio_median = statistics.median(turns) / statistics.median(health)
    ratio_p99 = percentile(turns, 0.99) / percentile(health, 0.99)
    print(f"{'turn / baseline':<26}{ratio_median:>10.1f}x{ratio_p99:>9.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
