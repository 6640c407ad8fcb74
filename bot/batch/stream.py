"""A batch file streamed from reader to writer, one row at a time, in constant memory.

Two levels, both used by ``bijuli batch`` and meant for the console's upload:

- :func:`estimate_rows`: rows of cells in, :class:`~bot.batch.rows.BatchRow` out, with a
  progress callback; it never holds more than the row in hand.
- :func:`run_batch`: CSV bytes in, CSV bytes out. It reads UTF-8 with or without a byte-order
  mark (Excel's "CSV UTF-8" writes one, and then the output gets one too, so that Excel opens
  it as UTF-8), any line ending, and a comma, semicolon or tab as the header's separator
  shows. Bytes that are not UTF-8 are carried through to the output unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO, Final

from bot.batch.columns import BatchLayout
from bot.batch.rows import BatchRow, CsvProblem, RowEstimator
from tariff_core import Tariff

__all__ = [
    "PROGRESS_EVERY",
    "BatchProgress",
    "BatchSummary",
    "ProgressCallback",
    "csv_records",
    "estimate_rows",
    "run_batch",
]

#: The progress callback is called after every this many rows, and once at the end.
PROGRESS_EVERY: Final = 500
#: Separators recognised from the header (Excel writes a semicolon in some locales).
_SEPARATORS: Final = (",", ";", "\t")
_BOM: Final = "\ufeff"


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """How far a batch has got."""

    rows: int
    errors: int
    #: Bytes of the input read so far, when the input can tell (a file, not a pipe).
    bytes_read: int | None = None


ProgressCallback = Callable[[BatchProgress], None]


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a finished batch did."""

    rows: int
    errors: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        """Rows billed (or refused) per second of the run."""
        return self.rows / self.seconds if self.seconds > 0 else 0.0


def estimate_rows(
    estimator: RowEstimator,
    rows: Iterable[Sequence[str] | CsvProblem],
    on_progress: ProgressCallback | None = None,
) -> Iterator[BatchRow]:
    """Bill each row as it comes; ``on_progress`` hears every :data:`PROGRESS_EVERY` rows.

    Rows whose cells are all empty (the trailing ``,,,`` lines of a spreadsheet) are skipped.
    """
    done = errors = 0
    for cells in rows:
        if not isinstance(cells, CsvProblem) and not any(cell.strip() for cell in cells):
            continue
        row = estimator(cells)
        done += 1
        if row.error:
            errors += 1
        yield row
        if on_progress is not None and done % PROGRESS_EVERY == 0:
            on_progress(BatchProgress(done, errors))
    if on_progress is not None:
        on_progress(BatchProgress(done, errors))


def csv_records(reader: Iterator[list[str]]) -> Iterator[list[str] | CsvProblem]:
    """The reader's rows; a line it cannot split becomes a :class:`CsvProblem`, and the
    reader goes on with the next line."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield CsvProblem(
                f"this line could not be read as CSV ({exc}): check its quote marks and "
                "that it has no very long cell"
            )


def _separator(header_line: str) -> str:
    """The separator that splits the header into the most columns (a comma on a tie)."""

    def width(separator: str) -> int:
        return len(next(csv.reader([header_line], delimiter=separator), []))

    return max(_SEPARATORS, key=width)


def run_batch(
    source: BinaryIO,
    sink: BinaryIO,
    *,
    tariff: Tariff | None = None,
    default_month: dt.date | None = None,
    on_progress: ProgressCallback | None = None,
) -> BatchSummary:
    """Bill every row of the CSV in ``source`` and write the result to ``sink``.

    Raises :class:`~bot.batch.columns.BatchHeaderError` (before writing anything) when the
    header is missing or has no ``category`` column. Neither stream is closed.
    """
    started = time.perf_counter()
    # surrogateescape: a byte that is not UTF-8 (a name typed in an old code page) passes
    # through to the output as it came, and only a request field holding one is an error.
    text = io.TextIOWrapper(source, encoding="utf-8", errors="surrogateescape", newline="")
    out = io.TextIOWrapper(sink, encoding="utf-8", errors="surrogateescape", newline="")
    try:
        first = text.readline()
        had_bom = first.startswith(_BOM)
        first = first.removeprefix(_BOM)
        separator = _separator(first)
        reader = csv.reader(itertools.chain([first], text), delimiter=separator)
        layout = BatchLayout.from_header(next(reader, []))
        estimator = RowEstimator(layout, tariff=tariff, default_month=default_month)
        if had_bom:
            out.write(_BOM)
        writer = csv.writer(out, delimiter=separator)
        writer.writerow(layout.output_header)
        report = None if on_progress is None else _with_position(on_progress, source)
        rows = errors = 0
        for row in estimate_rows(estimator, csv_records(reader), report):
            writer.writerow(row.cells)
            rows += 1
            errors += bool(row.error)
        out.flush()
    finally:
        # Hand the streams back open: the caller owns them.
        text.detach()
        out.detach()
    return BatchSummary(rows=rows, errors=errors, seconds=time.perf_counter() - started)


def _with_position(on_progress: ProgressCallback, source: BinaryIO) -> ProgressCallback:
    """``on_progress`` told how many bytes of ``source`` are read, when it can tell."""

    def position() -> int | None:
        try:
            return source.tell()
        except (OSError, ValueError):
            return None  # a pipe: no position

    if position() is None:
        return on_progress
    return lambda progress: on_progress(replace(progress, bytes_read=position()))
