"""The spoken script of an estimate: what the voice note says, in the listener's language.

The script is the estimate at a glance, said aloud for people who may not read: the connection
and the units, the total charges, what to pay by the due date, the one best saving and the
reminder that it is only an estimate. What to pay after the due date is left to the text: every
amount said in words takes seconds (a large industry's bill runs to lakhs), and a voice note
that goes on for a minute is not listened to. Every sentence is a catalog
message (:mod:`bot.media.messages`), and every number in it is written as words of the language
(:mod:`bot.media.number_speech`), so the voice never reads digits.

Text written for the screen (a category name with a demand range, the best-saving tip) is made
speakable by :func:`speakable`: amounts with the rupee sign become rupees and paise in words,
numbers become words (with %, kW, kVA, kWh and kVAh said in full), a run of four or more digits
without grouping (a helpline such as 1912) is said digit by digit, and WhatsApp's formatting
marks and emoji are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Final

from bot import messages as bot_messages
from bot.i18n.catalogs import Translator
from bot.i18n.messages import ESTIMATE_NOT_A_BILL
from bot.media import messages as mm
from bot.media.number_speech import decimal_words, integer_words, rupees_words
from bot.rendering.labels import category_name
from tariff_core import BillEstimate

__all__ = ["speakable", "spoken_estimate"]

#: A unit symbol after a number, said in full; the longer symbol first (kVAh before kVA).
_UNIT_MESSAGES: Final = {
    "%": mm.SPOKEN_PERCENT,
    "kVAh": mm.SPOKEN_KVAH,
    "kWh": bot_messages.UNITS_WORD,
    "kVA": mm.SPOKEN_KVA,
    "kW": mm.SPOKEN_KILOWATT,
}
_UNIT_PATTERN: Final = "|".join(re.escape(symbol) for symbol in _UNIT_MESSAGES)

# An amount as bot.i18n.formatting writes it (-₹1,23,456.50), a helpline or other identifier
# (four or more digits without grouping), a plain number (1,250 or 2.5) with an optional unit
# symbol after it, and a unit symbol on its own ("load in kW").
_SPEAKABLE: Final = re.compile(
    r"(?P<money>-?₹\s?\d+(?:,\d+)*(?:\.\d+)?)"
    r"|(?P<identifier>(?<!\d)(?<!\d[.,])\d{4,}(?!\d|[.,]\d))"
    rf"|(?P<number>-?\d+(?:,\d+)*(?:\.\d+)?)(?:\s?(?P<unit>{_UNIT_PATTERN})(?![A-Za-z]))?"
    rf"|(?<![A-Za-z])(?P<symbol>{_UNIT_PATTERN})(?![A-Za-z])"
)
# WhatsApp's bold/italic/strike marks and list bullets: shown, not said.
_FORMATTING: Final = re.compile(r"[*_~•]")
_SPACES: Final = re.compile(r"[ \t]+")


def spoken_estimate(est: BillEstimate, t: Translator, *, saving: str | None = None) -> str:
    """The script of ``est`` in ``t``'s language, one sentence a line, with no digits.

    ``saving`` is the one best saving as the text reply shows it (the conversation's
    ``best_saving``); it is said after the amounts.
    """
    unit = t.gettext(bot_messages.UNITS_WORD if est.unit == "kWh" else mm.SPOKEN_KVAH)
    lines = [
        t.gettext(mm.SPOKEN_INTRO),
        t.format(
            mm.SPOKEN_USAGE,
            category=speakable(category_name(est.category, t), t),
            units=decimal_words(est.units, t),
            unit=unit,
        ),
        t.format(mm.SPOKEN_TOTAL, amount=rupees_words(est.charges_total, t)),
        t.format(mm.SPOKEN_PAY_BY_DUE, amount=rupees_words(est.payable_by_due_date, t)),
    ]
    if saving:
        lines.append(t.format(mm.SPOKEN_SAVING, saving=speakable(saving, t)))
    lines.append(t.gettext(ESTIMATE_NOT_A_BILL))
    return "\n".join(lines)


def speakable(text: str, t: Translator) -> str:
    """``text`` written for the screen, rewritten to be read aloud in ``t``'s language: every
    amount and number in words, unit symbols in full, no formatting marks or emoji."""

    def say(match: re.Match[str]) -> str:
        return f" {_say(match, t)} "

    spoken = _SPEAKABLE.sub(say, _FORMATTING.sub(" ", text))
    kept = "".join(char for char in spoken if not _is_pictograph(char))
    lines = (_SPACES.sub(" ", line).strip() for line in kept.splitlines())
    return "\n".join(line for line in lines if line)


def _say(match: re.Match[str], t: Translator) -> str:
    if match["money"]:
        written = match["money"]
        amount = _parse(written.replace("₹", ""))
        return rupees_words(amount, t) if amount is not None else written
    if match["identifier"]:
        return " ".join(integer_words(int(digit), t.lang) for digit in match["identifier"])
    if match["symbol"]:
        return t.gettext(_UNIT_MESSAGES[match["symbol"]])
    value = _parse(match["number"])
    if value is None:
        return match[0]
    words = decimal_words(value, t)
    if match["unit"]:
        words += " " + t.gettext(_UNIT_MESSAGES[match["unit"]])
    return words


def _parse(written: str) -> Decimal | None:
    """A number as the bot writes it (Indian grouping, "." for decimals), or None."""
    try:
        return Decimal(written.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return None


def _is_pictograph(char: str) -> bool:
    """Emoji and other symbols a voice would name ("light bulb") rather than skip."""
    return unicodedata.category(char) == "So" or char in "\ufe0f\u200d"
