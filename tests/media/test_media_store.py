"""The media cache: links expire, cannot be guessed, and go with the user's data; files are
shared by content and deleted when no live link points at them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.media.store import (
    DEFAULT_LINK_TTL_SECONDS,
    MediaStore,
    StoredMedia,
    content_key,
    is_token,
)

NOW = 1_800_000_000.0
PUBLIC_URL = "https://bijuli.example.in"
RECIPE = {"kind": "speech", "language": "en", "text": "two hundred and fifty rupees"}


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> MediaStore:
    return MediaStore(tmp_path / "media", PUBLIC_URL + "/", clock=clock)


def made(store: MediaStore, key: str, data: bytes = b"OggS audio") -> StoredMedia:
    """Write the file of ``key`` as the speech renderer would."""
    media = StoredMedia(key, "audio/ogg", RECIPE, store.path_for(key, "audio/ogg"))
    store.write(media, data)
    return media


KEY = content_key("speech", "en", "two hundred and fifty rupees")
OTHER_KEY = content_key("speech", "en", "three hundred rupees")


def test_a_link_is_a_url_under_the_public_url(store: MediaStore) -> None:
    link = store.link(KEY, "audio/ogg", RECIPE, "user-a")
    assert link.url == f"{PUBLIC_URL}/media/{link.token}"
    assert link.expires_at == NOW + DEFAULT_LINK_TTL_SECONDS
    found = store.lookup(link.token)
    assert found is not None
    assert (found.key, found.content_type, dict(found.recipe)) == (KEY, "audio/ogg", RECIPE)
    assert found.path == store.path_for(KEY, "audio/ogg")


def test_a_link_stops_working_when_it_expires(store: MediaStore, clock: Clock) -> None:
    link = store.link(KEY, "audio/ogg", RECIPE, "user-a", ttl_seconds=60)
    clock.now = NOW + 59.9
    assert store.lookup(link.token) is not None
    clock.now = NOW + 60
    assert store.lookup(link.token) is None


def test_tokens_are_random_256_bit_strings_that_say_nothing(
    store: MediaStore, tmp_path: Path
) -> None:
    tokens = [store.link(KEY, "audio/ogg", RECIPE, "user-a").token for _ in range(500)]
    assert len(set(tokens)) == len(tokens)
    assert all(is_token(token) and len(token) == 43 for token in tokens)  # 32 bytes, base64
    # Nothing of the content or the user is in a token, and no token is stored as such.
    database = (tmp_path / "media" / "media.db").read_bytes()
    for token in tokens[:50]:
        assert KEY[:12] not in token
        assert "user" not in token
        assert token.encode() not in database
    # A token one character off, or of another shape, opens nothing.
    first = tokens[0]
    altered = first[:-1] + ("A" if first[-1] != "A" else "B")
    assert store.lookup(altered) is None
    assert store.lookup(first + "A") is None
    assert store.lookup("../../media.db") is None


def test_one_file_for_the_same_content_shared_by_users(store: MediaStore) -> None:
    a = store.link(KEY, "audio/ogg", RECIPE, "user-a")
    b = store.link(KEY, "audio/ogg", RECIPE, "user-b")
    found_a, found_b = store.lookup(a.token), store.lookup(b.token)
    assert found_a is not None
    assert found_b is not None
    assert a.token != b.token
    assert found_a.path == found_b.path


def test_purging_a_user_cuts_their_links_and_keeps_shared_files(store: MediaStore) -> None:
    shared = store.link(KEY, "audio/ogg", RECIPE, "user-a")
    own = store.link(OTHER_KEY, "audio/ogg", RECIPE, "user-a")
    other_user = store.link(KEY, "audio/ogg", RECIPE, "user-b")
    shared_file, own_file = made(store, KEY).path, made(store, OTHER_KEY).path

    assert store.purge_for_user("user-a") == 2

    assert store.lookup(shared.token) is None
    assert store.lookup(own.token) is None
    assert store.lookup(other_user.token) is not None
    assert shared_file.exists()  # user-b still has a link to it
    assert not own_file.exists()
    assert store.purge_for_user("user-b") == 1
    assert not shared_file.exists()


def test_expired_links_and_their_files_are_purged(store: MediaStore, clock: Clock) -> None:
    short = store.link(KEY, "audio/ogg", RECIPE, "user-a", ttl_seconds=10)
    longer = store.link(OTHER_KEY, "audio/ogg", RECIPE, "user-a", ttl_seconds=100)
    short_file, longer_file = made(store, KEY).path, made(store, OTHER_KEY).path
    clock.now = NOW + 50
    assert store.purge_expired() == 1
    assert not short_file.exists()
    assert longer_file.exists()
    assert store.lookup(short.token) is None
    assert store.lookup(longer.token) is not None


def test_a_file_without_a_record_is_swept(store: MediaStore, clock: Clock) -> None:
    """A file finished just after its last link was purged has no record: the next purge
    removes it."""
    store.link(KEY, "audio/ogg", RECIPE, "user-a")
    store.purge_for_user("user-a")
    stray = made(store, KEY).path
    store.purge_expired()
    assert not stray.exists()


def test_issuing_links_purges_expired_ones_now_and_then(store: MediaStore, clock: Clock) -> None:
    old = store.link(KEY, "audio/ogg", RECIPE, "user-a", ttl_seconds=10)
    clock.now = NOW + 3600
    store.link(OTHER_KEY, "audio/ogg", RECIPE, "user-b")
    with sqlite3.connect(store.directory / "media.db") as db:
        remaining = db.execute("SELECT COUNT(*) FROM links").fetchone()[0]
    assert remaining == 1
    assert store.lookup(old.token, now=NOW) is None  # gone, not only expired


def test_content_keys_separate_their_parts() -> None:
    assert content_key("ab", "c") != content_key("a", "bc")
    assert content_key("a") == content_key("a")


def test_bad_keys_and_types_are_refused(store: MediaStore) -> None:
    with pytest.raises(ValueError, match="content_key"):
        store.link("not-a-key", "audio/ogg", RECIPE, "user-a")
    with pytest.raises(ValueError, match="unsupported"):
        store.link(KEY, "text/html", RECIPE, "user-a")


def test_nothing_is_created_until_first_used(tmp_path: Path) -> None:
    MediaStore(tmp_path / "media", PUBLIC_URL)
    assert not (tmp_path / "media").exists()
