"""Grapheme clusters: the letters a reader sees, for comparing words by typo.

Odia and Devanagari are written in aksharas: a consonant or vowel carries its
vowel sign, virama, nukta, anusvara or chandrabindu. ``ଘରୋଇ`` is four code points
but three letters on screen (``ଘ``, ``ରୋ``, ``ଇ``), and a slip of one key can change
one, two or three code points of a letter. Counting edits in clusters makes a
one-letter typo cost one edit in every script.

The segmenter here is deliberately small: a cluster is one base character with
every combining mark (Unicode category ``M*``) that follows it. That is the
extended grapheme cluster of UAX #29 for the text this package sees (letters of
Latin, Odia and Devanagari, after :func:`bot.understanding.normalize.normalize`
has removed ZWJ/ZWNJ), except that a conjunct is not joined into one cluster
(Unicode 15.1 joins them): ``ल्ट`` is ``ल्`` + ``ट``, so dropping the virama (a
common slip) is one edit, not a change of the whole conjunct, and ``पोल्ट्री``
counts four letters, not two.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

# Unicode blocks whose words are written in aksharas (Devanagari, Odia).
_AKSHARA_BLOCKS = ((0x0900, 0x097F), (0x0B00, 0x0B7F))


def _is_mark(ch: str) -> bool:
    """True for combining marks: vowel signs, virama, nukta, anusvara, accents."""
    return unicodedata.category(ch)[0] == "M"


def iter_clusters(text: str) -> Iterator[str]:
    """Yield the grapheme clusters of ``text`` in order (spaces are clusters too).

    A mark at the start of the text, or after a space, has no base to attach
    to and stands alone, as a reader would see a dotted circle.

    >>> list(iter_clusters("ଘରୋଇ ghar"))
    ['ଘ', 'ରୋ', 'ଇ', ' ', 'g', 'h', 'a', 'r']
    """
    cluster = ""
    for ch in text:
        if cluster and _is_mark(ch) and not cluster.isspace():
            cluster += ch
            continue
        if cluster:
            yield cluster
        cluster = ch
    if cluster:
        yield cluster


def clusters(text: str) -> tuple[str, ...]:
    """Return the grapheme clusters of ``text``.

    >>> clusters("पोल्ट्री")
    ('पो', 'ल्', 'ट्', 'री')
    """
    return tuple(iter_clusters(text))


def letter_count(text: str) -> int:
    """Number of clusters in ``text`` that are not whitespace.

    >>> letter_count("ଘରୋଇ ସଂଯୋଗ")
    6
    """
    return sum(1 for cluster in iter_clusters(text) if not cluster.isspace())


def is_akshara_text(text: str) -> bool:
    """True if ``text`` holds any Odia or Devanagari character."""
    return any(low <= ord(ch) <= high for ch in text for low, high in _AKSHARA_BLOCKS)
