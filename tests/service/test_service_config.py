"""Settings: named defaults, the environment, validation, and the persisted hashing key."""

from __future__ import annotations

import datetime as dt
import stat
import threading
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot import cli
from bot.config import (
    DEFAULT_PUBLIC_URL,
    DEFAULT_SESSION_TTL_HOURS,
    DEFAULT_STATE_DIR,
    HASH_KEY_FILE,
    Settings,
    load_or_create_key,
)


def test_defaults_are_the_named_constants() -> None:
    settings = Settings()
    assert settings.twilio_auth_token is None
    assert settings.public_url == DEFAULT_PUBLIC_URL == "http://127.0.0.1:8000"
    assert settings.state_dir == DEFAULT_STATE_DIR == Path("state")
    assert settings.session_store_url == "sqlite:///state/sessions.db"
    assert settings.session_ttl_hours == DEFAULT_SESSION_TTL_HOURS == 24
    assert settings.session_ttl_seconds == 24 * 3600
    assert settings.month is None


def test_reads_each_variable_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "tok-7f3a9")
    monkeypatch.setenv("BIJULI_PUBLIC_URL", "https://bijuli.example.in/")
    monkeypatch.setenv("BIJULI_STATE_DIR", str(tmp_path))
    monkeypatch.setenv("BIJULI_SESSION_STORE", "redis://127.0.0.1:6379/2")
    monkeypatch.setenv("BIJULI_SESSION_TTL_HOURS", "2.5")
    monkeypatch.setenv("BIJULI_HASH_KEY", "k" * 32)
    monkeypatch.setenv("BIJULI_MONTH", "2026-05")
    settings = Settings()
    assert settings.twilio_auth_token is not None
    assert settings.twilio_auth_token.get_secret_value() == "tok-7f3a9"
    assert settings.public_url == "https://bijuli.example.in"  # trailing slash dropped
    assert settings.state_dir == tmp_path
    assert settings.session_store_url == "redis://127.0.0.1:6379/2"
    assert settings.session_ttl_seconds == 2.5 * 3600
    assert settings.hash_secret() == b"k" * 32
    assert settings.month == dt.date(2026, 5, 1)
    assert "tok-7f3a9" not in repr(settings)  # secrets never print
    assert "k" * 32 not in repr(settings)


def test_an_empty_variable_means_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "")
    monkeypatch.setenv("BIJULI_MONTH", "")
    settings = Settings()
    assert settings.twilio_auth_token is None
    assert settings.month is None


def test_absolute_state_dir_gives_an_absolute_sqlite_url(tmp_path: Path) -> None:
    assert Settings(state_dir=tmp_path).session_store_url == f"sqlite:///{tmp_path}/sessions.db"


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("month", "2026-13", "YYYY-MM"),
        ("month", "May 2026", "YYYY-MM"),
        ("public_url", "bijuli.example.in", "http"),
        ("public_url", "ftp://bijuli.example.in", "http"),
        ("public_url", "https://bijuli.example.in/?x=1", "query"),
        ("hash_key", "too-short", "at least 16 bytes"),
        ("session_ttl_hours", "0", "greater than 0"),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(field: str, value: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        Settings(**{field: value})


def test_unknown_keyword_is_an_error() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        Settings(twilio_token="typo")  # type: ignore[call-arg]


def test_cli_config_errors_never_echo_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIJULI_HASH_KEY", "short-secret")
    with pytest.raises(cli.ConfigError) as caught:
        cli.load_settings()
    assert "at least 16 bytes" in str(caught.value)
    assert "short-secret" not in str(caught.value)


def test_generated_hash_key_is_private_and_survives_restarts(tmp_path: Path) -> None:
    first = Settings(state_dir=tmp_path / "state").hash_secret()
    key_file = tmp_path / "state" / HASH_KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(first) == 64
    assert Settings(state_dir=tmp_path / "state").hash_secret() == first  # a "restart"
    assert Settings(state_dir=tmp_path / "other").hash_secret() != first
    assert not [p for p in key_file.parent.iterdir() if p.name != HASH_KEY_FILE]


def test_concurrent_workers_agree_on_one_generated_key(tmp_path: Path) -> None:
    path = tmp_path / "state" / HASH_KEY_FILE
    keys: list[bytes] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        barrier.wait()
        keys.append(load_or_create_key(path))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8
    assert len(set(keys)) == 1
    assert path.read_text().strip().encode() == keys[0]


def test_a_truncated_key_file_is_an_error_not_a_weak_key(tmp_path: Path) -> None:
    path = tmp_path / HASH_KEY_FILE
    path.write_text("abc\n")
    path.chmod(0o600)
    with pytest.raises(ValueError, match="shorter than 16 bytes"):
        load_or_create_key(path)
