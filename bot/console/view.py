"""What the console shows of an estimate and of a day, built from the bot's own rendering.

The itemised estimate uses the same labels, amounts and duty row as the WhatsApp details
(:mod:`bot.rendering.estimate`, :mod:`bot.rendering.labels`). The WhatsApp share text is the
bot's summary without the bot's "reply details" hint (the consumer is not in a conversation
with the bot), ending with who prepared it and its reference code. The day's CSV guards every
cell against spreadsheet formulas.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final
from urllib.parse import quote

from bot import messages as m
from bot.appliances import estimate_units
from bot.appliances import names as n
from bot.console import messages as cm
from bot.console.appliances import (
    ApplianceView,
    appliance_view,
    items_from_inputs,
    priced_savings,
)
from bot.console.forms import request_from_inputs
from bot.console.store import LogEntry
from bot.i18n.catalogs import Language, Translator
from bot.media.card_route import best_saving
from bot.rendering.estimate import (
    duty_row,
    estimate_title,
    kutir_above_text,
    main_parts,
    render_rebates,
)
from bot.rendering.estimate import shows_quantity_and_rate as _shows_working
from bot.rendering.labels import category_name, line_label, money, note_text, number
from tariff_core import BillEstimate, NoteKind, estimate

__all__ = [
    "CSV_COLUMNS",
    "DaySummary",
    "EntryView",
    "Itemised",
    "day_csv",
    "explain_entry",
    "itemise",
    "share_link",
    "share_text",
    "summarise_day",
    "units_from",
]

#: The day log's CSV columns, in order.
CSV_COLUMNS: Final = (
    "reference",
    "time",
    "agent",
    "category",
    "month",
    "units",
    "previous_reading",
    "present_reading",
    "contract_demand",
    "units_from",
    "language",
    "charges_total",
    "payable_by_due_date",
    "payable_after_due_date",
    "consumer_name",
    "consumer_number",
)
#: wa.me opens a chat; with no number WhatsApp asks whom to send it to.
WHATSAPP_SHARE: Final = "https://wa.me/"

_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Row:
    """One line of the itemised estimate: label, working (quantity × rate) and amount."""

    label: str
    working: str
    amount: str


@dataclass(frozen=True)
class Itemised:
    """An estimate as the console's pages show it, in the consumer's language."""

    title: str
    rows: list[Row]
    total_label: str
    total: str
    duty: str
    pay_by_due: str
    pay_after_due: str
    rebates: list[str]
    assumptions: list[str]
    disclaimer: str


def itemise(est: BillEstimate, t: Translator) -> Itemised:
    """Every line, the duty, the totals, the rebates and assumptions of ``est``."""
    rows = [
        Row(
            line_label(line, t),
            f"{number(line.quantity, t)} × {money(line.rate, t)}" if _shows_working(line) else "",
            money(line.amount, t),
        )
        for line in est.lines
    ]
    assumptions: list[str] = []
    for note in est.notes:
        if note.kind is NoteKind.ASSUMPTION:
            text = note_text(note, t)
            if text and text not in assumptions:
                assumptions.append(text)
    rebates = render_rebates(est, t).splitlines() if est.rebates else []
    return Itemised(
        title=estimate_title(est, t),
        rows=rows,
        total_label=t.gettext(m.TOTAL_CHARGES),
        total=money(est.charges_total, t),
        duty=duty_row(est, t),
        pay_by_due=t.format(m.PAY_BY_DUE_DATE, amount=money(est.payable_by_due_date, t)),
        pay_after_due=t.format(m.PAY_AFTER_DUE_DATE, amount=money(est.payable_after_due_date, t)),
        rebates=rebates,
        assumptions=assumptions,
        disclaimer=t.gettext(m.DISCLAIMER),
    )


@dataclass(frozen=True)
class EntryView:
    """A log entry estimated again from its inputs: the estimate, what its appliances say
    (when the units came from them) and the one best saving, in the consumer's language."""

    estimate: BillEstimate
    appliances: ApplianceView | None
    saving: str | None


def explain_entry(inputs: dict[str, Any], language: Language) -> EntryView:
    """Estimate a log entry's ``inputs`` again. The best saving is the best change of the
    appliances, priced on this bill, when the units came from them; else the bot's best tip."""
    request = request_from_inputs(inputs)
    est = estimate(request)
    t = Translator.load(language)
    items = items_from_inputs(inputs)
    if items:
        units = estimate_units(items)
        view = appliance_view(units, priced_savings(units, request), t)
        return EntryView(est, view, view.saving or None)
    return EntryView(est, None, best_saving(request, est, t))


def share_text(
    est: BillEstimate,
    t: Translator,
    ref: str,
    *,
    saving: str | None = None,
    approximate: bool = False,
) -> str:
    """The WhatsApp message for the consumer: the estimate at a glance (as the bot's summary
    writes it), the best saving, that the units are approximate when they came from the
    appliances, and who prepared it with its reference code."""
    parts = [f"*{estimate_title(est, t)}*"]
    if any(note.code == "kutir_jyoti_above_limit" for note in est.notes):
        parts.append(kutir_above_text(est, t, m.SHORT_KUTIR_JYOTI_ABOVE))
    parts.extend(f"{t.gettext(label)}: {money(amount, t)}" for label, amount in main_parts(est))
    parts.append(duty_row(est, t))
    parts.append(f"*{t.gettext(m.TOTAL_CHARGES)}: {money(est.charges_total, t)}*")
    parts.append(f"*{t.format(m.PAY_BY_DUE_DATE, amount=money(est.payable_by_due_date, t))}*")
    parts.append(t.format(m.PAY_AFTER_DUE_DATE, amount=money(est.payable_after_due_date, t)))
    if saving:
        parts.append(f"💡 {saving}")
    if approximate:
        parts.append(t.gettext(n.APPLIANCES_APPROXIMATE))
    parts.append(t.format(cm.SHARE_FROM_AGENT, ref=ref))
    return "\n".join(parts)


def share_link(text: str, number: str = "") -> str:
    """A wa.me link that opens WhatsApp with ``text`` ready to send (to ``number``, a
    +91… number, when the agent entered one)."""
    digits = re.sub(r"\D", "", number)
    return f"{WHATSAPP_SHARE}{digits}?text={quote(text, safe='')}"


@dataclass(frozen=True)
class CategoryCount:
    """One category's line of the day summary."""

    name: str
    count: int
    total: str


@dataclass(frozen=True)
class DaySummary:
    """The day's count, its count and total per category, and its total estimated."""

    count: int
    total: str
    by_category: list[CategoryCount]


def summarise_day(entries: list[LogEntry], t: Translator) -> DaySummary:
    """Count and add up the day's estimates (payable by the due date)."""
    counts: Counter[str] = Counter(entry.category for entry in entries)
    totals: dict[str, Decimal] = {}
    for entry in entries:
        totals[entry.category] = totals.get(entry.category, Decimal(0)) + entry.payable_by_due_date
    by_category = [
        CategoryCount(category_name(category, t), count, money(totals[category], t))
        for category, count in counts.most_common()
    ]
    total = sum((entry.payable_by_due_date for entry in entries), Decimal(0))
    return DaySummary(len(entries), money(total, t), by_category)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def units_from(inputs: dict[str, Any]) -> str:
    """Where an entry's units came from: ``units`` typed, ``readings`` or ``appliances``
    (an approximation)."""
    if "appliances" in inputs:
        return "appliances"
    return "readings" if "previous_reading" in inputs else "units"


def day_csv(entries: Iterable[LogEntry], local_time: Callable[[LogEntry], str]) -> str:
    """The day's entries as CSV (UTF-8 text with a header); ``local_time(entry)`` writes an
    entry's time as the agent reads it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        inputs = entry.inputs
        writer.writerow(
            _cell(value)
            for value in (
                entry.ref,
                local_time(entry),
                entry.agent,
                entry.category,
                inputs.get("month", ""),
                inputs.get("units", ""),
                inputs.get("previous_reading", ""),
                inputs.get("present_reading", ""),
                inputs.get("contract_demand", ""),
                units_from(inputs),
                entry.language,
                entry.charges_total,
                entry.payable_by_due_date,
                entry.payable_after_due_date,
                entry.consumer_name,
                entry.consumer_number,
            )
        )
    return out.getvalue()
