"""Batch estimates: a CSV of consumers in, the same rows with their bills' figures out.

Each row's columns are named as the fields of the API's bill request (``category``, ``units``,
``month``, ``contract_demand``, the flags...), with ``previous_reading`` and
``present_reading`` as another way to give the units. The output keeps the input columns and
adds :data:`~bot.batch.columns.OUTPUT_COLUMNS`: every charge line, the duty, the rebates, the
payable figures and ``error``. A bad row gets its message in ``error`` and never stops the
batch; rows stream through one at a time, so a file of any length runs in constant memory.

``bijuli batch IN.csv OUT.csv`` (:mod:`bot.batch.cli`) runs :func:`run_batch` on files. A web
upload can do the same on the uploaded file, or drive :func:`estimate_rows` with its own rows
and a progress callback::

    layout = BatchLayout.from_header(header)           # BatchHeaderError: tell the user
    for row in estimate_rows(RowEstimator(layout), rows, on_progress=show):
        write(row.cells)                               # under layout.output_header
"""

from bot.batch.columns import OUTPUT_COLUMNS, BatchHeaderError, BatchLayout
from bot.batch.rows import BatchRow, CsvProblem, RowEstimator
from bot.batch.stream import (
    BatchProgress,
    BatchSummary,
    ProgressCallback,
    csv_records,
    estimate_rows,
    run_batch,
)

__all__ = [
    "OUTPUT_COLUMNS",
    "BatchHeaderError",
    "BatchLayout",
    "BatchProgress",
    "BatchRow",
    "BatchSummary",
    "CsvProblem",
    "ProgressCallback",
    "RowEstimator",
    "csv_records",
    "estimate_rows",
    "run_batch",
]
