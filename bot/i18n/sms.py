"""Measuring replies for SMS (segments) and WhatsApp (length caps).

An SMS is sent in GSM-7 when every character is in the GSM 03.38 basic character set or its
extension table, and in UCS-2 otherwise: one Odia, Devanagari or emoji character switches the
whole message. Sizes:

============  ============  ===========================  =============================
encoding      unit          one-segment message          each part of a longer message
============  ============  ===========================  =============================
GSM-7         septet        160                          153
UCS-2         UTF-16 unit   70                           67
============  ============  ===========================  =============================

Extension-table characters (``^ { } \\ [ ~ ] | €`` and form feed) take two septets (an escape plus
the character); characters outside the Basic Multilingual Plane (most emoji) take two UTF-16
units. Neither is split across two parts, so a long message is packed part by part rather than
divided by 153 or 67. Operators' "smart encoding" (replacing curly quotes etc.) is not modelled:
the count is for the text exactly as given. An empty text is zero segments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final, Literal

__all__ = [
    "GSM7_BASIC",
    "GSM7_EXTENSION",
    "SMS_MAX_SEGMENTS_ESTIMATE",
    "WHATSAPP_MAX_CHARS",
    "SmsEncoding",
    "first_sentences",
    "fits_segments",
    "fits_whatsapp",
    "sms_encoding",
    "sms_segments",
    "sms_text",
    "sms_units",
]

SmsEncoding = Literal["GSM-7", "UCS-2"]

GSM7_BASIC: Final = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
"""The GSM 03.38 basic character set (one septet each; the escape code itself excluded)."""

GSM7_EXTENSION: Final = frozenset("\f^{}\\[~]|€")
"""The GSM 03.38 extension table (two septets each: escape + character)."""

GSM7_SINGLE: Final = 160
GSM7_PART: Final = 153
UCS2_SINGLE: Final = 70
UCS2_PART: Final = 67

WHATSAPP_MAX_CHARS: Final = 1600
"""Twilio's cap on a message body (WhatsApp and SMS alike)."""

SMS_MAX_SEGMENTS_ESTIMATE: Final = 2
"""The most segments an SMS estimate may take (2 UCS-2 parts = 134 Odia characters)."""

SMS_MAX_SEGMENTS_REPLY: Final = 3
"""The most segments one SMS reply is packed into before it is sent as two messages."""

WHATSAPP_ESTIMATE_CHARS: Final = 700
"""The most characters of a WhatsApp estimate: about one phone screen."""

RUPEE_IN_GSM7: Final = "Rs "
"""How the rupee sign is written in an SMS that is otherwise GSM-7 (₹ is not in GSM 03.38)."""


def sms_encoding(text: str) -> SmsEncoding:
    """Return the encoding an SMS with ``text`` is sent in: ``"GSM-7"`` or ``"UCS-2"``."""
    if all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text):
        return "GSM-7"
    return "UCS-2"


def _unit_costs(text: str, encoding: SmsEncoding) -> Iterator[int]:
    """Yield how many septets (GSM-7) or UTF-16 code units (UCS-2) each character takes."""
    for char in text:
        if encoding == "GSM-7":
            yield 2 if char in GSM7_EXTENSION else 1
        else:
            yield 2 if ord(char) > 0xFFFF else 1


def sms_units(text: str) -> int:
    """Return the length of ``text`` in its SMS encoding's units (septets or UTF-16 units)."""
    return sum(_unit_costs(text, sms_encoding(text)))


def sms_segments(text: str) -> int:
    """Return how many SMS segments ``text`` takes (0 for an empty text)."""
    encoding = sms_encoding(text)
    costs = list(_unit_costs(text, encoding))
    single, part = (GSM7_SINGLE, GSM7_PART) if encoding == "GSM-7" else (UCS2_SINGLE, UCS2_PART)
    total = sum(costs)
    if total <= single:
        return 1 if total else 0
    segments, used = 1, 0
    for cost in costs:
        if used + cost > part:
            segments, used = segments + 1, 0
        used += cost
    return segments


def fits_segments(text: str, n: int) -> bool:
    """Return whether ``text`` fits in at most ``n`` SMS segments."""
    return sms_segments(text) <= n


def fits_whatsapp(text: str) -> bool:
    """Return whether ``text`` fits Twilio's body cap (counted in UTF-16 units, conservatively)."""
    return len(text.encode("utf-16-le")) // 2 <= WHATSAPP_MAX_CHARS


def sms_text(text: str) -> str:
    """``text`` as it should go out by SMS: ₹ written "Rs " when that keeps the message GSM-7.

    One ₹ would switch an English SMS to UCS-2 and so more than double its segments; an Odia
    or Hindi SMS is UCS-2 anyway, so its ₹ stays.
    """
    if "\u20b9" not in text:
        return text
    plain = text.replace("\u20b9", RUPEE_IN_GSM7)
    return plain if sms_encoding(plain) == "GSM-7" else text


_SENTENCE_END: Final = re.compile(r"(?<=[.!?\u0964])\s+")


def first_sentences(text: str, segments: int) -> str:
    """As many whole sentences from the start of ``text`` as fit in ``segments`` SMS segments
    (at least the first sentence): long answers are written with the essential sentence first."""
    sentences = _SENTENCE_END.split(text.strip())
    kept = sentences[:1]
    for sentence in sentences[1:]:
        trial = " ".join([*kept, sentence])
        if not fits_segments(sms_text(trial), segments):
            break
        kept.append(sentence)
    return " ".join(kept)
