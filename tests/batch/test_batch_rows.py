"""Rows that cannot be billed get a message that says what to fix; their neighbours are billed."""

from __future__ import annotations

import pytest

from bot.batch import OUTPUT_COLUMNS
from tariff_core import BillEstimate, BillRequest, Tariff
from tests.batch.batch_support import csv_text, run_text

HEADER = ["category", "units", "month"]
GOOD = ["domestic", "250", "2026-05"]
GOOD_PAYABLE = "1215.00"  # 1,195 - 25 + duty 45.40, rounded (see test_batch_figures)


def _errors(*rows: list[str], header: list[str] = HEADER) -> list[str]:
    _, output = run_text(csv_text(header, *rows))
    return [row["error"] for row in output]


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        (["domestik", "250", "2026-05"], ["unknown category", "did you mean"]),
        (["Gadget", "250", "2026-05"], ["unknown category", "tariff_core categories"]),
        (["domestic", "-5", "2026-05"], ["units '-5' is below 0", "give 0 or more"]),
        (["domestic", "2,50", "2026-05"], ["not a number", "no commas"]),
        (["#$%&", "lots", "yesterday"], ["units 'lots' is not a number", "YYYY-MM"]),
        (["domestic", "", "2026-05"], ["units is empty", "previous_reading"]),
        (["domestic", "250", ""], ["month is empty", "YYYY-MM"]),
        (["domestic", "250", "2019-05"], ["no tariff order covers", "or later"]),
        (["23", "500000", "2026-11"], ["needs the contract demand", "give contract_demand"]),
    ],
)
def test_a_bad_row_gets_its_error_and_its_neighbours_are_billed(
    bad: list[str], says: list[str]
) -> None:
    _, output = run_text(csv_text(HEADER, GOOD, bad, GOOD))
    assert [row["payable_by_due_date"] for row in output] == [GOOD_PAYABLE, "", GOOD_PAYABLE]
    assert output[0]["error"] == output[2]["error"] == ""
    error = output[1]["error"]
    for words in says:
        assert words in error, error
    # The bad row keeps its input and every figure is empty.
    assert [output[1][column] for column in HEADER] == bad
    assert all(output[1][column] == "" for column in OUTPUT_COLUMNS[:-1])


def test_several_problems_in_one_row_are_named_together() -> None:
    header = [*HEADER, "rural", "meter", "days_late"]
    [error] = _errors(["domestic", "abc", "2026-05", "maybe", "analog", "1.5"], header=header)
    assert "units 'abc' is not a number" in error
    assert "rural 'maybe' is not yes or no" in error
    assert "meter 'analog' is not one of 'single-phase-static'" in error
    assert "and 1 more" in error  # days_late: at most three are spelt out


def test_flags_read_yes_no_true_false_and_digits() -> None:
    header = [*HEADER, "rural", "ebill"]
    _, output = run_text(
        csv_text(header, [*GOOD, "Yes", "TRUE"], [*GOOD, "no", "0"], [*GOOD, "", ""])
    )
    assert output[0]["rebate_rural"] != "0.00"
    assert output[0]["rebate_ebill"] == "10.00"
    assert output[1]["rebate_rural"] == output[2]["rebate_rural"] == "0.00"
    assert output[1]["rebate_ebill"] == output[2]["rebate_ebill"] == "0.00"


READINGS = ["category", "month", "previous_reading", "present_reading", "units"]


def test_readings_give_the_units() -> None:
    _, output = run_text(
        csv_text(
            READINGS,
            ["domestic", "2026-05", "10250", "10500", ""],
            ["domestic", "2026-05", "10250", "10500", "250"],  # units agreeing are fine
            ["domestic", "2026-05", "0", "0", ""],
        )
    )
    assert [row["error"] for row in output] == ["", "", ""]
    assert [row["units_billed"] for row in output] == ["250", "250", "0"]
    assert output[0]["payable_by_due_date"] == GOOD_PAYABLE
    assert output[0]["units"] == ""  # the input cell stays as it was


@pytest.mark.parametrize(
    ("readings", "says"),
    [
        (["10500", "10250", ""], "below previous_reading '10500': check the two readings"),
        (["99950", "30", ""], "if the meter rolled over, give units instead"),
        (["-3", "200", ""], "previous_reading '-3' is negative"),
        (["100", "2OO", ""], "present_reading '2OO' is not a number"),
        (["100", "", ""], "give both previous_reading and present_reading"),
        (["", "300", ""], "give both previous_reading and present_reading"),
        (["100", "300", "250"], "units '250' differ from the readings (200 units)"),
    ],
)
def test_readings_that_do_not_give_units_are_the_rows_error(readings: list[str], says: str) -> None:
    [error] = _errors(["domestic", "2026-05", *readings], header=READINGS)
    assert says in error, error


def test_a_row_with_more_cells_than_the_header_says_to_quote_commas() -> None:
    text = "category,units,month\ndomestic,1,250,2026-05\ndomestic,250,2026-05\n"
    _, output = run_text(text)
    assert "4 cells but the header names 3 columns" in output[0]["error"]
    assert "quotes" in output[0]["error"]
    assert output[1]["payable_by_due_date"] == GOOD_PAYABLE


def test_short_rows_are_padded_and_empty_rows_skipped() -> None:
    text = (
        "name,category,units,month,rural\nA,domestic,250,2026-05\n,,,,\n\nB,domestic,250,2026-05,\n"
    )
    _, output = run_text(text)
    assert [row["name"] for row in output] == ["A", "B"]
    assert [row["payable_by_due_date"] for row in output] == [GOOD_PAYABLE, GOOD_PAYABLE]
    assert output[0]["rural"] == ""


def test_a_line_the_csv_reader_cannot_split_is_an_error_row() -> None:
    huge = "x" * 200_000  # above the csv module's field size limit
    text = f"category,units,month\ndomestic,250,2026-05\n{huge},1,2026-05\ndomestic,250,2026-05\n"
    _, output = run_text(text)
    assert len(output) == 3
    assert "could not be read as CSV" in output[1]["error"]
    assert output[1]["category"] == ""  # nothing of the line is kept
    assert [output[0]["error"], output[2]["error"]] == ["", ""]


def test_an_unexpected_failure_is_the_rows_error_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tariff_core import estimate as real_estimate

    def failing_for_irrigation(request: BillRequest, tariff: Tariff | None = None) -> BillEstimate:
        if request.category == "3":
            raise ZeroDivisionError("a defect")
        return real_estimate(request, tariff)

    monkeypatch.setattr("bot.batch.rows.estimate", failing_for_irrigation)
    errors = _errors(GOOD, ["3", "100", "2026-05"], GOOD)
    assert errors[0] == errors[2] == ""
    assert errors[1].startswith("internal error (ZeroDivisionError) while billing this row")
    assert "report it" in errors[1]
