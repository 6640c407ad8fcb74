"""How lists are laid out by SMS, so that every SMS is one registered DLT template.

India's operators deliver an SMS only when it is an instance of a template registered in
advance (:mod:`bot.channels.sms_templates`), and a template may carry at most three variables.
A list built per consumer (the bill's lines, the tips, the rebates, the categories a word
names, the appliances counted) therefore goes by SMS as **paragraphs**, one per item, each of
which is one template: the list's title joined to its first item, then one item a paragraph.
The engine packs paragraphs into messages within the SMS segment limits; an Indian gateway
sends each paragraph as one SMS (:func:`bot.channels.sms_templates.plan_sms`).

These small functions are the only place the shapes are written: the renderers call them with
real values and the template generator (:mod:`bot.channels.sms_template_source`) with
``{#var#}``, so what is registered and what is sent cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

__all__ = [
    "PARAGRAPH",
    "amount_row",
    "numbered_row",
    "option_row",
    "paragraphs",
    "titled",
    "titled_list",
]

PARAGRAPH: Final = "\n\n"
"""What separates two SMS of one reply (and two paragraphs of a message)."""


def numbered_row(number: str, label: str) -> str:
    """A row of a list picked by number: ``3. Energy 201-400 units``."""
    return f"{number}. {label}"


def option_row(number: str, label: str) -> str:
    """An option of an SMS menu, written as the fixed menus write theirs: ``2=Medium industry``."""
    return f"{number}={label}"


def amount_row(label: str, amount: str) -> str:
    """A labelled amount: ``Meter rent: Rs 40.00``."""
    return f"{label}: {amount}"


def titled(title: str, first: str) -> str:
    """A list's title on the line above its first item (one SMS)."""
    return f"{title}\n{first}"


def titled_list(title: str, rows: Sequence[str]) -> str:
    """The title with the first row, then one paragraph per further row; the title alone when
    there are no rows."""
    if not rows:
        return title
    return paragraphs([titled(title, rows[0]), *rows[1:]])


def paragraphs(parts: Sequence[str]) -> str:
    """The non-empty ``parts`` as paragraphs of one reply."""
    return PARAGRAPH.join(part for part in parts if part)
