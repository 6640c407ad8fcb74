""" "Is my bill right?": the total printed on a bill and the months it covers, then the bill the
tariff gives for them, compared in a few lines.

The check reuses the estimate's questions: after the total and the months, whatever the bill
still needs (category, load, units) is asked as for an estimate, or taken from what the session
already knows, and the step that would show the estimate shows the comparison instead
(:func:`redirect`). The comparison itself is :func:`tariff_core.check_bill`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from bot import messages as m
from bot.conversation.context import TurnContext
from bot.conversation.intake import take_facts
from bot.conversation.outcome import Outcome, Reading, again, go
from bot.conversation.session import State
from bot.i18n.sms import WHATSAPP_ESTIMATE_CHARS
from bot.rendering.figures import tariff_figures
from bot.rendering.labels import money, number
from bot.rendering.sms_layout import paragraphs
from tariff_core import BillCheck, TariffError, check_bill
from tariff_core.check import CheckItem

#: The most months a provisional or late bill is taken to cover (the engine's limit).
MAX_BILL_MONTHS: Final = 12
#: A total above this is not an electricity bill a person reads out: asked again.
MAX_BILL_TOTAL: Final = Decimal(10**8)
#: Likely causes shown, at most: a WhatsApp answer stays a few lines.
MAX_CAUSES_SHOWN: Final = 2


def start(ctx: TurnContext) -> None:
    """Begin a check: what the session knows of the connection is kept, the bill's are not."""
    session = ctx.session
    session.checking = True
    session.bill_total = None
    session.bill_months = None


def redirect(ctx: TurnContext, target: State) -> State:
    """Where a step that would show the estimate leads while a check is under way."""
    if target is State.ESTIMATE and ctx.session.checking:
        return State.CHECK_RESULT
    return target


def _numbers(reading: Reading) -> list[Decimal]:
    return [value for value in reading.facts.all("number") if isinstance(value, Decimal)]


def _amounts(reading: Reading) -> list[Decimal]:
    """The amounts of the message: "Rs 1,240" and "₹1240" as well as a bare 1240."""
    said = [*reading.facts.all("bill_amount"), *reading.facts.all("number")]
    return [value for value in said if isinstance(value, Decimal)]


# -- the total ---------------------------------------------------------------------------------


def ask_total(ctx: TurnContext) -> str:
    return ctx.t.gettext(m.CHECK_ASK_TOTAL)


def read_total(ctx: TurnContext, reading: Reading) -> Outcome:
    """One amount: the bill's total. Anything else is asked again."""
    amounts = _amounts(reading)
    if len(amounts) != 1 or not 0 < amounts[0] <= MAX_BILL_TOTAL:
        return again(ctx.t.gettext(m.CHECK_TOTAL_NOT_UNDERSTOOD))
    ctx.session.bill_total = amounts[0]
    return go(state=State.CHECK_MONTHS)


# -- the months --------------------------------------------------------------------------------


def ask_months(ctx: TurnContext) -> str:
    return ctx.t.gettext(m.CHECK_ASK_MONTHS)


def read_months(ctx: TurnContext, reading: Reading) -> Outcome:
    """A whole number of months from 1 to 12; "don't know" is one month."""
    session = ctx.session
    if reading.facts.get("answer") == "dont_know":
        session.bill_months = 1
        return go()
    months = _numbers(reading)
    if not months or months[0] != months[0].to_integral_value():
        return again(ctx.t.gettext(m.CHECK_MONTHS_NOT_UNDERSTOOD))
    count = int(months[0])
    if not 1 <= count <= MAX_BILL_MONTHS:
        return again(ctx.t.gettext(m.CHECK_MONTHS_NOT_UNDERSTOOD))
    session.bill_months = count
    # Further figures in the same message ("3 months, 905 units") are kept as for an estimate.
    return take_facts(ctx, reading, bare_number_is_units=False) or go()


# -- the comparison ----------------------------------------------------------------------------


def run_check(ctx: TurnContext) -> BillCheck | None:
    """The comparison of the session's bill, or None when it cannot be made."""
    session = ctx.session
    answers = session.answers
    if session.bill_total is None or answers.category is None or answers.units is None:
        return None
    request = ctx.bill.request()
    try:
        return check_bill(
            {
                "category": request["category"],
                "period_from": ctx.month,
                "units": request["units"],
                "contract_demand": request.get("contract_demand"),
                "smart_meter": request.get("smart_meter"),
                "rural": request.get("rural", False),
                "months": session.bill_months or 1,
                "printed": {"total": session.bill_total},
            }
        )
    except TariffError:
        return None


def ask_result(ctx: TurnContext) -> str:
    """The comparison in a few lines: both totals, the verdict, the likely causes."""
    t = ctx.t
    result = run_check(ctx)
    if result is None:
        return t.gettext(m.CHECK_CAUSE_UNKNOWN)
    session = ctx.session
    months = session.bill_months or 1
    assert session.bill_total is not None
    head_values = {
        "printed": money(session.bill_total, t),
        "expected": money(result.expected_total, t),
        "units": number(result.units, t),
    }
    head = (
        t.format(m.CHECK_RESULT_MONTHS, months=str(months), **head_values)
        if months > 1
        else t.format(m.CHECK_RESULT, **head_values)
    )
    total = result.line(CheckItem.TOTAL)
    difference = total.difference if total is not None and total.difference else Decimal(0)
    if total is not None and total.agrees:
        verdict = t.gettext(m.CHECK_AGREES)
    elif difference > 0:
        verdict = t.format(m.CHECK_MORE, amount=money(difference, t))
    else:
        verdict = t.format(m.CHECK_LESS, amount=money(-difference, t))
    causes = [] if total is not None and total.agrees else _causes(ctx, result)
    if ctx.channel == "sms":  # one registered SMS template each: the totals, verdict, cause
        return paragraphs([head, verdict, *causes[:1]])
    text = "\n".join([head, verdict, *causes[:MAX_CAUSES_SHOWN]])
    tail = t.gettext(m.CHECK_NEXT)
    if len(text) + len(tail) + 2 <= WHATSAPP_ESTIMATE_CHARS:
        text = f"{text}\n\n{tail}"
    return text


def _causes(ctx: TurnContext, result: BillCheck) -> list[str]:
    """The likely causes the check found, as the user reads them; "ask" when none fits."""
    t = ctx.t
    said: list[str] = []
    for finding in result.findings:
        p = finding.params
        if finding.code == "fits_several_months":
            said.append(t.format(m.CHECK_CAUSE_MONTHS, months=p["months"]))
        elif finding.code == "fixed_fits_other_load":
            said.append(t.format(m.CHECK_CAUSE_LOAD, load=p["load"], unit=p["unit"]))
        elif finding.code == "duty_in_total":
            said.append(t.format(m.CHECK_CAUSE_DUTY, percent=f"{p['percent']}%"))
        elif finding.code == "no_meter_rent_printed":
            said.append(t.format(m.CHECK_CAUSE_NO_RENT, **tariff_figures(ctx.order, t)))
        elif finding.code == "total_after_rebate":
            amount = money(Decimal(p["rebate"]), t)
            said.append(t.format(m.CHECK_CAUSE_REBATE, amount=amount))
        elif finding.code == "load_cannot_draw_units":
            said.append(
                t.format(
                    m.CHECK_CAUSE_LOAD_TOO_SMALL,
                    units=number(Decimal(p["units"]), t),
                    load=p["load"],
                    unit=p["unit"],
                )
            )
    return said or [t.gettext(m.CHECK_CAUSE_UNKNOWN)]


def read_result(ctx: TurnContext, reading: Reading) -> Outcome:
    """After a comparison, another total checks again; anything else says what can follow."""
    amounts = _amounts(reading)
    if len(amounts) == 1 and 0 < amounts[0] <= MAX_BILL_TOTAL:
        ctx.session.bill_total = amounts[0]
        return go(state=State.CHECK_RESULT)
    return again(ctx.t.gettext(m.CHECK_NEXT))
