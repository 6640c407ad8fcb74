"""An estimate as a message.

Two views: the **summary**, sent first (WhatsApp within 700 characters, about one phone screen;
SMS within two segments in every language): total, what to pay by the due date, the main lines,
the one best saving and the offers still open; and the **details** ("details"): every line with
quantity × rate = amount, the duty, every rebate and every assumption.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from bot import messages as m
from bot.i18n.catalogs import Translator
from bot.i18n.formatting import format_rupees_whole
from bot.i18n.sms import (
    SMS_MAX_SEGMENTS_ESTIMATE,
    WHATSAPP_ESTIMATE_CHARS,
    WHATSAPP_MAX_CHARS,
    fits_segments,
    sms_text,
)
from bot.inbound import Channel
from bot.memo import IdentityMemo
from bot.rendering.figures import tariff_figures
from bot.rendering.labels import (
    category_name,
    line_label,
    money,
    month_name,
    note_text,
    number,
    percent,
    rebate_label,
    unit_word,
)
from bot.rendering.sms_layout import amount_row, numbered_row, paragraphs, titled_list
from tariff_core import BillEstimate, DutyStatus, Line, NoteKind, RebateTiming, TariffOrder

_ON_TIME_ONLY = {RebateTiming.BY_DUE_DATE, RebateTiming.DIGITAL_BY_DUE_DATE}


def kutir_above_text(est: BillEstimate, t: Translator, message: str) -> str:
    """A Kutir Jyoti note: above its limit (from the estimate's note) the month is domestic."""
    note = next(n for n in est.notes if n.code == "kutir_jyoti_above_limit")
    return t.format(message, limit=number(Decimal(note.params["limit"]), t))


def estimate_title(est: BillEstimate, t: Translator) -> str:
    """The estimate's title as every view shows it: category, month, units."""
    return _title(est, t)


def _title(est: BillEstimate, t: Translator, with_month: bool = True) -> str:
    month = month_name(est.month, t) if with_month else ""
    title = t.format(
        m.ESTIMATE_TITLE,
        category=category_name(est.category, t),
        month=month,
        units=number(est.units, t),
        unit=unit_word(est.unit, t),
    )
    return title if with_month else title.replace(", ,", ",")


def shows_quantity_and_rate(line: Line) -> bool:
    """Whether a line is written as quantity × rate = amount: an energy slab or flat rate (a
    load-factor line's rate is not per unit of its quantity, so it shows its amount alone)."""
    return (
        line.code == "energy"
        and bool(line.quantity)
        and line.params.get("slab") not in ("lf_up_to", "lf_above")
    )


def _line_rows(est: BillEstimate, t: Translator) -> list[str]:
    rows = []
    for line in est.lines:
        label = line_label(line, t)
        if shows_quantity_and_rate(line):
            rows.append(
                f"{label}: {number(line.quantity, t)} × {money(line.rate, t)} = "
                f"{money(line.amount, t)}"
            )
        else:
            rows.append(f"{label}: {money(line.amount, t)}")
    return rows


def duty_label(est: BillEstimate, t: Translator) -> str | None:
    """The duty's label with its rate ("approx." when the rate's source is weak) when the
    estimate includes a levied duty; None when the tariff bears none or it is left out."""
    duty = est.electricity_duty
    if duty.status is DutyStatus.NOT_LEVIED or not duty.included:
        return None
    percent = number(duty.rate_percent or Decimal(0), t)
    label = m.DUTY_LINE_APPROXIMATE if duty.approximate else m.DUTY_LINE
    return t.format(label, percent=percent)


def duty_row(est: BillEstimate, t: Translator) -> str:
    """The duty as every view shows it: its label and amount, none on a tariff that bears
    none, or a plain statement that it is left out."""
    if est.electricity_duty.status is DutyStatus.NOT_LEVIED:
        return t.gettext(m.DUTY_NOT_LEVIED)
    label = duty_label(est, t)
    if label is None:
        return t.gettext(m.DUTY_EXCLUDED)
    return f"{label}: {money(est.electricity_duty.amount, t)}"


def _rebate_items(est: BillEstimate, t: Translator, counted: bool) -> list[str]:
    """Each rebate taken off (``counted``) or still open, with its amount: "label: amount"."""
    items = []
    for option in est.rebates:
        if option.counted != counted or not option.amount:
            continue
        label = rebate_label(option.code, t)
        items.append(t.format(m.REBATE_ITEM, label=label, amount=money(option.amount, t)))
    return items


def _rebate_rows(est: BillEstimate, t: Translator, counted: bool) -> list[str]:
    return ["• " + item for item in _rebate_items(est, t, counted)]


def _assumption_rows(est: BillEstimate, t: Translator) -> list[str]:
    texts = []
    for note in est.notes:
        if note.kind is NoteKind.TARIFF_CHANGE and note.code == "kutir_jyoti_above_limit":
            continue
        if note.kind is NoteKind.ASSUMPTION or note.code == "contract_demand_billed":
            text = note_text(note, t)
            if text and text not in texts:
                texts.append(text)
    if len(texts) < sum(1 for n in est.notes if n.kind is NoteKind.ASSUMPTION):
        texts.append(t.gettext(m.NOTE_TARIFF_READING))
    return texts


def render_estimate(
    est: BillEstimate, t: Translator, channel: Channel, tips: list[str] | None = None
) -> str:
    """The detailed estimate for ``channel``: every line, rebate and assumption."""
    if channel == "sms":
        return _render_sms(est, t)
    return _render_whatsapp(est, t, tips or [])


def main_parts(est: BillEstimate) -> list[tuple[str, Decimal]]:
    """The charges in four parts, (message, amount) for each part that is not zero: energy
    (time-of-day included), fixed and demand charges, meter rent, and the rest. They add up to
    the charges total; the duty comes on top (:func:`duty_row`)."""
    energy, fixed, other = _sms_sums(est)
    rent = est.line_total("meter_rent")
    parts = (
        (m.SHORT_ENERGY, energy),
        (m.SHORT_FIXED, fixed),
        (m.LINE_METER_RENT, rent),
        (m.SHORT_OTHER, other - rent),
    )
    return [(label, amount) for label, amount in parts if amount]


def _main_lines(est: BillEstimate, t: Translator) -> list[str]:
    """Energy, fixed/demand charges, meter rent and the rest, one amount each, and the duty."""
    rows = [f"{t.gettext(label)}: {money(amount, t)}" for label, amount in main_parts(est)]
    rows.append(duty_row(est, t))
    return rows


def render_summary(
    est: BillEstimate,
    t: Translator,
    channel: Channel,
    *,
    saving: str | None = None,
    extras: list[str] | None = None,
    closing: str = "",
) -> str:
    """The estimate at a glance for ``channel``.

    ``saving`` is the one best saving, ``extras`` short lines such as the assumed load or the
    offers still open, and ``closing`` the follow-up menu. Lower-priority parts are dropped until
    the message fits: 700 characters on WhatsApp, two segments by SMS.

    A summary depends on nothing else, and the same estimates recur turn after turn (see
    :class:`~bot.conversation.billing.SharedEstimates`): each is written once per process.
    """
    key = (channel, saving, tuple(extras or ()), closing)
    written = _SUMMARIES.get((est, t), key)
    if written is None:
        written = _write_summary(est, t, channel, saving, extras or [], closing)
        _SUMMARIES.put((est, t), key, written)
    return written


#: Summaries already written, by estimate, translator and the rest of the arguments.
_SUMMARIES: Final[IdentityMemo[str]] = IdentityMemo(512)


def _write_summary(
    est: BillEstimate,
    t: Translator,
    channel: Channel,
    saving: str | None,
    extras: list[str],
    closing: str,
) -> str:
    kutir_above = any(n.code == "kutir_jyoti_above_limit" for n in est.notes)
    due = t.format(m.PAY_BY_DUE_DATE, amount=money(est.payable_by_due_date, t))
    after = t.format(m.PAY_AFTER_DUE_DATE, amount=money(est.payable_after_due_date, t))
    if channel == "sms":
        return _sms_summary(est, t, saving, extras, closing)

    def build(lines: bool, keep_extras: int, with_saving: bool) -> str:
        parts = [f"*{_title(est, t)}*"]
        if kutir_above:
            parts.append(kutir_above_text(est, t, m.SHORT_KUTIR_JYOTI_ABOVE))
        if lines:
            parts.extend(_main_lines(est, t))
        parts.append(f"*{t.gettext(m.TOTAL_CHARGES)}: {money(est.charges_total, t)}*")
        parts.append(f"*{due}*, {after}")
        if with_saving and saving:
            parts.append(f"💡 {saving}")
        parts.extend(extras[:keep_extras])
        parts.append(t.gettext(m.DETAILS_HINT))
        if closing:
            parts.append(closing)
        return "\n".join(parts)

    text = ""
    for lines, keep_extras, with_saving in (
        (True, len(extras), True),
        (True, 1, True),
        (False, 1, True),
        (False, 0, True),
        (False, 0, False),
    ):
        text = build(lines, keep_extras, with_saving)
        if len(text) <= WHATSAPP_ESTIMATE_CHARS:
            return text
    return text


def sms_summary_text(
    t: Translator,
    title: str,
    *,
    kutir_line: str = "",
    total: str = "",
    due: str,
    after: str = "",
    extra: str = "",
    closing: str = "",
) -> str:
    """The SMS estimate from its pieces, as two paragraphs (one registered DLT template each).

    The first holds the title and the total, the second what to pay by and after the due date,
    the one extra line and the follow-up menu, so that no SMS carries more than three
    variables. Used with real values by :func:`render_summary` and with ``{#var#}`` by the
    template registry's generator, so the registered text and the sent text cannot drift.
    """
    head = [title]
    if kutir_line:
        head.append(kutir_line)
    if total:
        head.append(f"{t.gettext(m.SHORT_TOTAL)} {total}")
    head.append(t.gettext(m.DISCLAIMER_SHORT))
    pay = t.format(m.SHORT_BY_DUE, amount=due)
    if after:
        pay += ", " + t.format(m.SHORT_AFTER_DUE, amount=after)
    tail = [pay]
    if extra:
        tail.append(extra)
    if closing:
        tail.append(closing)
    return sms_text("\n".join(head) + "\n\n" + "\n".join(tail))


def sms_summary_title(t: Translator, kind: str, category: str, units: str, unit: str) -> str:
    """The SMS estimate's title: ``full`` ("Bill estimate: Domestic, 250 units"), ``short``
    ("Domestic, 250 units") or ``units`` ("Estimate: 250 units")."""
    if kind == "full":
        title = t.format(m.ESTIMATE_TITLE, category=category, month="", units=units, unit=unit)
        return title.replace(", ,", ",")
    if kind == "short":
        return t.format(m.SHORT_TITLE, category=category, units=units, unit=unit)
    return t.format(m.SHORT_TITLE_UNITS, units=units, unit=unit)


def _sms_summary(
    est: BillEstimate, t: Translator, saving: str | None, extras: list[str], closing: str
) -> str:
    """Two segments at most: for Odia and Hindi (UCS-2) that is 134 characters, so parts go in
    order of need: what to pay by the due date first, then the rest as room allows. Only
    variants whose every paragraph is a registered DLT template are sent."""
    from bot.channels.sms_templates import registry  # the registry reads this module's output

    def fmt(amount: Decimal) -> str:
        return format_rupees_whole(amount, t.lang)

    kutir_above = any(n.code == "kutir_jyoti_above_limit" for n in est.notes)
    kutir_line = kutir_above_text(est, t, m.SHORT_KUTIR_JYOTI_ABOVE) if kutir_above else ""
    category = category_name(est.category, t)
    units = number(est.units, t)
    unit = unit_word(est.unit, t)

    def build(title: str, total: bool, after: bool, extra: str, menu: bool) -> str:
        return sms_summary_text(
            t,
            sms_summary_title(t, title, category, units, unit),
            kutir_line=kutir_line if title != "units" else "",
            total=fmt(est.charges_total) if total else "",
            due=fmt(est.payable_by_due_date),
            after=fmt(est.payable_after_due_date) if after else "",
            extra=extra,
            closing=closing if menu else "",
        )

    def registered(text: str) -> bool:
        templates = registry()
        return all(templates.matches(part, t.lang) for part in text.split("\n\n"))

    # The one line besides the figures: an assumption or offer first (the estimate depends on
    # it: "Load taken as 1 kW"), else the best saving.
    lines = [line for line in (*extras[:1], saving, *extras[1:]) if line]
    text = ""
    variants = [("full", True, True, line, True) for line in lines]
    variants += [("short", True, True, line, True) for line in lines]
    # Only an assumption or offer is worth the total and the late amount (a saving is not).
    variants += [("short", False, False, line, True) for line in extras[:1]]
    variants += [
        ("full", True, True, "", True),
        ("short", True, True, "", True),
        ("short", False, True, "", True),
        ("short", False, False, "", True),
        ("short", False, True, "", False),
        ("short", False, False, "", False),
        ("units", False, False, "", False),
    ]
    for variant in variants:
        text = build(*variant)
        if fits_segments(text, SMS_MAX_SEGMENTS_ESTIMATE) and registered(text):
            return text
    return text


def _render_whatsapp(est: BillEstimate, t: Translator, tips: list[str]) -> str:
    def build(tip_count: int, with_assumptions: bool, with_options: bool) -> str:
        parts = [f"*{_title(est, t)}*"]
        if any(n.code == "kutir_jyoti_above_limit" for n in est.notes):
            parts.append(kutir_above_text(est, t, m.NOTE_KUTIR_JYOTI_ABOVE))
        parts.extend(_line_rows(est, t))
        parts.append(f"*{t.gettext(m.TOTAL_CHARGES)}: {money(est.charges_total, t)}*")
        parts.append(duty_row(est, t))
        parts.append("")
        parts.append(f"*{t.format(m.PAY_BY_DUE_DATE, amount=money(est.payable_by_due_date, t))}*")
        after = t.format(m.PAY_AFTER_DUE_DATE, amount=money(est.payable_after_due_date, t))
        if est.late_payment is not None:
            late = t.format(
                m.LATE_SURCHARGE,
                amount=money(est.late_payment.amount, t),
                days=est.late_payment.days_late,
            )
            after = f"{after} ({late})"
        parts.append(after)
        counted = _rebate_rows(est, t, counted=True)
        if counted:
            parts.append(t.gettext(m.REBATES_COUNTED))
            parts.extend(counted)
        options = _rebate_rows(est, t, counted=False)
        if options and with_options:
            parts.append(t.gettext(m.REBATES_OPTIONS))
            parts.extend(options)
        assumed = _assumption_rows(est, t)
        if assumed and with_assumptions:
            parts.append("")
            parts.append(f"{t.gettext(m.ASSUMED)} " + "; ".join(assumed))
        if tips[:tip_count]:
            parts.append("")
            parts.append(t.gettext(m.TIPS_TITLE))
            parts.extend(f"• {tip}" for tip in tips[:tip_count])
        parts.append("")
        parts.append(t.gettext(m.DISCLAIMER))
        return "\n".join(parts)

    for tip_count, with_assumptions, with_options in (
        (3, True, True),
        (1, True, True),
        (0, True, True),
        (0, True, False),
        (0, False, False),
    ):
        text = build(tip_count, with_assumptions, with_options)
        if len(text) <= WHATSAPP_MAX_CHARS:
            return text
    return text[: WHATSAPP_MAX_CHARS - 1] + "…"


def _sms_sums(est: BillEstimate) -> tuple[Decimal, Decimal, Decimal]:
    energy = est.line_total("energy") + est.line_total("tod")
    fixed = est.line_total("fixed") + est.line_total("demand") + est.line_total("overdrawal")
    return energy, fixed, est.charges_total - energy - fixed


def line_row(line: Line, t: Translator) -> str:
    """A bill line and its exact amount, "Energy 1-50 units: ₹145.00": one SMS of the details
    and the head of a line's explanation."""
    return amount_row(line_label(line, t), money(line.amount, t))


def _render_sms(est: BillEstimate, t: Translator) -> str:
    """The details by SMS, exact to the paisa, one registered template a paragraph: the title
    with the total (the category left out of the title where its name is too long for a
    template's variable), each bill line, the duty, what to pay by and after the due date,
    and what paying online would save."""
    from bot.channels.sms_templates import registry  # the registry reads this module's output

    kutir_above = any(n.code == "kutir_jyoti_above_limit" for n in est.notes)
    kutir_line = kutir_above_text(est, t, m.SHORT_KUTIR_JYOTI_ABOVE) if kutir_above else ""
    category, units = category_name(est.category, t), number(est.units, t)
    head = pay = ""
    for kind in ("full", "short", "units"):
        head, pay = sms_summary_text(
            t,
            sms_summary_title(t, kind, category, units, unit_word(est.unit, t)),
            kutir_line=kutir_line if kind != "units" else "",
            total=money(est.charges_total, t),
            due=money(est.payable_by_due_date, t),
            after=money(est.payable_after_due_date, t),
        ).split("\n\n")
        if registry().matches(head, t.lang):
            break
    digital = est.rebate("digital")
    saving = ""
    if digital is not None and not digital.counted and digital.amount:
        saving = t.format(m.SHORT_DIGITAL, amount=money(digital.amount, t))
    rows = [line_row(line, t) for line in est.lines]
    return paragraphs([head, *rows, duty_row(est, t), pay, saving])


def render_rebates(est: BillEstimate, t: Translator, channel: Channel = "whatsapp") -> str:
    """Every rebate with its condition and amount (follow-up "rebates"); by SMS each rebate is
    one SMS, the first of each kind under its title."""
    counted = _rebate_items(est, t, counted=True)
    options = _rebate_items(est, t, counted=False)
    if not counted and not options:
        return t.gettext(m.NO_REBATES)
    if channel == "sms":
        return paragraphs(
            [
                titled_list(t.gettext(m.REBATES_COUNTED), counted) if counted else "",
                titled_list(t.gettext(m.REBATES_OPTIONS), options) if options else "",
            ]
        )
    parts = []
    if counted:
        parts.append(t.gettext(m.REBATES_COUNTED))
        parts.extend("• " + item for item in counted)
    if options:
        parts.append(t.gettext(m.REBATES_OPTIONS))
        parts.extend("• " + item for item in options)
    return "\n".join(parts)


def render_line_menu(est: BillEstimate, t: Translator, channel: Channel = "whatsapp") -> str:
    """The numbered bill lines to pick one to explain (by SMS one line an SMS)."""
    labels = [line_label(line, t) for line in est.lines]
    if channel == "sms":
        rows = [numbered_row(str(i), label) for i, label in enumerate(labels, start=1)]
        return titled_list(t.gettext(m.ASK_WHICH_LINE), rows)
    rows = [t.gettext(m.ASK_WHICH_LINE)]
    rows.extend(f"{i}. {label}" for i, label in enumerate(labels, start=1))
    return "\n".join(rows)


def render_explanation(
    est: BillEstimate,
    index: int,
    t: Translator,
    order: TariffOrder,
    channel: Channel = "whatsapp",
) -> str:
    """Why line ``index`` (0-based) costs what it does, with the figures from the tariff data:
    the line and its amount, then the explanation (by SMS, two SMS)."""
    line = est.lines[index]
    slab = line.params.get("slab")
    if line.code == "energy" and slab in ("lf_up_to", "lf_above"):
        text = t.format(
            m.EXPLAIN_LOAD_FACTOR,
            load_factor=percent(est.load_factor_percent or Decimal(0), t),
            threshold=percent(Decimal(line.params["threshold"]), t),
        )
    elif line.code == "energy" and line.params.get("slab_from"):
        text = t.format(m.EXPLAIN_SLAB, rate=money(line.rate, t))
    elif line.code == "energy":
        text = t.format(m.EXPLAIN_FLAT, rate=money(line.rate, t))
    elif line.code == "tod":
        text = t.format(m.EXPLAIN_TOD, **tariff_figures(order, t), **tod_percentages(order, est, t))
    elif line.code == "fixed" and line.params.get("part") == "kutir_jyoti":
        text = t.format(m.EXPLAIN_KUTIR_JYOTI, **tariff_figures(order, t))
    elif line.code == "fixed":
        charge = order.categories[est.billed_as.id].minimum_fixed_charge
        first, more = (charge.first.rupees, charge.additional.rupees) if charge else (0, 0)
        text = t.format(
            m.EXPLAIN_FIXED,
            first=money(Decimal(first), t),
            more=money(Decimal(more), t),
            unit=line.unit,
        )
    elif line.code == "demand":
        floor = Decimal(str(order.assumptions["billing_demand_floor_percent"].value))
        text = t.format(
            m.EXPLAIN_DEMAND, rate=money(line.rate, t), unit=line.unit, floor=percent(floor, t)
        )
    elif line.code == "overdrawal":
        text = t.gettext(m.EXPLAIN_OVERDRAWAL)
    elif line.code == "customer_service":
        text = t.gettext(m.EXPLAIN_CUSTOMER_SERVICE)
    else:
        text = t.format(m.EXPLAIN_METER_RENT, **tariff_figures(order, t))
    if channel == "sms":
        return paragraphs([line_row(line, t), text])
    return f"*{line_row(line, t)}*\n{text}"


def tod_percentages(order: TariffOrder, est: BillEstimate, t: Translator) -> dict[str, str]:
    """The ToD solar discount and peak surcharge in force for the estimate's month."""
    year, number_ = (int(part) for part in est.month.split("-"))
    provision = order.provisions.tod.at(dt.date(year, number_, 1))
    if provision is None:
        return {"discount": "", "surcharge": ""}
    hundred = Decimal(100)
    return {
        "discount": percent((1 - provision.solar_factor) * hundred, t),
        "surcharge": percent((provision.peak_factor - 1) * hundred, t),
    }


def on_time_saving(est: BillEstimate) -> Decimal:
    """What paying by the due date saves over paying after it (without surcharge)."""
    return sum(
        (r.amount for r in est.rebates if r.counted and r.timing in _ON_TIME_ONLY), Decimal(0)
    )
