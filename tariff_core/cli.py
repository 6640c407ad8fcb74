"""``python -m tariff_core``: list categories, estimate a bill, reverse a bill, compare choices.

A stable contract: other tools depend on these names. Bad input prints a clear message on stderr
and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

from tariff_core.analysis import compare, units_for_bill, units_from_readings
from tariff_core.check_cli import add_check_parser, json_request, run_check
from tariff_core.engine import estimate
from tariff_core.errors import TariffDataError, TariffError
from tariff_core.models import BillEstimate, DutyStatus, ElectricityDuty, MeterType
from tariff_core.money import format_rupees, to_paisa
from tariff_core.registry import Tariff, default_tariff

EXIT_BAD_INPUT = 2
#: The packaged data failed to load: a defect to report, not bad input.
EXIT_DATA_ERROR = 1
#: Request fields and the flags that set them, to name the flag in error messages.
FLAG_FOR_FIELD = {
    "contract_demand": "--load",
    "max_demand": "--max-demand",
    "kwh": "--kwh",
    "units": "--units",
    "month": "--month",
    "days_late": "--days-late",
}


class CliError(Exception):
    """Bad command-line input, reported on stderr with exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's own errors: same contract, exit 2
        raise CliError(message)


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _request_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--category", help="serial number (1.b, 23) or slug (domestic)")
    parser.add_argument("--units", type=_decimal, help="kWh (LT, 27, 35) or kVAh (HT/EHT)")
    parser.add_argument("--load", type=_decimal, help="contract demand, kW or kVA")
    parser.add_argument("--max-demand", type=_decimal, help="recorded maximum demand")
    parser.add_argument("--kwh", type=_decimal, help="kWh of the month for HT/EHT load factor")
    parser.add_argument("--month", help="consumption month, YYYY-MM (required)")
    parser.add_argument("--meter", choices=[m.value for m in MeterType])
    parser.add_argument("--rural", action="store_true", help="rural LT domestic consumer")
    parser.add_argument("--temporary", action="store_true", help="temporary connection")
    parser.add_argument("--solar-units", type=_decimal, help="units in solar hours")
    parser.add_argument("--peak-units", type=_decimal, help="units in peak hours")
    parser.add_argument("--days-late", type=int, help="days after the due date paid")
    parser.add_argument("--ebill", action="store_true", help="opted for e-bill")
    parser.add_argument("--prepaid", action="store_true", help="prepaid consumer")
    parser.add_argument("--digital", action="store_true", help="pays digitally by the due date")
    parser.add_argument("--json", action="store_true", help="print JSON")
    _data_flag(parser, argparse.SUPPRESS)


def _data_flag(parser: argparse.ArgumentParser, default: Any) -> None:
    # Before or after the command name; after it, an absent flag must not hide one given before.
    parser.add_argument(
        "--data",
        type=Path,
        default=default,
        metavar="DIR",
        help="read the tariff orders and duty from DIR instead of the packaged data",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the CLI."""
    parser = _Parser(prog="python -m tariff_core", description=__doc__)
    _data_flag(parser, None)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    cats = sub.add_parser("categories", help="list every category")
    cats.add_argument("--json", action="store_true")
    _data_flag(cats, argparse.SUPPRESS)
    est = sub.add_parser("estimate", help="itemise a bill (flags, or a JSON request on stdin)")
    _request_flags(est)
    rev = sub.add_parser("reverse", help="units behind a bill amount")
    _request_flags(rev)
    rev.add_argument("--amount", type=_decimal, required=True, help="bill amount in rupees")
    cmp_ = sub.add_parser("compare", help="what each choice saves")
    _request_flags(cmp_)
    read = sub.add_parser("readings", help="units from two meter readings")
    read.add_argument("previous", type=_decimal)
    read.add_argument("present", type=_decimal)
    read.add_argument("--mf", type=_decimal, default=Decimal(1), help="multiplying factor")
    read.add_argument("--digits", type=int, help="digits on the meter's register")
    add_check_parser(sub, _decimal)
    return parser


def _request_from(
    args: argparse.Namespace, stdin: TextIO, need_units: bool = True
) -> dict[str, Any]:
    if args.category is None:
        try:
            return json_request(stdin, "give --category and --units, or a JSON request on stdin")
        except ValueError as exc:
            raise CliError(str(exc)) from None
    if args.month is None:
        raise CliError("give --month YYYY-MM: the tariff depends on the consumption month")
    if args.units is None and need_units:
        raise CliError("give --units")
    fields = {
        "category": args.category,
        "month": args.month,
        "units": args.units if args.units is not None else Decimal(0),
        "contract_demand": args.load,
        "max_demand": args.max_demand,
        "kwh": args.kwh,
        "meter": args.meter,
        "solar_units": args.solar_units,
        "peak_units": args.peak_units,
        "days_late": args.days_late,
    }
    request = {k: v for k, v in fields.items() if v is not None}
    for flag, name in (
        ("rural", "rural"),
        ("temporary", "temporary"),
        ("ebill", "ebill"),
        ("prepaid", "prepaid"),
        ("digital", "pays_digitally"),
    ):
        if getattr(args, flag):
            request[name] = True
    return request


def _duty_row(duty: ElectricityDuty) -> str:
    """The duty as the table shows it: its rate and base, approximate or not, or why none."""
    if duty.status is DutyStatus.NOT_LEVIED:
        return "  Electricity duty: none on this tariff"
    if duty.status is DutyStatus.EXCLUDED:
        return "  Electricity duty: not included (no sourced rate)"
    label = f"Electricity duty {duty.rate_percent} % of {format_rupees(duty.base or Decimal(0))}"
    if duty.approximate:
        label += " (approx.)"
    return f"  {label:<73}{format_rupees(duty.amount):>15}"


def _table(est: BillEstimate) -> str:
    """A readable itemised table."""
    rows = [
        f"{est.billed_as.name} ({est.billed_as.voltage}, category {est.billed_as.id}), "
        f"{est.month}: {est.units} {est.unit}",
        "",
    ]
    for ln in est.lines:
        shown = ln.quantity.quantize(Decimal("0.01"))
        if to_paisa(shown * ln.rate) != ln.amount:  # X7: the printed figures must multiply out
            shown = ln.quantity
        qty = f"{shown.normalize():f} {ln.unit}"
        rows.append(f"  {ln.label:<44} {qty:>16} x {ln.rate:>9}  {format_rupees(ln.amount):>15}")
    rows.append(f"  {'Charges total':<73}{format_rupees(est.charges_total):>15}")
    rows.append(_duty_row(est.electricity_duty))
    if est.rebates:
        rows.append("")
        rows.append("Rebates:")
        for r in est.rebates:
            mark = "counted" if r.counted else "option"
            rows.append(f"  {r.label:<44} {mark:>8}  {format_rupees(r.amount):>15}   {r.condition}")
    if est.late_payment:
        lp = est.late_payment
        surcharge = format_rupees(lp.amount)
        rows.append(f"  Delayed payment surcharge, {lp.days_late} days {surcharge:>41}")
    rows.append("")
    rows.append(f"Payable by the due date:    {format_rupees(est.payable_by_due_date):>15}")
    rows.append(f"Payable after the due date: {format_rupees(est.payable_after_due_date):>15}")
    rows.append("")
    rows.extend(f"- {n.text}" for n in est.notes)
    return "\n".join(rows)


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def run(argv: Sequence[str], stdout: TextIO, stdin: TextIO) -> int:
    """Run the CLI; raises :class:`CliError` or :class:`TariffError` on bad input."""
    args = build_parser().parse_args(argv)
    tariff = Tariff.load(args.data) if args.data is not None else default_tariff()
    if args.command == "categories":
        order = tariff.orders[-1]
        listing = [
            {
                "id": cid,
                "slug": c.slug,
                "name": c.name,
                "voltage": c.voltage.value,
                "energy_unit": c.energy.billed_in.value,
                "demand_unit": c.demand_unit.value,
                "asks": [a.value for a in c.asks],
                "requires": [a.value for a in c.requires],
            }
            for cid, c in order.categories.items()
        ]
        if args.json:
            print(_dump(listing), file=stdout)
        else:
            for item in listing:
                print(
                    f"{item['id']:>4}  {item['slug']:<30} {item['voltage']:<4} {item['name']}"
                    f"  [asks: {', '.join(item['asks'])}]",
                    file=stdout,
                )
        return 0
    if args.command == "readings":
        result = units_from_readings(args.previous, args.present, args.mf, args.digits)
        print(_dump({"units": str(result.units), "rolled_over": result.rolled_over}), file=stdout)
        return 0
    if args.command == "check":
        try:
            run_check(args, stdout, stdin)
        except ValueError as exc:  # the request could not be read (TariffErrors pass through)
            raise CliError(str(exc)) from None
        return 0
    request = _request_from(args, stdin, need_units=args.command != "reverse")
    if args.command == "estimate":
        est = estimate(request, tariff)
        print(est.model_dump_json(indent=2) if args.json else _table(est), file=stdout)
    elif args.command == "reverse":
        print(units_for_bill(request, args.amount, tariff).model_dump_json(indent=2), file=stdout)
    else:
        print(compare(request, tariff).model_dump_json(indent=2), file=stdout)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: 0 on success; 2 with a message on stderr for bad input; 1 when the packaged
    tariff data itself is broken (not the user's fault)."""
    try:
        return run(sys.argv[1:] if argv is None else argv, sys.stdout, sys.stdin)
    except TariffDataError as exc:
        print(f"error: the tariff data is broken, please report it: {exc}", file=sys.stderr)
        return EXIT_DATA_ERROR
    except (CliError, TariffError) as exc:
        field = getattr(exc, "field", None)
        flag = f" (flag {FLAG_FOR_FIELD[field]})" if field in FLAG_FOR_FIELD else ""
        print(f"error: {exc}{flag}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
