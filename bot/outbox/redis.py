"""The outbox in Redis: a stream read by a consumer group, so any number of senders share it.

Keys (all under ``bijuli:outbox``):

* ``:stream`` — a stream of envelope keys; the consumer group ``senders`` hands each entry to
  one sender; an entry a dead sender held longer than the lease is taken over (``XAUTOCLAIM``).
* ``:env:<key>`` — the envelope's JSON (its progress is written back here).
* ``:line:<user>`` — the user's envelope keys in order: only the first of a line is sent, so a
  user's replies keep their order across senders and retries.
* ``:later`` — a sorted set of keys waiting for a time (a retry's backoff, or a place in line):
  due keys go back into the stream.
* ``:known:<key>`` — set when an envelope is put (for a day): a retried webhook queues nothing
  twice, before or after the send.
* ``:dead`` — the newest dead letters (key, transport, attempts, last error; no address, text).
* ``:depth`` — envelopes waiting.
"""

from __future__ import annotations

import json
import socket
from typing import Any, Final, cast

import redis

from bot.outbox.base import CLAIM_LEASE_SECONDS, Claim, DeadLetter, Envelope, OutboxError

__all__ = ["RedisOutbox"]

PREFIX: Final = "bijuli:outbox"
GROUP: Final = "senders"
#: How long a put key is remembered (webhook retries come within hours).
KNOWN_SECONDS: Final = 24 * 60 * 60
#: How soon an envelope that is not first in its user's line is looked at again.
LINE_WAIT_SECONDS: Final = 0.2
DEAD_LETTERS_KEPT: Final = 1000
#: Stream entries one claim looks through before saying nothing is due.
MAX_READS_PER_CLAIM: Final = 64


class RedisOutbox:
    """:class:`~bot.outbox.base.Outbox` on Redis Streams with a consumer group."""

    def __init__(self, url: str, *, consumer: str | None = None) -> None:
        """Connect to ``url`` (``redis://…``); ``consumer`` names this sender in the group."""
        self._redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self._consumer = consumer or f"{socket.gethostname()}-{id(self):x}"
        self._stream = f"{PREFIX}:stream"
        try:
            self._redis.xgroup_create(self._stream, GROUP, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise OutboxError(f"the outbox's Redis failed: {exc}") from exc
        except redis.RedisError as exc:
            raise OutboxError(f"the outbox's Redis failed: {exc}") from exc

    def put(self, envelope: Envelope) -> bool:
        """Queue ``envelope`` unless its key was queued before; True if queued."""
        try:
            if not self._redis.set(f"{PREFIX}:known:{envelope.key}", 1, nx=True, ex=KNOWN_SECONDS):
                return False
            with self._redis.pipeline(transaction=True) as pipe:
                pipe.set(f"{PREFIX}:env:{envelope.key}", envelope.to_json())
                pipe.rpush(f"{PREFIX}:line:{envelope.user}", envelope.key)
                pipe.incr(f"{PREFIX}:depth")
                pipe.xadd(self._stream, {"key": envelope.key})
                pipe.execute()
            return True
        except redis.RedisError as exc:
            raise OutboxError(f"the outbox's Redis failed: {exc}") from exc

    def claim(self, now: float, lease: float = CLAIM_LEASE_SECONDS) -> Claim | None:
        """The next due envelope first in its user's line, held until acknowledged (another
        sender takes it over after ``lease`` seconds)."""
        try:
            self._promote(now)
            for _read in range(MAX_READS_PER_CLAIM):
                found = self._next_entries(lease)
                if not found:
                    return None
                claim = self._first_claimable(found, now)
                if claim is not None:
                    return claim
            return None
        except redis.RedisError as exc:
            raise OutboxError(f"the outbox's Redis failed: {exc}") from exc

    def _first_claimable(self, found: list[tuple[str, str]], now: float) -> Claim | None:
        """The first entry that is still queued and first in its user's line; the others are
        acknowledged (and, if waiting behind their user's earlier envelope, set aside)."""
        for entry_id, key in found:
            envelope = self._envelope(key)
            if envelope is None:  # already done or dead
                self._ack(entry_id)
                continue
            head = self._redis.lindex(f"{PREFIX}:line:{envelope.user}", 0)
            if head is not None and cast(bytes, head).decode() != key:
                self._ack(entry_id)
                self._redis.zadd(f"{PREFIX}:later", {key: now + LINE_WAIT_SECONDS})
                continue
            return Claim(envelope, entry_id)
        return None

    def progress(self, claim: Claim, sent: int) -> None:
        """Record that the first ``sent`` replies went out."""
        current = self._envelope(claim.envelope.key) or claim.envelope
        self._store(_replace(current, sent=sent))

    def done(self, claim: Claim) -> None:
        """Remove the sent envelope (its key stays known)."""
        key = claim.envelope.key
        try:
            with self._redis.pipeline(transaction=True) as pipe:
                pipe.xack(self._stream, GROUP, claim.token)
                pipe.xdel(self._stream, claim.token)
                pipe.lrem(f"{PREFIX}:line:{claim.envelope.user}", 1, key)
                pipe.delete(f"{PREFIX}:env:{key}")
                pipe.decr(f"{PREFIX}:depth")
                pipe.execute()
        except redis.RedisError as exc:
            raise OutboxError(f"the outbox's Redis failed: {exc}") from exc

    def retry(self, claim: Claim, error: str, at: float) -> None:
        """Due again at ``at``; the user's later envelopes keep waiting behind it."""
        current = self._envelope(claim.envelope.key) or claim.envelope
        self._store(_replace(current, attempts=current.attempts + 1, last_error=error))
        try:
            with self._redis.pipeline(transaction=True) as pipe:
                pipe.zadd(f"{PREFIX}:later", {current.key: at})
                pipe.xack(self._stream, GROUP, claim.token)
                pipe.xdel(self._stream, claim.token)
                pipe.execute()
        except redis.RedisError as exc:
            raise OutboxError(f"the outbox's Redis failed: {exc}") from exc

    def dead(self, claim: Claim, error: str) -> None:
        """Move the envelope to the dead letters."""
        current = self._envelope(claim.envelope.key) or claim.envelope
        letter = {
            "key": current.key,
            "transport": current.transport,
            "attempts": current.attempts + 1,
            "last_error": error,
            "unsent": len(current.replies) - current.sent,
        }
        try:
            with self._redis.pipeline(transaction=True) as pipe:
                pipe.lpush(f"{PREFIX}:dead", json.dumps(letter))
                pipe.ltrim(f"{PREFIX}:dead", 0, DEAD_LETTERS_KEPT - 1)
                pipe.xack(self._stream, GROUP, claim.token)
                pipe.xdel(self._stream, claim.token)
                pipe.lrem(f"{PREFIX}:line:{current.user}", 1, current.key)
                pipe.delete(f"{PREFIX}:env:{current.key}")
                pipe.decr(f"{PREFIX}:depth")
                pipe.execute()
        except redis.RedisError as exc:
            raise OutboxError(f"the outbox's Redis failed: {exc}") from exc

    def depth(self) -> int:
        """Envelopes waiting."""
        try:
            value = self._redis.get(f"{PREFIX}:depth")
        except redis.RedisError as exc:
            raise OutboxError(f"the outbox's Redis failed: {exc}") from exc
        return max(int(cast(bytes, value)), 0) if value else 0

    def dead_letters(self, limit: int = 100) -> list[DeadLetter]:
        """The newest dead letters."""
        try:
            rows = cast(list[bytes], self._redis.lrange(f"{PREFIX}:dead", 0, limit - 1))
        except redis.RedisError as exc:
            raise OutboxError(f"the outbox's Redis failed: {exc}") from exc
        letters = []
        for row in rows:
            data = json.loads(row)
            letters.append(
                DeadLetter(
                    data["key"],
                    data["transport"],
                    int(data["attempts"]),
                    data["last_error"],
                    int(data["unsent"]),
                )
            )
        return letters

    def close(self) -> None:
        """Close the connection pool."""
        self._redis.close()

    # -- inside -----------------------------------------------------------------------------

    def _next_entries(self, lease: float) -> list[tuple[str, str]]:
        """Entries for this sender: one taken over from a dead sender, else a new one."""
        taken = self._redis.xautoclaim(
            self._stream, GROUP, self._consumer, min_idle_time=int(lease * 1000), count=1
        )
        entries = list(taken[1]) if taken and len(taken) > 1 else []
        if not entries:
            fresh = cast(
                Any, self._redis.xreadgroup(GROUP, self._consumer, {self._stream: ">"}, count=1)
            )
            entries = list(fresh[0][1]) if fresh else []
        found = []
        for entry_id, fields in entries:
            if not fields:  # deleted while pending
                self._ack(entry_id.decode())
                continue
            found.append((entry_id.decode(), fields[b"key"].decode()))
        return found

    def _promote(self, now: float) -> None:
        """Move keys whose time has come from ``:later`` back into the stream."""
        later = f"{PREFIX}:later"
        due = cast(list[bytes], self._redis.zrangebyscore(later, "-inf", now, start=0, num=50))
        for raw in due:
            if self._redis.zrem(later, raw):  # only one sender promotes each key
                self._redis.xadd(self._stream, {"key": raw.decode()})

    def _ack(self, entry_id: str) -> None:
        with self._redis.pipeline(transaction=True) as pipe:
            pipe.xack(self._stream, GROUP, entry_id)
            pipe.xdel(self._stream, entry_id)
            pipe.execute()

    def _envelope(self, key: str) -> Envelope | None:
        raw = self._redis.get(f"{PREFIX}:env:{key}")
        return Envelope.from_json(cast(bytes, raw).decode()) if raw else None

    def _store(self, envelope: Envelope) -> None:
        try:
            self._redis.set(f"{PREFIX}:env:{envelope.key}", envelope.to_json())
        except redis.RedisError as exc:
            raise OutboxError(f"the outbox's Redis failed: {exc}") from exc


def _replace(envelope: Envelope, **changes: object) -> Envelope:
    from dataclasses import replace

    return replace(envelope, **changes)  # type: ignore[arg-type]
