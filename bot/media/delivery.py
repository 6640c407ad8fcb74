"""Media for a reply without delaying it: a link at once, the file made in the background.

:class:`MediaService` is what the rest of the bot uses:

* :meth:`MediaService.spoken_estimate` (or :meth:`MediaService.speech` for any script) records
  what the voice note is made from, hands out the user's link (a few milliseconds of SQLite) and
  asks a background thread to make the audio. The text reply goes out at once with the link as
  its media item: synthesis never delays it.
* :meth:`MediaService.file_for` serves a link (``GET /media/{token}``): when the background
  thread has not finished yet, or the file was made by another worker that shares no memory
  with this one, the file is made right then from its recipe, so the link works at once and on
  any worker that shares the state directory. One lock per file keeps a file from being made
  twice in one process; across processes the atomic rename makes a second making harmless.
* :meth:`MediaService.purge_for_user` is called when a user's data is deleted.

Files are made by *renderers*, one per kind of media, from the recipe stored with the link
(``{"kind": "speech", "language": "or", "text": ...}``); the card (``image/png``) adds its own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path
from typing import Final

from bot.i18n.catalogs import Language, Translator, parse_language
from bot.inbound import Media
from bot.media.errors import MediaError
from bot.media.speech import CONTENT_TYPE as SPEECH_CONTENT_TYPE
from bot.media.speech import SPEECH_SETTINGS_VERSION, synthesize
from bot.media.spoken import spoken_estimate
from bot.media.store import (
    DEFAULT_LINK_TTL_SECONDS,
    MEDIA_DIR,
    MediaStore,
    StoredMedia,
    content_key,
)
from tariff_core import BillEstimate

__all__ = [
    "SPEECH",
    "MediaService",
    "Renderer",
    "render_speech",
    "speech_content",
]

#: The kind of a voice note in a recipe.
SPEECH: Final = "speech"

Renderer = Callable[[Mapping[str, str]], bytes]
"""Makes a file's bytes from its recipe."""

# Locks that serialise making files (by content key); see MediaService.__init__.
_LOCK_STRIPES: Final = 64

_log = logging.getLogger(__name__)


def render_speech(recipe: Mapping[str, str]) -> bytes:
    """The voice note of a speech recipe: its ``text`` spoken in its ``language``."""
    return synthesize(recipe["text"], parse_language(recipe["language"]))


def speech_content(script: str, language: Language) -> tuple[str, dict[str, str]]:
    """The content key and recipe of ``script`` spoken in ``language``: the key covers the
    voice settings too, so a change of voice or bitrate makes new files."""
    recipe = {"kind": SPEECH, "language": language, "text": script}
    return content_key(SPEECH, SPEECH_SETTINGS_VERSION, language, script), recipe


class MediaService:
    """Voice notes (and later cards) for replies: links at once, files in the background.

    ``store`` keeps files and links; ``renderers`` make a file from its recipe by kind;
    ``link_ttl_seconds`` is how long a link works; ``executor`` runs the background making
    (default: one thread, made on first use, so that speech never takes both cores).
    """

    def __init__(
        self,
        store: MediaStore,
        *,
        renderers: Mapping[str, Renderer] | None = None,
        link_ttl_seconds: float = DEFAULT_LINK_TTL_SECONDS,
        executor: Executor | None = None,
    ) -> None:
        self.store = store
        self.renderers: Mapping[str, Renderer] = (
            renderers if renderers is not None else {SPEECH: render_speech}
        )
        self.link_ttl_seconds = link_ttl_seconds
        self._executor = executor
        self._executor_lock = threading.Lock()
        # Striped locks: a file is made by one thread of this process at a time, with a
        # bounded number of locks however many files there are.
        self._locks = tuple(threading.Lock() for _ in range(_LOCK_STRIPES))

    @classmethod
    def for_state(
        cls, state_dir: Path, public_url: str, *, session_ttl_seconds: float
    ) -> MediaService:
        """The service over ``<state_dir>/media`` with links under ``public_url``; a link never
        outlives the conversation (``session_ttl_seconds``)."""
        store = MediaStore(state_dir / MEDIA_DIR, public_url)
        return cls(store, link_ttl_seconds=min(DEFAULT_LINK_TTL_SECONDS, session_ttl_seconds))

    # --- for the conversation / the webhook ------------------------------------------------

    def spoken_estimate(
        self, est: BillEstimate, t: Translator, user_key: str, *, saving: str | None = None
    ) -> Media:
        """The voice note of ``est`` in ``t``'s language for ``user_key`` (see
        :func:`bot.media.spoken.spoken_estimate`; ``saving`` is the best-saving tip as the text
        reply shows it). Returns at once; the audio is made in the background."""
        return self.speech(spoken_estimate(est, t, saving=saving), t.lang, user_key)

    def speech(self, script: str, language: Language, user_key: str) -> Media:
        """A link for ``user_key`` to ``script`` spoken in ``language``; the audio is made in
        the background unless the same script was already made (files are shared by content)."""
        key, recipe = speech_content(script, language)
        return self.media(key, SPEECH_CONTENT_TYPE, recipe, user_key)

    def media(self, key: str, content_type: str, recipe: Mapping[str, str], user_key: str) -> Media:
        """A link for ``user_key`` to the file ``key`` made from ``recipe`` by the renderer of
        its ``kind``; made in the background unless it exists already."""
        link = self.store.link(
            key, content_type, dict(recipe), user_key, ttl_seconds=self.link_ttl_seconds
        )
        media = StoredMedia(key, content_type, dict(recipe), self.store.path_for(key, content_type))
        if not media.path.exists():
            self._background().submit(self._make_quietly, media)
        return Media(url=link.url, content_type=content_type)

    def purge_for_user(self, user_key: str) -> int:
        """Cut every link of ``user_key`` now (their data was deleted); see
        :meth:`MediaStore.purge_for_user`."""
        return self.store.purge_for_user(user_key)

    # --- for GET /media/{token} ----------------------------------------------------------------

    def file_for(self, token: str) -> StoredMedia | None:
        """The file behind a live link, made now if it does not exist yet; None when the link
        is unknown or expired. Raises :class:`MediaError` when the file cannot be made."""
        media = self.store.lookup(token)
        if media is None:
            return None
        self.make(media)
        return media

    def make(self, media: StoredMedia) -> Path:
        """Make ``media``'s file from its recipe unless it exists; its path."""
        with self._lock_for(media.key):
            if media.path.exists():
                return media.path
            renderer = self.renderers.get(media.recipe.get("kind", ""))
            if renderer is None:
                raise MediaError(f"no renderer for media of kind {media.recipe.get('kind')!r}")
            return self.store.write(media, renderer(media.recipe))

    def close(self) -> None:
        """Let background work finish and stop its thread."""
        with self._executor_lock:
            if self._executor is not None:
                self._executor.shutdown(wait=True)

    # --- internals -----------------------------------------------------------------------------

    def _make_quietly(self, media: StoredMedia) -> None:
        """Background making: a failure is logged (the link makes the file again on request)."""
        try:
            self.make(media)
        except (MediaError, ValueError):
            _log.exception("could not make the %s media %s", media.content_type, media.key[:10])

    def _background(self) -> Executor:
        with self._executor_lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="media")
            return self._executor

    def _lock_for(self, key: str) -> threading.Lock:
        return self._locks[int(key[:8], 16) % _LOCK_STRIPES]
