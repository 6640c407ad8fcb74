"""A session store in Redis, shared by every instance of the bot.

Keys (``P`` is the key prefix, ``U`` the hashed user key; the braces are a Redis Cluster
hash tag, so all of a user's keys live in one slot and one script may touch them)::

    P{U}:lock          the user's lock: a random token, SET NX PX (a lease)
    P{U}:session       the session JSON, SET with PX = session TTL
    P{U}:reply:<id>    a recorded reply, SET with PX = reply TTL
    P{U}:replies       sorted set of that user's message ids, scored by expiry (ms), so
                       "delete my data" can find every reply key without a KEYS scan

Locking: each user has a lease lock taken with redis-py's :class:`redis.lock.Lock` (``SET NX
PX`` with a random token, compare-and-delete on release), waiting at most
``lock_wait_seconds``. Only messages of the same user wait for each other. The lease is short
(``lock_timeout_seconds``, 1.5 s) so a crashed worker frees the user within that time; while a
turn runs, one renewal thread per store resets the lease of every lock it has held for a sixth
of the lease or more, every sixth of the lease, so a lease is renewed at least every third of
it, and a turn of a few milliseconds costs no renewal at all. The token is the fencing token:
the commit is one Lua script that compares the lock's token and, only if it is still ours,
writes everything and deletes the lock (the same compare-and-delete as ``Lock.release``). A
holder whose lease ran out (a stalled process, a stalled Redis) writes nothing and gets
:class:`~bot.stores.errors.LockLostError`. A renewal never disturbs a commit: the check and the
writes are one atomic step, with no WATCH for a renewal's PEXPIRE to abort. Every other path
(nothing to write, an exception in the block, a failed commit) releases with ``Lock.release``;
a release that fails (Redis unreachable) is left to the lease.

Round trips, since every one of them is a wait for the worker thread (and, under load, a wait
for the interpreter lock after it): taking the lock, one MGET of the session and the reply
asked for (loaded on first use, so a lookup by message id costs nothing extra), and the commit
that also releases: three for an ordinary turn.

Timeouts: every command times out after ``socket_timeout_seconds`` and is retried once, so a
stalled Redis fails a turn within seconds instead of hanging it. A commit whose answer was lost
may still have been applied (Redis reads what was sent when it resumes); the store then reads
back what it wrote, for up to ``confirm_seconds``, and reports success if the write is there,
so an applied turn is never reported as failed. The commit script writes the same values if it
runs twice (the retry), so a repeated commit changes nothing.

Atomicity: writes made through the slot are buffered and sent in the one commit script at the
end of the block, so the session and the reply for a message are saved together or not at all.
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
from redis.commands.core import Script
from redis.driver_info import DriverInfo
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
# What each new connection tells Redis about its client (CLIENT SETINFO), worked out once:
# left to redis-py, every new connection looks the version up in the installed packages'
# metadata, a file-system scan made while the pool's lock is held.
_DRIVER: Final = DriverInfo(lib_version=redis.__version__)

# The commit: the fencing check, the writes and the release as one atomic step.
#   KEYS: lock, session, replies index, then the reply keys a deletion removes, then the
#         reply key of each save that records a reply (in the order of the saves)
#   ARGV: token, 1 if the session is deleted first, number of reply keys to delete,
#         session TTL ms, reply TTL ms, now (ms since the epoch), when a reply recorded now
#         expires (likewise), number of saves, then per save: session JSON, message id ("" for
#         none), reply
# Returns 1 when written (and the lock released), 0 when the lock is not ours: nothing done.
_COMMIT_SCRIPT: Final = """
if redis.call('get', KEYS[1]) ~= ARGV[1] then
    return 0
end
local stale = tonumber(ARGV[3])
if ARGV[2] == '1' then
    redis.call('del', KEYS[2], KEYS[3])
    for i = 4, 3 + stale do
        redis.call('del', KEYS[i])
    end
end
local reply_key = 4 + stale
local saves = tonumber(ARGV[8])
for i = 0, saves - 1 do
    local at = 9 + 3 * i
    redis.call('set', KEYS[2], ARGV[at], 'PX', ARGV[4])
    local message_id = ARGV[at + 1]
    if message_id ~= '' then
        redis.call('set', KEYS[reply_key], ARGV[at + 2], 'PX', ARGV[5])
        reply_key = reply_key + 1
        -- The index is scored by expiry so it is pruned here, on the write path; otherwise
        -- an active user's index would grow for ever. The newest reply lives longest, so
        -- the index outlives every reply key.
        redis.call('zadd', KEYS[3], ARGV[7], message_id)
        redis.call('zremrangebyscore', KEYS[3], '-inf', ARGV[6])
        redis.call('pexpire', KEYS[3], ARGV[5])
    end
end
redis.call('del', KEYS[1])
return 1
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


class _Held:
    """One lock held by this process: whether a renewal found it taken over, when its lease
    was last set, and whether the commit released it."""

    def __init__(self, lock: Lock, token: str) -> None:
        self.lock = lock
        self.token = token
        self.lost = False
        self.released = False
        self.leased_at = time.monotonic()


class _Renewer:
    """One daemon thread per store that resets the lease of every lock the store holds for
    longer than ``every_seconds``, every ``every_seconds``.

    Renewing from a thread (rather than between steps of the turn) keeps the lease alive while
    the engine computes, however long a step takes; the thread starts with the first lock. A
    lock younger than one interval is left alone: its lease is nearly whole, and most turns
    end long before the next round, so they cost Redis no renewal.
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
            due = time.monotonic() - self._every
            with self._guard:
                held = [one for one in self._held.values() if one.leased_at <= due]
            for one in held:
                self._renew(one)

    def _renew(self, held: _Held) -> None:
        renewing_at = time.monotonic()
        try:
            held.lock.reacquire()
        except LockError:
            # Taken over (or already released): the commit's fencing check refuses to write.
            held.lost = True
        except redis.RedisError:
            # Redis unreachable for now: try again next round; the lease may still hold.
            pass
        else:
            held.leased_at = renewing_at


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
            driver_info=_DRIVER,
        )
        self._commit_script: Script = self._client.register_script(_COMMIT_SCRIPT)
        # Renewal rounds every sixth of the lease, renewing locks held for a sixth or more: a
        # held lease is reset at least every third of it (see _Renewer).
        self._renewer = _Renewer(self._lease / 6)

    @contextmanager
    def open(self, user_key: str) -> Iterator[RedisSlot]:
        """Take ``user_key``'s lock and yield its slot (the session is read on first use)."""
        check_user_key(user_key)
        keys = _Keys.for_user(self._prefix, user_key)
        held = self._acquire(keys.lock)
        self._renewer.add(held)
        try:
            slot = RedisSlot(self._client, keys)
            try:
                yield slot
            finally:
                slot._closed = True
            self._commit(slot, held)
        finally:
            self._renewer.remove(held)
            if not held.released:
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
        # Under our lock nobody else writes the index, so it can be read before the script;
        # if the lock is lost meanwhile, the script's check refuses the whole commit.
        stale = cast("list[str]", self._client.zrange(keys.replies, 0, -1)) if slot._deleted else []
        recorded = [save.message_id for save in slot._saves if save.message_id is not None]
        now_ms = int(time.time() * 1000)  # local clocks need only agree within the reply TTL
        arguments: list[str | int] = [
            held.token,
            int(slot._deleted),
            len(stale),
            self._ttl_ms,
            self._reply_ttl_ms,
            now_ms,
            now_ms + self._reply_ttl_ms,
            len(slot._saves),
        ]
        for save in slot._saves:
            arguments += [save.data, save.message_id or "", save.reply or ""]
        try:
            written = self._commit_script(
                keys=[
                    keys.lock,
                    keys.session,
                    keys.replies,
                    *(keys.reply(m) for m in stale),
                    *(keys.reply(m) for m in recorded),
                ],
                args=arguments,
            )
        except _AMBIGUOUS:
            # The script may have run before the answer was lost: read back.
            if self._applied_after_all(slot):
                _log.info("a commit's answer was lost, but the commit was applied")
                held.released = True  # the script released the lock with the write
                return
            raise  # Redis unreachable: a store failure, outcome unknown
        if not written and not self._shows(slot, keys):
            # The lease lapsed and the lock is not ours: nothing was written. (A commit retried
            # after a lost answer finds its own first run done and the lock gone: that is
            # success, which _shows sees.)
            raise LockLostError
        held.released = True

    def _applied_after_all(self, slot: RedisSlot) -> bool:
        """Whether a commit whose answer was lost is in Redis, read back until it answers.

        The script is all or nothing, so one key of it tells: the last reply recorded, else
        the last session saved, else (a deletion alone) the absence of the session and of
        the replies' index.
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
        return not self._client.exists(keys.session, keys.replies)


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
    """A user's session under that user's Redis lock; writes are sent at block exit.

    The session is read on first use: with the reply asked for, in one MGET, when
    :meth:`reply_for` comes first (as it does in a webhook turn), else alone.
    """

    def __init__(self, client: redis.Redis, keys: _Keys) -> None:
        """A slot for the user of ``keys``, opened under that user's lock."""
        self._client = client
        self._keys = keys
        self._data: str | None = None
        self._loaded = False
        self._saves: list[_Save] = []
        self._deleted = False
        self._closed = False

    @property
    def data(self) -> str | None:
        """The session JSON (None if absent or expired), as loaded or as last saved."""
        if not self._loaded:
            self._check_open()
            self._load(cast("str | None", self._client.get(self._keys.session)))
        return self._data

    @data.setter
    def data(self, value: str | None) -> None:
        self._data = value
        self._loaded = True

    def reply_for(self, message_id: str) -> str | None:
        """Return the reply recorded for ``message_id`` (including one saved in this block)."""
        self._check_open()
        for save in reversed(self._saves):
            if save.message_id == message_id:
                return save.reply
        if self._deleted:
            return None
        if self._loaded:
            return cast("str | None", self._client.get(self._keys.reply(message_id)))
        session, reply = cast(
            "list[str | None]",
            self._client.mget(self._keys.session, self._keys.reply(message_id)),
        )
        self._load(session)
        return reply

    def save(self, data: str, *, message_id: str | None = None, reply: str | None = None) -> None:
        """Buffer the session (and the reply); both are written in one commit at exit."""
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

    def _load(self, session: str | None) -> None:
        if not self._loaded:  # a save or delete in this block already says what it is
            self.data = session

    def _check_open(self) -> None:
        if self._closed:
            raise SlotClosedError


def _millis(seconds: float) -> int:
    return max(1, round(seconds * 1000))
