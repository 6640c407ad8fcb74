"""The read-increment-write step used to prove that a store never interleaves a user."""

from __future__ import annotations

import json
import time

from bot.stores import SessionStore

# A pause between the read and the write widens the window in which a broken lock would
# let two writers interleave and lose an increment.
RACE_WINDOW_SECONDS = 0.001


def increment(store: SessionStore, user: str) -> None:
    """Add one to ``user``'s counter inside one ``open`` block."""
    with store.open(user) as slot:
        count = json.loads(slot.data)["count"] if slot.data else 0
        time.sleep(RACE_WINDOW_SECONDS)
        slot.save(json.dumps({"count": count + 1}))


def count_of(store: SessionStore, user: str) -> int:
    """Return ``user``'s counter (0 if never incremented)."""
    with store.open(user) as slot:
        return int(json.loads(slot.data)["count"]) if slot.data else 0
