"""One row of a batch file: its cells into a :class:`BillRequest`, its estimate into cells.

A row that cannot be billed gets a message in its ``error`` cell and empty figures; nothing
a row holds stops the batch. Messages are in English (the batch is an operator's tool) and
each says what to change in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bot.batch.columns import OUTPUT_COLUMNS, PRESENT_READING, PREVIOUS_READING, BatchLayout
from tariff_core import (
    BillEstimate,
    BillRequest,
    LineCode,
    RebateCode,
    Tariff,
    TariffError,
    default_tariff,
    estimate,
)

__all__ = ["BatchRow", "CsvProblem", "RowEstimator", "figures"]

#: A value quoted in a message is cut to this many characters.
_SHOWN_LENGTH: Final = 40
#: At most this many of a row's validation problems are named in its error cell.
_PROBLEMS_NAMED: Final = 3
_ZERO: Final = Decimal(0)
#: Empty figures of a row that could not be billed (the error cell is set apart).
_NO_FIGURES: Final = [""] * (len(OUTPUT_COLUMNS) - 1)


@dataclass(frozen=True, slots=True)
class CsvProblem:
    """A line the CSV reader could not split into cells, standing in for its row."""

    message: str


@dataclass(frozen=True, slots=True)
class BatchRow:
    """One output row: the kept input cells, then a value for every output column."""

    cells: list[str]
    error: str


class RowError(Exception):
    """A row that cannot be billed as written; the message goes in its ``error`` cell."""


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _quantity(amount: Decimal) -> str:
    return f"{amount.normalize():f}"


def figures(bill: BillEstimate) -> list[str]:
    """The output cells of a billed row, in the order of ``OUTPUT_COLUMNS`` (error empty)."""
    charges = dict.fromkeys(LineCode, _ZERO)
    for line in bill.lines:
        charges[line.code] += line.amount
    rebates = dict.fromkeys(RebateCode, _ZERO)
    for rebate in bill.rebates:
        if rebate.counted:
            rebates[rebate.code] += rebate.amount
    late = bill.late_payment.amount if bill.late_payment is not None else _ZERO
    return [
        bill.billed_as.id,
        _quantity(bill.units),
        *(_money(amount) for amount in charges.values()),
        _money(bill.charges_total),
        _money(bill.electricity_duty.amount),
        bill.electricity_duty.status.value,
        *(_money(amount) for amount in rebates.values()),
        _money(late),
        _money(bill.payable_by_due_date),
        _money(bill.payable_after_due_date),
        "",
    ]


def _shown(value: Any) -> str:
    """A cell's value quoted for a message, cut short when long."""
    text = str(value)
    if len(text) > _SHOWN_LENGTH:
        text = text[:_SHOWN_LENGTH] + "..."
    return repr(text)


def _problem(error: ErrorDetails) -> str:
    """One validation problem as an instruction about its column."""
    column = ".".join(str(part) for part in error["loc"]) or "row"
    kind = error["type"]
    value = _shown(error.get("input"))
    limits = error.get("ctx") or {}
    if kind == "missing":
        if column == "units":
            return "units is empty: give units, or previous_reading and present_reading"
        if column == "month":
            return "month is empty: give the consumption month as YYYY-MM (like 2026-05)"
        return f"{column} is empty: give it"
    if kind in {"decimal_parsing", "decimal_type", "finite_number", "float_parsing"}:
        return (
            f"{column} {value} is not a number: write digits, with a dot for decimals and "
            "no commas or units (like 1250 or 12.5)"
        )
    if kind in {"int_parsing", "int_from_float", "int_type"}:
        return f"{column} {value} is not a whole number: write it in digits (like 15)"
    if kind == "greater_than_equal":
        return f"{column} {value} is below {limits.get('ge')}: give {limits.get('ge')} or more"
    if kind == "greater_than":
        return (
            f"{column} {value} must be more than {limits.get('gt')}: give more, or leave it empty"
        )
    if kind == "less_than_equal":
        return f"{column} {value} is above {limits.get('le')}: give {limits.get('le')} at most"
    if kind in {"bool_parsing", "bool_type"}:
        return f"{column} {value} is not yes or no: write yes or no (or 1 or 0), or leave it empty"
    if kind == "enum":
        return f"{column} {value} is not one of {limits.get('expected')}: write one of them"
    if kind.startswith(("date_", "datetime_")):
        return f"{column} {value} is not a month: write it as YYYY-MM (like 2026-05)"
    return f"{column} {value}: {error['msg']}"


def _reading(name: str, text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise RowError(f"{name} {_shown(text)} is not a number: write the meter's digits")
    if value < 0:
        raise RowError(f"{name} {_shown(text)} is negative: a meter reading is 0 or more")
    return value


def _units_from_readings(given: dict[str, Any]) -> None:
    """Replace the two readings in ``given`` by the units between them.

    A present reading below the previous one is the row's error rather than a meter that
    rolled over: in a file it is more often two readings swapped or mistyped, and the units
    of a real roll-over can be given as ``units``.
    """
    previous_text = given.pop(PREVIOUS_READING, None)
    present_text = given.pop(PRESENT_READING, None)
    if previous_text is None and present_text is None:
        return
    if previous_text is None or present_text is None:
        raise RowError(
            "give both previous_reading and present_reading, or leave both empty and give units"
        )
    previous = _reading(PREVIOUS_READING, previous_text)
    present = _reading(PRESENT_READING, present_text)
    if present < previous:
        raise RowError(
            f"present_reading {_shown(present_text)} is below previous_reading "
            f"{_shown(previous_text)}: check the two readings; if the meter rolled over, "
            "give units instead"
        )
    units = present - previous
    stated = given.get("units")
    if stated is not None:
        try:
            agrees = Decimal(stated) == units
        except InvalidOperation:
            agrees = False
        if not agrees:
            raise RowError(
                f"units {_shown(stated)} differ from the readings ({_quantity(units)} units): "
                "leave units or the readings empty"
            )
    given["units"] = units


class RowEstimator:
    """Bills rows laid out as ``layout`` says: ``estimator(cells)`` gives the output row."""

    def __init__(
        self,
        layout: BatchLayout,
        *,
        tariff: Tariff | None = None,
        default_month: dt.date | None = None,
    ) -> None:
        self.layout = layout
        self.tariff = tariff or default_tariff()
        #: The month of a row whose month cell is empty (none: such a row is an error).
        self.default_month = default_month
        self._width = len(layout.header)

    def __call__(self, cells: Sequence[str] | CsvProblem) -> BatchRow:
        """The output row for one input row; a bad row gets its message in ``error``."""
        if isinstance(cells, CsvProblem):
            return self._failed([""] * len(self.layout.kept), cells.message)
        count = len(cells)
        kept = [cells[index] if index < count else "" for index in self.layout.kept]
        if count > self._width:
            return self._failed(
                kept,
                f"this row has {count} cells but the header names {self._width} columns: "
                "put quotes around any value that holds a comma",
            )
        try:
            bill = estimate(self.request(cells), self.tariff)
        except (RowError, TariffError) as exc:
            return self._failed(kept, str(exc))
        except Exception as exc:  # one row's defect must not cost the rest of the batch
            return self._failed(
                kept,
                f"internal error ({type(exc).__name__}) while billing this row: please report "
                "it with the row",
            )
        kept.extend(figures(bill))
        return BatchRow(kept, "")

    def request(self, cells: Sequence[str]) -> BillRequest:
        """The bill request a row's cells give (empty cells are fields not given)."""
        count = len(cells)
        given: dict[str, Any] = {}
        for key, index in self.layout.fields:
            if index < count:
                value = cells[index].strip()
                if value:
                    given[key] = value
        _units_from_readings(given)
        if "month" not in given and self.default_month is not None:
            given["month"] = self.default_month
        try:
            return BillRequest.model_validate(given)
        except ValidationError as exc:
            problems = [_problem(error) for error in exc.errors(include_url=False)]
            named = "; ".join(problems[:_PROBLEMS_NAMED])
            more = len(problems) - _PROBLEMS_NAMED
            raise RowError(named + (f"; and {more} more" if more > 0 else "")) from None

    def _failed(self, kept: list[str], message: str) -> BatchRow:
        kept.extend(_NO_FIGURES)
        kept.append(message)
        return BatchRow(kept, message)
