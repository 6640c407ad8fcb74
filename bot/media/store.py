"""The media cache: files kept by their content, reached through expiring, unguessable links.

Layout, under ``<BIJULI_STATE_DIR>/media/``::

    media.db                      SQLite: what each file is made from, and the live links
    files/<k[:2]>/<key>.<ext>     the files, named by their content key

**Content keys.** A file's key is the SHA-256 of everything it is made from (for a voice note:
the kind, the voice settings, the language and the script; see :func:`content_key`), so two users
who get the same estimate share one file and it is made once. Each file has a *recipe* (the same
inputs, as JSON) in ``media.db``, so a file that is missing (not made yet, or removed) can be made
again on request.

**Links.** A user gets a link to a file: a random token of 256 bits
(:func:`secrets.token_urlsafe`) under ``BIJULI_PUBLIC_URL/media/``, kept with the user's key and
an expiry (an hour by default, never longer than a conversation lives). Only the token's SHA-256
is stored, so a copy of ``media.db`` opens no link.

Why random tokens kept in the database rather than self-contained signed (HMAC) tokens: a link
must stop working the moment its user deletes their data (:meth:`MediaStore.purge_for_user`), and
a signed token stays valid until its expiry unless a list of revoked tokens is kept, which is
state again; a random token carries nothing (neither the user nor the content) that could be
forged, guessed or read back; and the lookup is one indexed read, which a file download needs
anyway. The cost: every instance must see the same state directory (as it must for the files).

**Purging.** :meth:`MediaStore.purge_for_user` deletes the user's links at once;
:meth:`MediaStore.purge_expired` deletes expired links. Either way, a file (and its recipe) that
no live link points at any more is deleted: a file two users share stays while either still has
a link to it. The store is safe to share between threads and processes (SQLite in WAL mode,
files written to a temporary name and renamed into place).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from bot.media.errors import MediaError

__all__ = [
    "CONTENT_TYPE_SUFFIXES",
    "DEFAULT_LINK_TTL_SECONDS",
    "MEDIA_DIR",
    "MediaLink",
    "MediaStore",
    "StoredMedia",
    "content_key",
    "is_token",
]

#: The store's directory inside the state directory.
MEDIA_DIR: Final = "media"
#: How long a link works. Twilio fetches a reply's media within seconds of the reply; an hour
#: leaves room for its retries and for a message waiting in an outbox.
DEFAULT_LINK_TTL_SECONDS: Final = 60 * 60
#: The file name ending of each media type served.
CONTENT_TYPE_SUFFIXES: Final[Mapping[str, str]] = {"audio/ogg": ".ogg", "image/png": ".png"}
#: How often (at most) issuing a link also purges expired ones, in seconds.
PURGE_EVERY_SECONDS: Final = 60.0

_TOKEN_BYTES: Final = 32  # 256 bits: 43 characters of URL-safe base64
_TOKEN: Final = re.compile(r"[A-Za-z0-9_-]{43}")
_KEY: Final = re.compile(r"[0-9a-f]{64}")
_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS media (
    key TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    recipe TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS links (
    token_hash TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    user_key TEXT NOT NULL,
    expires REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS links_by_user ON links (user_key);
CREATE INDEX IF NOT EXISTS links_by_expiry ON links (expires);
CREATE INDEX IF NOT EXISTS links_by_key ON links (key);
"""
# A file no live link points at: its media row goes, then the file.
_UNLINKED: Final = "SELECT key FROM media WHERE key NOT IN (SELECT key FROM links)"


def content_key(*parts: str) -> str:
    """The SHA-256 (hex) of ``parts``: the key of a file made from exactly these inputs.

    Each part is length-prefixed, so ("ab", "c") and ("a", "bc") have different keys.
    """
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def is_token(text: str) -> bool:
    """Whether ``text`` has the shape of a link token (checked before any lookup)."""
    return _TOKEN.fullmatch(text) is not None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class MediaLink:
    """A link handed to one user: the token, its full URL and when it stops working."""

    token: str
    url: str
    expires_at: float


@dataclass(frozen=True)
class StoredMedia:
    """What a live link points at: the file's key, type, recipe and path (which may not exist
    yet: the file is made from the recipe on first request if need be)."""

    key: str
    content_type: str
    recipe: Mapping[str, str]
    path: Path


class MediaStore:
    """Media files by content key, and the expiring links users get to them.

    ``directory`` holds ``media.db`` and ``files/``; nothing is created until first used.
    ``public_url`` is BIJULI_PUBLIC_URL, under which links are written. ``clock`` gives the time
    in seconds since the epoch (tests pass their own).
    """

    def __init__(
        self,
        directory: Path,
        public_url: str,
        *,
        clock: Callable[[], float] = time.time,
        busy_timeout_seconds: float = 2.0,
    ) -> None:
        self.directory = directory
        self.public_url = public_url.rstrip("/")
        self._clock = clock
        self._busy_timeout = busy_timeout_seconds
        self._ready = False
        self._ready_lock = threading.Lock()
        self._last_purge = float("-inf")

    # --- links ---------------------------------------------------------------------------

    def link(
        self,
        key: str,
        content_type: str,
        recipe: Mapping[str, str],
        user_key: str,
        *,
        ttl_seconds: float = DEFAULT_LINK_TTL_SECONDS,
        now: float | None = None,
    ) -> MediaLink:
        """A new link for ``user_key`` to the file ``key`` (made from ``recipe``), valid for
        ``ttl_seconds`` from ``now`` (default: the clock). The recipe is recorded with the first
        link to a key, in the same transaction, so a link always has a recipe."""
        if not _KEY.fullmatch(key):
            raise ValueError("a media key is a SHA-256 in hex: use content_key()")
        if content_type not in CONTENT_TYPE_SUFFIXES:
            raise ValueError(f"unsupported media type {content_type!r}")
        started = self._clock() if now is None else now
        token = secrets.token_urlsafe(_TOKEN_BYTES)
        expires = started + ttl_seconds
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO media (key, content_type, recipe) VALUES (?, ?, ?)",
                (key, content_type, json.dumps(dict(recipe), ensure_ascii=False, sort_keys=True)),
            )
            db.execute(
                "INSERT INTO links (token_hash, key, user_key, expires) VALUES (?, ?, ?, ?)",
                (_token_hash(token), key, user_key, expires),
            )
        if self._clock() - self._last_purge >= PURGE_EVERY_SECONDS:
            self.purge_expired()
        return MediaLink(token=token, url=self.url_for(token), expires_at=expires)

    def url_for(self, token: str) -> str:
        """The public URL of a link: ``<BIJULI_PUBLIC_URL>/media/<token>``."""
        return f"{self.public_url}/media/{token}"

    def lookup(self, token: str, *, now: float | None = None) -> StoredMedia | None:
        """What the link ``token`` points at, or None when it is unknown, expired or purged."""
        if not is_token(token):
            return None
        moment = self._clock() if now is None else now
        with self._transaction(write=False) as db:
            row = db.execute(
                "SELECT media.key, media.content_type, media.recipe FROM links "
                "JOIN media ON media.key = links.key "
                "WHERE links.token_hash = ? AND links.expires > ?",
                (_token_hash(token), moment),
            ).fetchone()
        if row is None:
            return None
        key, content_type, recipe = row
        return StoredMedia(key, content_type, json.loads(recipe), self.path_for(key, content_type))

    def purge_for_user(self, user_key: str) -> int:
        """Delete every link of ``user_key`` (the user deleted their data, or their
        conversation ended), and the files no other live link points at. Returns the number
        of links deleted."""
        with self._transaction() as db:
            deleted = db.execute("DELETE FROM links WHERE user_key = ?", (user_key,)).rowcount
            unlinked = self._drop_unlinked(db)
        self._delete_files(unlinked)
        return deleted

    def purge_expired(self, *, now: float | None = None) -> int:
        """Delete expired links, the files no live link points at any more, and files left
        without a record (a file made just as its last link was purged). Returns the number of
        links deleted."""
        moment = self._clock() if now is None else now
        self._last_purge = self._clock()
        with self._transaction() as db:
            deleted = db.execute("DELETE FROM links WHERE expires <= ?", (moment,)).rowcount
            unlinked = self._drop_unlinked(db)
            known = {key for (key,) in db.execute("SELECT key FROM media")}
        self._delete_files(unlinked)
        self._delete_strays(known)
        return deleted

    # --- files ---------------------------------------------------------------------------

    def path_for(self, key: str, content_type: str) -> Path:
        """Where the file ``key`` of ``content_type`` lives (whether or not it exists yet)."""
        return self._files / key[:2] / f"{key}{CONTENT_TYPE_SUFFIXES[content_type]}"

    def write(self, media: StoredMedia, data: bytes) -> Path:
        """Store ``data`` as ``media``'s file: written to a temporary name and renamed into
        place, so a reader sees the whole file or none."""
        media.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = media.path.with_name(f".{media.path.name}.{secrets.token_hex(8)}.tmp")
        try:
            temporary.write_bytes(data)
            os.replace(temporary, media.path)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise MediaError(f"could not write a media file in {self._files}: {exc}") from exc
        return media.path

    # --- internals -----------------------------------------------------------------------

    @property
    def _files(self) -> Path:
        return self.directory / "files"

    def _drop_unlinked(self, db: sqlite3.Connection) -> list[tuple[str, str]]:
        rows = db.execute(f"SELECT key, content_type FROM media WHERE key IN ({_UNLINKED})")
        unlinked = [(key, content_type) for key, content_type in rows]
        db.execute(f"DELETE FROM media WHERE key IN ({_UNLINKED})")
        return unlinked

    def _delete_files(self, unlinked: list[tuple[str, str]]) -> None:
        for key, content_type in unlinked:
            self.path_for(key, content_type).unlink(missing_ok=True)

    def _delete_strays(self, known: set[str]) -> None:
        if not self._files.is_dir():
            return
        for path in self._files.glob("*/*"):
            key = path.name.split(".")[0]
            if path.is_file() and not path.name.startswith(".") and key not in known:
                path.unlink(missing_ok=True)

    @contextlib.contextmanager
    def _transaction(self, *, write: bool = True) -> Iterator[sqlite3.Connection]:
        """A short-lived connection: one transaction, committed on success, closed after."""
        self._prepare()
        connection = sqlite3.connect(
            self.directory / "media.db", timeout=self._busy_timeout, isolation_level=None
        )
        try:
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        finally:
            connection.close()

    def _prepare(self) -> None:
        """Create the directory and tables on first use (once per process)."""
        if self._ready:
            return
        with self._ready_lock:
            if self._ready:
                return
            self.directory.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.directory / "media.db", timeout=self._busy_timeout)
            try:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.executescript(_SCHEMA)
            finally:
                connection.close()
            self._ready = True
