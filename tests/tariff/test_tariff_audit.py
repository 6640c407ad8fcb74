"""The defects of the independent audit (issue 8) that are not a whole golden bill: absurd or
contradictory requests refused (INTERPRETATION X1, X8), the assumptions an estimate must say
(X9) and the rates its lines must show (X6, X7). Bills worked by hand are in golden/audit.yaml.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from tariff_core import BillEstimate, InvalidRequestError, estimate
from tariff_core.money import format_rupees


def _refused(request: dict[str, Any], field: str, *words: str) -> InvalidRequestError:
    with pytest.raises(InvalidRequestError) as caught:
        estimate(request)
    err = caught.value
    assert err.field == field, f"field {err.field!r}, want {field!r}: {err}"
    for word in words:
        assert word in str(err), f"{word!r} not in {str(err)!r}"
    return err


def _reproduces(est: BillEstimate) -> list[str]:
    """The lines whose quantity × rate, rounded half-up to the paisa, is not their amount."""
    wrong = []
    for ln in est.lines:
        product = (ln.quantity * ln.rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if product != ln.amount:
            wrong.append(f"{ln.label}: {ln.quantity} x {ln.rate} = {product}, not {ln.amount}")
    return wrong


# -- X1: the year's highest demand cannot be below the month's --------------------------------
def test_fy_highest_demand_below_the_months_recorded_demand_is_refused() -> None:
    request = {
        "category": "19",
        "month": "2026-06",
        "units": 40000,
        "kwh": 36000,
        "contract_demand": 100,
        "max_demand": 104,
        "fy_highest_demand": 95,
    }
    _refused(request, "fy_highest_demand", "95", "104", "financial year")


# -- X8: absurd figures ------------------------------------------------------------------------
HT_STEEL = {"category": "25", "month": "2026-06", "units": 3200000, "contract_demand": 5000}


@pytest.mark.parametrize("load_factor", [101, 150, 200])
def test_a_load_factor_above_100_percent_is_refused(load_factor: int) -> None:
    # 5000 kVA x 720 h = 3600000 kWh at 100 %; the audit's 150 % earned a 20 % steel rebate.
    kwh = 3600000 * load_factor // 100
    request = dict(HT_STEEL, units=kwh * 10 // 9, kwh=kwh, steel_plant_without_cgp=True)
    _refused(request, "kwh", "load factor", "100 %")


def test_a_load_factor_of_exactly_100_percent_is_billed() -> None:
    est = estimate(dict(HT_STEEL, units=4000000, kwh=3600000))
    assert est.load_factor_percent == Decimal("100.00")


def test_a_recorded_demand_of_a_billion_kva_is_refused() -> None:
    request = dict(HT_STEEL, kwh=2880000, max_demand=Decimal("1e9"))
    _refused(request, "max_demand", "1000000000", "kVA")


def test_a_billion_kw_recorded_on_a_home_is_refused() -> None:
    request = {"category": "1.b", "month": "2026-05", "units": 100, "max_demand": Decimal("1e9")}
    _refused(request, "max_demand", "1000000000")


def test_a_fy_highest_demand_of_a_billion_kva_is_refused() -> None:
    request = dict(HT_STEEL, kwh=2880000, fy_highest_demand=Decimal("1e9"))
    _refused(request, "fy_highest_demand", "1000000000")


def test_a_trillion_kwh_on_emergency_supply_to_a_cgp_is_refused() -> None:
    request = {"category": "27", "month": "2026-05", "units": Decimal("1e12")}
    _refused(request, "units", "1000000000000", "check the units")


@pytest.mark.parametrize(
    ("category", "demand", "words"),
    [
        ("2", 150, ("150", "category 2", "below 110")),
        ("7", 40, ("40", "category 7", "below 22")),
        ("19", 50, ("50", "category 19", "above 70")),
        ("19", 120, ("120", "category 19", "below 110")),
        ("12", 60, ("60", "category 12", "at least 110")),
        ("8", 10, ("10", "category 8", "at least 22")),
    ],
)
def test_a_contract_demand_outside_its_category_is_refused(
    category: str, demand: int, words: tuple[str, ...]
) -> None:
    request: dict[str, Any] = {
        "category": category,
        "month": "2026-05",
        "units": 1000,
        "contract_demand": demand,
    }
    if category == "19":
        request["kwh"] = 900
    err = _refused(request, "contract_demand", *words)
    assert "category" in str(err)
    assert "check" in str(err)


def test_a_recorded_demand_that_moves_a_shop_out_of_its_category_is_refused() -> None:
    # Note (xiii): the recorded demand is the contract demand, so it must fit the category too.
    request = {"category": "7", "month": "2026-05", "units": 1000, "max_demand": 30}
    _refused(request, "max_demand", "30", "category 7")


@pytest.mark.parametrize(
    ("category", "demand"), [("2", "109.5"), ("7", "21.5"), ("8", 22), ("19", 71), ("12", 110)]
)
def test_a_contract_demand_inside_its_category_is_billed(category: str, demand: object) -> None:
    request: dict[str, Any] = {
        "category": category,
        "month": "2026-05",
        "units": 1000,
        "contract_demand": demand,
    }
    if category == "19":
        request["kwh"] = 900
    assert estimate(request).charges_total > 0


# -- X3: a scheme's condition that fails is named ---------------------------------------------
def test_a_failed_cgp_condition_names_the_condition() -> None:
    request = {
        "category": "23",
        "month": "2026-06",
        "units": 18000000,
        "kwh": 16200000,
        "contract_demand": 25000,
        "cgp_scheme": "vi",
        "incremental_kvah": 1000000,
    }
    note = next(n for n in estimate(request).notes if n.code == "cgp_scheme_condition_failed")
    for words in ("(vi)", "up to 20000", "25000"):
        assert words in note.text
    assert note.params["scheme"] == "vi"


# -- X9: every assumed fact is said ----------------------------------------------------------
def test_an_lt_large_consumer_with_no_meter_named_is_told_its_meter_is_taken_as_amr() -> None:
    request = {
        "category": "12",
        "month": "2026-07",
        "units": 20000,
        "contract_demand": 120,
        "solar_units": 5000,
    }
    est = estimate(request)
    assert "tod" in {ln.code for ln in est.lines}
    assert "default_meter_is_amr" in est.assumptions


def test_a_named_meter_or_a_stated_smart_meter_needs_no_amr_note() -> None:
    base = {"category": "23", "month": "2026-07", "units": 1488000, "kwh": 1190400}
    base |= {"contract_demand": 2000, "solar_units": 600000}
    for extra in ({"meter": "ht-ct-11kv"}, {"smart_meter": True}):
        assert "default_meter_is_amr" not in estimate(base | extra).assumptions


def test_a_three_phase_shop_is_told_its_phase_was_taken_from_its_load() -> None:
    # 8 kW with no phase given: taken as three-phase (note xv), which loses the digital rebate.
    est = estimate({"category": "2", "month": "2026-05", "units": 800, "contract_demand": 8})
    assert est.rebate("digital") is None
    assert "single_phase_max_kw" in est.assumptions


def test_an_irrigation_pump_is_told_its_phase_chose_its_meter() -> None:
    est = estimate({"category": "3", "month": "2026-05", "units": 800, "contract_demand": 8})
    assert {"default_meter", "single_phase_max_kw"} <= set(est.assumptions)


def test_a_stated_phase_needs_no_phase_note() -> None:
    request = {"category": "2", "month": "2026-05", "units": 800, "contract_demand": 8}
    est = estimate(request | {"phase": "three", "meter": "three-phase-whole-current"})
    assert "single_phase_max_kw" not in est.assumptions


# -- X6, X7: every line shows the rate it used ------------------------------------------------
def test_tod_lines_show_the_rate_they_used_on_a_large_bill() -> None:
    # EHT at 70 %: 17000000 x 60/70 = 14571428.571 x 5.80 = 84514285.71 + 2428571.429 x 4.70
    # = 11414285.71; normal rate 95928571.42 / 17000000 = 5.6428571424 a kVAh; solar
    # 3000000 x -0.56428571424 = -1692857.14, peak 1000000 x 0.56428571424 = 564285.71. With
    # the rate cut to four places (0.5643 x 3000000 = 1692900.00) it would be Rs 42.86 off.
    request = {
        "category": "30",
        "month": "2026-07",
        "units": 17000000,
        "kwh": 15624000,
        "contract_demand": 30000,
        "solar_units": 3000000,
        "peak_units": 1000000,
    }
    est = estimate(request)
    tod = [ln for ln in est.lines if ln.code == "tod"]
    assert [ln.amount for ln in tod] == [Decimal("-1692857.14"), Decimal("564285.71")]
    assert not _reproduces(est)


def test_prorated_fixed_and_demand_lines_show_the_rate_they_used() -> None:
    first = {"category": "1.b", "month": "2026-06", "units": 100, "contract_demand": 3}
    est = estimate(first | {"first_or_final_bill_days": 10})
    fixed = [ln for ln in est.lines if ln.code == "fixed"]
    # Rs 20 for 10 of 30 days: 6.67 for the first kW, 13.33 for the other two.
    assert [ln.amount for ln in fixed] == [Decimal("6.67"), Decimal("13.33")]
    assert all(ln.rate < 20 for ln in fixed)
    assert not _reproduces(est)
    final = {"category": "14", "month": "2026-06", "units": 20000, "contract_demand": 100}
    est = estimate(final | {"first_or_final_bill_days": 15, "max_demand": 97})
    demand = next(ln for ln in est.lines if ln.code == "demand")
    assert (demand.rate, demand.amount) == (Decimal(10), Decimal("970.00"))
    assert not _reproduces(est)


# -- the CLI's money: Indian grouping and the rupee sign, like the bot ------------------------
@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("1283750", "₹12,83,750.00"),
        ("0", "₹0.00"),
        ("999.995", "₹1,000.00"),
        ("100000", "₹1,00,000.00"),
        ("123456789.5", "₹12,34,56,789.50"),
        ("-750.33", "-₹750.33"),
    ],
)
def test_format_rupees_groups_lakhs_and_crores(amount: str, shown: str) -> None:
    assert format_rupees(Decimal(amount)) == shown
