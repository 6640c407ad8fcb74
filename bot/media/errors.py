"""What can go wrong while making a media item; every error is a :class:`MediaError`."""

from __future__ import annotations

__all__ = [
    "MediaError",
    "MediaTooLargeError",
    "SynthesisError",
    "SynthesisTimeoutError",
    "ToolMissingError",
]


class MediaError(Exception):
    """A media item could not be made or kept; the text reply is sent regardless."""


class ToolMissingError(MediaError):
    """An external program (``espeak-ng``, ``opusenc``) is not installed or not on PATH."""


class SynthesisError(MediaError):
    """An external program failed: it exited with an error or produced nothing."""


class SynthesisTimeoutError(SynthesisError):
    """An external program ran longer than its time limit and was stopped."""


class MediaTooLargeError(MediaError):
    """The file is larger than the channel accepts (WhatsApp: 512 KB for a playable voice note)."""
