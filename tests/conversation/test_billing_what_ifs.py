"""Billing computes each what-if alone, once per turn, and agrees with tariff_core.compare.

The summary shows one tip, so Billing.what_if computes only the scenario that tip needs, and
every estimate of a turn is made once. These tests hold both to the engine: what_if gives
compare()'s differences for every scenario it has (and None for the ones it has not), and a
turn's repeated estimates are the same object, not a second computation.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bot.conversation.billing as billing_module
from bot.conversation.billing import Billing
from bot.conversation.session import Answers, Session
from bot.tariff_source import active_tariff
from tariff_core import Tariff, TariffError, compare

SCENARIOS = ("late", "digital", "ebill", "prepaid", "solar_shift")
TARIFF = active_tariff()
JULY = dt.date(2026, 7, 1)


def _billable(category: str) -> bool:
    """Whether a plain bill (250 units, 5 of demand) can be made for ``category``: the
    property below would learn nothing from answers the engine refuses."""
    request = {"category": category, "month": JULY, "units": Decimal(250)}
    try:
        compare({**request, "contract_demand": Decimal(5)}, TARIFF)
    except TariffError:
        return False
    return True


BILLABLE = [c for c in sorted(TARIFF.order_for(JULY).categories) if _billable(c)]


def billing(answers: Answers, month: dt.date) -> Billing:
    return Billing(Session(answers=answers), month, TARIFF.order_for(month), TARIFF)


def some_units(high: int) -> st.SearchStrategy[Decimal | None]:
    return st.one_of(st.none(), st.integers(min_value=0, max_value=high).map(Decimal))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    category=st.sampled_from(BILLABLE),
    month=st.sampled_from([dt.date(2026, 5, 1), JULY, dt.date(2027, 1, 1)]),
    units=st.integers(min_value=0, max_value=5_000).map(Decimal),
    demand=st.sampled_from([None, Decimal(1), Decimal(5), Decimal(5), Decimal(120)]),
    solar=some_units(3000),
    peak=some_units(3000),
    rural=st.booleans(),
    ebill=st.booleans(),
    smart_meter=st.one_of(st.none(), st.booleans()),
)
def test_what_if_agrees_with_compare(
    category: str,
    month: dt.date,
    units: Decimal,
    demand: Decimal | None,
    solar: Decimal | None,
    peak: Decimal | None,
    rural: bool,
    ebill: bool,
    smart_meter: bool | None,
) -> None:
    answers = Answers(
        category=category,
        units=units,
        demand=demand,
        solar_units=solar,
        peak_units=peak,
        rural=rural,
        ebill=ebill,
        smart_meter=smart_meter,
    )
    bill = billing(answers, month)
    try:
        expected = {s.code: s.difference for s in compare(bill.request(), TARIFF).scenarios}
    except TariffError:
        return  # answers the engine refuses: there is nothing to compare
    assert {code: bill.what_if(code) for code in SCENARIOS} == {
        code: expected.get(code) for code in SCENARIOS
    }


def test_an_unknown_what_if_is_refused() -> None:
    bill = billing(Answers(category="1.b", units=Decimal(250)), dt.date(2026, 5, 1))
    with pytest.raises(ValueError, match="no what-if"):
        bill.what_if("cheaper")


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every request the engine is asked to estimate, counting from a process with no earlier
    turn's estimates kept."""
    requests: list[object] = []
    real = billing_module.estimate

    def counted(request: object, tariff: object = None) -> object:
        requests.append(request)
        return real(request, tariff)  # type: ignore[arg-type]

    monkeypatch.setattr(billing_module, "estimate", counted)
    billing_module.SHARED_ESTIMATES.clear()
    return requests


def test_a_turn_estimates_each_request_once(made: list[object]) -> None:
    bill = billing(Answers(category="1.b", units=Decimal(250)), dt.date(2026, 5, 1))
    first = bill.estimate()
    assert bill.estimate() is first
    assert bill.try_estimate() is first
    assert bill.request_problem() is None
    assert bill.what_if("late") == bill.what_if("late")
    assert len(made) == 2  # the bill and its late twin

    # New answers make a new bill; "250" and "250.0" are different requests to print.
    bill.session.answers.units = Decimal("250.0")
    assert bill.estimate() is not first
    assert len(made) == 3


def test_a_refused_request_is_refused_again_without_recomputing(made: list[object]) -> None:
    bill = billing(Answers(category="1.b", units=Decimal(-5)), dt.date(2026, 5, 1))
    for _ in range(3):
        with pytest.raises(TariffError):
            bill.estimate()
    assert bill.try_estimate() is None
    assert bill.request_problem() is not None
    assert len(made) == 1


def test_later_turns_reuse_an_estimate_and_refusals_are_made_again(made: list[object]) -> None:
    may = dt.date(2026, 5, 1)
    first = billing(Answers(category="1.b", units=Decimal(250)), may).estimate()
    again = billing(Answers(category="1.b", units=Decimal(250)), may).estimate()  # next turn
    assert again is first
    assert len(made) == 1
    assert billing(Answers(category="1.b", units=Decimal(251)), may).estimate() is not first
    assert len(made) == 2
    for _ in range(2):  # a refusal is not kept: each turn makes (and raises) it anew
        with pytest.raises(TariffError):
            billing(Answers(category="1.b", units=Decimal(-5)), may).estimate()
    assert len(made) == 4


def test_an_estimate_is_never_reused_under_another_tariff() -> None:
    billing_module.SHARED_ESTIMATES.clear()
    may = dt.date(2026, 5, 1)
    answers = Answers(category="1.b", units=Decimal(250))
    ours = billing(answers, may).estimate()
    other_tariff = Tariff.load()  # the same data, another object: perhaps another directory
    other = Billing(Session(answers=answers), may, other_tariff.order_for(may), other_tariff)
    theirs = other.estimate()
    assert theirs is not ours
    assert theirs == ours


def test_the_shared_estimates_keep_the_most_recently_used() -> None:
    shared = billing_module.SharedEstimates(2)
    made = billing(Answers(category="1.b", units=Decimal(100)), dt.date(2026, 5, 1)).estimate()
    keys = [(("units", str(n)),) for n in range(3)]
    shared.put(TARIFF, keys[0], made)
    shared.put(TARIFF, keys[1], made)
    assert shared.get(TARIFF, keys[0]) is made  # used: now the most recent
    shared.put(TARIFF, keys[2], made)  # one too many: the least recently used goes
    assert shared.get(TARIFF, keys[1]) is None
    assert shared.get(TARIFF, keys[0]) is made
    assert shared.get(TARIFF, keys[2]) is made
    assert shared.get(None, keys[0]) is None
