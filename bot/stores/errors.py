"""Errors raised by :mod:`bot.stores`.

Every error says what went wrong and what to do about it. The tree::

    StoreError
    ├── StoreBusyError     the user's lock could not be taken in time; nothing was read or saved
    ├── LockHeldError      open(wait=False) found the user's lock held; nothing was read
    ├── LockLostError      the Redis lock lease ran out before commit; nothing was saved
    └── SlotClosedError    a slot was used after its ``with`` block ended

Bad configuration (an unknown URL scheme, a non-positive TTL, a raw phone number passed where
a user key belongs) raises :class:`ValueError` instead: those are programming errors, not
conditions a running bot should handle.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class of every runtime error raised by a session store."""


class StoreBusyError(StoreError):
    """The per-user lock could not be taken before the wait ran out."""

    def __init__(self, waited_seconds: float) -> None:
        self.waited_seconds = waited_seconds
        super().__init__(
            f"could not lock the session within {waited_seconds:g} s because another message "
            "is still being handled; let the channel retry, or raise the lock wait if handlers "
            "are legitimately slow"
        )


class LockHeldError(StoreError):
    """``open(key, wait=False)`` (:class:`~bot.stores.base.LocalSessionStore`) found the
    user's lock held by another message: nothing was read or saved. Not a failure: open the
    session with ``open(key)``, which waits, from a worker thread instead."""

    def __init__(self) -> None:
        super().__init__(
            "another message of this user holds the session lock; open(key) waits for it, "
            "open(key, wait=False) does not: call open(key) from a worker thread"
        )


class LockLostError(StoreError):
    """The lock lease expired (and may have been taken over) before the slot was committed."""

    def __init__(self) -> None:
        super().__init__(
            "the session lock expired before the changes were saved, so nothing was saved; "
            "keep work inside `with store.open(...)` short or raise lock_timeout_seconds"
        )


class SlotClosedError(StoreError):
    """A :class:`~bot.stores.base.SessionSlot` was used outside its ``with`` block."""

    def __init__(self) -> None:
        super().__init__(
            "this session slot is closed: read and save only inside `with store.open(...)`"
        )
