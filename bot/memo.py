"""Results remembered across turns, for values computed from objects compared by identity.

A turn's figures, estimates and summaries come from a tariff order, a translator or an
estimate: objects that are large, not hashable by value, and the same few objects turn after
turn. :class:`IdentityMemo` keys an entry by those objects' identities plus a hashable key of
plain values, and keeps the objects alive in the entry, so that an id in a key can never come
to mean another object while the entry lives.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

__all__ = ["IdentityMemo"]

V = TypeVar("V")


class IdentityMemo(Generic[V]):
    """At most ``size`` values, least recently used out first; safe across threads."""

    def __init__(self, size: int) -> None:
        """Keep at most ``size`` values."""
        if size < 1:
            raise ValueError("a memo keeps at least one value")
        self._size = size
        self._entries: OrderedDict[Hashable, tuple[tuple[object, ...], V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, objects: tuple[object, ...], key: Hashable) -> V | None:
        """The value kept for these very ``objects`` and ``key``, or None."""
        full = (tuple(map(id, objects)), key)
        with self._lock:
            found = self._entries.get(full)
            if found is None or not all(a is b for a, b in zip(found[0], objects, strict=True)):
                return None
            self._entries.move_to_end(full)
            return found[1]

    def put(self, objects: tuple[object, ...], key: Hashable, value: V) -> None:
        """Keep ``value`` for ``objects`` (held until the entry goes) and ``key``."""
        full = (tuple(map(id, objects)), key)
        with self._lock:
            self._entries[full] = (objects, value)
            self._entries.move_to_end(full)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget every value."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        """How many values are kept."""
        return len(self._entries)
