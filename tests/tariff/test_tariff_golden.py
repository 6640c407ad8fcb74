"""Golden bills: hand-computed expectations for the tariff engine, as YAML data.

Every ``tests/tariff/golden/*.yaml`` file is a list of cases. Each figure was worked out by hand
from the OERC order (``shared/seeds/oerc-retail-supply-tariff-2026-27.txt``) and
``shared/tariff/INTERPRETATION.md``; the arithmetic is written in ``basis`` so a reviewer can
check it without running the engine. A case::

    - name: domestic 250 units, 1 kW default         # unique across all files
      basis: "E1 slabs 50x2.90 + 150x4.70 + 50x5.70; F1 fixed 20; F5 meter rent 40; R1 10p x 250"
      request: {category: "1.b", month: "2026-05", units: 250}   # BillRequest fields
      expect:
        lines:                       # every charge line, in order: [code, quantity, amount]
          - [energy, "50", "145.00"]
        charges_total: "1195.00"
        electricity_duty: "0.00"     # electricity_duty.amount
        rebates: {prompt_payment: "25.00", digital: "47.80", ebill: "10.00", prepaid: "47.80"}
        payable_by_due_date: "1170.00"
        payable_after_due_date: "1195.00"
        # optional keys:
        counted: [prompt_payment]    # exactly the rebates whose `counted` flag is set
        late_payment: "12.34"        # the DPS amount; "none" asserts there is none
        billed_as: "1.b"             # the category whose tariff applied
        load_factor_percent: "75.00"
        notes_include: [default_contract_demand]   # note codes that must be present
        notes_exclude: [tod_no_split]              # note codes that must be absent
        assumptions_include: [billing_demand_floor_percent]
        duty: {status: included, rate_percent: "4", base: "1135.00", approximate: true}

Comparison rules: every amount is a string with two decimals and must match the engine's
serialised amount exactly. ``rebates`` lists every rebate option offered, no more, no fewer
(``{}`` for none). A line quantity written without a decimal point must equal the engine's
quantity exactly; one written with decimals (``"4666666.67"``) is compared after rounding the
engine's quantity half-up to that many places, since graded load-factor splits are not whole.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from tariff_core import BillEstimate, estimate

GOLDEN_DIR = Path(__file__).parent / "golden"
_CASE_KEYS = {"name", "basis", "request", "expect"}
_REQUIRED_EXPECT = {
    "lines",
    "charges_total",
    "electricity_duty",
    "rebates",
    "payable_by_due_date",
    "payable_after_due_date",
}
_OPTIONAL_EXPECT = {
    "counted",
    "late_payment",
    "billed_as",
    "load_factor_percent",
    "notes_include",
    "notes_exclude",
    "assumptions_include",
    "duty",
}
#: The electricity-duty fields a case may pin (INTERPRETATION D3), each compared as a string.
_DUTY_KEYS = {"status", "rate_percent", "base", "approximate", "confidence"}


def _load_cases() -> list[Any]:
    params = []
    seen: set[str] = set()
    for path in sorted(GOLDEN_DIR.glob("*.yaml")):
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(cases, list), f"{path.name}: a golden file is a list of cases"
        for case in cases:
            assert set(case) == _CASE_KEYS, f"{path.name}: {case.get('name')}: keys {set(case)}"
            name = case["name"]
            assert name not in seen, f"duplicate golden case name {name!r}"
            seen.add(name)
            keys = set(case["expect"])
            assert keys >= _REQUIRED_EXPECT, f"{name}: missing {_REQUIRED_EXPECT - keys}"
            assert keys <= _REQUIRED_EXPECT | _OPTIONAL_EXPECT, f"{name}: unknown keys"
            params.append(pytest.param(case, id=f"{path.stem}: {name}"))
    return params


CASES = _load_cases()


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _quantity_matches(actual: Decimal, expected: str) -> bool:
    wanted = Decimal(expected)
    if "." not in expected:
        return actual == wanted
    return actual.quantize(wanted, rounding=ROUND_HALF_UP) == wanted


def _check(est: BillEstimate, expect: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    got_lines = [[ln.code, str(ln.quantity), _money(ln.amount)] for ln in est.lines]
    want_lines = [[str(x) for x in row] for row in expect["lines"]]
    same = len(got_lines) == len(want_lines) and all(
        g[0] == w[0] and _quantity_matches(Decimal(g[1]), w[1]) and g[2] == w[2]
        for g, w in zip(got_lines, want_lines, strict=True)
    )
    if not same:
        problems.append(f"lines: got {got_lines}, want {want_lines}")
    for key in ("charges_total", "payable_by_due_date", "payable_after_due_date"):
        got = _money(getattr(est, key))
        if got != expect[key]:
            problems.append(f"{key}: got {got}, want {expect[key]}")
    duty = _money(est.electricity_duty.amount)
    if duty != expect["electricity_duty"]:
        problems.append(f"electricity_duty: got {duty}, want {expect['electricity_duty']}")
    got_rebates = {r.code: _money(r.amount) for r in est.rebates}
    if got_rebates != (expect["rebates"] or {}):
        problems.append(f"rebates: got {got_rebates}, want {expect['rebates']}")
    if "counted" in expect:
        got_counted = sorted(r.code for r in est.rebates if r.counted)
        if got_counted != sorted(expect["counted"]):
            problems.append(f"counted: got {got_counted}, want {sorted(expect['counted'])}")
    if "late_payment" in expect:
        late = est.late_payment
        got_late = "none" if late is None else _money(late.amount)
        if got_late != expect["late_payment"]:
            problems.append(f"late_payment: got {got_late}, want {expect['late_payment']}")
    if "billed_as" in expect and est.billed_as.id != expect["billed_as"]:
        problems.append(f"billed_as: got {est.billed_as.id}, want {expect['billed_as']}")
    if "load_factor_percent" in expect:
        lf = est.load_factor_percent
        got_lf = None if lf is None else f"{lf:.2f}"
        if got_lf != expect["load_factor_percent"]:
            problems.append(
                f"load_factor_percent: got {got_lf}, want {expect['load_factor_percent']}"
            )
    problems.extend(_duty_problems(est, expect.get("duty", {})))
    codes = {n.code for n in est.notes}
    missing = set(expect.get("notes_include", [])) - codes
    if missing:
        problems.append(f"notes missing {sorted(missing)} (have {sorted(codes)})")
    unwanted = set(expect.get("notes_exclude", [])) & codes
    if unwanted:
        problems.append(f"notes present but excluded: {sorted(unwanted)}")
    missing_assumptions = set(expect.get("assumptions_include", [])) - set(est.assumptions)
    if missing_assumptions:
        problems.append(f"assumptions missing {sorted(missing_assumptions)}")
    return problems


def _duty_problems(est: BillEstimate, wanted: dict[str, Any]) -> list[str]:
    assert set(wanted) <= _DUTY_KEYS, f"unknown duty keys {set(wanted) - _DUTY_KEYS}"
    duty = est.electricity_duty
    got = {
        "status": str(duty.status),
        "rate_percent": None if duty.rate_percent is None else f"{duty.rate_percent.normalize():f}",
        "base": None if duty.base is None else _money(duty.base),
        "approximate": duty.approximate,
        "confidence": None if duty.confidence is None else str(duty.confidence),
    }
    return [
        f"duty.{key}: got {got[key]!r}, want {value!r}"
        for key, value in wanted.items()
        if got[key] != value
    ]


@pytest.mark.parametrize("case", CASES)
def test_golden_bill(case: dict[str, Any]) -> None:
    est = estimate(case["request"])
    problems = _check(est, case["expect"])
    assert not problems, f"{case['name']} ({case['basis']}):\n  " + "\n  ".join(problems)


def test_golden_covers_every_category() -> None:
    categories = {str(p.values[0]["request"]["category"]) for p in CASES}  # type: ignore[index]
    wanted = {"1.a", "1.b"} | {str(n) for n in range(2, 37)}
    assert wanted <= categories, f"no golden case for {sorted(wanted - categories)}"


def test_golden_has_enough_cases() -> None:
    assert len(CASES) >= 80
