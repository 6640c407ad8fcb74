"""A session store in Redis, shared by every instance of the bot.

Keys (``P`` is the key prefix, ``U`` the hashed user key; the braces are a Redis Cluster
hash tag, so all of a user's keys live in one slot and one transaction may touch them)::

    P{U}:lock          the user's lock: a random token, SET NX PX (a lease)
    P{U}:session       the session JSON, SET with PX = session TTL
    P{U}:reply:<id>    a recorded reply, SET with PX = reply TTL
    P{U}:replies       sorted set of that user's message ids, scored by expiry (ms), so
                       "delete my data" can find every reply key without a KEYS scan

Locking: ``open`` takes the lock with ``SET NX PX`` and a fresh token, retrying with short
jittered sleeps until ``lock_wait_seconds`` run out. Only messages of the same user wait
for each other. The lock is a lease (``lock_timeout_seconds``) so a crashed worker cannot
block a user forever; to stay correct when a slow holder outlives its lease, the commit
WATCHes the lock key and checks the token before its MULTI/EXEC: if the lease was lost,
nothing is written and :class:`~bot.stores.errors.LockLostError` is raised. Release is a
Lua compare-and-delete, so a holder never deletes a lock that is no longer its own.

Atomicity: writes made through the slot are buffered and sent in one MULTI/EXEC at the end
of the block, so the session and the reply for a message are saved together or not at all.
"""

from __future__ import annotations

import logging
import random
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final, cast

import redis
from redis.client import Pipeline

from bot.stores.base import (
    DEFAULT_LOCK_WAIT_SECONDS,
    DEFAULT_REPLY_TTL_SECONDS,
    DEFAULT_SESSION_TTL_SECONDS,
    check_reply,
    check_ttl,
    check_user_key,
)
from bot.stores.errors import LockLostError, SlotClosedError, StoreBusyError

#: Lease of the per-user lock. Longer than Twilio's 15 s deadline, so a live handler does
#: not lose it; short enough that a crashed worker frees the user soon.
DEFAULT_LOCK_TIMEOUT_SECONDS: Final[float] = 30.0
#: Key prefix, so the bot can share a Redis database with other applications.
DEFAULT_KEY_PREFIX: Final = "bijuli:"

# Poll interval bounds while waiting for a lock (seconds). Doubling from a small start
# keeps the wait short for typical millisecond-long handlers without hammering Redis.
_FIRST_RETRY = 0.002
_MAX_RETRY = 0.05

_RELEASE_LUA = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Keys:
    lock: str
    session: str
    replies: str
    reply_prefix: str

    @classmethod
    def for_user(cls, prefix: str, user_key: str) -> _Keys:
        base = f"{prefix}{{{user_key}}}:"
        return cls(base + "lock", base + "session", base + "replies", base + "reply:")

    def reply(self, message_id: str) -> str:
        return self.reply_prefix + message_id


@dataclass(frozen=True)
class _Save:
    data: str
    message_id: str | None
    reply: str | None


class RedisSessionStore:
    """Sessions in Redis with per-user locks; see the module docstring for the design."""

    def __init__(
        self,
        url: str,
        *,
        ttl_seconds: float = DEFAULT_SESSION_TTL_SECONDS,
        reply_ttl_seconds: float = DEFAULT_REPLY_TTL_SECONDS,
        lock_timeout_seconds: float = DEFAULT_LOCK_TIMEOUT_SECONDS,
        lock_wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS,
        key_prefix: str = DEFAULT_KEY_PREFIX,
    ) -> None:
        """Connect lazily to ``url`` (``redis://host:port/db`` or ``rediss://`` for TLS)."""
        self._ttl_ms = _millis(check_ttl("ttl_seconds", ttl_seconds))
        self._reply_ttl_ms = _millis(check_ttl("reply_ttl_seconds", reply_ttl_seconds))
        self._lock_ms = _millis(check_ttl("lock_timeout_seconds", lock_timeout_seconds))
        self._lock_wait = check_ttl("lock_wait_seconds", lock_wait_seconds)
        self._prefix = key_prefix
        # decode_responses: sessions and replies are text; redis-py does the UTF-8.
        self._client: redis.Redis = redis.Redis.from_url(url, decode_responses=True)
        self._release = self._client.register_script(_RELEASE_LUA)

    @contextmanager
    def open(self, user_key: str) -> Iterator[RedisSlot]:
        """Take ``user_key``'s lock, load its session and yield its slot."""
        check_user_key(user_key)
        keys = _Keys.for_user(self._prefix, user_key)
        token = self._acquire(keys.lock)
        try:
            data = cast("str | None", self._client.get(keys.session))
            slot = RedisSlot(self._client, keys, data)
            try:
                yield slot
            finally:
                slot._closed = True
            self._commit(slot, token)
        finally:
            self._release_quietly(keys.lock, token)

    def ping(self) -> bool:
        """Return True if Redis answers PING."""
        try:
            return bool(self._client.ping())
        except redis.RedisError:
            return False

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()
        self._client.connection_pool.disconnect()

    def _acquire(self, lock_key: str) -> str:
        token = secrets.token_hex(16)
        deadline = time.monotonic() + self._lock_wait
        delay = _FIRST_RETRY
        while not self._client.set(lock_key, token, nx=True, px=self._lock_ms):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise StoreBusyError(self._lock_wait)
            # Jitter so waiters that woke together do not retry in lockstep.
            time.sleep(min(remaining, delay * random.uniform(0.5, 1.0)))
            delay = min(delay * 2, _MAX_RETRY)
        return token

    def _commit(self, slot: RedisSlot, token: str) -> None:
        if not slot._deleted and not slot._saves:
            return
        keys = slot._keys
        with self._client.pipeline(transaction=True) as pipe:
            # WATCH first: if the lease expires and someone else takes the lock between
            # here and EXEC, EXEC aborts instead of overwriting their work.
            pipe.watch(keys.lock)  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
            if pipe.get(keys.lock) != token:
                raise LockLostError
            stale = cast("list[str]", pipe.zrange(keys.replies, 0, -1)) if slot._deleted else []
            pipe.multi()
            if slot._deleted:
                pipe.delete(keys.session, keys.replies, *(keys.reply(m) for m in stale))
            for save in slot._saves:
                self._queue_save(pipe, keys, save)
            try:
                pipe.execute()
            except redis.WatchError as exc:
                raise LockLostError from exc

    def _queue_save(self, pipe: Pipeline, keys: _Keys, save: _Save) -> None:
        pipe.set(keys.session, save.data, px=self._ttl_ms)
        if save.message_id is None or save.reply is None:
            return
        # The index is scored by expiry so it can be pruned here, on the write path;
        # otherwise an active user's index would grow for ever. Local clocks only need
        # to agree to within the reply TTL (days) for this to be right.
        now_ms = int(time.time() * 1000)
        pipe.set(keys.reply(save.message_id), save.reply, px=self._reply_ttl_ms)
        pipe.zadd(keys.replies, {save.message_id: now_ms + self._reply_ttl_ms})
        pipe.zremrangebyscore(keys.replies, "-inf", now_ms)
        # The newest reply has the longest life, so the index outlives every reply key.
        pipe.pexpire(keys.replies, self._reply_ttl_ms)

    def _release_quietly(self, lock_key: str, token: str) -> None:
        try:
            self._release(keys=[lock_key], args=[token])
        except redis.RedisError:
            # The lease expires on its own; raising here would hide the block's outcome.
            _log.warning("could not release a session lock; it will expire", exc_info=True)


class RedisSlot:
    """A user's session under that user's Redis lock; writes are sent at block exit."""

    data: str | None

    def __init__(self, client: redis.Redis, keys: _Keys, data: str | None) -> None:
        """Wrap the session ``data`` loaded under the lock."""
        self.data = data
        self._client = client
        self._keys = keys
        self._saves: list[_Save] = []
        self._deleted = False
        self._closed = False

    def reply_for(self, message_id: str) -> str | None:
        """Return the reply recorded for ``message_id`` (including one saved in this block)."""
        self._check_open()
        for save in reversed(self._saves):
            if save.message_id == message_id:
                return save.reply
        if self._deleted:
            return None
        return cast("str | None", self._client.get(self._keys.reply(message_id)))

    def save(self, data: str, *, message_id: str | None = None, reply: str | None = None) -> None:
        """Buffer the session (and the reply); both are written in one MULTI/EXEC at exit."""
        self._check_open()
        check_reply(message_id, reply)
        self._saves.append(_Save(data, message_id, reply))
        self.data = data

    def delete(self) -> None:
        """Delete this user's session and recorded replies at block exit."""
        self._check_open()
        # A delete supersedes whatever was buffered before it; later saves still apply.
        self._saves.clear()
        self._deleted = True
        self.data = None

    def _check_open(self) -> None:
        if self._closed:
            raise SlotClosedError


def _millis(seconds: float) -> int:
    return max(1, round(seconds * 1000))
