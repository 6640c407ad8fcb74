"""The console store in the conversations' Redis (keys under ``bijuli:console:``).

Keys (``P`` is the prefix)::

    P agent:<name>               the account (JSON); P agents: the set of names
    P session:<id>               the agent of a signed-in session, expiring with it
    P agent-sessions:<name>      that agent's session ids, to sign them all out
    P failures:<key>             failed sign-ins in the current window (INCR, expiring)
    P locked:<key>               a sign-in lock, expiring when the lock ends
    P entry:<ref>                a day-log entry (JSON), kept DAY_LOG_RETENTION_SECONDS
    P day:<agent>:<day>          that agent's references of that day, scored by time

Every value expires by itself except the accounts.
"""

from __future__ import annotations

import math
from typing import Final, cast

import redis

from bot.console.store import DAY_LOG_RETENTION_SECONDS, Agent, LogEntry

__all__ = ["DEFAULT_PREFIX", "RedisConsoleStore"]

#: Key prefix: beside the conversations' ``bijuli:`` keys, never among them.
DEFAULT_PREFIX: Final = "bijuli:console:"
#: How long one command may take before it fails, as for the session store.
SOCKET_TIMEOUT_SECONDS: Final = 2.0


def _ms(seconds: float) -> int:
    return max(1, math.ceil(seconds * 1000))


class RedisConsoleStore:
    """Console accounts, sessions, failed sign-ins and the day log in Redis."""

    def __init__(self, url: str, *, key_prefix: str = DEFAULT_PREFIX) -> None:
        """Connect to ``url`` (lazily) with keys under ``key_prefix``."""
        self._redis: redis.Redis = redis.Redis.from_url(
            url, decode_responses=True, socket_timeout=SOCKET_TIMEOUT_SECONDS
        )
        self._p = key_prefix

    def get_agent(self, name: str) -> Agent | None:
        """The account called ``name``, or None."""
        text = cast(str | None, self._redis.get(f"{self._p}agent:{name}"))
        return Agent.from_json(text) if text else None

    def put_agent(self, agent: Agent) -> None:
        """Create or replace an account."""
        with self._redis.pipeline() as pipe:
            pipe.set(f"{self._p}agent:{agent.name}", agent.to_json())
            pipe.sadd(f"{self._p}agents", agent.name)
            pipe.execute()

    def list_agents(self) -> list[Agent]:
        """Every account, by name."""
        names = sorted(cast(set[str], self._redis.smembers(f"{self._p}agents")))
        agents = [self.get_agent(name) for name in names]
        return [agent for agent in agents if agent is not None]

    def create_session(self, session_id: str, agent: str, expires_at: float) -> None:
        """Record a signed-in session, expiring by itself at ``expires_at``."""
        index = f"{self._p}agent-sessions:{agent}"
        with self._redis.pipeline() as pipe:
            pipe.set(f"{self._p}session:{session_id}", agent, pxat=_ms(expires_at))
            pipe.sadd(index, session_id)
            pipe.pexpireat(index, _ms(expires_at), gt=True)
            pipe.pexpireat(index, _ms(expires_at), nx=True)
            pipe.execute()

    def session_agent(self, session_id: str, now: float) -> str | None:
        """The agent of a live session, or None (Redis expires ended ones)."""
        return cast(str | None, self._redis.get(f"{self._p}session:{session_id}"))

    def end_session(self, session_id: str) -> None:
        """Sign a session out."""
        self._redis.delete(f"{self._p}session:{session_id}")

    def end_sessions_of(self, agent: str) -> None:
        """Sign every session of ``agent`` out."""
        index = f"{self._p}agent-sessions:{agent}"
        ids = cast(set[str], self._redis.smembers(index))
        with self._redis.pipeline() as pipe:
            for session_id in ids:
                pipe.delete(f"{self._p}session:{session_id}")
            pipe.delete(index)
            pipe.execute()

    def count_failure(self, key: str, now: float, window_seconds: float) -> int:
        """Count a failed sign-in; the count expires with its window."""
        name = f"{self._p}failures:{key}"
        with self._redis.pipeline() as pipe:
            pipe.incr(name)
            pipe.pexpire(name, _ms(window_seconds), nx=True)
            count, _ = pipe.execute()
        return int(count)

    def clear_failures(self, key: str) -> None:
        """Forget the failures under ``key`` (a lock in force stays)."""
        self._redis.delete(f"{self._p}failures:{key}")

    def lock(self, key: str, until: float) -> None:
        """Refuse sign-ins under ``key`` until ``until``; the failure count starts again."""
        with self._redis.pipeline() as pipe:
            pipe.set(f"{self._p}locked:{key}", repr(until), pxat=_ms(until))
            pipe.delete(f"{self._p}failures:{key}")
            pipe.execute()

    def locked_until(self, key: str, now: float) -> float | None:
        """When the lock on ``key`` ends, or None."""
        text = cast(str | None, self._redis.get(f"{self._p}locked:{key}"))
        if text is None or float(text) <= now:
            return None
        return float(text)

    def add_entry(self, entry: LogEntry) -> bool:
        """Keep ``entry`` unless its reference is taken (SET NX)."""
        keep_until = _ms(entry.created_at + DAY_LOG_RETENTION_SECONDS)
        stored = self._redis.set(
            f"{self._p}entry:{entry.ref}", entry.to_json(), nx=True, pxat=keep_until
        )
        if not stored:
            return False
        day = f"{self._p}day:{entry.agent}:{entry.day}"
        with self._redis.pipeline() as pipe:
            pipe.zadd(day, {entry.ref: entry.created_at})
            pipe.pexpireat(day, keep_until)
            pipe.execute()
        return True

    def get_entry(self, ref: str) -> LogEntry | None:
        """The entry with reference ``ref``, or None."""
        text = cast(str | None, self._redis.get(f"{self._p}entry:{ref}"))
        return LogEntry.from_json(text) if text else None

    def entries_of(self, agent: str, day: str) -> list[LogEntry]:
        """``agent``'s entries of ``day``, oldest first (deleted ones are skipped)."""
        refs = cast(list[str], self._redis.zrange(f"{self._p}day:{agent}:{day}", 0, -1))
        if not refs:
            return []
        texts = cast(list[str | None], self._redis.mget([f"{self._p}entry:{r}" for r in refs]))
        return [LogEntry.from_json(text) for text in texts if text]

    def delete_entry(self, ref: str) -> bool:
        """Delete an entry and its place in the day's list."""
        entry = self.get_entry(ref)
        if entry is None:
            return False
        with self._redis.pipeline() as pipe:
            pipe.delete(f"{self._p}entry:{ref}")
            pipe.zrem(f"{self._p}day:{entry.agent}:{entry.day}", ref)
            pipe.execute()
        return True

    def close(self) -> None:
        """Close the connection pool."""
        self._redis.close()
