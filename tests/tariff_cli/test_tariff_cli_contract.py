"""The CLI contract, in process: ``tariff_core.cli.main`` with real argv, stdin, stdout and stderr.

Other tools depend on these names (subcommands, flags, JSON keys, codes, exit status 2 for bad
input); ``test_tariff_cli_process.py`` checks the same contract through a real process.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from tariff_core import estimate
from tariff_core.cli import main
from tariff_core.models import MeterType
from tariff_core.money import format_rupees
from tariff_core.registry import default_tariff

LINE_CODES = {"energy", "tod", "fixed", "demand", "overdrawal", "customer_service", "meter_rent"}
REBATE_CODES = {"prompt_payment", "rural", "digital", "ebill", "prepaid", "load_factor"}
SPECIAL_REBATE_CODES = {
    "steel_load_factor",
    "aluminium_load_factor",
    "railway_traction",
    "sc_st_hostel",
    "swajala_dhara",
    "mega_lift",
    "march_special",
}
TOP_LEVEL_KEYS = {
    "category",
    "month",
    "lines",
    "charges_total",
    "electricity_duty",
    "rebates",
    "payable_by_due_date",
    "payable_after_due_date",
    "notes",
}
MONEY = re.compile(r"^-?\d+\.\d{2}$")


@dataclass
class Result:
    status: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


Cli = Callable[..., Result]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    def run(*argv: str, stdin: str = "") -> Result:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        status = main(list(argv))
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return run


def assert_money(value: object, where: str) -> None:
    assert isinstance(value, str), f"{where}: {value!r} is not a string"
    assert MONEY.match(value), f"{where}: {value!r} is not an amount with two decimals"


def assert_estimate_contract(data: dict[str, Any]) -> None:
    """What every ``estimate --json`` answer promises."""
    assert set(data) >= TOP_LEVEL_KEYS
    assert data["lines"], "an estimate has lines"
    for i, line in enumerate(data["lines"]):
        assert line["code"] in LINE_CODES, line["code"]
        assert_money(line["amount"], f"lines.{i}.amount")
        assert line["reference"]
    for i, rebate in enumerate(data["rebates"]):
        assert rebate["code"] in REBATE_CODES | SPECIAL_REBATE_CODES, rebate["code"]
        assert_money(rebate["amount"], f"rebates.{i}.amount")
    for key in ("charges_total", "payable_by_due_date", "payable_after_due_date"):
        assert_money(data[key], key)
    assert_money(data["electricity_duty"]["amount"], "electricity_duty.amount")
    if data.get("late_payment"):
        assert_money(data["late_payment"]["amount"], "late_payment.amount")
    lines_sum = sum(Decimal(line["amount"]) for line in data["lines"])
    assert lines_sum == Decimal(data["charges_total"])
    assert all(note["text"] for note in data["notes"])


# -- categories --------------------------------------------------------------------------------


def test_categories_lists_all_37_with_serial_slug_and_asks(cli: Cli) -> None:
    text = cli("categories")
    assert text.status == 0
    assert not text.err
    rows = text.out.splitlines()
    assert len(rows) == 37
    order = default_tariff().orders[-1]
    for row, (cid, category) in zip(rows, order.categories.items(), strict=True):
        assert row.split()[:2] == [cid, category.slug]
        assert f"[asks: {', '.join(a.value for a in category.asks)}]" in row

    listing = cli("categories", "--json").json()
    assert [item["id"] for item in listing] == list(order.categories)
    for item in listing:
        assert {"id", "slug", "name", "voltage", "asks", "requires"} <= set(item)
        assert item["asks"][0] == "units"
    domestic = next(item for item in listing if item["id"] == "1.b")
    assert domestic["slug"] == "domestic"
    assert domestic["energy_unit"] == "kWh"


# -- estimate ----------------------------------------------------------------------------------


def test_estimate_takes_every_flag_of_the_contract(cli: Cli) -> None:
    result = cli(
        "estimate",
        "--category",
        "1.b",
        "--units",
        "400",
        "--load",
        "12",
        "--max-demand",
        "11",
        "--kwh",
        "400",
        "--month",
        "2026-08",
        "--meter",
        "single-phase-smart",
        "--rural",
        "--temporary",
        "--solar-units",
        "100",
        "--peak-units",
        "80",
        "--days-late",
        "15",
        "--json",
    )
    assert result.status == 0, result.err
    assert not result.err
    data = result.json()
    assert_estimate_contract(data)
    assert (data["category"], data["month"]) == ("1.b", "2026-08")
    codes = {line["code"] for line in data["lines"]}
    assert codes == {"energy", "tod", "fixed", "meter_rent"}  # ToD: smart meter, 12 kW, August
    rebates = {r["code"]: r for r in data["rebates"]}
    assert rebates["rural"]["counted"] is True
    assert {"prompt_payment", "digital", "ebill", "prepaid"} <= set(rebates)
    assert "temporary_connection" in {note["code"] for note in data["notes"]}
    # The same request through the library gives the same money.
    same = estimate(
        {
            "category": "1.b",
            "units": 400,
            "contract_demand": 12,
            "max_demand": 11,
            "kwh": 400,
            "month": "2026-08",
            "meter": "single-phase-smart",
            "rural": True,
            "temporary": True,
            "solar_units": 100,
            "peak_units": 80,
            "days_late": 15,
        }
    )
    assert data["payable_by_due_date"] == f"{same.payable_by_due_date:.2f}"


def test_estimate_ht_with_demand_and_load_factor(cli: Cli) -> None:
    data = cli(
        "estimate",
        "--category",
        "eht-power-intensive-industry",
        "--units",
        "5000000",
        "--load",
        "8000",
        "--max-demand",
        "9800",
        "--kwh",
        "4800000",
        "--month",
        "2026-08",
        "--days-late",
        "20",
        "--json",
    ).json()
    assert_estimate_contract(data)
    assert data["category"] == "33"
    assert data["unit"] == "kVAh"
    assert {line["code"] for line in data["lines"]} >= {"energy", "demand", "overdrawal"}
    assert {"prompt_payment", "load_factor"} <= {r["code"] for r in data["rebates"]}
    assert data["electricity_duty"]["included"] is True
    assert data["late_payment"]["days_late"] == 20
    assert Decimal(data["payable_after_due_date"]) > Decimal(data["payable_by_due_date"])


METER_CATEGORY = {
    MeterType.SINGLE_PHASE_STATIC: "1.b",
    MeterType.SINGLE_PHASE_SMART: "1.b",
    MeterType.THREE_PHASE_WHOLE_CURRENT: "2",
    MeterType.THREE_PHASE_LT_CT: "2",
    MeterType.HT_CT_11KV: "23",
    MeterType.HT_CT_33KV: "23",
    MeterType.HTTV: "26",
}


@pytest.mark.parametrize("meter", list(MeterType), ids=str)
def test_estimate_meter_sets_the_meter_rent(cli: Cli, meter: MeterType) -> None:
    category = METER_CATEGORY[meter]
    argv = ["estimate", "--category", category, "--units", "900", "--month", "2026-05"]
    if category in {"23", "26"}:
        argv += ["--load", "200", "--kwh", "850"]
    result = cli(*argv, "--meter", meter.value, "--json")
    assert result.status == 0, result.err
    data = result.json()
    assert_estimate_contract(data)
    (rent,) = [line for line in data["lines"] if line["code"] == "meter_rent"]
    expected = default_tariff().orders[-1].provisions.meter_rent.rupees_per_month[meter.value]
    assert Decimal(rent["amount"]) == expected
    assert rent["params"]["meter"] == meter.value


def test_estimate_reads_a_json_request_on_stdin(cli: Cli) -> None:
    request = {"category": "1.b", "month": "2026-05", "units": 250, "rural": True}
    data = cli("estimate", "--json", stdin=json.dumps(request)).json()
    assert_estimate_contract(data)
    flags = cli(
        "estimate", "--category", "1.b", "--units", "250", "--month", "2026-05", "--rural", "--json"
    ).json()
    assert data == flags


def test_estimate_json_request_keeps_decimals_exact(cli: Cli) -> None:
    stdin = '{"category": "2", "month": "2026-05", "units": 100.1, "contract_demand": 2.5}'
    data = cli("estimate", "--json", stdin=stdin).json()
    assert data["units"] == "100.1"
    assert data["contract_demand"] == "2.5"


def test_estimate_table_shows_each_line_and_the_totals(cli: Cli) -> None:
    argv = ["--category", "2", "--units", "3000", "--load", "15", "--month", "2026-07"]
    argv += ["--meter", "three-phase-lt-ct", "--solar-units", "1000", "--peak-units", "500"]
    result = cli("estimate", *argv, "--days-late", "10")
    assert result.status == 0, result.err
    data = cli("estimate", *argv, "--days-late", "10", "--json").json()
    table = result.out
    for line in data["lines"]:
        assert line["label"] in table
        assert format_rupees(Decimal(line["amount"])) in table
    total = format_rupees(Decimal(data["charges_total"]))
    assert re.search(rf"Charges total\s+{re.escape(total)}", table)
    by_due = format_rupees(Decimal(data["payable_by_due_date"]))
    after_due = format_rupees(Decimal(data["payable_after_due_date"]))
    assert re.search(rf"Payable by the due date:\s+{re.escape(by_due)}", table)
    assert re.search(rf"Payable after the due date:\s+{re.escape(after_due)}", table)
    assert "Rs" not in table
    assert "Delayed payment surcharge, 10 days" in table
    for rebate in data["rebates"]:
        assert rebate["label"] in table
    assert table.startswith("General Purpose < 110 kVA (LT, category 2), 2026-07: 3000 kWh")


def test_estimate_table_groups_rupees_the_indian_way(cli: Cli) -> None:
    # 12: 140000 kWh x 6.20 = 868000; demand 200 kVA x 200 = 40000; CSC 30; LT CT meter 500
    # => 908530.00, printed as nine lakh eight thousand five hundred and thirty rupees.
    argv = ["--category", "12", "--units", "140000", "--load", "200", "--month", "2026-05"]
    table = cli("estimate", *argv).out
    assert re.search(r"Charges total\s+₹9,08,530\.00", table), table
    assert "908,530" not in table


def test_estimate_table_lines_multiply_out(cli: Cli) -> None:
    # X7: 3000000 kVAh at LF 70 %: 2571428.5714... kVAh x 5.85 = 15042857.14; printed to two
    # places (2571428.57 x 5.85 = 15042857.13) it would not, so the quantity is printed whole.
    argv = ["--category", "20", "--units", "3000000", "--kwh", "2520000", "--load", "5000"]
    table = cli("estimate", *argv, "--month", "2026-06").out
    row = next(r for r in table.splitlines() if "up to 60 %" in r)
    quantity, rate, amount = re.search(r"([\d.]+) kVAh x\s+([\d.]+)\s+₹([\d,.]+)", row).groups()
    product = (Decimal(quantity) * Decimal(rate)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert product == Decimal(amount.replace(",", "")) == Decimal("15042857.14")


def test_estimate_accepts_indian_digit_grouping(cli: Cli) -> None:
    argv = ["--category", "23", "--units", "1,20,000", "--load", "500", "--kwh", "1,00,000"]
    data = cli("estimate", *argv, "--month", "2026-05", "--json").json()
    assert (data["units"], data["load_factor_percent"]) == ("120000", "26.88")


def test_tod_line_from_july_only(cli: Cli) -> None:
    argv = ["--category", "2", "--units", "3000", "--load", "15", "--meter", "three-phase-lt-ct"]
    argv += ["--solar-units", "1000", "--peak-units", "500", "--json"]
    june = cli("estimate", *argv, "--month", "2026-06").json()
    july = cli("estimate", *argv, "--month", "2026-07").json()
    assert "tod" not in {line["code"] for line in june["lines"]}
    assert "tod" in {line["code"] for line in july["lines"]}


# -- bad input: exit 2, a clear message on stderr, nothing on stdout ---------------------------

MAY = ("--month", "2026-05")
BAD_INPUT = {
    "unknown category": (
        ["estimate", "--category", "domestik", "--units", "10", *MAY],
        "",
        ["unknown category 'domestik'", "did you mean domestic"],
    ),
    "negative units": (
        ["estimate", "--category", "1.b", "--units", "-5", *MAY],
        "",
        ["units", "greater than or equal to 0", "--units"],
    ),
    "no month": (
        ["estimate", "--category", "1.b", "--units", "10"],
        "",
        ["give --month YYYY-MM"],
    ),
    "month before the order": (
        ["estimate", "--category", "1.b", "--units", "10", "--month", "2026-03"],
        "",
        ["no tariff order covers 2026-03", "2026-04"],
    ),
    "month not a month": (
        ["estimate", "--category", "1.b", "--units", "10", "--month", "2026-13"],
        "",
        ["month", "--month"],
    ),
    "HT without load": (
        ["estimate", "--category", "23", "--units", "50000", *MAY],
        "",
        ["category 23 needs the contract demand", "--load"],
    ),
    "invalid JSON on stdin": (["estimate"], "{bad", ["not valid JSON"]),
    "JSON not an object": (["estimate"], "[1, 2]", ["must be an object"]),
    "nothing on stdin": (["estimate"], "", ["give --category and --units"]),
    "JSON request with an unknown field": (
        ["estimate"],
        '{"category": "1.b", "month": "2026-05", "units": 10, "unit": 5}',
        ["unit", "Extra inputs are not permitted"],
    ),
    "non-numeric units": (
        ["estimate", "--category", "1.b", "--units", "abc", *MAY],
        "",
        ["argument --units", "'abc' is not a number"],
    ),
    "units not finite": (
        ["estimate", "--category", "1.b", "--units", "nan", *MAY],
        "",
        ["'nan' is not a finite number"],
    ),
    "unknown flag": (
        ["estimate", "--category", "1.b", "--units", "10", *MAY, "--bogus"],
        "",
        ["unrecognized arguments: --bogus"],
    ),
    "unknown meter": (
        ["estimate", "--category", "1.b", "--units", "10", *MAY, "--meter", "smart"],
        "",
        ["argument --meter", "invalid choice"],
    ),
    "negative days late": (
        ["estimate", "--category", "1.b", "--units", "10", *MAY, "--days-late", "-3"],
        "",
        ["days_late", "--days-late"],
    ),
    "no subcommand": ([], "", ["required", "command"]),
    "unknown subcommand": (["bill"], "", ["invalid choice: 'bill'"]),
    "reverse without amount": (
        ["reverse", "--category", "1.b", *MAY],
        "",
        ["--amount"],
    ),
    "reverse negative amount": (
        ["reverse", "--category", "1.b", *MAY, "--amount", "-10"],
        "",
        ["cannot be negative"],
    ),
    "negative reading": (["readings", "--", "-5", "30"], "", ["cannot be negative"]),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_exits_2_with_a_message(cli: Cli, case: str) -> None:
    argv, stdin, words = BAD_INPUT[case]
    result = cli(*argv, stdin=stdin)
    assert result.status == 2
    assert result.out == ""
    assert result.err.startswith("error: ")
    assert result.err.count("\n") == 1, "one line, no traceback"
    for word in words:
        assert word in result.err, f"{word!r} not in {result.err!r}"


# -- reverse, compare, readings ----------------------------------------------------------------


def test_reverse_finds_the_units_behind_an_amount(cli: Cli) -> None:
    data = cli("reverse", "--category", "1.b", "--month", "2026-05", "--amount", "1000").json()
    assert set(data) == {"amount", "units_low", "units_high", "exact", "bill_at_units"}
    assert data["amount"] == "1000.00"
    assert_money(data["bill_at_units"], "bill_at_units")
    units = Decimal(data["units_high"])
    at = estimate({"category": "1.b", "month": "2026-05", "units": units})
    above = estimate({"category": "1.b", "month": "2026-05", "units": units + 1})
    gross = at.charges_total + at.electricity_duty.amount
    assert f"{gross:.2f}" == data["bill_at_units"]
    assert gross <= Decimal(1000) < above.charges_total + above.electricity_duty.amount


def test_reverse_kutir_jyoti_gives_the_range(cli: Cli) -> None:
    data = cli("reverse", "--category", "1.a", "--month", "2026-05", "--amount", "70").json()
    assert (data["units_low"], data["units_high"], data["exact"]) == ("0", "30", True)


def test_compare_lists_what_each_choice_saves(cli: Cli) -> None:
    argv = ["--category", "1.b", "--units", "250", "--month", "2026-07"]
    data = cli("compare", *argv).json()
    baseline = cli("estimate", *argv, "--json").json()["payable_by_due_date"]
    assert data["baseline"] == baseline
    scenarios = {s["code"]: s for s in data["scenarios"]}
    assert {"late", "digital", "ebill", "prepaid"} <= set(scenarios)
    for scenario in scenarios.values():
        assert_money(scenario["payable"], "payable")
        assert Decimal(scenario["difference"]) == Decimal(scenario["payable"]) - Decimal(baseline)
    assert Decimal(scenarios["late"]["difference"]) > 0
    assert Decimal(scenarios["ebill"]["difference"]) == Decimal("-10.00")


@pytest.mark.parametrize(
    ("argv", "units", "rolled_over"),
    [
        (["99950", "30"], "80", True),
        (["100", "250"], "150", False),
        (["99950", "30", "--mf", "2"], "160", True),
        (["99950", "30", "--digits", "6"], "900080", True),
        (["250", "100", "--digits", "3"], "850", True),
    ],
)
def test_readings(cli: Cli, argv: list[str], units: str, rolled_over: bool) -> None:
    result = cli("readings", *argv)
    assert result.status == 0, result.err
    assert result.json() == {"units": units, "rolled_over": rolled_over}
