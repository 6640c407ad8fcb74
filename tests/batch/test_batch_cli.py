"""`bijuli batch` as an operator runs it: a real process, real files, pipes and a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.batch.batch_support import csv_text, output_rows

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["consumer", "category", "units", "month"]
ROWS = [
    ["C1", "domestic", "250", "2026-05"],
    ["C2", "domestic", "-1", "2026-05"],
    ["C3", "1.b", "250", "2026-05"],
]


def bijuli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_a_file_in_a_file_out_with_a_summary_line(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(csv_text(HEADER, *ROWS), encoding="utf-8")
    target = tmp_path / "out.csv"
    result = bijuli("batch", str(source), str(target))
    assert result.returncode == 0, result.stderr  # a row with an error does not fail the run
    header, rows = output_rows(target.read_text(encoding="utf-8"))
    assert header[: len(HEADER)] == HEADER
    assert [row["payable_by_due_date"] for row in rows] == ["1215.00", "", "1215.00"]
    assert "units '-1' is below 0" in rows[1]["error"]
    # Not a terminal: no progress bar, only the summary line.
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("bijuli batch: 3 rows, 1 with errors: see the error column, ")
    assert "rows/s" in lines[0]
    assert lines[0].endswith(f"written to {target}")
    assert result.stdout == b""
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_dash_reads_stdin_and_writes_stdout() -> None:
    result = bijuli("batch", "-", "-", stdin=csv_text(HEADER, *ROWS).encode())
    assert result.returncode == 0, result.stderr
    _, rows = output_rows(result.stdout.decode())
    assert [row["consumer"] for row in rows] == ["C1", "C2", "C3"]
    assert result.stderr.decode().startswith("bijuli batch: 3 rows, 1 with errors")


def test_month_option_fills_empty_month_cells() -> None:
    data = csv_text(["category", "units", "month"], ["domestic", "250", ""])
    result = bijuli("batch", "-", "-", "--month", "2026-05", stdin=data.encode())
    assert result.returncode == 0, result.stderr
    _, [row] = output_rows(result.stdout.decode())
    assert row["payable_by_due_date"] == "1215.00"
    bad = bijuli("batch", "-", "-", "--month", "May", stdin=data.encode())
    assert bad.returncode == 2
    assert b"'May' is not a month as YYYY-MM" in bad.stderr


def test_unusable_files_exit_2_with_one_line(tmp_path: Path) -> None:
    no_category = tmp_path / "no-category.csv"
    no_category.write_text("name,units,month\nA,250,2026-05\n", encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    target = tmp_path / "out.csv"
    cases = {
        str(tmp_path / "missing.csv"): "missing.csv: no such file",
        str(no_category): "no-category.csv: the file has no category column",
        str(empty): "empty.csv: the file has no header",
        str(tmp_path): "cannot be read",
    }
    for source, says in cases.items():
        result = bijuli("batch", source, str(target))
        assert result.returncode == 2, source
        lines = result.stderr.decode().splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith("bijuli batch: ")
        assert says in lines[0]
        assert not target.exists()  # nothing half-written is left
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "empty.csv",
        "no-category.csv",
    ]


def test_the_input_file_is_never_the_output(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    original = csv_text(HEADER, *ROWS)
    source.write_text(original, encoding="utf-8")
    result = bijuli("batch", str(source), str(source))
    assert result.returncode == 2
    assert b"is the input file" in result.stderr
    assert source.read_text(encoding="utf-8") == original


def test_a_progress_bar_when_stderr_is_a_terminal(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(csv_text(HEADER, *ROWS * 400), encoding="utf-8")
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "batch", str(source), str(tmp_path / "out.csv")],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=terminal,
            env={**os.environ, "TERM": "xterm", "COLUMNS": "120"},
        )
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            shown += chunk
        assert process.wait(timeout=120) == 0
    finally:
        os.close(controller)
    text = shown.decode(errors="replace")
    assert "estimating" in text  # the bar's label
    assert "bijuli batch: 1,200 rows, 400 with errors" in text
