"""Payment tips that fit one consumer: what each choice saves, and how close the next slab is."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from decimal import Decimal

from bot import messages as m
from bot.i18n.catalogs import Translator
from bot.rendering.estimate import on_time_saving, tod_percentages
from bot.rendering.figures import tariff_figures
from bot.rendering.labels import money, number, percent
from tariff_core import BillEstimate, Comparison, TariffOrder
from tariff_core.analysis import DEFAULT_DAYS_LATE

#: A consumer this close (in units) below a slab's limit hears about it.
NEAR_SLAB_UNITS = Decimal(30)
#: Kutir Jyoti's fixed bill, shown in its tip.
KUTIR_JYOTI = "1.a"

WhatIf = Callable[[str], Decimal | None]
"""A scenario's difference to the bill by its code (``"late"``, ``"solar_shift"``…), None when
there is no such scenario: ``Billing.what_if``, which computes a scenario only when asked."""


def render_tips(
    est: BillEstimate, what_ifs: Comparison | WhatIf, order: TariffOrder, t: Translator
) -> list[str]:
    """Tips ordered by how much they are worth to this consumer."""
    return [text for _code, text in iter_tips(est, what_ifs, order, t)]


def coded_tips(
    est: BillEstimate, what_ifs: Comparison | WhatIf, order: TariffOrder, t: Translator
) -> list[tuple[str, str]]:
    """Tips as (code, text), ordered by how much they are worth: the code says which choice a
    tip is about ("digital", "ebill", "on_time"…), so a reply can avoid saying it twice."""
    return list(iter_tips(est, what_ifs, order, t))


def _lookup(what_ifs: Comparison | WhatIf) -> WhatIf:
    if not isinstance(what_ifs, Comparison):
        return what_ifs
    differences = {s.code: s.difference for s in what_ifs.scenarios}
    return differences.get


def iter_tips(
    est: BillEstimate, what_ifs: Comparison | WhatIf, order: TariffOrder, t: Translator
) -> Iterator[tuple[str, str]]:
    """The tips of :func:`coded_tips`, in the same order, each written (and its what-if
    computed) only when the caller asks for the next: a summary that shows one tip pays for
    that one alone."""
    what_if = _lookup(what_ifs)
    if est.category == KUTIR_JYOTI:
        yield from (("kutir_jyoti", text) for text in _kutir_jyoti(est, order, t))
    # The cheap test first: a bill already paid late needs no what-if.
    late = what_if("late") if est.late_payment is None else None
    if late is not None and late > 0:
        amount = money(late, t)
        yield "on_time", t.format(m.TIP_LATE_COST, days=DEFAULT_DAYS_LATE, amount=amount)
    elif saving := on_time_saving(est):
        yield "on_time", t.format(m.TIP_ON_TIME, amount=money(saving, t))
    # Choices: the rebate itself is the exact saving (payables are rounded to the rupee).
    for code, message in (("digital", m.TIP_DIGITAL), ("prepaid", m.TIP_PREPAID)):
        option = est.rebate(code)
        if option is not None and not option.counted and option.amount:
            rate = percent(Decimal(option.params.get("percent", "0")), t)
            yield code, t.format(message, amount=money(option.amount, t), percent=rate)
    tod_unsplit = any(n.code == "tod_no_split" for n in est.notes)
    solar = what_if("solar_shift")
    if solar is not None and solar < 0:
        figures = tariff_figures(order, t)
        yield "solar_shift", t.format(m.TIP_SOLAR_SHIFT, amount=money(-solar, t), **figures)
    ebill = est.rebate("ebill")
    if ebill is not None and not ebill.counted:
        yield "ebill", t.format(m.TIP_EBILL, amount=money(ebill.amount, t))
    if solar is None and tod_unsplit:
        yield (
            "solar_hours",
            t.format(
                m.TIP_SOLAR_HOURS, **tariff_figures(order, t), **tod_percentages(order, est, t)
            ),
        )
    yield from (("slab", text) for text in _slab_tips(est, order, t))


def _kutir_jyoti(est: BillEstimate, order: TariffOrder, t: Translator) -> list[str]:
    fixed = order.categories[KUTIR_JYOTI].energy.fixed_monthly
    if fixed is None:
        return []
    if est.billed_as.id == KUTIR_JYOTI:
        left = fixed.max_units - est.units
        return [t.format(m.TIP_KUTIR_JYOTI_LEFT, left=number(left, t), **tariff_figures(order, t))]
    return [
        t.format(
            m.TIP_KUTIR_JYOTI_CROSSED,
            **tariff_figures(order, t),
            amount=money(est.charges_total, t),
            fixed=money(fixed.rupees_per_month, t),
        )
    ]


def _slab_tips(est: BillEstimate, order: TariffOrder, t: Translator) -> list[str]:
    category = order.categories[est.billed_as.id]
    slabs = category.energy.slabs
    if len(slabs) < 2 or est.unit != "kWh":
        return []
    units = est.units
    tips = []
    for lower, upper in itertools.pairwise(slabs):
        limit = lower.up_to
        if limit is None:
            continue
        higher_rate = money(upper.paise / 100, t)
        if limit - NEAR_SLAB_UNITS <= units < limit:
            tips.append(
                t.format(
                    m.TIP_NEXT_SLAB,
                    left=number(limit - units, t),
                    limit=number(limit, t),
                    rate=higher_rate,
                )
            )
        elif limit < units <= limit + NEAR_SLAB_UNITS:
            tips.append(
                t.format(
                    m.TIP_ABOVE_SLAB,
                    over=number(units - limit, t),
                    limit=number(limit, t),
                    rate=higher_rate,
                )
            )
    return tips
