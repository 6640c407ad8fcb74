"""Reading a short reply that lists appliances: "3 fan, 5 led, 1 fridge, tv 4 hours",
"teen pankha do bulb", "ପଙ୍ଖା ୩, ଟିଭି ୪ ଘଣ୍ଟା", "3 पंखे, फ्रिज 250 लीटर 3 स्टार".

The names people type for each appliance are data (``words`` in the appliance table); numbers
may be digits of any script or words in Odia, Hindi or English, read by the bot's own number
reader (:func:`bot.understanding.number_words.digitize`). A reply is read item by item:

* items are separated by commas, semicolons, new lines or "and" ("aur", "ଓ", "और"); without
  separators, each appliance name starts a new item;
* a count comes before the name ("3 fan") or after it ("fan 3"): whichever the reply's part
  starts with; no count means one;
* "<n> hours" ("ghanta", "ଘଣ୍ଟା", "घंटे") gives the hours a day of the item it follows (or,
  before any name, of the next one); a fridge takes "<n> litre", "<n> star" and "frost free"
  or "direct cool" instead; "5 star" next to a fan names a 5-star fan.

Pure, linear in the length of the reply (of which at most :data:`MAX_REPLY_CHARS` are read),
and never raises: what could not be read is returned in ``leftover``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

from pydantic import ValidationError

from bot.appliances.estimate import ApplianceItem
from bot.appliances.table import ApplianceId, ApplianceTable, FridgeType, default_table
from bot.understanding.normalize import normalize
from bot.understanding.number_words import digitize
from bot.understanding.text import fold, is_word_char

#: Only this much of a reply is read.
MAX_REPLY_CHARS: Final = 500

# Words after a number that say what it counts. Keys are folded (bot.understanding.text.fold).
_HOUR_WORDS: Final = ("h", "hr", "hrs", "hour", "hours", "ghanta", "ghante", "ghanti", "ghonta")
_HOUR_SCRIPT: Final = ("ଘଣ୍ଟା", "ଘଣ୍ଟେ", "घंटा", "घंटे", "घण्टा", "घण्टे")
_LITRE_WORDS: Final = (
    "l",
    "ltr",
    "ltrs",
    "litre",
    "litres",
    "liter",
    "liters",
    "lit",
    "ଲିଟର",
    "लीटर",
)
_STAR_WORDS: Final = ("star", "stars", "*", "★", "ଷ୍ଟାର", "स्टार")
_FRIDGE_TYPES: Final[dict[tuple[str, ...], FridgeType]] = {
    ("frost", "free"): "frost_free",
    ("frostfree",): "frost_free",
    ("double", "door"): "frost_free",
    ("direct", "cool"): "direct_cool",
    ("single", "door"): "direct_cool",
}
_SEPARATOR_WORDS: Final = ("and", "aur", "or", "ar", "o", "ଓ", "ଆଉ", "और", "तथा", "एवं")
# Words that carry no fact here: "I have", counters (Odia ଟା/ଗୋଟି), "a day", "each".
_NOISE_WORDS: Final = (
    "i", "have", "has", "my", "we", "our", "there", "is", "are", "of", "a", "an", "the",
    "nos", "no", "pcs", "pc", "piece", "pieces", "ta", "ti", "gota", "goti", "gote", "wala", "wale",
    "hai", "hain", "he", "ache", "achhi", "achi", "mere", "mera", "mor", "mora", "ghar", "ghare",
    "per", "day", "daily", "x", "roj", "rooj", "din", "dina", "each", "every", "for", "on",
    "chalta", "chalti", "chale", "chaluchi", "use", "used", "run", "runs",
    "ଟା", "ଟି", "ଗୋଟେ", "ଗୋଟିଏ", "ଗୋଟି", "ଅଛି", "ମୋର", "ମୋ", "ଘରେ", "ଦିନ", "ଦିନକୁ", "ପ୍ରତିଦିନ",
    "ଚାଲେ", "ଚାଲୁଛି", "है", "हैं", "मेरे", "मेरा", "घर", "में", "रोज", "रोज़", "प्रतिदिन", "दिन",
    "चलता", "चलती", "चलते", "वाला", "वाले",
)  # fmt: skip

Kind = Literal["appliance", "number", "hours", "litres", "stars", "type", "separator", "other"]


@dataclass(frozen=True)
class _Element:
    """One meaningful piece of a reply, in order."""

    kind: Kind
    text: str = ""
    appliance: ApplianceId | None = None
    value: Decimal | None = None
    fridge_type: FridgeType | None = None


@dataclass
class _Draft:
    """An item being read: what the reply said of it so far."""

    appliance: ApplianceId
    count: Decimal | None = None
    hours: Decimal | None = None
    litres: Decimal | None = None
    stars: Decimal | None = None
    fridge_type: FridgeType | None = None


@dataclass(frozen=True)
class ApplianceReply:
    """What a reply listed: the items read, and the words that could not be used."""

    items: tuple[ApplianceItem, ...]
    leftover: tuple[str, ...] = field(default=())

    @property
    def understood(self) -> bool:
        """Whether at least one appliance was read."""
        return bool(self.items)


@dataclass(frozen=True)
class _Vocabulary:
    phrases: dict[tuple[str, ...], ApplianceId]
    longest: int
    hours: frozenset[str]
    litres: frozenset[str]
    stars: frozenset[str]
    separators: frozenset[str]
    noise: frozenset[str]


def parse_appliance_reply(text: str, table: ApplianceTable | None = None) -> ApplianceReply:
    """The appliances listed in ``text`` (see the module docstring)."""
    vocabulary = _vocabulary(table or default_table())
    words = _words(text[: MAX_REPLY_CHARS * 2])
    elements = _elements(words, vocabulary)
    items: list[ApplianceItem] = []
    leftover: list[str] = []
    for segment in _segments(_bind_quantities(elements, leftover)):
        for draft in _drafts(segment, leftover):
            item = _item(draft)
            if item is None:
                leftover.append(draft.appliance.value)
            else:
                items.append(item)
    return ApplianceReply(items=tuple(items), leftover=tuple(leftover))


def _key(word: str) -> str:
    return fold(word)


# Vocabularies by table (tables are not hashable); the packaged table's is built once.
_VOCABULARIES: dict[int, tuple[ApplianceTable, _Vocabulary]] = {}


def _vocabulary(table: ApplianceTable) -> _Vocabulary:
    known = _VOCABULARIES.get(id(table))
    if known is not None and known[0] is table:
        return known[1]
    vocabulary = _build_vocabulary(table)
    _VOCABULARIES[id(table)] = (table, vocabulary)
    return vocabulary


def _build_vocabulary(table: ApplianceTable) -> _Vocabulary:
    phrases: dict[tuple[str, ...], ApplianceId] = {}
    for appliance in table.appliances:
        for phrase in appliance.words:
            phrases[tuple(_key(word) for word in _words(phrase))] = appliance.id

    def keys(words: tuple[str, ...]) -> frozenset[str]:
        return frozenset(_key(normalize(word)) for word in words)

    return _Vocabulary(
        phrases=phrases,
        longest=max(len(phrase) for phrase in phrases),
        hours=keys(_HOUR_WORDS + _HOUR_SCRIPT),
        litres=keys(_LITRE_WORDS),
        stars=keys(_STAR_WORDS),
        separators=keys(_SEPARATOR_WORDS),
        noise=keys(_NOISE_WORDS),
    )


# Periods that are not decimal points ("t.v.", "a.c.", "3. fan") go; a digit run and the
# letters stuck to it ("3ta", "12ghante", "5star") become separate words.
_STRAY_PERIOD = re.compile(r"(?<![0-9])\.|\.(?![0-9])")
_DIGITS_AND_LETTERS = re.compile(r"[0-9]+(?:\.[0-9]+)?|[^0-9]+")
_SEPARATOR = ","


def _words(text: str) -> list[str]:
    """Normalised words of ``text``, with punctuation that separates items as ``","``."""
    text = _STRAY_PERIOD.sub("", normalize(text.replace("\n", ",")))[:MAX_REPLY_CHARS]
    words: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            words.extend(_DIGITS_AND_LETTERS.findall("".join(current)))
            current.clear()

    for ch in text:
        if is_word_char(ch) or (ch == "." and current):
            current.append(ch)
            continue
        flush()
        if ch in ",;|":
            words.append(_SEPARATOR)
        elif ch in "*★":
            words.append(ch)
    flush()
    return words


def _elements(words: list[str], vocabulary: _Vocabulary) -> list[_Element]:
    """Classify the words: appliance names (longest phrase first), counting words, the rest."""
    keys = [_key(word) for word in words]
    elements: list[_Element] = []
    others: list[str] = []

    def flush_others() -> None:
        # Number words are read in a run of their own, so "teen" in "teen pankha" counts.
        # Noise words go first, so "dui ta pankha" reads "dui" alone.
        meaningful = [word for word in others if _key(word) not in vocabulary.noise]
        others.clear()
        for word in digitize(" ".join(meaningful)).split():
            number = _number(word)
            if number is not None:
                elements.append(_Element("number", word, value=number))
            elif _key(word) not in vocabulary.noise:
                elements.append(_Element("other", word))

    position = 0
    while position < len(words):
        matched = _match(keys, position, vocabulary)
        if matched is not None:
            flush_others()
            length, element = matched
            elements.append(element)
            position += length
            continue
        others.append(words[position])
        position += 1
    flush_others()
    return elements


def _match(keys: list[str], start: int, vocabulary: _Vocabulary) -> tuple[int, _Element] | None:
    """The element the words from ``start`` make, longest first, and how many words it took."""
    key = keys[start]
    for length in range(min(vocabulary.longest, len(keys) - start), 0, -1):
        appliance = vocabulary.phrases.get(tuple(keys[start : start + length]))
        if appliance is not None:
            return length, _Element("appliance", key, appliance=appliance)
    for phrase, fridge_type in _FRIDGE_TYPES.items():
        if tuple(keys[start : start + len(phrase)]) == tuple(_key(word) for word in phrase):
            return len(phrase), _Element("type", key, fridge_type=fridge_type)
    if key == _SEPARATOR or key in vocabulary.separators:
        return 1, _Element("separator", key)
    if key in vocabulary.hours:
        return 1, _Element("hours", key)
    if key in vocabulary.litres:
        return 1, _Element("litres", key)
    if key in vocabulary.stars:
        return 1, _Element("stars", key)
    return None


def _number(word: str) -> Decimal | None:
    if not word[:1].isdigit() or not word.replace(".", "", 1).isdigit():
        return None
    try:
        return Decimal(word)
    except InvalidOperation:
        return None


def _bind_quantities(elements: list[_Element], leftover: list[str]) -> list[_Element]:
    """A number followed by "hours", "litre" or "star" becomes that quantity; such a word
    without a number before it is not understood."""
    bound: list[_Element] = []
    for element in elements:
        if element.kind in ("hours", "litres", "stars"):
            if bound and bound[-1].kind == "number":
                number = bound.pop()
                bound.append(_Element(element.kind, element.text, value=number.value))
            else:
                leftover.append(element.text)
            continue
        bound.append(element)
    return bound


def _segments(elements: list[_Element]) -> list[list[_Element]]:
    segments: list[list[_Element]] = [[]]
    for element in elements:
        if element.kind == "separator":
            segments.append([])
        else:
            segments[-1].append(element)
    return [segment for segment in segments if segment]


def _drafts(segment: list[_Element], leftover: list[str]) -> list[_Draft]:
    """The items of one segment (see the module docstring for counts before or after)."""
    first = next((e.kind for e in segment if e.kind in ("appliance", "number")), None)
    name_first = first == "appliance"
    drafts: list[_Draft] = []
    count: Decimal | None = None
    waiting: list[_Element] = []  # quantities said before any appliance
    for element in segment:
        last = drafts[-1] if drafts else None
        if element.kind == "appliance":
            assert element.appliance is not None
            draft = _Draft(element.appliance, count=count)
            count = None
            drafts.append(draft)
            for quantity in waiting:
                _attach(draft, quantity, leftover)
            waiting.clear()
        elif element.kind == "number":
            if name_first and last is not None and last.count is None and count is None:
                last.count = element.value
            elif count is None:
                count = element.value
            else:
                leftover.append(element.text)
        elif element.kind == "other":
            leftover.append(element.text)
        elif last is None:
            waiting.append(element)
        else:
            _attach(last, element, leftover)
    if count is not None:
        leftover.append(format(count, "f"))
    leftover.extend(quantity.text for quantity in waiting)
    return drafts


def _attach(draft: _Draft, quantity: _Element, leftover: list[str]) -> None:
    """Give ``draft`` the hours, litres, stars or type; what does not fit is left over."""
    is_fridge = draft.appliance is ApplianceId.FRIDGE
    if quantity.kind == "stars" and quantity.value == 5 and draft.appliance is ApplianceId.FAN:
        draft.appliance = ApplianceId.FAN_5_STAR
    elif quantity.kind == "hours" and not is_fridge and draft.hours is None:
        draft.hours = quantity.value
    elif quantity.kind == "litres" and is_fridge and draft.litres is None:
        draft.litres = quantity.value
    elif quantity.kind == "stars" and is_fridge and draft.stars is None:
        draft.stars = quantity.value
    elif quantity.kind == "type" and is_fridge and draft.fridge_type is None:
        draft.fridge_type = quantity.fridge_type
    else:
        leftover.append(quantity.text)


def _item(draft: _Draft) -> ApplianceItem | None:
    """The draft as a valid item, or None when a figure is out of range (2.5 fans, 30 hours)."""
    try:
        return ApplianceItem(
            appliance=draft.appliance,
            count=draft.count if draft.count is not None else 1,
            hours_per_day=draft.hours,
            litres=draft.litres,
            stars=draft.stars,
            fridge_type=draft.fridge_type,
        )
    except ValidationError:
        return None
