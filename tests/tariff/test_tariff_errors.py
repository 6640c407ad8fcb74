"""Bad requests: each raises the right class of the tariff_core error tree, with a message that
names the problem and what to do about it (see tariff_core/errors.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tariff_core import (
    InvalidRequestError,
    MissingFigureError,
    TariffError,
    TariffNotInForceError,
    UnknownCategoryError,
    estimate,
    units_for_bill,
)

HT_LF = {
    "category": "23",
    "month": "2026-06",
    "units": 100000,
    "kwh": 90000,
    "contract_demand": 1000,
}


def _raises(request: dict[str, Any], error: type[TariffError], *words: str) -> TariffError:
    with pytest.raises(error) as caught:
        estimate(request)
    message = str(caught.value)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    return caught.value


# -- units --------------------------------------------------------------------------------------
def test_negative_units() -> None:
    err = _raises(
        {"category": "1.b", "month": "2026-05", "units": -5}, InvalidRequestError, "units"
    )
    assert isinstance(err, InvalidRequestError)
    assert err.field == "units"
    assert "greater than or equal to 0" in str(err)
    assert "-5" in str(err)


def test_ten_lakh_units_on_a_home_without_a_load() -> None:
    err = _raises(
        {"category": "1.b", "month": "2026-05", "units": 1_000_000},
        InvalidRequestError,
        "1000000 units",
        "more than any LT connection",
        "110 kVA",
        "check the units",
    )
    assert isinstance(err, InvalidRequestError)
    assert err.field == "units"


def test_ten_lakh_units_on_a_two_kw_home() -> None:
    err = _raises(
        {"category": "1.b", "month": "2026-05", "units": 1_000_000, "contract_demand": 2},
        InvalidRequestError,
        "more than a 2 kW connection",
        "31 days",
        "1488",
        "contract demand",
    )
    assert isinstance(err, InvalidRequestError)
    assert err.field == "units"


def test_kwh_above_a_load_factor_of_200_percent() -> None:
    _raises(
        dict(HT_LF, units=3_000_000, kwh=2_000_000),
        InvalidRequestError,
        "load factor above 100 %",  # X8: 1000 kVA x 720 h = 720000 kWh at full load
        "1000 kVA",
    )


# -- categories ---------------------------------------------------------------------------------
def test_unknown_category_suggests_a_close_one() -> None:
    err = _raises(
        {"category": "domestik", "month": "2026-05", "units": 5},
        UnknownCategoryError,
        "unknown category 'domestik'",
        "did you mean",
        "domestic",
    )
    assert isinstance(err, UnknownCategoryError)
    assert "domestic" in err.suggestions


def test_unknown_category_without_a_close_one_points_to_the_list() -> None:
    _raises(
        {"category": "spaceport", "month": "2026-05", "units": 5},
        UnknownCategoryError,
        "unknown category 'spaceport'",
        "python -m tariff_core categories",
    )


# -- missing figures ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("request_", "field", "words"),
    [
        (
            {"category": "23", "month": "2026-06", "units": 5, "kwh": 4},
            "contract_demand",
            "contract demand",
        ),
        (
            {"category": "23", "month": "2026-06", "units": 5, "contract_demand": 100},
            "kwh",
            "kWh reading",
        ),
        ({"category": "14", "month": "2026-06", "units": 5}, "contract_demand", "contract demand"),
        (
            {"category": "30", "month": "2026-06", "units": 5, "kwh": 4},
            "contract_demand",
            "contract demand",
        ),
        (
            {"category": "34", "month": "2026-06", "units": 5, "contract_demand": 9},
            "kwh",
            "load factor",
        ),
        ({"category": "11", "month": "2026-06", "units": 5}, "contract_demand", "contract demand"),
    ],
)
def test_ht_and_eht_need_their_figures(request_: dict[str, Any], field: str, words: str) -> None:
    err = _raises(
        request_, MissingFigureError, f"category {request_['category']}", words, f"give {field}"
    )
    assert isinstance(err, MissingFigureError)
    assert err.field == field
    assert isinstance(err, InvalidRequestError)


# -- the month ----------------------------------------------------------------------------------
def test_a_month_before_the_order() -> None:
    err = _raises(
        {"category": "1.b", "month": "2026-03", "units": 100},
        TariffNotInForceError,
        "no tariff order covers 2026-03",
        "2026-04-01",
        "ask for 2026-04 or later",
    )
    assert isinstance(err, TariffNotInForceError)
    assert err.earliest == "2026-04-01"


def test_a_month_that_is_not_a_date() -> None:
    err = _raises(
        {"category": "1.b", "month": "May 2026", "units": 5}, InvalidRequestError, "month"
    )
    assert isinstance(err, InvalidRequestError)
    assert err.field == "month"


# -- inconsistent figures -----------------------------------------------------------------------
def test_solar_and_peak_units_above_the_month() -> None:
    err = _raises(
        {"category": "1.b", "month": "2026-07", "units": 100, "solar_units": 60, "peak_units": 50},
        InvalidRequestError,
        "solar-hour (60)",
        "peak-hour (50)",
        "more than the 100 units",
    )
    assert isinstance(err, InvalidRequestError)
    assert err.field == "solar_units"


def test_kwh_above_kvah() -> None:
    err = _raises(
        dict(HT_LF, kwh=120000), InvalidRequestError, "kWh (120000)", "cannot exceed kVAh"
    )
    assert isinstance(err, InvalidRequestError)
    assert err.field == "kwh"


def test_meter_installed_after_the_month() -> None:
    err = _raises(
        {"category": "1.b", "month": "2026-05", "units": 100, "meter_installed": "2026-06"},
        InvalidRequestError,
        "installed after the month",
    )
    assert isinstance(err, InvalidRequestError)
    assert err.field == "meter_installed"


def test_unknown_request_field_and_meter_type() -> None:
    _raises(
        {"category": "1.b", "month": "2026-05", "units": 5, "colour": "red"},
        InvalidRequestError,
        "colour",
    )
    _raises(
        {"category": "1.b", "month": "2026-05", "units": 5, "meter": "gold-plated"},
        InvalidRequestError,
        "meter",
        "gold-plated",
    )


# -- CGP schemes --------------------------------------------------------------------------------
#: Meets the conditions of schemes (vi) and, on an EHT category above 20 MW, (vii) (X3):
#: LF 600000 x 100 / (1000 x 720) = 83.3 %.
HT_CGP = dict(HT_LF, units=700000, kwh=600000)
EHT_CGP = dict(HT_CGP, category="30", contract_demand=25000, units=17000000, kwh=15000000)


def test_cgp_scheme_without_incremental_kvah() -> None:
    err = _raises(
        dict(HT_CGP, cgp_scheme="vi"),
        MissingFigureError,
        "kVAh drawn under the scheme",
        "incremental_kvah",
    )
    assert isinstance(err, MissingFigureError)
    assert err.field == "incremental_kvah"


@pytest.mark.parametrize(("scheme", "category"), [("vi", "21"), ("vii", "26"), ("viii", "30")])
def test_cgp_scheme_on_a_wrong_category(scheme: str, category: str) -> None:
    err = _raises(
        dict(HT_LF, category=category, cgp_scheme=scheme, incremental_kvah=100),
        InvalidRequestError,
        f"Note ({scheme})",
        f"not {category}",
    )
    assert isinstance(err, InvalidRequestError)
    assert err.field == "cgp_scheme"


def test_cgp_incremental_above_the_month() -> None:
    _raises(
        dict(HT_CGP, cgp_scheme="vi", incremental_kvah=800000),
        InvalidRequestError,
        "incremental kVAh cannot exceed the month's kVAh",
    )


def test_cgp_incremental_peak_above_incremental() -> None:
    _raises(
        dict(EHT_CGP, cgp_scheme="vii", incremental_kvah=100, incremental_peak_kvah=200),
        InvalidRequestError,
        "peak kVAh cannot exceed the incremental kVAh",
    )


# -- reverse search -----------------------------------------------------------------------------
def test_reverse_search_refuses_bad_amounts() -> None:
    home = {"category": "1.b", "month": "2026-05", "units": 0}
    with pytest.raises(InvalidRequestError, match="cannot be negative"):
        units_for_bill(home, Decimal(-1))
    with pytest.raises(InvalidRequestError, match=r"below the bill for zero units \(60.00\)"):
        units_for_bill(home, Decimal(10))
    with pytest.raises(InvalidRequestError, match="more than this connection can be billed"):
        units_for_bill(dict(home, contract_demand=2), Decimal(10**7))


def test_every_error_is_a_tariff_error() -> None:
    for error in (
        InvalidRequestError,
        MissingFigureError,
        TariffNotInForceError,
        UnknownCategoryError,
    ):
        assert issubclass(error, TariffError)
