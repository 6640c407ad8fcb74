"""Collect every conversation script under tests/conversations/ as its own test.

Each YAML file is one collector; each of its variants is one test, with the id
``script-name`` or ``script-name[variant-label]``. A script that does not load is a collection
error naming the file, the step and the key; a failing step shows the file, the step, what was
expected and everything the bot said. See CONTRIBUTING.md, "Writing a conversation script".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.scripts.format import SCRIPT_SUFFIXES, Case, ScriptError, expand, load_script
from bot.scripts.runner import CaseResult, run_case


class ScriptFailedError(Exception):
    """A script's step did not hold; the argument is the runner's full report."""


class ScriptFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        try:
            script = load_script(self.path)
        except ScriptError as exc:
            raise self.CollectError(str(exc)) from None
        for case in expand(script, self.path):
            yield ScriptItem.from_parent(self, name=case.test_id, case=case)


class ScriptItem(pytest.Item):
    def __init__(self, *, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        result: CaseResult = run_case(self.case)
        if not result.passed:
            raise ScriptFailedError(result.report())

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ScriptFailedError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"script {self.case.test_id}"


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ScriptFile | None:
    if file_path.suffix in SCRIPT_SUFFIXES:
        return ScriptFile.from_parent(parent, path=file_path)
    return None
