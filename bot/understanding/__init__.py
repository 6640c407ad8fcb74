"""Understanding what people type: normalisation, script detection, numbers,
quantities and readings, vocabulary matching, every fact in a message (:mod:`.facts`),
questions and menu picks.

Every function here is pure, never raises on any string, and reads at most the
first few hundred characters of a message.
"""

from bot.understanding.choice import parse_choice
from bot.understanding.greetings import is_greeting
from bot.understanding.matching import (
    FUZZY_MARGIN,
    FUZZY_THRESHOLD,
    Match,
    MatchKind,
    match_category,
    match_command,
    match_language,
)
from bot.understanding.normalize import normalize
from bot.understanding.numbers import (
    Quantity,
    find_quantities,
    parse_number,
    parse_quantity,
    parse_readings,
)
from bot.understanding.script import Language, LanguageGuess, detect_language, guess_language
from bot.understanding.vocabulary import Command, UnitName

__all__ = [
    "FUZZY_MARGIN",
    "FUZZY_THRESHOLD",
    "Command",
    "Language",
    "LanguageGuess",
    "Match",
    "MatchKind",
    "Quantity",
    "UnitName",
    "detect_language",
    "find_quantities",
    "guess_language",
    "is_greeting",
    "match_category",
    "match_command",
    "match_language",
    "normalize",
    "parse_choice",
    "parse_number",
    "parse_quantity",
    "parse_readings",
]
