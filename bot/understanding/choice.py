"""Menu picks: "2", "୨", "२", "option 2", "2️⃣"."""

from __future__ import annotations

import re
from typing import Final

from bot.understanding.normalize import normalize
from bot.understanding.text import process
from bot.understanding.vocabulary import CHOICE_WORDS

#: Menus are short; longer input is not a pick (and keeps int() cheap).
MAX_CHOICE_CHARS: Final = 40
_CHOICE_WORDS: Final = frozenset(process(word) for word in CHOICE_WORDS)
# Keycap emoji are a digit followed by VS16 and COMBINING ENCLOSING KEYCAP;
# the keycap is an enclosing mark, not a symbol, so it is removed explicitly.
_KEYCAP: Final = {0xFE0F: None, 0x20E3: None}
# A separator between digits makes a decimal or a list, never a menu pick.
_NUMBER_WITH_SEPARATOR: Final = re.compile(r"[0-9][.,][0-9]")
# "-1" is a negative number, not option 1 ("option-2" is still option 2).
_NEGATIVE: Final = re.compile(r"(?:^|\s)[-\u2212][0-9]")


def _menu_number(word: str) -> int | None:
    """The integer of a word made only of ASCII digits (normalised beforehand)."""
    if word.isascii() and word.isdigit():
        return int(word)
    return None


def parse_choice(text: str, n_options: int) -> int | None:
    """Return the 1-based option picked in ``text``, or None.

    The whole message must be the number, optionally with a word such as
    "option", "ବିକଳ୍ପ" or "नंबर" before or after it and punctuation around it
    ("2.", "(2)", "#2"). Native digits count. "2.5", "1,2" or a number outside
    1..``n_options`` is not a pick.
    """
    if n_options < 1 or len(text) > MAX_CHOICE_CHARS * 4:
        return None
    cleaned = normalize(text.translate(_KEYCAP))
    if _NUMBER_WITH_SEPARATOR.search(cleaned) or _NEGATIVE.search(cleaned):
        return None
    words = process(cleaned).split()
    if len(words) == 2:
        if words[0] in _CHOICE_WORDS:
            words = words[1:]
        elif words[1] in _CHOICE_WORDS:
            words = words[:1]
    if len(words) != 1 or len(words[0]) > max(3, len(str(n_options))):
        return None
    number = _menu_number(words[0])
    if number is None or not 1 <= number <= n_options:
        return None
    return number
