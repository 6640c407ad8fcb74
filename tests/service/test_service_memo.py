"""IdentityMemo: values kept by the identity of the objects they came from, at most N."""

from __future__ import annotations

import pytest

from bot.memo import IdentityMemo


class Thing:
    """Equal to every other Thing, like two loads of the same tariff data."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Thing)

    def __hash__(self) -> int:
        return 1


def test_a_value_is_found_only_for_the_very_objects_it_came_from() -> None:
    memo: IdentityMemo[str] = IdentityMemo(4)
    first, twin = Thing(), Thing()
    memo.put((first,), "key", "made from first")
    assert memo.get((first,), "key") == "made from first"
    assert memo.get((twin,), "key") is None, "an equal object is not the same object"
    assert memo.get((first,), "other key") is None


def test_the_least_recently_used_value_goes_first() -> None:
    memo: IdentityMemo[int] = IdentityMemo(2)
    thing = Thing()
    memo.put((thing,), 1, 1)
    memo.put((thing,), 2, 2)
    assert memo.get((thing,), 1) == 1  # used: now the most recent
    memo.put((thing,), 3, 3)
    assert memo.get((thing,), 2) is None
    assert memo.get((thing,), 1) == 1
    assert memo.get((thing,), 3) == 3
    assert len(memo) == 2
    memo.clear()
    assert len(memo) == 0


def test_an_entry_keeps_its_objects_alive_so_their_ids_are_never_reused() -> None:
    memo: IdentityMemo[str] = IdentityMemo(8)
    memo.put((Thing(),), "k", "v")  # the only reference to that Thing is the entry's
    for _ in range(1000):  # new objects never take the kept one's id
        fresh = Thing()
        assert memo.get((fresh,), "k") is None


def test_a_memo_keeps_at_least_one_value() -> None:
    with pytest.raises(ValueError, match="at least one"):
        IdentityMemo(0)
