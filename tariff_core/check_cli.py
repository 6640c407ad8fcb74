"""``python -m tariff_core check``: is a printed bill right?

Flags in the style of ``estimate`` (or a JSON :class:`~tariff_core.check.BillCheckRequest` on
stdin); prints the comparison line by line and the likely cause of each difference, or JSON with
``--json``. Bad input exits 2 like every other subcommand.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TextIO

from tariff_core.check import BillCheck, check_bill
from tariff_core.models import MeterType

#: Flags of the printed amounts and the fields of PrintedAmounts they set.
PRINTED_FLAGS = {
    "energy": "energy charge printed",
    "fixed": "fixed charge (MMFC) or demand charge printed",
    "meter_rent": "meter rent printed",
    "duty": "electricity duty (ED) printed",
    "dps": "delayed payment surcharge (DPS) printed",
    "arrears": "arrears printed",
    "rebate": "rebate printed for paying by the due date",
    "total": "total amount payable printed",
}


def add_check_parser(sub: Any, number: Callable[[str], Decimal]) -> None:
    """Add the ``check`` subcommand to the CLI's subparsers."""
    check = sub.add_parser(
        "check",
        help="is a printed bill right? (flags, or a JSON request on stdin)",
        description="Compare a printed bill with the tariff order for its period and explain "
        "every difference. Give --units or --previous and --present; --months for a bill "
        "covering several months; the amounts the bill prints.",
    )
    check.add_argument("--category", help="serial number (1.b, 2) or slug (domestic)")
    check.add_argument("--units", type=number, help="units billed (kWh or kVAh)")
    check.add_argument("--previous", type=number, help="previous meter reading")
    check.add_argument("--present", type=number, help="present meter reading")
    check.add_argument("--mf", type=number, help="multiplying factor of the meter")
    check.add_argument("--digits", type=int, help="digits on the meter's register")
    check.add_argument("--load", type=number, help="load (contract demand) printed, kW or kVA")
    check.add_argument(
        "--from", dest="period_from", help="first day of the billing period, YYYY-MM-DD or YYYY-MM"
    )
    check.add_argument("--to", dest="period_to", help="last day of the billing period")
    check.add_argument(
        "--months", type=int, help="whole months the bill covers (provisional, late-read bill)"
    )
    check.add_argument(
        "--first-or-final-days", type=int, help="days of supply in a first or final bill"
    )
    check.add_argument("--meter", choices=[m.value for m in MeterType])
    check.add_argument("--meter-installed", help="month the meter was installed, YYYY-MM")
    check.add_argument("--smart-meter", action="store_true", help="smart or AMR meter")
    check.add_argument("--rural", action="store_true", help="rural LT domestic consumer")
    for name, what in PRINTED_FLAGS.items():
        check.add_argument(f"--{name.replace('_', '-')}", type=number, help=what)
    check.add_argument("--json", action="store_true", help="print JSON")


def json_request(stdin: TextIO, missing: str) -> dict[str, Any]:
    """A request given as one JSON object on stdin (numbers read as exact Decimals); a
    ``ValueError`` saying what to give when there is none or it is not an object."""
    text = stdin.read()
    if not text.strip():
        raise ValueError(missing)
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the request on stdin is not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict):
        raise ValueError("the JSON request must be an object")
    return data


def check_request_from(args: argparse.Namespace, stdin: TextIO) -> dict[str, Any]:
    """The check request from the flags, or from a JSON object on stdin when no category."""
    if args.category is None:
        return json_request(
            stdin, "give --category, --from and --units (or readings), or a JSON request"
        )
    if args.period_from is None:
        raise ValueError("give --from: the billing period's first day (or month), YYYY-MM-DD")
    fields: dict[str, Any] = {
        "category": args.category,
        "period_from": args.period_from,
        "period_to": args.period_to,
        "months": args.months,
        "first_or_final_bill_days": args.first_or_final_days,
        "units": args.units,
        "previous_reading": args.previous,
        "present_reading": args.present,
        "multiplying_factor": args.mf,
        "meter_digits": args.digits,
        "contract_demand": args.load,
        "meter": args.meter,
        "meter_installed": args.meter_installed,
    }
    request = {k: v for k, v in fields.items() if v is not None}
    if args.smart_meter:
        request["smart_meter"] = True
    if args.rural:
        request["rural"] = True
    printed = {name: getattr(args, name) for name in PRINTED_FLAGS}
    request["printed"] = {k: v for k, v in printed.items() if v is not None}
    return request


def check_table(result: BillCheck) -> str:
    """The comparison as readable text: the verdict, each amount, each finding."""
    est = result.estimate
    period = f"{result.period_from}" + (f" to {result.period_to}" if result.period_to else "")
    months = f", {result.months} months" if result.months > 1 else ""
    rows = [
        f"{est.billed_as.name} (category {est.billed_as.id}), {period}{months}: "
        f"{result.units.normalize():f} {est.unit}",
        f"Verdict: {result.verdict.value}",
        "",
        f"  {'':<12} {'printed':>14} {'order':>14} {'difference':>14}",
    ]
    for ln in result.lines:
        printed = f"{ln.printed:,.2f}" if ln.printed is not None else "-"
        diff = f"{ln.difference:+,.2f}" if ln.difference is not None else ""
        mark = "" if ln.agrees is not False else "  <-"
        rows.append(f"  {ln.item.value:<12} {printed:>14} {ln.expected:>14,.2f} {diff:>14}{mark}")
    rows.append(f"  {'charges of the period (order)':<42} {est.charges_total:>14,.2f}")
    rows.append("")
    rows.extend(f"- {f.text}" for f in result.findings)
    return "\n".join(rows)


def run_check(args: argparse.Namespace, stdout: TextIO, stdin: TextIO) -> None:
    """Run ``check``; raises ValueError or a TariffError on bad input."""
    result = check_bill(check_request_from(args, stdin))
    print(result.model_dump_json(indent=2) if args.json else check_table(result), file=stdout)
