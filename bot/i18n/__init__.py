"""Localisation for Bijuli: catalogs, message markers, money and number formatting, SMS sizing.

The public surface is re-exported here; the modules behind it are:

* :mod:`bot.i18n.markers` — ``_`` / ``_n`` to mark messages in source code (read this first);
* :mod:`bot.i18n.catalogs` — :class:`Translator` and the supported :data:`LANGUAGES`;
* :mod:`bot.i18n.formatting` — rupees and numbers with Indian grouping, ASCII digits;
* :mod:`bot.i18n.sms` — GSM-7 / UCS-2 segment counting and WhatsApp length caps;
* :mod:`bot.i18n.messages` — messages common to the whole bot;
* :mod:`bot.i18n.checks` — catalog quality checks (used by the tests; not imported here).
"""

from bot.i18n.catalogs import (
    DOMAIN,
    LANGUAGES,
    CatalogError,
    CatalogNotFoundError,
    Language,
    MissingPlaceholderError,
    Translator,
    UnknownLanguageError,
    default_locales_dir,
    parse_language,
)
from bot.i18n.formatting import format_number, format_rupees, format_rupees_whole
from bot.i18n.markers import PluralMessage, _, _n
from bot.i18n.sms import (
    SMS_MAX_SEGMENTS_ESTIMATE,
    WHATSAPP_MAX_CHARS,
    SmsEncoding,
    fits_segments,
    fits_whatsapp,
    sms_encoding,
    sms_segments,
    sms_units,
)

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "SMS_MAX_SEGMENTS_ESTIMATE",
    "WHATSAPP_MAX_CHARS",
    "CatalogError",
    "CatalogNotFoundError",
    "Language",
    "MissingPlaceholderError",
    "PluralMessage",
    "SmsEncoding",
    "Translator",
    "UnknownLanguageError",
    "_",
    "_n",
    "default_locales_dir",
    "fits_segments",
    "fits_whatsapp",
    "format_number",
    "format_rupees",
    "format_rupees_whole",
    "parse_language",
    "sms_encoding",
    "sms_segments",
    "sms_units",
]
