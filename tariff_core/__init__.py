"""tariff_core: the OERC Retail Supply Tariff as dated data, and an engine that itemises bills.

The public surface::

    from tariff_core import BillRequest, estimate
    est = estimate(BillRequest(category="1.b", month="2026-05", units=250))

It imports nothing from ``bot``, reads no environment and never reads the clock: the month is
always a parameter.
"""

from tariff_core.analysis import (
    Comparison,
    Readings,
    ReverseEstimate,
    Scenario,
    compare,
    units_for_bill,
    units_from_readings,
)
from tariff_core.check import BillCheck, BillCheckRequest, PrintedAmounts, check_bill
from tariff_core.codes import Ask, LineCode, NoteCode, RebateCode
from tariff_core.engine import estimate
from tariff_core.errors import (
    InvalidRequestError,
    MissingFigureError,
    TariffDataError,
    TariffError,
    TariffNotInForceError,
    UnknownCategoryError,
)
from tariff_core.models import (
    BillEstimate,
    BillRequest,
    CgpScheme,
    DutyConfidence,
    DutyStatus,
    ElectricityDuty,
    LatePayment,
    Line,
    MeterType,
    Note,
    NoteKind,
    Payable,
    Phase,
    RebateOption,
    RebateTiming,
)
from tariff_core.registry import Tariff, default_tariff, resolve_category
from tariff_core.schema import Category, TariffOrder, Voltage

__all__ = [
    "Ask",
    "BillCheck",
    "BillCheckRequest",
    "BillEstimate",
    "BillRequest",
    "Category",
    "CgpScheme",
    "Comparison",
    "DutyConfidence",
    "DutyStatus",
    "ElectricityDuty",
    "InvalidRequestError",
    "LatePayment",
    "Line",
    "LineCode",
    "MeterType",
    "MissingFigureError",
    "Note",
    "NoteCode",
    "NoteKind",
    "Payable",
    "Phase",
    "PrintedAmounts",
    "Readings",
    "RebateCode",
    "RebateOption",
    "RebateTiming",
    "ReverseEstimate",
    "Scenario",
    "Tariff",
    "TariffDataError",
    "TariffError",
    "TariffNotInForceError",
    "TariffOrder",
    "UnknownCategoryError",
    "Voltage",
    "check_bill",
    "compare",
    "default_tariff",
    "estimate",
    "resolve_category",
    "units_for_bill",
    "units_from_readings",
]
