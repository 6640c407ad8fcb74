"""Voice notes from espeak-ng and opusenc: Ogg/Opus, mono, playable length, under 512 KB, and
numbers spoken as the words of the language (checked through the phonemes espeak-ng reports)."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from pathlib import Path

import pytest
from media_support import Spoken

from bot.i18n import LANGUAGES, Language
from bot.i18n.catalogs import Translator
from bot.media.errors import (
    MediaTooLargeError,
    SynthesisError,
    SynthesisTimeoutError,
    ToolMissingError,
)
from bot.media.number_speech import integer_words, rupees_words
from bot.media.speech import MAX_VOICE_NOTE_BYTES, VOICES, synthesize


def probe(path: Path) -> dict[str, str]:
    """ffprobe's view of an audio file: container, codec, channels, duration, size."""
    shown = subprocess.run(
        [
            "ffprobe", "-v", "error", "-of", "json",
            "-show_entries", "format=format_name,duration,size:stream=codec_name,channels",
            str(path),
        ],
        capture_output=True, check=True, text=True,
    )  # fmt: skip
    data = json.loads(shown.stdout)
    (stream,) = data["streams"]
    return {**data["format"], **{key: str(value) for key, value in stream.items()}}


def phonemes(text: str, language: Language) -> str:
    """The phonemes espeak-ng says for ``text`` (``-x``), one space between words."""
    said = subprocess.run(
        ["espeak-ng", "-v", VOICES[language], "-q", "-x", "-b", "1", "--stdin"],
        input=text.encode(), capture_output=True, check=True,
    )  # fmt: skip
    return " ".join(said.stdout.decode().split())


def bare(phonemes_: str) -> list[str]:
    """Phonemes without stress marks and pauses, word by word: what differs between a word
    said alone and said in a phrase."""
    return re.sub(r"[',_:!]", " ", phonemes_).split()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_long_ht_summary_is_a_playable_voice_note(
    language: Language, ht_scripts: dict[str, Spoken], tmp_path: Path
) -> None:
    audio = synthesize(ht_scripts[language].script, language)
    path = tmp_path / f"ht-{language}.ogg"
    path.write_bytes(audio)
    found = probe(path)
    print(f"{language}: {float(found['duration']):.1f} s, {len(audio)} bytes")
    assert found["format_name"] == "ogg"
    assert found["codec_name"] == "opus"
    assert found["channels"] == "1"
    assert 2 < float(found["duration"]) < 60
    assert int(found["size"]) == len(audio) <= MAX_VOICE_NOTE_BYTES


#: What espeak-ng says for 250 in words: the pinned phonemes of each language's words.
PHONEMES_OF_250 = {
    "or": "d'ui s'Oh p'OtSas,O",
    "hi": "d'o: s'O: p@c'a:s",
    "en": "t'u: h'VndrI2d_:_: and f'Ifti",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_voice_says_250_as_the_words_of_the_language(language: Language) -> None:
    assert phonemes(integer_words(250, language), language) == PHONEMES_OF_250[language]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("number", [250, 1195, 45, 12_34_567, 3_25_00_850])
def test_each_number_word_is_said_as_itself(language: Language, number: int) -> None:
    """The phrase sounds as its words said one by one: the voice reads words, it does not
    take them for something else (its own reading of a number, an abbreviation)."""
    words = integer_words(number, language)
    one_by_one = [phoneme for word in words.split() for phoneme in bare(phonemes(word, language))]
    assert bare(phonemes(words, language)) == one_by_one


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_voice_would_say_digits_otherwise(language: Language) -> None:
    """Why digits never reach the voice: espeak-ng's own reading of "1234567" is not the
    Indian-system words (English says "one million…", the Odia and Hindi voices run words
    together and read tens differently), so the words are written out."""
    words = integer_words(1_234_567, language)
    assert bare(phonemes("1234567", language)) != bare(phonemes(words, language))


def test_english_numbers_are_said_in_lakhs_not_millions() -> None:
    assert "l'ak" in phonemes(integer_words(1_234_567, "en"), "en")
    assert "m'Ili@n" in phonemes("1234567", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_total_in_the_script_is_said_in_words(
    language: Language, ht_scripts: dict[str, Spoken]
) -> None:
    """The phonemes of the whole script hold those of the total's words."""
    spoken = ht_scripts[language]
    total = rupees_words(spoken.estimate.charges_total, Translator.load(language))
    assert " ".join(bare(phonemes(total, language))) in " ".join(
        bare(phonemes(spoken.script, language))
    )


def test_digits_and_empty_text_are_refused() -> None:
    with pytest.raises(ValueError, match="digits"):
        synthesize("Pay 250 rupees", "en")
    with pytest.raises(ValueError, match="nothing to say"):
        synthesize("  \n", "en")


def test_a_note_over_the_size_limit_is_refused() -> None:
    with pytest.raises(MediaTooLargeError, match="shorten"):
        synthesize("two hundred and fifty rupees", "en", max_bytes=1000)


def _program(directory: Path, name: str, body: str) -> None:
    path = directory / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_a_missing_program_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolMissingError, match="apt-get install espeak-ng"):
        synthesize("two", "en")


def test_a_failing_program_is_reported_with_its_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _program(tmp_path, "espeak-ng", "echo 'voice not found' >&2; exit 1")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(SynthesisError, match="exit status 1: voice not found"):
        synthesize("two", "en")


def test_a_program_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _program(tmp_path, "espeak-ng", "exec sleep 30")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(SynthesisTimeoutError, match=r"longer than 0\.2 s"):
        synthesize("two", "en", timeout=0.2)
