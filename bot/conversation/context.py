"""Everything one turn of the conversation works with, and the estimate built from answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bot import messages as m
from bot.conversation.session import Session
from bot.i18n.catalogs import Language, Translator, parse_language
from bot.inbound import Channel
from bot.rendering.estimate import render_rebates
from bot.rendering.labels import number
from bot.rendering.tips import render_tips
from tariff_core import (
    BillEstimate,
    Category,
    InvalidRequestError,
    MissingFigureError,
    TariffError,
    TariffOrder,
    compare,
    default_tariff,
    estimate,
)


@dataclass
class TurnContext:
    """The session being worked on (a copy), the user's language and channel, and the month."""

    session: Session
    channel: Channel
    month: dt.date
    t: Translator = field(init=False)
    order: TariffOrder = field(init=False)
    _estimated: tuple[dict[str, Any], BillEstimate] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.t = Translator.load(self.session.language)
        self.order = default_tariff().order_for(self.month)

    def set_language(self, code: str) -> None:
        """Switch to language ``code`` for this reply and the rest of the conversation."""
        lang: Language = parse_language(code)
        self.session.language = lang
        self.session.language_chosen = True
        self.t = Translator.load(lang)

    # -- the category --------------------------------------------------------------------------
    def category(self) -> Category:
        """The category the user chose."""
        cid = self.session.answers.category
        assert cid is not None
        return self.order.categories[cid]

    def default_demand(self) -> Decimal:
        """The load assumed when the user does not know it."""
        return Decimal(str(self.order.assumptions["default_contract_demand"].value))

    # -- requests and estimates -----------------------------------------------------------------
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
        request.update(override)
        return {k: v for k, v in request.items() if v is not None}

    def estimate(self) -> BillEstimate:
        """The estimate for the answers so far (computed again only when they change)."""
        request = self.request()
        if self._estimated is None or self._estimated[0] != request:
            self._estimated = (request, estimate(request))  # answers changed since: afresh
        return self._estimated[1]

    def bill_for_no_units(self) -> Decimal:
        """What the bill comes to with no units used (fixed charges, rent, duty)."""
        trial = estimate(
            self.request(units=Decimal(0), solar_units=Decimal(0), peak_units=Decimal(0))
        )
        return trial.charges_total + trial.electricity_duty.amount

    def tod_applies(self, **override: Any) -> bool:
        """Whether time-of-day rates apply to this consumer this month (with ``override``)."""
        try:
            trial = estimate(
                self.request(**{"solar_units": Decimal(0), "peak_units": Decimal(0), **override})
            )
        except TariffError:
            return False
        return any(note.code == "tod_no_split" for note in trial.notes)

    def answer_matters(self, **alternatives: Any) -> bool:
        """Whether the estimate differs between the given answers (e.g. smart_meter True and
        False): a question is asked only where its answer changes the bill."""
        bills = set()
        for name, values in alternatives.items():
            for value in values:
                try:
                    trial = estimate(self.request(**{name: value}))
                except TariffError:
                    return True  # cannot tell: ask
                bills.add((trial.charges_total, trial.payable_by_due_date, len(trial.lines)))
        return len(bills) > 1

    def check_units(self, units: Decimal) -> str | None:
        """A re-prompt if ``units`` cannot be right for this connection, else None."""
        kwh = self.session.answers.kwh
        override: dict[str, Any] = {
            "units": units,
            "solar_units": Decimal(0),
            "peak_units": Decimal(0),
        }
        if kwh is not None and kwh > units:
            override["kwh"] = None
        try:
            estimate(self.request(**override))
        except MissingFigureError:
            return None  # a figure still to be asked for, not a problem with the units
        except InvalidRequestError as exc:
            if exc.field == "units":
                return self.t.format(m.UNITS_TOO_HIGH, units=number(units, self.t))
            return None
        except TariffError:
            return None
        return None

    def check_request(self) -> str | None:
        """A re-prompt if the answers so far cannot be billed, else None."""
        try:
            estimate(self.request())
        except InvalidRequestError as exc:
            if exc.field == "kwh":
                value = self.session.answers.kwh or Decimal(0)
                return self.t.format(m.LOAD_TOO_HIGH, value=number(value, self.t))
            return None
        except TariffError:
            return None
        return None

    # -- follow-ups -----------------------------------------------------------------------------
    def tips(self, est: BillEstimate) -> list[str]:
        """Payment tips for this consumer."""
        return render_tips(est, compare(self.request()), self.order, self.t)

    def tips_text(self) -> str:
        """The tips as one message."""
        tips = self.tips(self.estimate())
        return "\n".join([self.t.gettext(m.TIPS_TITLE), *(f"• {tip}" for tip in tips)])

    def rebates_text(self) -> str:
        """Every rebate with its amount."""
        return render_rebates(self.estimate(), self.t)
