"""The columns of a batch file: which input columns make a bill request, and the output's.

An input file names its columns as the fields of the API's bill request (:class:`BillRequest`:
``category``, ``units``, ``month``, ``contract_demand``, the flags...), plus
``previous_reading`` and ``present_reading`` for units read off a meter. Names are matched
without regard to case, surrounding spaces, or spaces and hyphens instead of underscores
(``Contract Demand`` is ``contract_demand``). Every other column is copied to the output and
otherwise ignored.

The output header is fixed before the first row is read, so that every row has the same
columns however it was billed: the input columns in their order, then :data:`OUTPUT_COLUMNS`,
one per line code and rebate code the engine can produce (see :mod:`tariff_core.codes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from tariff_core import BillRequest, LineCode, RebateCode

__all__ = [
    "CATEGORY",
    "CHARGE_COLUMNS",
    "INPUT_COLUMNS",
    "OUTPUT_COLUMNS",
    "PRESENT_READING",
    "PREVIOUS_READING",
    "REBATE_COLUMNS",
    "BatchHeaderError",
    "BatchLayout",
    "column_key",
]

CATEGORY: Final = "category"
PREVIOUS_READING: Final = "previous_reading"
PRESENT_READING: Final = "present_reading"
#: Every input column that means something: the bill request's fields and the two readings.
INPUT_COLUMNS: Final[tuple[str, ...]] = (
    *BillRequest.model_fields,
    PREVIOUS_READING,
    PRESENT_READING,
)

#: One column per kind of charge line: the sum of that kind's lines (every slab of the energy
#: charge, both parts of the fixed charge...).
CHARGE_COLUMNS: Final = tuple(f"charge_{code.value}" for code in LineCode)
#: One column per rebate: the amount the payable-by-due-date figure subtracts for it (0.00
#: when the estimate offers it only as an option the consumer has not taken).
REBATE_COLUMNS: Final = tuple(f"rebate_{code.value}" for code in RebateCode)
#: Added after the input columns, in this order (see :func:`bot.batch.rows.figures`).
OUTPUT_COLUMNS: Final[tuple[str, ...]] = (
    "billed_as",
    "units_billed",
    *CHARGE_COLUMNS,
    "charges_total",
    "duty",
    "duty_status",
    *REBATE_COLUMNS,
    "late_payment_surcharge",
    "payable_by_due_date",
    "payable_after_due_date",
    "error",
)

_KNOWN: Final = frozenset(INPUT_COLUMNS)
_OUTPUT: Final = frozenset(OUTPUT_COLUMNS)


def column_key(name: str) -> str:
    """The name a header cell is matched by: ``" Contract-Demand "`` is ``contract_demand``.

    A byte-order mark is dropped too, for text decoded without ``utf-8-sig``.
    """
    return name.strip().lstrip("\ufeff").strip().lower().replace(" ", "_").replace("-", "_")


class BatchHeaderError(ValueError):
    """The file's header cannot be used: no header, no ``category`` column, a column twice.

    The message says what to change in the file.
    """


@dataclass(frozen=True, slots=True)
class BatchLayout:
    """Where each input column goes, decided once from the header."""

    #: The header as the file gives it.
    header: tuple[str, ...]
    #: Indexes of the input columns copied to the output, in order.
    kept: tuple[int, ...]
    #: ``(column key, index)`` of each request field or reading the header names.
    fields: tuple[tuple[str, int], ...]

    @classmethod
    def from_header(cls, header: Sequence[str]) -> BatchLayout:
        """The layout for ``header``, or :class:`BatchHeaderError` saying what to fix."""
        if not any(cell.strip().lstrip("\ufeff") for cell in header):
            raise BatchHeaderError(
                "the file has no header: its first line must name the columns "
                "(category, units or previous_reading and present_reading, month, ...)"
            )
        keys = [column_key(cell) for cell in header]
        fields: dict[str, int] = {}
        for index, key in enumerate(keys):
            if key not in _KNOWN:
                continue
            if key in fields:
                raise BatchHeaderError(
                    f"columns {fields[key] + 1} and {index + 1} are both {key}: keep one of them"
                )
            fields[key] = index
        if CATEGORY not in fields:
            raise BatchHeaderError(
                "the file has no category column: name one column category (and give units, "
                "or previous_reading and present_reading, and month)"
            )
        # A column named like an output column (a file that is itself a batch's output, run
        # again) is replaced by the new figure rather than kept beside it under the same name.
        kept = tuple(index for index, key in enumerate(keys) if key not in _OUTPUT)
        return cls(header=tuple(header), kept=kept, fields=tuple(fields.items()))

    @property
    def output_header(self) -> list[str]:
        """The output's header: the kept input columns as given, then :data:`OUTPUT_COLUMNS`."""
        return [*(self.header[index] for index in self.kept), *OUTPUT_COLUMNS]
