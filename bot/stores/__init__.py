"""Session stores: one opaque JSON session per (hashed) user, locked per message.

Public surface::

    store = open_store("sqlite:///state/sessions.db")      # or "redis://localhost:6379/0"
    key = user_key(form["From"], settings.hash_secret)
    with store.open(key) as slot:
        ...                                                 # see bot.stores.base

Backends live in private-by-convention modules (``sqlite``, ``redis``); import from here.
"""

from __future__ import annotations

from typing import Any

from bot.stores.base import (
    DEFAULT_LOCK_WAIT_SECONDS,
    DEFAULT_REPLY_TTL_SECONDS,
    DEFAULT_SESSION_TTL_SECONDS,
    LocalSessionStore,
    SessionSlot,
    SessionStore,
)
from bot.stores.errors import (
    LockHeldError,
    LockLostError,
    SlotClosedError,
    StoreBusyError,
    StoreError,
)
from bot.stores.hashing import message_key, user_key
from bot.stores.redis import RedisSessionStore
from bot.stores.sqlite import SQLiteSessionStore

__all__ = [
    "DEFAULT_LOCK_WAIT_SECONDS",
    "DEFAULT_REPLY_TTL_SECONDS",
    "DEFAULT_SESSION_TTL_SECONDS",
    "LocalSessionStore",
    "LockHeldError",
    "LockLostError",
    "RedisSessionStore",
    "SQLiteSessionStore",
    "SessionSlot",
    "SessionStore",
    "SlotClosedError",
    "StoreBusyError",
    "StoreError",
    "message_key",
    "open_store",
    "user_key",
]

_SQLITE_PREFIX = "sqlite:///"
_REDIS_SCHEMES = ("redis://", "rediss://")
_ACCEPTED = (
    "sqlite:///relative/path.db, sqlite:////absolute/path.db, "
    "redis://host:port/db or rediss://host:port/db"
)


def open_store(url: str, **options: Any) -> SessionStore:
    """Return the store for ``url``, passing ``options`` to its constructor.

    ``sqlite:///relative/path.db`` (relative to the working directory) and
    ``sqlite:////abs/path.db`` give a :class:`SQLiteSessionStore`; ``redis://host:port/db``
    (``rediss://`` for TLS) gives a :class:`RedisSessionStore`. Options a backend does not
    take (``clock`` for Redis, ``lock_timeout_seconds`` for SQLite) raise TypeError.
    """
    if url.startswith(_SQLITE_PREFIX):
        path = url.removeprefix(_SQLITE_PREFIX)
        if not path or path == ":memory:":
            raise ValueError(f"{url!r} names no database file; accepted store URLs: {_ACCEPTED}")
        return SQLiteSessionStore(path, **options)
    if url.startswith("sqlite:"):
        raise ValueError(
            f"{url!r} is not a SQLite store URL: write three slashes before a relative path "
            f"and four before an absolute one; accepted store URLs: {_ACCEPTED}"
        )
    if url.startswith(_REDIS_SCHEMES):
        return RedisSessionStore(url, **options)
    # Name only the scheme: the rest of a URL may hold a password.
    scheme = f"{url.partition('://')[0]!r}" if "://" in url else "(none)"
    raise ValueError(f"unknown session store URL scheme {scheme}; accepted store URLs: {_ACCEPTED}")
