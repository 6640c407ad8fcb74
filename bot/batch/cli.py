"""``bijuli batch IN.csv OUT.csv [--month YYYY-MM]``: estimate every row of a CSV file.

``-`` reads standard input or writes standard output. A file is written under a temporary
name beside it and renamed when the batch is done, so an interrupted run never leaves a
half-written OUT.csv. On a terminal, standard error shows a progress bar; a summary line
(rows, rows with errors, seconds) ends every run. Exit status 0 when the batch ran, whatever
its rows held; 2, with one line on standard error, when a file cannot be opened or the
header is missing or has no ``category`` column.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final, TextIO

if TYPE_CHECKING:
    from bot.batch.stream import BatchSummary, ProgressCallback

__all__ = ["register_batch"]

EXIT_BAD_INPUT: Final = 2
#: The file name that means standard input or standard output.
STANDARD_STREAM: Final = "-"


class BatchCommandError(Exception):
    """A file cannot be used; the message is the one line shown."""


def _month(text: str) -> dt.date:
    """An argparse type: a month as YYYY-MM."""
    try:
        return dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month as YYYY-MM") from None


def _open_input(name: str) -> tuple[BinaryIO, int | None]:
    """The input stream and its size in bytes when it is a regular file."""
    if name == STANDARD_STREAM:
        return sys.stdin.buffer, None
    try:
        source = Path(name).open("rb")  # noqa: SIM115 - closed by the caller
    except FileNotFoundError:
        raise BatchCommandError(f"{name}: no such file") from None
    except OSError as exc:
        raise BatchCommandError(f"{name}: cannot be read ({exc.strerror})") from None
    size = os.fstat(source.fileno()).st_size
    return source, size or None


@contextmanager
def _output(name: str, input_name: str) -> Iterator[BinaryIO]:
    """The output stream; a file is written as ``.NAME.part`` and renamed when complete."""
    if name == STANDARD_STREAM:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = Path(name)
    if input_name != STANDARD_STREAM and target.exists() and target.samefile(input_name):
        raise BatchCommandError(f"{name} is the input file: write the output to another file")
    partial = target.with_name(f".{target.name}.part")
    try:
        sink = partial.open("wb")
    except OSError as exc:
        raise BatchCommandError(f"{name}: cannot be written ({exc.strerror})") from None
    try:
        with sink:
            yield sink
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def _progress_bar(total_bytes: int | None, err: TextIO) -> Iterator[ProgressCallback | None]:
    """A rich progress bar on ``err`` when it is a terminal, driven by the callback given."""
    if not err.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from bot.batch.stream import BatchProgress

    columns = (
        TextColumn("estimating"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rows]} rows, {task.fields[errors]} with errors"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(file=err), transient=True) as bar:
        task = bar.add_task("batch", total=total_bytes, rows="0", errors="0")

        def show(progress: BatchProgress) -> None:
            bar.update(
                task,
                completed=progress.bytes_read or 0,
                rows=f"{progress.rows:,}",
                errors=f"{progress.errors:,}",
            )

        yield show


def _summary_line(summary: BatchSummary, output: str) -> str:
    where = "" if output == STANDARD_STREAM else f", written to {output}"
    look = ": see the error column" if summary.errors else ""
    return (
        f"bijuli batch: {summary.rows:,} rows, {summary.errors:,} with errors{look}, "
        f"{summary.seconds:.1f} s ({summary.rows_per_second:,.0f} rows/s){where}"
    )


def run_command(input_name: str, output_name: str, *, month: dt.date | None, err: TextIO) -> int:
    """Run one batch between the named files; print the summary or the one-line problem."""
    from bot.batch.columns import BatchHeaderError
    from bot.batch.stream import run_batch

    try:
        source, size = _open_input(input_name)
        owned = nullcontext(source) if input_name == STANDARD_STREAM else source
        with owned, _output(output_name, input_name) as sink, _progress_bar(size, err) as show:
            summary = run_batch(source, sink, default_month=month, on_progress=show)
    except (BatchCommandError, BatchHeaderError) as exc:
        named = "standard input" if input_name == STANDARD_STREAM else input_name
        where = "" if isinstance(exc, BatchCommandError) else f"{named}: "
        print(f"bijuli batch: {where}{exc}", file=err)
        return EXIT_BAD_INPUT
    print(_summary_line(summary, output_name), file=err)
    return 0


def _batch(args: argparse.Namespace) -> int:
    return run_command(args.input, args.output, month=args.month, err=sys.stderr)


def register_batch(subcommands: Any) -> None:
    """``bijuli batch``: bill every row of a CSV file (see :mod:`bot.batch`)."""
    parser = subcommands.add_parser(
        "batch",
        help="estimate every row of a CSV file (bill request columns in, the bill's figures out)",
        description="Estimate every row of a CSV file. Columns are named as the bill API's "
        "fields (category, units, month, contract_demand, the flags...; previous_reading and "
        "present_reading instead of units); the output keeps them and adds every charge line, "
        "the duty, the rebates, payable_by_due_date, payable_after_due_date and error.",
    )
    parser.add_argument("input", metavar="IN.csv", help="the file to read, or - for stdin")
    parser.add_argument("output", metavar="OUT.csv", help="the file to write, or - for stdout")
    parser.add_argument(
        "--month", type=_month, help="consumption month YYYY-MM for rows that give none"
    )
    parser.set_defaults(handler=_batch)
