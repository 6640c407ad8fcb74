"""Units a month from appliances, hand-checked: watts × hours × days ÷ 1000, a fridge from its
BEE label, and the stated rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from bot.appliances import ApplianceId, ApplianceItem, default_table, estimate_units
from bot.appliances.estimate import APPROXIMATION_NOTE, item_kwh

D = Decimal


def units_of(**fields: object) -> Decimal:
    return estimate_units([ApplianceItem.model_validate(fields)]).total_kwh_per_month


def test_three_ordinary_fans_twelve_hours_thirty_days_are_81_units() -> None:
    # 3 × 75 W × 12 h × 30 days ÷ 1000 = 81 kWh.
    assert units_of(appliance="fan", count=3) == D(81)


@pytest.mark.parametrize(
    ("appliance", "count", "expected"),
    [
        ("fan_5_star", 1, D(18)),  # 50 W × 12 h × 30 ÷ 1000
        ("bldc_fan", 1, D("10.1")),  # 28 × 12 × 30 = 10,080 Wh
        ("led_bulb", 5, D("8.1")),  # 5 × 9 × 6 × 30 = 8,100 Wh
        ("tube_light", 2, D("14.4")),  # 2 × 40 × 6 × 30
        ("cfl", 1, D("2.7")),  # 15 × 6 × 30
        ("tv", 1, D(15)),  # 100 × 5 × 30
        ("cooler", 1, D(48)),  # 200 × 8 × 30
        ("ac", 1, D(360)),  # 1,500 × 8 × 30
        ("water_pump", 1, D("22.2")),  # 740 × 1 × 30
        ("geyser", 1, D(30)),  # 2,000 × 0.5 × 30
        ("iron", 1, D("5.6")),  # 750 × 0.25 × 30 = 5,625 Wh, half up
        ("mixer", 1, D("3.8")),  # 500 × 0.25 × 30 = 3,750 Wh, half up
        ("washing_machine", 1, D("3.2")),  # 400 × 1 h × 8 washes
        ("mosquito_repeller", 1, D("2.2")),  # 9 × 8 × 30 = 2,160 Wh
    ],
)
def test_each_appliance_at_its_typical_watts_and_hours(
    appliance: str, count: int, expected: Decimal
) -> None:
    assert units_of(appliance=appliance, count=count) == expected


def test_hours_and_watts_given_replace_the_typical_ones() -> None:
    assert units_of(appliance="tv", hours_per_day=4) == D(12)  # 100 × 4 × 30
    assert units_of(appliance="tv", watts=60, hours_per_day="2.5") == D("4.5")
    line = estimate_units([ApplianceItem(appliance=ApplianceId.TV, hours_per_day=D(4))]).items[0]
    assert not line.hours_assumed
    assert estimate_units([ApplianceItem(appliance=ApplianceId.TV)]).items[0].hours_assumed


def test_a_fridge_from_its_label_is_the_label_kwh_a_year_over_twelve() -> None:
    assert units_of(appliance="fridge", label_kwh_per_year=186) == D("15.5")
    line = estimate_units([ApplianceItem(appliance=ApplianceId.FRIDGE, label_kwh_per_year=D(300))])
    assert line.items[0].method == "fridge_label"
    assert line.items[0].kwh_per_month == D(25)


def test_a_fridge_from_its_size_and_stars_uses_the_bee_band() -> None:
    # Frost-free 250 L, 5 stars: below 0.103 × 250 + 160 = 185.75 kWh a year -> 15.48 a month.
    assert units_of(appliance="fridge", litres=250, stars=5, fridge_type="frost_free") == D("15.5")
    # Frost-free 250 L, 1 star: up to 0.180 × 250 + 279 = 324 kWh a year -> 27 a month.
    assert units_of(appliance="fridge", litres=250, stars=1, fridge_type="frost_free") == D(27)
    # Direct-cool 190 L, 5 stars: 0.080 × 190 + 124 = 139.2 -> 11.6 a month.
    assert units_of(appliance="fridge", litres=190, stars=5) == D("11.6")


def test_an_unknown_fridge_is_the_assumed_one_and_says_so() -> None:
    fridges = default_table().fridge
    assert (fridges.default_type, fridges.default_litres, fridges.default_stars) == (
        "direct_cool",
        D(190),
        2,
    )
    result = estimate_units([ApplianceItem(appliance=ApplianceId.FRIDGE)])
    line = result.items[0]
    # 0.115 × 190 + 179 = 200.85 kWh a year -> 16.7375 -> 16.7 a month.
    assert line.kwh_per_month == D("16.7")
    assert line.method == "fridge_assumed"
    assert "bijuli_assumption" in line.sources


def test_the_total_is_the_sum_of_rounded_lines_and_the_bill_units_are_whole() -> None:
    items = [
        ApplianceItem(appliance=ApplianceId.IRON),  # 5.625 -> 5.6
        ApplianceItem(appliance=ApplianceId.MIXER),  # 3.75 -> 3.8
        ApplianceItem(appliance=ApplianceId.BLDC_FAN),  # 10.08 -> 10.1
    ]
    result = estimate_units(items)
    assert [line.kwh_per_month for line in result.items] == [D("5.6"), D("3.8"), D("10.1")]
    assert result.total_kwh_per_month == D("19.5")
    assert result.units_for_bill == D(20)  # 19.5 half up


def test_every_answer_says_it_is_an_approximation_and_cites_its_sources() -> None:
    result = estimate_units([ApplianceItem(appliance=ApplianceId.FAN)])
    assert result.approximate is True
    assert result.note == APPROXIMATION_NOTE
    assert "approximation" in result.note
    assert result.sources == ("tangedco",)
    assert set(result.sources) <= set(default_table().sources)


def test_the_top_users_add_up_lines_of_one_appliance() -> None:
    items = [
        ApplianceItem(appliance=ApplianceId.TV),  # 15
        ApplianceItem(appliance=ApplianceId.FAN, count=1),  # 27
        ApplianceItem(appliance=ApplianceId.LED_BULB, count=4),  # 6.5 (6.48)
        ApplianceItem(appliance=ApplianceId.FAN, count=1, hours_per_day=D(4)),  # 9
        ApplianceItem(appliance=ApplianceId.COOLER),  # 48
    ]
    result = estimate_units(items)
    assert [(top.appliance, top.kwh_per_month) for top in result.top] == [
        (ApplianceId.COOLER, D(48)),
        (ApplianceId.FAN, D(36)),
        (ApplianceId.TV, D(15)),
    ]
    assert result.total_kwh_per_month == D("105.5")
    assert [top.percent for top in result.top] == [D(45), D(34), D(14)]


def test_no_items_is_zero_units_and_no_top() -> None:
    result = estimate_units([])
    assert result.total_kwh_per_month == 0
    assert result.top == ()


def test_item_kwh_is_exact() -> None:
    assert item_kwh(ApplianceItem(appliance=ApplianceId.IRON)) == D("5.625")


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"appliance": "toaster"}, "appliance"),
        ({"appliance": "fan", "count": 0}, "count"),
        ({"appliance": "fan", "count": 101}, "count"),
        ({"appliance": "fan", "count": 2.5}, "count"),
        ({"appliance": "fan", "hours_per_day": 25}, "hours_per_day"),
        ({"appliance": "fan", "hours_per_day": 0}, "hours_per_day"),
        ({"appliance": "fan", "hours_per_day": "NaN"}, "hours_per_day"),
        ({"appliance": "fan", "stars": 5}, "for a fridge only"),
        ({"appliance": "fridge", "hours_per_day": 24}, "estimated from its label"),
        ({"appliance": "fridge", "stars": 6}, "stars"),
        ({"appliance": "fridge", "litres": 5}, "litres"),
        ({"appliance": "fan", "colour": "red"}, "colour"),
    ],
)
def test_invalid_items_are_refused_with_the_reason(fields: dict[str, object], problem: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ApplianceItem.model_validate(fields)
    assert problem in str(caught.value)
