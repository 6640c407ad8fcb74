"""The bill the answers make: the request, the estimate and its what-ifs, and the checks that
say when an answer cannot be right for this connection."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final

from bot.conversation.session import Session
from bot.memo import IdentityMemo
from tariff_core import (
    BillEstimate,
    Category,
    Comparison,
    InvalidRequestError,
    MissingFigureError,
    Tariff,
    TariffError,
    TariffOrder,
    compare,
    estimate,
)
from tariff_core.analysis import DEFAULT_DAYS_LATE

#: The request flag each of compare()'s choices sets (the scenario code is the rebate's).
_CHOICE_FLAGS = {"digital": "pays_digitally", "ebill": "ebill", "prepaid": "prepaid"}


#: A request as a key: its fields' names and values (Decimals as text), sorted.
RequestKey = tuple[tuple[str, object], ...]


class SharedEstimates:
    """The estimates of recent turns, shared by every turn of the process (least recently
    used first out).

    An estimate is a function of its request and the tariff alone, and requests recur: every
    home that does not know its load shares the default-load estimate, the offers' what-ifs
    come back with each popular unit figure (100, 150, 200…). Refusals are not kept. Safe
    across threads.
    """

    def __init__(self, size: int) -> None:
        """Keep at most ``size`` estimates (about 10 KB each)."""
        self._memo: IdentityMemo[BillEstimate] = IdentityMemo(size)

    def get(self, tariff: Tariff | None, key: RequestKey) -> BillEstimate | None:
        """The estimate kept for ``key`` under ``tariff``, or None."""
        return self._memo.get((tariff,), key)

    def put(self, tariff: Tariff | None, key: RequestKey, made: BillEstimate) -> None:
        """Keep ``made``, the estimate for ``key`` under ``tariff``."""
        self._memo.put((tariff,), key, made)

    def clear(self) -> None:
        """Forget every estimate."""
        self._memo.clear()


#: Estimates shared by the turns of this process: about 10 MB at most.
SHARED_ESTIMATES: Final = SharedEstimates(1024)


@dataclass
class Billing:
    """Estimates for one session's answers in one consumption month."""

    session: Session
    month: dt.date
    order: TariffOrder
    #: The tariff ``order`` came from; every estimate and what-if uses it (None: the packaged).
    tariff: Tariff | None = None
    #: Every estimate made this turn, by request: a turn asks for the same bill several times
    #: (the summary, its offers, its tips, the checks of an answer), and a Billing lives for
    #: one turn only, so nothing here outlives the answers it was computed from.
    _estimates: dict[RequestKey, BillEstimate | TariffError] = field(
        default_factory=dict, init=False
    )

    def _estimate(self, request: dict[str, Any]) -> BillEstimate:
        """``estimate(request)``, computed once per turn; a refusal is remembered and raised
        again."""
        # A Decimal by its text: Decimal("250") == Decimal("250.0"), but they print
        # differently. Other values (text, flags, dates, counts) as they are.
        key = tuple(
            sorted(
                (name, str(value) if type(value) is Decimal else value)
                for name, value in request.items()
            )
        )
        known = self._estimates.get(key)
        if known is None:
            known = SHARED_ESTIMATES.get(self.tariff, key)
        if known is None:
            try:
                known = estimate(request, self.tariff)
            except TariffError as exc:
                known = exc
            else:
                SHARED_ESTIMATES.put(self.tariff, key, known)
            self._estimates[key] = known
        if isinstance(known, TariffError):
            raise known
        return known

    def category(self) -> Category:
        """The category the user chose."""
        cid = self.session.answers.category
        assert cid is not None
        return self.order.categories[cid]

    def default_demand(self) -> Decimal:
        """The load the engine assumes when the user does not know it (the order's named
        assumption, raised to the category's smallest demand where that is more)."""
        if self.session.answers.demand is None:
            # The estimate of the answers so far assumes the same load (it does not depend on
            # the units), and the turn has usually made it already.
            assumed = _assumed_demand(self.try_estimate())
            if assumed is not None:
                return assumed
        trial = self.try_estimate(
            contract_demand=None, units=Decimal(0), solar_units=Decimal(0), peak_units=Decimal(0)
        )
        assumed = _assumed_demand(trial)
        if assumed is not None:
            return assumed
        return Decimal(str(self.order.assumptions["default_contract_demand"].value))

    def request(self, **override: Any) -> dict[str, Any]:
        """The bill request the answers make (units default to 0 until given)."""
        a = self.session.answers
        request: dict[str, Any] = {
            "category": a.category,
            "month": self.month,
            "units": a.units if a.units is not None else Decimal(0),
            "contract_demand": a.demand,
            "max_demand": a.max_demand,
            "kwh": a.kwh,
            "rural": bool(a.rural),
            "smart_meter": a.smart_meter,
            "ebill": bool(a.ebill),
            "solar_units": a.solar_units or Decimal(0),
            "peak_units": a.peak_units or Decimal(0),
        }
        if self.session.checking and self.session.bill_months:
            # A bill being checked covers the months it prints (M5): its units are judged on them.
            request["months"] = self.session.bill_months
        request.update(override)
        return {k: v for k, v in request.items() if v is not None}

    def estimate(self) -> BillEstimate:
        """The estimate for the answers so far (computed again only when they change)."""
        return self._estimate(self.request())

    def try_estimate(self, **override: Any) -> BillEstimate | None:
        """The estimate with ``override``, or None when it cannot be made."""
        try:
            return self._estimate(self.request(**override))
        except TariffError:
            return None

    def comparison(self) -> Comparison:
        """What-ifs for the tips (late payment, solar shift…), all of them: prefer
        :meth:`what_if`, which computes only the one a reply shows."""
        return compare(self.request(), self.tariff)

    def what_if(self, code: str) -> Decimal | None:
        """The difference one of :func:`~tariff_core.compare`'s scenarios makes to the bill
        (negative saves), computed alone and only when asked; None where compare() has no such
        scenario. ``late``: paid 30 days after the due date; ``digital``, ``ebill``,
        ``prepaid``: a rebate not yet taken; ``solar_shift``: peak-hour units moved to solar
        hours."""
        first = self.estimate()
        baseline = first.payable_by_due_date
        if code == "late":
            late = self._estimate(self.request(days_late=DEFAULT_DAYS_LATE))
            return late.payable_after_due_date - baseline
        if code in _CHOICE_FLAGS:
            option = first.rebate(code)
            if option is None or option.counted:
                return None
            changed = self._estimate(self.request(**{_CHOICE_FLAGS[code]: True}))
            return changed.payable_by_due_date - baseline
        if code == "solar_shift":
            request = self.request()
            peak = request["peak_units"]
            if not peak or not any(line.code == "tod" for line in first.lines):
                return None
            moved = self.request(solar_units=request["solar_units"] + peak, peak_units=Decimal(0))
            return self._estimate(moved).payable_by_due_date - baseline
        raise ValueError(f"no what-if named {code!r}")

    def bill_for_no_units(self) -> Decimal:
        """What the bill comes to with no units used (fixed charges, rent, duty)."""
        trial = self._estimate(
            self.request(units=Decimal(0), solar_units=Decimal(0), peak_units=Decimal(0))
        )
        return trial.charges_total + trial.electricity_duty.amount

    def tod_applies(self, **override: Any) -> bool:
        """Whether time-of-day rates apply to this consumer this month (with ``override``)."""
        trial = self.try_estimate(solar_units=Decimal(0), peak_units=Decimal(0), **override)
        return trial is not None and any(note.code == "tod_no_split" for note in trial.notes)

    def units_problem(self, units: Decimal) -> InvalidRequestError | None:
        """Why ``units`` cannot be billed for this connection, or None."""
        kwh = self.session.answers.kwh
        override: dict[str, Any] = {
            "units": units,
            "solar_units": Decimal(0),
            "peak_units": Decimal(0),
        }
        if kwh is not None and kwh > units:
            override["kwh"] = None
        try:
            self._estimate(self.request(**override))
        except MissingFigureError:
            return None  # a figure still to be asked for, not a problem with the units
        except InvalidRequestError as exc:
            return exc if exc.field == "units" else None
        except TariffError:
            return None
        return None

    def demand_problem(self, demand: Decimal) -> InvalidRequestError | None:
        """Why ``demand`` cannot be this connection's load or contract demand, or None (the
        tariff data holds each category's range and the largest demand a supply level has)."""
        try:
            self._estimate(
                self.request(
                    contract_demand=demand,
                    units=Decimal(0),
                    max_demand=None,
                    kwh=None,
                    solar_units=Decimal(0),
                    peak_units=Decimal(0),
                )
            )
        except InvalidRequestError as exc:
            return exc if exc.field in ("contract_demand", "max_demand") else None
        except TariffError:
            return None
        return None

    def request_problem(self) -> InvalidRequestError | None:
        """Why the answers so far cannot be billed, or None."""
        try:
            self._estimate(self.request())
        except MissingFigureError:
            return None
        except InvalidRequestError as exc:
            return exc
        except TariffError:
            return None
        return None


def _assumed_demand(estimate: BillEstimate | None) -> Decimal | None:
    """The load ``estimate`` assumed for want of one (its default_contract_demand note)."""
    for note in estimate.notes if estimate is not None else ():
        if note.code == "default_contract_demand" and "demand" in note.params:
            return Decimal(str(note.params["demand"]))
    return None
