"""Each billed row's figures are the tariff engine's, column by column."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from bot.batch import OUTPUT_COLUMNS
from tariff_core import BillEstimate, LineCode, RebateCode, estimate
from tests.batch.batch_support import csv_text, run_text

#: A mix of consumers: LT domestic with a late payment and e-bill, Kutir Jyoti under and over
#: its limit, HT industry with ToD units, LT industry paying digitally, irrigation on prepaid,
#: and EHT industry paid late (a delayed payment surcharge).
REQUESTS: list[dict[str, str]] = [
    {"category": "1.b", "units": "420", "month": "2026-05", "contract_demand": "3",
     "days_late": "20", "ebill": "yes"},
    {"category": "kutir-jyoti", "units": "25", "month": "2026-05"},
    {"category": "1.a", "units": "45", "month": "2026-05"},
    {"category": "23", "units": "500000", "contract_demand": "1000", "max_demand": "900",
     "kwh": "480000", "month": "2026-11", "peak_units": "100000", "solar_units": "150000"},
    {"category": "7", "units": "1800", "contract_demand": "15", "month": "2026-07",
     "pays_digitally": "true"},
    {"category": "3", "units": "900", "contract_demand": "5", "month": "2027-03",
     "prepaid": "1"},
    {"category": "30", "units": "9000000", "contract_demand": "20000", "max_demand": "19000",
     "kwh": "8800000", "month": "2026-12", "days_late": "10"},
]  # fmt: skip
FIELDS = sorted({field for request in REQUESTS for field in request})


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def expected_figures(bill: BillEstimate) -> dict[str, str]:
    """What each output column should hold, worked out here from the engine's estimate."""
    expected = {
        "billed_as": bill.billed_as.id,
        "charges_total": _money(bill.charges_total),
        "duty": _money(bill.electricity_duty.amount),
        "duty_status": bill.electricity_duty.status.value,
        "payable_by_due_date": _money(bill.payable_by_due_date),
        "payable_after_due_date": _money(bill.payable_after_due_date),
        "late_payment_surcharge": _money(
            bill.late_payment.amount if bill.late_payment else Decimal(0)
        ),
        "error": "",
    }
    for line_code in LineCode:
        amounts = [line.amount for line in bill.lines if line.code == line_code]
        expected[f"charge_{line_code.value}"] = _money(sum(amounts, Decimal(0)))
    for rebate_code in RebateCode:
        taken = [r.amount for r in bill.rebates if r.code == rebate_code and r.counted]
        expected[f"rebate_{rebate_code.value}"] = _money(sum(taken, Decimal(0)))
    return expected


def test_every_row_holds_the_engines_figures() -> None:
    rows = [[request.get(field, "") for field in FIELDS] for request in REQUESTS]
    header, output = run_text(csv_text(FIELDS, *rows))
    assert header == [*FIELDS, *OUTPUT_COLUMNS]
    assert len(output) == len(REQUESTS)
    for request, row in zip(REQUESTS, output, strict=True):
        bill = estimate(request)
        expected = expected_figures(bill)
        assert {column: row[column] for column in expected} == expected, request
        assert Decimal(row["units_billed"]) == bill.units
        for field, value in request.items():
            assert row[field] == value  # the input cells are kept as they were


def test_the_mix_covers_what_the_columns_are_for() -> None:
    # The comparison above means something only if the mix reaches these figures.
    _, output = run_text(csv_text(FIELDS, *([r.get(f, "") for f in FIELDS] for r in REQUESTS)))
    assert any(row["charge_tod"] != "0.00" for row in output)
    assert any(row["charge_demand"] != "0.00" for row in output)
    assert any(row["late_payment_surcharge"] != "0.00" for row in output)
    assert any(row["rebate_ebill"] != "0.00" for row in output)
    assert any(row["billed_as"] == "1.b" and row["category"] == "1.a" for row in output)
    assert {row["duty_status"] for row in output} == {"included", "not_levied", "excluded"}


def test_domestic_250_units_by_hand_from_the_tariff_data() -> None:
    """1.b, 250 units, May 2026 (oerc-rst-2026-27.yaml, row 1.b, and electricity-duty.yaml)."""
    _, [row] = run_text(csv_text(["category", "units", "month"], ["domestic", "250", "2026-05"]))
    energy = 50 * Decimal("2.90") + 150 * Decimal("4.70") + 50 * Decimal("5.70")  # telescopic
    assert energy == Decimal("1135.00")
    fixed = Decimal(20)  # first kW at Rs 20/kW a month, 1 kW assumed
    meter_rent = Decimal(40)  # single-phase static meter, note (xviii)
    duty = energy * 4 / 100  # 4 % of the energy charge (low confidence, D3)
    prompt_payment = 250 * Decimal("0.10")  # "Rebate 10": 10 paise a unit
    assert row["charge_energy"] == "1135.00"
    assert row["charge_fixed"] == "20.00"
    assert row["charge_meter_rent"] == "40.00"
    assert row["charges_total"] == _money(energy + fixed + meter_rent) == "1195.00"
    assert row["duty"] == _money(duty) == "45.40"
    assert row["rebate_prompt_payment"] == _money(prompt_payment) == "25.00"
    # 1195 + 45.40 - 25 = 1215.40, rounded to the rupee; after the due date no rebate.
    assert row["payable_by_due_date"] == "1215.00"
    assert row["payable_after_due_date"] == "1240.00"
    assert row["billed_as"] == "1.b"
    assert row["units_billed"] == "250"
    assert row["error"] == ""


@pytest.mark.parametrize("request_fields", REQUESTS[:4])
def test_columns_reconcile_to_the_payable_figure(request_fields: dict[str, Any]) -> None:
    # Charges plus duty less every rebate column is the payable figure before its round-off.
    _, [row] = run_text(csv_text(list(request_fields), list(request_fields.values())))
    rebates = sum(Decimal(row[f"rebate_{code.value}"]) for code in RebateCode)
    charges = sum(Decimal(row[f"charge_{code.value}"]) for code in LineCode)
    assert Decimal(row["charges_total"]) == charges
    before_rounding = Decimal(row["charges_total"]) + Decimal(row["duty"]) - rebates
    assert abs(Decimal(row["payable_by_due_date"]) - before_rounding) <= Decimal("0.50")
