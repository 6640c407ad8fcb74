"""The packaged data: complete, referenced, its assumptions named, its versions chosen by date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import BaseModel

from tariff_core.errors import TariffNotInForceError
from tariff_core.registry import DATA_DIR, Tariff, default_tariff
from tariff_core.schema import Dated, TariffOrder

PACKAGE = Path(__file__).parents[2] / "tariff_core"
#: The serial numbers of the schedule of the 2026-27 order.
SERIALS = ["1.a", "1.b", *(str(n) for n in range(2, 37))]


@pytest.fixture(scope="module")
def tariff() -> Tariff:
    return Tariff.load(DATA_DIR)


@pytest.fixture(scope="module")
def order(tariff: Tariff) -> TariffOrder:
    return tariff.order_for(dt.date(2026, 4, 1))


def test_the_packaged_data_loads(tariff: Tariff) -> None:
    assert len(tariff.orders) == 1
    assert tariff.orders[0].order.effective_from == dt.date(2026, 4, 1)
    assert tariff.duty.versions


def test_every_category_of_the_schedule_is_present(order: TariffOrder) -> None:
    assert list(order.categories) == SERIALS
    assert len(order.categories) == 37


def test_every_category_asks_for_units_and_requires_only_what_it_asks(order: TariffOrder) -> None:
    for cid, category in order.categories.items():
        assert category.asks[0].value == "units", cid
        assert set(category.requires) <= set(category.asks), cid


def _decimals(
    node: object, path: str, reference: str | None
) -> Iterator[tuple[str, Decimal, str | None]]:
    """Every Decimal under ``node`` with the nearest ``reference`` at or above it."""
    if isinstance(node, Decimal):
        yield path, node, reference
    elif isinstance(node, Dated):
        for start, value in node.values.items():
            yield from _decimals(value, f"{path}.values.{start}", reference)
    elif isinstance(node, BaseModel):
        own = getattr(node, "reference", None)
        here = own if isinstance(own, str) else reference
        for name in type(node).model_fields:
            yield from _decimals(getattr(node, name), f"{path}.{name}", here)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _decimals(value, f"{path}.{key}", reference)
    elif isinstance(node, tuple):
        for index, value in enumerate(node):
            yield from _decimals(value, f"{path}.{index}", reference)


def test_every_money_value_has_a_reference(order: TariffOrder) -> None:
    seen = 0
    for cid, category in order.categories.items():
        assert category.reference.strip(), cid
        assert category.energy.reference.strip(), cid
        # The category's own reference does not count: each charge names its row or note.
        for name in type(category).model_fields:
            for path, _, reference in _decimals(
                getattr(category, name), f"categories.{cid}.{name}", None
            ):
                seen += 1
                assert (reference or "").strip(), f"{path} has no reference"
    for name in type(order.provisions).model_fields:
        provision = getattr(order.provisions, name)
        for path, _, reference in _decimals(provision, f"provisions.{name}", None):
            seen += 1
            assert (reference or "").strip(), f"{path} has no reference"
        # Each provision has its reference, even one holding no number of its own.
        if isinstance(provision, Dated):
            entries = [v for v in provision.values.values() if v is not None]
        elif isinstance(provision, dict):
            entries = list(provision.values())
        else:
            entries = [provision]
        assert entries, name
        for entry in entries:
            assert entry.reference.strip(), f"provisions.{name} has no reference"
    assert seen > 150


def test_every_duty_rate_has_a_source(tariff: Tariff) -> None:
    categories = set(tariff.orders[-1].categories)
    for start, version in tariff.duty.versions.items():
        for rate in version.rates:
            assert rate.source.strip(), start
            assert set(rate.categories) <= categories, start


#: The values INTERPRETATION.md marks **assumption**, and the data's name for each. A reading
#: the engine follows without a figure to change (E3) is a statement with no value.
INTERPRETATION_ASSUMPTIONS = {
    "load_factor_uses_contract_demand": None,  # E3: contract demand, not recorded, in LF
    "billing_demand_floor_percent": "80",  # F2: billing demand at least 80 % of CD
    "prompt_payment_percent_rebate_dps": "1",  # R2: 1 % Rebate/DPS rebate
    "dps_percent_per_month_other": "1.25",  # D1: 1.25 % a month DPS
    # R4: the digital rebate's base, as the bill lines it is made of (ToD is energy charge)
    "digital_rebate_base": ("energy", "tod", "fixed", "meter_rent"),
}


@pytest.mark.parametrize("name", sorted(INTERPRETATION_ASSUMPTIONS))
def test_interpretation_assumptions_are_named_data(order: TariffOrder, name: str) -> None:
    assumption = order.assumptions[name]
    assert assumption.value == INTERPRETATION_ASSUMPTIONS[name]
    assert len(assumption.statement) >= 10
    assert assumption.basis.strip()


def test_every_assumption_the_engine_names_is_in_the_data(order: TariffOrder) -> None:
    """A data file that loads must not fail later with a KeyError for a missing assumption."""
    pattern = re.compile(r"""\b(?:assume|assumption_value)\(\s*"([a-z0-9_]+)\"""")
    named: set[str] = set()
    for source in PACKAGE.glob("*.py"):
        named |= set(pattern.findall(source.read_text(encoding="utf-8")))
    assert len(named) >= 10
    assert named <= set(order.assumptions), sorted(named - set(order.assumptions))


def test_tod_is_absent_in_june_and_present_from_july(order: TariffOrder) -> None:
    tod = order.provisions.tod
    assert tod.at(dt.date(2026, 6, 1)) is None
    assert tod.at(dt.date(2026, 6, 30)) is None
    july = tod.at(dt.date(2026, 7, 1))
    assert july is not None
    assert (july.solar_factor, july.peak_factor) == (Decimal("0.90"), Decimal("1.10"))
    assert tod.at(dt.date(2027, 3, 1)) == july


def test_the_registry_refuses_a_month_before_the_order(tariff: Tariff) -> None:
    with pytest.raises(TariffNotInForceError, match="2026-03") as caught:
        tariff.order_for(dt.date(2026, 3, 15))
    assert caught.value.earliest == "2026-04-01"


def test_the_registry_picks_the_order_in_force(tariff: Tariff) -> None:
    assert tariff.order_for(dt.date(2027, 1, 1)) is tariff.orders[0]
    assert tariff.order_for(dt.date(2026, 4, 30)) is tariff.orders[0]
    assert default_tariff().order_for(dt.date(2027, 1, 1)).order.effective_from == dt.date(
        2026, 4, 1
    )


def test_floats_are_read_as_exact_decimals(order: TariffOrder) -> None:
    slab = order.categories["1.b"].energy.slabs[0]
    assert slab.paise_per_kwh == Decimal("290.00")
    assert str(slab.paise_per_kwh) == "290.00"
