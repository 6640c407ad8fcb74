"""What one change saves: units from the swap, rupees from tariff_core's engine for the
consumer's category and month (so exact for the slab, the duty and the on-time rebate)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bot.appliances import ApplianceId, ApplianceItem, estimate_units, savings, unit_savings
from tariff_core import BillRequest, TariffError, estimate

D = Decimal
MAY = dt.date(2026, 5, 1)


def _bill(units: Decimal, category: str = "1.b") -> Decimal:
    request = BillRequest(category=category, month=MAY, units=units)
    return estimate(request).payable_by_due_date_detail.before_rounding


def test_an_led_tube_for_each_tube_light_saves_half_their_units() -> None:
    units = estimate_units([ApplianceItem(appliance=ApplianceId.TUBE_LIGHT, count=4)])
    (saving,) = unit_savings(units)
    # 4 × (40 − 20) W × 6 h × 30 days = 14,400 Wh.
    assert (saving.swap, saving.replace, saving.to, saving.count) == (
        "led_for_tube_light",
        ApplianceId.TUBE_LIGHT,
        ApplianceId.LED_TUBE,
        4,
    )
    assert saving.kwh_per_month == D("14.4")
    assert saving.rupees_per_month is None


def test_bldc_fans_for_ordinary_ones_keep_the_hours_given() -> None:
    units = estimate_units([ApplianceItem(appliance=ApplianceId.FAN, count=2, hours_per_day=D(10))])
    (saving,) = unit_savings(units)
    # 2 × 75 × 10 × 30 = 45 kWh; 2 × 28 × 10 × 30 = 16.8 kWh.
    assert saving.kwh_per_month == D("28.2")


def test_the_largest_saving_comes_first() -> None:
    units = estimate_units(
        [
            ApplianceItem(appliance=ApplianceId.TUBE_LIGHT, count=1),
            ApplianceItem(appliance=ApplianceId.FAN, count=3),
            ApplianceItem(appliance=ApplianceId.CFL, count=2),
        ]
    )
    assert [s.swap for s in unit_savings(units)] == [
        "bldc_for_fan",
        "led_for_tube_light",
        "led_for_cfl",
    ]


def test_a_five_star_fridge_of_the_same_size_and_type() -> None:
    units = estimate_units(
        [
            ApplianceItem(
                appliance=ApplianceId.FRIDGE, litres=D(250), stars=1, fridge_type="frost_free"
            )
        ]
    )
    (saving,) = unit_savings(units)
    # 27.0 (324 kWh a year) against 15.5 (185.75 kWh a year).
    assert (saving.swap, saving.stars, saving.kwh_per_month) == ("five_star_fridge", 5, D("11.5"))


def test_nothing_to_swap_saves_nothing() -> None:
    units = estimate_units(
        [
            ApplianceItem(appliance=ApplianceId.LED_BULB, count=5),
            ApplianceItem(appliance=ApplianceId.FRIDGE, label_kwh_per_year=D(150)),
            ApplianceItem(appliance=ApplianceId.FRIDGE, litres=D(190), stars=5),
        ]
    )
    assert unit_savings(units) == ()


def test_rupees_are_the_engine_bill_with_and_without_the_saved_units() -> None:
    units = estimate_units(
        [
            ApplianceItem(appliance=ApplianceId.FAN, count=3),  # 81
            ApplianceItem(appliance=ApplianceId.TUBE_LIGHT, count=4),  # 28.8
            ApplianceItem(appliance=ApplianceId.TV),  # 15
            ApplianceItem(appliance=ApplianceId.COOLER),  # 48
        ]
    )
    assert units.units_for_bill == D(173)  # 172.8
    basis, priced = savings(units, category="1.b", month=MAY)
    assert basis.payable_by_due_date == _bill(D(173))
    assert (basis.category, basis.month, basis.units) == ("1.b", "2026-05", D(173))
    by_swap = {s.swap: s for s in priced}
    fans = by_swap["bldc_for_fan"]
    assert fans.kwh_per_month == D("50.8")  # 81 − 30.2
    assert fans.rupees_per_month == _bill(D(173)) - _bill(D("122.2"))
    tubes = by_swap["led_for_tube_light"]
    assert tubes.rupees_per_month == _bill(D(173)) - _bill(D("158.6"))
    # Domestic 51-200 units cost ₹4.70 a unit (OERC 2026-27), duty on top: more than ₹4.70
    # and less than ₹5.50 a unit for the units saved inside that slab.
    assert tubes.rupees_per_month is not None
    assert D("4.70") * D("14.4") < tubes.rupees_per_month < D("5.50") * D("14.4")


def test_a_saving_that_crosses_a_slab_is_priced_at_both_rates() -> None:
    units = estimate_units([ApplianceItem(appliance=ApplianceId.FAN, count=10)])  # 270
    _, (saving,) = savings(units, category="1.b", month=MAY)
    # 270 → 100.8 units: from above the 200-unit slab into the 51-200 one.
    assert saving.kwh_per_month == D("169.2")
    assert saving.rupees_per_month == _bill(D(270)) - _bill(D("100.8"))
    above, inside = _bill(D(270)) - _bill(D(200)), _bill(D(200)) - _bill(D("100.8"))
    assert above / 70 > inside / D("99.2")  # the units above 200 cost more each


def test_a_shop_is_priced_at_its_own_tariff() -> None:
    units = estimate_units([ApplianceItem(appliance=ApplianceId.TUBE_LIGHT, count=10)])
    _, (saving,) = savings(units, category="2", month=MAY)
    assert saving.rupees_per_month == _bill(units.units_for_bill, "2") - _bill(
        units.units_for_bill - saving.kwh_per_month, "2"
    )


@pytest.mark.parametrize(
    ("category", "month"),
    [("nope", MAY), ("1.b", dt.date(2020, 1, 1))],
)
def test_an_unknown_category_or_month_is_the_engine_error(category: str, month: dt.date) -> None:
    units = estimate_units([ApplianceItem(appliance=ApplianceId.FAN)])
    with pytest.raises(TariffError):
        savings(units, category=category, month=month)
