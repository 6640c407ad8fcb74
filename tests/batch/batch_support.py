"""Helpers for the batch tests: CSV text in, output rows by column name out."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from bot.batch import run_batch


def csv_text(header: Sequence[str], *rows: Sequence[str], line_end: str = "\n") -> str:
    """A CSV file's text, written by the standard library (not by the code under test)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def batch_bytes(data: bytes) -> bytes:
    """``run_batch`` over bytes in memory."""
    sink = io.BytesIO()
    run_batch(io.BytesIO(data), sink)
    return sink.getvalue()


def output_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows (as dicts by column) of a batch's output."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


def run_text(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """Batch ``text`` (UTF-8) and read the output back."""
    return output_rows(batch_bytes(text.encode()).decode())
