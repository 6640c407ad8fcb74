"""Is my bill right? ``tariff_core.check_bill`` on real bill shapes, figures worked by hand.

Rates (OERC RST 2026-27): domestic 1.b slabs 50 @ 2.90, 150 @ 4.70, 200 @ 5.70, rest @ 6.10,
fixed Rs 20 a kW, single-phase static meter Rs 40; general purpose 2 slabs 100 @ 5.90,
200 @ 7.00, rest @ 7.60, fixed Rs 30 a kW, DPS 1 % a month from 5 kW (note v). Domestic duty
is 4 % of the energy charge (INTERPRETATION D3, low confidence); category 2 has no sourced duty.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tariff_core import InvalidRequestError, check_bill
from tariff_core.check import BillCheck, CheckItem, Verdict


def codes(result: BillCheck) -> list[str]:
    return [f.code for f in result.findings]


def dec(text: str) -> Decimal:
    return Decimal(text)


# -- agrees to the rupee ---------------------------------------------------------------------


def test_a_bill_that_agrees_to_the_rupee_says_so() -> None:
    # 250 units: 50x2.90=145 + 150x4.70=705 + 50x5.70=285 = 1135; fixed 20; meter 40 => 1195;
    # duty 4 % x 1135 = 45.40; total 1240.40 -> 1240; rebate 10 p x 250 = 25.
    result = check_bill(
        {
            "category": "1.b",
            "period_from": "2026-05",
            "units": 250,
            "printed": {
                "energy": "1135",
                "fixed": "20",
                "meter_rent": "40",
                "duty": "45.40",
                "rebate": "25",
                "total": "1240",
            },
        }
    )
    assert result.verdict is Verdict.AGREES
    assert result.agrees_to_rupee
    assert result.expected_total == dec("1240.00")
    assert [ln.item for ln in result.lines] == [
        CheckItem.ENERGY,
        CheckItem.FIXED,
        CheckItem.METER_RENT,
        CheckItem.DUTY,
        CheckItem.REBATE,
        CheckItem.TOTAL,
    ]
    assert all(ln.agrees for ln in result.lines)
    assert codes(result) == ["agrees"]


def test_a_rupee_off_is_not_agreement() -> None:
    result = check_bill(
        {"category": "1.b", "period_from": "2026-05", "units": 250, "printed": {"total": "1242"}}
    )
    assert not result.agrees_to_rupee
    assert result.verdict is Verdict.DIFFERS
    total = result.line(CheckItem.TOTAL)
    assert total is not None
    assert total.difference == dec("2.00")
    assert "total_differs" in codes(result)


# -- several months (M5) ---------------------------------------------------------------------


PROVISIONAL_905: dict[str, Any] = {
    "category": "1.b",
    "period_from": "2026-05-01",
    "period_to": "2026-07-31",
    "units": 905,
    "printed": {"total": "4640"},
}


def test_a_three_month_provisional_bill_reconciles_per_m5() -> None:
    # slabs x3: 150x2.90=435 + 450x4.70=2115 + 305x5.70=1738.50 = 4288.50; fixed 20x3 = 60;
    # meter 40x3 = 120 => 4468.50; duty 4 % x 4288.50 = 171.54; 4640.04 -> 4640.
    printed = {"energy": "4288.50", "fixed": "60", "meter_rent": "120", "duty": "171.54"}
    request = {**PROVISIONAL_905, "months": 3}
    request["printed"] = {**PROVISIONAL_905["printed"], **printed}
    result = check_bill(request)
    assert result.verdict is Verdict.AGREES
    assert result.expected_total == dec("4640.00")
    assert result.months == 3
    assert "several_months" in codes(result)


def test_the_same_bill_checked_as_one_month_is_found_to_fit_three() -> None:
    # As one month: 145 + 705 + 1140 + 505x6.10=3080.50 = 5070.50; fixed 20; meter 40 =>
    # 5130.50; duty 202.82 => 5333; the printed 4640 fits three months (above), not one.
    result = check_bill(PROVISIONAL_905)
    assert result.expected_total == dec("5333.00")
    assert result.verdict is Verdict.EXPLAINED
    fit = result.finding("fits_several_months")
    assert fit is not None
    assert fit.params["months"] == "3"
    longer = result.finding("period_longer_than_months")
    assert longer is not None
    assert longer.params == {"days": "92", "months": "3"}
    assert result.months == 1  # reported, never acted on


# -- arrears and DPS -------------------------------------------------------------------------


def test_arrears_and_dps_are_carried_over_and_the_period_agrees() -> None:
    # GP 6 kW, 400 units: 590 + 1400 + 100x7.60=760 = 2750; fixed 30 + 5x30 = 180; three-phase
    # meter 150 => 3080; no sourced duty. Arrears 3120, DPS 1 % x 3120 = 31.20 => 6231.20 -> 6231.
    result = check_bill(
        {
            "category": "2",
            "period_from": "2026-05",
            "units": 400,
            "contract_demand": 6,
            "printed": {
                "energy": "2750",
                "fixed": "180",
                "meter_rent": "150",
                "arrears": "3120",
                "dps": "31.20",
                "total": "6231",
            },
        }
    )
    assert result.estimate.charges_total == dec("3080.00")
    assert result.verdict is Verdict.AGREES
    assert codes(result) == ["agrees", "dps_carried_over", "arrears_carried_over"]
    arrears = result.finding("arrears_carried_over")
    assert arrears is not None
    assert arrears.amount == dec("3120")


def test_a_dps_on_a_domestic_bill_is_not_in_the_tariff() -> None:
    # 250 units as above => 1240; the DPS of 12 is not levied on domestic (note v, D1).
    result = check_bill(
        {
            "category": "1.b",
            "period_from": "2026-05",
            "units": 250,
            "printed": {"dps": "12", "total": "1252"},
        }
    )
    assert result.expected_total == dec("1240.00")
    dps = result.finding("dps_not_in_tariff")
    assert dps is not None
    assert dps.ask_discom
    assert result.verdict is Verdict.EXPLAINED
    assert "total_follows_lines" in codes(result)


# -- meter rent past 60 months ---------------------------------------------------------------

OLD_METER: dict[str, Any] = {
    "category": "1.b",
    "period_from": "2026-05",
    "units": 100,
    "meter": "single-phase-static",
    "meter_installed": "2020-01",
}


def test_meter_rent_after_60_months_is_found_on_the_line() -> None:
    # Installed 2020-01: May 2026 is month 77 > 60, no rent. 145 + 235 = 380; fixed 20 => 400;
    # duty 15.20 => 415. The bill adds rent 40: 455.20 -> 455.
    printed = {"energy": "380", "fixed": "20", "meter_rent": "40", "total": "455"}
    result = check_bill({**OLD_METER, "printed": printed})
    assert result.expected_total == dec("415.00")
    rent = result.finding("meter_rent_after_period")
    assert rent is not None
    assert rent.ask_discom
    assert rent.params["months"] == "60"
    assert result.verdict is Verdict.EXPLAINED


def test_meter_rent_after_60_months_is_found_from_the_total_alone() -> None:
    result = check_bill({**OLD_METER, "printed": {"total": "455"}})
    rent = result.finding("meter_rent_after_period")
    assert rent is not None
    assert rent.item is CheckItem.TOTAL
    assert result.verdict is Verdict.EXPLAINED


# -- a GP bill with the wrong load ------------------------------------------------------------

GP_3KW: dict[str, Any] = {
    "category": "2",
    "period_from": "2026-05",
    "units": 300,
    "contract_demand": 3,
    "meter": "single-phase-static",
}


def test_a_gp_bill_with_the_wrong_load_on_its_fixed_charge() -> None:
    # 300 units: 590 + 200x7.00=1400 = 1990; 3 kW: 30 + 2x30 = 90; meter 40 => 2120. Printed
    # fixed 300 = 30 + 9x30: a 10 kW load; total 1990 + 300 + 40 = 2330.
    printed = {"fixed": "300", "meter_rent": "40", "total": "2330"}
    result = check_bill({**GP_3KW, "printed": printed})
    load = result.finding("fixed_fits_other_load")
    assert load is not None
    assert load.params["load"] == "10"
    assert load.ask_discom
    assert load.amount == dec("210.00")
    assert result.verdict is Verdict.EXPLAINED


def test_a_gp_bill_with_the_wrong_load_from_the_total_alone() -> None:
    # No duty is sourced for GP, so a duty could fill many gaps: the exact load is tried first.
    result = check_bill({**GP_3KW, "printed": {"total": "2330"}})
    load = result.finding("fixed_fits_other_load")
    assert load is not None
    assert load.params["load"] == "10"
    assert result.finding("duty_in_total") is None


def test_a_gp_total_with_duty_on_top_names_the_duty() -> None:
    # 2120 + 5 % x 1990 = 99.50 => 2219.50: no cause fits exactly, a 5 % duty does.
    result = check_bill({**GP_3KW, "printed": {"total": "2219.50"}})
    duty = result.finding("duty_in_total")
    assert duty is not None
    assert duty.params["percent"] == "5.0"


# -- readings, loads, categories --------------------------------------------------------------


def test_a_reading_that_rolled_over() -> None:
    # 9950 -> 0150 on a 4-digit register: 10000 - 9950 + 150 = 200 units: 145 + 705 = 850;
    # fixed 20; meter 40 => 910; duty 34 => 944.
    result = check_bill(
        {
            "category": "1.b",
            "period_from": "2026-05",
            "previous_reading": 9950,
            "present_reading": 150,
            "printed": {"total": "944"},
        }
    )
    assert result.units == dec("200")
    assert result.rolled_over
    assert result.verdict is Verdict.AGREES
    assert "reading_rolled_over" in codes(result)


def test_printed_units_that_differ_from_the_readings() -> None:
    result = check_bill(
        {
            "category": "1.b",
            "period_from": "2026-05",
            "units": 300,
            "previous_reading": 1000,
            "present_reading": 1200,
        }
    )
    assert result.units == dec("300")
    found = result.finding("units_differ_from_readings")
    assert found is not None
    assert found.params == {"printed": "300", "from_readings": "200"}


def test_a_load_that_cannot_draw_the_units() -> None:
    # June: 1 kW x 720 h = 720 units at most; 1000 units need 2 kW.
    result = check_bill(
        {"category": "1.b", "period_from": "2026-06", "units": 1000, "contract_demand": 1}
    )
    found = result.finding("load_cannot_draw_units")
    assert found is not None
    assert found.params["needed"] == "2"
    assert result.estimate.contract_demand == dec("2")


def test_an_energy_charge_at_another_categorys_rates() -> None:
    # 300 units at GP rates: 590 + 1400 = 1990 (domestic: 145 + 705 + 100x5.70 = 1420).
    result = check_bill(
        {"category": "1.b", "period_from": "2026-05", "units": 300, "printed": {"energy": "1990"}}
    )
    found = result.finding("energy_fits_other_category")
    assert found is not None
    assert found.params["category"] == "2"


def test_a_prorated_first_bill_fixed_charge_is_recognised() -> None:
    # 3 kW domestic: 60 a month; 10 of 31 May days => fixed under one kW's 20: prorated.
    result = check_bill(
        {
            "category": "1.b",
            "period_from": "2026-05",
            "units": 100,
            "contract_demand": 3,
            "printed": {"fixed": "6.45"},
        }
    )
    found = result.finding("fixed_looks_prorated")
    assert found is not None
    assert found.params["days"] == "10"


def test_a_first_bill_given_as_days_is_prorated() -> None:
    # 2026-06, 10 of 30 days at 3 kW: 20x10/30 = 6.67 + 40x10/30 = 13.33 => 20.
    result = check_bill(
        {
            "category": "1.b",
            "period_from": "2026-06-21",
            "first_or_final_bill_days": 10,
            "units": 100,
            "contract_demand": 3,
            "printed": {"fixed": "20"},
        }
    )
    fixed = result.line(CheckItem.FIXED)
    assert fixed is not None
    assert fixed.agrees


# -- refused requests -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        ({"category": "1.b", "period_from": "2026-05"}, "units billed, or both meter readings"),
        (
            {"category": "1.b", "period_from": "2026-05", "units": 1, "previous_reading": 5},
            "both meter readings",
        ),
        (
            {
                "category": "1.b",
                "period_from": "2026-05-10",
                "period_to": "2026-05-01",
                "units": 1,
            },
            "ends before it starts",
        ),
        ({"category": "1.b", "period_from": "2026-05", "units": 1, "months": 13}, "months"),
        (
            {
                "category": "1.b",
                "period_from": "2026-05",
                "units": 1,
                "months": 2,
                "first_or_final_bill_days": 5,
            },
            "not both",
        ),
        ({"category": "1.b", "period_from": "2026-05", "units": 1, "x" * 5000: 1}, "x" * 60),
    ],
)
def test_bad_requests_are_refused_with_a_message(request_: dict[str, Any], words: str) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        check_bill(request_)
    assert words in str(caught.value)
    assert len(str(caught.value)) < 300  # never the whole input back


def test_months_and_days_together_are_refused_by_the_engine() -> None:
    from tariff_core import estimate

    with pytest.raises(InvalidRequestError, match="not both"):
        estimate(
            {
                "category": "1.b",
                "month": "2026-05",
                "units": 10,
                "months": 2,
                "first_or_final_bill_days": 3,
            }
        )


def test_units_a_load_can_draw_scale_with_the_months() -> None:
    from tariff_core import estimate

    # 1 kW: 744 units in 31-day May; over May-July (92 days) 2208.
    request = {"category": "1.b", "month": "2026-05", "units": 2000, "contract_demand": 1}
    with pytest.raises(InvalidRequestError, match="2000 units"):
        estimate(request)
    assert estimate({**request, "months": 3}).charges_total > 0
