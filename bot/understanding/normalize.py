"""Canonical form of user text, used as the key for every lookup in this package.

The result is for *matching only* and is never shown back to the user: it drops
characters (zero-width joiners) that change how a word is drawn but not what it
means, so it must not be used to render text.
"""

from __future__ import annotations

import unicodedata

# Invisible format characters that keyboards insert inconsistently. ZWJ/ZWNJ
# select conjunct or half forms in Odia and Devanagari (e.g. "ୟୁନିଟ୍‌" with a
# trailing ZWNJ) but two spellings that differ only in them are the same word,
# so matching keys drop them. ZWSP, word joiner and BOM arrive from copy-paste.
_INVISIBLE = {
    0x200B: None,  # ZERO WIDTH SPACE
    0x200C: None,  # ZERO WIDTH NON-JOINER
    0x200D: None,  # ZERO WIDTH JOINER
    0x2060: None,  # WORD JOINER
    0xFEFF: None,  # ZERO WIDTH NO-BREAK SPACE (BOM)
    0x00AD: None,  # SOFT HYPHEN
}


def _ascii_digit(ch: str) -> str:
    """Return the ASCII digit for any Unicode decimal digit, else ``ch`` unchanged.

    Using the Unicode decimal property covers Odia (୦–୯) and Devanagari (०–९) as
    well as the Bengali or full-width digits that some keyboards produce.
    """
    if ch.isascii():
        return ch
    value = unicodedata.decimal(ch, None)
    return str(value) if value is not None else ch


def normalize(text: str) -> str:
    """Return the matching key for ``text``.

    Steps, in order: NFC (so precomposed and decomposed nukta forms agree),
    drop zero-width format characters, map every decimal digit to ASCII,
    collapse runs of whitespace to one space and trim, then casefold.

    >>> normalize("  ମୋର   ୨୫୦ UNITS ")
    'ମୋର 250 units'
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = "".join(_ascii_digit(ch) for ch in text)
    # str.split() without arguments splits on every Unicode whitespace,
    # including the no-break spaces that WhatsApp Web pastes.
    return " ".join(text.split()).casefold()
