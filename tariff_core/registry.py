"""The tariff data in force: every order file and the electricity-duty file, chosen by month."""

from __future__ import annotations

import datetime as dt
import difflib
import threading
from dataclasses import dataclass
from pathlib import Path

from tariff_core.errors import TariffDataError, TariffNotInForceError, UnknownCategoryError
from tariff_core.loader import load_model
from tariff_core.schema import (
    Category,
    DutyNotLevied,
    DutyRate,
    ElectricityDutyData,
    TariffOrder,
)

#: Where the packaged data files live.
DATA_DIR = Path(__file__).parent / "data"
#: Tariff order files are named like this; the duty file is separate.
ORDER_GLOB = "oerc-rst-*.yaml"
DUTY_FILE = "electricity-duty.yaml"


@dataclass(frozen=True)
class Tariff:
    """All tariff orders known, oldest first, and the electricity-duty rates."""

    orders: tuple[TariffOrder, ...]
    duty: ElectricityDutyData

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> Tariff:
        """Load and validate every data file in ``data_dir``."""
        files = sorted(data_dir.glob(ORDER_GLOB))
        if not files:
            raise TariffDataError(str(data_dir), "", f"no tariff order files ({ORDER_GLOB})")
        orders = sorted(
            (load_model(path, TariffOrder) for path in files),
            key=lambda order: order.order.effective_from,
        )
        starts = [o.order.effective_from for o in orders]
        if len(set(starts)) != len(starts):
            raise TariffDataError(str(data_dir), "order.effective_from", "two orders share a date")
        duty = load_model(data_dir / DUTY_FILE, ElectricityDutyData)
        known = {cid for order in orders for cid in order.categories}
        for start, version in duty.versions.items():
            entries = [("rates", i, r.categories) for i, r in enumerate(version.rates)]
            entries += [("not_levied", i, n.categories) for i, n in enumerate(version.not_levied)]
            for key, index, categories in entries:
                unknown = sorted(set(categories) - known)
                if unknown:
                    raise TariffDataError(
                        DUTY_FILE,
                        f"versions.{start.isoformat()}.{key}.{index}.categories",
                        f"unknown categories {unknown}",
                    )
        return cls(orders=tuple(orders), duty=duty)

    def order_for(self, month: dt.date) -> TariffOrder:
        """The order in force on the first day of ``month`` (INTERPRETATION V1)."""
        first_day = month.replace(day=1)
        chosen: TariffOrder | None = None
        for order in self.orders:
            if order.order.effective_from <= first_day:
                chosen = order
        if chosen is None:
            earliest = self.orders[0].order.effective_from.isoformat()
            raise TariffNotInForceError(first_day.strftime("%Y-%m"), earliest)
        return chosen

    def duty_rate(self, category_id: str, month: dt.date) -> DutyRate | None:
        """The sourced duty rate for a category in a month, if any."""
        return self.duty.rate_for(category_id, month)

    def duty_not_levied(self, category_id: str, month: dt.date) -> DutyNotLevied | None:
        """Why a category bears no duty in a month, when the duty data says it bears none."""
        return self.duty.not_levied_for(category_id, month)


def resolve_category(order: TariffOrder, key: str) -> tuple[str, Category]:
    """Find a category by serial number (``1.b``, ``23``) or slug (``domestic``)."""
    wanted = key.strip().lower()
    if wanted in order.categories:
        return wanted, order.categories[wanted]
    for cid, category in order.categories.items():
        if category.slug == wanted:
            return cid, category
    names = list(order.categories) + [c.slug for c in order.categories.values()]
    raise UnknownCategoryError(key, difflib.get_close_matches(wanted, names, n=3, cutoff=0.6))


# The packaged data once loaded, and the lock held while it loads: a web worker's first turns
# arrive together, and each would otherwise parse every YAML file itself.
_packaged: Tariff | None = None
_loading_packaged = threading.Lock()


def default_tariff() -> Tariff:
    """The packaged tariff data, loaded once (threads that ask meanwhile wait for that load)."""
    global _packaged
    if _packaged is None:
        with _loading_packaged:
            if _packaged is None:
                _packaged = Tariff.load()
    return _packaged
