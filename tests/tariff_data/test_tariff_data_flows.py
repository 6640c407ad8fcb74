"""A changed figure in the tariff data reaches the CLI and the bot's reply, with no code change.

The packaged data is copied to a temporary directory and three figures are changed there: a
rate (Domestic's first slab, 290 -> 310 paise), a limit (that slab's upper bound, 50 -> 60 units)
and a date (ToD from 1 July -> 1 June 2026). ``python -m tariff_core --data DIR`` and the
conversation engine (through :func:`bot.tariff_source.tariff_in_use`) must then show each one,
and the packaged data must still show the old figures, so a test that passed by ignoring the
copy would fail here.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from bot.conversation import Inbound, handle
from bot.tariff_source import tariff_in_use
from tariff_core import Tariff
from tariff_core.registry import DATA_DIR

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 6, 10, 12, 0, tzinfo=dt.UTC)
JUNE = dt.date(2026, 6, 1)
CHANGES = {
    "- {up_to: 50, paise_per_kwh: 290.00}": "- {up_to: 60, paise_per_kwh: 310.00}",
    "      2026-07-01:\n        reference: Note (ix)": (
        "      2026-06-01:\n        reference: Note (ix)"
    ),
    "fixed_monthly: {rupees_per_month: 70, max_units: 30,": (
        "fixed_monthly: {rupees_per_month: 80, max_units: 40,"
    ),
}


@pytest.fixture(scope="module")
def changed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the packaged data with a rate, a limit and a date changed."""
    target = tmp_path_factory.mktemp("tariff-data")
    for source in DATA_DIR.glob("*.yaml"):
        shutil.copy(source, target / source.name)
    order = next(target.glob("oerc-rst-2026-27.yaml"))
    text = order.read_text(encoding="utf-8")
    for old, new in CHANGES.items():
        assert text.count(old) == 1, f"the packaged data no longer holds {old!r}: update the test"
        text = text.replace(old, new)
    order.write_text(text, encoding="utf-8")
    return target


def _cli(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "tariff_core", *args, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _energy_rows(est: dict[str, object]) -> list[tuple[str, str, str]]:
    lines = est["lines"]
    assert isinstance(lines, list)
    return [(ln["quantity"], ln["rate"], ln["amount"]) for ln in lines if ln["code"] == "energy"]


def test_a_changed_rate_and_limit_reach_the_cli(changed_dir: Path) -> None:
    request = ["estimate", "--category", "1.b", "--units", "100", "--month", "2026-06"]
    changed = _cli("--data", str(changed_dir), *request)
    packaged = _cli(*request)
    # 60 x 3.10 = 186.00, then 40 x 4.70 = 188.00 (packaged: 50 x 2.90, 50 x 4.70)
    assert _energy_rows(changed) == [("60", "3.1", "186.00"), ("40", "4.7", "188.00")]
    assert _energy_rows(packaged) == [("50", "2.9", "145.00"), ("50", "4.7", "235.00")]


def test_a_changed_date_reaches_the_cli(changed_dir: Path) -> None:
    """ToD from 1 June in the copy: a June bill of a qualifying connection has ToD lines."""
    request = [
        "estimate",
        "--category",
        "2",
        "--load",
        "12",
        "--meter",
        "three-phase-lt-ct",
        "--units",
        "1000",
        "--solar-units",
        "200",
        "--month",
        "2026-06",
    ]
    changed = _cli(*request, "--data", str(changed_dir))  # the flag after the command works too
    packaged = _cli(*request)
    assert [ln["code"] for ln in changed["lines"] if ln["code"] == "tod"] == ["tod"]  # type: ignore[union-attr]
    assert not [ln for ln in packaged["lines"] if ln["code"] == "tod"]  # type: ignore[union-attr]


def _reply(body: str) -> str:
    turn = handle(None, Inbound("whatsapp", body), now=NOW, month=JUNE)
    return "\n".join(turn.replies)


def test_the_changes_reach_the_bots_reply(changed_dir: Path) -> None:
    packaged_estimate = _reply("domestic 100 units 1 kW")
    packaged_tod = _reply("what is time of day tariff?")
    with tariff_in_use(Tariff.load(changed_dir)):
        changed_estimate = _reply("domestic 100 units 1 kW")
        changed_tod = _reply("what is time of day tariff?")
    # Energy 186 + 188 = 374 in the copy, 145 + 235 = 380 in the packaged data.
    assert "374.00" in changed_estimate, changed_estimate
    assert "380.00" in packaged_estimate, packaged_estimate
    assert "1 June 2026" in changed_tod, changed_tod
    assert "1 July 2026" not in changed_tod, changed_tod
    assert "1 July 2026" in packaged_tod, packaged_tod


def test_the_copy_is_what_changed(changed_dir: Path) -> None:
    """Guard: the copy loads, and differs from the packaged data exactly where the test says."""
    slab = Tariff.load(changed_dir).order_for(JUNE).categories["1.b"].energy.slabs[0]
    assert (slab.up_to, slab.paise) == (Decimal(60), Decimal(310))


def test_kutir_jyotis_limit_and_charge_reach_the_bots_words(changed_dir: Path) -> None:
    """Messages quote Kutir Jyoti's limit and fixed bill from the data, never from the catalog."""
    packaged = _reply("my kutir jyoti connection used 35 units this month")
    with tariff_in_use(Tariff.load(changed_dir)):
        changed = _reply("my kutir jyoti connection used 35 units this month")
        changed_tips = handle(
            handle(
                None,
                Inbound("whatsapp", "my kutir jyoti connection used 35 units this month"),
                now=NOW,
                month=JUNE,
            ).session,
            Inbound("whatsapp", "tips"),
            now=NOW,
            month=JUNE,
        ).replies
    assert "Above 30 units" in packaged, packaged  # 35 > 30: billed as domestic
    assert "Above" not in changed, changed  # 35 <= 40 in the copy: the fixed bill
    assert "₹80.00" in changed, changed
    tips = "\n".join(changed_tips)
    assert "40 units" in tips, tips
    assert "₹80.00" in tips, tips
    assert "30 units" not in tips, tips
