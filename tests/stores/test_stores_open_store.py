"""Choosing a store from a URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.stores import RedisSessionStore, SQLiteSessionStore, open_store


def test_sqlite_relative_path_is_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = open_store("sqlite:///state/sessions.db")
    assert isinstance(store, SQLiteSessionStore)
    assert store.path == Path("state/sessions.db")
    assert store.ping()
    assert (tmp_path / "state" / "sessions.db").exists()


def test_sqlite_absolute_path_uses_four_slashes(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/abs.db", ttl_seconds=60)
    assert isinstance(store, SQLiteSessionStore)
    assert store.path == tmp_path / "abs.db"


def test_redis_url_gives_a_redis_store(redis_url: str) -> None:
    store = open_store(redis_url, key_prefix="open-store:")
    try:
        assert isinstance(store, RedisSessionStore)
        assert store.ping()
    finally:
        store.close()


def test_unreachable_redis_pings_false() -> None:
    store = open_store("redis://127.0.0.1:1/0")
    try:
        assert store.ping() is False
    finally:
        store.close()


@pytest.mark.parametrize(
    "url", ["postgres://user:secret@db/bijuli", "sessions.db", "redis+sentinel://secret@h"]
)
def test_unknown_scheme_names_the_accepted_ones(url: str) -> None:
    with pytest.raises(ValueError, match="accepted store URLs: sqlite:///") as caught:
        open_store(url)
    assert "redis://" in str(caught.value)
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize("url", ["sqlite:///", "sqlite:///:memory:"])
def test_sqlite_url_without_a_file_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="names no database file"):
        open_store(url)


def test_sqlite_url_with_two_slashes_explains_the_slashes() -> None:
    with pytest.raises(ValueError, match="three slashes before a relative path"):
        open_store("sqlite://relative.db")


def test_options_a_backend_does_not_take_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        open_store(f"sqlite:///{tmp_path}/s.db", lock_timeout_seconds=5)
