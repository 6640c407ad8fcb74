"""Meta's webhook through the whole service: turn latency, and the time from accept to send.

Run with ``.venv/bin/python bench/meta_webhook.py [--turns 300]``.

It starts the Graph API stand-in of the tests (tests/support/graph_api.py) in this process and
``bijuli serve`` as a subprocess on SQLite with META_GRAPH_URL pointing at the stand-in, so the
replies really leave through the outbox's in-process sender and the Graph API's HTTP shape.
Then, one at a time:

* ``--turns`` signed Meta events (the conversation mix of webhook_turn.py: a guided estimate,
  then quick requests in three languages), each timed from the POST to its 200;
* the same number of ``GET /healthz`` in interleaved blocks: the baseline of bare HTTP;
* for every turn, the time from the POST to the stand-in receiving the first message of its
  reply (accept to send: the webhook's turn, the outbox, the sender's pick-up, the HTTP send).

Not a test: it only reports.
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
sys.path.insert(0, str(ROOT / "bench"))

from e2e_support import Server, service_env  # noqa: E402
from webhook_turn import GUIDED, QUICK, WARMUP, percentile, time_healthz  # noqa: E402

from tests.support.graph_api import ACCESS_TOKEN, GraphStandIn, running_graph_api  # noqa: E402
from tests.support.meta_events import (  # noqa: E402
    APP_SECRET,
    PHONE_NUMBER_ID,
    VERIFY_TOKEN,
    encode,
    event,
    sign,
    text_message,
)

#: Longest wait for one reply to reach the stand-in before the run is abandoned.
REPLY_DEADLINE_SECONDS = 20.0


def meta_mix() -> Iterator[tuple[str, str]]:
    """Endless (wa_id, body) pairs: each user does the guided flow, then one quick request."""
    for index in itertools.count():
        wa_id = f"9170{index:08d}"
        for body in GUIDED:
            yield wa_id, body
        yield wa_id, QUICK[index % len(QUICK)]


def time_meta_turns(
    server: Server,
    client: httpx.Client,
    graph: GraphStandIn,
    mix: Iterator[tuple[str, str]],
    count: int,
) -> tuple[list[float], list[float]]:
    """(webhook latency, accept-to-send) samples of ``count`` sequential turns."""
    turns: list[float] = []
    sends: list[float] = []
    for _ in range(count):
        wa_id, text = next(mix)
        body = encode(event(text_message(wa_id, text)))
        headers = {"X-Hub-Signature-256": sign(body), "Content-Type": "application/json"}
        seen = len(graph.requests)
        posted = time.monotonic()
        response = client.post(server.base_url + "/webhooks/meta", content=body, headers=headers)
        turns.append(time.monotonic() - posted)
        if response.status_code != 200:
            raise SystemExit(f"turn failed ({response.status_code}): {response.text[:300]}")
        graph.wait_for_accepted(len(graph.accepted) + 1, REPLY_DEADLINE_SECONDS)
        first = next((r for r in graph.requests[seen:] if r.body.get("to") == wa_id), None)
        if first is None or first.status != 200:
            raise SystemExit(f"no reply reached the Graph stand-in:\n{server.log()}")
        sends.append(first.at - posted)
        # Let the rest of this reply (its other messages) go out before the next turn.
        while True:
            settled = len(graph.requests)
            graph.wait_for_accepted(len(graph.accepted) + 1, 0.05)
            if len(graph.requests) == settled:
                break
    return turns, sends


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=300, help="webhook turns to time")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bijuli-bench-") as temp, running_graph_api() as graph:
        env = service_env(
            Path(temp) / "state",
            META_APP_SECRET=APP_SECRET,
            META_VERIFY_TOKEN=VERIFY_TOKEN,
            META_ACCESS_TOKEN=ACCESS_TOKEN,
            META_PHONE_NUMBER_ID=PHONE_NUMBER_ID,
            META_GRAPH_URL=graph.graph_url,
        )
        server = Server("bench server", env, Path(temp) / "server.log")
        server.start()
        try:
            server.wait_ready()
            mix = meta_mix()
            with httpx.Client(timeout=30.0) as client:
                time_meta_turns(server, client, graph, mix, WARMUP)
                time_healthz(server, client, WARMUP)
                turns: list[float] = []
                sends: list[float] = []
                health: list[float] = []
                while len(turns) < args.turns:
                    size = min(50, args.turns - len(turns))
                    block_turns, block_sends = time_meta_turns(server, client, graph, mix, size)
                    turns += block_turns
                    sends += block_sends
                    health += time_healthz(server, client, size)
        finally:
            server.stop()
        messages = len(graph.accepted)
    print(
        f"bijuli Meta webhook benchmark: {args.turns} sequential turns, SQLite, "
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
        f"{messages} Graph API messages accepted by the stand-in"
    )
    print(f"{'':<30}{'median ms':>11}{'p99 ms':>10}{'mean ms':>10}")
    rows = [
        ("Meta webhook turn (to 200)", turns),
        ("GET /healthz (baseline)", health),
        ("accept to send (1st message)", sends),
    ]
    for name, samples in rows:
        print(
            f"{name:<30}{statistics.median(samples) * 1000:>11.2f}"
            f"{percentile(samples, 0.99) * 1000:>10.2f}{statistics.fmean(samples) * 1000:>10.2f}"
        )
    ratio = statistics.median(turns) / statistics.median(health)
    print(f"{'turn / baseline (median)':<30}{ratio:>10.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
