"""A session store in Redis, shared by every instance of the bot.

Keys (``P`` is the key prefix, ``U`` the hashed user key; the braces are a Redis Cluster
hash tag, so all of a user's keys live in one slot and one transaction may touch them)::

    P{U}:lock          the user's lock: a random token, SET NX PX (a lease)
    P{U}:session       the session JSON, SET with PX = session TTL
    P{U}:reply:<id>    a recorded reply, SET with PX = reply TTL
    P{U}:replies       sorted set of that user's message ids, scored by expiry (ms), so
                       "delete my data" can find every reply key without a KEYS scan

Locking: each user has a lease lock taken with redis-py's :class:`redis.lock.Lock` (``SET NX
PX`` with a random token, compare-and-delete on release), waiting at most
``lock_wait_seconds``. Only messages of the same user wait for each other. The lease is short
(``lock_timeout_seconds``, 1.5 s) so a crashed worker frees the user within that time; while a
turn runs, one renewal thread per store resets the lease of every lock it holds every third of
the lease. The token is the fencing token: the commit WATCHes the lock key and checks the
token before its MULTI/EXEC, so a holder whose lease ran out (a stalled process, a stalled
Redis) writes nothing and gets :class:`~bot.stores.errors.LockLostError`; if the key changes
between the check and EXEC, EXEC aborts. The lock is released on every path; a release that
fails (Redis unreachable) is left to the lease.

Timeouts: every command times out after ``socket_timeout_seconds`` and is retried once, so a
stalled Redis fails a turn within seconds instead of hanging it. A commit whose EXEC was sent
but whose answer was lost may still have been applied (Redis reads what was sent when it
resumes); the store then reads back what it wrote, for up to ``confirm_seconds``, and reports
success if the write is there, so an applied turn is never reported as failed.

Atomicity: writes made through the slot are buffered and sent in one MULTI/EXEC at the end
of the block, so the session and the reply for a message are saved together or not at all.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final, cast

import redis
from redis.backoff import NoBackoff
from redis.client import Pipeline
from redis.exceptions import LockError
from redis.lock import Lock
from redis.retry import Retry

from bot.stores.base import (
    DEFAULT_LOCK_WAIT_SECONDS,
    DEFAULT_REPLY_TTL_SECONDS,
    DEFAULT_SESSION_TTL_SECONDS,
    check_reply,
    check_ttl,
    check_user_key,
)
from bot.stores.errors import LockLostError, SlotClosedError, StoreBusyError

#: Lease of the per-user lock. A live turn renews it; a crashed worker's lock is gone after
#: at most this long, so its user is not blocked for more than a moment.
DEFAULT_LOCK_TIMEOUT_SECONDS: Final[float] = 1.5
#: How long one Redis command may take before it fails (and is retried once). Loopback and
#: LAN commands take well under a millisecond; a stalled server must not hang a turn.
DEFAULT_SOCKET_TIMEOUT_SECONDS: Final[float] = 0.75
#: How long a commit whose answer was lost is checked for having been applied after all.
DEFAULT_CONFIRM_SECONDS: Final[float] = 3.0
#: Key prefix, so the bot can share a Redis database with other applications.
DEFAULT_KEY_PREFIX: Final = "bijuli:"

# Poll interval while waiting for a user's lock (seconds): turns take milliseconds.
_LOCK_POLL_SECONDS: Final = 0.005
# Pause between two read-backs of an unconfirmed commit.
_CONFIRM_POLL_SECONDS: Final = 0.1
# Errors after which a sent command may or may not have run.
_AMBIGUOUS: Final = (redis.ConnectionError, redis.TimeoutError)

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


class _Held:
    """One lock held by this process, and whether a renewal found it taken over."""

    def __init__(self, lock: Lock, token: str) -> None:
        self.lock = lock
        self.token = token
        self.lost = False


class _Renewer:
    """One daemon thread per store that resets the lease of every lock the store holds.

    Renewing from a thread (rather than between steps of the turn) keeps the lease alive while
    the engine computes, however long a step takes; the thread starts with the first lock.
    """

    def __init__(self, every_seconds: float) -> None:
        self._every = every_seconds
        self._held: dict[int, _Held] = {}
        self._guard = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, held: _Held) -> None:
        with self._guard:
            self._held[id(held)] = held
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="bijuli-redis-lock-renewer", daemon=True
                )
                self._thread.start()

    def remove(self, held: _Held) -> None:
        with self._guard:
            self._held.pop(id(held), None)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            with self._guard:
                held = list(self._held.values())
            for one in held:
                self._renew(one)

    def _renew(self, held: _Held) -> None:
        try:
            held.lock.reacquire()
        except LockError:
            # Taken over (or already released): the commit's fencing check refuses to write.
            held.lost = True
        except redis.RedisError:
            # Redis unreachable for now: try again next round; the lease may still hold.
            pass


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
        socket_timeout_seconds: float = DEFAULT_SOCKET_TIMEOUT_SECONDS,
        confirm_seconds: float = DEFAULT_CONFIRM_SECONDS,
        key_prefix: str = DEFAULT_KEY_PREFIX,
    ) -> None:
        """Connect lazily to ``url`` (``redis://host:port/db`` or ``rediss://`` for TLS)."""
        self._ttl_ms = _millis(check_ttl("ttl_seconds", ttl_seconds))
        self._reply_ttl_ms = _millis(check_ttl("reply_ttl_seconds", reply_ttl_seconds))
        self._lease = check_ttl("lock_timeout_seconds", lock_timeout_seconds)
        self._lock_wait = check_ttl("lock_wait_seconds", lock_wait_seconds)
        self._confirm = check_ttl("confirm_seconds", confirm_seconds)
        socket_timeout = check_ttl("socket_timeout_seconds", socket_timeout_seconds)
        self._prefix = key_prefix
        # decode_responses: sessions and replies are text; redis-py does the UTF-8. One quick
        # retry covers a pooled connection that Redis closed (a restart); no more, or a stalled
        # server would hold every turn for several timeouts.
        self._client: redis.Redis = redis.Redis.from_url(
            url,
            decode_responses=True,
            socket_timeout=socket_timeout,
            socket_connect_timeout=socket_timeout,
            retry=Retry(NoBackoff(), 1),
        )
        self._renewer = _Renewer(self._lease / 3)

    @contextmanager
    def open(self, user_key: str) -> Iterator[RedisSlot]:
        """Take ``user_key``'s lock, load its session and yield its slot."""
        check_user_key(user_key)
        keys = _Keys.for_user(self._prefix, user_key)
        held = self._acquire(keys.lock)
        self._renewer.add(held)
        try:
            data = cast("str | None", self._client.get(keys.session))
            slot = RedisSlot(self._client, keys, data)
            try:
                yield slot
            finally:
                slot._closed = True
            self._commit(slot, held)
        finally:
            self._renewer.remove(held)
            _release_quietly(held)

    def ping(self) -> bool:
        """Return True if Redis answers PING."""
        try:
            return bool(self._client.ping())
        except redis.RedisError:
            return False

    def close(self) -> None:
        """Stop renewing locks and close the connection pool."""
        self._renewer.stop()
        self._client.close()
        self._client.connection_pool.disconnect()

    def _acquire(self, lock_key: str) -> _Held:
        # thread_local=False: the renewal thread must see the token the turn's thread took.
        lock = self._client.lock(
            lock_key,
            timeout=self._lease,
            sleep=_LOCK_POLL_SECONDS,
            blocking=True,
            blocking_timeout=self._lock_wait,
            thread_local=False,
        )
        token = secrets.token_hex(16)
        if not lock.acquire(token=token):
            raise StoreBusyError(self._lock_wait)
        return _Held(lock, token)

    def _commit(self, slot: RedisSlot, held: _Held) -> None:
        if not slot._deleted and not slot._saves:
            return
        if held.lost:
            raise LockLostError
        keys = slot._keys
        with self._client.pipeline(transaction=True) as pipe:
            # The fencing check: WATCH first, then compare the token, so that if the lease
            # expires and someone else takes the lock before EXEC, EXEC aborts instead of
            # overwriting their work.
            pipe.watch(keys.lock)  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
            if pipe.get(keys.lock) != held.token:
                raise LockLostError
            stale = cast("list[str]", pipe.zrange(keys.replies, 0, -1)) if slot._deleted else []
            pipe.multi()
            if slot._deleted:
                pipe.delete(keys.session, keys.replies, *(keys.reply(m) for m in stale))
            for save in slot._saves:
                self._queue_save(pipe, keys, save)
            try:
                pipe.execute()
            except (redis.WatchError, *_AMBIGUOUS) as exc:
                # redis-py also reports a connection lost while watching as a WatchError, and
                # a connection lost after EXEC was sent may hide an applied commit: read back.
                if self._applied_after_all(slot):
                    _log.info("a commit's answer was lost, but the commit was applied")
                    return
                if isinstance(exc, redis.WatchError) and not isinstance(exc.__cause__, _AMBIGUOUS):
                    raise LockLostError from exc  # the lock changed hands: EXEC did nothing
                raise  # Redis unreachable: a store failure, outcome unknown

    def _applied_after_all(self, slot: RedisSlot) -> bool:
        """Whether a commit whose answer was lost is in Redis, read back until it answers.

        EXEC is all or nothing, so one key of the transaction tells: the last reply recorded,
        else the last session saved, else (a deletion alone) the session's absence.
        """
        keys = slot._keys
        deadline = time.monotonic() + self._confirm
        while True:
            try:
                return self._shows(slot, keys)
            except redis.RedisError:
                if time.monotonic() + _CONFIRM_POLL_SECONDS >= deadline:
                    return False
                time.sleep(_CONFIRM_POLL_SECONDS)

    def _shows(self, slot: RedisSlot, keys: _Keys) -> bool:
        for save in reversed(slot._saves):
            if save.message_id is not None:
                return self._client.get(keys.reply(save.message_id)) == save.reply
        if slot._saves:
            return self._client.get(keys.session) == slot._saves[-1].data
        return not self._client.exists(keys.session)

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


def _release_quietly(held: _Held) -> None:
    try:
        held.lock.release()
    except LockError:
        pass  # the lease ran out and the lock is someone else's (or nobody's) now
    except redis.RedisError:
        # Redis unreachable: the lease expires on its own. Not logged per turn: the failure
        # that matters is the turn's own, logged once per interval by the app.
        _log.debug("could not release a session lock; its lease will expire")


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
