"""Next year's order is a data file plus golden bills, not code.

``orders/oerc-rst-2027-28.yaml`` is a made-up 2027-28 order (new date, changed Domestic rates
and e-bill discount, the March special rebate withdrawn). Put next to the packaged files, the
registry picks the order by the consumption month (INTERPRETATION V1) and the engine bills each
month by its own order; ``orders/golden-next-order.yaml`` holds the bills, worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from tariff_core import Tariff, estimate
from tariff_core.registry import DATA_DIR

HERE = Path(__file__).parent / "orders"
CASES = yaml.safe_load((HERE / "golden-next-order.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def two_orders(tmp_path_factory: pytest.TempPathFactory) -> Tariff:
    """The packaged data plus the made-up 2027-28 order, in one directory."""
    target = tmp_path_factory.mktemp("two-orders")
    for source in DATA_DIR.glob("*.yaml"):
        shutil.copy(source, target / source.name)
    shutil.copy(HERE / "oerc-rst-2027-28.yaml", target / "oerc-rst-2027-28.yaml")
    return Tariff.load(target)


def test_the_month_picks_the_order(two_orders: Tariff) -> None:
    def start(month: dt.date) -> dt.date:
        return two_orders.order_for(month).order.effective_from

    assert start(dt.date(2027, 3, 31)) == dt.date(2026, 4, 1)
    assert start(dt.date(2027, 4, 1)) == dt.date(2027, 4, 1)
    assert start(dt.date(2030, 1, 1)) == dt.date(2027, 4, 1)
    assert two_orders.order_for(dt.date(2027, 5, 1)).provisions.march_special is None


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_bill_of_either_order(two_orders: Tariff, case: dict[str, Any]) -> None:
    est = estimate(case["request"], two_orders)
    want = case["expect"]
    got_lines = [[ln.code, f"{ln.quantity.normalize():f}", f"{ln.amount:.2f}"] for ln in est.lines]
    assert got_lines == want["lines"], case["basis"]
    assert f"{est.charges_total:.2f}" == want["charges_total"], case["basis"]
    assert f"{est.electricity_duty.amount:.2f}" == want["electricity_duty"], case["basis"]
    assert {r.code: f"{r.amount:.2f}" for r in est.rebates} == want["rebates"], case["basis"]
    assert f"{est.payable_by_due_date:.2f}" == want["payable_by_due_date"], case["basis"]
    assert f"{est.payable_after_due_date:.2f}" == want["payable_after_due_date"], case["basis"]


def test_the_packaged_data_alone_still_bills_2027_by_the_2026_order() -> None:
    """Guard: without the new file, May 2027 is billed at the 2026-27 rates (first slab 2.90)."""
    est = estimate({"category": "1.b", "month": "2027-05", "units": 250})
    assert est.lines[0].rate == Decimal("2.90")
