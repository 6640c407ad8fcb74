"""The in-process runner: what a failure report shows, how values compare, the CLI's exits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli import main
from bot.scripts.cli import run_scripts
from bot.scripts.format import expand, load_script
from bot.scripts.runner import Remote, ServiceUnreachableError, _same, run_case, twiml_messages

PASSING = """\
name: passing
language: en
channel: sms
steps:
  - say: domestic 250
    # 1,195 - 25 rebate + duty 4% x 1,135 = 45.40 -> 1,215
    reply_contains: "By due date Rs 1,215"
    max_sms_segments: 2
    session: {state: estimate, answers.units: 250, answers.category: "1.b"}
    estimate: {total: "1195.00", payable_by_due_date: 1215, rebates: {prompt_payment: "25.00"}}
"""

FAILING = """\
name: failing
language: en
channel: whatsapp
steps:
  - say: hi
  - say: "1"
    reply_contains: "How many units"
    session: {state: units}
"""


def _script(tmp_path: Path, text: str, name: str = "script.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_passing_script(tmp_path: Path) -> None:
    path = _script(tmp_path, PASSING)
    (case,) = expand(load_script(path), path)
    result = run_case(case)
    assert result.status == "passed", result.report()
    assert result.steps_run == 1


def test_failure_report_names_file_step_expectation_and_full_reply(tmp_path: Path) -> None:
    path = _script(tmp_path, FAILING)
    (case,) = expand(load_script(path), path)
    result = run_case(case)
    assert result.status == "failed"
    report = result.report()
    assert str(path) in report
    assert "step 2 of 2: the user said '1'" in report
    assert "expected the reply to contain 'How many units'" in report
    assert "session state: expected 'units', got 'demand'" in report
    assert "    | What is the sanctioned load in kW?" in report


def test_wrong_figures_are_each_reported(tmp_path: Path) -> None:
    text = PASSING.replace('"1195.00"', '"1196.00"').replace("max_sms_segments: 2", "")
    text = text.replace('rebates: {prompt_payment: "25.00"}', 'rebates: {solar: "1.00"}')
    path = _script(tmp_path, text)
    (case,) = expand(load_script(path), path)
    report = run_case(case).report()
    assert "estimate total: expected 1196.00, got 1195.00" in report
    assert "rebate solar: expected ₹1.00, not offered (offered: prompt_payment" in report


def test_sms_segment_budget_and_silence(tmp_path: Path) -> None:
    text = PASSING.replace("max_sms_segments: 2", "max_sms_segments: 1")
    path = _script(tmp_path, text)
    (case,) = expand(load_script(path), path)
    assert "SMS segments, more than 1" in run_case(case).report()
    path = _script(
        tmp_path, "name: s\nlanguage: en\nchannel: sms\nsteps:\n  - say: STOP\n    no_reply: true\n"
    )
    (case,) = expand(load_script(path), path)
    assert "expected no reply" in run_case(case).report()


def test_estimate_expected_but_none(tmp_path: Path) -> None:
    text = "name: e\nlanguage: en\nchannel: sms\nsteps:\n  - say: hi\n    estimate: {total: 1}\n"
    (case,) = expand(load_script(path := _script(tmp_path, text)), path)
    assert (
        "expected an estimate, but the session has none (state: category)"
        in run_case(case).report()
    )


@pytest.mark.parametrize(
    ("expected", "actual", "same"),
    [
        (250, "250", True),
        ("250", "250.00", True),
        (250, "251", False),
        (None, None, True),
        (None, "x", False),
        (False, False, True),
        (False, None, False),
        (0, False, False),
        ("1.b", "1.b", True),
        (["demand", "units"], ["demand", "units"], True),
        (["demand"], ["demand", "units"], False),
        ({"units": 250}, {"units": "250", "demand": None}, True),
    ],
)
def test_same(expected: object, actual: object, same: bool) -> None:
    assert _same(expected, actual) is same


def test_twiml_messages() -> None:
    twiml = (
        '<?xml version="1.0" encoding="UTF-8"?><Response><Message>one</Message>'
        "<Message><Body>two</Body></Message></Response>"
    )
    assert twiml_messages(twiml) == ["one", "two"]
    assert twiml_messages("<Response/>") == []
    with pytest.raises(ValueError, match="not TwiML"):
        twiml_messages("<html/>")


def test_cli_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _script(tmp_path, PASSING, "good.yaml")
    bad = _script(tmp_path, FAILING, "bad.yaml")
    broken = _script(tmp_path, "name: x\n", "broken.yaml")
    assert main(["script", "run", str(good)]) == 0
    assert "1 passed, 0 failed" in capsys.readouterr().out
    assert main(["script", "run", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "FAIL " in out
    assert "1 passed, 1 failed" in out
    assert main(["script", "run", str(broken)]) == 2
    assert "broken.yaml: key 'language': missing" in capsys.readouterr().err


def test_run_scripts_on_a_directory_lists_every_case(tmp_path: Path) -> None:
    _script(tmp_path, PASSING, "a.yaml")
    _script(tmp_path, PASSING.replace("name: passing", "name: other"), "b.yml")
    out, err = io.StringIO(), io.StringIO()
    assert run_scripts([tmp_path], out, err, verbose=True) == 0
    assert out.getvalue().count("ok   ") == 2
    assert err.getvalue() == ""


class _FlushLog(io.StringIO):
    """An output stream that remembers how many lines it held at each flush."""

    def __init__(self) -> None:
        super().__init__()
        self.lines_at_flush: list[int] = []

    def flush(self) -> None:
        self.lines_at_flush.append(self.getvalue().count("\n"))
        super().flush()


def test_each_case_is_reported_as_it_finishes(tmp_path: Path) -> None:
    _script(tmp_path, PASSING, "a.yaml")
    _script(tmp_path, FAILING, "b.yaml")
    _script(tmp_path, PASSING.replace("name: passing", "name: other"), "c.yaml")
    out = _FlushLog()
    assert run_scripts([tmp_path], out, io.StringIO()) == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("ok   ")
    assert lines[0].endswith("a.yaml: passing")
    assert lines[1].startswith("FAIL ")
    assert lines[1].endswith("b.yaml: failing")
    failure_details = [line for line in lines if line.startswith("  ")]
    assert failure_details, "a failure shows its step and replies under its line"
    assert lines[-2].startswith("ok   ")
    assert lines[-2].endswith("c.yaml: other")
    assert lines[-1].startswith("2 passed, 1 failed, 0 skipped (3 cases")
    # flushed after the first case, before the second one ran: progress, not a final dump
    assert out.lines_at_flush[0] == 1
    assert len(out.lines_at_flush) >= 3


def test_a_service_that_goes_away_stops_the_run_in_one_line(tmp_path: Path) -> None:
    _script(tmp_path, FAILING.replace("name: failing", "name: first"), "a.yaml")
    _script(tmp_path, FAILING.replace("name: failing", "name: second"), "b.yaml")
    url = "http://127.0.0.1:9"

    def refused(target: str, data: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
        raise ServiceUnreachableError(url, "connection refused")

    remote = Remote(url, "https://bijuli.example.in", "token", refused, month="2026-05")
    out, err = io.StringIO(), io.StringIO()
    assert run_scripts([tmp_path], out, err, remote=remote) == 2
    assert err.getvalue() == f"bijuli: cannot reach {url}: connection refused\n"
    assert "0 passed, 0 failed, 0 skipped, 2 not run" in out.getvalue()
    assert "FAIL" not in out.getvalue()
