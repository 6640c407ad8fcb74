"""The outbox (SQLite and Redis) and the sender: order per user, claims, retries, dead
letters, nothing queued twice."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field

from bot.inbound import Reply
from bot.outbox.base import Claim, Envelope, Outbox, SendResult, Transports
from bot.outbox.sender import MAX_ATTEMPTS, Backoff, Sender
from bot.outbox.setup import SenderThreads, WakingOutbox

#: A short claim lease, so that a takeover can be seen without waiting long.
LEASE = 0.3


def _envelope(key: str, user: str = "u1", texts: tuple[str, ...] = ("a",)) -> Envelope:
    return Envelope(
        key=key,
        user=user,
        transport="rec",
        address="+910000000000",
        replies=tuple(Reply(t) for t in texts),
    )


@dataclass
class Recording:
    """A transport that records what it sends and answers from a script."""

    name: str = "rec"
    script: list[SendResult] = field(default_factory=list)
    sent: list[tuple[str, int, str]] = field(default_factory=list)

    def send(self, envelope: Envelope, index: int) -> SendResult:
        result = self.script.pop(0) if self.script else SendResult(ok=True)
        if result.ok:
            self.sent.append((envelope.key, index, envelope.replies[index].text))
        return result


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _sender(outbox: Outbox, transport: Recording, clock: Clock) -> Sender:
    transports = Transports()
    transports.add(transport)
    return Sender(outbox, transports, clock=clock, rng=random.Random(7), backoff=Backoff(1, 60))


def test_a_key_is_queued_once_even_after_it_was_sent(outbox: Outbox) -> None:
    clock, transport = Clock(), Recording()
    assert outbox.put(_envelope("k1"))
    assert not outbox.put(_envelope("k1"))
    assert _sender(outbox, transport, clock).run_once()
    assert not outbox.put(_envelope("k1")), "a retried webhook must not queue a sent reply"
    assert transport.sent == [("k1", 0, "a")]
    assert outbox.depth() == 0


def test_a_users_envelopes_go_in_order_and_a_retry_holds_back_only_that_user(
    outbox: Outbox,
) -> None:
    clock = Clock()
    transport = Recording(script=[SendResult(ok=False, retry=True, error="429")])
    outbox.put(_envelope("a1", "alice"))
    outbox.put(_envelope("a2", "alice"))
    outbox.put(_envelope("b1", "bob"))
    sender = _sender(outbox, transport, clock)
    assert sender.run_once()  # a1 refused for now
    while sender.run_once():
        pass
    assert [k for k, _i, _t in transport.sent] == ["b1"], "alice's a2 waits behind a1"
    clock.now += 120
    for _ in range(10):  # a sender looking again now and then, as its loop does
        sender.run_once()
        clock.now += 1
    assert [k for k, _i, _t in transport.sent] == ["b1", "a1", "a2"]


def test_a_claim_expires_and_a_takeover_resumes_after_what_was_sent(
    outbox: Outbox,
) -> None:
    clock = Clock()
    outbox.put(_envelope("k", texts=("one", "two", "three")))
    first = outbox.claim(clock.now, lease=LEASE)
    assert first is not None
    assert outbox.claim(clock.now, lease=LEASE) is None, "a live claim is exclusive"
    outbox.progress(first, 1)  # "one" went out, then the sender died
    # Redis measures a claim's age on its own clock: let the lease run out for real.
    time.sleep(LEASE * 1.5)
    clock.now += LEASE * 1.5
    transport = Recording()
    sender = _sender(outbox, transport, clock)
    sender.lease = LEASE
    assert sender.run_once()
    assert [t for _k, _i, t in transport.sent] == ["two", "three"]


def test_a_permanent_refusal_and_too_many_retries_leave_dead_letters(
    outbox: Outbox,
) -> None:
    clock = Clock()
    outbox.put(_envelope("bad"))
    outbox.put(_envelope("slow", "other"))
    script = [SendResult(ok=False, retry=False, error="400 21211 invalid To")]
    script += [SendResult(ok=False, retry=True, error="503")] * MAX_ATTEMPTS
    transport = Recording(script=script)
    sender = _sender(outbox, transport, clock)
    for _ in range(MAX_ATTEMPTS + 1):
        sender.run_once()
        clock.now += 400
    letters = {d.key: d for d in outbox.dead_letters()}
    assert letters["bad"].attempts == 1
    assert "21211" in letters["bad"].last_error
    assert letters["slow"].attempts == MAX_ATTEMPTS
    assert letters["slow"].last_error == "503"
    assert outbox.depth() == 0
    assert transport.sent == []


def test_retry_after_is_honoured(outbox: Outbox) -> None:
    clock = Clock()
    outbox.put(_envelope("k"))
    transport = Recording(script=[SendResult(ok=False, retry=True, error="429", retry_after=90)])
    sender = _sender(outbox, transport, clock)
    sender.run_once()
    clock.now += 89
    assert not sender.run_once()
    clock.now += 2
    assert sender.run_once()
    assert transport.sent == [("k", 0, "a")]


def test_an_unknown_transport_is_a_dead_letter_not_a_loop(outbox: Outbox) -> None:
    outbox.put(Envelope("k", "u", "nowhere", "+91", (Reply("x"),)))
    assert _sender(outbox, Recording(), Clock()).run_once()
    assert [d.key for d in outbox.dead_letters()] == ["k"]


def test_a_put_wakes_an_idle_sender(outbox: Outbox) -> None:
    """With looks far apart, a reply put through WakingOutbox still leaves at once."""

    delivered = threading.Event()

    class Signalling(Recording):
        def send(self, envelope: Envelope, index: int) -> SendResult:
            result = super().send(envelope, index)
            delivered.set()
            return result

    transports = Transports()
    transports.add(Signalling())
    sender = Sender(outbox, transports, idle=60.0)
    stop = threading.Event()
    thread = threading.Thread(target=sender.run, args=(stop,), daemon=True)
    thread.start()
    try:
        sender.run_once()  # let it go idle first
        WakingOutbox(outbox, sender.wake).put(_envelope("woken"))
        assert delivered.wait(10), "the sender was not woken by the put"
    finally:
        stop.set()
        sender.wake()
        thread.join(10)


def test_idle_threads_do_not_all_poll(outbox: Outbox) -> None:
    """Sixteen idle sending threads look at the outbox as often as one would."""

    class Counting(WakingOutbox):
        looks = 0

        def claim(self, now: float, lease: float = 30.0) -> Claim | None:
            Counting.looks += 1
            return super().claim(now, lease)

    counting = Counting(outbox, lambda: None)
    sender = Sender(counting, Transports(), idle=0.05)
    threads = SenderThreads(sender, count=16)
    threads.start()
    try:
        time.sleep(1.0)
    finally:
        threads.stop()
    # One looking thread: about 20 looks a second (each thread looks once as it starts).
    assert Counting.looks < 16 + 40, Counting.looks
