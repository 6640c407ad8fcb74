"""Speech synthesis: a script in Odia, Hindi or English → an OGG/Opus voice note.

Two Debian programs, run as subprocesses, each with a time limit:

* ``espeak-ng`` (package ``espeak-ng``) speaks the text with its ``or``, ``hi`` or ``en`` voice
  and writes a mono 22 kHz WAV to its standard output; the text goes in on standard input, so
  no text is ever taken for an option and no length limit of the command line applies;
* ``opusenc`` (package ``opus-tools``) encodes that WAV as Opus in an Ogg container, mono, at a
  speech bitrate (24 kbps: a minute of speech is about 180 KB, far under the 512 KB up to which
  WhatsApp shows a voice note with a play button).

The script must have its numbers already in words (:mod:`bot.media.spoken`): a voice reads
digits in its own way, so text with a digit is refused with :class:`ValueError`. Every failure
of the programs is a :class:`~bot.media.errors.MediaError` with a message saying what to do.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from typing import Final

from bot.i18n.catalogs import Language
from bot.media.errors import (
    MediaTooLargeError,
    SynthesisError,
    SynthesisTimeoutError,
    ToolMissingError,
)

__all__ = [
    "BITRATE_KBPS",
    "CONTENT_TYPE",
    "MAX_VOICE_NOTE_BYTES",
    "SPEECH_SETTINGS_VERSION",
    "TOOL_TIMEOUT_SECONDS",
    "VOICES",
    "WORDS_PER_MINUTE",
    "synthesize",
]

#: The espeak-ng voice of each language (``espeak-ng --voices`` lists them).
VOICES: Final[Mapping[Language, str]] = {"or": "or", "hi": "hi", "en": "en"}
#: Speaking rate: a little slower than espeak-ng's 175, for listeners new to a synthetic voice.
WORDS_PER_MINUTE: Final = 150
#: Opus bitrate for speech; mono speech is clear at 16-24 kbps.
BITRATE_KBPS: Final = 24
#: WhatsApp shows a play button for OGG/Opus audio up to this size (else a file to download).
MAX_VOICE_NOTE_BYTES: Final = 512 * 1024
#: Longest either program may run; a summary takes well under a second.
TOOL_TIMEOUT_SECONDS: Final = 20.0
#: The media type of what :func:`synthesize` returns.
CONTENT_TYPE: Final = "audio/ogg"
#: Changes whenever the voice, rate or encoding above change, so that cached files made with
#: other settings are not served for the same text (it is part of the cache key).
SPEECH_SETTINGS_VERSION: Final = f"espeak-ng/{WORDS_PER_MINUTE}wpm/opus{BITRATE_KBPS}k/1"

# Ogg pages start with this capture pattern.
_OGG_MAGIC: Final = b"OggS"
# Characters of a program's error output quoted in an error.
_STDERR_CHARS: Final = 300

_INSTALL_HINTS: Final = {
    "espeak-ng": "install Debian's espeak-ng package (apt-get install espeak-ng)",
    "opusenc": "install Debian's opus-tools package (apt-get install opus-tools)",
}


def synthesize(
    text: str,
    language: Language,
    *,
    timeout: float = TOOL_TIMEOUT_SECONDS,
    max_bytes: int = MAX_VOICE_NOTE_BYTES,
) -> bytes:
    """``text`` spoken in ``language``, as OGG/Opus bytes (mono, 48 kHz, :data:`BITRATE_KBPS`).

    Raises :class:`ValueError` when ``text`` is empty or has a digit (numbers must be words),
    :class:`~bot.media.errors.ToolMissingError` when a program is not installed,
    :class:`~bot.media.errors.SynthesisTimeoutError` when one runs longer than ``timeout``
    seconds, :class:`~bot.media.errors.SynthesisError` when one fails, and
    :class:`~bot.media.errors.MediaTooLargeError` when the result exceeds ``max_bytes``.
    """
    if not text.strip():
        raise ValueError("there is nothing to say: the text is empty")
    if any(char.isdigit() for char in text):
        raise ValueError(
            "the text has digits: write numbers as words (bot.media.number_speech) so that "
            "the voice says them in the listener's language"
        )
    voice = VOICES[language]
    wav = _run(
        # -b 1: the input is UTF-8; --stdin: read the text from standard input.
        ["espeak-ng", "-v", voice, "-s", str(WORDS_PER_MINUTE), "-b", "1", "--stdin", "--stdout"],
        text.encode("utf-8"),
        timeout,
    )
    ogg = _run(
        ["opusenc", "--quiet", "--bitrate", str(BITRATE_KBPS), "--downmix-mono", "-", "-"],
        wav,
        timeout,
    )
    if not ogg.startswith(_OGG_MAGIC):
        raise SynthesisError("opusenc wrote something that is not an Ogg stream")
    if len(ogg) > max_bytes:
        raise MediaTooLargeError(
            f"the voice note is {len(ogg)} bytes, more than {max_bytes}: shorten the script"
        )
    return ogg


def _run(command: Sequence[str], stdin: bytes, timeout: float) -> bytes:
    """Run ``command`` with ``stdin``; its standard output, or a MediaError saying why not."""
    program = command[0]
    try:
        finished = subprocess.run(
            command, input=stdin, capture_output=True, timeout=timeout, check=False
        )
    except FileNotFoundError:
        hint = _INSTALL_HINTS.get(program, f"install {program}")
        raise ToolMissingError(f"{program} was not found on PATH: {hint}") from None
    except subprocess.TimeoutExpired:
        raise SynthesisTimeoutError(
            f"{program} ran longer than {timeout:g} s and was stopped"
        ) from None
    if finished.returncode != 0:
        error = finished.stderr.decode("utf-8", "replace").strip()[:_STDERR_CHARS]
        raise SynthesisError(f"{program} failed with exit status {finished.returncode}: {error}")
    if not finished.stdout:
        raise SynthesisError(f"{program} wrote nothing")
    return finished.stdout
