"""Every channel through the whole service: webhook turn latency, accept-to-send, and the
outbox's throughput, against a ``GET /healthz`` baseline measured in the same run.

Run with ``.venv/bin/python bench/channels.py [--turns 150] [--burst 1000]`` (``--quick`` for a
short run).

One ``bijuli serve`` (SQLite, the embedded default: its outbox is sent from inside the server)
has every channel configured against local stand-ins of the providers (tests/support/): Twilio's
Messages and Content APIs (templates synced by ``bijuli twilio sync-content`` itself, so
choices go as WhatsApp lists through the outbox), Meta's Graph API, and Exotel's SMS API (with a
DLT template id for every registered template). Then, in interleaved blocks, one at a time:

* signed Twilio webhooks, signed Meta events and Exotel SMS forwards, each a one-message
  estimate from a new user (the quick requests of webhook_turn.py in three languages), timed
  from the POST to its answer (**turn**) and to the stand-in receiving the reply's first message
  (**accept to send**: for a Twilio reply answered inline in TwiML, the answer itself);
* the same number of ``GET /healthz`` (**baseline**).

Last, **outbox throughput**: ``--burst`` envelopes for distinct users are put straight into the
server's outbox file, and the time until the Graph stand-in has accepted them all gives replies
sent per second by the server's in-process sender.

Not a test: it prints figures and exits 0 unless the server or a reply fails.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(ROOT / "bench"))

from e2e_support import TOKEN, Server, form, service_env, signature  # noqa: E402
from webhook_turn import QUICK, percentile, time_healthz  # noqa: E402

from bot.channels.sms_templates import registry  # noqa: E402
from bot.inbound import Reply  # noqa: E402
from bot.outbox.base import Envelope  # noqa: E402
from bot.outbox.setup import OUTBOX_DB_FILE  # noqa: E402
from bot.outbox.sqlite import SQLiteOutbox  # noqa: E402
from tests.support.exotel_sms import (  # noqa: E402
    AUTH_KEY,
    ENTITY_ID,
    SENDER_ID,
    ExotelStandIn,
    running_exotel,
)
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
from tests.support.twilio_api import (  # noqa: E402
    ACCOUNT_SID,
    TwilioStandIn,
    running_twilio_api,
)

#: Longest wait for one reply to reach its stand-in before the run is abandoned.
REPLY_DEADLINE_SECONDS = 20.0
INBOUND_TOKEN = "bench-sms-gateway-inbound-token-0123"
_users = itertools.count(1)


@dataclass
class Channel:
    """One way in: how to post a message, and how many replies its stand-in has received."""

    name: str
    post: Callable[[httpx.Client, int, str], httpx.Response]
    received: Callable[[], int]
    wait: Callable[[int, float], object]
    inline: Callable[[httpx.Response], bool] = lambda _response: False


def _twilio(server: Server, stand_in: TwilioStandIn) -> Channel:
    def post(client: httpx.Client, user: int, body: str) -> httpx.Response:
        fields = form(f"whatsapp:+9177{user:08d}", body)
        url = server.settings.public_url + "/webhooks/twilio"
        headers = {"X-Twilio-Signature": signature(fields, url)}
        return client.post(server.base_url + "/webhooks/twilio", data=fields, headers=headers)

    return Channel(
        "Twilio WhatsApp",
        post,
        lambda: len(stand_in.messages),
        lambda count, timeout: stand_in.wait_for_messages(count, timeout),
        inline=lambda response: "<Message>" in response.text,
    )


def _meta(server: Server, graph: GraphStandIn) -> Channel:
    def post(client: httpx.Client, user: int, body: str) -> httpx.Response:
        payload = encode(event(text_message(f"9178{user:08d}", body)))
        headers = {"X-Hub-Signature-256": sign(payload), "Content-Type": "application/json"}
        return client.post(server.base_url + "/webhooks/meta", content=payload, headers=headers)

    return Channel(
        "Meta Cloud API",
        post,
        lambda: len(graph.accepted),
        lambda count, timeout: graph.wait_for_accepted(count, timeout),
    )


def _sms(server: Server, exotel: ExotelStandIn) -> Channel:
    sids = itertools.count(1)

    def post(client: httpx.Client, user: int, body: str) -> httpx.Response:
        fields = {
            "SmsSid": f"bench{next(sids):08d}",
            "From": f"0943{user:07d}",
            "To": "08039591234",
            "Date": "2026-05-03 17:30:00",
            "Body": f"BIJULI {body}",
        }
        path = f"/webhooks/sms-gateway/{urllib.parse.quote(INBOUND_TOKEN)}"
        return client.post(server.base_url + path, data=fields)

    def wait(count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while len(exotel.accepted) < count and time.monotonic() < deadline:
            time.sleep(0.0005)

    return Channel("SMS gateway (Exotel)", post, lambda: len(exotel.accepted), wait)


def time_channel(
    channel: Channel, client: httpx.Client, count: int, bodies: Iterator[str]
) -> tuple[list[float], list[float]]:
    """(turn, accept-to-send) samples of ``count`` sequential one-message estimates."""
    turns: list[float] = []
    sends: list[float] = []
    for _ in range(count):
        before = channel.received()
        posted = time.monotonic()
        response = channel.post(client, next(_users), next(bodies))
        answered = time.monotonic()
        if response.status_code != 200:
            raise SystemExit(f"{channel.name}: {response.status_code} {response.text[:300]}")
        turns.append(answered - posted)
        if channel.inline(response):
            sends.append(answered - posted)
            continue
        channel.wait(before + 1, REPLY_DEADLINE_SECONDS)
        if channel.received() <= before:
            raise SystemExit(f"{channel.name}: no reply reached the stand-in")
        sends.append(time.monotonic() - posted)
        # Let the rest of this reply (its other messages) go out before the next turn.
        while True:
            settled = channel.received()
            channel.wait(settled + 1, 0.03)
            if channel.received() == settled:
                break
    return turns, sends


def outbox_burst(state: Path, graph: GraphStandIn, burst: int) -> tuple[float, float]:
    """(replies per second, seconds) for ``burst`` envelopes put into the server's outbox."""
    outbox = SQLiteOutbox(state / OUTBOX_DB_FILE)
    reply = (Reply("Bijuli outbox throughput check."),)
    before = len(graph.accepted)
    started = time.monotonic()
    try:
        for n in range(burst):
            outbox.put(Envelope(f"bench:{n}", f"user{n}", "meta", f"9179{n:08d}", reply))
    finally:
        outbox.close()
    graph.wait_for_accepted(before + burst, timeout=max(60.0, burst / 20))
    seconds = time.monotonic() - started
    sent = len(graph.accepted) - before
    if sent < burst:
        raise SystemExit(f"outbox burst: only {sent} of {burst} sent")
    return burst / seconds, seconds


def _sync_content(twilio: TwilioStandIn, state: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BIJULI_", "TWILIO_"))}
    env.update(
        BIJULI_STATE_DIR=str(state),
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=TOKEN,
        TWILIO_CONTENT_URL=twilio.base_url,
    )
    command = [sys.executable, "-m", "bot.cli", "twilio", "sync-content"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


def _dlt_ids_file(path: Path) -> dict[str, str]:
    ids = {t.name: f"1107{n:015d}" for n, t in enumerate(registry().templates(), start=1)}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["language", "template_name", "dlt_template_id"])
        for template in registry().templates():
            writer.writerow([template.language, template.name, ids[template.name]])
    return {ids[t.name]: t.text for t in registry().templates()}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=150, help="turns per channel")
    parser.add_argument("--burst", type=int, default=1000, help="envelopes for the outbox run")
    parser.add_argument("--quick", action="store_true", help="30 turns, a burst of 200")
    args = parser.parse_args(argv)
    if args.quick:
        args.turns, args.burst = 30, 200
    with tempfile.TemporaryDirectory(prefix="bijuli-bench-") as temp, ExitStack() as stack:
        root = Path(temp)
        state = root / "state"
        state.mkdir()
        # The account's auth token both signs the webhooks and authorises the REST API.
        twilio = stack.enter_context(running_twilio_api(auth_token=TOKEN))
        graph = stack.enter_context(running_graph_api())
        templates = _dlt_ids_file(root / "dlt-ids.csv")
        exotel = stack.enter_context(running_exotel(templates))
        _sync_content(twilio, root / "sync")
        env = service_env(
            state,
            TWILIO_ACCOUNT_SID=ACCOUNT_SID,
            TWILIO_API_URL=twilio.base_url,
            TWILIO_CONTENT_URL=twilio.base_url,
            META_APP_SECRET=APP_SECRET,
            META_VERIFY_TOKEN=VERIFY_TOKEN,
            META_ACCESS_TOKEN=ACCESS_TOKEN,
            META_PHONE_NUMBER_ID=PHONE_NUMBER_ID,
            META_GRAPH_URL=graph.graph_url,
            SMS_GATEWAY_URL=exotel.send_url,
            SMS_GATEWAY_AUTH_KEY=AUTH_KEY,
            SMS_GATEWAY_SENDER_ID=SENDER_ID,
            SMS_GATEWAY_ENTITY_ID=ENTITY_ID,
            SMS_GATEWAY_INBOUND_TOKEN=INBOUND_TOKEN,
            SMS_GATEWAY_KEYWORD="BIJULI",
            SMS_GATEWAY_DLT_TEMPLATE_IDS=str(root / "dlt-ids.csv"),
        )
        server = Server("bench server", env, root / "server.log")
        server.start()
        stack.callback(server.stop)
        server.wait_ready()
        channels = [_twilio(server, twilio), _meta(server, graph), _sms(server, exotel)]
        samples: dict[str, tuple[list[float], list[float]]] = {c.name: ([], []) for c in channels}
        health: list[float] = []
        bodies = itertools.cycle(QUICK)
        with httpx.Client(timeout=30.0) as client:
            for channel in channels:  # warm-up
                time_channel(channel, client, 10, bodies)
            time_healthz(server, client, 20)
            done = 0
            while done < args.turns:
                size = min(25, args.turns - done)
                for channel in channels:
                    turns, sends = time_channel(channel, client, size, bodies)
                    samples[channel.name][0].extend(turns)
                    samples[channel.name][1].extend(sends)
                health += time_healthz(server, client, size)
                done += size
        rate, seconds = outbox_burst(state, graph, args.burst)
    print(
        f"bijuli channels benchmark: {args.turns} sequential one-message estimates per channel, "
        f"SQLite, python {sys.version.split()[0]}, {os.cpu_count()} CPUs (shared with the "
        "client and the stand-ins)"
    )
    print(f"{'':<34}{'median ms':>10}{'p99 ms':>9}{'median/healthz':>16}")
    base = statistics.median(health)

    def row(name: str, values: list[float]) -> None:
        median = statistics.median(values)
        print(
            f"{name:<34}{median * 1000:>10.2f}{percentile(values, 0.99) * 1000:>9.2f}"
            f"{median / base:>15.1f}x"
        )

    row("GET /healthz (baseline)", health)
    for name, (turns, sends) in samples.items():
        row(f"{name}: turn", turns)
        row(f"{name}: accept to send", sends)
    print(
        f"outbox: {args.burst} envelopes sent to the Graph stand-in in {seconds:.2f} s: "
        f"{rate:.0f} replies/s (the server's in-process senders)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
