"""One-message bill requests: a category word plus units, optionally the load.

People in a hurry and field agents type "domestic 250", "gharelu 180 unit 2 kw",
"ଘରୋଇ ୨୫୦ ୟୁନିଟ" or "घरेलू 300 यूनिट 2 किलोवाट" instead of walking through the
menu. :func:`parse_quick` accepts only messages that are clearly such a
request and returns None for anything else, leaving it to the conversation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from bot.understanding.matching import match_category
from bot.understanding.numbers import NumberToken, scan
from bot.understanding.script import Language, detect_language
from bot.understanding.text import process

#: Words besides numbers and units that a quick request may contain
#: ("mo gharelu connection 250 unit"); a longer message is a sentence for the
#: conversation to handle, not a quick request.
QUICK_MAX_WORDS: Final = 5


@dataclass(frozen=True)
class QuickRequest:
    """A complete bill request read from a single message."""

    category: str
    units: Decimal
    load: Decimal | None
    load_unit: Literal["kw", "kva"] | None
    language: Language


def _words_outside(text: str, tokens: tuple[NumberToken, ...]) -> str:
    """``text`` with every number and its unit word blanked out."""
    chars = list(text)
    for token in tokens:
        for position in range(token.unit_start, token.unit_end):
            chars[position] = " "
    return "".join(chars)


def parse_quick(text: str) -> QuickRequest | None:
    """Read a one-message request, or return None when it is not clearly one.

    Requires exactly one category (an exact synonym or a confident typo in the
    words around the numbers), exactly one number that is unit-less or tagged
    as units, and at most one number tagged kW or kVA (the load). An amount in
    rupees, a load in HP, a malformed number, extra numbers or a long sentence
    all give None. ``language`` follows the script of the words, so "ଘର 250
    units" is Odia even though "units" is Latin; Latin script gives "en".
    """
    result = scan(text)
    if result.malformed or not result.tokens:
        return None
    if any(token.unit in ("rupees", "hp") for token in result.tokens):
        return None
    counts = [token for token in result.tokens if token.unit in (None, "units")]
    loads = [token for token in result.tokens if token.unit in ("kw", "kva")]
    if len(counts) != 1 or len(loads) > 1:
        return None
    words = _words_outside(result.text, result.tokens)
    if not 0 < len(process(words).split()) <= QUICK_MAX_WORDS:
        return None
    category = match_category(words)
    if category.kind not in ("exact", "fuzzy") or category.value is None:
        return None
    load = loads[0] if loads else None
    load_unit: Literal["kw", "kva"] | None = None
    if load is not None:
        load_unit = "kva" if load.unit == "kva" else "kw"
    return QuickRequest(
        category=category.value,
        units=counts[0].value,
        load=load.value if load is not None else None,
        load_unit=load_unit,
        language=detect_language(words) or "en",
    )
