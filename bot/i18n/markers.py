"""Extraction markers: how source code says "this English text is a user-facing message".

Messages are marked where they are *defined* and translated where they are *sent*::

    from bot.i18n import _, _n

    # TRANSLATORS: Reply when the user's message could not be understood.
    NOT_UNDERSTOOD = _("Sorry, I did not understand that.")

    # TRANSLATORS: A quantity of electricity; {units} is a plain number such as 1,250.
    UNITS = _n("{units} unit", "{units} units")

    translator.format(NOT_UNDERSTOOD)
    translator.format_plural(UNITS, 250, units="250")

Both markers are no-ops at run time: ``_`` returns its argument unchanged (the English text *is*
the message id) and ``_n`` bundles the two English forms. ``pybabel extract`` finds them through
the keywords ``_`` and ``_n:1,2`` (see ``scripts/catalogs.sh``), and a ``# TRANSLATORS:`` comment
on the line(s) just above becomes the translator's note in every catalog.

Rules for message authors:

* pass a string *literal* to the marker (never a variable or an f-string), so it can be extracted;
* use named placeholders ``{name}`` (never ``{}``, ``{0}`` or ``%s``); write a literal brace as
  ``{{`` or ``}}``, because every message is filled with :meth:`str.format_map`;
* pass numbers and money already formatted (:mod:`bot.i18n.formatting`), never raw floats.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PluralMessage", "_", "_n"]


def _(message: str) -> str:
    """Mark ``message`` for extraction and return it unchanged (translation happens later)."""
    return message


@dataclass(frozen=True, slots=True)
class PluralMessage:
    """A message with singular and plural English forms, chosen by a count when sent."""

    singular: str
    plural: str


def _n(singular: str, plural: str) -> PluralMessage:
    """Mark a singular/plural pair for extraction and bundle it for later translation."""
    return PluralMessage(singular, plural)
