"""The file as a whole: header, column order, encodings and separators, progress."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

import pytest

from bot.batch import (
    OUTPUT_COLUMNS,
    BatchHeaderError,
    BatchLayout,
    BatchProgress,
    RowEstimator,
    csv_records,
    estimate_rows,
    run_batch,
)
from tests.batch.batch_support import batch_bytes, csv_text, output_rows, run_text

GOOD_PAYABLE = "1215.00"  # domestic, 250 units, May 2026


def test_input_columns_keep_their_order_names_and_unknown_columns() -> None:
    header = ["Consumer No", "Units", "note", " Category ", "Month", "Contract-Demand"]
    row = ["CN-001", "250", "corner shop, rear", "domestic", "2026-05", "1"]
    out_header, [out] = run_text(csv_text(header, row))
    assert out_header == [*header, *OUTPUT_COLUMNS]
    assert [out[column] for column in header] == row
    assert out["payable_by_due_date"] == GOOD_PAYABLE


def test_running_a_batch_on_its_own_output_replaces_the_figures() -> None:
    first = batch_bytes(csv_text(["category", "units", "month"], ["x", "250", "2026-05"]).encode())
    fixed = first.decode().replace("\nx,", "\ndomestic,", 1)
    header, [row] = output_rows(batch_bytes(fixed.encode()).decode())
    assert header == ["category", "units", "month", *OUTPUT_COLUMNS]  # no column twice
    assert row["error"] == ""
    assert row["payable_by_due_date"] == GOOD_PAYABLE


def test_an_excel_export_with_bom_and_crlf_is_read_and_the_bom_kept() -> None:
    text = csv_text(
        ["Name", "category", "units", "month"],
        ["ଅଶୋକ", "domestic", "250", "2026-05"],
        ["राम", "1.b", "250", "2026-05"],
        line_end="\r\n",
    )
    output = batch_bytes(b"\xef\xbb\xbf" + text.encode())
    assert output.startswith(b"\xef\xbb\xbfName,category,units,month,billed_as,")
    header, rows = output_rows(output.decode("utf-8-sig"))
    assert header[0] == "Name"
    assert [row["Name"] for row in rows] == ["ଅଶୋକ", "राम"]
    assert [row["payable_by_due_date"] for row in rows] == [GOOD_PAYABLE, GOOD_PAYABLE]
    assert b"\r\n" in output


def test_no_bom_in_no_bom_out() -> None:
    output = batch_bytes(b"category,units,month\ndomestic,250,2026-05\n")
    assert output.startswith(b"category,")


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_semicolon_or_tab_separated_file_is_answered_in_kind(separator: str) -> None:
    data = separator.join(["category", "units", "month"]) + "\n"
    data += separator.join(["domestic", "250", "2026-05"]) + "\n"
    output = batch_bytes(data.encode()).decode()
    rows = list(csv.DictReader(io.StringIO(output, newline=""), delimiter=separator))
    assert rows[0]["payable_by_due_date"] == GOOD_PAYABLE


def test_bytes_that_are_not_utf8_pass_through_unchanged() -> None:
    # A name saved in Windows-1252 ("José"): kept byte for byte, and the row is billed.
    data = b"name,category,units,month\nJos\xe9,domestic,250,2026-05\n"
    output = batch_bytes(data)
    assert b"\nJos\xe9,domestic,250,2026-05,1.b," in output
    assert b"," + GOOD_PAYABLE.encode() + b"," in output


def test_a_month_for_rows_without_one() -> None:
    header = ["category", "units", "month"]
    layout = BatchLayout.from_header(header)
    estimator = RowEstimator(layout, default_month=dt.date(2026, 5, 1))
    rows = [["domestic", "250", ""], ["domestic", "250", "2026-11"]]
    billed = list(estimate_rows(estimator, rows))
    month_column = header.index("month")
    assert [row.error for row in billed] == ["", ""]
    assert billed[0].cells[month_column] == ""  # the empty cell is kept as it was
    assert billed[0].cells[-3] == GOOD_PAYABLE


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "no header"),
        (b"\n\ncategory,units\n", "no header"),
        (b",,,\n", "no header"),
        (b"kind,units,month\ndomestic,250,2026-05\n", "no category column"),
        (b"category,Units,units\n", "columns 2 and 3 are both units"),
    ],
)
def test_a_header_that_cannot_be_used_stops_before_writing(data: bytes, says: str) -> None:
    sink = io.BytesIO()
    with pytest.raises(BatchHeaderError, match=says):
        run_batch(io.BytesIO(data), sink)
    assert sink.getvalue() == b""


def test_progress_is_reported_as_rows_go_and_once_at_the_end() -> None:
    count = 1234
    data = csv_text(["category", "units", "month"], *(["domestic", "250", "2026-05"],) * count)
    data += "nope,1,2026-05\n"
    heard: list[BatchProgress] = []
    summary = run_batch(io.BytesIO(data.encode()), io.BytesIO(), on_progress=heard.append)
    assert [p.rows for p in heard] == [500, 1000, count + 1]
    assert heard[-1].errors == 1
    assert (summary.rows, summary.errors) == (count + 1, 1)
    # The input is a seekable stream, so each report says how far into it the reader is.
    positions = [p.bytes_read for p in heard if p.bytes_read is not None]
    assert len(positions) == len(heard)
    assert positions == sorted(positions)
    assert positions[-1] == len(data)


def test_rows_stream_through_one_at_a_time() -> None:
    # The iterator bills a row only when asked for it: nothing is read ahead or kept.
    read: list[int] = []

    def rows() -> Iterator[list[str]]:
        for number in range(3):
            read.append(number)
            yield ["domestic", "250", "2026-05"]

    layout = BatchLayout.from_header(["category", "units", "month"])
    billed = estimate_rows(RowEstimator(layout), rows())
    next(billed)
    assert read == [0]
    next(billed)
    assert read == [0, 1]


def test_csv_records_go_on_after_a_bad_line() -> None:
    text = "a,b\n" + "x" * 200_000 + "\nc,d\n"
    records = list(csv_records(csv.reader(io.StringIO(text, newline=""))))
    assert records[0] == ["a", "b"]
    assert records[2] == ["c", "d"]
    assert not isinstance(records[1], list)
